import TiankongEngine

/// The words of the review's proof-reading.
extension WizardText {
    private func t(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    /// The review's first line when something is listed: fields to look at, findings, or both.
    public func reviewHeader(problems: Int, findings: Int) -> String {
        if findings == 0 { return reviewProblems(problems) }
        if problems == 0 {
            return t("全部填好了。校对发现 \(findings) 处，Ctrl-R 改正选中的一处：",
                     "Every field is answered. Proof-reading found \(findings); Ctrl-R fixes the one selected:")
        }
        return t("还有 \(problems) 处需要看一下（回车去改），校对发现 \(findings) 处：",
                 "\(problems) to look at (Enter goes there); proof-reading found \(findings):")
    }
    /// The review's first line while proof-reading runs.
    public func reviewProofreading(problems: Int) -> String {
        problems == 0 ? t("全部填好了。校对中…", "Every field is answered. Proof-reading…")
                      : t("还有 \(problems) 处需要看一下（回车去改），校对中…", "\(problems) to look at (Enter goes there); proof-reading…")
    }
    public var fixKey: (String, String) { ("Ctrl-R", t("改正", "fix")) }
    public var fixAllKey: (String, String) { ("Ctrl-T", t("全部改正", "fix all")) }
    public func fixesTaken(_ count: Int) -> String { t("已改正 \(count) 处", "Fixed \(count)") }
    public var noSafeFixes: String {
        t("没有可以自动改正的；其余的要您自己判断。", "Nothing here can be fixed by itself; the rest need a person.")
    }
    public func findingLine(_ line: Int) -> String { t("第\(line)行", "line \(line)") }
    /// A finding's words as the review lists them, the plain mode too.
    public func findingRow(_ entry: ReportFinding, _ messages: Messages) -> FindingRow {
        FindingRow(line: findingLine(entry.finding.line),
                   place: entry.fields.first.map { findingInAnswer($0 + 1) } ?? findingInWords,
                   rule: messages.name(of: entry.finding.rule), fix: messages.text(for: entry.finding),
                   excerpt: entry.finding.excerpt)
    }
    /// The plain mode's line before the findings: how many, and that their fixes were not made.
    public func plainFindingsTitle(_ count: Int, fixable: Int) -> String {
        fixable == 0 ? t("校对发现 \(count) 处：", "Proof-reading found \(count):")
            : t("校对发现 \(count) 处，其中 \(fixable) 处可以自动改正，这里没有改（保存后可用 tiankong check --fix 改正）：",
                "Proof-reading found \(count); \(fixable) could be fixed by themselves and were not (tiankong check --fix fixes them in the saved report):")
    }
    /// Where a finding lies: the template's own words, or the answer of field `number`.
    public var findingInWords: String { t("原文", "text") }
    public func findingInAnswer(_ number: Int) -> String { t("第\(number)项", "field \(number)") }
    public func fixTaken(line: Int, _ what: String) -> String { t("已改正第 \(line) 行：\(what)", "Fixed on line \(line): \(what)") }
    public func suggestionTaken(field number: Int, _ answer: String) -> String {
        t("第 \(number) 项已改为“\(answer)”", "Field \(number) is now “\(answer)”")
    }
    public var fixNeedsAPerson: String {
        t("这一处要您自己判断，不能自动改正；请在保存的报告里核对。", "This one needs a person, not a fix; check it in the saved report.")
    }
    public var fixCrossesAnswer: String {
        t("这一处连着答案和模板原文，不能自动改正；按回车去改答案。", "This one spans an answer and the template's words; Enter goes to the answer.")
    }
    public var fixNotInWordTemplate: String {
        t("Word 模板的原文照原样保存，这一处请在 Word 里改。", "A Word template's own words are saved as they are; fix this one in Word.")
    }
    public var findingInTemplate: String {
        t("这一处在模板原文里，按 Ctrl-R 改正。", "This one is in the template's own words; Ctrl-R fixes it.")
    }
}

/// One finding's row on the review: "第5行 原文 标点重复 “，。”改为“。”  …上党课4次，。通过…".
public struct FindingRow: Sendable, Equatable {
    /// Where it is ("第5行").
    public var line: String
    /// Whose words: the template's ("原文") or an answer's ("第1项").
    public var place: String
    public var rule: String
    /// What is wrong and the fix.
    public var fix: String
    /// The words around it.
    public var excerpt: String

    /// The row as one line of text.
    public var text: String { "\(line) \(place) \(rule) \(fix)  \(excerpt)" }
}
