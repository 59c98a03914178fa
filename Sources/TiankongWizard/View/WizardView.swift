import TiankongEngine

/// Turns the state and the screen size into a frame. Pure: the same state and size give the same
/// frame, whatever `cache` holds (it only saves work; see `RenderCache`).
public enum WizardView {
    public static func frame(_ state: WizardState, size: Size, cache: RenderCache) -> Frame {
        var frame = Frame(size: size, clusters: cache.clusters)
        let layout = Layout(state, size: size)
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
        case .editing: drawEditing(&frame, state, layout, cache)
        case .review: ReviewView.draw(&frame, state, layout, cache)
        }
        if layout.hasSidePanel {
            var selection: Int? = nil
            if case .fieldList(let s) = state.dialog { selection = s }
            drawFieldList(&frame, state, top: layout.reportTop, left: layout.reportWidth,
                          width: layout.panelWidth, rows: layout.reportRows, selection: selection, cache)
        } else if case .fieldList(let s) = state.dialog {
            for row in layout.reportTop..<(layout.reportTop + layout.reportRows) { frame.fill(row: row, with: " ") }
            drawFieldList(&frame, state, top: layout.reportTop, left: 0, width: size.columns,
                          rows: layout.reportRows, selection: s, cache)
        }
        frame.fill(row: layout.separatorRow, with: "─")
        drawBottom(&frame, state, layout, cache)
        return frame
    }

    // MARK: - Bars

    private static func drawTitleBar(_ frame: inout Frame, _ state: WizardState) {
        frame.fill(row: 0, with: " ", style: .bar)
        let right = state.text.progress(state.answeredCount, state.fields.count) + " "
        let rightWidth = DisplayWidth.of(right)
        let title = state.screen == .review ? state.text.reviewTitle : state.answeredTitle
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
        case nil: return state.screen == .review ? ReviewView.keys(state) : state.text.editingKeys
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

    private static func drawEditing(_ frame: inout Frame, _ state: WizardState, _ layout: Layout, _ cache: RenderCache) {
        let rows = ReportWrap.rows(around: state, width: layout.reportTextWidth, count: layout.reportRows, cache: cache)
        drawReportRows(&frame, rows, top: layout.reportTop)
    }

    private static func drawReportRows(_ frame: inout Frame, _ rows: [[Piece]], top: Int) {
        for (k, line) in rows.enumerated() {
            var x = 1
            for piece in line {
                frame.put(piece, row: top + k, column: x)
                x += piece.width
            }
        }
    }

    private static func statusWord(_ state: WizardState, _ status: FieldStatus) -> (String, Style) {
        switch status {
        case .empty: return (state.text.statusEmpty, .blank)
        case .answered: return (state.text.statusAnswered, .answer)
        case .invalid: return (state.text.statusInvalid, .invalid)
        case .warning: return (state.text.statusWarning, .warning)
        case .editing: return (state.text.statusEditing, .current)
        case .byDefault: return (state.text.statusByDefault, .dim)
        case .skipped: return (state.text.statusSkipped, .dim)
        }
    }

    // MARK: - The field list

    private static func drawFieldList(_ frame: inout Frame, _ state: WizardState, top: Int, left: Int, width: Int,
                                      rows: Int, selection: Int?, _ cache: RenderCache) {
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
            x += cache.putLabel(state.fields[index].label, place: index, into: &frame, row: row, column: x, style: base,
                                limit: left + width - x)
            if highlighted { frame.paint(row: row, from: x, to: left + width, style: .selected) }
        }
    }

    // MARK: - The question, prompts and dialogs

    private static func drawBottom(_ frame: inout Frame, _ state: WizardState, _ layout: Layout, _ cache: RenderCache) {
        let columns = frame.size.columns
        drawKeys(&frame, keys(state), row: layout.keysRow)
        switch state.dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?:
            guard let (question, answer) = state.confirmation else { return }
            let questionLines = cache.lines(question, width: layout.textWidth, maxLines: 1 + layout.hintLines)
            for (k, line) in questionLines.enumerated() {
                frame.put(line, row: layout.headingRow + k, column: 1, style: .strong)
            }
            let answerLines = cache.lines(answer, width: layout.textWidth, maxLines: 1 + layout.noticeLines)
            for (k, line) in answerLines.enumerated() {
                frame.put(line, row: layout.editorRow + k, column: 1)
            }
            return
        case .saveName?:
            frame.put(state.text.saveAs, row: layout.headingRow, column: 1, style: .strong)
            let editor = state.fileEditor
            let x = layout.fileEditorColumn
            frame.put("> ", row: layout.editorRow, column: 0)
            frame.put(editor.visible(width: layout.fileEditorWidth), row: layout.editorRow, column: x)
            frame.cursor = (layout.editorRow, x + editor.cursorColumn)
            drawNotice(&frame, state, layout, cache)
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
            frame.put("  " + state.text.expectation(for: state.field, state.messages), row: layout.headingRow, column: x,
                      limit: columns - x)
            // The layout wrapped the hint to its most lines already: the same lines, unless they were cut.
            let wrapped = hintLines(state, width: layout.textWidth, max: Layout.maximumHintLines, cache)
            let hint = wrapped.count <= layout.hintLines ? wrapped
                : hintLines(state, width: layout.textWidth, max: layout.hintLines, cache)
            for (k, line) in hint.enumerated() {
                frame.put(line, row: layout.hintRow + k, column: 1)
            }
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
            drawNotice(&frame, state, layout, cache)
        case .review:
            if state.notice == nil, state.savedPaths.isEmpty {
                frame.put(state.text.saveHint(state.pendingFileName), row: layout.headingRow, column: 1, limit: columns - 1)
            }
            drawNotice(&frame, state, layout, cache)
        }
    }

    private static func drawNotice(_ frame: inout Frame, _ state: WizardState, _ layout: Layout, _ cache: RenderCache) {
        guard let (text, style) = notice(state) else { return }
        for (k, line) in cache.lines(text, width: layout.textWidth, maxLines: layout.noticeLines).enumerated() {
            frame.put(line, row: layout.noticeRow + k, column: 1, style: style)
        }
    }

    // MARK: - The hint and the notice

    /// The current field's hint, wrapped; at most `max` lines.
    private static func hintLines(_ state: WizardState, width: Int, max: Int, _ cache: RenderCache) -> [String] {
        guard max > 0, let hint = state.shownHint else { return [] }
        return cache.lines(hint, width: width, maxLines: max)
    }

    /// The notice line's text, and its style.
    private static func notice(_ state: WizardState) -> (String, Style)? {
        guard let line = state.noticeLine else { return nil }
        let style: Style = switch line.look {
        case .notice(.error): .error
        case .notice(.warning): .warning
        case .notice(.info): .strong
        case .offer: .dim
        }
        return (line.text, style)
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
