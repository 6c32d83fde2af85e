import XBase

/// `verify`'s way through a table's plain lines: every text value is checked where it lies
/// in the line (`RawRecord.decodes`), none is made into a `DBFValue` (a `String` per text
/// field per record, which verify never looks at). A line with any value that does not
/// decode is declined, and the typed reader reads it again and words its defect, so the
/// defects, counts and report are those of the typed path by construction.
final class CheckingSink: RawRecordSink {
    /// Structure fields held in the text (memo fields come from the memo archive); a
    /// buffer, not an array, so a line costs no retain of it.
    private let textFields: UnsafeMutableBufferPointer<Int>
    private let count: Int
    private let onRecord: () -> Void

    init(structure: BackupStructure, onRecord: @escaping () -> Void) {
        let fields = structure.fields.indices.filter { !structure.fields[$0].isMemo }
        textFields = .allocate(capacity: max(1, fields.count))
        _ = textFields.initialize(from: fields)
        self.onRecord = onRecord
        count = fields.count
    }

    deinit { textFields.deallocate() }

    func stage(_ r: RawRecord) throws -> Bool {
        let fields = textFields
        for k in 0..<count where !r.decodes(fields[k]) { return false }
        return true
    }

    func commit(_ r: RawRecord, memoValues values: [DBFValue]) throws { onRecord() }
}
