import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The wizard's transitions: an action and a state give the next state, and the work to do.
///
/// Pure: no files, no terminal, no clock. Nothing here looks at the whole report on a keystroke.
public enum Reducer {
    @discardableResult
    public static func reduce(_ state: inout WizardState, _ action: Action) -> [Effect] {
        var effects = transition(&state, action)
        if let proofreading = proofreadEffect(&state) { effects.append(proofreading) }
        return effects
    }

    private static func transition(_ state: inout WizardState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let size):
            state.size = size
            fitEditors(&state)
            clampReview(&state)
            return []
        case .saveFinished(let outcome):
            return finishSave(&state, outcome)
        case .proofreadFinished(let result):
            finishProofreading(&state, result)
            return []
        case .suspend:
            return [.suspend]
        default:
            break
        }
        if let dialog = state.dialog { return reduce(&state, dialog: dialog, action) }
        switch state.screen {
        case .editing: return reduceEditing(&state, action)
        case .review: return reduceReview(&state, action)
        }
    }

    // MARK: - Answering a field

    private static func reduceEditing(_ state: inout WizardState, _ action: Action) -> [Effect] {
        switch action {
        case .insert, .deleteBackward, .deleteForward, .deleteToStart, .deleteToEnd, .deleteWord:
            edit(&state.editor, action)
            answerChanged(&state)
        case .cursorLeft: state.editor.moveLeft()
        case .cursorRight:
            if state.editor.isAtEnd, let offer = state.offer(for: state.current), state.suggestionTail != nil {
                state.editor = LineEditor(offer.text)
                answerChanged(&state)
            } else {
                state.editor.moveRight()
            }
        case .cursorHome: state.editor.moveHome()
        case .cursorEnd: state.editor.moveEnd()
        case .takeSuggestion:
            let verdict = Validation.check(state.editor.text, for: state.field, answers: state.answers)
            if let suggestion = verdict.warnings.compactMap(\.suggestion).first, !suggestion.isEmpty {
                state.editor = LineEditor(suggestion)
                answerChanged(&state)
            }
        case .nextField:
            goForward(&state)
        case .previousField:
            if state.current > 0 { go(&state, to: state.current - 1) }
        case .skipField:
            leaveField(&state)
            moveOn(&state)
        case .goToField(let index):
            if state.fields.indices.contains(index) { go(&state, to: index) }
        case .openFieldList:
            state.dialog = .fieldList(selection: state.current)
        case .openHelp:
            state.dialog = .help
        case .save:
            leaveField(&state)
            openSaveName(&state)
        case .interrupt:
            state.dialog = .confirmQuit
        default:
            break
        }
        fitEditors(&state)
        return []
    }

    /// The file name prompt; a name the user has not changed follows the title (the year answered).
    private static func openSaveName(_ state: inout WizardState) {
        if state.fileEditor.text == state.offeredFileName {
            let name = state.pendingFileName
            state.fileEditor = LineEditor(name)
            state.offeredFileName = name
        }
        state.dialog = .saveName
        state.fileEditor.moveEnd()
    }

    private static func edit(_ editor: inout LineEditor, _ action: Action) {
        switch action {
        case .insert(let text): editor.insert(text)
        case .deleteBackward: editor.deleteBackward()
        case .deleteForward: editor.deleteForward()
        case .deleteToStart: editor.deleteToStart()
        case .deleteToEnd: editor.deleteToEnd()
        case .deleteWord: editor.deleteWordBackward()
        case .cursorLeft: editor.moveLeft()
        case .cursorRight: editor.moveRight()
        case .cursorHome: editor.moveHome()
        case .cursorEnd: editor.moveEnd()
        default: break
        }
    }

    /// The typed text is the answer at once (so it is autosaved), unchecked until the user moves on.
    private static func answerChanged(_ state: inout WizardState) {
        let id = state.field.id
        let text = state.editor.text
        if text.isEmpty { state.answers[id] = nil } else { state.answers[id] = text }
        state.verdicts[id] = nil
        state.notice = nil
    }

    /// Enter: check; on an error stay and say why; on a new warning stay once and show it; else go on.
    private static func goForward(_ state: inout WizardState) {
        let field = state.field
        if state.editor.isEmpty, let offer = state.offer(for: state.current) {
            state.editor = LineEditor(offer.text)
            answerChanged(&state)
        }
        let raw = state.editor.text
        if raw.isEmpty, field.isOptional {
            // An optional field may stay empty: its blanks are left as they were.
            state.verdicts[field.id] = nil
            moveOn(&state)
            return
        }
        let verdict = Validation.check(raw, for: field, answers: state.answers)
        if let failure = verdict.failure {
            if !raw.isEmpty { state.verdicts[field.id] = verdict }
            var text = state.messages.text(for: failure, field: field)
            if failure == .empty { text = state.text.notAnswered(field, state.messages) + state.text.skipHint }
            state.notice = Notice(kind: .error, text: text)
            return
        }
        state.verdicts[field.id] = verdict
        recheckDate(&state, of: field)
        if let warning = verdict.warnings.first, state.warningsSeen[field.id] != raw {
            state.warningsSeen[field.id] = raw
            var text = state.messages.text(for: warning)
            if warning.suggestion != nil { text += "。" + state.text.acceptWarning }
            state.notice = Notice(kind: .warning, text: text)
            return
        }
        moveOn(&state)
    }

    private static func moveOn(_ state: inout WizardState) {
        if state.current + 1 < state.fields.count {
            enter(&state, state.current + 1)
        } else {
            openReview(&state)
        }
    }

    /// Moves to another field without blocking: the answer left behind is checked and marked.
    private static func go(_ state: inout WizardState, to index: Int) {
        leaveField(&state)
        enter(&state, index)
    }

    private static func leaveField(_ state: inout WizardState) {
        guard state.screen == .editing else { return }
        let field = state.field
        if let raw = state.answers[field.id] {
            state.verdicts[field.id] = Validation.check(raw, for: field, answers: state.answers)
            recheckDate(&state, of: field)
        } else {
            state.verdicts[field.id] = nil
        }
    }

    /// Takes `value` as the answer to field `index` from outside its editor (a fix or a suggestion on the
    /// review): checked as leaving the field would check it, its date's other parts checked again.
    static func takeAnswer(_ state: inout WizardState, field index: Int, _ value: String) {
        let field = state.fields[index]
        state.answers[field.id] = value
        state.verdicts[field.id] = Validation.check(value, for: field, answers: state.answers)
        recheckDate(&state, of: field)
    }

    /// A day is checked against its month and year: when one of them changes, check the others again.
    private static func recheckDate(_ state: inout WizardState, of field: Field) {
        guard let date = field.date else { return }
        for id in [date.year, date.month, date.day].compactMap({ $0 }) where id != field.id {
            guard let other = state.template.field(id), let raw = state.answers[id], state.verdicts[id] != nil else { continue }
            state.verdicts[id] = Validation.check(raw, for: other, answers: state.answers)
        }
    }

    static func enter(_ state: inout WizardState, _ index: Int) {
        state.screen = .editing
        state.current = index
        let field = state.field
        state.editor = LineEditor(state.answers[field.id] ?? "")
        state.notice = nil
        if let raw = state.answers[field.id] {
            // The mark stays in the field list until the answer is typed into again.
            let verdict = Validation.check(raw, for: field, answers: state.answers)
            state.verdicts[field.id] = verdict
            if let failure = verdict.failure {
                state.notice = Notice(kind: .error, text: state.messages.text(for: failure, field: field))
            } else if let warning = verdict.warnings.first {
                state.notice = Notice(kind: .warning, text: state.messages.text(for: warning))
            }
        }
        fitEditors(&state)
    }

    // MARK: - Review

    private static func openReview(_ state: inout WizardState) {
        state.screen = .review
        state.reviewSelection = 0
        state.reviewTop = ReportPosition(paragraph: 0, line: 0)
        state.notice = nil
        proofread(&state, showFirst: state.reviewItems.isEmpty)
    }

    private static func reduceReview(_ state: inout WizardState, _ action: Action) -> [Effect] {
        let items = state.reviewItems
        switch action {
        case .selectPrevious:
            state.reviewSelection = max(0, state.reviewSelection - 1)
            state.notice = nil
            showSelectedFinding(&state, items: items.count)
        case .selectNext:
            state.reviewSelection = min(max(0, items.count + state.findings.count - 1), state.reviewSelection + 1)
            state.notice = nil
            showSelectedFinding(&state, items: items.count)
        case .takeSuggestion:
            takeFix(&state, items: items)
        case .takeAllFixes:
            takeAllFixes(&state)
        case .pageDown: scrollReview(&state, by: max(1, Layout(state).reportRows - 2))
        case .pageUp: scrollReview(&state, by: -max(1, Layout(state).reportRows - 2))
        case .choose:
            if state.reviewSelection >= items.count, !state.findings.isEmpty {
                goToFinding(&state, items: items.count)
            } else if items.isEmpty {
                openSaveName(&state)
            } else {
                enter(&state, items[min(state.reviewSelection, items.count - 1)].field)
            }
        case .cancel, .previousField:
            enter(&state, state.fields.count - 1)
        case .goToField(let index):
            if state.fields.indices.contains(index) { enter(&state, index) }
        case .openFieldList: state.dialog = .fieldList(selection: state.current)
        case .openHelp: state.dialog = .help
        case .save:
            openSaveName(&state)
        case .interrupt: state.dialog = .confirmQuit
        default: break
        }
        fitEditors(&state)
        return []
    }

    static func scrollReview(_ state: inout WizardState, by lines: Int) {
        let width = Layout(state).reportTextWidth
        var top = state.reviewTop
        top.line += lines
        while top.line < 0 {
            if top.paragraph == 0 { top.line = 0; break }
            top.paragraph -= 1
            top.line += ReportLines.lineCount(state, paragraph: top.paragraph, width: width)
        }
        while top.paragraph < state.document.paragraphs.count - 1 {
            let count = ReportLines.lineCount(state, paragraph: top.paragraph, width: width)
            if top.line < count { break }
            top.line -= count
            top.paragraph += 1
        }
        let lastCount = ReportLines.lineCount(state, paragraph: top.paragraph, width: width)
        top.line = min(top.line, max(0, lastCount - 1))
        state.reviewTop = top
    }

    private static func clampReview(_ state: inout WizardState) {
        scrollReview(&state, by: 0)
    }

    // MARK: - Dialogs

    private static func reduce(_ state: inout WizardState, dialog: Dialog, _ action: Action) -> [Effect] {
        switch dialog {
        case .resume:
            switch action {
            case .yes, .choose:
                state.dialog = nil
                resume(&state)
            case .no:
                state.dialog = nil
                state.earlierAnswers = [:]
                state.earlierCorrections = TemplateCorrections()
                return [.startAfresh]
            case .interrupt:
                state.dialog = .confirmQuit
            default: break
            }
        case .help:
            state.dialog = nil
        case .fieldList(let selection):
            let count = state.fields.count
            switch action {
            case .selectPrevious: state.dialog = .fieldList(selection: max(0, selection - 1))
            case .selectNext: state.dialog = .fieldList(selection: min(count - 1, selection + 1))
            case .pageUp: state.dialog = .fieldList(selection: max(0, selection - 10))
            case .pageDown: state.dialog = .fieldList(selection: min(count - 1, selection + 10))
            case .choose:
                state.dialog = nil
                go(&state, to: selection)
            case .cancel, .openFieldList: state.dialog = nil
            case .save:
                state.dialog = nil
                return transition(&state, .save)
            case .interrupt: state.dialog = .confirmQuit
            default: break
            }
        case .saveName:
            switch action {
            case .insert, .deleteBackward, .deleteForward, .deleteToStart, .deleteToEnd, .deleteWord,
                 .cursorLeft, .cursorRight, .cursorHome, .cursorEnd:
                edit(&state.fileEditor, action)
                state.notice = nil
            case .choose, .nextField, .save:
                let path = state.fileEditor.text.trimmedSpaces()
                guard !path.isEmpty else {
                    state.notice = Notice(kind: .error, text: state.text.emptyFileName)
                    break
                }
                let left = LeftToFix(AnswerReview(answers: state.answers, template: state.template, partial: false))
                if left.count > 0 {
                    state.dialog = .confirmBlanks(count: left.count, rules: left.brokenRules, path: path)
                } else {
                    return [.writeReport(path: path, overwrite: false)]
                }
            case .cancel: state.dialog = nil
            case .interrupt: state.dialog = .confirmQuit
            default: break
            }
        case .confirmBlanks(_, _, let path):
            switch action {
            case .yes: return [.writeReport(path: path, overwrite: false)]
            case .no, .cancel: state.dialog = .saveName
            case .interrupt: state.dialog = .confirmQuit
            default: break
            }
        case .confirmOverwrite(let path, _):
            switch action {
            case .yes: return [.writeReport(path: path, overwrite: true)]
            case .no, .cancel: state.dialog = .saveName
            case .interrupt: state.dialog = .confirmQuit
            default: break
            }
        case .confirmQuit:
            switch action {
            case .yes, .interrupt: return [.quit(.ok)]
            case .no, .cancel, .choose:
                state.dialog = state.earlierAnswers.isEmpty ? nil : .resume(count: state.earlierAnswers.count)
            default: break
            }
        }
        fitEditors(&state)
        return []
    }

    private static func resume(_ state: inout WizardState) {
        state.answers = state.earlierAnswers
        state.earlierAnswers = [:]
        if state.correctsTemplateWords, !state.earlierCorrections.isEmpty {
            state.corrections = state.earlierCorrections
            state.document = ReportDocument(template: state.template, corrections: state.corrections)
        }
        state.earlierCorrections = TemplateCorrections()
        for field in state.fields {
            if let raw = state.answers[field.id] {
                state.verdicts[field.id] = Validation.check(raw, for: field, answers: state.answers)
            }
        }
        let firstOpen = state.fields.indices.first { state.status($0) != .answered && state.status($0) != .warning }
        if let firstOpen {
            enter(&state, firstOpen)
        } else {
            openReview(&state)
        }
    }

    private static func finishSave(_ state: inout WizardState, _ outcome: SaveOutcome) -> [Effect] {
        switch outcome {
        case .saved(let fullPaths):
            state.dialog = nil
            state.savedPaths = fullPaths
            state.notice = Notice(kind: .info, text: state.text.saved(fullPaths))
        case .exists(let path, let existing):
            state.dialog = .confirmOverwrite(path: path, existing: existing)
        case .failed(let message, _):
            state.dialog = .saveName
            state.notice = Notice(kind: .error, text: state.text.saveFailed(message))
        }
        return []
    }

    private static func fitEditors(_ state: inout WizardState) {
        let layout = Layout(state)
        state.editor.fit(width: layout.editorWidth)
        state.fileEditor.fit(width: layout.fileEditorWidth - DisplayWidth.of(state.text.saveAs))
    }
}
