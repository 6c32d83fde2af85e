import Crypto
import Foundation
import SystemZlib

/// Writes a zip from files on disk. Members are deflated in parallel (one per core) into
/// temporary files next to the output, then laid out in order; the zip goes to a temporary
/// name and is renamed over `path` only when complete, so a crash never leaves half a set
/// under the real name. ZIP64 records are written when sizes or offsets need them.
enum ZipWriter {
    struct Member { var name: String; var path: String }

    struct Compressed: Sendable {
        var name: String; var temp: String; var crc: UInt32; var size: Int; var csize: Int; var method: Int
        /// SHA-256 of the uncompressed bytes, hex (for the manifest, computed on the way).
        var sha256: String = ""
    }

    static func write(_ members: [Member], to path: String, level: Int32 = 1) throws {
        let temp = path + ".partial-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let box = ResultBox(count: members.count)
        let order = members.indices.sorted { fileSize(members[$0].path) > fileSize(members[$1].path) }
        DispatchQueue.concurrentPerform(iterations: members.count) { k in
            let i = order[k]
            do { box.set(i, try deflateFile(members[i], level: level, tempBase: temp + ".\(i)")) } catch { box.fail(error) }
        }
        let results = box.results
        let failure = box.failure
        defer { for r in results { if let r { try? FileManager.default.removeItem(atPath: r.temp) } } }
        if let failure { throw failure }
        try assemble(results.compactMap { $0 }, to: path)
    }

    /// Lays compressed members out into a zip at a temporary name, then renames it to `path`.
    static func assemble(_ results: [Compressed], to path: String) throws {
        let temp = path + ".partial-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: temp) }
        guard FileManager.default.createFile(atPath: temp, contents: nil), let out = FileHandle(forWritingAtPath: temp) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        var offset = 0
        var central: [UInt8] = []
        let (dosDate, dosTime) = dosNow()
        for r in results {
            let name = Array(r.name.utf8)
            let big = r.size >= 0xFFFF_FFFF || r.csize >= 0xFFFF_FFFF || offset >= 0xFFFF_FFFF
            var local: [UInt8] = []
            put32(&local, 0x0403_4B50); put16(&local, big ? 45 : 20); put16(&local, 0x0800); put16(&local, r.method)
            put16(&local, dosTime); put16(&local, dosDate); put32(&local, Int(r.crc))
            put32(&local, big ? 0xFFFF_FFFF : r.csize); put32(&local, big ? 0xFFFF_FFFF : r.size)
            put16(&local, name.count); put16(&local, big ? 20 : 0); local += name
            if big { put16(&local, 1); put16(&local, 16); put64(&local, r.size); put64(&local, r.csize) }
            try out.write(contentsOf: local)
            try copyFile(r.temp, to: out)
            // central directory entry
            var extra: [UInt8] = []
            if big { put16(&extra, 1); put16(&extra, 24); put64(&extra, r.size); put64(&extra, r.csize); put64(&extra, offset) }
            put32(&central, 0x0201_4B50); put16(&central, 0x031E); put16(&central, big ? 45 : 20); put16(&central, 0x0800)
            put16(&central, r.method); put16(&central, dosTime); put16(&central, dosDate); put32(&central, Int(r.crc))
            put32(&central, big ? 0xFFFF_FFFF : r.csize); put32(&central, big ? 0xFFFF_FFFF : r.size)
            put16(&central, name.count); put16(&central, extra.count); put16(&central, 0); put16(&central, 0); put16(&central, 0)
            put32(&central, 0o100644 << 16); put32(&central, big ? 0xFFFF_FFFF : offset)
            central += name; central += extra
            offset += local.count + r.csize
        }
        let cdOffset = offset
        var tail: [UInt8] = []
        let count = results.count
        if cdOffset >= 0xFFFF_FFFF || count >= 0xFFFF {
            put32(&tail, 0x0606_4B50); put64(&tail, 44); put16(&tail, 45); put16(&tail, 45); put32(&tail, 0); put32(&tail, 0)
            put64(&tail, count); put64(&tail, count); put64(&tail, central.count); put64(&tail, cdOffset)
            put32(&tail, 0x0706_4B50); put32(&tail, 0); put64(&tail, cdOffset + central.count); put32(&tail, 1)
        }
        put32(&tail, 0x0605_4B50); put16(&tail, 0); put16(&tail, 0)
        put16(&tail, min(count, 0xFFFF)); put16(&tail, min(count, 0xFFFF))
        put32(&tail, central.count); put32(&tail, min(cdOffset, 0xFFFF_FFFF)); put16(&tail, 0)
        try out.write(contentsOf: central + tail)
        try out.synchronize()
        try out.close()
        guard rename(temp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [Compressed?]
        private(set) var failure: Error?
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ c: Compressed) { lock.lock(); results[i] = c; lock.unlock() }
        func fail(_ e: Error) { lock.lock(); failure = e; lock.unlock() }
    }

