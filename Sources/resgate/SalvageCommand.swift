import ArgumentParser
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// `resgate salvage DATA --table T [--into DIR]` (cli.md): every intact record of a damaged
/// table copied into a new DBF (+FPT); the rest listed with number, reason and bytes.
/// Read-only on DATA (the default output is a sandbox under DATA's `.resgate/`).
struct SalvageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salvage",
        abstract: T("Reads a damaged table as far as it can be read into a new DBF(+FPT); lists what could not be read."))

    @Argument(help: H("The ERP's data folder."))
    var data: String

    @Option(name: .long, help: H("The table (name without extension)."))
    var table: String

    @Option(name: .long, help: H("Folder for the salvaged table (default: a new folder under DATA/.resgate/salvage)."))
    var into: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        guard let name = TableName(table) else {
            Console.err(SalvageWords.badName(table).text(in: lang))
            throw ExitStatus.badInput
        }
        let out = into ?? TableSalvager.defaultOutput(data: data, table: name)
        let report: TableSalvager.Report
        do { report = try TableSalvager.salvage(data: data, table: name, into: out) } catch {
            Console.err(SalvageWords.failure(error).text(in: lang))
            if case .cannotWrite = error { throw ExitStatus.refused }
            if case .unreadableHeader = error { throw ExitStatus.refused }
            throw ExitStatus.badInput
        }
        if common.json { try Console.json(report) } else { Console.out(SalvageWords.summary(report).text(in: lang)) }
        let f = report.findings
        if f.quarantinedCount > 0 || f.memosLostCount > 0 || f.tornTailBytes > 0 || f.headerRecords != f.recordsInFile {
            throw ExitStatus.defects
        }
    }
}

/// Salvage's words, and the words of record faults shared with merge and repair.
enum SalvageWords {
    static func badName(_ t: String) -> Words {
        Words(pt: "nome de tabela inválido: \(printableEscaped(t))", en: "not a table name: \(printableEscaped(t))")
    }

    static func failure(_ e: TableSalvager.Failure) -> Words {
        switch e {
        case let .noTable(t, folder):
            Words(pt: "a tabela \(t) não está em \(folder)", en: "table \(t) is not in \(folder)")
        case let .unreadableHeader(file, reason):
            Words(pt: "\(file): o cabeçalho não pode ser lido (\(reason)); nada pode ser recuperado deste arquivo — restaure do backup",
                  en: "\(file): the header cannot be read (\(reason)); nothing can be salvaged from this file — restore from the backup")
        case let .cannotWrite(file, reason):
            Words(pt: "\(file): não foi possível gravar (\(reason))", en: "\(file): cannot write (\(reason))")
        }
    }

    static func fault(_ k: RecordFault.Kind) -> Words {
        switch k {
        case .badDeleteFlag: Words(pt: "marca de exclusão inválida", en: "bad delete flag")
        case .badNumber: Words(pt: "número ilegível", en: "not a number")
        case .badDate: Words(pt: "data inválida", en: "not a valid date")
        case .badLogical: Words(pt: "lógico inválido", en: "not a logical")
        case .badDateTime: Words(pt: "data e hora inválida", en: "not a valid datetime")
        case .badVarLength: Words(pt: "tamanho variável inválido", en: "bad variable length")
        case .badMemoPointer: Words(pt: "ponteiro de memo ilegível", en: "memo pointer is not a number")
        case .memoPointerOutside: Words(pt: "memo fora do arquivo FPT", en: "memo outside the memo file")
        case .badMemoBlock: Words(pt: "bloco de memo danificado", en: "damaged memo block")
        }
    }

    static func quarantined(_ q: SalvageFindings.Quarantined, table: String) -> Words {
        let w = fault(q.reason)
        let field = q.field.map { " \($0)" } ?? ""
        return Words(pt: "\(table) registro \(q.record)\(field): \(w.pt)", en: "\(table) record \(q.record)\(field): \(w.en)")
    }

    static func summary(_ r: TableSalvager.Report) -> Words {
        let f = r.findings
        let t = r.table.canonical
        var pt = "\(t): \(f.recordsRead) registros recuperados em \(r.output)"
        var en = "\(t): \(f.recordsRead) records salvaged into \(r.output)"
        if f.headerRecords != f.recordsInFile {
            pt += "\n  o cabeçalho diz \(f.headerRecords) registros; o arquivo tem \(f.recordsInFile)"
            en += "\n  the header says \(f.headerRecords) records; the file holds \(f.recordsInFile)"
        }
        if f.tornTailBytes > 0 {
            pt += "\n  último registro cortado (\(f.tornTailBytes) bytes)"
            en += "\n  torn last record (\(f.tornTailBytes) bytes)"
        }
        pt += "\n  \(f.quarantinedCount) registros ilegíveis, \(f.memosLostCount) memos perdidos"
        en += "\n  \(f.quarantinedCount) unreadable records, \(f.memosLostCount) memos lost"
        for q in f.quarantined {
            let w = quarantined(q, table: t)
            pt += "\n  " + w.pt; en += "\n  " + w.en
        }
        for m in f.memosLost {
            let w = fault(m.reason)
            pt += "\n  \(t) registro \(m.record) \(m.field): \(w.pt) (memo vazio)"
            en += "\n  \(t) record \(m.record) \(m.field): \(w.en) (memo emptied)"
        }
        return Words(pt: pt, en: en)
    }
}
