#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one file's bytes as the ERP's fiscal XML and adds what it holds to an index.
///
/// A byte-level scanner rather than a DOM or Foundation's XMLParser: it keeps a stack of
/// small tag ids, jumps between `<` with memchr (the long signature and base64 QR code go
/// by at memory speed), remembers only the ~30 leaf values it needs as byte ranges, and
/// reuses its buffers from file to file. Namespace prefixes are ignored, the BOM skipped,
/// layout (pretty-printed or one line) does not matter, and several documents in one file
/// are read one after another. Anything broken is reported with its line, never thrown.
struct FiscalXMLReader {
    private struct Open { var tag: XMLTag; var nameStart: Int; var nameLength: Int }
    private var stack: [Open] = []
    private var slots: [Range<Int>?] = Array(repeating: nil, count: XMLSlot.allCases.count)
    /// The number of the file being read in the index's `FileNames`, when the indexer gave it.
    private var fileNumber: UInt32?

    init() { stack.reserveCapacity(32) }

    /// Reads `bytes` (the whole file) and adds documents or a skip reason to `index`.
    /// `fileNumber`: the file's number in `index.files` (nil: `file` is added there when a
    /// note needs it).
    mutating func read(_ bytes: UnsafeRawBufferPointer, file: String, fileNumber: UInt32? = nil,
                       into index: inout AuthorizedIndex) {
        self.fileNumber = fileNumber
        index.filesRead += 1
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            // UTF-16: rare; transcode and read again.
            let utf8 = UTF16Text.toUTF8(bytes)
            utf8.withUnsafeBytes { scan($0, file: file, into: &index) }
        } else {
            scan(bytes, file: file, into: &index)
        }
    }

    private mutating func scan(_ b: UnsafeRawBufferPointer, file: String, into index: inout AuthorizedIndex) {
        let n = b.count
        var i = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        while i < n, isSpace(b[i]) { i += 1 }
        if i == n { return index.skip(file, .empty) }
        if b[i] != UInt8(ascii: "<") { return index.skip(file, .notXML) }

        stack.removeAll(keepingCapacity: true)
        var docDepth = -1               // stack index of the open document root
        var docTag = XMLTag.other
        var docLine = 0
        var docsFound = 0
        var rootName: String? = nil
        var leafOpen = false            // no tag since the last start tag
        var textStart = 0
        var cdata: Range<Int>? = nil
        let base = b.baseAddress!

        func lineAt(_ offset: Int) -> Int {
            var line = 1
            for k in 0..<min(offset, n) where b[k] == 10 { line += 1 }
            return line
        }
        func find(_ pattern: StaticString, from: Int) -> Int? {
            let p = pattern.utf8Start, m = pattern.utf8CodeUnitCount
            var k = from
            while k + m <= n {
                guard let hit = memchr(base + k, Int32(p[0]), n - k) else { return nil }
                k = base.distance(to: UnsafeRawPointer(hit))
                if k + m > n { return nil }
                if memcmp(base + k, p, m) == 0 { return k }
                k += 1
            }
            return nil
        }

        while i < n {
            guard let hit = memchr(base + i, 0x3C, n - i) else { break }
            let lt = base.distance(to: UnsafeRawPointer(hit))
            guard lt + 1 < n else { return index.skip(file, .broken(line: lineAt(lt), defect: .endsInsideTag(nil))) }
            let c = b[lt + 1]
            if c == UInt8(ascii: "?") {
                guard let e = find("?>", from: lt + 2) else { return index.skip(file, .broken(line: lineAt(lt), defect: .unterminated(.processingInstruction))) }
                i = e + 2
            } else if c == UInt8(ascii: "!") {
                if lt + 3 < n, b[lt + 2] == UInt8(ascii: "-"), b[lt + 3] == UInt8(ascii: "-") {
                    guard let e = find("-->", from: lt + 4) else { return index.skip(file, .broken(line: lineAt(lt), defect: .unterminated(.comment))) }
                    i = e + 3
                } else if lt + 9 <= n, memcmp(base + lt, "<![CDATA[", 9) == 0 {
                    guard let e = find("]]>", from: lt + 9) else { return index.skip(file, .broken(line: lineAt(lt), defect: .unterminated(.cdata))) }
                    if leafOpen { cdata = (lt + 9)..<e }
                    i = e + 3
                } else {
                    guard let e = memchr(base + lt, 0x3E, n - lt) else { return index.skip(file, .broken(line: lineAt(lt), defect: .unterminated(.declaration))) }
                    i = base.distance(to: UnsafeRawPointer(e)) + 1
                }
            } else if c == UInt8(ascii: "/") {
                // end tag
                var k = lt + 2
                while k < n, b[k] != UInt8(ascii: ">"), !isSpace(b[k]) { k += 1 }
                let nameStart = lt + 2, nameLength = k - nameStart
                guard let gt = memchr(base + k, 0x3E, n - k) else { return index.skip(file, .broken(line: lineAt(lt), defect: .endsInsideTag(text(b, nameStart..<k)))) }
                guard let top = stack.last else {
                    return index.skip(file, .broken(line: lineAt(lt), defect: .endTagWithoutStart(text(b, nameStart..<k))))
                }
                guard top.nameLength == nameLength, memcmp(base + top.nameStart, base + nameStart, nameLength) == 0 else {
                    return index.skip(file, .broken(line: lineAt(lt), defect: .mismatchedEndTag(found: text(b, nameStart..<k), open: text(b, top.nameStart..<(top.nameStart + top.nameLength)))))
                }
                if leafOpen, docDepth >= 0, stack.count >= 3,
                   let slot = XMLSlot.of(leaf: top.tag, parent: stack[stack.count - 2].tag, grandparent: stack[stack.count - 3].tag) {
                    slots[slot.rawValue] = cdata ?? (textStart..<lt)
                }
                leafOpen = false
                cdata = nil
                stack.removeLast()
                if stack.count == docDepth {
                    docsFound += 1
                    finish(docTag, b, file: file, line: docLine, into: &index)
                    docDepth = -1
                }
                i = base.distance(to: UnsafeRawPointer(gt)) + 1
            } else {
                // start tag: name, then attributes up to '>' (quotes may hold '>')
                var k = lt + 1
                var colon = -1
                while k < n, b[k] != UInt8(ascii: ">"), b[k] != UInt8(ascii: "/"), !isSpace(b[k]) {
                    if b[k] == UInt8(ascii: ":") { colon = k }
                    k += 1
                }
                let nameStart = lt + 1, nameLength = k - nameStart
                guard nameLength > 0 else { return index.skip(file, .broken(line: lineAt(lt), defect: .noTagName)) }
                var quote: UInt8 = 0
                while k < n {
                    let ch = b[k]
                    if quote != 0 { if ch == quote { quote = 0 } } else if ch == 0x22 || ch == 0x27 { quote = ch } else if ch == 0x3E { break }
                    k += 1
                }
                guard k < n else { return index.skip(file, .broken(line: lineAt(lt), defect: .endsInsideTag(text(b, nameStart..<(nameStart + nameLength))))) }
                let selfClosing = b[k - 1] == UInt8(ascii: "/")
                let local = colon >= 0 ? (colon + 1)..<(nameStart + nameLength) : nameStart..<(nameStart + nameLength)
                let tag = XMLTag.lookup(UnsafeRawBufferPointer(rebasing: b[local]))
                if rootName == nil { rootName = text(b, local) }
                if !selfClosing {
                    if tag.isDocumentRoot && docDepth < 0 {
                        docDepth = stack.count; docTag = tag; docLine = lineAt(lt)
                        for s in slots.indices { slots[s] = nil }
                    }
                    stack.append(Open(tag: tag, nameStart: nameStart, nameLength: nameLength))
                    leafOpen = true
                    textStart = k + 1
                    cdata = nil
                } else {
                    leafOpen = false
                }
                i = k + 1
            }
        }
        if let open = stack.last {
            return index.skip(file, .broken(line: lineAt(n), defect: .endsBefore(text(b, open.nameStart..<(open.nameStart + open.nameLength)))))
        }
        if docsFound == 0 { index.skip(file, .otherDocument(root: rootName ?? "")) }
    }

    // MARK: turning slots into documents

    private func value(_ slot: XMLSlot, _ b: UnsafeRawBufferPointer) -> String? {
        guard let r = slots[slot.rawValue] else { return nil }
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isSpace(b[lo]) { lo += 1 }
        while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
        return text(b, lo..<hi)
    }

    /// A signed `NFe` without authorization: its number is spent (it may have been handed to
    /// the customer as a contingency DANFE), so it goes into the index as pending.
    private func addPending(_ b: UnsafeRawBufferPointer, file: String, line: Int, into index: inout AuthorizedIndex) {
        if value(.noteEnvironment, b) == "2" { return index.skip(file, .homologation) }
        guard let issuer = value(.noteIssuer, b), !issuer.isEmpty,
              let model = value(.noteModel, b).flatMap({ Int($0) }), let series = value(.noteSeries, b).flatMap({ Int($0) }),
              let number = value(.noteNumber, b).flatMap({ Int($0) }), number >= 1, number <= 999_999_999,
              series >= 0, series <= 999 else {
            return index.skip(file, .notAuthorized(status: nil))
        }
        let issued = value(.noteIssued, b) ?? ""
        let emission = value(.noteEmission, b).flatMap { Int($0) } ?? 1
        // the key, rebuilt from the fields it is made of
        var key = ""
        if let uf = value(.noteState, b), uf.utf8.count == 2, issued.utf8.count >= 7,
           let code = value(.noteCode, b), code.utf8.count == 8, let dv = value(.noteDigit, b), dv.utf8.count == 1 {
            let chars = Array(issued.utf8)
            let yymm = String(decoding: chars[2..<4] + chars[5..<7], as: UTF8.self)
            let cnpj = String(repeating: "0", count: max(0, 14 - issuer.utf8.count)) + issuer
            key = uf + yymm + cnpj + pad(model, 2) + pad(series, 3) + pad(number, 9) + String(emission) + code + dv
            if AccessKey(key) == nil { key = "" }
        }
        index.add(PendingNote(number: number, key: key, issued: issued, emission: emission,
                              isEntry: value(.noteDirection, b) == "0", file: file),
                  to: SeriesID(issuer: issuer, model: model, series: series))
    }

    private func finish(_ tag: XMLTag, _ b: UnsafeRawBufferPointer, file: String, line: Int, into index: inout AuthorizedIndex) {
        var defect: XMLDefect? = nil
        func need(_ slot: XMLSlot, _ name: String) -> String {
            if let v = value(slot, b), !v.isEmpty { return v }
            if defect == nil { defect = .missingField(name) }
            return ""
        }
        func number(_ slot: XMLSlot, _ name: String) -> Int {
            let s = need(slot, name)
            if let v = Int(s), v >= 0 { return v }
            if defect == nil { defect = .notANumber(field: name, text: s) }
            return 0
        }
        switch tag {
        case .nfe:
            addPending(b, file: file, line: line, into: &index)
        case .nfeProc:
            guard let st = value(.protStatus, b).flatMap({ Int($0) }) else {
                // signed, never authorized: a note waiting to be sent
                return addPending(b, file: file, line: line, into: &index)
            }
            guard AuthorizedNote.authorizedStatuses.contains(st) || AuthorizedNote.deniedStatuses.contains(st) else {
                return index.skip(file, .notAuthorized(status: st))
            }
            if value(.noteEnvironment, b) == "2" { return index.skip(file, .homologation) }
            let id = SeriesID(issuer: need(.noteIssuer, "emit/CNPJ"), model: number(.noteModel, "ide/mod"),
                              series: number(.noteSeries, "ide/serie"))
            let nNF = number(.noteNumber, "ide/nNF")
            let key = need(.protKey, "infProt/chNFe")
            let issued = value(.noteIssued, b) ?? "", protocolNumber = value(.protProtocol, b) ?? ""
            // the index stores notes in fixed-size records: a value past them is reported, never cut
            if defect == nil, nNF > NoteStore.Limits.number { defect = .numberTooLarge(field: "ide/nNF", value: nNF) }
            for (text, field) in [(key, "infProt/chNFe"), (issued, "ide/dhEmi"), (protocolNumber, "infProt/nProt")]
            where defect == nil && text.utf8.count > NoteStore.Limits.textBytes {
                defect = .valueTooLong(field: field, bytes: text.utf8.count)
            }
            if let d = defect { return index.skip(file, .broken(line: line, defect: d)) }
            let problems = AccessKey.problems(of: key, model: id.model, series: id.series, number: nNF, issuer: id.issuer)
            index.add(AuthorizedNote(number: nNF, key: key, issued: issued,
                                     protocolNumber: protocolNumber, status: st, file: file,
                                     keyProblems: problems, isEntry: value(.noteDirection, b) == "0"),
                      to: id, file: fileNumber)
        case .procInutNFe:
            let st = value(.inutStatus, b).flatMap { Int($0) }
            guard st == 102 else { return index.skip(file, .otherEvent(type: "inutilização", status: st)) }
            if value(.inutEnvironment, b) == "2" { return index.skip(file, .homologation) }
            let id = SeriesID(issuer: need(.inutIssuer, "infInut/CNPJ"), model: number(.inutModel, "infInut/mod"),
                              series: number(.inutSeries, "infInut/serie"))
            let first = number(.inutFirst, "infInut/nNFIni"), last = number(.inutLast, "infInut/nNFFin")
            if let d = defect { return index.skip(file, .broken(line: line, defect: d)) }
            guard first <= last else { return index.skip(file, .broken(line: line, defect: .reversedRange(first: first, last: last))) }
            index.add(VoidedRange(series: id, first: first, last: last,
                                  protocolNumber: value(.inutProtocol, b) ?? "", file: file))
        case .procEventoNFe:
            let type = value(.eventType, b) ?? ""
            let st = value(.eventStatus, b).flatMap { Int($0) }
            guard type == "110111" || type == "110112" else { return index.skip(file, .otherEvent(type: type, status: st)) }
            guard let s = st, [135, 136, 155].contains(s) else { return index.skip(file, .otherEvent(type: type, status: st)) }
            if value(.eventEnvironment, b) == "2" { return index.skip(file, .homologation) }
            let keyText = value(.eventKey, b) ?? value(.eventReturnedKey, b) ?? ""
            guard let key = AccessKey(keyText) else {
                return index.skip(file, .broken(line: line, defect: .unusableEventKey(keyText)))
            }
            index.add(Cancellation(series: SeriesID(issuer: key.issuer, model: key.model, series: key.series),
                                   number: key.number, key: keyText, date: value(.eventDate, b) ?? "",
                                   protocolNumber: value(.eventProtocol, b) ?? "", file: file,
                                   keyProblems: AccessKey.problems(of: keyText), bySubstitution: type == "110112"))
        default:
            break
        }
    }
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v); return String(repeating: "0", count: max(0, width - s.count)) + s
}

@inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

@inline(__always) private func text(_ b: UnsafeRawBufferPointer, _ r: Range<Int>) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: b[r]), as: UTF8.self)
}

/// UTF-16 files (with a BOM) are rare among the ERP's XML; they are transcoded once.
enum UTF16Text {
    static func toUTF8(_ b: UnsafeRawBufferPointer) -> [UInt8] {
        let little = b[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var k = 2
        while k + 1 < b.count {
            units.append(little ? UInt16(b[k]) | UInt16(b[k + 1]) << 8 : UInt16(b[k]) << 8 | UInt16(b[k + 1]))
            k += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