    static func fileSize(_ p: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func copyFile(_ from: String, to out: FileHandle) throws {
        guard let h = FileHandle(forReadingAtPath: from) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? h.close() }
        while let d = try h.read(upToCount: 4 << 20), !d.isEmpty { try out.write(contentsOf: d) }
    }

    /// Raw deflate of one file into `tempBase`, with zlib's CRC-32.
    static func deflateFile(_ m: Member, level: Int32, tempBase: String) throws -> Compressed {
        guard let input = FileHandle(forReadingAtPath: m.path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: tempBase, contents: nil), let out = FileHandle(forWritingAtPath: tempBase) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        defer { try? out.close() }
        var strm = z_stream()
        guard deflateInit2_(&strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { deflateEnd(&strm) }
        var crc = SystemZlib.crc32(0, nil, 0)
        var sha = SHA256()
        var size = 0, csize = 0
        let outBuf = UnsafeMutablePointer<Bytef>.allocate(capacity: 1 << 20)
        defer { outBuf.deallocate() }
        var finished = false
        while !finished {
            let chunk = try input.read(upToCount: 1 << 20) ?? Data()
            let flush = chunk.isEmpty ? Z_FINISH : Z_NO_FLUSH
            size += chunk.count
            sha.update(data: chunk)
            try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let p = raw.baseAddress?.assumingMemoryBound(to: Bytef.self)
                if let p { crc = SystemZlib.crc32(crc, p, uInt(raw.count)) }
                strm.next_in = UnsafeMutablePointer(mutating: p)
                strm.avail_in = uInt(raw.count)
                repeat {
                    strm.next_out = outBuf
                    strm.avail_out = 1 << 20
                    let r = deflate(&strm, flush)
                    guard r != Z_STREAM_ERROR else { throw CocoaError(.fileWriteUnknown) }
                    let n = (1 << 20) - Int(strm.avail_out)
                    if n > 0 { try out.write(contentsOf: UnsafeRawBufferPointer(start: outBuf, count: n)); csize += n }
                    if r == Z_STREAM_END { finished = true }
                } while strm.avail_out == 0 || (flush == Z_FINISH && !finished)
            }
        }
        return Compressed(name: m.name, temp: tempBase, crc: UInt32(crc), size: size, csize: csize, method: 8,
                          sha256: sha.finalize().map { String(format: "%02x", $0) }.joined())
    }

    static func dosNow() -> (Int, Int) {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        let date = ((c.year! - 1980) << 9) | (c.month! << 5) | c.day!
        let time = (c.hour! << 11) | (c.minute! << 5) | (c.second! / 2)
        return (date, time)
    }

    static func put16(_ a: inout [UInt8], _ v: Int) { a.append(UInt8(v & 0xFF)); a.append(UInt8((v >> 8) & 0xFF)) }
    static func put32(_ a: inout [UInt8], _ v: Int) { put16(&a, v & 0xFFFF); put16(&a, (v >> 16) & 0xFFFF) }
    static func put64(_ a: inout [UInt8], _ v: Int) { put32(&a, v & 0xFFFF_FFFF); put32(&a, (v >> 32) & 0xFFFF_FFFF) }
}
