import ResgateLocale
/// What makes 32 header bytes a field descriptor, so a header that does not describe its
/// file (bytes inserted before the terminator, a terminator lost, descriptors overwritten)
/// is reported as damage instead of being read as fields with garbage names.
///
/// Real writers put odd but printable names (lower case, Latin-1 letters, even spaces)
/// and unknown type letters in descriptors; none puts control bytes in a name or a type.
enum DescriptorCheck {
    /// Harbour's Unicode types (0x1A C, 0x1B V, 0x1C M; dbf1.c) are the only control
    /// bytes a real writer puts in the type byte.
    static let harbourUnicodeTypes: ClosedRange<UInt8> = 0x1A...0x1C

    /// Why the descriptor is not one, or nil when it may be.
    static func problem(name: [UInt8], typeByte: UInt8, raw: ArraySlice<UInt8>) -> DescriptorReason? {
        if name.isEmpty { return .emptyName(typeByte: typeByte) }
        if let bad = name.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            return .controlByteInName(bad)
        }
        if (typeByte < 0x20 && !harbourUnicodeTypes.contains(typeByte)) || typeByte == 0x7F {
            return .typeByteNotALetter(typeByte)
        }
        return nil
    }

    static func hex2(_ b: UInt8) -> String { (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
}
