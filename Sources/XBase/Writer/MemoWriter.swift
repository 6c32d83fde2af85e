/// The memo file formats a writer can produce.
public enum MemoFormat: Sendable, Hashable {
    /// FoxPro/VFP `.fpt`: 512-byte header with big-endian next-free block and block size;
    /// each memo starts with a BE32 type and a BE32 length.
    case fpt(blockSize: Int)
    /// dBASE III `.dbt`: 512-byte blocks, text ended by 0x1A 0x1A.
    case dbtIII
    /// dBASE IV `.dbt`: each memo starts with FF FF 08 00 and a LE32 length that counts
    /// those 8 bytes.
    case dbtIV(blockSize: Int)

    /// The companion file's extension, lower case (`fpt` or `dbt`).
    public var fileExtension: String {
        if case .fpt = self { return "fpt" }
        return "dbt"
    }

    var blockSize: Int {
        switch self {
        case .fpt(let b): b <= 0 ? 1 : b
        case .dbtIII: 512
        case .dbtIV(let b): b <= 0 ? 512 : b
        }
    }
}

/// The FPT block type word: what FoxPro records about a memo's content.
public enum MemoBlockType: UInt32, Sendable {
    case picture = 0
    case text = 1
    case object = 2
}

/// Appends memos to a new FPT or DBT file and hands back their block numbers.
///
/// Memos are written in the order they arrive, each starting on a block boundary, the
/// last one padded to a whole block as FoxPro does, so that `next free × block size`
/// equals the file size.
final class MemoWriter {
    let format: MemoFormat
    let file: OutputFile
    let blockSize: Int
    /// The block the next memo starts at.
    private(set) var nextBlock: Int

    init(path: String, format: MemoFormat) throws(XBaseError) {
        self.format = format
        self.blockSize = format.blockSize
        guard blockSize <= 0xFFFF else {
            throw .unsupported(file: path, reason: .memoBlockSize(blockSize))
        }
        file = try OutputFile(path: path, bufferSize: 1 << 18)
        // FPT memos may start right after the 512-byte header (block size 1 ⇒ block 512);
        // DBT block 0 is the header whatever the block size.
        nextBlock = (512 + blockSize - 1) / blockSize
        try file.append(headerBytes())
        let pad = nextBlock * blockSize - 512
        if pad > 0 { try file.appendRepeated(0, count: pad) }
    }

    /// The 512-byte header as it must read once `nextBlock` is final.
    func headerBytes() -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        let next = UInt32(truncatingIfNeeded: nextBlock)
        switch format {
        case .fpt:
            h[0] = UInt8(next >> 24); h[1] = UInt8(next >> 16 & 0xFF)
            h[2] = UInt8(next >> 8 & 0xFF); h[3] = UInt8(next & 0xFF)
            h[6] = UInt8(blockSize >> 8); h[7] = UInt8(blockSize & 0xFF)
        case .dbtIII:
            h[0] = UInt8(next & 0xFF); h[1] = UInt8(next >> 8 & 0xFF)
            h[2] = UInt8(next >> 16 & 0xFF); h[3] = UInt8(next >> 24)
            h[16] = 0x03
        case .dbtIV:
            h[0] = UInt8(next & 0xFF); h[1] = UInt8(next >> 8 & 0xFF)
            h[2] = UInt8(next >> 16 & 0xFF); h[3] = UInt8(next >> 24)
            h[20] = UInt8(blockSize & 0xFF); h[21] = UInt8(blockSize >> 8)
        }
        return h
    }

    /// Writes one memo and returns its block number (never 0: 0 means "no memo").
    func append(_ data: UnsafeRawBufferPointer, type: MemoBlockType) throws(XBaseError) -> UInt32 {
        let start = nextBlock
        var written = 0
        switch format {
        case .fpt:
            guard data.count <= Int(UInt32.max) else { throw .unsupported(file: file.path, reason: .memoTooLarge(bytes: data.count)) }
            try file.append(count: 8) { p in
                storeBE32(type.rawValue, p, 0)
                storeBE32(UInt32(data.count), p, 4)
            }
            try file.append(data)
            written = 8 + data.count
        case .dbtIII:
            if data.contains(0x1A) {
                throw .unsupported(file: file.path, reason: .dBase3MemoEndByte)
            }
            try file.append(data)
            try file.append([0x1A, 0x1A])
            written = data.count + 2
        case .dbtIV:
            try file.append(count: 8) { p in
                p[0] = 0xFF; p[1] = 0xFF; p[2] = 0x08; p[3] = 0x00
                storeLE32(UInt32(truncatingIfNeeded: data.count + 8), p, 4)
            }
            try file.append(data)
            // dBASE IV leaves 0x1F right after the memo text (infused dbase_8b.dbt), and
            // readers such as dbfread stop there rather than at the length
            try file.append([0x1F])
            written = 8 + data.count + 1
        }
        let blocks = max(1, (written + blockSize - 1) / blockSize)
        let pad = blocks * blockSize - written
        if pad > 0 { try file.appendRepeated(0, count: pad) }
        nextBlock += blocks
        guard nextBlock <= Int(UInt32.max) else { throw .unsupported(file: file.path, reason: .memoFileFull) }
        return UInt32(start)
    }

    /// Writes the final next-free block into the header and flushes.
    func finish() throws(XBaseError) {
        try file.patch(at: 0, headerBytes())
    }
}

@inline(__always) func storeBE32(_ v: UInt32, _ p: UnsafeMutableRawBufferPointer, _ at: Int) {
    p[at] = UInt8(v >> 24); p[at + 1] = UInt8(v >> 16 & 0xFF)
    p[at + 2] = UInt8(v >> 8 & 0xFF); p[at + 3] = UInt8(v & 0xFF)
}
@inline(__always) func storeLE32(_ v: UInt32, _ p: UnsafeMutableRawBufferPointer, _ at: Int) {
    p[at] = UInt8(v & 0xFF); p[at + 1] = UInt8(v >> 8 & 0xFF)
    p[at + 2] = UInt8(v >> 16 & 0xFF); p[at + 3] = UInt8(v >> 24)
}
@inline(__always) func storeLE64(_ v: UInt64, _ p: UnsafeMutableRawBufferPointer, _ at: Int) {
    for i in 0..<8 { p[at + i] = UInt8(v >> (8 * UInt64(i)) & 0xFF) }
}
