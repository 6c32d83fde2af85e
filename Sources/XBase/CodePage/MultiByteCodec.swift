#if canImport(Glibc)
import Glibc
#endif

/// Decoding and encoding of the multi-byte Asian code pages (cp932, cp936, cp949, cp950)
/// through the C library's iconv, whose tables are the platform's own. These pages are
/// rare in Brazilian stores but occur in real files (dbase-rs cp936.dbf, javadbf gbk.dbf).
enum MultiByteCodec {
    static let iconvNames: [Int: String] = [932: "CP932", 936: "GBK", 949: "CP949", 950: "BIG5"]

    static func convert(_ input: [UInt8], from: String, to: String) -> [UInt8]? {
        #if canImport(Glibc)
        let cd = iconv_open(to, from)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var inBuf = input
        var out = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced: Int? = inBuf.withUnsafeMutableBufferPointer { inPtr in
            out.withUnsafeMutableBufferPointer { outPtr in
                var inP: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inPtr.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inPtr.count
                var outP: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outPtr.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outPtr.count
                while inLeft > 0 {
                    if iconv(cd, &inP, &inLeft, &outP, &outLeft) == -1 {
                        guard errno == EILSEQ || errno == EINVAL, outLeft > 0 else { return nil }
                        // an undecodable byte: keep going with U+FFFD / '?'
                        inP = inP.map { $0 + 1 }; inLeft -= 1
                        let rep: [UInt8] = to == "UTF-8" ? [0xEF, 0xBF, 0xBD] : [0x3F]
                        guard outLeft >= rep.count else { return nil }
                        for b in rep { outP!.pointee = CChar(bitPattern: b); outP = outP! + 1; outLeft -= 1 }
                    }
                }
                return outPtr.count - outLeft
            }
        }
        guard let n = produced else { return nil }
        return Array(out[0..<n])
        #else
        return nil
        #endif
    }

    static func decode(_ bytes: [UInt8], page: Int) -> String {
        guard let name = iconvNames[page],
              let utf8 = convert(bytes, from: name, to: "UTF-8") else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    static func encode(_ s: String, page: Int) -> [UInt8]? {
        guard let name = iconvNames[page] else { return nil }
        return convert(Array(s.utf8), from: "UTF-8", to: name)
    }
}
