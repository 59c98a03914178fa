import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The line-by-line wizard on stdin and stdout, for screen readers, pipes and terminals ncurses cannot
/// drive: the full-screen wizard's `Reducer` and `Action`s, a line where the screen has a line editor.
///
/// Each line is typed over the field's answer and Enter pressed, so every check and move is the
/// reducer's. Where a line differs from a screen, the session says what it does:
/// - an empty line is Enter on the answer there: it keeps a valid one, takes the offered one, and
///   otherwise skips the field (`skipField`), a refused answer dropped first;
/// - a refused line stays the answer, as typed text does on the screen (so the end of input keeps
///   it), and the question is asked again with the reason; an empty line then goes back to the valid
///   answer the field had when it was first asked, which a line cannot be edited back to;
/// - a warning is printed and the answer kept: the screen's second Enter is pressed at once, as
///   nobody is there to take a suggestion;
/// - after resuming, every field is asked in order from the first, so that piped lines always meet
///   the same questions.
final class PlainSession {
    private var state: WizardState
    private let store: AnswerStore
    private let text: WizardText
    private let messages: Messages
    private let saver: ReportSaver
    private let start: Start
    /// The answers last autosaved.
    private var lastSaved = AutosaveContents()
    /// Whether the user has been told the autosave does not work (once is enough).
    private var autosaveWarned: Bool
    /// What came of the last attempt to write the report (its exit status when it failed).
    private var lastOutcome: SaveOutcome?
    /// The field last asked, and the valid answer it had when first asked.
    private var answerBefore: (field: Int, text: String?) = (-1, nil)

    init(template: Template, language: Language, store: AnswerStore, start: Start = Start(),
         workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.store = store
        self.start = start
        autosaveWarned = start.autosaveWarned
        text = WizardText(language: language)
        messages = Messages(language: language)
        saver = ReportSaver(template: template, messages: messages, workingDirectory: workingDirectory, wordFile: start.wordFile)
        // No screen: the size only shapes what the reducer fits to it, which is never shown here.
        state = WizardState(template: template, language: language, size: Size(columns: 80, rows: 24),
                            earlierAnswers: start.earlierAnswers)
        state.correctsTemplateWords = start.wordFile == nil
        state.earlierCorrections = start.earlierCorrections
    }

    func run() -> ExitStatus {
        write(text.plainIntro(state.template.title, state.fields.count) + "\n")
        for warning in start.warnings { write(text.warningPrefix(warning) + "\n") }
        if case .resume(let count) = state.dialog {
            if start.resumeWithoutAsking {
                perform(.yes)
            } else {
                write(text.resumeDetail(count) + "\n")
                guard let resume = ask(text.plainResume, default: true) else { return endOfInput() }
                perform(resume ? .yes : .no)
            }
            perform(.goToField(0))
        }
        while state.screen == .editing {
            guard askCurrentField() else { return endOfInput() }
        }
        return save()
    }

    /// Asks the field the reducer is on and hands it the reply; false at the end of input.
    private func askCurrentField() -> Bool {
        let index = state.current, field = state.field
        write(text.plainAsk(index + 1, state.fields.count, field.label, text.expectation(for: field, messages)) + "\n")
        if let hint = field.hint, !hint.isEmpty { write(text.plainHint(hint) + "\n") }
        if let blank = field.blankIndexes.first.flatMap({ index in state.template.blanks.first { $0.index == index } }) {
            write(text.plainContext(blank.context) + "\n")
        }
        let valid = state.verdicts[field.id]?.isValid == true ? state.answers[field.id] : nil
        if answerBefore.field != index { answerBefore = (index, valid) }
        let kept = valid ?? answerBefore.text
        let offer = state.offer(for: index)
        if let kept {
            write(text.plainCurrent(kept) + "\n")
        } else if let offer {
            write(text.plainOffer(offer) + "\n")
        }
        write(text.plainAnswerPrompt)
        guard let reply = readLine() else { return false }
        let line = String(LineEditor.printable(reply))
        if !line.trimmedSpaces().isEmpty {
            perform(.cursorEnd, .deleteToStart, .insert(line), .nextField)
        } else if let kept {
            perform(.cursorEnd, .deleteToStart, .insert(kept), .nextField)
        } else if offer != nil || field.isOptional {
            perform(.cursorEnd, .deleteToStart, .nextField)
        } else {
            write(text.plainSkipped + "\n")
            perform(.cursorEnd, .deleteToStart, .skipField)
            return true
        }
        if state.screen == .editing, state.current == index, let notice = state.notice {
            guard notice.kind == .warning else {
                write(text.errorPrefix(notice.text) + "\n")
                return true
            }
            perform(.nextField)
        }
        for warning in state.verdicts[field.id]?.warnings ?? [] { write(text.warningPrefix(messages.text(for: warning)) + "\n") }
        return true
    }

