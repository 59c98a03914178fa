import TiankongEngine

/// Turns the state and the screen size into a frame. Pure: the same state and size give the same frame.
public enum WizardView {
    public static func frame(_ state: WizardState, size: Size) -> Frame {
        var frame = Frame(size: size)
        let layout = Layout(size)
        if layout.isTooSmall {
            drawTooSmall(&frame, state)
            return frame
        }
        if state.dialog == .help {
            drawHelp(&frame, state)
            return frame
        }
        drawTitleBar(&frame, state)
        switch state.screen {
        case .editing: drawEditing(&frame, state, layout)
        case .review: drawReview(&frame, state, layout)
        }
        if layout.hasSidePanel {
            var selection: Int? = nil
            if case .fieldList(let s) = state.dialog { selection = s }
            drawFieldList(&frame, state, top: layout.reportTop, left: layout.reportWidth,
                          width: layout.panelWidth, rows: layout.reportRows, selection: selection)
        } else if case .fieldList(let s) = state.dialog {
            for row in layout.reportTop..<(layout.reportTop + layout.reportRows) { frame.fill(row: row, with: " ") }
            drawFieldList(&frame, state, top: layout.reportTop, left: 0, width: size.columns,
                          rows: layout.reportRows, selection: s)
        }
        frame.fill(row: layout.separatorRow, with: "─")
        drawBottom(&frame, state, layout)
        return frame
    }

    // MARK: - Bars

    private static func drawTitleBar(_ frame: inout Frame, _ state: WizardState) {
        frame.fill(row: 0, with: " ", style: .bar)
        let right = state.text.progress(state.answeredCount, state.fields.count) + " "
        let rightWidth = DisplayWidth.of(right)
        let title = state.screen == .review ? state.text.reviewTitle : state.template.title
        frame.put(" \(state.text.appName) · \(title)", row: 0, column: 0, style: .bar,
                  limit: max(0, frame.size.columns - rightWidth - 1))
        frame.put(right, row: 0, column: max(0, frame.size.columns - rightWidth), style: .bar)
    }

