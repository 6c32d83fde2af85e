/// What is wrong in a backup set (`DefectReason`), in English.
extension English {
    static func defect(_ r: DefectReason) -> String {
        switch r {
        case .zip(let f): zipFault(f)
        case .set(let f): setFault(f)
        case .structure(let f): structureFault(f)
        case .line(let f): lineFault(f)
        case .value(let f): valueFault(f)
        case .memo(let f): memoFault(f)
        case .manifest(let f): manifestFault(f)
        case .backup(let f): backupFault(f)
        case .restore(let f): restoreFault(f)
        case .error(let c): c.text(in: .en)
        }
    }

    static func place(_ p: DefectPlace) -> String {
        ([p.file] + [p.line.map { "line \($0)" }, p.field.map { "field \($0)" }]).compactMap { $0 }.joined(separator: ", ")
    }

    static func zipFault(_ f: ZipFault) -> String {
        switch f {
        case .damaged(let d): "damaged zip: " + zipDamage(d)
        case .cannotOpen(let why): "cannot open: \(why.text(in: .en))"
        case .memberOverlapsDirectory(let m): "member \(m) runs into the central directory: forged zip, refused"
        case let .membersShareBytes(a, b): "members \(a) and \(b) share the same bytes: forged zip (a bomb), refused"
        case let .unsafeName(m, why): "member \"\(m)\" refused: unsafe name (\(unsafeMemberName(why)))"
        case .duplicateMember(let m): "member \"\(m)\" appears more than once"
        case .encrypted: "member is encrypted"
        case .unsupportedMethod(let m): "compression method \(m) is not supported"
        case let .declaredBomb(u, c): "declares \(u) bytes from \(c) compressed: refused as a zip bomb"
        case .inflatesPastSize(let n): "inflates past its declared size of \(n) bytes: refused as a zip bomb"
        case .zlibDidNotStart: "zlib could not start"
        case .deflateDamaged(let z): "deflate data is damaged (zlib \(z))"
        case let .sizeMismatch(got, declared): "gave \(got) bytes, the directory says \(declared)"
        case .checksumMismatch: "CRC-32 does not match: the member is damaged"
        case .truncated: "compressed data ends too soon (truncated zip)"
        }
    }

    static func zipDamage(_ d: ZipDamage) -> String {
        switch d {
        case .described(let c): c.text(in: .en)
        case .tooShort(let n): "\(n) bytes, too short for a zip"
        case .noEndRecord: "no end-of-central-directory record (truncated or not a zip)"
        case .badZip64EndRecord: "bad ZIP64 end record"
        case let .directoryOutside(o, s, size): "central directory lies outside the file (\(o)+\(s) of \(size) bytes)"
        case let .tooManyMembers(n, max): "\(n) members, more than a backup set holds (\(max))"
        case .directoryEntryDamaged(let n): "central directory entry \(n) is damaged"
        case .directoryEntryCut(let n): "central directory entry \(n) is cut short"
        case .memberOutside(let m): "member \(m) points outside the file"
        case let .moreRefused(n, listed): "\(n) more members refused (first \(listed) listed)"
        case .localHeaderUnreadable(let m): "cannot read the local header of \(m)"
        case .localHeaderDamaged(let m): "local header of \(m) is damaged"
        case .dataPastEnd(let m): "data of \(m) runs past the end of the file (truncated zip)"
        case .localHeaderNamesAnother(let m): "the local header of \(m) names another member"
        }
    }

    static func unsafeMemberName(_ u: UnsafeMemberName) -> String {
        switch u {
        case .empty: "empty name"
        case .nulByte: "NUL byte in the name"
        case .absolutePath: "absolute path"
        case .driveLetter: "drive letter"
        case .climbsOut: "'..' climbs out of the folder"
        }
    }

