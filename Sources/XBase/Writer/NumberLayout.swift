/// How FoxPro lays a decimal out in an N/F field: right-aligned ASCII, exactly the field's
/// decimals after the point, blanks on the left. One place for the writer's encoder and
/// for callers that fill field bytes themselves (the restore's fast path), so both write
/// the same bytes and refuse the same values.
public enum NumberLayout {
    public enum Outcome: Equatable {
        case written
        /// More digits after the point than the field has.
        case tooManyDecimals
        /// The value scaled to the field's decimals is outside 64 bits.
        case tooLarge
        /// The text is wider than the field.
        case doesNotFit
    }

    /// Writes `n` into `slot` (the whole field); on anything but `.written` the slot's
    /// bytes are unspecified.
    public static func write(_ n: DecimalNumber, decimals: Int, into slot: UnsafeMutableRawBufferPointer) -> Outcome {
        let norm = n.normalized
        guard norm.scale <= decimals else { return .tooManyDecimals }
        var m = norm.mantissa.magnitude
        for _ in norm.scale..<decimals {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            guard !o else { return .tooLarge }
            m = r
        }
        // digits written right to left straight into the field: no String per value
        var i = slot.count - 1
        for _ in 0..<decimals {
            guard i >= 0 else { return .doesNotFit }
            slot[i] = UInt8(48 + m % 10); m /= 10; i -= 1
        }
        if decimals > 0 {
            guard i >= 0 else { return .doesNotFit }
            slot[i] = UInt8(ascii: "."); i -= 1
        }
        repeat {
            guard i >= 0 else { return .doesNotFit }
            slot[i] = UInt8(48 + m % 10); m /= 10; i -= 1
        } while m > 0
        if norm.mantissa < 0 {
            guard i >= 0 else { return .doesNotFit }
            slot[i] = UInt8(ascii: "-"); i -= 1
        }
        while i >= 0 { slot[i] = 0x20; i -= 1 }
        return .written
    }
}
