import ArgumentParser
import Foundation
import ResgateLocale

/// The language of this run, read from the arguments (`--lang`) and the environment
/// before the parser builds any help text, so `--help` and the parser's errors speak it.
enum CLILanguage {
    static let current = Language.fromArguments(Array(CommandLine.arguments.dropFirst()))
}

/// Help of an option or argument, in the run's language (`HelpText` keys it by its English).
func H(_ english: String) -> ArgumentHelp { ArgumentHelp(HelpText.text(english, in: CLILanguage.current)) }

/// An abstract or a validation message, in the run's language.
func T(_ english: String) -> String { HelpText.text(english, in: CLILanguage.current) }
