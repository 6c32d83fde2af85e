import BackupSet
import Foundation
import ResgateLocale
import XBase

/// The store's "Restaurar backup", done so that nothing is ever lost (spec §7).
///
/// Plan every selected table (live structure, field mapping, refusals) → write each new
/// table beside the live one in a staging folder, converting and checking every value →
/// if any table has unaccepted defects, drop everything staged → else swap all tables in
/// one journaled transaction (each table atomic) and report the undo id.
public final class Restorer {
    public let source: any RestoreSource
    public let data: String?
    public let options: RestoreOptions
    let events: (RestoreEvent) -> Void
    /// Test hook handed to the swap (see `SwapTransaction.beforeEachRename`).
    public var beforeEachRename: (() -> Void)?
    /// Test hook called after each record written to staging.
    public var afterEachRecord: (() -> Void)?
    /// Asked between records and before the swap; when it answers true the restore stops
    /// and drops everything staged, so every table stays as it was (the web screen's
    /// "Cancelar"). Once the swap has begun it is no longer asked: the swap is short and
    /// journaled, and stopping it halfway would only make `Recovery` finish it.
    public var isCancelled: (() -> Bool)?
    /// Test switch: write every record through the typed path (see `TableRewriter.typedOnly`).
    var typedOnly = false
    /// Records each table of the last run got through the fast path (tests).
    var fastRecords: [String: Int] = [:]
    /// Memo values each table of the last run wrote as stored (no `String`; tests).
    var storedMemos: [String: Int] = [:]

    public init(source: any RestoreSource, data: String?, options: RestoreOptions,
                events: @escaping (RestoreEvent) -> Void = { _ in }) {
        self.source = source
        self.data = data
        self.options = options
        self.events = events
    }

    /// The folder that receives the restored tables.
    public var outputFolder: String? { options.into ?? data }

