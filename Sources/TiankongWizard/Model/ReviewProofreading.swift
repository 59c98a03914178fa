import TiankongEngine

/// The review's proof-reading: what the engine finds in the report as it will be saved, listed after
/// the fields to look at, and Ctrl-R to take the selected finding's safe fix.
extension WizardState {
    /// The finding the review's selection is on, when it is past the `items` fields to look at.
    public func selectedFinding(items: Int) -> ReportFinding? {
        let k = reviewSelection - items
        return k >= 0 && k < findings.count ? findings[k] : nil
    }
}

extension Reducer {
    /// Proof-reads the report as it will be saved, with the fixes taken so far.
    static func proofread(_ state: inout WizardState) {
        state.findings = Proofreader.reportFindings(template: state.template, values: state.reportAnswers,
                                                    corrections: state.corrections)
    }

    /// Ctrl-R on the review: takes the selected warning's suggestion, or makes the selected finding's safe fix, in the answer that made it or in the
    /// template's words, and proof-reads again; the selection stays in place, on the next finding.
    static func takeFix(_ state: inout WizardState, items: [ReviewItem]) {
        if state.reviewSelection < items.count {
            takeSuggestion(&state, for: items[state.reviewSelection])
            return
        }
        guard let selected = state.selectedFinding(items: items.count) else { return }
        let finding = selected.finding
        switch selected.remedy {
        case nil:
            let reason = finding.isAppliedAutomatically ? state.text.fixCrossesAnswer : state.text.fixNeedsAPerson
            state.notice = Notice(kind: .warning, text: reason)
            return
        case .words(let edit):
            guard state.correctsTemplateWords else {
                state.notice = Notice(kind: .warning, text: state.text.fixNotInWordTemplate)
                return
            }
            guard state.corrections.add(edit) else { return }
            state.document = ReportDocument(template: state.template, corrections: state.corrections)
        case .answer(let field, let value):
            let id = state.fields[field].id
            state.answers[id] = value
            state.verdicts[id] = Validation.check(value, for: state.fields[field], answers: state.answers)
        }
        proofread(&state)
        let total = state.reviewItems.count + state.findings.count
        state.reviewSelection = min(state.reviewSelection, max(0, total - 1))
        state.notice = Notice(kind: .info, text: state.text.fixTaken(line: finding.line, state.messages.text(for: finding)))
        // The report stays where it was, to show the fix; it follows the selection again when that moves.
        scrollReview(&state, by: 0)
    }

    /// Ctrl-R on a field's warning that suggests another answer ("党组党组"): the suggestion is the answer.
    private static func takeSuggestion(_ state: inout WizardState, for item: ReviewItem) {
        guard case .warning(let warning) = item.problem, let suggestion = warning.suggestion, !suggestion.isEmpty else { return }
        let field = state.fields[item.field]
        state.answers[field.id] = suggestion
        state.verdicts[field.id] = Validation.check(suggestion, for: field, answers: state.answers)
        proofread(&state)
        state.notice = Notice(kind: .info, text: state.text.suggestionTaken(field: item.field + 1, suggestion))
    }

    /// Enter on a finding: to the field whose answer made it; for the template's own words, what to do.
    static func goToFinding(_ state: inout WizardState, items: Int) {
        guard let selected = state.selectedFinding(items: items) else { return }
        if let field = selected.fields.first {
            enter(&state, field)
        } else if selected.remedy != nil, state.correctsTemplateWords {
            state.notice = Notice(kind: .info, text: state.text.findingInTemplate)
        } else {
            state.notice = Notice(kind: .info, text: state.text.fixNeedsAPerson)
        }
    }

    /// Scrolls the review's report to the selected finding's line, with the line before it above.
    static func showSelectedFinding(_ state: inout WizardState, items: Int) {
        guard let finding = state.selectedFinding(items: items)?.finding else { return }
        let paragraphs = state.document.paragraphs.count
        guard paragraphs > 0 else { return }
        let paragraph = min(max(0, finding.line - 1), paragraphs - 1)
        // The wrapped line the finding starts on: its characters counted through the lines.
        var line = 0, passed = 0
        for wrapped in ReportWrap.lines(state, paragraph: paragraph, width: Layout(state).reportTextWidth) {
            if passed + wrapped.count >= finding.column { break }
            passed += wrapped.count
            line += 1
        }
        state.reviewTop = ReportPosition(paragraph: paragraph, line: line)
        scrollReview(&state, by: -1)
    }
}
