import Foundation

/// Lists a CDX tag's (key, record) pairs through Perl's XBase::Index (libdbd-xbase-perl),
/// an index reader written outside this project. Keys come back as hex, as that reader
/// gives them (trailing fill dropped, and shared blanks read as NULs: its known glitch).
enum PerlIndexReader {
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
    static func seek(file: String, tag: String, numeric: Bool, key: String) throws -> String {
        try run(["-e", seekScript, file, tag, numeric ? "N" : "C", key]).first ?? ""
    }

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/perl5/XBase/Index.pm")
    }

    static func entries(file: String, tag: String) throws -> [String] {
        try run(["-e", script, file, tag])
    }

    static func run(_ arguments: [String]) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
