import BackupSet
import Fiscal
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// Every call the screen makes into the engine, each one the same call the command line
/// makes (`scan`, `backups`, `verify`, `restore`, `diff`, `undo`, `check`), so that the
/// screen can never do something the CLI would not. Results are JSON documents with the
/// CLI's keys.
public struct StoreActions: Sendable {
    public let data: String
    public let backups: String?
    public let xml: String?
    public let config: String?
    let verified: VerifiedSets

    public init(data: String, backups: String?, xml: String? = nil, config: String? = nil) {
        self.data = data
        self.backups = backups
        self.xml = xml
        self.config = config
        self.verified = VerifiedSets()
    }

    /// Where `Comparar` restores into: `DATA/.resgate/sandbox/<id>`, never DATA itself.
    public func sandboxFolder(_ id: String) -> String { data + "/.resgate/sandbox/" + id }

    // MARK: reading

    /// `resgate scan DATA --json` (after finishing any interrupted operation, as scan does).
    public func scan(language: Language) throws -> Data {
        recoverIfIdle()
        struct Document: Encodable { var tables: [TableSummary] }
        return try JSONCoding.encode(Document(tables: StoreScanner.scan(folder: data, language: language)))
    }

    /// `resgate backups ROOT --json`, plus whether this server verified each set and with
    /// what outcome.
    public func listBackups(language: Language) throws -> Data {
        struct Entry: Encodable {
            var id, name, path, kind: String
            /// `set` or `tables` (a folder or zip of DBF tables).
            var content: String
            var date: String?
            var bytes, tables: Int
            var manifest: Bool
            var slot: String?
            var verification: VerifiedSets.Outcome?
        }
        struct Unreadable: Encodable { var path: String; var defects: [String] }
        struct Document: Encodable { var root: String?; var sets: [Entry]; var unreadable: [Unreadable] }
        guard let backups else { return try JSONCoding.encode(Document(root: nil, sets: [], unreadable: [])) }
        let listing: BackupRoot.Listing
        do { listing = try BackupRoot.list(backups) } catch {
            throw WebError(404, "no-backup-root", pt: "não foi possível ler a pasta de backups \(backups)",
                           en: "cannot read the backup folder \(backups)")
        }
        let iso = ISO8601DateFormatter()
        iso.timeZone = .current
        // folders of DBF tables (a corrected table brought back) are offered beside the sets
        let sets = (listing.sets + TableFolderSource.folders(in: backups, besides: listing.sets)).map { s in
            let id = (s.path as NSString).lastPathComponent
            let tables = TableFolderSource.holdsTables(s)
            return Entry(id: id, name: s.name, path: s.path, kind: s.kind.rawValue,
                         content: (tables ? RestoreSourceKind.tableFolder : .backupSet).rawValue,
                         date: s.date.map(iso.string(from:)), bytes: s.bytes,
                         tables: tables ? TableFolderSource(listing: s).tableNames.count : s.tables.count,
                         manifest: s.manifest != nil, slot: s.slot?.name, verification: verified.outcome(s.path))
        }
        let bad = listing.unreadable.map { Unreadable(path: $0.path, defects: $0.defects.map { $0.message(in: language) }) }
        return try JSONCoding.encode(Document(root: backups, sets: sets, unreadable: bad))
    }

    /// `resgate undo --data DATA --list --json`.
    public func undoList() throws -> Data {
        recoverIfIdle()
        struct Document: Encodable { var snapshots: [UndoStore.Snapshot] }
        return try JSONCoding.encode(Document(snapshots: UndoStore(data: data).list()))
    }

    /// The path of set `id` (its file or folder name) inside the backup root. Only sets the
    /// root lists can be named: a request can never point the engine at another path.
    public func setPath(_ id: String) throws -> String {
        guard let backups else {
            throw WebError(400, "no-backup-root", pt: "o servidor foi aberto sem --backups", en: "the server was started without --backups")
        }
        guard !id.isEmpty, !id.contains("/"), !id.contains("\\"), id != ".", id != ".." else {
            throw WebError.badRequest("nome de backup inválido", "invalid backup name")
        }
        let path = backups + "/" + id
        guard FileManager.default.fileExists(atPath: path) else {
            throw WebError.notFound("o backup \(id) não existe em \(backups)", "backup \(id) does not exist in \(backups)")
        }
        return path
    }

    // MARK: operations (run by OperationCenter on their own thread)

