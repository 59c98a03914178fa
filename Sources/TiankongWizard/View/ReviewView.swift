import TiankongEngine

/// The review screen: the fields still to look at, what proof-reading finds in the report as it will
/// be saved, and the report itself from the selected finding's line on.
enum ReviewView {
    static func draw(_ frame: inout Frame, _ state: WizardState, _ layout: Layout, _ cache: RenderCache) {
        let items = state.reviewItems
        let findings = state.findings
        var row = layout.reportTop
        let width = layout.reportWidth
        let header = state.isProofreading ? state.text.reviewProofreading(problems: items.count)
            : items.isEmpty && findings.isEmpty ? state.text.reviewAllGood
            : state.text.reviewHeader(problems: items.count, findings: findings.count)
        frame.putFitting(" " + header, row: row, column: 0, style: .strong, limit: width)
        row += 1
        if items.isEmpty {
            let defaulted = state.defaultedFields.map { state.fields[$0] }
            let kept = defaulted.compactMap { field in state.reportAnswers[field.id].map { "\(field.label)“\($0)”" } }
            if !kept.isEmpty {
                for line in cache.lines(state.text.reviewDefaultsKept(kept), width: width - 2, maxLines: findings.isEmpty ? 2 : 1) {
                    frame.put(line, row: row, column: 1, limit: width - 1)
                    row += 1
                }
            }
        }
        let count = items.count + findings.count
        if count > 0 {
            let shown = min(count, max(1, layout.reportRows / 3))
            let first = max(0, min(state.reviewSelection - shown + 1, count - shown))
            for k in first..<(first + shown) {
                let selected = k == state.reviewSelection && state.dialog == nil
                var x = 1
                x += frame.put(selected ? "> " : "  ", row: row, column: x, style: selected ? .selected : .normal)
                if k < items.count {
                    drawItem(&frame, state, items[k], row: row, column: x, limit: width - x, selected: selected)
                } else {
                    drawFinding(&frame, state, findings[k - items.count], row: row, column: x, limit: width - x, selected: selected)
                }
                row += 1
            }
        }
        frame.fill(row: row, with: "─", to: width)
        frame.put(" \(state.text.reviewReport) ", row: row, column: 2, style: .strong)
        let marked = state.dialog == nil ? state.selectedFinding(items: items.count)?.finding : nil
        drawReport(&frame, state, rows: (row + 1)..<(layout.reportTop + layout.reportRows),
                   width: layout.reportTextWidth, marked: marked, cache)
    }

    /// The report from `reviewTop` on, with the characters of the selected finding marked as the
    /// selection is.
    private static func drawReport(_ frame: inout Frame, _ state: WizardState, rows: Range<Int>, width: Int, marked: Finding?,
                                   _ cache: RenderCache) {
        var row = rows.lowerBound
        var paragraph = state.reviewTop.paragraph
        var skip = state.reviewTop.line
        // The finding's characters, counted in the paragraph (its line in the report).
        let markedParagraph = marked.map { $0.line - 1 }
        let markedCharacters = marked.map { ($0.column - 1)..<($0.column - 1 + $0.found.unicodeScalars.count) } ?? 0..<0
        while row < rows.upperBound, paragraph < state.document.paragraphs.count {
            var passed = 0
            for (k, line) in ReportWrap.lines(state, paragraph: paragraph, width: width, cache: cache).enumerated() {
                if k >= skip, row < rows.upperBound {
                    var x = 1
                    for (i, piece) in line.enumerated() {
                        var piece = piece
                        if paragraph == markedParagraph, markedCharacters.contains(passed + i) { piece.cell.style = .selected }
                        frame.put(piece, row: row, column: x)
                        x += piece.width
                    }
                    row += 1
                }
                passed += line.count
            }
            skip = 0
            paragraph += 1
        }
    }

    /// The key help: Ctrl-R and Ctrl-T while there is a finding with a fix.
    static func keys(_ state: WizardState) -> [(String, String)] {
        var keys = state.text.reviewKeys
        if state.findings.contains(where: { $0.remedy != nil }) {
            keys.insert(contentsOf: [state.text.fixKey, state.text.fixAllKey], at: 1)
        } else if !state.findings.isEmpty {
            keys.insert(state.text.fixKey, at: 1)
        }
        return keys
    }

    /// "12. 未填 label  what is expected".
    private static func drawItem(_ frame: inout Frame, _ state: WizardState, _ item: ReviewItem, row: Int, column: Int,
                                 limit: Int, selected: Bool) {
        let field = state.fields[item.field]
        let numberWidth = String(state.fields.count).count
        let number = String(item.field + 1)
        var x = column
        x += frame.put(String(repeating: " ", count: numberWidth - number.count) + number + ". ", row: row,
                       column: x, style: selected ? .selected : .normal)
        let (word, style) = problemWord(state, item.problem)
        x += frame.put(word, row: row, column: x, style: style)
        frame.putFitting(" " + field.label + "  " + problemText(state, item), row: row, column: x,
                         style: selected ? .selected : .normal, limit: column + limit - x)
    }

    /// "第21行 原文 标点重复 “，。”改为“。” …上党课4次，。通过…": where, whose text (the template's or
    /// an answer's), the rule, the fix, and the words around it.
    private static func drawFinding(_ frame: inout Frame, _ state: WizardState, _ entry: ReportFinding, row: Int,
                                    column: Int, limit: Int, selected: Bool) {
        let words = state.text.findingRow(entry, state.messages)
        let end = column + limit
        let base: Style = selected ? .selected : .normal
        var x = column
        x += frame.put(words.line + " ", row: row, column: x, style: base, limit: end - x)
        x += frame.put(words.place, row: row, column: x, style: selected ? .selected : (entry.isTemplates ? .dim : .answer), limit: end - x)
        x += frame.put(" " + words.rule, row: row, column: x, style: selected ? .selected : .warning, limit: end - x)
        x += frame.putFitting(" " + words.fix + " ", row: row, column: x, style: base, limit: end - x)
        x += frame.putFitting(" " + words.excerpt, row: row, column: x, style: selected ? .selected : .dim, limit: end - x)
        if selected { frame.paint(row: row, from: x, to: end, style: .selected) }
    }

    private static func problemText(_ state: WizardState, _ item: ReviewItem) -> String {
        let field = state.fields[item.field]
        switch item.problem {
        case .missing: return state.text.expectation(for: field, state.messages)
        case .invalid(let failure): return state.messages.text(for: failure, field: field)
        case .ruleBroken(let message): return message
        case .warning(let warning): return state.messages.text(for: warning)
        }
    }

    private static func problemWord(_ state: WizardState, _ problem: ReviewItem.Problem) -> (String, Style) {
        switch problem {
        case .missing: return (state.text.statusEmpty, .blank)
        case .invalid: return (state.text.statusInvalid, .invalid)
        case .ruleBroken: return (state.text.statusRuleBroken, .invalid)
        case .warning: return (state.text.statusWarning, .warning)
        }
    }
}