    public func run() throws -> RestoreReport {
        guard let out = outputFolder else {
            return refuseAll(.restore(.noOutputFolder))
        }
        if !options.dryRun { try FileOps.makeDirectory(out) }
        if let data { try Recovery.recoverAll(data: data) }
        if options.into != nil, FileOps.exists(out) { try Recovery.recoverAll(data: out) }
        var folderLock: FolderLock?
        if !options.dryRun {
            do { folderLock = try FolderLock.acquire(folder: out) } catch {
                return refuseAll(folderRefusal(error, folder: out))
            }
        }
        defer { _ = folderLock }
        events(.processingTables)
        if let tables = source as? TableFolderSource, tables.isFolder(out) {
            return refuseAll(.restore(.sourceIsDestination(folder: out)))
        }
        let setErrors = source.setDefects
        if !setErrors.isEmpty {
            return refuseAll(.setDefects(setErrors))
        }
        let names = (options.tables ?? source.tableNames).map { $0.uppercased() }
        var plans: [TablePlan] = []
        var report = RestoreReport(id: nil, dryRun: options.dryRun, into: options.into,
                                   source: source.displayName, tables: [], refusal: nil, sourceKind: source.kind)
        for name in names {
            guard source.tableNames.contains(name) else {
                report.tables.append(emptyTable(name, status: .refused, reason: .restore(.tableNotInSource(tableFolder: source.kind == .tableFolder))))
                continue
            }
            let t = try source.table(named: name)
            var plan = TablePlan.make(table: name, source: t, dataFolder: data, outputFolder: out)
            // every file of the table (DBF, FPT, CDX): the ERP may lock any of them
            if plan.refusal == nil, let problem = TableLocks.firstProblem(in: out, files: plan.liveFiles) {
                plan.refusal = lockRefusal(file: problem.file, problem.state).map { .restore($0) }
            }
            if plan.refusal == nil, !options.dryRun,
               let owner = plan.liveFiles.lazy.compactMap({ FileOps.ownerOutOfReach(out + "/" + $0) }).first {
                plan.refusal = .restore(.ownerOutOfReach(uid: owner.uid, gid: owner.gid, file: plan.fileName))
            }
            plans.append(plan)
        }
        if let refusal = plans.compactMap(\.refusal).first ?? report.tables.first(where: { $0.status == .refused })?.reasonFact {
            report.refusalFact = refusal
            report.tables += plans.map { planned($0, status: .refused, records: 0, defects: []) }
            return report
        }
        if !options.dryRun, let shortage = diskShortage(plans, folder: out) {
            report.refusalFact = .restore(shortage)
            report.tables = plans.map { planned($0, status: .refused, records: 0, defects: []) }
            return report
        }
        let merges = mergeSetups(&plans)
        if let refusal = plans.compactMap(\.refusal).first {
            report.refusalFact = refusal
            report.tables = plans.map { planned($0, status: .refused, records: 0, defects: []) }
            return report
        }
        events(.insertingRecords)
        var writer = TableRewriter(options: options, events: events, afterEachRecord: afterEachRecord,
                                   isCancelled: isCancelled)
        writer.typedOnly = typedOnly
        writer.merges = merges
        let tx = options.dryRun ? nil : try SwapTransaction(data: out, operation: "restore", source: source.displayName,
                                                             allOrNothing: options.allOrNothing)
        var outcomes: [TableRewriter.Outcome] = []
        do {
            for plan in plans {
                do {
                    outcomes.append(try writer.rewrite(plan, stagingFolder: tx?.stagingDirectory))
                } catch let e as BackupSetError {
                    // a member refused whole (a forged size, a zip bomb): this table is
                    // refused with the defects that say why, as a damaged line would be
                    outcomes.append(.init(accepted: false, records: 0, defects: e.defects, files: [], seconds: 0,
                                          skippedLines: 0, memoBlanked: false))
                } catch let e as XBaseError where Self.isStructural(e) {
                    // a structure the writer cannot make (N 20 with 19 decimals, a type the
                    // output version lacks): the table is refused and the field named
                    let d = Defect(.badStructure, table: plan.name, file: plan.fileName,
                                   .restore(.structureNotWritable(Self.withoutPath(e))))
                    outcomes.append(.init(accepted: false, records: 0, defects: [d], files: [], seconds: 0,
                                          skippedLines: 0, memoBlanked: false))
                }
            }
            if isCancelled?() == true { throw TableRewriter.Cancelled() }
        } catch is TableRewriter.Cancelled {
            tx?.abandon()
            report.tables = plans.map { planned($0, status: .refused, records: 0, defects: []) }
            report.refusalFact = .restore(.cancelled)
            return report
        } catch {
            // a damaged member, a full disk, `ulimit -f` (EFBIG): nothing of the staging stays
            tx?.abandon()
            guard let full = outOfSpace(error, folder: out) else { throw error }
            report.tables = plans.map { planned($0, status: .refused, records: 0, defects: []) }
            report.refusalFact = full
            return report
        }
        for (plan, o) in zip(plans, outcomes) { fastRecords[plan.name] = o.fastRecords; storedMemos[plan.name] = o.storedMemos }
        let refused = outcomes.contains { !$0.accepted }
        for (plan, o) in zip(plans, outcomes) {
            let status: RestoreStatus = !o.accepted ? .refused : (options.dryRun ? .wouldRestore : .restored)
            var t = planned(plan, status: status, records: o.records, defects: o.defects)
            t.seconds = o.seconds
            t.skippedLines = o.skippedLines > 0 ? o.skippedLines : nil
            t.memoBlanked = o.memoBlanked ? true : nil
            Self.applyMerge(o.merge, to: &t)
            if !o.accepted {
                let indexOnly = !o.defects.isEmpty && o.defects.allSatisfy { $0.kind == .badStructure && ($0.file ?? "").lowercased().hasSuffix(".cdx") }
                t.reasonFact = .restore(indexOnly ? .indexNotRebuilt
                    : source.kind == .tableFolder ? .incomingTableDamaged : .backupTableHasDefects)
            }
            report.tables.append(t)
        }
        guard let tx else { events(.done); return report }
        if refused {
            tx.abandon()
            report.refusalFact = .restore(.someTablesDamaged(tableFolder: source.kind == .tableFolder))
            return report
        }
        tx.beforeEachRename = beforeEachRename
        for (plan, o) in zip(plans, outcomes) {
            tx.stage(table: plan.name, newFiles: o.files, oldFiles: plan.liveFiles,
                     recordsBefore: plan.liveRecords, recordsAfter: o.records)
        }
        do { try tx.commit() } catch let refusal as SwapTransaction.Refusal {
            // a lock appeared while the tables were written: nothing was swapped
            report.refusalFact = .restore(.nothingChanged(swapRefusal(refusal)))
            for i in report.tables.indices { report.tables[i].status = .refused }
            return report
        } catch where !(error is SwapTransaction.RollbackPending) {
            // no room for the fsync or the journal: the commit dropped the staging (before
            // the journal) or rolled the set back (after it): DATA is as it was
            guard let full = outOfSpace(error, folder: out) else { throw error }
            report.refusalFact = full
            for i in report.tables.indices { report.tables[i].status = .refused }
            return report
        }
        report.id = tx.id
        events(.done)
        return report
    }

