import Foundation
import Testing
import TiankongEngine
import TiankongTestSupport
@testable import TiankongWizard

/// After the last field the review lists what proof-reading finds in the report as it will be saved,
/// the template's own mistakes and those the answers made; Ctrl-R takes the selected one's safe fix.
@Suite("The review's proof-reading")
struct ReviewProofreadingTests {
    /// Every field of the bundled template answered (Tests/Fixtures/answers-complete.json).
    static func reviewed(_ change: (inout [(String, String)]) -> Void = { _ in }) throws -> Story {
        var story = try Story()
        var answers = try CompleteAnswers.load()
        change(&answers)
        for (_, answer) in answers { story.answer(answer) }
        return story
    }

    /// Presses Down until the selected row of the review's list contains `text`.
    static func select(_ text: String, in story: inout Story) {
        for _ in 0..<40 where !(story.selectedRow?.contains(text) ?? false) { story.press(.down) }
    }

    @Test("The template's doubled stop on the 党课 line is listed; Ctrl-R fixes it on screen and in the saved report")
    func doubledStop() throws {
        let folder = try TemporaryFolder()
        var story = try Self.reviewed()
        story.workingDirectory = folder.path
        #expect(story.state.screen == .review)
        // The template's 17 ASCII commas, its doubled stop and the 4 half-width brackets of (一) and (二).
        #expect(story.row(1) == " 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：")
        #expect(story.row(2).hasPrefix(" > 第3行 原文 半角标点 “,”改为“，”"))
        #expect(story.row(-1).contains("Ctrl-R 改正"))

        Self.select("标点重复", in: &story)
        #expect(story.selectedRow?.hasPrefix(" > 第5行 原文 标点重复 “，。”改为“。”") == true)
        // The report below shows the line, the two marks drawn as the selection is.
        let report = try #require((1..<24).first { story.row($0).contains("报告全文") })
        let marked = try #require(((report + 1)..<24).first { story.row($0).contains("上党课4次，。") })
        let column = try #require(story.row(marked).firstRange(of: "，。")).lowerBound
        let cell = DisplayWidth.of(String(story.row(marked)[..<column]))
        #expect(story.frame[marked, cell].style == .selected && story.frame[marked, cell + 2].style == .selected)
        #expect(story.frame[marked, cell + 4].style == .normal)

        story.press(.control("r"))
        #expect(story.row(-2) == " 已改正第 5 行：“，。”改为“。”")
        #expect(story.row(1) == " 全部填好了。校对发现 21 处，Ctrl-R 改正选中的一处：")
        let shown = ((report + 1)..<21).map { story.row($0) }.joined()
        #expect(!shown.contains("，。") && shown.contains("上党课4次。通过学习教育"))
        #expect(story.selectedRow?.hasPrefix(" > 第8行 原文 半角标点 “(”改为“（”") == true, "the next finding is selected")

        story.press(.control("s"))
        story.press(.enter)
        let saved = try String(contentsOfFile: folder.file("2020年党建工作总结（党组）.txt"), encoding: .utf8)
        let golden = String(decoding: try CompleteAnswers.report(), as: UTF8.self)
        #expect(golden.contains("上党课4次，。"))
        #expect(saved == golden.replacingOccurrences(of: "上党课4次，。", with: "上党课4次。"))
    }

    /// Every field answered, the first one "市财政局党组" kept after its warning.
    static func doubledWord() throws -> Story {
        var story = try Story()
        story.answer("市财政局党组")
        story.press(.enter)   // the warning seen, the answer kept as it is
        for (_, answer) in try CompleteAnswers.load().dropFirst() { story.answer(answer) }
        return story
    }

    @Test("\"党组党组\" kept at the field: its warning, and three findings made by answer 1; Ctrl-R writes the answer once")
    func doubledWordInAnAnswer() throws {
        var story = try Self.doubledWord()
        #expect(story.state.screen == .review)
        // "XXX党组坚持", "XXX党组工作", "XXX党组将" each print "党组党组"; "促进我XXX事业" does not.
        #expect(story.row(1) == " 还有 1 处需要看一下（回车去改），校对发现 25 处：")
        #expect(story.selectedRow?.hasPrefix(" >  1. 提醒 ＿＿党组坚持") == true)
        story.press(.down)
        #expect(story.selectedRow?.hasPrefix(" > 第3行 第1项 词语重复 “党组党组”改为“党组”") == true)
        story.press(.control("r"))
        #expect(story.state.answers["f1"] == "市财政局")
        #expect(story.state.status(0) == .answered)
        #expect(story.row(1) == " 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：")
        #expect(story.screen.contains("今年以来，市财政局党组坚持"))
    }

    @Test("Ctrl-R on the field's warning takes its suggestion, as it does at the field")
    func warningSuggestion() throws {
        var story = try Self.doubledWord()
        story.press(.control("r"))
        #expect(story.state.answers["f1"] == "市财政局")
        #expect(story.row(-2) == " 第 1 项已改为“市财政局”")
        #expect(story.row(1) == " 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：")
    }

    @Test("Enter on a finding: an answer's goes to its field; the template's says Ctrl-R fixes it")
    func enterOnAFinding() throws {
        var story = try Self.doubledWord()
        story.press(.down, .down)
        #expect(story.selectedRow?.contains("第3行 原文 半角标点") == true)
        story.press(.enter)
        #expect(story.state.screen == .review)
        #expect(story.row(-2) == " 这一处在模板原文里，按 Ctrl-R 改正。")
        story.press(.up)
        story.press(.enter)
        #expect(story.state.screen == .editing && story.fieldNumber == 1)
    }