    /// `resgate verify SET --json`.
    public func verify(set id: String, language: Language, context: OperationCenter.Context) throws -> Data {
        let path = try setPath(id)
        context.emit(.message(Words(pt: "Verificando o backup \(id)…", en: "Verifying backup \(id)…")))
        let report = SetVerifier.verify(path)
        verified.record(path, ok: report.ok, defects: report.defects.count)
        struct D: Encodable { var table, file: String?; var line: Int?; var field: String?; var kind, message: String }
        struct T: Encodable { var name: String; var records: Int }
        struct Document: Encodable { var set: String; var ok: Bool; var tables: [T]; var defects: [D] }
        return try JSONCoding.encode(Document(
            set: id, ok: report.ok, tables: report.tables.map { T(name: $0.name, records: $0.records) },
            defects: report.defects.map { D(table: $0.table, file: $0.file, line: $0.line, field: $0.field,
                                            kind: $0.kind.rawValue, message: $0.message(in: language)) }))
    }

    /// What `restore` and `compare` ask for.
    public struct RestoreRequest: Sendable, Decodable {
        public var set: String
        /// Nil or empty: every table of the set.
        public var tables: [String]?
        public var dryRun: Bool?
        public var skipBadLines: Bool?
        public var blankMemos: Bool?
        /// Key fields for the comparison (empty: record order).
        public var key: [String]?
        public var lang: String?
    }

    /// `resgate restore SET --data DATA (--all | --table T …) [--dry-run] --json`, with the
    /// post-restore `check` run right after a restore that changed DATA.
    public func restore(_ r: RestoreRequest, language: Language, context: OperationCenter.Context) throws -> Data {
        let report = try runRestorer(r, into: nil, language: language, context: context)
        var check: Data? = nil
        if report.id != nil && !report.dryRun {
            // no message here: the ERP's "Processamento efetuado." stays the last word
            check = try? checkDocument(language: language)
        }
        return try splice(["restore": JSONCoding.encode(report), "check": check])
    }

    /// `resgate restore SET --data DATA --table T … --into DATA/.resgate/sandbox/<id>`, then
    /// `resgate diff SET --data DATA --table T [--key K]` for each table restored.
    public func compare(_ r: RestoreRequest, language: Language, context: OperationCenter.Context) throws -> Data {
        let sandbox = sandboxFolder(OperationCenter.newID())
        let report = try runRestorer(r, into: sandbox, language: language, context: context)
        let source = try RestoreSources.open(try setPath(r.set))
        struct Failed: Encodable { var table: String; var error: String }
        var diffs: [Data] = []
        for t in report.tables where t.status == "restored" {
            if context.isCancelled { break }
            guard let live = liveFile(t.name) else {
                diffs.append(try JSONCoding.encode(Failed(table: t.name, error: language == .pt
                    ? "a tabela não existe nos dados" : "the table does not exist in the data")))
                continue
            }
            context.emit(.message(Words(pt: "Comparando \(t.name)…", en: "Comparing \(t.name)…")))
            do {
                let d = try TableDiff.compare(source: try source.table(named: t.name), livePath: data + "/" + live,
                                              key: r.key ?? [], exampleLimit: 20)
                diffs.append(try JSONCoding.encode(d))
            } catch TableDiff.DiffError.unknownKey(let k) {
                diffs.append(try JSONCoding.encode(Failed(table: t.name, error: language == .pt
                    ? "o campo-chave \(k) não existe no backup e na tabela" : "key field \(k) is not in both the backup and the table")))
            } catch {
                diffs.append(try JSONCoding.encode(Failed(table: t.name, error: "\(error)")))
            }
        }
        let list = Data("[".utf8) + diffs.joined(separator: Data(",".utf8)) + Data("]".utf8)
        return try splice(["sandbox": JSONCoding.encode(sandbox), "restore": JSONCoding.encode(report), "diffs": list])
    }

    /// `resgate undo --data DATA ID --yes --json`.
    public func undo(id: String, context: OperationCenter.Context) throws -> Data {
        let store = UndoStore(data: data)
        let snap = store.list().first { $0.id == id }
        context.emit(.message(Words(pt: "Desfazendo \(id)…", en: "Undoing \(id)…")))
        do {
            let newID = try store.undo(id: id)
            struct Document: Encodable { var undone: String; var id: String; var tables: [String] }
            context.emit(.message(Words(pt: "Tabelas devolvidas: " + (snap?.tables ?? []).joined(separator: ", "),
                                        en: "Tables put back: " + (snap?.tables ?? []).joined(separator: ", "))))
            return try JSONCoding.encode(Document(undone: id, id: newID, tables: snap?.tables ?? []))
        } catch let e as UndoStore.UndoError {
            if case .noSuchSnapshot = e { throw WebError.notFound("cópia \(id) não existe", e.description) }
            throw WebError(409, "undo-refused", pt: "desfazer recusado: \(e.description)", en: "undo refused: \(e.description)")
        }
    }