    static func setFault(_ f: SetFault) -> String {
        switch f {
        case .doesNotExist: "does not exist"
        case .cannotListFolder: "cannot list the folder"
        case .cannotReadFolder: "cannot read the folder"
        case .cannotOpen: "cannot open"
        case .fileInSubfolder: "file in a subfolder ignored"
        case .largerThan(let n): "larger than \(n) bytes"
        case .twoStructureFiles(let used): "the table has two structure files; \(used) is used"
        case .dataWithoutStructure: "data file without a structure file (_Estr)"
        case .memoArchiveWithoutTable: "memo archive without a table (no _Estr of that name)"
        case .plainAndNumberedParts(let m): "the table has \(m) and numbered parts too; read one after the other"
        case .partsMissing(let parts): "parts are missing before this one: \(parts.joined(separator: ", "))"
        case .partRepeated(let n): "part number \(n) repeated"
        case let .badTableName(m, stem, why):
            "member \"\(m)\" refused: \"\(stem)\" is not a table name (letters, digits and _ only: \(why.map(tableNameFault) ?? ""))"
        case .cannotWriteTemporaryFile(let p): "cannot write the temporary file \(p)"
        case .cannotCopy(let why): "cannot copy: \(why)"
        case .cannotCreateTemporaryFolder: "cannot create a temporary folder"
        case .noSuchTable: "no such table in the set"
        case .memoArchiveWithoutMemoFields: "memo archive for a table without memo fields"
        case .memoArchiveMissing(let t): "the table has memo fields but its memo archive \(t).ZIP is missing"
        case let .textTooLarge(b, r, limit): "the text is \(b) bytes, more than \(r) records can take (\(limit)): refused"
        case .noReadableStructure: "the table has no readable structure"
        }
    }

    static func tableNameFault(_ f: TableNameFault) -> String {
        switch f {
        case .empty: "empty name"
        case .tooLong(let n): "\(n) bytes, at most 128"
        case .badCharacter(let b): "character \(TableNameFault.shown(b)) not allowed"
        }
    }

    static func structureFault(_ f: StructureFault) -> String {
        switch f {
        case .notText(let at): "binary byte 0x00 at offset \(at): not text"
        case .badRecordCount(let v): "bad number of records \"\(v)\""
        case .noWidth: "line without a width"
        case .badDecimals(let d): "bad decimals \(d)"
        case .unknownType(let t): "unknown type \"\(t)\""
        case .noFieldLine: "no field line recognised in the LIST STRUCTURE text"
        case .lacksColumns: "the table lacks the FIELD_NAME, FIELD_TYPE, FIELD_LEN columns"
        case .recordWithoutFieldName: "record without FIELD_NAME"
        case .badFieldType: "bad FIELD_TYPE"
        case .badFieldLen: "bad FIELD_LEN"
        case .badFieldDec: "bad FIELD_DEC"
        case .badWidth(let w): "bad width \(w)"
        case .noRecords: "the structure table has no records"
        case .unreadableTable(let why): "cannot read the structure table: \(why.text(in: .en))"
        case .badCommentValue(let k): "bad \(k) in the comment"
        case .incompleteLine: "incomplete structure line"
        case .unknownFieldType(let t): "unknown field type \"\(t)\""
        case .badWidthText(let w): "bad width \"\(w)\""
        case .badDecimalsText(let d): "bad decimals \"\(d)\""
        case .noFields: "the structure file describes no field"
        case let .tooLarge(n, w, maxFields, maxBytes):
            "\(n) fields adding up to \(w) bytes: larger than a DBF record (\(maxFields) fields, \(maxBytes) bytes)"
        case let .recordCountMismatch(said, found): "the structure says \(said) records, the data has \(found)"
        }
    }

    static func lineFault(_ f: LineFault) -> String {
        switch f {
        case let .widthExceeded(b, w): "line is \(b) bytes, the fixed record width is \(w)"
        case .shouldBeEmpty: "line should be empty: the table has no text fields"
        case .ambiguous: "the line can be split into fields in more than one way (a quote followed by the separator inside a value)"
        case let .fieldCount(found, n): "\(found) fields where \(n) were expected"
        case .cannotSplit: "the line cannot be split into the table's fields"
        case let .tooLong(b, limit): "line of \(b) bytes, longer than the structure allows (\(limit)): not read"
        case .binary: "binary bytes (0x00) in a text line"
        case .unclosedQuote: "a quoted value is never closed"
        }
    }

    static func valueFault(_ f: ValueFault) -> String {
        switch f {
        case let .notA(shown, what): "\"\(shown)\" is not \(expectedValue(what))"
        case let .tooLong(n, w): "value of \(n) bytes does not fit the field's width \(w)"
        case .typeNotInText(let t): "field type \(t) cannot be in the text"
        case let .doesNotFit(shown, l, d): "\(shown) does not fit N(\(l),\(d))"
        }
    }

