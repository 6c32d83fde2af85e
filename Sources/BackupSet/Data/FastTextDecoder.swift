import XBase

/// Single-byte text to `String` in one pass, through XBase's `TextDecoding` table of UTF-8
/// sequences built once per code page (decoding scalar by scalar cost several appends per
/// character). UTF-8 and multi-byte pages go through `CodePage.decode`. Same result as
/// `CodePage.decode` in every case.
final class FastTextDecoder: @unchecked Sendable {
    let codePage: CodePage
    /// UTF-8 of bytes 0x80…0xFF; nil for UTF-8 and multi-byte pages.
    private let high: UnsafeMutablePointer<UInt32>?

    init(_ cp: CodePage) {
        codePage = cp
        high = TextDecoding.highTable(cp)
    }

    deinit { high?.deallocate() }

    func decode(_ r: UnsafeRawBufferPointer) -> String {
        if let high { return TextDecoding.decode(r, high: high) }
        return codePage.decode(r)
    }
}
