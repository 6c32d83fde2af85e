import BackupSet
import Fiscal
import Foundation
import ResgateLocale
import RestoreKit
import StoreOps
import XBase

/// Every call the screen makes into the engine, each one the same operation the command
/// line calls (StoreOps: `scan`, `backups`, `verify`, `restore`, `diff`, `undo`, `check`),
/// so that the screen can never do something the CLI would not. Results are the
/// operations' typed documents, encoded by the same `JSONDocument` (compact on the wire).
public struct StoreActions: Sendable {
    public let data: String
    public let backups: String?
    public let xml: String?
    public let config: String?
    let verified: VerifiedSets
    var ops: StoreOperations { StoreOperations(data: data) }

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
        try encode(ScreenTables(try web(404, "no-data") { try ops.scan(language: language) }, data: data))
    }

    /// `resgate backups ROOT --json`, plus whether this server verified each set and with
    /// what outcome.
    public func listBackups(language: Language) throws -> Data {
        struct Document: Encodable { var root: String?; var sets: [VerifiedSetEntry]; var unreadable: [BackupListing.Unreadable] }
        guard let backups else { return try encode(Document(root: nil, sets: [], unreadable: [])) }
        let listing = try web(404, "no-backup-root") { try SetOperations.list(backups, language: language, tableFolders: true) }
        let sets = listing.sets.map { s in
            var s = s
            s.id = (s.path as NSString).lastPathComponent
            return VerifiedSetEntry(set: s, verification: verified.outcome(s.path))
        }
        return try encode(Document(root: backups, sets: sets, unreadable: listing.unreadable))
    }

    /// `resgate undo --data DATA --list --json`.
    public func undoList() throws -> Data { try encode(ops.snapshots()) }

    /// The path of set `id` (its file or folder name) inside the backup root. Only sets the
    /// root lists can be named: a request can never point the engine at another path.
    /// An absolute path (picked in the chooser's folder browser) names any folder or
    /// `.zip` on the machine instead; it is only ever read.
    public func setPath(_ id: String) throws -> String {
        if id.hasPrefix("/") { return try browsedPath(id) }
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

    /// An absolute path to a folder or a `.zip` file that exists, standardized.
    func browsedPath(_ raw: String) throws -> String {
        let path = (raw as NSString).standardizingPath
        var isDir: ObjCBool = false
        guard path.hasPrefix("/"), !path.contains("\0"), FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw WebError.notFound("\(raw) não existe", "\(raw) does not exist")
        }
        guard isDir.boolValue || path.lowercased().hasSuffix(".zip") else {
            throw WebError.badRequest("\(raw) não é uma pasta nem um arquivo .zip", "\(raw) is neither a folder nor a .zip file")
        }
        // only a backup set or a folder of tables: any other folder (/etc) is refused here,
        // before an operation starts
        guard let set = try? BackupSet.open(path), !set.tables.isEmpty || TableFolderSource.holdsTables(set) else {
            throw WebError.badRequest("\(raw) não é um backup nem uma pasta de tabelas DBF",
                                      "\(raw) is neither a backup set nor a folder of DBF tables")
        }
        return path
    }

    /// The chooser's folder browser: the subfolders and zips of `folder` (default: the
    /// backup root, else the data folder's parent).
    public func browse(_ folder: String?) throws -> Data {
        let start = folder.flatMap { $0.isEmpty ? nil : $0 } ?? backups ?? (data as NSString).deletingLastPathComponent
        let absolute = start.hasPrefix("/") ? start : FileManager.default.currentDirectoryPath + "/" + start
        return try encode(try web(404, "unreadable-folder") { try FolderListing.list(absolute) })
    }

    /// One browsed set or folder of tables, described as `/api/backups` lists a set; its
    /// `id` is its absolute path, which every operation accepts as `set`.
    public func describeSet(_ raw: String, language: Language) throws -> Data {
        let path = try browsedPath(raw)
        var e = try web(422, "unreadable-set") { try SetOperations.describe(path, language: language) }
        e.id = path
        return try encode(VerifiedSetEntry(set: e, verification: verified.outcome(path)))
    }

    // MARK: operations (run by OperationCenter on their own thread)

    /// `resgate verify SET --json`.
    public func verify(set id: String, language: Language, context: OperationCenter.Context) throws -> Data {
        let path = try setPath(id)
        context.emit(.message(Phrase.verifyingSet(id).words))
        var report = try web(422, "unreadable-set") { try SetOperations.verify(path, language: language, progress: ProgressEvents.sink(context)) }
        verified.record(path, ok: report.ok, defects: report.defectCount)
        report.set = id
        return try encode(report)
    }

    /// What `restore` and `compare` ask for.
    public struct RestoreRequest: Sendable, Decodable {
        public var set: String
        /// Nil or empty: every table of the set.
        public var tables: [String]?
        public var dryRun: Bool?
        public var skipBadLines: Bool?
        public var blankMemos: Bool?
        /// Key fields for the comparison (empty: record order); with `merge`, the merge's
        /// key as `restore --merge --key` takes it (empty: config, else a CDX tag).
        public var key: [String]?
        /// `restore --merge`: the set's records plus every readable live record it lacks.
        public var merge: Bool?
        /// With `dryRun` (and no `merge`): when the plain dry run is not refused, run the
        /// merge as a dry run too and answer `merge: {restore, advice}` (the dialog's option).
        public var mergePreview: Bool?
        public var lang: String?

        /// The operations layer's request (each table name checked).
        func request(into: String?) throws -> StoreOps.RestoreRequest {
            let tables = try web(400, "bad-table") { try StoreOps.RestoreRequest.tables(self.tables ?? []) }
            return StoreOps.RestoreRequest(tables: tables, dryRun: dryRun ?? false, into: into,
                                           skipBadLines: skipBadLines ?? false, blankMemos: blankMemos ?? false)
        }
    }

    /// `resgate restore SET --data DATA (--all | --table T …) [--dry-run] --json`, then the
    /// post-restore `check` when `PostRestoreCheck` (the CLI's policy too) asks for it.
    public func restore(_ r: RestoreRequest, language: Language, context: OperationCenter.Context) throws -> Data {
        let report = try runRestorer(r, into: nil, language: language, context: context)
        var merge: Data? = nil
        if r.dryRun == true, r.mergePreview == true, r.merge != true, !report.anyRefused, !context.isCancelled {
            merge = try mergePreview(r, language: language, context: context)
        } else if r.merge == true {
            // the per-table words of the merge report (counts, key, unreadable by number)
            merge = try splice(["restore": nil, "advice": encode(MergeAdvice(mergeDryRun: report))])
        }
        var check: CheckReport? = nil
        var checkFailure: String? = nil
        if PostRestoreCheck.wanted(after: report, data: data, xml: xml, config: config) {
            do { check = try CheckOperation.run(data: data, xml: xml, config: config, language: language,
                                                 progress: ProgressEvents.sink(context)) }
            catch { checkFailure = error.text(in: language) }
        }
        return try restoreDocument(report, check: check, checkFailure: checkFailure, request: r,
                                   language: language, context: context, merge: merge)
    }

    /// `resgate restore SET --data DATA --table T … --into DATA/.resgate/sandbox/<id>`, then
    /// `resgate diff SET --data DATA --table T [--key K]` for each table restored.
    public func compare(_ r: RestoreRequest, language: Language, context: OperationCenter.Context) throws -> Data {
        let sandbox = sandboxFolder(OperationCenter.newID())
        let report = try runRestorer(r, into: sandbox, language: language, context: context)
        let source = try RestoreSources.open(try setPath(r.set))
        struct Failed: Encodable { var table: String; var error: String }
        var diffs: [Data] = []
        for t in report.tables where t.status == .restored {
            if context.isCancelled { break }
            guard let name = TableName(t.name) else { continue }
            context.emit(.message(Phrase.comparing(t.name).words))
            do {
                diffs.append(try encode(try ops.diff(source, table: name, key: r.key ?? [], examples: 20,
                                                        progress: ProgressEvents.sink(context, step: "compare"))))
            } catch let f as OperationFailure {
                diffs.append(try encode(Failed(table: t.name, error: f.text(in: language))))
            }
        }
        let list = Data("[".utf8) + diffs.joined(separator: Data(",".utf8)) + Data("]".utf8)
        context.emit(.message((report.anyRefused ? Phrase.restoreRefusedNothingChanged : Phrase.comparisonReady).words))
        return try splice(["sandbox": encode(sandbox), "restore": encode(forScreen(report, language: language)), "diffs": list])
    }

    /// `resgate undo --data DATA ID --yes --json`.
    public func undo(id: String, context: OperationCenter.Context) throws -> Data {
        context.emit(.message(Phrase.undoing(id).words))
        let result = try web(404, "not-found", refused: "undo-refused") { try ops.undo(id: id) }
        context.emit(.message(Phrase.tablesPutBack(result.tables).words))
        return try encode(result)
    }

    /// `resgate check --data DATA [--xml DIR] [--config FILE] --json`.
    public func check(language: Language, context: OperationCenter.Context) throws -> Data {
        context.emit(.message(Phrase.checking.words))
        return try checkDocument(language: language, progress: ProgressEvents.sink(context))
    }

    func checkDocument(language: Language, progress: WorkProgressSink? = nil) throws -> Data {
        let report = try web(422, "check-input") {
            try CheckOperation.run(data: data, xml: xml, config: config, language: language, progress: progress)
        }
        return try encode(report.document(in: language))
    }

    // MARK: helpers

    /// A document as the wire carries it: the operations' one encoder, compact.
    func encode<T: Encodable>(_ value: T) throws -> Data { try JSONDocument.encode(value, pretty: false) }

    func runRestorer(_ r: RestoreRequest, into: String?, language: Language,
                     context: OperationCenter.Context) throws -> RestoreReport {
        let source: any RestoreSource
        do { source = try RestoreSources.open(try setPath(r.set)) } catch let e as BackupSetError {
            throw WebError(422, "unreadable-set", pt: e.defects.map { $0.message(in: .pt) }.joined(separator: "; "),
                           en: e.defects.map { $0.message(in: .en) }.joined(separator: "; "))
        }
        var request = try r.request(into: into)
        if r.merge == true { request.merge = try mergeRequest(r) }
        var plan = OperationEvent(type: "plan")
        for name in request.tables?.map(\.canonical) ?? source.tableNames {
            plan.table = name
            plan.expected = source.tableNames.contains(name) ? (try? source.table(named: name))?.expectedRecords : nil
            context.emit(plan)
        }
        // "Processamento efetuado." means the ERP's tables were replaced: only a real restore
        // into DATA says it (a dry run and a comparison get their own last word)
        let realRestore = !request.dryRun && into == nil
        return try RestoreOperation.run(source, data: data, request: request, language: language,
                                        events: { e in
                                            if case .done = e, !realRestore { return }
                                            context.emit(EventMapping.event(e))
                                        }) { restorer in
            restorer.isCancelled = { context.isCancelled }
            CancelTestHook.install(on: restorer, context: context)
        }
    }

    /// `{"a": <raw>, "b": <raw>}` from already-encoded members, keys sorted.
    func splice(_ members: [String: Data?]) throws -> Data {
        var out = Data("{".utf8)
        for (i, k) in members.keys.sorted().enumerated() {
            if i > 0 { out += Data(",".utf8) }
            out += try encode(k) + Data(":".utf8) + ((members[k] ?? nil) ?? Data("null".utf8))
        }
        return out + Data("}".utf8)
    }
}

