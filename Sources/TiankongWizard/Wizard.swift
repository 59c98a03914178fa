import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// How the command line starts the wizard.
public struct WizardOptions: Sendable {
    /// The line-by-line mode even on a terminal (--plain).
    public var plain: Bool
    public var language: Language
    /// Where autosaves go; nil for $XDG_STATE_HOME/tiankong or ~/.local/state/tiankong.
    public var stateDirectory: String?
    /// What to do with an earlier session's answers (--resume, --fresh); nil asks the user, or, when
    /// the answers come piped in, starts afresh so that the same input always gives the same report.
    public var earlierAnswers: EarlierAnswers?
    /// The filled Word file for answers, for a Word template (its own package, filled in place);
    /// nil for a text template, whose Word file is laid out by GB/T 9704.
    public var wordFile: WordFileMaker?

    public init(plain: Bool = false, language: Language = .fromEnvironment(), stateDirectory: String? = nil,
                earlierAnswers: EarlierAnswers? = nil, wordFile: WordFileMaker? = nil) {
        self.plain = plain
        self.language = language
        self.stateDirectory = stateDirectory
        self.earlierAnswers = earlierAnswers
        self.wordFile = wordFile
    }
}

/// Makes the Word file of a report from checked answers.
public typealias WordFileMaker = @Sendable ([String: String]) throws -> [UInt8]

/// Whether a session goes on from the answers an earlier one saved.
public enum EarlierAnswers: Sendable {
    case resume
    /// The earlier answers are moved to a backup and the session starts empty.
    case startAfresh
}

/// What a session starts with, found before it starts: the answers from the autosave, and what to
/// tell the user about it.
struct Start {
    var earlierAnswers: [String: String] = [:]
    /// Fixes taken for the template's own words in an earlier session, resumed with its answers.
    var earlierCorrections = TemplateCorrections()
    /// Shown once, as soon as the screen is free for them.
    var warnings: [String] = []
    /// The autosave is already known not to work; a failed save need not say so again.
    var autosaveWarned = false
    /// Go on from `earlierAnswers` without asking (--resume).
    var resumeWithoutAsking = false
    var wordFile: WordFileMaker?
}

/// The wizard: walks the user through every field of a template and saves the finished report.
public enum Wizard {
    /// Runs the wizard and returns how it ended. Full screen on a terminal; line by line when TERM
    /// is unset or dumb, stdin or stdout is not a terminal, or `options.plain` is set.
    public static func run(template: Template, options: WizardOptions) -> ExitStatus {
        // On a big template the report is cut into paragraphs while the digest below is worked out:
        // both are slow on a template of megabytes and come before the first frame. A small one is
        // cut when needed.
        let documentInParallel = template.text.count >= 256 << 10 ? Background { ReportDocument(template: template) } : nil
        let store = AnswerStore(directory: options.stateDirectory ?? AnswerStore.defaultDirectory(),
                                digest: template.digest)
        let text = WizardText(language: options.language)
        let messages = Messages(language: options.language)
        // Before anything is read or written: a second wizard on the same template must not touch the
        // first one's answers. The lock lives as long as this call (the kernel drops it on any exit).
        var start = Start()
        let lock: StateLock?
        switch StateLock.acquire(store) {
        case .held(let held): lock = held
        case .busy(let holder):
            try? AtomicFile.write(Array((text.lockedOut(holder) + "\n").utf8), toDescriptor: 2, name: "stderr")
            return .busy
        case .unavailable(let error):
            lock = nil
            start.warnings.append(text.autosaveFailed(messages.text(for: error)))
            start.autosaveWarned = true
        }
        defer { withExtendedLifetime(lock) {} }
        switch store.load(fieldIDs: Set(template.fields.map(\.id))) {
        case .none: break
        case .answers(let kept, let dropped):
            start.earlierAnswers = kept
            start.earlierCorrections = store.corrections(for: template)
            if !dropped.isEmpty { start.warnings.append(text.autosaveDropped(dropped, backup: store.copyAside())) }
        case .damaged(let damage):
            // Asked before the screen is taken over, the same way in both modes.
            if let code = confirmFreshStart(damage, store: store, text: text, messages: messages) { return code }
        }

        start.wordFile = options.wordFile
        let term = Environment.value("TERM") ?? ""
        let plain = options.plain || term.isEmpty || term == "dumb" || isatty(0) == 0 || isatty(1) == 0
        if !start.earlierAnswers.filter({ !$0.value.isEmpty }).isEmpty {
            switch options.earlierAnswers ?? (isatty(0) == 0 ? .startAfresh : nil) {
            case .resume: start.resumeWithoutAsking = true
            case .startAfresh:
                store.backUp()
                start.earlierAnswers = [:]
                start.earlierCorrections = TemplateCorrections()
                if options.earlierAnswers == nil { start.warnings.append(text.earlierAnswersSetAside) }
            case nil: break
            }
        }
        if plain {
            return PlainSession(template: template, language: options.language, store: store, start: start).run()
        }
        DisplayWidth.prepareLocale()
        Signals.install()
        let noColor = !(Environment.value("NO_COLOR") ?? "").isEmpty
        guard let terminal = CursesTerminal(useColor: !noColor) else {
            // ncurses does not know this terminal: ask line by line instead.
            return PlainSession(template: template, language: options.language, store: store, start: start).run()
        }
        return FullScreenSession(template: template, language: options.language, terminal: terminal, store: store,
                                 start: start, document: documentInParallel?.value ?? ReportDocument(template: template)).run()
    }

    /// A damaged autosave: says why, and starts afresh only when the user says so, the file moved
    /// aside to a ".bak" first. Returns the exit status when the wizard does not start.
    private static func confirmFreshStart(_ damage: AutosaveDamage, store: AnswerStore, text: WizardText,
                                          messages: Messages) -> ExitStatus? {
        func say(_ s: String) { try? AtomicFile.write(Array(s.utf8), toDescriptor: 1, name: "stdout") }
        say(text.autosaveDamage(damage, path: store.path, messages) + "\n" + text.damagedQuestion)
        var fresh: Bool?
        while let reply = readLine() {
            fresh = YesNo.reply(reply, default: false)
            if fresh != nil { break }
            say(text.plainYesOrNo + "\n" + text.damagedQuestion)
        }
        guard fresh == true else {
            say(text.damagedNotStarted(store.path) + "\n")
            return .notDone
        }
        guard let backup = store.keepDamaged() else {
            say(text.damagedNotMoved(store.path, messages.reason(errno)) + "\n")
            return .notDone
        }
        say(text.damagedKept(backup) + "\n")
        return nil
    }
}
