import Foundation
import Testing
import TiankongEngine
@testable import TiankongWizard

/// The wizard as a user meets it: given the bundled template, when these keys, then this screen.
@Suite("Filling in the bundled report")
struct WizardStoryTests {
    @Test("The first screen at 80×24: the report, the first question, the key help")
    func firstScreen() throws {
        let story = try Story()
        let expected = Snapshot.expected("first-screen-80x24", actual: story.screen)
        if let expected { #expect(story.screen == expected) }
        #expect(story.row(0).hasPrefix(" 填空 · 2020年党建工作总结（党组）"))
        #expect(story.row(0).hasSuffix("已填 0/18"))
        #expect(story.row(-4) == " 第 1/18 项  ＿＿党组坚持以习近平…  文字，如单位名称")
        #expect(story.row(-1).hasPrefix(" F1 帮助  回车 下一项"))
        #expect(story.cursor! == (21, 2))
    }

    @Test("The answer being typed shows in the report at once, and the cursor follows its width")
    func typing() throws {
        var story = try Story()
        story.type("市财政局")
        #expect(story.screen.contains("今年以来，市财政局党组坚持"))
        #expect(story.cursor! == (21, 10))
        #expect(story.state.answers["f1"] == "市财政局")
    }

    @Test("Thirteen is not a month: the error is shown, the field kept, the correction accepted")
    func wrongMonth() throws {
        var story = try Story()
        story.press(.control("g"))
        for _ in 0..<13 { story.press(.down) }
        story.press(.enter)
        #expect(story.fieldNumber == 14)
        story.answer("13")
        #expect(story.fieldNumber == 14)
        #expect(story.row(-2) == " 月份应在 1–12 之间")
        #expect(story.state.answers["f14"] == "13")
        story.press(.backspace)
        #expect(story.row(-2) == "", "any key clears the error")
        story.press(.backspace)
        story.answer("3月")
        #expect(story.fieldNumber == 15)
        #expect(story.state.verdicts["f14"]?.value == "3")
    }

    @Test("Shift-Tab goes back without checking; the invalid answer is kept and marked")
    func backWithoutChecking() throws {
        var story = try Story(size: Size(columns: 120, rows: 30))
        story.answer("市财政局")
        story.type("很多")
        story.press(.backTab)
        #expect(story.fieldNumber == 1)
        #expect(story.state.editor.text == "市财政局")
        #expect(story.state.answers["f2"] == "很多")
        #expect(story.screen.contains("  2 有误 党组扩大会议学习＿＿次"))
        story.press(.tab)
        story.press(.tab)
        #expect(story.fieldNumber == 2, "the invalid answer stops Enter and Tab")
        #expect(story.row(-2).hasPrefix(" 不是数字"))
    }

    @Test("Two blanks that may be one place are asked apart; the second offers “与第 1 项相同” and Enter takes it")
    func mayBeTheSame() throws {
        let letter = try Template(bytes: Array("介绍信\n兹介绍我单位同志前往XX县，\n联系工作后返回XX县，请予接洽。\n".utf8), source: "介绍信.txt")
        var story = Story(template: letter)
        #expect(story.state.fields.count == 2, "not evidence enough to print one answer twice")
        story.answer("平和")
        #expect(story.fieldNumber == 2)
        #expect(story.state.editor.text.isEmpty, "nothing is copied before the user says so")
        #expect(story.row(-2).contains("与第 1 项相同？回车采用“平和”"))
        story.press(.enter)
        #expect(story.state.answers["f2"] == "平和")
    }

    @Test("The earlier answer to the same XXX is offered dimmed and taken with Enter or Right")
    func earlierAnswer() throws {
        var story = try Story()
        story.answer("市财政局")
        story.press(.control("g"))
        for _ in 0..<17 { story.press(.down) }
        story.press(.enter)
        #expect(story.fieldNumber == 18)
        #expect(story.row(-3) == "> 市财政局")
        #expect(story.frame[story.state.size.rows - 3, 2].style == .dim)
        #expect(story.row(-2).contains("与第 1 项相同？回车采用“市财政局”"))
        story.type("市")
        story.press(.right)
        #expect(story.state.editor.text == "市财政局")
        story.press(.control("u"))
        story.press(.enter)
        #expect(story.state.answers["f18"] == "市财政局")
        #expect(story.state.screen == .review)
    }

    @Test("A doubled word is a warning: stay once, Ctrl-R takes the suggestion")
    func doubledWord() throws {
        var story = try Story()
        story.answer("市财政局党组")
        #expect(story.fieldNumber == 1)
        #expect(story.row(-3).contains("会印成“党组党组”"))
        #expect((story.row(-3) + story.row(-2).dropFirst()).hasSuffix("再按回车保留原样"), "the notice wraps rather than lose its end")
        story.press(.control("r"))
        #expect(story.state.editor.text == "市财政局")
        story.press(.enter)
        #expect(story.fieldNumber == 2)
        var stubborn = try Story()
        stubborn.answer("市财政局党组")
        stubborn.press(.enter)
        #expect(stubborn.fieldNumber == 2, "Enter again keeps it as it is")
        #expect(stubborn.state.status(0) == .warning)
    }

    @Test("Every field answered: the review, then Ctrl-S, the default name, and the golden report")
    func fillAndSave() throws {
        var story = try Story()
        for (_, answer) in try CompleteAnswers.load() { story.answer(answer) }
        #expect(story.state.screen == .review)
        #expect(story.row(0).hasSuffix("已填 18/18"))
        // Every field is answered; proof-reading finds the template's own 22 mistakes (see ReviewProofreadingTests).
        #expect(story.row(1) == " 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：")
        story.press(.control("s"))
        #expect(story.row(-3) == "> 2020年党建工作总结（党组）.docx")
        story.press(.enter)
        #expect(story.effects == [.writeReport(path: "2020年党建工作总结（党组）.docx", overwrite: false)])
        let bytes = Report.bytes(template: story.state.template, answers: story.state.reportAnswers)
        #expect(bytes == (try CompleteAnswers.report()))

        Reducer.reduce(&story.state, .saveFinished(.exists(path: "2020年党建工作总结（党组）.docx",
                                                            existing: ["2020年党建工作总结（党组）.docx", "2020年党建工作总结（党组）.txt"])))
        #expect(story.row(-4) == " 2020年党建工作总结（党组）.docx 和 .txt 已存在。覆盖它们吗？")
        story.effects = []
        story.press(.character("y"))
        #expect(story.effects == [.writeReport(path: "2020年党建工作总结（党组）.docx", overwrite: true)])
        Reducer.reduce(&story.state, .saveFinished(.saved(fullPaths: ["/home/u/2020年党建工作总结（党组）.docx",
                                                                      "/home/u/2020年党建工作总结（党组）.txt"])))
        #expect(story.row(-3) == " 已保存：/home/u/2020年党建工作总结（党组）.docx")
        #expect(story.row(-2) == "         /home/u/2020年党建工作总结（党组）.txt")
    }

    @Test("Saving with blanks left asks first")
    func blanksLeft() throws {
        var story = try Story()
        story.answer("市财政局")
        story.press(.control("s"))
        story.press(.enter)
        #expect(story.effects.isEmpty)
        #expect(story.row(-4).contains("还有 17 项没有填好"))
        story.press(.character("n"))
        #expect(story.state.dialog == .saveName)
        story.press(.enter)
        story.press(.character("y"))
        #expect(story.effects == [.writeReport(path: "2020年党建工作总结（党组）.docx", overwrite: false)])
    }

    @Test("Below 60×16 a please-enlarge screen; back to size, nothing lost")
    func tooSmall() throws {
        var story = try Story()
        story.answer("市财政局")
        story.type("1")
        story.resize(40, 10)
        #expect(story.screen.contains("请放大终端窗口"))
        #expect(story.screen.contains("至少 60×16，现在 40×10"))
        story.type("2")
        story.resize(60, 16)
        #expect(story.row(-3) == "> 12")
        #expect(story.state.answers == ["f1": "市财政局", "f2": "12"])
        let expected = Snapshot.expected("second-field-60x16", actual: story.screen)
        if let expected { #expect(story.screen == expected) }
    }

    @Test("Wide screens show the field list beside the report")
    func sidePanel() throws {
        var story = try Story(size: Size(columns: 120, rows: 30))
        story.answer("市财政局")
        let expected = Snapshot.expected("side-panel-120x30", actual: story.screen)
        if let expected { #expect(story.screen == expected) }
        #expect(story.row(1).hasSuffix("│ 填写项  已填 1/18"))
    }

    @Test("The field list shows each template's own titles when two are drawn in turn, at two widths")
    func fieldListTitlesFollowTheTemplate() throws {
        let plain = try Story(size: Size(columns: 120, rows: 30))
        let curated = try Story(size: Size(columns: 120, rows: 30), schema: true)
        let narrow = try Story(size: Size(columns: 104, rows: 30), schema: true)
        for _ in 0..<2 {
            for story in [plain, curated, narrow] {
                let frame = WizardView.frame(story.state, size: story.state.size, cache: story.cache)
                let list = (2..<(2 + 10)).map { frame.line($0) }
                for k in 0..<10 {
                    let label = story.state.fields[k].label
                    // The row ends with the title, whole or cut with "…" (titles have no spaces in them).
                    let shown = String(try #require(list[k].split(separator: " ").last))
                    #expect(shown == label || (shown.hasSuffix("…") && label.hasPrefix(shown.dropLast())), "\(label) / \(shown)")
                }
            }
        }
        #expect(plain.state.fields[1].label != curated.state.fields[1].label)
    }

    @Test("On a very wide screen the report keeps its reading width and the list stands right beside it, titles whole")
    func veryWideScreen() throws {
        var story = try Story(size: Size(columns: 200, rows: 50), schema: true)
        story.answer("2021")
        let frame = WizardView.frame(story.state, size: story.state.size, cache: story.cache)
        // The rule between the two panes comes right after the report's 96 columns and margins.
        #expect(frame.character(2, 96 + 3) == "│")
        #expect((1...96 + 2).allSatisfy { frame.character(2, $0) != "│" })
        // Every field's title is there in full, none cut with "…".
        for field in story.state.fields {
            #expect(story.screen.contains(field.label), "\(field.label)")
        }
        #expect(!(2..<(2 + story.state.fields.count)).contains { story.row($0).contains("…") })
    }

    @Test("Ctrl-C asks; N goes back; Y quits")
    func quitting() throws {
        var story = try Story()
        story.press(.control("c"))
        #expect(story.row(-4) == " 答案已自动保存，下次可以继续。现在退出吗？")
        story.press(.character("n"))
        #expect(story.state.dialog == nil)
        story.press(.control("c"))
        story.press(.character("y"))
        #expect(story.effects == [.quit(.ok)])
    }

    @Test("The next launch asks to go on; Enter resumes at the first open field, N starts afresh")
    func resuming() throws {
        var story = try Story(earlier: ["f1": "市财政局", "f2": "十二", "f3": "很多"])
        #expect(story.row(-4) == " 继续上次的填写？")
        #expect(story.state.answers.isEmpty)
        story.press(.enter)
        #expect(story.fieldNumber == 3)
        #expect(story.state.editor.text == "很多")
        #expect(story.row(-2).hasPrefix(" 不是数字"))
        var afresh = try Story(earlier: ["f1": "市财政局"])
        afresh.press(.character("n"))
        #expect(afresh.effects == [.startAfresh])
        #expect(afresh.state.answers.isEmpty)
        #expect(afresh.fieldNumber == 1)
    }

    @Test("F1 shows the help; any key goes back")
    func help() throws {
        var story = try Story()
        story.press(.function(1))
        #expect(story.row(0) == " 填空 · 帮助")
        story.press(.character("x"))
        #expect(story.state.dialog == nil)
        #expect(story.state.editor.isEmpty, "the key that closes the help is not typed")
    }

    @Test("In English when the locale asks for it")
    func english() throws {
        let story = try Story(language: .english)
        #expect(story.row(-1).hasPrefix(" F1 help  Enter next"))
        #expect(story.row(-4).hasPrefix(" Field 1/18"))
    }

    @Test("A keystroke wraps only the paragraphs on screen, not the whole report")
    func keystrokeCost() throws {
        // The whole report is about 20 paragraphs; a frame at 80×24 needs 3 or 4 of them.
        let story = try Story()
        let rows = ReportWrap.rows(around: story.state, width: Layout(story.state.size).reportTextWidth, count: 18)
        #expect(rows.count == 18)
        #expect(story.state.document.paragraphs.count > 10)
    }
}