    private static func keys(_ state: WizardState) -> [(String, String)] {
        switch state.dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?: return state.text.confirmKeys
        case .saveName?: return state.text.promptKeys
        case .fieldList?: return state.text.listKeys
        case .help?: return state.text.helpKeys
        case nil: return state.screen == .review ? state.text.reviewKeys : state.text.editingKeys
        }
    }

    /// The key help: as many (key, what) pairs as fit, the most needed first.
    private static func drawKeys(_ frame: inout Frame, _ pairs: [(String, String)], row: Int) {
        frame.fill(row: row, with: " ", style: .bar)
        var x = 1
        for (key, what) in pairs {
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(what)
            if x + width > frame.size.columns { break }
            x += frame.put(key, row: row, column: x, style: .bar)
            x += frame.put(" " + what + "  ", row: row, column: x, style: .bar)
        }
    }

    // MARK: - The report

    private static func drawEditing(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        let rows = ReportWrap.rows(around: state, width: layout.reportTextWidth, count: layout.reportRows)
        drawReportRows(&frame, rows, top: layout.reportTop)
    }

    private static func drawReportRows(_ frame: inout Frame, _ rows: [[Piece]], top: Int) {
        for (k, line) in rows.enumerated() {
            var x = 1
            for piece in line {
                frame.put(piece.character, width: piece.width, row: top + k, column: x, style: piece.style)
                x += piece.width
            }
        }
    }

    private static func drawReview(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        let items = state.reviewItems
        var row = layout.reportTop
        let width = layout.reportWidth
        if items.isEmpty {
            frame.put(" " + state.text.reviewAllGood, row: row, column: 0, style: .strong, limit: width)
            row += 1
        } else {
            frame.put(" " + state.text.reviewProblems(items.count), row: row, column: 0, style: .strong, limit: width)
            row += 1
            let shown = min(items.count, max(1, layout.reportRows / 3))
            let first = max(0, min(state.reviewSelection - shown + 1, items.count - shown))
            for k in first..<(first + shown) {
                let index = items[k]
                let field = state.fields[index]
                let selected = k == state.reviewSelection && state.dialog == nil
                let (word, style) = statusWord(state, state.status(index))
                var x = 1
                x += frame.put(selected ? "> " : "  ", row: row, column: x, style: selected ? .selected : .normal)
                x += frame.put("\(index + 1). ", row: row, column: x, style: selected ? .selected : .normal)
                x += frame.put(word, row: row, column: x, style: style)
                x += frame.put(" " + field.label + "  " + problemText(state, index), row: row, column: x,
                               style: selected ? .selected : .normal, limit: width - x)
                row += 1
            }
        }
        frame.fill(row: row, with: "─", to: width)
        frame.put(" \(state.text.reviewReport) ", row: row, column: 2, style: .strong)
        row += 1
        let rows = ReportWrap.rows(from: state.reviewTop, state, width: layout.reportTextWidth,
                                   count: layout.reportTop + layout.reportRows - row)
        drawReportRows(&frame, rows, top: row)
    }

    private static func problemText(_ state: WizardState, _ index: Int) -> String {
        let field = state.fields[index]
        guard let verdict = state.verdicts[field.id] else { return state.messages.expectation(for: field) }
        if let failure = verdict.failure { return state.messages.text(for: failure, field: field) }
        if let warning = verdict.warnings.first { return state.messages.text(for: warning) }
        return ""
    }

    private static func statusWord(_ state: WizardState, _ status: FieldStatus) -> (String, Style) {
        switch status {
        case .empty: return (state.text.statusEmpty, .blank)
        case .answered: return (state.text.statusAnswered, .answer)
        case .invalid: return (state.text.statusInvalid, .invalid)
        case .warning: return (state.text.statusWarning, .warning)
        case .editing: return (state.text.statusEditing, .current)
        }
    }

    // MARK: - The field list

    private static func drawFieldList(_ frame: inout Frame, _ state: WizardState, top: Int, left: Int, width: Int,
                                      rows: Int, selection: Int?) {
        var x0 = left
        if left > 0 {
            for row in top..<(top + rows) { frame.put("│", row: row, column: left) }
            x0 += 2
        } else {
            x0 += 1
        }
        let inner = width - (x0 - left)
        let heading = "\(state.text.fieldsTitle)  \(state.text.progress(state.answeredCount, state.fields.count))"
        frame.put(heading, row: top, column: x0, style: .strong, limit: inner)
        let listRows = rows - 1
        let count = state.fields.count
        let focus = selection ?? state.current
        let first = max(0, min(focus - listRows / 2, count - listRows))
        let numberWidth = String(count).count
        for k in 0..<min(listRows, count) {
            let index = first + k
            let row = top + 1 + k
            let highlighted = index == selection
            let isCurrent = index == state.current && state.screen == .editing
            let base: Style = highlighted ? .selected : .normal
            var x = x0
            x += frame.put(isCurrent ? ">" : " ", row: row, column: x, style: isCurrent ? .strong : base)
            let number = String(index + 1)
            x += frame.put(String(repeating: " ", count: numberWidth - number.count) + number + " ",
                           row: row, column: x, style: base)
            let (word, style) = statusWord(state, state.status(index))
            x += frame.put(word, row: row, column: x, style: highlighted ? .selected : style)
            x += frame.put(" " + state.fields[index].label, row: row, column: x, style: base, limit: left + width - x)
            if highlighted { frame.paint(row: row, from: x, to: left + width, style: .selected) }
        }
    }

    // MARK: - The question, prompts and dialogs

    private static func drawBottom(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        let columns = frame.size.columns
        drawKeys(&frame, keys(state), row: layout.keysRow)
        switch state.dialog {
        case .resume(let count)?:
            frame.put(state.text.resumeTitle, row: layout.headingRow, column: 1, style: .strong)
            frame.put(state.text.resumeDetail(count), row: layout.editorRow, column: 1)
            return
        case .confirmQuit?:
            frame.put(state.text.quitQuestion, row: layout.headingRow, column: 1, style: .strong)
            frame.put("(Y/N)", row: layout.editorRow, column: 1)
            return
        case .confirmBlanks(let count, _)?:
            frame.put(state.text.blanksLeft(count), row: layout.headingRow, column: 1, style: .strong)
            frame.put("(Y/N)", row: layout.editorRow, column: 1)
            return
        case .confirmOverwrite(let path)?:
            frame.put(state.text.overwrite(path), row: layout.headingRow, column: 1, style: .strong)
            frame.put("(Y/N)", row: layout.editorRow, column: 1)
            return
        case .saveName?:
            frame.put(state.text.saveAs, row: layout.headingRow, column: 1, style: .strong)
            let editor = state.fileEditor
            let x = layout.fileEditorColumn
            frame.put("> ", row: layout.editorRow, column: 0)
            frame.put(editor.visible(width: layout.fileEditorWidth), row: layout.editorRow, column: x)
            frame.cursor = (layout.editorRow, x + editor.cursorColumn)
            drawNotice(&frame, state, layout)
            return
        case .fieldList?, .help?:
            break
        case nil:
            break
        }
        switch state.screen {
        case .editing:
            var x = 1
            x += frame.put(state.text.question(state.current + 1, state.fields.count) + "  ",
                           row: layout.headingRow, column: x, style: .strong)
            x += frame.put(state.field.label, row: layout.headingRow, column: x, style: .strong)
            frame.put("  " + state.messages.expectation(for: state.field), row: layout.headingRow, column: x,
                      limit: columns - x)
            let editor = state.editor
            frame.put(">", row: layout.editorRow, column: 0, style: .strong)
            let shown = editor.visible(width: layout.editorWidth)
            let used = frame.put(shown, row: layout.editorRow, column: layout.editorColumn)
            if let tail = state.suggestionTail {
                frame.put(tail, row: layout.editorRow, column: layout.editorColumn + used, style: .dim,
                          limit: layout.editorWidth - used)
            }
            if state.dialog == nil {
                frame.cursor = (layout.editorRow, layout.editorColumn + editor.cursorColumn)
            }
            if state.notice == nil, let previous = state.previousAnswer(for: state.current), editor.isEmpty {
                frame.put(state.text.previousAnswer(previous), row: layout.noticeRow, column: 1, style: .dim)
            } else {
                drawNotice(&frame, state, layout)
            }
        case .review:
            if state.notice == nil, state.savedPath == nil {
                frame.put(state.text.saveHint(state.fileEditor.text), row: layout.headingRow, column: 1)
            }
            drawNotice(&frame, state, layout)
        }
    }

    private static func drawNotice(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        guard let notice = state.notice else { return }
        let style: Style = switch notice.kind {
        case .error: .error
        case .warning: .warning
        case .info: .strong
        }
        frame.put(notice.text, row: layout.noticeRow, column: 1, style: style)
    }

    // MARK: - Whole-screen pages

    private static func drawTooSmall(_ frame: inout Frame, _ state: WizardState) {
        let lines = [state.text.tooSmall, state.text.tooSmallDetail(frame.size)]
        let top = max(0, frame.size.rows / 2 - 1)
        for (k, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            frame.put(line, row: top + k, column: max(0, (frame.size.columns - w) / 2), style: k == 0 ? .strong : .normal)
        }
    }

    private static func drawHelp(_ frame: inout Frame, _ state: WizardState) {
        frame.fill(row: 0, with: " ", style: .bar)
        frame.put(" \(state.text.appName) · \(state.text.helpTitle)", row: 0, column: 0, style: .bar)
        let lines = state.text.helpLines
        let keyWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (k, (key, what)) in lines.enumerated() where k + 2 < frame.size.rows - 1 {
            frame.put(key, row: k + 2, column: 2, style: .strong)
            frame.put(what, row: k + 2, column: 4 + keyWidth)
        }
        drawKeys(&frame, state.text.helpKeys, row: frame.size.rows - 1)
    }
}
