import Foundation
import TiankongEngine

/// How the command line starts the wizard.
public struct WizardOptions: Sendable {
    /// The line-by-line mode even on a terminal (--plain).
    public var plain: Bool
    public var language: Language
    /// Where autosaves go; nil for $XDG_STATE_HOME/tiankong or ~/.local/state/tiankong.
    public var stateDirectory: String?

    public init(plain: Bool = false, language: Language = .fromEnvironment(), stateDirectory: String? = nil) {
        self.plain = plain
        self.language = language
        self.stateDirectory = stateDirectory
    }
}

/// The wizard: walks the user through every field of a template and saves the finished report.
public enum Wizard {
    /// Runs the wizard and returns the exit code. Full screen on a terminal; line by line when TERM
    /// is unset or dumb, stdin or stdout is not a terminal, or `options.plain` is set.
    public static func run(template: Template, options: WizardOptions) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let store = AnswerStore(directory: options.stateDirectory ?? AnswerStore.defaultDirectory(environment),
                                digest: template.digest)
        let term = environment["TERM"] ?? ""
        let plain = options.plain || term.isEmpty || term == "dumb" || isatty(0) == 0 || isatty(1) == 0
        if plain {
            return PlainSession(template: template, language: options.language, store: store).run()
        }
        prepareLocale()
        Signals.install()
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        guard let terminal = CursesTerminal(useColor: !noColor) else {
            // ncurses does not know this terminal: ask line by line instead.
            return PlainSession(template: template, language: options.language, store: store).run()
        }
        return FullScreenSession(template: template, language: options.language, terminal: terminal, store: store).run()
    }

    /// ncurses reads wide characters only in a UTF-8 locale; without one, CJK input is lost silently.
    private static func prepareLocale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
