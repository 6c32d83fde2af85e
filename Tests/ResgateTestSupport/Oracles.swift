import Foundation

/// The outside readers the tests compare against (scripts/install-test-deps.sh installs
/// them): Python `dbfread` and `dbf` through `scripts/oracle/dbf_oracle.py`, Perl XBase
/// through `scripts/oracle/dbf_oracle.pl`, and Perl's XBase::Index for CDX tags.
public enum Oracle {
    public enum Reader: String, Sendable { case dbfread, dbf }

    /// What the oracle scripts print (their format is described in the scripts).
    public struct Output: Decodable, Sendable {
        public var reader: String?
        public var fields: [String]?
        public var records: [Record]?
        public var notes: [String]?
        public var error: String?
    }
    public struct Record: Decodable, Sendable {
        public var deleted: Bool
        public var values: [Tagged?]
    }
    /// One value as the script tags it (exactly one key set).
    public struct Tagged: Decodable, Sendable, CustomStringConvertible {
        public var s: String?, b: String?, l: Bool?, i: String?, f: String?, d: String?, date: String?, dt: String?, err: String?
        public var description: String {
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

    public static let script = PackagePaths.root.appendingPathComponent("scripts/oracle/dbf_oracle.py").path
    public static let perlScript = PackagePaths.root.appendingPathComponent("scripts/oracle/dbf_oracle.pl").path

    /// Whether python3 with both libraries is available.
    public static let available: Bool = {
        (try? run(["python3", "-c", "import dbfread, dbf"]))?.status == 0
    }()

    /// Whether Perl's XBase module is installed (Debian libdbd-xbase-perl).
    public static let perlAvailable: Bool = {
        (try? run(["perl", "-MXBase", "-MJSON::PP", "-e", "1"]))?.status == 0
    }()

    /// Runs `args` through `/usr/bin/env`; stderr is dropped.
    public static func run(_ args: [String]) throws -> (status: Int32, out: Data) {
        let r = try ProcessRunner.run("/usr/bin/env", args)
        return (r.status, r.outData)
    }

    public static func read(_ reader: Reader, _ path: String, encoding: String? = nil) throws -> Output {
        var args = ["python3", script, reader.rawValue, path]
        if let encoding { args += ["--encoding", encoding] }
        return try JSONDecoder().decode(Output.self, from: try run(args).out)
    }

    /// Reads with Perl XBase (C N F D L and text M only; see the script).
    public static func readPerl(_ path: String, encoding: String) throws -> Output {
        try JSONDecoder().decode(Output.self, from: try run(["perl", perlScript, path, encoding]).out)
    }

    /// Records of a DBF as dbfread sees them, as JSON rows (dates ISO, decimals and
    /// bytes as text).
    public static func dbfreadRows(_ path: String, encoding: String = "cp1252") throws -> [[String: Any]] {
        let script = """
        import dbfread, json, sys, datetime, decimal
        def conv(v):
            if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
            if isinstance(v, decimal.Decimal): return str(v)
            if isinstance(v, bytes): return v.hex()
            return v
        t = dbfread.DBF(sys.argv[1], encoding=sys.argv[2])
        print(json.dumps([{k: conv(v) for k, v in r.items()} for r in t]))
        """
        let out = try run(["python3", "-c", script, path, encoding]).out
        return try JSONSerialization.jsonObject(with: out) as? [[String: Any]] ?? []
    }
}

/// Lists a CDX tag's (key, record) pairs through Perl's XBase::Index (libdbd-xbase-perl),
/// an index reader written outside this project. Keys come back as hex, as that reader
/// gives them (trailing fill dropped, and shared blanks read as NULs: its known glitch).
public enum PerlIndexReader {
    static let script = """
    use strict; use XBase::Index;
    my ($file, $tag) = @ARGV;
    my $idx = XBase::Index->new($file, tag => $tag, type => 'C') or die XBase::Index->errstr;
    $idx->prepare_select;
    while (my ($key, $val) = $idx->fetch) { print unpack("H*", $key), " $val\\n"; }
    """

    static let seekScript = """
    use strict; use XBase::Index;
    my ($file, $tag, $type, $key) = @ARGV;
    my $idx = XBase::Index->new($file, tag => $tag, type => $type) or die XBase::Index->errstr;
    $idx->prepare_select_eq($key);
    my ($k, $v) = $idx->fetch; print defined $k ? "$k\\t$v\\n" : "none\\n";
    """

    /// XBase::Index's own seek (`prepare_select_eq`): "key<TAB>recno" of the first entry ≥ key.
    public static func seek(file: String, tag: String, numeric: Bool, key: String) throws -> String {
        try run(["-e", seekScript, file, tag, numeric ? "N" : "C", key]).first ?? ""
    }

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/perl5/XBase/Index.pm")
    }

    public static func entries(file: String, tag: String) throws -> [String] {
        try run(["-e", script, file, tag])
    }

    static func run(_ arguments: [String]) throws -> [String] {
        let r = try ProcessRunner.run("/usr/bin/perl", arguments)
        return r.out.split(separator: "\n").map(String.init)
    }
}

/// Where the package and the shared reference folder are.
public enum PackagePaths {
    /// The package root (this file is `Tests/ResgateTestSupport/Oracles.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` next to the package root, or next to an ancestor (a git worktree under
    /// /work/wt/NAME sees the same folder two levels up); `RESGATE_SHARED_DIR` names it
    /// for a clone elsewhere. nil when absent.
    public static let shared: URL? = {
        if let named = ProcessInfo.processInfo.environment["RESGATE_SHARED_DIR"] {
            return URL(fileURLWithPath: named)
        }
        var dir = root
        for _ in 0..<3 {
            let candidate = dir.deletingLastPathComponent().appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fixtures").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()
}
