import ArgumentParser
import Foundation
import ResgateLocale

/// Flags every command takes (cli.md): `--json`, `--lang`, `--quiet`.
struct CommonOptions: ParsableArguments {
    @Flag(help: "Machine-readable output on stdout (one JSON document).") var json = false
    @Option(help: "Language of messages: pt or en (default from LANG).") var lang: String?
    @Flag(help: "Print less.") var quiet = false

    var language: Language { lang.flatMap(Language.init(rawValue:)) ?? Language.fromEnvironment() }
}

/// Exit statuses of cli.md.
enum Exit {
    static let ok = ExitCode(0)
    static let defects = ExitCode(1)
    static let badInput = ExitCode(2)
    static let refused = ExitCode(3)
}

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