    static func expectedValue(_ e: ExpectedValue) -> String {
        switch e {
        case .number: "a number"
        case .integer32: "a 32-bit integer"
        case .currency: "a currency value"
        case .currencyDecimals: "a currency value (4 decimals at most)"
        case .currencyInRange: "a currency value in range"
        case .logical: "a logical (T/F)"
        case .date: "a date (YYYYMMDD)"
        case .validDate: "a valid date"
        case .dateTime: "a date-time (YYYYMMDDhhmmss)"
        }
    }

    static func memoFault(_ f: MemoFault) -> String {
        switch f {
        case .lacksField: "the memo DBF lacks this field"
        case let .countMismatch(m, t): "the memo DBF has \(m) records, the text has \(t)"
        case .unreadable(let why): "memo of this record cannot be read: \(why.text(in: .en))"
        case let .valueMismatch(t, m): "the text says \(t), the memo DBF says \(m)"
        case .cannotWriteTemporaryFile: "cannot write a temporary file"
        case .cannotRead(let why): "cannot read: \(why.text(in: .en))"
        case .dbfCount(let n): "holds \(n) DBF files, expected one"
        case .dbfUnreadable(let why): "its DBF cannot be read: \(why.text(in: .en))"
        }
    }

    static func manifestFault(_ f: ManifestFault) -> String {
        switch f {
        case .unreadable(let why): "unreadable manifest.json: \(why)"
        case .unknownFormat(let s): "unknown format \"\(s)\""
        case .fileMissing: "listed in the manifest but missing from the set"
        case let .sizeMismatch(a, l): "is \(a) bytes, the manifest says \(l)"
        case .hashMismatch: "SHA-256 does not match the manifest"
        case let .recordCountMismatch(l, n): "the manifest says \(l) records, the data has \(n)"
        }
    }

    static func dataLayout(_ d: DataLayout) -> String {
        switch d {
        case let .delimited(s, q, canonical):
            "delimited, separator \(s), " + (q.map { "quote \($0)" } ?? "no quotes") + (canonical ? " (canonical)" : "")
        case .sdf(let n): "SDF fixed width (\(n) bytes)"
        }
    }

    static func backupFault(_ f: BackupFault) -> String {
        switch f {
        case .tableNotFound(let folder): "table not found in \(folder)"
        case .unreadableTableLeftOut(let why): "unreadable table left out of the backup: \(why.text(in: .en))"
        case .tableLeftOut(let why): "table left out of the backup: \(why.text(in: .en))"
        case .noFreeQuote: "no free quote character for the values"
        }
    }

    static func restoreFault(_ f: RestoreFault) -> String {
        switch f {
        case let .health(f, wholeTable): wholeTable ? "damaged table: " + health(f) : health(f)
        case .unreadableValue(let why): "unreadable value: \(why.text(in: .en))"
        case .structureMissing: "structure missing or unreadable"
        case .tableUnreadable(let why): "the table cannot be read: \(why.text(in: .en))"
        case .cannotWrite(let why): "cannot write: \(why.text(in: .en))"
        case .doesNotFitLiveField(let why): "value does not fit the live field: " + fit(why)
        case .moreDefects(let n): "… and \(n) more defects"
        case .indexNotRebuilt(let why): "the CDX index could not be rebuilt: \(why.text(in: .en))"
        case .structureNotWritable(let why): restore(.structureNotWritable(why))
        case .refused(let p): restore(p)
        }
    }
}

/// Why a backup value does not fit the live field (`FitProblem`).
extension English {
    static func fit(_ p: FitProblem) -> String {
        switch p {
        case .cannotBecomeText(let k): "a \(valueClass(k)) value cannot become text"
        case let .charactersDoNotFit(n, room): "\(n) characters do not fit in \(room)"
        case .notANumber(let v): "\(fitValue(v)) is not a number"
        case let .tooManyDecimals(v, d): "\(v) has more than \(d) decimals"
        case let .tooWide(v, room): "\(v) does not fit in \(room) characters"
        case .notInt32(let v): "\(fitValue(v)) is not a 32-bit integer"
        case .notCurrency(let v): "\(fitValue(v)) is not a currency value"
        case .hasTimeOfDay(let v): "\(v) has a time of day"
        case .notADate(let k): "a \(valueClass(k)) value is not a date"
        case .notADateTime(let k): "a \(valueClass(k)) value is not a date-time"
        case .notALogical(let k): "a \(valueClass(k)) value is not a logical"
        }
    }

    static func fitValue(_ v: FitValue) -> String {
        switch v {
        case .shown(let s): s
        case .blank: "blank"
        case .kind(let k): "a \(valueClass(k)) value"
        }
    }
}
