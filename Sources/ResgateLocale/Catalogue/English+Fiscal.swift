/// What `resgate check` found, in English.
extension English {
    static func fiscal(_ f: FiscalPhrase) -> String {
        typealias F = FiscalPhrase
        switch f {
        case let .sequenceSummary(data, authority, next):
            return "Data up to \(data.map(String.init) ?? "—"), tax authority up to \(authority.map(String.init) ?? "—"); next safe number: \(next)."
        case let .behindTaxAuthority(would, la, next):
            return "The ERP would issue the next note as number \(would), but the tax authority already holds up to \(la) (authorized or voided): it would be rejected (cStat 539/204). Set the ERP's counter so that the next note is \(next)."
        case let .authorizedAfterData(last, numbers, count):
            return "Notes authorized after the data's last one (\(last)), which the backup lacks: \(F.numberList(numbers, count: count))."
        case .reenterSales(let n):
            return "Re-enter or import from the XML these \(n) sale(s) before the store opens."
        case let .counterBelowData(c, ld, to):
            return "The ERP's counter (\(c)) is below the highest number in the data (\(ld)): the next note would repeat a number. Set it to \(to)."
        case let .repeatedNumbers(shown, count):
            let detail = shown.map { "\($0.number) (reg. \(F.records($0.records)))" }.joined(separator: "; ")
            return "Numbers repeated in the data: \(detail)\(F.more(count, shown: 10)). Each number can hold one note only: compare these records with the authorized XML and correct them."
        case let .wrongKeys(shown, count):
            let detail = shown.map { w in
                "\(w.number) [\(w.record.map { "record \($0)" } ?? "XML \(w.xmlFile ?? "")")]: " + w.problems.map(keyProblem).joined(separator: ", ")
            }.joined(separator: "; ")
            return "\(count) wrong access key(s): \(detail)\(F.more(count, shown: 5)). Correct the key from the authorized XML (the tax authority refuses events and queries with a wrong key)."
        case let .gaps(numbers, ranges, rangeCount):
            return "\(numbers) number(s) with no note in the data, no authorization and no voiding: \(F.rangeList(ranges, count: rangeCount)). Each range must be voided with the tax authority by the 10th of the month after issue — but where the verdict says so, look for the note in the points of sale first (contingency)."
        case let .authorizedMissingInData(count, numbers, listed):
            return "\(count) authorized note(s) within the data's range are not in the data: \(F.numberList(numbers, count: listed)). Those sales were lost: re-enter or import them from the XML."
        case let .conflictingNotes(numbers, count):
            return "The XML holds different notes (different keys) for the same number: \(F.numberList(numbers, count: count)). Only one can be authorized: look the keys up with the tax authority."
        case .notComparedWithXML:
            return "Not compared with the authorized XML (no --xml, or issuer unknown): the safe number can only be confirmed with the tax authority or the XML."
        case let .contingency(t, tq):
            return "\(t) note(s) signed in contingency to transmit and \(tq) number(s) without authorization in the XML (transmit or query): none of them may be voided."
        case .verdictCounts(let counts):
            return "Verdict: " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.words.en)" }.joined(separator: "; ") + "."
        case let .xmlFolderRead(folder, files, docs):
            return "XML folder \(folder): \(files) file(s), \(docs) fiscal document(s) read."
        case let .xmlBroken(shown, count):
            let list = shown.map { "\($0.file) (\(skip($0.reason)))" }.joined(separator: "; ")
            return "\(count) broken file(s), which may hide authorized numbers: \(list)\(F.more(count, shown: 5)). Fetch them again (tax authority portal or the ERP's backup) and run the check again."
        case .xmlUnrelated(let n):
            return "\(n) file(s) unrelated to the numbering, ignored."
        case .xmlOtherIssuers(let series):
            return "Series of other issuers (e.g. suppliers' notes), ignored: \(series.joined(separator: ", "))."
        case let .notEmpty(t, n, min):
            return "\(t) has \(n) record(s) (at least \(min))."
        case let .tooFewRecords(t, n, min):
            return "\(t) has only \(n) record(s), at least \(min) expected: was the table restored? Restore it again or from another backup."
        case let .noRepeats(s, n):
            return "\(s): no repeats in \(n) record(s)."
        case let .repeatedValues(s, values, extra, examples):
            return "\(s): \(values) repeated value(s), \(extra) extra record(s): \(valueList(examples)). Delete or correct the repeats in the ERP."
        case let .allReferencesFound(s, n):
            return "\(s): all \(n) record(s) find their reference."
        case let .referencesMissing(s, n, values, target, table, examples):
            return "\(s): \(n) record(s) point to \(values) value(s) missing from \(target): \(valueList(examples)). Restore \(table) too (from the same backup) or register the missing ones."
        case let .dataUpTo(s, newest, rec):
            return "\(s): the data goes up to \(newest) (record \(rec))."
        case let .olderThanBackup(days, date):
            return "That is \(days) day(s) before the backup's date (\(date)): the backup lacked the latest movements; check and re-enter what is missing."
        case .newerThanBackup(let date):
            return "That is after the backup's date (\(date)): was the table really restored?"
        case let .noDateFilled(s, n):
            return "\(s): no date filled in \(n) record(s)."
        case let .unusableRows(n, t, recs):
            return "\(n) record(s) of \(t) without a usable number, series or model (records \(F.records(recs))): left out of the sequence check; look at them."
        case let .discovered(t, fields, others):
            return "No resgate.toml: used table \(t) (fields \(fields.joined(separator: ", "))) as the one of issued notes."
                + (others.isEmpty ? "" : " Other candidates: \(others.joined(separator: ", ")).")
                + " If that is wrong, write a resgate.toml (see docs/checks.md)."
        case .reportHeading(let d): return "Post-restore check — data: \(d)"
        case .reportConfig(let c): return "Config: " + c
        case .reportXML(let x): return "Authorized XML: " + x
        case .statusTitle(let l): return title(l)
        case .reportResult(let l):
            return "Result: \(title(l))" + (l == .fail ? " — do not release the system before fixing the failures." : l == .warning ? " — deal with the warnings." : " — the system can be released.")
        }
    }

    static func title(_ l: FiscalPhrase.Level) -> String {
        switch l {
        case .fail: "FAIL"
        case .warning: "WARNING"
        case .ok: "OK"
        }
    }

    /// Examples of values and their records: `7 (reg. 3, 9); …` (at most five).
    static func valueList(_ v: [FiscalPhrase.ValueRecords]) -> String {
        v.prefix(5).map { "\($0.value) (reg. \(FiscalPhrase.records($0.records)))" }.joined(separator: "; ")
    }

    static func keyProblem(_ p: FiscalPhrase.KeyProblem) -> String {
        switch p {
        case .wrongLength(let n): "has \(n) characters instead of 44"
        case let .badCharacter(p, c): "invalid character '\(c)' at position \(p)"
        case let .wrongCheckDigit(found, expected): "check digit \(found), it should be \(expected)"
        case let .modelDiffers(k, r): "model \(k) in the key, \(r) in the row"
        case let .seriesDiffers(k, r): "series \(k) in the key, \(r) in the row"
        case let .numberDiffers(k, r): "number \(k) in the key, \(r) in the row"
        case let .issuerDiffers(k, r): "CNPJ \(k) in the key, \(r) in the row"
        case .differsFromAuthorized(let a): "is not the key the tax authority authorized (\(a))"
        }
    }

    static func skip(_ s: FiscalPhrase.SkipPhrase) -> String {
        switch s {
        case .empty: "empty"
        case .notXML: "not XML"
        case .unreadable(let r): "unreadable: \(r)"
        case .otherDocument(let root): "another document (<\(root)>)"
        case .notAuthorized(let st): st.map { "not authorized (cStat \($0))" } ?? "no authorization protocol"
        case let .otherEvent(type, st): "event \(type) not counted" + (st.map { " (cStat \($0))" } ?? "")
        case .homologation: "test environment (tpAmb 2)"
        case let .broken(line, d): "line \(line): \(xmlFault(d))"
        }
    }
}