    /// A writer's refusal of the structure itself (not the disk, not one value).
    static func isStructural(_ e: XBaseError) -> Bool {
        switch e {
        case .badFieldDescriptor, .unsupported, .badHeader: true
        default: false
        }
    }

    /// The error's words without the staging path it names (the file is given apart).
    static func withoutPath(_ e: XBaseError) -> String {
        let text = e.description
        guard let r = text.range(of: ".DBF: ") ?? text.range(of: ".dbf: ") else { return text }
        return String(text[r.upperBound...])
    }

    /// The refusal for a write that found no room (disk full, quota, `ulimit -f`), naming
    /// the file being written; nil for any other failure.
    func outOfSpace(_ error: any Error, folder: String) -> RestoreRefusal? {
        var found = OutOfSpace.find(in: error)
        if found == nil, let f = error as? FileOps.Failure, let c = OutOfSpace.find(in: XBaseError.io(file: f.path, reason: .other(f.reason))) {
            found = c
        }
        guard let found else { return nil }
        let file = found.file.map { ($0 as NSString).lastPathComponent } ?? "?"
        return .phrase(.restoreOutOfSpace(file: file, folder: folder, room: found.cause))
    }

    /// A folder lock that could not be taken: busy is not read-only.
    func folderRefusal(_ failure: FolderLock.Failure, folder: String) -> RestoreRefusal {
        switch failure {
        case .busy: .restore(.folderBusy(folder: folder))
        case let .cannotWrite(path, why): .restore(.folderNotWritable(path: path, reason: why))
        }
    }

    /// A live file that is locked, or whose locks cannot be probed (nil when free).
    func lockRefusal(file: String, _ state: TableLocks.State) -> RestorePhrase? {
        switch state {
        case .free: nil
        case .held(let h): .fileOpen(file: file, holder: h.phrase)
        case let .cannotCheck(op, why): .lockUnknown(file: file, operation: op, reason: why)
        }
    }

    func swapRefusal(_ r: SwapTransaction.Refusal) -> RestorePhrase {
        switch r {
        case let .locked(_, file, h): .fileOpen(file: file, holder: h.phrase)
        case let .lockUnknown(_, file, op, why): .lockUnknown(file: file, operation: op, reason: why)
        }
    }

    func emptyTable(_ name: String, status: RestoreStatus, reason: RestoreRefusal?) -> RestoreReport.Table {
        .init(status: status, name: name, records: 0, replaced: nil, dropped: [], blank: [],
              converted: [], defects: [], reason: reason)
    }

    func planned(_ p: TablePlan, status: RestoreStatus, records: Int, defects: [Defect]) -> RestoreReport.Table {
        .init(status: status, name: p.name, records: records, replaced: p.liveRecords,
              dropped: p.mapping.dropped, blank: p.mapping.blank, converted: p.mapping.converted,
              defects: defects, reason: p.refusal)
    }

    func refuseAll(_ reason: RestoreRefusal) -> RestoreReport {
        RestoreReport(id: nil, dryRun: options.dryRun, into: options.into, source: source.displayName,
                      tables: [], refusal: reason, sourceKind: source.kind)
    }

    /// The refusal when the new files might not fit on the disk (with a 10% margin).
    /// Every number here comes from a file or a set (`records=` may say 2^62): the sum
    /// saturates at `Int.max`, which no disk has free, instead of overflowing.
    func diskShortage(_ plans: [TablePlan], folder: String) -> RestorePhrase? {
        var need = 0
        func add(_ n: Int) { let (s, o) = need.addingReportingOverflow(max(0, n)); need = o ? .max : s }
        func times(_ a: Int, _ b: Int) -> Int { let (p, o) = max(0, a).multipliedReportingOverflow(by: max(0, b)); return o ? .max : p }
        for p in plans {
            let rl = p.liveHeader?.recordLength ?? (p.source.fields.reduce(1) { $0 + max(0, min($1.length, 65_535)) })
            let n = max(p.source.expectedRecords ?? 0, p.liveRecords ?? 0)
            add(p.liveHeader?.headerLength ?? 1024)
            add(times(n, rl))
            if p.liveFiles.count > 1, let data = outputFolder {
                for f in p.liveFiles.dropFirst() { add(FileOps.size(data + "/" + f) ?? 0) }
            }
        }
        add(need / 10)
        guard let free = FileOps.freeBytes(at: folder), free < need else { return nil }
        return .notEnoughDiskSpace(needed: need, free: free)
    }
}