/// An operation's failure as the screen's error: its words, the given status and code (a
/// refusal is always 409).
func web<T>(_ status: Int, _ code: String, refused: String? = nil, _ work: () throws -> T) throws -> T {
    do { return try work() } catch let f as OperationFailure {
        if f.exit == .refused { throw WebError(409, refused ?? code, pt: f.text(in: .pt), en: f.text(in: .en)) }
        throw WebError(status, code, pt: f.text(in: .pt), en: f.text(in: .en))
    }
}

/// For the cancel test only: with `RESGATE_WEB_TEST_HOLD_FOR_CANCEL=1`, after 1,000 records
/// the restore waits (at most a minute) for a cancel, so the cancel sent over HTTP lands
/// while records are being written however slow the machine is. Unset, nothing changes.
enum CancelTestHook {
    static func install(on restorer: Restorer, context: OperationCenter.Context) {
        guard ProcessInfo.processInfo.environment["RESGATE_WEB_TEST_HOLD_FOR_CANCEL"] == "1" else { return }
        var n = 0
        restorer.afterEachRecord = {
            n += 1
            guard n == 1_000 else { return }
            let deadline = Date().addingTimeInterval(60)
            while !context.isCancelled && Date() < deadline { usleep(10_000) }
        }
    }
}

/// The engine's restore events as progress events.
enum EventMapping {
    static func event(_ e: RestoreEvent) -> OperationEvent {
        if let w = e.words() { return .message(w) }
        switch e {
        case let .tableProgress(table, records, expected, seconds):
            return ProgressEvents.event(table: table, records: records, expected: expected, seconds: seconds)
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

/// A set as `/api/backups` lists it: the `backups` entry plus whether this server verified
/// it and with what outcome.
struct VerifiedSetEntry: Encodable {
    var set: BackupListing.Entry
    var verification: VerifiedSets.Outcome?
    func encode(to encoder: any Encoder) throws {
        try set.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(verification, forKey: .verification)
    }
    enum Key: CodingKey { case verification }
}