/// Input the fiscal commands cannot use, in English.
extension English {
    static func fiscalError(_ e: FiscalErrorPhrase) -> String {
        switch e {
        case let .cannotRead(p, r): "\(p): cannot read" + (r.map { ": \($0)" } ?? "")
        case let .configSyntax(f, l, c, r): "\(f):\(l):\(c): TOML syntax: \(r)"
        case let .configValue(f, l, e, k, r): "\(f)" + (l.map { ":\($0)" } ?? "") + ": \(e ?? "top level"), key '\(k)': " + configProblem(r)
        case let .tableNotFound(t, d, cf): "table \(t) not found in \(d)" + (cf.map { " (named in \($0))" } ?? "")
        case let .fieldNotFound(t, f, file, cf): "\(file): table \(t) has no field \(f)" + (cf.map { " (named in \($0))" } ?? "")
        case let .unreadableTable(f, r): "\(f): unreadable table: \(r.text(in: .en))"
        case let .unreadableXML(f, l, r): "\(f):\(l): unreadable XML: \(r)"
        case let .xmlWithoutNFe(f): "\(f): no NFe/infNFe in the file"
        case let .notAFolder(p): "\(p): cannot read: not a folder"
        case let .noRecreateMapping(cf):
            "no [recreate] section (XML → tables mapping) in " + (cf ?? "resgate.toml (none found)") + "; see docs/checks.md"
        case let .cannotMap(x, t, f, p, v, r): "\(x): value '\(v)' of \(p ?? "constant") cannot go into \(t).\(f): " + mapProblem(r)
        case let .badJustification(n): "--just must be 15 to 255 characters on one line, without leading or trailing blanks (it has \(n))"
        case let .noStateCode(s): "\(s): no access key of the series tells the state (cUF)"
        case let .issuerNotCNPJ(s): "\(s): the issuer is not a CNPJ (voiding needs one)"
        case let .cannotWrite(p, r): "\(p): cannot write: \(r)"
        case let .nothingToCheck(d):
            "no config (resgate.toml) and no table in \(d) with fields like NUMERO/NNF/NUMNOTA, SERIE and MODELO/MOD: write a resgate.toml (see docs/checks.md)"
        case .xmlFolderNeeded: "--xml: give the XML folder (or [fiscal] xml in resgate.toml)"
        }
    }
}

extension English {
    static func mapProblem(_ p: MapProblem) -> String {
        switch p {
        case .notInMap(let known): "code not in the mapping's map (\(known.joined(separator: ", ")))"
        case .notADecimal: "not a decimal number"
        case .notAnIntegerField: "not a whole number that fits an I field"
        case .notANumber: "not a number"
        case .notAnISODate: "not an ISO date (YYYY-MM-DD…)"
        case .notAnISODateTime: "not an ISO date-time"
        case .badTimeOfDay: "bad time of day"
        case .notALogical: "not a logical (1/0, true/false)"
        case .typeNotWritten(let t): "field type \(t) is not written by recreate"
        }
    }
}
