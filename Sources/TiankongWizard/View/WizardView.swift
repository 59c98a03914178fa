import TiankongEngine
import Synchronization

/// Turns the state and the screen size into a frame. Pure: the same state and size give the same frame.
public enum WizardView {
    public static func frame(_ state: WizardState, size: Size) -> Frame {
        var frame = Frame(size: size)
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
        case .editing: drawEditing(&frame, state, layout)
        case .review: ReviewView.draw(&frame, state, layout)
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

    private static func drawEditing(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        let rows = ReportWrap.rows(around: state, width: layout.reportTextWidth, count: layout.reportRows)
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
            x += LabelCells.put(state.fields[index].label, place: index, into: &frame, row: row, column: x, style: base,
                                limit: left + width - x)
            if highlighted { frame.paint(row: row, from: x, to: left + width, style: .selected) }
        }
    }

    // MARK: - The question, prompts and dialogs

    private static func drawBottom(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        let columns = frame.size.columns
        drawKeys(&frame, keys(state), row: layout.keysRow)
        switch state.dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?:
            guard let (question, answer) = confirmation(state) else { return }
            let questionLines = TextWrap.lines(question, width: layout.textWidth, maxLines: 1 + layout.hintLines)
            for (k, line) in questionLines.enumerated() {
                frame.put(line, row: layout.headingRow + k, column: 1, style: .strong)
            }
            let answerLines = TextWrap.lines(answer, width: layout.textWidth, maxLines: 1 + layout.noticeLines)
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
            frame.put("  " + state.text.expectation(for: state.field, state.messages), row: layout.headingRow, column: x,
                      limit: columns - x)
            // The layout wrapped the hint to its most lines already: the same lines, unless they were cut.
            let wrapped = hintLines(state, width: layout.textWidth, max: Layout.maximumHintLines)
            let hint = wrapped.count <= layout.hintLines ? wrapped : hintLines(state, width: layout.textWidth, max: layout.hintLines)
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
            drawNotice(&frame, state, layout)
        case .review:
            if state.notice == nil, state.savedPaths.isEmpty {
                frame.put(state.text.saveHint(state.pendingFileName), row: layout.headingRow, column: 1, limit: columns - 1)
            }
            drawNotice(&frame, state, layout)
        }
    }

    private static func drawNotice(_ frame: inout Frame, _ state: WizardState, _ layout: Layout) {
        guard let (text, style) = notice(state) else { return }
        for (k, line) in TextWrap.lines(text, width: layout.textWidth, maxLines: layout.noticeLines).enumerated() {
            frame.put(line, row: layout.noticeRow + k, column: 1, style: style)
        }
    }

    // MARK: - Room for the hint and the notice

    /// A confirmation's question, and what to answer: the resume question and its detail, or a
    /// yes-or-no question and "(Y/N)".
    static func confirmation(_ state: WizardState) -> (String, String)? {
        switch state.dialog {
        case .resume(let count)?: return (state.text.resumeTitle, state.text.resumeDetail(count))
        case .confirmQuit?: return (state.text.quitQuestion, "(Y/N)")
        case .confirmBlanks(let count, let rules, _)?: return (state.text.blanksLeft(count, rules: rules), "(Y/N)")
        case .confirmOverwrite(_, let existing)?: return (state.text.overwrite(existing), "(Y/N)")
        default: return nil
        }
    }

    /// Whether the bottom shows the current field's question (and so its hint).
    static func showsQuestion(_ state: WizardState) -> Bool {
        guard state.screen == .editing else { return false }
        switch state.dialog {
        case nil, .fieldList?, .help?: return true
        default: return false
        }
    }

    /// The current field's hint, wrapped; at most `max` lines.
    static func hintLines(_ state: WizardState, width: Int, max: Int = 3) -> [String] {
        guard max > 0, showsQuestion(state), let hint = state.field.hint, !hint.isEmpty else { return [] }
        return TextWrap.lines(hint, width: width, maxLines: max)
    }

    /// What the notice line says, and how: the notice, or else the answer offered for an empty field.
    static func notice(_ state: WizardState) -> (String, Style)? {
        switch state.dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?: return nil
        default: break
        }
        if let notice = state.notice {
            let style: Style = switch notice.kind {
            case .error: .error
            case .warning: .warning
            case .info: .strong
            }
            return (notice.text, style)
        }
        if state.dialog != .saveName, state.screen == .editing, state.editor.isEmpty, let offer = state.offer(for: state.current) {
            return (state.text.offer(offer), .dim)
        }
        return nil
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

