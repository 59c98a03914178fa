import TiankongEngine

/// The report as it will be saved, for the session to proof-read on its worker.
public struct ProofreadRequest: Sendable, Equatable {
    /// Which request this is: findings for an earlier one are not shown.
    public var generation: Int
    public var values: [String: String]
    public var corrections: TemplateCorrections

    /// What proof-reading finds: the slow part, run off the main thread.
    public func run(on template: Template) -> ProofreadResult {
        ProofreadResult(generation: generation,
                        findings: Proofreader.reportFindings(template: template, values: values, corrections: corrections))
    }
}

/// What proof-reading found for one request.
public struct ProofreadResult: Sendable, Equatable {
    public var generation: Int
    public var findings: [ReportFinding]
}

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
    /// Asks for the report as it will be saved, with the fixes taken so far, to be proof-read: the
    /// findings are gone until the answer comes (the review says "校对中…").
    /// - Parameter showFirst: scroll the report to the first finding when they come (the review opens).
    static func proofread(_ state: inout WizardState, showFirst: Bool = false) {
        state.findings = []
        state.proofreadGeneration += 1
        state.isProofreading = true
        state.showFirstFinding = showFirst
        state.proofreadWanted = true
    }

    /// The effect a transition that asked for proof-reading ends with.
    static func proofreadEffect(_ state: inout WizardState) -> Effect? {
        guard state.proofreadWanted else { return nil }
        state.proofreadWanted = false
        return .proofread(ProofreadRequest(generation: state.proofreadGeneration, values: state.reportAnswers,
                                           corrections: state.corrections))
    }

    /// The findings come: shown when they answer the last request, the selection kept in the list.
    static func finishProofreading(_ state: inout WizardState, _ result: ProofreadResult) {
        guard result.generation == state.proofreadGeneration, state.isProofreading else { return }
        state.isProofreading = false
        state.findings = result.findings
        let items = state.reviewItems.count
        state.reviewSelection = min(state.reviewSelection, max(0, items + state.findings.count - 1))
        if state.showFirstFinding, state.screen == .review { showSelectedFinding(&state, items: items) }
        state.showFirstFinding = false
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
            takeAnswer(&state, field: field, value)
        }
        proofread(&state)
        state.notice = Notice(kind: .info, text: state.text.fixTaken(line: finding.line, state.messages.text(for: finding)))
        // The report stays where it was, to show the fix; it follows the selection again when that moves.
        scrollReview(&state, by: 0)
    }

    /// Ctrl-T on the review: every safe fix of the findings at once, then proof-reads again. An answer
    /// takes one fix a round (each was worked out from the answer as it was); what is left is listed again.
    static func takeAllFixes(_ state: inout WizardState) {
        guard !state.isProofreading else { return }
        var taken = 0, wordsTaken = false, answered = Set<Int>()
        for entry in state.findings {
            switch entry.remedy {
            case .words(let edit)?:
                guard state.correctsTemplateWords, state.corrections.add(edit) else { continue }
                wordsTaken = true
            case .answer(let field, let value)?:
                guard answered.insert(field).inserted else { continue }
                takeAnswer(&state, field: field, value)
            case nil:
                continue
            }
            taken += 1
        }
        guard taken > 0 else {
            state.notice = Notice(kind: .warning, text: state.text.noSafeFixes)
            return
        }
        if wordsTaken { state.document = ReportDocument(template: state.template, corrections: state.corrections) }
        proofread(&state)
        state.notice = Notice(kind: .info, text: state.text.fixesTaken(taken))
        scrollReview(&state, by: 0)
    }

    /// Ctrl-R on a field's warning that suggests another answer ("党组党组"): the suggestion is the answer.
    private static func takeSuggestion(_ state: inout WizardState, for item: ReviewItem) {
        guard case .warning(let warning) = item.problem, let suggestion = warning.suggestion, !suggestion.isEmpty else { return }
        takeAnswer(&state, field: item.field, suggestion)
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
        for length in ReportLines.lengths(state, paragraph: paragraph, width: Layout(state).reportTextWidth) {
            if passed + length >= finding.column { break }
            passed += length
            line += 1
        }
        state.reviewTop = ReportPosition(paragraph: paragraph, line: line)
        scrollReview(&state, by: -1)
    }
}
