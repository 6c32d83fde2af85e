/// What a DBF table's health check found (`HealthFact`), in English.
extension English {
    static func health(_ f: HealthFact) -> String {
        switch f {
        case .unreadableTable(let e): xbase(e)
        case let .unknownCodePage(mark, name):
            "code page mark 0x\(HealthFact.hex(mark)) names no known code page: text is read as \(name)"
        case .badDeleteFlag(let b): "delete flag byte 0x\(HealthFact.hex(b)) is neither 0x20 nor 0x2A (read as not deleted)"
        case .unreadableRecords(let e): "reading records: \(xbase(e))"
        case let .eofInsideRecords(n, last): "end-of-file byte 0x1A where record \(n) should start: records \(n)…\(last) are missing"
        case let .countTooHigh(h, room, partial):
            "header says \(h) records but the file holds \(room)" + (partial > 0 ? " and \(partial) stray bytes" : "")
        case let .countTooLow(h, room):
            "header says \(h) records but the file holds \(room): records after \(h) are invisible to FoxPro"
        case let .recordLengthMismatch(h, sum): "record length \(h) differs from the fields' total \(sum)"
        case .headerNote(let note): headerNote(note)
        case .unknownFieldType(let b): "unknown field type 0x\(HealthFact.hex(b)): its values are not checked"
        case .memoFileUnusable(let e): e.map(xbase) ?? "memo file missing"
        case let .shortMemoFile(p, n): "memo file \(p) is \(n) bytes, shorter than its 512-byte header"
        case let .memoNextFreePastEnd(b, n): "memo header's next free block \(b) lies past the end of the file (\(n) bytes)"
        case .noEOFByte: "no end-of-file byte 0x1A after the last record"
        case .bytesAfterEOF(let n): "\(n) bytes after the end-of-file byte 0x1A"
        case .byteAfterLastRecord(let b): "byte after the last record is 0x\(HealthFact.hex(b)), not the end-of-file 0x1A"
        case .bytesAfterLastRecord(let n): "\(n) bytes after the last record (a partial record or junk)"
        case .numberOverflow(let s): "numeric overflow (\(s)): the value was lost when written"
        case .notANumber(let s): "\(s) is not a number"
        case .badDate(let s): "\(s) is not a valid date (YYYYMMDD)"
        case .badLogical(let s): "\(s) is not a logical (T/F/?)"
        case .badDateTime(let s): "\(s) is not a valid DateTime"
        case .ambiguousTimestamp(let r): value(r)
        case let .badVarLength(b, w): "length byte \(b) exceeds the field width \(w)"
        case .badMemoPointer(let s): "memo pointer \(s) is not a number"
        case let .memoBlock(b, fault): "memo block \(b): " + memoBlockFault(fault)
        case .described(let w): w.en
        }
    }

    static func memoBlockFault(_ f: MemoBlockFault) -> String {
        switch f {
        case .outside(let n): "outside the memo file (\(n) bytes)"
        case .headerCut: "block header cut short by the end of the file"
        case .badType(let t): "block type \(t) is not 0, 1 or 2"
        case .lengthPastEnd(let n): "length \(n) runs past the end of the memo file"
        case .badSignature: "block does not start with FF FF 08 00"
        case .lengthDoesNotFit(let n): "length \(n) does not fit the memo file"
        }
    }
}

/// The DBF header parser's notes (`HeaderNote`), in English.
extension English {
    static func headerNote(_ n: HeaderNote) -> String {
        switch n {
        case .terminator(let b): "field terminator is 0x\(HealthFact.hex(b)) instead of 0x0D"
        case .lastDescriptorCut: "last field descriptor is cut short by the header length"
        case .noTerminator: "field descriptors have no 0x0D terminator"
        case .noFields: "the table has no fields"
        case let .recordLengthDiffers(h, sum): "record length \(h) differs from the fields' total \(sum)"
        case let .recordsApart(sum, h): "records are \(sum) bytes apart as the fields add up, not \(h) as the header says"
        case let .fieldCut(name, end, len, cut): "field \(name) ends at \(end), past the record length \(len): cut to \(cut) bytes"
        case let .fieldOverlaps(name, o, inside, from, to): "field descriptor of \(name) places it at \(o), inside \(inside) (\(from)…\(to))"
        case .noBacklink: "the Visual FoxPro header has no 263-byte DBC backlink (read as a free table)"
        case .backlinkDoesNotFit: "the 263-byte DBC backlink does not fit in the header"
        case let .countAboveFile(h, n): "header says \(h) records but the file holds only \(n)"
        case let .countBelowRoom(h, room): "header says \(h) records but the file has room for \(room)"
        case .memoFileMissing(let e): "memo file \(e) is missing"
        case .memoFileUnusable(let e): xbase(e)
        }
    }
}
