import Foundation
import ResgateTestSupport
import Testing
@testable import XBase

/// Fast paths of the full read against their general forms. `number` reads the plain form `[-]digits[.digits]` without per-byte checks; everything
/// else goes to the general loop. Both must agree wherever the plain reader answers, and
/// the plain reader must decline every text the general loop would refuse or read
/// differently.
@Suite struct FastDecodingTests {
    @Test func plainReaderAgreesWithTheGeneralLoop() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("n.dbf").path
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "N", type: .numeric, length: 20, decimals: 4)]))
        try w.append([.number(DecimalNumber(mantissa: 1, scale: 0))])
        try w.finish()
        let table = try DBFTable.open(path: path)
        let edges = ["0", "-0", "5.", ".5", "-.5", ".", "-", "+", "+5", "-5.25", "1,5", "1 2", "12 .5", "1.2.3",
                     "***", "1e5", "123456789012345678", "-12345678901234567", "1234567890123456789",
                     "999999999999999999", "00012.3400", "-", "--1", "1-", "\u{0}1"]
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-.+, *".utf8)
        var texts = edges.map { Array($0.utf8) }
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...20, using: &rng)
            texts.append((0..<n).map { _ in
                Bool.random(using: &rng) ? UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng) : alphabet.randomElement(using: &rng)!
            })
        }
        var plainAnswers = 0
        try table.withRecord(at: 0) { rec in
            for t in texts {
                try t.withUnsafeBytes { r in
                    var start = 0, end = r.count
                    while start < end && (r[start] == 0x20 || r[start] == 0) { start += 1 }
                    while end > start && (r[end - 1] == 0x20 || r[end - 1] == 0) { end -= 1 }
                    guard start < end else { return }
                    let general = Result { () throws(XBaseError) -> DBFValue in try rec.anyNumber(r, start, end, { "N" }) }
                    if let plain = rec.plainNumber(r, start, end) {
                        plainAnswers += 1
                        let generalValue = try? general.get()
                        #expect(generalValue == .number(plain), "\(String(decoding: t, as: UTF8.self))")
                        // and the public reader gives the same
                        let viaNumber = try? rec.number(r, { "N" })
                        #expect(viaNumber == .number(plain))
                    }
                }
            }
        }
        // the plain reader really answers for the common forms
        #expect(plainAnswers > 1_000)
    }

    /// `number`'s one-pass reading of the usual shape gives what the trimming reader
    /// (`trimmedNumber`) gives, value or error, for padded texts of every width.
    @Test func onePassNumberAgreesWithTheTrimmingReader() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("n1.dbf").path
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "N", type: .numeric, length: 20, decimals: 4)]))
        try w.append([.number(DecimalNumber(mantissa: 1, scale: 0))])
        try w.finish()
        let table = try DBFTable.open(path: path)
        var rng = SplitMix(seed: 3)
        let alphabet = Array("0123456789-.+, *\u{0}e".utf8)
        var texts: [[UInt8]] = ["", " ", "        ", "         .", "        -.", "       5.", "      -.5", "  -0",
                                "   123456789012345678", "  1234567890123456789", "-12345678901234567.", "12 ",
                                "\u{0}\u{0}12", "  12\u{0}", "1", "-", "."].map { Array($0.utf8) }
        for _ in 0..<30_000 {
            let width = Int(rng.next() % 21)
            let blanks = width == 0 ? 0 : Int(rng.next() % UInt64(width + 1))
            texts.append((0..<width).map { i in
                if i < blanks { return 0x20 }
                return rng.next() % 2 == 0 ? UInt8(ascii: "0") + UInt8(rng.next() % 10) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            })
        }
        try table.withRecord(at: 0) { rec in
            for t in texts {
                t.withUnsafeBytes { r in
                    let fast = Result { () throws(XBaseError) -> DBFValue in try rec.number(r, { "N" }) }
                    let trimmed = Result { () throws(XBaseError) -> DBFValue in try rec.trimmedNumber(r, { "N" }) }
                    switch (fast, trimmed) {
                    case let (.success(a), .success(b)):
                        // the same representation, not only an equal value
                        if case let .number(x) = a, case let .number(y) = b {
                            #expect(x?.mantissa == y?.mantissa && x?.scale == y?.scale, "\(t)")
                        } else {
                            #expect(a == b, "\(t)")
                        }
                    case (.failure, .failure): break
                    default: Issue.record("\(t): \(fast) vs \(trimmed)")
                    }
                }
            }
        }
    }

    /// The word-at-a-time reading of a narrow field (`QuickNumber.lastWord`) gives what the
    /// character-by-character one gives, value and representation, or both decline: every
    /// width to 16 and past it, every shape of blanks, sign, digits and point, and bytes
    /// that are none of these.
    @Test func wordReadingAgreesWithTheCharacterScan() {
        var rng = SplitMix(seed: 17)
        let others = Array("-.+, *e\u{0}\u{7F}/:".utf8) + [0x80, 0xB0, 0xFF]
        var words = 0
        func check(_ t: [UInt8]) {
            t.withUnsafeBytes { r in
                let p = r.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
                if t.count <= 16, QuickNumber.lastWord(p, count: t.count) != nil { words += 1 }
                let word = QuickNumber.read(p, count: t.count)
                let scan = QuickNumber.scan(p, count: t.count)
                switch (word, scan) {
                case let (.number(a)?, .number(b)?):
                    #expect(a?.mantissa == b?.mantissa && a?.scale == b?.scale, "\(t)")
                case (nil, nil): break
                default: Issue.record("\(t): \(String(describing: word)) vs \(String(describing: scan))")
                }
            }
        }
        for text in ["", " ", "-", ".", "-.", "5.", ".5", "-.5", "-0", "0", "12345678", "-1234567", "1234567.",
                     "        ", "       -", "      -.", "99999999", " 9999999.9", "1-2", "- 5", " 1 ", "--5"] {
            for width in text.utf8.count...(text.utf8.count + 9) {
                check([UInt8](repeating: 0x20, count: width - text.utf8.count) + Array(text.utf8))
            }
        }
        for _ in 0..<200_000 {
            let width = Int(rng.next() % 21)
            let blanks = width == 0 ? 0 : Int(rng.next() % UInt64(width + 1))
            var t = [UInt8](repeating: 0x20, count: blanks)
            if blanks < width && rng.next() % 3 == 0 { t.append(UInt8(ascii: "-")) }
            let point = rng.next() % 2 == 0 ? Int(rng.next() % UInt64(width + 1)) : -1
            while t.count < width {
                if t.count == point { t.append(UInt8(ascii: ".")); continue }
                t.append(rng.next() % 12 == 0 ? others[Int(rng.next() % UInt64(others.count))] : UInt8(ascii: "0") + UInt8(rng.next() % 10))
            }
            check(t)
        }
        // the word reading really answers for most narrow fields
        #expect(words > 50_000)
    }

    /// `quickDate` (the eight characters read as one word) answers exactly the valid dates
    /// `date` reads, with the same value, and nil for everything else: every byte value in
    /// every position, blanks, impossible days and months, leap years.
    @Test func quickDateAgreesWithTheFullReader() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("d.dbf").path
        let w = try DBFWriter(path: path, structure: TableStructure(version: 0x30, codePage: .cp1252, fields: [
            FieldDescriptor(name: "D", type: .date, length: 8)]))
        try w.append([.date(DBFDate(year: 2024, month: 2, day: 29))])
        try w.finish()
        let table = try DBFTable.open(path: path)
        var texts = ["20240229", "20230229", "19000229", "20000229", "00000000", "        ", "00010101", "99991231",
                     "20241301", "20240001", "20240100", "20240132", "20240431", "2024 101", "2024-1-1"].map { Array($0.utf8) }
        var rng = SplitMix(seed: 23)
        for _ in 0..<100_000 {
            var t = Array(String(format: "%04d%02d%02d", Int(rng.next() % 10_000), Int(rng.next() % 14), Int(rng.next() % 33)).utf8)
            if rng.next() % 4 == 0 { t[Int(rng.next() % 8)] = UInt8(truncatingIfNeeded: rng.next()) }
            texts.append(t)
        }
        var answered = 0
        try table.withRecord(at: 0) { rec in
            for t in texts {
                t.withUnsafeBytes { r in
                    let full = try? rec.date(r, { "D" })
                    if let quick = rec.quickDate(r.baseAddress!) {
                        answered += 1
                        #expect(full == quick, "\(t)")
                    } else if case .date(let d)? = full {
                        // declined: only what the full reader calls blank, or refuses
                        #expect(d == nil, "\(t)")
                    }
                }
            }
        }
        #expect(answered > 10_000)
    }

    /// The fast calendar conversion equals the classic one on every day from year 0 to
    /// 9999 and around both ends of its range, and round-trips through `julianDay`.
    @Test func julianDayConversionEqualsTheClassicOneEverywhere() {
        var mismatches = 0
        for jd in 1_700_000...5_400_000 {
            let fast = DBFDate(julianDay: jd), classic = DBFDate(classicJulianDay: jd)
            if fast != classic { mismatches += 1; if mismatches < 5 { Issue.record("day \(jd): \(fast) != \(classic)") } }
            if fast.isValid && fast.julianDay != jd { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(DBFDate(julianDay: 2_460_677) == DBFDate(year: 2025, month: 1, day: 1))
        #expect(DBFDate(julianDay: 2_451_604) == DBFDate(year: 2000, month: 2, day: 29))
    }
}
