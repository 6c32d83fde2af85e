import ArgumentParser
import Foundation
import RestoreKit
import ResgateLocale
import XBase

/// `resgate reindex DATA [--table T …] [--check]`: verifies, or rebuilds, the structural
/// CDX index of tables. A rebuild writes each new index into the transaction's staging
/// folder, checks it against the records, then swaps it in with an undo snapshot
/// (RestoreKit's `SwapTransaction`), so `resgate undo` puts the old index back.
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuilds (or with --check only verifies) the structural CDX index of tables.")

    @Argument(help: "The ERP's data folder.")
    var data: String

    @Option(name: .long, parsing: .upToNextOption, help: "Only these tables (name without extension).")
    var table: [String] = []

    @Flag(name: .long, help: "Only verify; change nothing. Exit status 1 when an index has defects.")
    var check = false

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            Console.err(ReindexWords.noFolder(data).text(in: lang))
            throw ExitStatus.badInput
        }
        var tables = IndexedTable.all(in: data)
        if !table.isEmpty {
            let wanted = Set(table.map { $0.uppercased() })
            let missing = wanted.subtracting(tables.map(\.name))
            if !missing.isEmpty {
                Console.err(ReindexWords.noTable(missing.sorted().joined(separator: ", ")).text(in: lang))
                throw ExitStatus.badInput
            }
            tables = tables.filter { wanted.contains($0.name) }
        }
        let report = check ? verifyAll(tables) : try rebuildAll(tables, lang: lang)
        try print(report, lang: lang)
        throw report.exitStatus
    }

    private func verifyAll(_ tables: [IndexedTable]) -> ReindexReport {
        var report = ReindexReport(check: true)
        for t in tables {
            if !common.quiet && !common.json { Console.progress(t.name) }
            guard let cdx = t.indexPath else {
                report.tables.append(.init(t, status: t.flagsIndex ? .missingIndex : .noIndex))
                continue
            }
            do {
                let dbf = try DBFTable.open(path: t.tablePath)
                let defects = IndexVerifier.verify(table: dbf, indexPath: cdx)
                // Tags we could not check (national collation, unsupported expression) are
                // listed but are not damage: the index may well be right.
                let status: ReindexReport.Status = switch IndexVerdict(defects) { case .damaged: .defects; case .ok: .ok; case .unchecked: .unchecked }
                report.tables.append(.init(t, status: status, defects: defects))
            } catch {
                report.tables.append(.init(t, status: .failed, message: error.description))
            }
        }
        if !common.quiet && !common.json { Console.progress("", final: true) }
        return report
    }

    private func rebuildAll(_ tables: [IndexedTable], lang: Language) throws -> ReindexReport {
        var report = ReindexReport(check: false)
        let work = tables.filter { $0.indexPath != nil }
        if !yes, Console.stdinIsTerminal, !work.isEmpty,
           !Console.confirm(ReindexWords.confirm(work.count).text(in: lang), language: lang) {
            throw ExitStatus.refused
        }
        guard let lock = FolderLock(folder: data) else {
            Console.err(ReindexWords.busy.text(in: lang))
            throw ExitStatus.refused
        }
        defer { withExtendedLifetime(lock) {} }
        let tx = try SwapTransaction(data: data, operation: "reindex", source: nil)
        var staged = 0
        for t in tables {
            guard let cdx = t.indexPath, let cdxName = t.indexName else {
                report.tables.append(.init(t, status: t.flagsIndex ? .missingIndex : .noIndex))
                continue
            }
            if !common.quiet && !common.json { Console.progress(t.name) }
            if let holder = TableLocks.holder(of: t.tablePath) ?? TableLocks.holder(of: cdx) {
                report.tables.append(.init(t, status: .refused, message: ReindexWords.inUse(holder).text(in: lang)))
                continue
            }
            do {
                let dbf = try DBFTable.open(path: t.tablePath)
                let template = try CDXFile.open(path: cdx)
                // One pass over the table: the old index is checked against the entries the
                // records give, the new one is written from them and read back and proven
                // against them (IndexRebuild) before it may be staged.
                let staging = tx.stagingDirectory + "/" + cdxName
                let result = try IndexRebuild.rebuild(table: dbf, template: template, to: staging)
                let before = result.before
                guard result.after.isEmpty else {
                    report.tables.append(.init(t, status: .failed, defects: result.after))
                    continue
                }
                tx.stage(table: t.name, newFiles: [cdxName], oldFiles: [cdxName],
                         recordsBefore: dbf.recordCount, recordsAfter: dbf.recordCount)
                staged += 1
                report.tables.append(.init(t, status: .rebuilt, defects: before))
            } catch let e as CDXError {
                let refusal: Bool = switch e {
                case .unsupportedCollation, .unsupportedExpression, .malformed: true
                default: false
                }
                report.tables.append(.init(t, status: refusal ? .refused : .failed, message: e.description))
            } catch let e as XBaseError {
                report.tables.append(.init(t, status: .failed, message: e.description))
            }
        }
        if !common.quiet && !common.json { Console.progress("", final: true) }
        if staged > 0 {
            try tx.commit()
            report.id = tx.id
        } else {
            tx.abandon()
        }
        return report
    }

    private func print(_ report: ReindexReport, lang: Language) throws {
        if common.json { return try Console.json(report) }
        var text = TextTable(headers: lang == .pt ? ["tabela", "índice", "situação"] : ["table", "index", "status"])
        for t in report.tables {
            text.rows.append([t.name, t.index ?? "-", t.status.words.text(in: lang)])
        }
        if !common.quiet { Console.out(text.render()) }
        for t in report.tables {
            if let m = t.message { Console.out("\(t.name): \(m)") }
            for d in t.defects { Console.out("\(t.name): " + ReindexWords.defect(d).text(in: lang)) }
        }
        if let id = report.id { Console.out(ReindexWords.undo(id).text(in: lang)) }
    }
}

