/// The memo file beside a table: FoxPro `.FPT` or dBASE `.DBT`.
///
/// A memo value is addressed by its block number (the pointer in the record); this type
/// reads one value at a time with positioned reads, so memory stays bounded whatever the
/// memo file's size.
public final class MemoFile: @unchecked Sendable {
    public enum Kind: String, Sendable, Codable {
        /// FoxPro FPT: 512-byte BE header, each memo `type(BE32) length(BE32) data`.
        case fpt
        /// dBASE III DBT: 512-byte blocks, text ends at 0x1A.
        case dbt3
        /// dBASE IV/7 DBT: each memo starts `FF FF 08 00` + LE32 length incl. those 8 bytes.
        case dbt4
    }

    /// One memo value with the FPT record type (1 text, 0 picture/binary, 2 object).
    public struct Memo: Sendable, Hashable {
        public var type: UInt32
        public var bytes: [UInt8]
        public var isText: Bool { type == 1 }
    }

    public let kind: Kind
    public let blockSize: Int
    /// "Next free block" from the header (FPT BE32, DBT LE32).
    public let nextFreeBlock: Int
    let reader: FileHandleReader
    public var path: String { reader.path }
    public var size: Int { reader.size }

    public init(path: String, kind: Kind) throws(XBaseError) {
        reader = try FileHandleReader(path: path)
        self.kind = kind
        let h = try reader.bytes(at: 0, count: 512)
        guard h.count >= 8 || kind == .dbt3 else {
            throw .badMemo(file: path, record: nil, field: nil, block: 0, reason: .fileHeaderShort(bytes: h.count))
        }
        switch kind {
        case .fpt:
            nextFreeBlock = Int(be32(h, 0))
            // bytes 6–7 hold the block size; 0 means 1-byte blocks (spec, dbfread agrees
            // since it multiplies by the stored value)
            let bs = h.count >= 8 ? Int(UInt16(h[6]) << 8 | UInt16(h[7])) : 0
            blockSize = bs == 0 ? 1 : bs
        case .dbt3:
            nextFreeBlock = h.count >= 4 ? Int(le32(h, 0)) : 0
            blockSize = 512
        case .dbt4:
            nextFreeBlock = Int(le32(h, 0))
            let bs = h.count >= 22 ? Int(UInt16(h[20]) | UInt16(h[21]) << 8) : 0
            blockSize = bs == 0 ? 512 : bs
        }
    }

    /// The memo at `block`. Block 0 (and negative) means "no memo": returns nil.
    /// Throws `badMemo` when the pointer leaves the file or its block header is nonsense.
    public func read(block: Int) throws(XBaseError) -> Memo? {
        guard block > 0 else { return nil }
        let offset = block * blockSize
        guard offset < size else {
            throw .badMemo(file: path, record: nil, field: nil, block: block,
                           reason: .block(.outside(memoBytes: size)))
        }
        switch kind {
        case .fpt:
            let head = try reader.bytes(at: offset, count: 8)
            guard head.count == 8 else {
                throw .badMemo(file: path, record: nil, field: nil, block: block, reason: .block(.headerCut))
            }
            let type = be32(head, 0)
            let length = Int(be32(head, 4))
            guard offset + 8 + length <= size else {
                throw .badMemo(file: path, record: nil, field: nil, block: block,
                               reason: .block(.lengthPastEnd(length)))
            }
            guard type <= 2 else {
                throw .badMemo(file: path, record: nil, field: nil, block: block,
                               reason: .block(.badType(Int(type))))
            }
            return Memo(type: type, bytes: try reader.bytes(at: offset + 8, count: length))
        case .dbt3:
            var out: [UInt8] = []
            var pos = offset
            while pos < size {
                let chunk = try reader.bytes(at: pos, count: 512)
                if let end = chunk.firstIndex(of: 0x1A) {
                    out.append(contentsOf: chunk[..<end])
                    return Memo(type: 1, bytes: out)
                }
                out.append(contentsOf: chunk)
                pos += chunk.count
                if chunk.isEmpty { break }
            }
            return Memo(type: 1, bytes: out)
        case .dbt4:
            let head = try reader.bytes(at: offset, count: 8)
            guard head.count == 8, head[0] == 0xFF, head[1] == 0xFF, head[2] == 0x08, head[3] == 0x00 else {
                throw .badMemo(file: path, record: nil, field: nil, block: block,
                               reason: .block(.badSignature))
            }
            let length = Int(le32(head, 4))
            guard length >= 8, offset + length <= size else {
                throw .badMemo(file: path, record: nil, field: nil, block: block,
                               reason: .block(.lengthDoesNotFit(length)))
            }
            var data = try reader.bytes(at: offset + 8, count: length - 8)
            // dBASE IV text memos are commonly terminated by 0x1A inside the length; only a
            // trailing run is a terminator: a binary memo (php-xbase dBaseIV.dbt's JPEG)
            // holds 0x1A bytes in its data
            while data.last == 0x1A { data.removeLast() }
            return Memo(type: 1, bytes: data)
        }
    }

    /// Finds the memo file beside `dbfPath` (same base name, `.fpt`/`.dbt` in any case).
    public static func locate(besides dbfPath: String, dialect: Dialect) -> (path: String, kind: Kind)? {
        let base = stripExtension(dbfPath)
        let fptNames = [base + ".fpt", base + ".FPT", base + ".Fpt"]
        let dbtNames = [base + ".dbt", base + ".DBT", base + ".Dbt"]
        let fpt = fptNames.first(where: fileExists) ?? findCaseInsensitive(base: base, ext: "fpt")
        let dbt = dbtNames.first(where: fileExists) ?? findCaseInsensitive(base: base, ext: "dbt")
        if let f = fpt, dialect == .foxPro || dialect == .visualFoxPro || dbt == nil { return (f, .fpt) }
        if let d = dbt {
            return (d, (dialect == .dBaseIV || dialect == .dBase7) ? .dbt4 : .dbt3)
        }
        return nil
    }
}

@inline(__always) func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}