    @Test("In a Word template the template's own words are not changed: Ctrl-R says to fix them in Word")
    func wordTemplate() throws {
        var story = try Self.reviewed()
        story.state.correctsTemplateWords = false
        story.press(.control("r"))
        #expect(story.row(-2) == " Word 模板的原文照原样保存，这一处请在 Word 里改。")
        #expect(story.state.corrections.isEmpty && story.state.findings.count == 22)
    }

    @Test("A finding without a safe fix stays listed; Ctrl-R says a person must look")
    func headingOutOfOrder() throws {
        let template = try Template(bytes: Array("工作总结\n一、学习X次\n三、工作\n".utf8), source: "t.txt")
        var story = Story(template: template)
        story.answer("3")
        #expect(story.state.screen == .review)
        #expect(story.selectedRow?.hasPrefix(" > 第3行 原文 标题序号 “三、”前后序号不连续，应为“二、”") == true)
        story.press(.control("r"))
        #expect(story.row(-2) == " 这一处要您自己判断，不能自动改正；请在保存的报告里核对。")
        #expect(story.state.findings.count == 1)
    }

    @Test("Ctrl-T takes every safe fix at once: the template's 22 and the answer that printed 党组党组")
    func fixEverything() throws {
        let folder = try TemporaryFolder()
        var story = try Self.doubledWord()
        story.workingDirectory = folder.path
        #expect(story.row(-1).contains("Ctrl-T 全部改正"))
        story.press(.control("t"))
        // 17 ASCII commas, 4 brackets and the doubled stop in the template's words; answer 1 once.
        #expect(story.row(-2) == " 已改正 23 处")
        #expect(story.state.answers["f1"] == "市财政局")
        #expect(story.row(1) == " 全部填好了。按 Ctrl-S 保存。")
        #expect(!story.row(-1).contains("Ctrl-R") && !story.row(-1).contains("Ctrl-T"))

        story.press(.control("s"))
        story.press(.enter)
        let saved = try String(contentsOfFile: folder.file("2020年党建工作总结（党组）.txt"), encoding: .utf8)
        let golden = String(decoding: try CompleteAnswers.report(), as: UTF8.self)
        #expect(golden.filter { $0 == "," }.count == 17 && golden.filter { "()".contains($0) }.count == 4)
        let fixed = golden.replacingOccurrences(of: "，。", with: "。").replacingOccurrences(of: ",", with: "，")
            .replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
        #expect(saved == fixed)
    }

    @Test("After Ctrl-T the review's report reads as the saved one, line for line")
    func fixedDocumentReadsAsTheReport() throws {
        var story = try Self.doubledWord()
        story.press(.control("t"))
        let state = story.state
        let lines = state.document.paragraphs.indices.map { p in
            state.document.paragraphs[p].map { run in
                switch run {
                case .text(let range): return state.document.string(range)
                case .blank(let index): return state.shows(blank: index).text
                }
            }.joined()
        }
        let saved = String(decoding: Report.utf8(template: state.template, answers: state.reportAnswers,
                                                 corrections: state.corrections), as: UTF8.self)
        #expect(lines == saved.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
    }

    @Test("Ctrl-T with nothing a program may fix says so and changes nothing")
    func fixEverythingWithNothingSafe() throws {
        let template = try Template(bytes: Array("工作总结\n一、学习X次\n三、工作\n".utf8), source: "t.txt")
        var story = Story(template: template)
        story.answer("3")
        story.press(.control("t"))
        #expect(story.row(-2) == " 没有可以自动改正的；其余的要您自己判断。")
        #expect(story.state.findings.count == 1 && story.state.corrections.isEmpty)
    }

    @Test("Proof-reading is the session's work: the review says 校对中… until the findings of its last request come")
    func proofreadingOffTheMainThread() throws {
        var story = try Story()
        let answers = try CompleteAnswers.load()
        for (_, answer) in answers.dropLast() { story.answer(answer) }
        story.type(answers.last!.1)
        let effects = Reducer.reduce(&story.state, .nextField)
        guard case .proofread(let request)? = effects.last else {
            Issue.record("no proof-reading asked for: \(effects)")
            return
        }
        #expect(story.state.screen == .review && story.state.isProofreading)
        #expect(story.row(1) == " 全部填好了。校对中…")
        #expect(!story.row(-1).contains("Ctrl-R"))
        // Findings for an earlier request are old: not shown.
        Reducer.reduce(&story.state, .proofreadFinished(ProofreadResult(generation: request.generation - 1, findings: [])))
        #expect(story.state.isProofreading && story.row(1) == " 全部填好了。校对中…")
        Reducer.reduce(&story.state, .proofreadFinished(request.run(on: story.state.template)))
        #expect(!story.state.isProofreading)
        #expect(story.row(1) == " 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：")
        #expect(story.row(-1).contains("Ctrl-R 改正"))
    }
}

extension Story {
    /// The review list's selected row, the one starting " > ".
    var selectedRow: String? {
        let frame = self.frame
        return (1..<state.size.rows).map { frame.line($0) }.first { $0.hasPrefix(" > ") }
    }
}
