import Foundation
import Testing
@testable import XBase

/// Runs `scripts/oracle/dbf_oracle.py` (Python `dbfread` / `dbf`) and compares what it
/// reads with our values. The script's output format is described in the script.
enum Oracle {
    enum Reader: String { case dbfread, dbf }

    struct Output: Decodable {
        var reader: String?
        var fields: [String]?
        var records: [Record]?
        var notes: [String]?
        var error: String?
    }
    struct Record: Decodable {
        var deleted: Bool
        var values: [Tagged?]
    }
    /// One value as the script tags it (exactly one key set).
    struct Tagged: Decodable, CustomStringConvertible {
        var s: String?, b: String?, l: Bool?, i: String?, f: String?, d: String?, date: String?, dt: String?, err: String?
        var description: String {
            if let s { return "s:\(s.debugDescription)" }
            if let b { return "b:\(b)" }
            if let l { return "l:\(l)" }
            if let i { return "i:\(i)" }
            if let f { return "f:\(f)" }
            if let d { return "d:\(d)" }
            if let date { return "date:\(date)" }
            if let err { return "error:\(err)" }
            return "dt:\(dt ?? "?")"
        }
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let script = packageRoot.appendingPathComponent("scripts/oracle/dbf_oracle.py").path
    static let perlScript = packageRoot.appendingPathComponent("scripts/oracle/dbf_oracle.pl").path

    /// Whether Perl's XBase module is installed (Debian libdbd-xbase-perl).
    static let perlAvailable: Bool = {
        (try? run(["perl", "-MXBase", "-MJSON::PP", "-e", "1"]))?.status == 0
    }()

    /// Reads with Perl XBase (C N F D L and text M only; see the script).
    static func readPerl(_ path: String, encoding: String) throws -> Output {
        let (_, data) = try run(["perl", perlScript, path, encoding])
        return try JSONDecoder().decode(Output.self, from: data)
    }

    /// `../shared` next to the package root, or next to an ancestor (a git worktree under
    /// /work/wt/NAME sees the same folder two levels up). nil when absent.
    static let sharedFolder: URL? = {
        // a clone elsewhere (e.g. /tmp) can name the folder
        if let named = ProcessInfo.processInfo.environment["RESGATE_SHARED_DIR"] {
            return URL(fileURLWithPath: named)
        }
        var dir = packageRoot
        for _ in 0..<3 {
            let candidate = dir.deletingLastPathComponent().appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fixtures").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Whether python3 with both libraries is available.
    static let available: Bool = {
        (try? run(["python3", "-c", "import dbfread, dbf"]))?.status == 0
    }()

    static func run(_ args: [String]) throws -> (status: Int32, out: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    static func read(_ reader: Reader, _ path: String, encoding: String? = nil) throws -> Output {
        var args = ["python3", script, reader.rawValue, path]
        if let encoding { args += ["--encoding", encoding] }
        let (_, data) = try run(args)
        return try JSONDecoder().decode(Output.self, from: data)
    }

    /// Whether our value is what the outside reader returned. Rules (documented in
    /// docs/xbase.md): blank values of any type and NULL equal Python's None; numbers
    /// compare as exact decimals (Python float via its shortest repr); DateTime to the
    /// millisecond; binary memos as bytes, text as text.
    static func matches(_ ours: DBFValue, _ theirs: Tagged?, codePage: CodePage) -> Bool {
        guard let t = theirs else { return ours.isBlank }
        switch ours {
        case .null: return false
        case .string(let s):
            if let ts = t.s { return ts == s }
            if let hex = t.b { return hex == hexString(codePage.encode(s)) }
            return false
        case .bytes(let b):
            if let hex = t.b { return hex == hexString(b) }
            if let ts = t.s { return codePage.decode(b) == ts }
            return false
        case .logical(let l): return t.l == l
        case .integer(let i):
            if let ti = t.i { return ti == String(i) }
            if let tf = t.f { return Double(tf) == Double(i) }
            return false
        case .double(let d):
            if let tf = t.f { return Double(tf) == d || (d.isNaN && tf == "nan") }
            if let ti = t.i { return Double(ti) == d }
            return false
        case .number(let n):
            guard let n else { return false }
            if let ti = t.i { return DecimalNumber(text: ti) == n }
            if let td = t.d { return DecimalNumber(text: td) == n }
            if let tf = t.f { return Double(tf) == Double(n.description) }
            return false
        case .currency(let n):
            if let td = t.d { return DecimalNumber(text: td) == n }
            if let ti = t.i { return DecimalNumber(text: ti) == n }
            return false
        case .date(let d): return d?.iso == t.date
        case .dateTime(let dt):
            guard let dt else { return false }
            let text = dt.date.iso + "T" + String(format: "%02d:%02d:%02d.%03d", dt.hour, dt.minute, dt.second, dt.millisecond)
            return t.dt == text
        }
    }

    static func hexString(_ b: [UInt8]) -> String {
        b.map { String(format: "%02x", $0) }.joined()
    }
}
