import Foundation
import ResgateLocale
import XBase

/// The memo values of a table, from its `T.ZIP` (section 5): the inner zip is streamed out
/// of the set into a private temporary folder, its DBF and memo file are written there
/// under fixed names (XBase reads tables from files) and read with `DBFTable`. Record *i* of that
/// DBF belongs to data line *i*.
final class MemoArchive {
    let table: DBFTable
    let folder: String
    let archiveName: String
    /// Structure field index → field of the memo DBF, for memo fields.
    let memoMap: [(slot: Int, field: FieldDescriptor)]
    /// Structure field index → field of the memo DBF, for non-memo fields (cross-check).
    let checkMap: [(slot: Int, field: FieldDescriptor)]
    /// `memoMap`'s slots alone.
    let memoSlots: [Int]
    var recordCount: Int { table.recordCount }

    private var batch = MemoBatch()
    /// The next batch, loading in the background (see `MemoBatchLoad`).
    private var next: MemoBatchLoad?
    static let batchSize = 8_192

    /// Stored mode (see `storeBytes()`): batches hold memo values as their stored bytes.
    private(set) var stored = false
    /// The memo table's `TextDecoding.highTable` in stored mode (owned).
    private var high: UnsafeMutablePointer<UInt32>?

    deinit {
        _ = try? next?.wait()   // the loader reads files in `folder`
        high?.deallocate()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Switches to stored mode before the first record is asked for: memo values are kept
    /// as their stored bytes (no `String` per memo) for `withStored`, and `fill` decodes
    /// them exactly as the table's records would. Only for a single-byte code page (whose
    /// text decoding is `TextDecoding`'s); false, and nothing changed, otherwise.
    func storeBytes() -> Bool {
        guard !stored, !memoMap.isEmpty, next == nil, batch.count == 0, let h = TextDecoding.highTable(table.codePage) else { return false }
        high = h
        stored = true
        return true
    }

    /// Opens `member` of `source`; defects say why it could not be.
    init(source: SetSource, member: SetMember, tableName: String, structure: BackupStructure,
         codePage: CodePage, digests: MemberDigests? = nil) throws(BackupSetError) {
        archiveName = member.name
        func fail(_ reason: DefectReason) -> BackupSetError {
            BackupSetError(Defect(.badMemoArchive, table: tableName, file: member.name, reason))
        }
        var template = Array((NSTemporaryDirectory() + "/resgate-memo-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw fail(.set(.cannotCreateTemporaryFolder)) }
        let dir = String(cString: p)
        var ok = false
        defer { if !ok { try? FileManager.default.removeItem(atPath: dir) } }
        // the inner zip is copied out of the set as one stream (bounded memory, any size)
        let innerPath = dir + "/INNER.ZIP"
        do {
            guard FileManager.default.createFile(atPath: innerPath, contents: nil),
                  let fh = FileHandle(forWritingAtPath: innerPath) else { throw fail(.memo(.cannotWriteTemporaryFile)) }
            defer { try? fh.close() }
            try source.stream(member, digest: digests.map { d in { d.set(member, $0) } }) { chunk in fh.write(Data(chunk)) }
        } catch let e as BackupSetError {
            throw BackupSetError(e.defects.map { $0.placed(table: tableName) })
        } catch { throw fail(.memo(.cannotRead(reason: Cause(error)))) }
        let inner = try ZipArchive(path: innerPath, displayName: member.name)
        let dbfs = inner.entries.filter { $0.baseName.lowercased().hasSuffix(".dbf") }
        guard dbfs.count == 1, let dbf = dbfs.first else {
            throw fail(.memo(.dbfCount(dbfs.count)))
        }
        let stem = String(dbf.baseName.dropLast(4)).lowercased()
        let memoEntry = inner.entries.first {
            let b = $0.baseName.lowercased()
            return b == stem + ".fpt" || b == stem + ".dbt"
        }
        // only the two known members are written, under fixed names: nothing lands outside
        func extract(_ e: ZipEntry, as name: String) throws(BackupSetError) {
            guard let fh = FileManager.default.createFile(atPath: dir + "/" + name, contents: nil) ? FileHandle(forWritingAtPath: dir + "/" + name) : nil else {
                throw fail(.memo(.cannotWriteTemporaryFile))
            }
            defer { try? fh.close() }
            do {
                try ZipMemberReader(archive: inner, entry: e).read { chunk in fh.write(Data(chunk)) }
            } catch let e as BackupSetError { throw BackupSetError(e.defects.map { $0.placed(table: tableName) }) }
            catch { throw fail(.error(Cause(error))) }
        }
        try extract(dbf, as: "MEMO.DBF")
        if let m = memoEntry { try extract(m, as: m.baseName.lowercased().hasSuffix(".dbt") ? "MEMO.DBT" : "MEMO.FPT") }
        try? FileManager.default.removeItem(atPath: innerPath)
        let opened: DBFTable
        do { opened = try DBFTable.open(path: dir + "/MEMO.DBF", codePage: codePage) } catch {
            throw fail(.memo(.dbfUnreadable(reason: Cause(error))))
        }
        let table = opened
        // no memo file is fine as long as every pointer is empty (a live table may have
        // none); a pointer that needs it is reported on its record
        var memoMap: [(Int, FieldDescriptor)] = []
        var checkMap: [(Int, FieldDescriptor)] = []
        for (i, f) in structure.fields.enumerated() {
            guard let mf = table.field(named: f.name) else { continue }
            if f.isMemo { memoMap.append((i, mf)) } else { checkMap.append((i, mf)) }
        }
        self.table = table
        self.folder = dir
        self.memoMap = memoMap
        memoSlots = memoMap.map(\.0)
        self.checkMap = checkMap
        ok = true
    }

    /// Memo fields of the structure the DBF lacks.
    func missingFields(_ structure: BackupStructure) -> [String] {
        structure.memoFields.map(\.name).filter { n in !memoMap.contains { $0.field.name.lowercased() == n.lowercased() } }
    }

    /// Loads the batch starting at record `index` (0-based), from the background load when
    /// it is that one, and starts loading the batch after it.
    private func load(_ index: Int) throws {
        let start = index
        let pending = next
        next = nil
        if let p = pending, p.start == start {
            batch = try p.wait()
        } else {
            _ = try? pending?.wait()
            batch = try MemoBatch.load(table, start: start, n: min(Self.batchSize, table.recordCount - start),
                                       memoMap: memoMap, checkMap: checkMap, stored: stored)
        }
        // batches end early past `MemoBatch.byteBudget`: the next one starts where this ends
        let following = batch.start + max(1, batch.count)
        if following < table.recordCount {
            let (table, memoMap, checkMap) = (UncheckedBox(self.table), self.memoMap, self.checkMap)
            let n = min(Self.batchSize, table.value.recordCount - following)
            let maps = UncheckedBox((memoMap, checkMap))
            let stored = stored
            next = MemoBatchLoad(start: following) {
                try MemoBatch.load(table.value, start: following, n: n, memoMap: maps.value.0, checkMap: maps.value.1,
                                   stored: stored)
            }
        }
    }

    /// Puts the memo values of record `index` into `values`; false when the DBF has no
    /// such record. Disagreements of the non-memo fields go to `mismatch`.
    func fill(_ index: Int, _ values: inout [DBFValue], mismatch: (String, DBFValue, DBFValue) -> Void,
              unreadable: (String, Cause) -> Void = { _, _ in }) throws -> Bool {
        guard let k = try row(index) else { return false }
        let width = memoSlots.count
        // by index, not by tuple: copying a field descriptor per record cost a retain
        for j in 0..<width {
            values[memoSlots[j]] = stored ? batch.value(k * width + j, high: high!) : batch.values[k * width + j]
            if !batch.failures.isEmpty, let why = batch.failures[k * width + j] { unreadable(memoMap[j].field.name, why) }
        }
        if checkMap.isEmpty { return true }
        for (j, c) in checkMap.enumerated() {
            guard let v = batch.check[k * checkMap.count + j] else { continue }
            let t = values[c.slot]
            if !MemoArchive.same(t, v, decimals: c.field.decimals) { mismatch(c.field.name, t, v) }
        }
        return true
    }

    /// The row of record `index` in the current batch (loaded when needed); nil when the
    /// DBF has no such record.
    @inline(__always)
    private func row(_ index: Int) throws -> Int? {
        guard index < table.recordCount else { return nil }
        if index < batch.start || index >= batch.start + batch.count { try load(index) }
        guard index < batch.start + batch.count else { return nil }
        return index - batch.start
    }

    /// Stored mode, first step for record `index`: loads its batch and lists its unreadable
    /// memos (as `fill` does); its row for `withStored`, nil when the DBF has no such record.
    /// Only for a table without cross-checked fields (the sink's case).
    func locateStored(_ index: Int, unreadable: (String, Cause) -> Void) throws -> Int? {
        precondition(stored && checkMap.isEmpty)
        guard let k = try row(index) else { return nil }
        if !batch.failures.isEmpty {
            let width = memoSlots.count
            for j in 0..<width {
                if let why = batch.failures[k * width + j] { unreadable(memoMap[j].field.name, why) }
            }
        }
        return k
    }

    /// Stored mode: `body` with the memo values of row `k` (from `locateStored`, no batch
    /// loaded since). `column`: memo column of each structure field (-1: none); `fallback`:
    /// the values of fields with no column (the record's blanks).
    func withStored<R>(row k: Int, column: UnsafePointer<Int>, fallback: [DBFValue],
                       _ body: (StoredMemos) throws -> R) rethrows -> R {
        precondition(stored && k >= 0 && k < batch.count)
        let width = memoSlots.count
        return try batch.entries.withUnsafeBufferPointer { e in
            try batch.arena.withUnsafeBytes { a in
                try body(StoredMemos(entries: e.baseAddress! + k * width, arena: a.baseAddress, column: column,
                                     high: high!, fallback: fallback, others: batch.others, first: k * width))
            }
        }
    }

    /// Text and DBF agree: a C value compares without trailing blanks, numbers by value,
    /// a blank in the text (no NULL marker in FoxPro text) matches NULL.
    static func same(_ a: DBFValue, _ b: DBFValue, decimals: Int = 0) -> Bool {
        if a == b { return true }
        if a.isBlank && b.isBlank { return true }
        switch (a, b) {
        case let (.number(x?), .double(y)): return x.doubleValue == y
        case let (.integer(x), .number(y?)): return Double(x) == y.doubleValue
        // FoxPro writes a Double with the field's decimals: equal when it rounds the same
        case let (.double(x), .double(y)):
            return abs(x - y) <= 0.5 * pow(10, -Double(decimals)) + abs(y) * 1e-15
        // FoxPro's text DateTime has no milliseconds
        case let (.dateTime(x?), .dateTime(y?)):
            return x.date == y.date && (x.milliseconds / 1000 == y.milliseconds / 1000) && (x.millisecond == 0 || y.millisecond == 0)
        default: return false
        }
    }
}

/// Hands a value to the background loader; the loader is its only user until waited for.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
