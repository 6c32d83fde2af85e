import XBase

/// `verify`'s way through a table's plain lines: every text value is checked where it lies
/// in the line (`RawRecord.decodes`), none is made into a `DBFValue` (a `String` per text
/// field per record, which verify never looks at). A line with any value that does not
/// decode is declined, and the typed reader reads it again and words its defect, so the
/// defects, counts and report are those of the typed path by construction.
final class CheckingSink: RawRecordSink {
    /// Structure fields held in the text (memo fields come from the memo archive).
    private let textFields: [Int]
    private let onRecord: () -> Void

    init(structure: BackupStructure, onRecord: @escaping () -> Void) {
        textFields = structure.fields.indices.filter { !structure.fields[$0].isMemo }
        self.onRecord = onRecord
    }

    func stage(_ r: RawRecord) throws -> Bool {
        for f in textFields where !r.decodes(f) { return false }
        return true
    }

    func commit(_ r: RawRecord, memoValues values: [DBFValue]) throws { onRecord() }
}
