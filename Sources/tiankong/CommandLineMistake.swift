import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// A mistake on the command line as the argument parser found it, told in the user's language.
///
/// The parser's own words are English only. Which mistake it is comes from the parser's error case
/// (read by reflection: the error types are not public), and the names and values it concerns from
/// the quoted parts of its English message, so every sentence the user reads is ours.
struct CommandLineMistake: Equatable {
    enum Kind: Equatable {
        /// A required option or argument left out ("--answers <FILE>").
        case missing(String)
        /// An option given without its value.
        case missingValue(String)
        case unknownOption(String, suggestion: String?)
        /// A value the option does not take; `help` is the option's own line of help.
        case badValue(String, option: String, help: String)
        /// A value given to a flag that takes none.
        case unexpectedValue(option: String, value: String)
        case extraArguments([String])
        /// A word in the place of a subcommand that is no subcommand and no file.
        case unknownSubcommand(String, subcommands: [String])
        /// Two flags of which only one can be given.
        case exclusive(String, String)
        /// Anything else, in the parser's words.
        case other(String)
    }

    var kind: Kind
    /// The command it concerns, as typed: "tiankong fill".
    var command: String
    /// The command's one-line usage, without the leading "Usage: ".
    var usage: String

    init(kind: Kind, command: String, usage: String) {
        self.kind = kind
        self.command = command
        self.usage = usage
    }

    /// Reads the parser's `error`; `arguments` are the command line's words after the program name.
    init(error: Error, arguments: [String]) {
        let mirror = Mirror(reflecting: error)
        let stack = mirror.children.first { $0.label == "commandStack" }?.value as? [ParsableCommand.Type] ?? [Tiankong.self]
        let parserError = mirror.children.first { $0.label == "parserError" }?.value ?? error
        let caseName = Mirror(reflecting: parserError).children.first?.label ?? ""
        let english = Tiankong.message(for: error)
        let quoted = Self.quoted(english)
        let subcommand = stack.last ?? Tiankong.self
        command = stack.map { $0.configuration.commandName ?? "tiankong" }.joined(separator: " ")
        usage = Tiankong.usageString(for: subcommand)

        if subcommand == WizardCommand.self, ["unexpectedExtraValues", "unknownOption"].contains(caseName),
           let word = Self.commandLikeWord(arguments) {
            self = .unknownSubcommand(word)
            return
        }
        switch caseName {
        case "noValue" where quoted.count == 1:
            kind = .missing(quoted[0])
        case "missingValueForOption" where !quoted.isEmpty:
            kind = .missingValue(quoted[0])
        case "unknownOption" where !quoted.isEmpty:
            kind = .unknownOption(quoted[0], suggestion: quoted.count > 1 ? quoted[1] : nil)
        case "invalidOption", "nonAlphanumericShortOption":
            kind = .unknownOption(english.split(separator: ":", maxSplits: 1).last.map { $0.trimmingPrefix(" ") }.map(String.init) ?? english,
                                  suggestion: nil)
        case "unableToParseValue" where quoted.count >= 2:
            // The parser's "Help:  --format <format>  what the option is" line, without the option.
            let helpLine = Tiankong.fullMessage(for: error).split(separator: "\n").first { $0.hasPrefix("Help:") } ?? ""
            let help = helpLine.dropFirst(5).trimmingPrefix(" ")
            let abstract = help.firstRange(of: "  ").map { help[$0.upperBound...] } ?? help
            kind = .badValue(quoted[0], option: String(quoted[1].prefix { $0 != " " }), help: String(abstract))
        case "unexpectedValueForOption" where quoted.count >= 2:
            kind = .unexpectedValue(option: quoted[0], value: quoted[1])
        case "unexpectedExtraValues" where !quoted.isEmpty:
            kind = .extraArguments(quoted)
        case "duplicateExclusiveValues" where quoted.count >= 2:
            kind = .exclusive(quoted[1], quoted[0])
        default:
            kind = .other(english)
        }
    }

    /// A word in the place of a subcommand that is neither a subcommand nor a file.
    static func unknownSubcommand(_ word: String) -> CommandLineMistake {
        let names = Tiankong.configuration.subcommands.compactMap { $0.configuration.commandName }
        return CommandLineMistake(kind: .unknownSubcommand(word, subcommands: names), command: "tiankong", usage: Tiankong.usageString(for: Tiankong.self))
    }

    /// The parts of `message` between single quotes, in order.
    static func quoted(_ message: String) -> [String] {
        message.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The first word that is not an option, when it looks like a mistyped subcommand rather than a
    /// template: lowercase letters only, no subcommand's name, and no file of that name.
    static func commandLikeWord(_ arguments: [String]) -> String? {
        guard let word = arguments.first(where: { !$0.hasPrefix("-") }),
              !word.isEmpty, word.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }),
              !Tiankong.configuration.subcommands.contains(where: { $0.configuration.commandName == word }),
              word != "help", access(word, F_OK) != 0 else { return nil }
        return word
    }

    /// The lines to print on standard error.
    func lines(_ say: CommandText) -> [String] {
        [say.usageErrorPrefix + say.mistake(kind), say.usageLine(usage), say.seeHelp(command)]
    }

    /// Says so on standard error and exits with 64 (EX_USAGE).
    func exit() -> Never {
        for line in lines(CommandText()) { CommandText.printError(line) }
        Glibc.exit(ExitStatus.usage.rawValue)
    }
}

/// An option's values that its help names in the user's words; the parser's English "(values: …)"
/// after them would say it twice, in the wrong language.
protocol NamedInHelp: ExpressibleByArgument {}

extension NamedInHelp {
    static var allValueStrings: [String] { [] }
}
