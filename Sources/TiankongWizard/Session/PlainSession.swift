import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The line-by-line wizard on stdin and stdout: the same questions and checks, for screen readers,
/// pipes and terminals ncurses cannot drive.
final class PlainSession {
    let template: Template
    let store: AnswerStore
    let text: WizardText
    let messages: Messages
    let saver: ReportSaver
    let start: Start
    /// Whether the user has been told the autosave does not work (once is enough).
    private var autosaveWarned: Bool

    init(template: Template, language: Language, store: AnswerStore, start: Start = Start(),
         workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.template = template
        self.store = store
        self.start = start
        autosaveWarned = start.autosaveWarned
        text = WizardText(language: language)
        messages = Messages(language: language)
        saver = ReportSaver(template: template, messages: messages, workingDirectory: workingDirectory, wordFile: start.wordFile)
    }

    func run() -> ExitStatus {
        let fields = template.fields
        var answers: [String: String] = [:]
        write(text.plainIntro(template.title, fields.count) + "\n")
        for warning in start.warnings { write(text.warningPrefix(warning) + "\n") }

        let earlier = start.earlierAnswers.filter { !$0.value.isEmpty }
        if start.resumeWithoutAsking {
            answers = earlier
        } else if !earlier.isEmpty {
            write(text.resumeDetail(earlier.count) + "\n")
            guard let resume = ask(text.plainResume, default: true) else { return endOfInput(answers) }
            if resume { answers = earlier } else { store.backUp() }
        }

        for (k, field) in fields.enumerated() {
            let offer = Offer.make(for: k, in: template) { earlier in
                answers[earlier.id].flatMap { Validation.check($0, for: earlier, answers: answers).value }
            }
            while true {
                write(text.plainAsk(k + 1, fields.count, field.label, text.expectation(for: field, messages)) + "\n")
                if let hint = field.hint, !hint.isEmpty { write(text.plainHint(hint) + "\n") }
                if let index = field.blankIndexes.first, let blank = template.blanks.first(where: { $0.index == index }) {
                    write(text.plainContext(blank.context) + "\n")
                }
                if let current = answers[field.id] {
                    write(text.plainCurrent(current) + "\n")
                } else if let offer {
                    write(text.plainOffer(offer) + "\n")
                }
                write(text.plainAnswerPrompt)
                guard var line = readLine() else { return endOfInput(answers) }
                line = String(LineEditor.printable(line))
                if line.trimmedSpaces().isEmpty {
                    if answers[field.id] != nil { break }
                    guard let offer else {
                        write(text.plainSkipped + "\n")
                        break
                    }
                    line = offer.text
                }
                var trial = answers
                trial[field.id] = line
                let verdict = Validation.check(line, for: field, answers: trial)
                if let failure = verdict.failure {
                    write(text.errorPrefix(messages.text(for: failure, field: field)) + "\n")
                    continue
                }
                answers[field.id] = line
                autosave(answers)
                for warning in verdict.warnings { write(text.warningPrefix(messages.text(for: warning)) + "\n") }
                break
            }
        }
        return save(answers)
    }

    /// Lists what is still wrong (as `AnswerReview` finds it), asks for a name, and writes the report.
    private func save(_ answers: [String: String]) -> ExitStatus {
        let review = AnswerReview(answers: answers, template: template, partial: false)
        let problems = review.problems.filter { $0.problem != .unknownField }
        if !problems.isEmpty {
            write(text.plainProblemsTitle + "\n")
            for entry in problems {
                let field = template.field(entry.fieldID)
                let problem = if let field, entry.problem == .missing {
                    text.missingAnswer(field, messages)
                } else {
                    messages.text(for: entry.problem, field: field)
                }
                write(text.plainProblem(field?.label ?? entry.fieldID, problem) + "\n")
            }
        }
        let values = review.values
        let name = WizardState.defaultFileName(title: Report.title(template: template, answers: values))
        write(text.plainSaveAs(name))
        // Input that ends after the last answer takes the offered name, as an empty line would.
        let reply = readLine()
        if reply == nil { write("\n") }
        var path = reply?.trimmedSpaces() ?? ""
        if path.isEmpty { path = name }
        let left = LeftToFix(review)
        if left.count > 0 {
            guard let yes = ask(text.plainBlanksLeft(left.count, rules: left.brokenRules), default: false) else {
                return endOfInput(answers)
            }
            guard yes else {
                write(text.plainNotSaved + "\n")
                return .notDone
            }
        }
        var overwrite = false
        while true {
            switch saver.save(name: path, values: values, overwrite: overwrite) {
            case .saved(let fullPaths):
                write(text.saved(fullPaths) + "\n")
                return .ok
            case .exists(_, let existing):
                guard let yes = ask(text.plainOverwrite(existing.map(saver.fullPath)), default: false) else {
                    return endOfInput(answers)
                }
                guard yes else {
                    write(text.plainNotSaved + "\n")
                    return .notDone
                }
                overwrite = true
            case .failed(let message, let status):
                write(text.saveFailed(message) + "\n")
                return status
            }
        }
    }

    /// Asks a yes-or-no `question` until the reply is one: empty takes `default`; nil at the end of input.
    private func ask(_ question: String, default answer: Bool) -> Bool? {
        while true {
            write(question)
            guard let reply = readLine() else { return nil }
            if let yes = YesNo.reply(reply, default: answer) { return yes }
            write(text.plainYesOrNo + "\n")
        }
    }

    private func endOfInput(_ answers: [String: String]) -> ExitStatus {
        if !answers.isEmpty { autosave(answers) }
        write("\n" + text.plainEndOfInput + "\n")
        return .notDone
    }

    /// Saves the answers so far; when that fails, says so once and goes on.
    private func autosave(_ answers: [String: String]) {
        do {
            try store.save(answers)
        } catch {
            guard !autosaveWarned else { return }
            autosaveWarned = true
            write(text.warningPrefix(text.autosaveFailed(messages.text(for: error))) + "\n")
        }
    }

    private func write(_ s: String) {
        // Nothing can be shown once standard output fails; the answers still autosave.
        try? AtomicFile.write(Array(s.utf8), toDescriptor: 1, name: "stdout")
    }
}

/// A reply to a yes-or-no question.
enum YesNo {
    /// true for y/yes/是, false for n/no/否, `default` for an empty reply, nil for anything else.
    static func reply(_ text: String, default answer: Bool) -> Bool? {
        switch text.trimmedSpaces().lowercased() {
        case "": return answer
        case "y", "yes", "是", "好", "ｙ": return true
        case "n", "no", "否", "不", "ｎ": return false
        default: return nil
        }
    }
}