/// The field list's labels (" " and the label, cut with "…" to the room there is) as cells, kept per
/// field: the list is drawn again at every keystroke and its labels seldom change. Measuring and
/// cutting them was a quarter of the keystroke's view. Looked up by the field's place in an array, not
/// a dictionary: a new kind of Hashable key has the Swift runtime scan every conformance on first use.
private enum LabelCells {
    private struct Entry {
        var label: String
        var limit: Int
        var style: Style
        var cells: [Cell]
    }

    private static let kept = Mutex<[Entry?]>([])

    /// Puts the label at (row, column) of a part of the frame not drawn on yet; returns its width.
    static func put(_ label: String, place: Int, into frame: inout Frame, row: Int, column: Int, style: Style,
                    limit: Int) -> Int {
        guard limit > 0, place >= 0, row >= 0, row < frame.size.rows, column >= 0, column < frame.size.columns else { return 0 }
        let limit = min(limit, frame.size.columns - column)
        return kept.withLock { kept in
            if place < kept.count, let entry = kept[place], entry.limit == limit, entry.style == style, entry.label == label {
                for (k, cell) in entry.cells.enumerated() { frame[row, column + k] = cell }
                return entry.cells.count
            }
            // Not kept yet (or changed): measured and cut as any text is, then kept as the cells it became.
            let width = frame.putFitting(" " + label, row: row, column: column, style: style, limit: limit)
            guard place < 10_000 else { return width }  // a template with that many fields: not worth keeping
            let start = row * frame.size.columns + column
            if kept.count <= place {
                kept += Array(repeating: nil, count: max(place + 1, 2 * kept.count, 32) - kept.count)
            }
            kept[place] = Entry(label: label, limit: limit, style: style, cells: Array(frame.cells[start..<(start + width)]))
            return width
        }
    }
}

extension Layout {
    /// Hints and notices wrap to at most this many lines.
    static let maximumHintLines = 3
    static let maximumNoticeLines = 3

    /// The layout for a state: room for the current field's hint and for the notice, as long as the
    /// report keeps `minimumReportRows` rows (the notice wins over the hint).
    public init(_ state: WizardState, size: Size? = nil) {
        let size = size ?? state.size
        let base = Layout(size)
        var spare = max(0, base.reportRows - Layout.minimumReportRows)
        if let (question, answer) = WizardView.confirmation(state) {
            // The question wraps down from the question row; its answer from the editor's row.
            let below = min(Layout.maximumNoticeLines, 1 + spare, max(1, TextWrap.count(answer, width: base.textWidth) - 1))
            spare -= below - 1
            let above = min(spare, Layout.maximumHintLines, TextWrap.count(question, width: base.textWidth) - 1)
            self.init(size, hintLines: above, noticeLines: below)
            return
        }
        var notice = 1
        if let (text, _) = WizardView.notice(state) {
            notice = min(Layout.maximumNoticeLines, 1 + spare, max(1, TextWrap.count(text, width: base.textWidth)))
        }
        spare -= notice - 1
        let hint = min(spare, WizardView.hintLines(state, width: base.textWidth, max: Layout.maximumHintLines).count)
        self.init(size, hintLines: hint, noticeLines: notice)
    }
}
