/// The two meanings of an 8-byte `@` field, told apart by the table and by the bytes.
///
/// dBASE 7 (version 0x04/0x8C, 48-byte descriptors) stores `@` as a big-endian double of
/// milliseconds since 1 Jan 4713 BC with the sign bit flipped. Harbour, in every table with
/// 32-byte descriptors (0x03, 0x30, 0xF5…), stores it as VFP stores `T`: Julian day then
/// milliseconds since midnight, both little-endian int32 (src/rdd/dbf1.c, HB_FT_TIMESTAMP).
/// The header decides; the bytes only serve to say "ambiguous" when a value that is not a
/// valid Harbour timestamp would be a plausible dBASE 7 one.
public enum TimestampLayout {
    /// Julian days of 0001-01-01 and 9999-12-31: what a calendar date can be.
    public static let plausibleDays = 1_721_426...5_373_484

    /// Whether `r` (8 bytes) is a valid Julian day + milliseconds pair, or blank.
    public static func isJulianPairOrBlank(_ r: UnsafeRawBufferPointer) -> Bool {
        guard r.count == 8 else { return false }
        let day = Int(Int32(littleEndian: r.loadUnaligned(as: Int32.self)))
        let ms = Int(Int32(littleEndian: r.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
        if day == 0 || r.allSatisfy({ $0 == 0x20 }) { return true }
        return plausibleDays.contains(day) && ms >= 0 && ms < 86_400_000
    }

    /// The date the bytes would give read as a dBASE 7 timestamp, when that reading is a
    /// date between 1900 and 2100 (nil otherwise); used only to word an "ambiguous" error.
    public static func dBase7Reading(_ r: UnsafeRawBufferPointer) -> DBFDate? {
        guard r.count == 8 else { return nil }
        var bits = r.loadUnaligned(as: UInt64.self).bigEndian
        guard bits != 0 else { return nil }
        bits = bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits
        let ms = Double(bitPattern: bits)
        // 1900-01-01 … 2100-12-31 in Julian days, times a day's milliseconds
        guard ms.isFinite, ms >= 2_415_021 * 86_400_000.0, ms <= 2_488_434 * 86_400_000.0 else { return nil }
        return DBFDate(julianDay: Int(ms / 86_400_000))
    }
}
