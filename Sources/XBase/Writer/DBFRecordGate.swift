/// A hook on `DBFWriter`: sees each record in the writer's layout (memo pointers already
/// into the writer's memo file) just before it is written, and may hand another record of
/// the same layout to be written in its place. `restore --merge` uses it to put the live
/// version of a row where the backup's would go, in one pass and without rewriting the table.
public protocol DBFRecordGate: AnyObject {
    /// nil: write `record` as it is. Else the bytes to write instead (`recordLength` bytes,
    /// valid until the next call), whose memo pointers `replacementMemo` resolves.
    func replacement(for record: UnsafeRawBufferPointer) throws(XBaseError) -> UnsafeRawBufferPointer?
    /// The memo a replacement record's pointer `block` in `field` stands for.
    func replacementMemo(field: FieldDescriptor, block: UInt32) throws(XBaseError) -> ([UInt8], MemoBlockType)
}