/// A DBF in the data folder and its structural index, if one is beside it.
struct IndexedTable {
    var name: String
    var tablePath: String
    var indexName: String?
    var indexPath: String?
    /// Header byte 28 bit 0: the table says it has a structural index.
    var flagsIndex: Bool

    static func all(in folder: String) -> [IndexedTable] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var byLower: [String: String] = [:]
        for n in names { byLower[n.lowercased()] = n }
        return names.filter { $0.lowercased().hasSuffix(".dbf") }.sorted().map { dbf in
            let stem = String(dbf.dropLast(4))
            let cdx = byLower[stem.lowercased() + ".cdx"]
            let path = folder + "/" + dbf
            var flag = false
            if let h = FileHandle(forReadingAtPath: path) {
                let head = h.readData(ofLength: 29)
                flag = head.count == 29 && head[28] & 0x01 != 0
                try? h.close()
            }
            return IndexedTable(name: stem.uppercased(), tablePath: path, indexName: cdx,
                                indexPath: cdx.map { folder + "/" + $0 }, flagsIndex: flag)
        }
    }
}

struct ReindexReport: Encodable {
    enum Status: String, Encodable {
        case ok, defects, rebuilt, refused, failed, unchecked
        case noIndex = "no-index", missingIndex = "missing-index"

        var words: Words {
            switch self {
            case .ok: Words(pt: "ok", en: "ok")
            case .defects: Words(pt: "com defeitos", en: "defects")
            case .unchecked: Words(pt: "ok em parte (tags não verificáveis)", en: "partly checked (tags we cannot check)")
            case .rebuilt: Words(pt: "reconstruído", en: "rebuilt")
            case .refused: Words(pt: "recusado", en: "refused")
            case .failed: Words(pt: "falhou", en: "failed")
            case .noIndex: Words(pt: "sem índice", en: "no index")
            case .missingIndex: Words(pt: "índice ausente (o cabeçalho diz que existe)", en: "index missing (the header says there is one)")
            }
        }
    }
    struct Defect: Encodable {
        var tag: String?
        var kind: String
        var repairable: Bool
        var message: String
    }
    struct Table: Encodable {
        var name: String, file: String, index: String?
        var status: Status
        var message: String?
        var defects: [Defect]

        init(_ t: IndexedTable, status: Status, defects: [IndexDefect] = [], message: String? = nil) {
            name = t.name; file = t.tablePath; index = t.indexName
            self.status = status; self.message = message
            self.defects = defects.map { Defect(tag: $0.tag, kind: $0.kind.rawValue, repairable: $0.isRepairable, message: $0.detail) }
        }
    }
    var check: Bool
    var id: String?
    var tables: [Table] = []

    init(check: Bool) { self.check = check }

    /// 0 nothing wrong; 1 defects found (check) or some tables not rebuilt; 3 nothing rebuilt.
    var exitStatus: ExitCode {
        let bad = tables.contains { [.defects, .refused, .failed, .missingIndex].contains($0.status) }
        if check || !bad { return bad ? ExitStatus.defects : ExitStatus.ok }
        return tables.contains { $0.status == .rebuilt } ? ExitStatus.defects : ExitStatus.refused
    }
}

enum ReindexWords {
    static func noFolder(_ p: String) -> Words { Words(pt: "\(p): pasta de dados não encontrada", en: "\(p): data folder not found") }
    static func noTable(_ n: String) -> Words { Words(pt: "tabela não encontrada: \(n)", en: "no such table: \(n)") }
    static func confirm(_ n: Int) -> Words {
        Words(pt: "Reconstruir o índice de \(n) tabela(s)? O índice atual fica guardado para desfazer.",
              en: "Rebuild the index of \(n) table(s)? The current index is kept for undo.")
    }
    static let busy = Words(pt: "outra operação do resgate está em andamento nesta pasta", en: "another resgate operation is running on this folder")
    static func inUse(_ h: String) -> Words { Words(pt: "tabela em uso por outro programa (\(h))", en: "table in use by another program (\(h))") }
    static func undo(_ id: String) -> Words {
        Words(pt: "Índices trocados. Para desfazer: resgate undo --data DATA \(id)", en: "Indexes swapped. To undo: resgate undo --data DATA \(id)")
    }
    static func defect(_ d: ReindexReport.Defect) -> Words {
        let tag = d.tag.map { "tag \($0): " } ?? ""
        let (pt, en): (String, String) = switch d.kind {
        case "damagedStructure": ("estrutura do índice danificada", "index structure damaged")
        case "outOfOrder": ("chaves fora de ordem", "keys out of order")
        case "entriesDiffer": ("índice desatualizado em relação aos registros", "index out of date with the records")
        case "nationalCollation": ("ordenação nacional (não MACHINE): não verificada nem reconstruída", "national collation (not MACHINE): neither checked nor rebuilt")
        case "keysDisagree": ("o índice discorda de quase todas as chaves calculadas: não julgado nem reconstruído", "the index disagrees with almost every computed key: neither judged nor rebuilt")
        case "binaryIndex": ("índice binário do VFP 9: não suportado, não verificado nem reconstruído", "VFP 9 binary index: unsupported, neither checked nor rebuilt")
        default: ("expressão não suportada: tag não verificada", "unsupported expression: tag not checked")
        }
        return Words(pt: tag + pt + " — " + d.message, en: tag + en + " — " + d.message)
    }
}