    /// Lists what is still wrong and what proof-reading finds, asks for a name, and writes the report,
    /// each step the review's.
    private func save() -> ExitStatus {
        let problems = state.reviewItems.filter(\.isBlocking)
        if !problems.isEmpty {
            write(text.plainProblemsTitle + "\n")
            for item in problems {
                let field = state.fields[item.field]
                write(text.plainProblem(field.label, problemText(item.problem, field)) + "\n")
            }
        }
        // What the review lists, in its words; the fixes are not made here, only named.
        if !state.findings.isEmpty {
            write(text.plainFindingsTitle(state.findings.count, fixable: state.findings.filter { $0.remedy != nil }.count) + "\n")
            for entry in state.findings { write("  " + text.findingRow(entry, messages).text + "\n") }
        }
        perform(.save)
        write(text.plainSaveAs(state.fileEditor.text))
        // Input that ends after the last answer takes the offered name, as an empty line would.
        let reply = readLine()
        if reply == nil { write("\n") }
        let name = reply?.trimmedSpaces() ?? ""
        if !name.isEmpty { perform(.cursorEnd, .deleteToStart, .insert(name)) }
        perform(.choose)
        while true {
            switch state.dialog {
            case .confirmBlanks(let count, let rules, _)?:
                guard let yes = ask(text.plainBlanksLeft(count, rules: rules), default: false) else { return endOfInput() }
                guard yes else { return notSaved() }
                perform(.yes)
            case .confirmOverwrite(_, let existing)?:
                guard let yes = ask(text.plainOverwrite(existing.map(saver.fullPath)), default: false) else { return endOfInput() }
                guard yes else { return notSaved() }
                perform(.yes)
            default:
                if case .failed(let message, let status)? = lastOutcome {
                    write(text.saveFailed(message) + "\n")
                    return status
                }
                write(text.saved(state.savedPaths) + "\n")
                return .ok
            }
        }
    }

    private func problemText(_ problem: ReviewItem.Problem, _ field: Field) -> String {
        switch problem {
        case .missing: return text.missingAnswer(field, messages)
        case .invalid(let failure): return messages.text(for: failure, field: field)
        case .ruleBroken(let message): return message
        case .warning(let warning): return messages.text(for: warning)
        }
    }

    /// Reduces each action in turn and does the effects it asks for, then autosaves what changed.
    private func perform(_ actions: Action...) {
        for action in actions {
            var pending = [action]
            while !pending.isEmpty {
                for effect in Reducer.reduce(&state, pending.removeFirst()) {
                    switch effect {
                    case .writeReport(let path, let overwrite):
                        let outcome = saver.save(name: path, values: state.reportAnswers, corrections: state.corrections,
                                                 overwrite: overwrite)
                        lastOutcome = outcome
                        pending.append(.saveFinished(outcome))
                    case .startAfresh:
                        store.backUp()
                    case .proofread(let request):
                        pending.append(.proofreadFinished(request.run(on: state.template)))
                    case .suspend, .quit:
                        // No line asks for them.
                        break
                    }
                }
            }
        }
        autosave()
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

    private func notSaved() -> ExitStatus {
        write(text.plainNotSaved + "\n")
        return .notDone
    }

    private func endOfInput() -> ExitStatus {
        write("\n" + text.plainEndOfInput + "\n")
        return .notDone
    }

    /// Saves the answers when they changed; when that fails, says so once and goes on.
    private func autosave() {
        let contents = AutosaveContents(answers: state.answers, corrections: state.corrections)
        guard contents != lastSaved else { return }
        lastSaved = contents
        do {
            try store.save(contents.answers, corrections: contents.corrections, templateText: state.template.text)
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
