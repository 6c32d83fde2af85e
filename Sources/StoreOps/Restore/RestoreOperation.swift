import Fiscal
import Foundation
import ResgateLocale
import RestoreKit
import XBase

/// What a restore is asked to do, as both front ends parse it.
public struct RestoreRequest: Sendable {
    /// Nil: every table of the set.
    public var tables: [TableName]?
    public var dryRun = false
    /// Write into this folder; DATA stays untouched.
    public var into: String?
    public var skipBadLines = false
    public var blankMemos = false
    /// `--merge`: keep every intact live row the backup lacks (nil: a plain restore).
    public var merge: MergeRequest?

    public init(tables: [TableName]?, dryRun: Bool = false, into: String? = nil,
                skipBadLines: Bool = false, blankMemos: Bool = false) {
        self.tables = tables; self.dryRun = dryRun; self.into = into
        self.skipBadLines = skipBadLines; self.blankMemos = blankMemos
    }

    /// Table names as typed (`--table vendas`, a web request): each must be a valid name.
    public static func tables(_ raw: [String]) throws(OperationFailure) -> [TableName]? {
        guard !raw.isEmpty else { return nil }
        var out: [TableName] = []
        for r in raw {
            guard let t = TableName(r) else { throw OperationFailure(.invalidTableName(printableEscaped(r))) }
            out.append(t)
        }
        return out
    }

    /// `--merge [--key F,G]`: the key fields as typed, and DATA's `resgate.toml` `[merge.T]`
    /// sections (key and changed field per table).
    public static func merge(key: String?, data: String?) throws(OperationFailure) -> MergeRequest {
        let fields = key.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var config: [String: MergeTableConfig] = [:]
        if let data {
            do { config = try MergeConfig.load(file: data + "/resgate.toml") } catch {
                throw OperationFailure(.invalidMergeConfig(error))
            }
        }
        return MergeRequest(key: fields, config: config)
    }
}

/// `restore SET --data DATA …`: one place that turns a request into the engine's options.
public enum RestoreOperation {
    /// Runs the restore. `prepare` may set the restorer's hooks (cancel, crash tests) before
    /// it starts.
    public static func run(_ source: any RestoreSource, data: String?, request r: RestoreRequest, language: Language,
                           events: @escaping (RestoreEvent) -> Void = { _ in },
                           prepare: (Restorer) -> Void = { _ in }) throws -> RestoreReport {
        var options = RestoreOptions(tables: r.tables?.map(\.canonical), dryRun: r.dryRun, into: r.into,
                                     skipBadLines: r.skipBadLines, blankMemos: r.blankMemos)
        options.merge = r.merge
        let restorer = Restorer(source: source, data: data, options: options, events: events)
        prepare(restorer)
        // the engine reports facts; the document's words are written here, in `language`
        return try restorer.run().rendered(in: language)
    }
}

extension RestoreReport {
    /// 3 when a table (or the set) was refused, 1 when a table has defects, else 0.
    public var exit: ExitKind {
        if anyRefused { return .refused }
        return tables.contains { !$0.defects.isEmpty } ? .defects : .ok
    }
}

/// The ERP's step 5, the check before the store opens, with one policy for both front
/// ends: it runs after a restore that changed DATA itself (not a dry run, not `--into`)
/// when there is something to check against: a `resgate.toml` in DATA, a config file or
/// an XML folder given to the command or the server. Without any, the person is told how.
public enum PostRestoreCheck {
    public static func wanted(after report: RestoreReport, data: String?, xml: String?, config: String?) -> Bool {
        wanted(undoID: report.id, dryRun: report.dryRun, into: report.into, data: data, xml: xml, config: config)
    }

    /// The same policy from the report's facts: its undo id (nil: nothing changed), dry
    /// run, and `--into` folder.
    public static func wanted(undoID: String?, dryRun: Bool, into: String?, data: String?,
                              xml: String?, config: String?) -> Bool {
        guard undoID != nil, !dryRun, into == nil, let data else { return false }
        return xml != nil || config != nil || FileManager.default.fileExists(atPath: data + "/resgate.toml")
    }
}

/// `check --data DATA [--xml DIR] [--config FILE]`: the post-restore checks.
public enum CheckOperation {
    /// `progress` gets the XML files read so far.
    public static func run(data: String, xml: String?, config: String?, language: Language,
                           backupDate: String? = nil, progress: WorkProgressSink? = nil) throws(OperationFailure) -> CheckReport {
        var reference: DBFDateTime? = nil
        if let b = backupDate {
            guard let d = DBFDateTime(isoText: b) else { throw OperationFailure(.invalidBackupDate(b)) }
            reference = d
        }
        do {
            return try FiscalCheck.run(data: data, xml: xml, config: config, referenceDate: reference, progress: progress)
        } catch {
            throw OperationFailure(.unusableCheckInput(error.words.text(in: language)))
        }
    }
}

extension CheckReport {
    public var exit: ExitKind { exitCode == 0 ? .ok : .defects }
}
