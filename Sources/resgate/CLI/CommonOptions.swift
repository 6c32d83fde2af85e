import ArgumentParser
import Foundation
import ResgateLocale
import StoreOps

/// Flags every command takes (cli.md "Common flags").
struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: H("Machine-readable output: one JSON document on stdout."))
    var json = false

    @Option(name: .long, help: H("Language of messages: pt or en (default from LANG)."))
    var lang: String?

    @Flag(name: .long, help: H("Print only the result, no progress."))
    var quiet = false

    var language: Language {
        if let l = lang?.lowercased() { return l.hasPrefix("pt") ? .pt : .en }
        return Language.fromEnvironment()
    }

    func validate() throws {
        if let l = lang?.lowercased(), !["pt", "en", "pt-br", "pt_br"].contains(l) {
            throw ValidationError(T("--lang takes pt or en"))
        }
    }
}

/// Exit statuses of the contract: 0 fine, 1 defects found, 2 bad input, 3 refused/failed.
enum ExitStatus {
    static let ok = ExitCode(0)
    static let defects = ExitCode(1)
    static let badInput = ExitCode(2)
    static let refused = ExitCode(3)

    /// Ends the command with an operation's outcome (nothing when it is `ok`).
    static func finish(_ kind: ExitKind) throws {
        if kind != .ok { throw ExitCode(kind.rawValue) }
    }
}

extension OperationFailure {
    /// Says why on stderr and gives the exit status to throw.
    func reported(in language: Language) -> ExitCode {
        Console.err(text(in: language))
        return ExitCode(exit.rawValue)
    }
}

extension CommonOptions {
    /// Runs one operation; a failure is said on stderr and becomes its exit status.
    func attempt<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch let f as OperationFailure { throw f.reported(in: language) }
    }

    /// Progress lines are for a person at a terminal, not for `--json` or `--quiet`.
    var showsProgress: Bool { !quiet && !json && Console.isTerminal }
}

/// Writing to the terminal: results on stdout, progress and errors on stderr.
enum Console {
    static let isTerminal = isatty(STDERR_FILENO) == 1
    static let stdinIsTerminal = isatty(STDIN_FILENO) == 1

    /// Through `print` (and flushed) so it interleaves with commands that use `print`.
    static func out(_ s: String) { print(s); fflush(nil) }
    static func err(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    /// A live progress line on a terminal (rewritten in place); one line per step otherwise.
    static func progress(_ s: String, final: Bool = false) {
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + s + (final ? "\n" : "")).utf8))
        } else if final {
            err(s)
        }
    }

    /// A document of docs/cli-json.md, through the one encoder of the operations layer.
    static func json<T: Encodable>(_ value: T) throws {
        out(String(decoding: try JSONDocument.encode(value), as: UTF8.self))
    }

    /// Asks a yes/no question on the terminal; false when there is no terminal.
    static func confirm(_ question: String, language: Language) -> Bool {
        guard stdinIsTerminal else { return false }
        FileHandle.standardError.write(Data((question + CLIPhrase.yesNoPrompt.text(in: language)).utf8))
        guard let answer = readLine()?.lowercased() else { return false }
        return ["s", "sim", "y", "yes"].contains(answer)
    }
}

/// Lays out rows as an aligned text table.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