    /// `resgate check --data DATA [--xml DIR] [--config FILE] --json`.
    public func check(language: Language, context: OperationCenter.Context) throws -> Data {
        context.emit(.message(Words(pt: "Conferindo…", en: "Checking…")))
        return try checkDocument(language: language)
    }

    func checkDocument(language: Language) throws -> Data {
        do {
            return try FiscalCheck.run(data: data, xml: xml, config: config, language: language).json(pretty: false)
        } catch let e as FiscalError {
            throw WebError(422, "check-input", pt: "entrada inutilizável: \(e.description)", en: "unusable input: \(e.description)")
        }
    }

    // MARK: helpers

    /// Finishes an interrupted operation, but only while nobody holds the folder lock: the
    /// list may be asked for while a restore of this very server is swapping tables, and
    /// "recovering" a swap in progress would fight it.
    func recoverIfIdle() {
        guard let lock = FolderLock(folder: data) else { return }
        _ = try? Recovery.recoverAllLocked(data: data)
        withExtendedLifetime(lock) {}
    }

    func runRestorer(_ r: RestoreRequest, into: String?, language: Language,
                     context: OperationCenter.Context) throws -> RestoreReport {
        let source: any RestoreSource
        do { source = try RestoreSources.open(try setPath(r.set)) } catch let e as BackupSetError {
            throw WebError(422, "unreadable-set", pt: e.defects.map { $0.message(in: .pt) }.joined(separator: "; "),
                           en: e.defects.map { $0.message(in: .en) }.joined(separator: "; "))
        }
        let tables = (r.tables ?? []).map { $0.uppercased() }
        let options = RestoreOptions(tables: tables.isEmpty ? nil : tables, dryRun: r.dryRun ?? false, into: into,
                                     skipBadLines: r.skipBadLines ?? false, blankMemos: r.blankMemos ?? false,
                                     language: language)
        var plan = OperationEvent(type: "plan")
        for name in options.tables ?? source.tableNames {
            plan.table = name
            plan.expected = source.tableNames.contains(name) ? (try? source.table(named: name))?.expectedRecords : nil
            context.emit(plan)
        }
        let restorer = Restorer(source: source, data: data, options: options) { e in
            context.emit(EventMapping.event(e))
        }
        restorer.isCancelled = { context.isCancelled }
        // test hook (see the cancel test): after 1,000 records the restore waits (at most a
        // minute) for a cancel, so the cancel sent over HTTP lands while records are being
        // written however slow the machine is; unset, nothing changes
        if ProcessInfo.processInfo.environment["RESGATE_WEB_TEST_HOLD_FOR_CANCEL"] == "1" {
            var n = 0
            restorer.afterEachRecord = {
                n += 1
                guard n == 1_000 else { return }
                let deadline = Date().addingTimeInterval(60)
                while !context.isCancelled && Date() < deadline { usleep(10_000) }
            }
        }
        return try restorer.run()
    }

    /// The live file of a table (`NAME.DBF` in any letter case).
    func liveFile(_ table: String) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        return files.first { $0.lowercased() == table.lowercased() + ".dbf" }
    }

    /// `{"a": <raw>, "b": <raw>}` from already-encoded members, keys sorted.
    func splice(_ members: [String: Data?]) throws -> Data {
        var out = Data("{".utf8)
        for (i, k) in members.keys.sorted().enumerated() {
            if i > 0 { out += Data(",".utf8) }
            out += try JSONCoding.encode(k) + Data(":".utf8) + ((members[k] ?? nil) ?? Data("null".utf8))
        }
        return out + Data("}".utf8)
    }
}

/// The engine's restore events as progress events.
enum EventMapping {
    static func event(_ e: RestoreEvent) -> OperationEvent {
        if let w = e.words() { return .message(w) }
        switch e {
        case let .tableProgress(table, records, expected, seconds):
            var x = OperationEvent(type: "progress")
            x.table = table; x.records = records; x.expected = expected; x.seconds = seconds
            return x
        case let .tableDone(table, records, seconds):
            var x = OperationEvent(type: "tableDone")
            x.table = table; x.records = records; x.seconds = seconds
            return x
        default:
            return OperationEvent(type: "message")
        }
    }
}

/// Which sets this server verified, and the outcome: shown beside each set.
final class VerifiedSets: @unchecked Sendable {
    struct Outcome: Encodable, Sendable { var ok: Bool; var defects: Int; var at: String }
    private let lock = NSLock()
    private var outcomes: [String: Outcome] = [:]

    func record(_ path: String, ok: Bool, defects: Int) {
        lock.lock(); defer { lock.unlock() }
        outcomes[path] = Outcome(ok: ok, defects: defects, at: ISO8601DateFormatter().string(from: Date()))
    }

    func outcome(_ path: String) -> Outcome? { lock.lock(); defer { lock.unlock() }; return outcomes[path] }
}
