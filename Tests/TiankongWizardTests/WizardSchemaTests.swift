import Foundation
import Testing
import TiankongEngine
import TiankongTestSupport
@testable import TiankongWizard

/// The wizard on a template with a schema: the bundled template's 21 curated questions, their
/// hints, the template's own texts offered as defaults, rules in the review, and Word beside the text.
@Suite("Filling in the bundled report with its curated schema")
struct WizardSchemaTests {
    @Test("21 questions in report order; the field list shows them all")
    func twentyOneQuestions() throws {
        var story = try Story(size: Size(columns: 80, rows: 40), schema: true)
        #expect(story.state.fields.map(\.id) == CuratedAnswers.order)
        #expect(story.row(0).hasSuffix("已填 0/21"))
        #expect(story.row(-5).hasPrefix(" 第 1/21 项  报告年份  年份，四位数字"))
        story.press(.control("g"))
        let list = story.screen
        #expect(list.contains("填写项  已填 0/21"))
        for field in story.state.fields { #expect(list.contains(field.label), "\(field.id)") }
        #expect(list.contains(" 1 默认 报告年份"), "a replaced text is kept as it was until answered")
        #expect(list.contains(" 2 未填 单位名称"))
    }

    @Test("The hint is on screen under the question, wrapped by display width")
    func hint() throws {
        var story = try Story(schema: true)
        story.press(.enter)
        #expect(story.fieldNumber == 2)
        #expect(story.row(-5) == " 第 2/21 项  单位名称  文字", "the hint gives the example, not the general “如单位名称”")
        #expect(story.row(-4) == " 单位名称，即“党组”前的部分，如“某某市财政局”")
        #expect(story.row(-3) == ">")
        #expect(story.cursor! == (21, 2))
        // A hint wider than the screen goes on over more lines, never cut in the middle of a character.
        var narrow = try Story(size: Size(columns: 60, rows: 16), schema: true)
        narrow.answer("2021")
        narrow.answer("市财政局")
        narrow.answer("12")
        #expect(narrow.state.field.id == "province")
        let hint = try #require(narrow.state.field.hint)
        let lines = [narrow.row(-6), narrow.row(-5), narrow.row(-4)].filter { !$0.isEmpty && !$0.hasPrefix(" 第") }
        #expect(lines.map { String($0.dropFirst()) }.joined() == hint)
        for line in lines { #expect(DisplayWidth.of(line) <= 60) }
        #expect(narrow.row(-3) == "> 甘肃", "the template's text, dimmed")
    }

    @Test("A replaced text is offered dimmed: Enter on an empty line takes “2020”")
    func defaultTaken() throws {
        var story = try Story(schema: true)
        #expect(story.row(-2) == " 回车保留模板原文“2020”，或直接输入新的")
        #expect(story.frame[22, 1].style == .dim)
        #expect(story.row(-3) == "> 2020")
        #expect(story.frame[21, 2].style == .dim, "the default sits dimmed in the editor")
        story.press(.enter)
        #expect(story.state.answers["year"] == "2020")
        #expect(story.fieldNumber == 2)
        #expect(story.state.status(0) == .answered)
    }

    @Test("Replaced texts are blanks in the report: unanswered, current and answered")
    func replacedTextsHighlighted() throws {
        var story = try Story(size: Size(columns: 100, rows: 30), schema: true)
        let title = try #require(cells(of: "2020", in: story).first)
        #expect(title.style == .current, "the year being answered, in the title")
        #expect(story.row(0).hasPrefix(" 填空 · 2020年党建工作总结（党组）"))
        story.type("2021")
        #expect(story.row(1).contains("2021年党建工作总结（党组）"))
        story.press(.enter)
        #expect(story.row(0).hasPrefix(" 填空 · 2021年党建工作总结（党组）"), "the title bar follows the answered year")
        // At the organisation: the year is an answer, the province not answered yet.
        let years = cells(of: "2021", in: story)
        #expect(years.count >= 2 && years.allSatisfy { $0.style == .answer })
        let unanswered = cells(of: "甘肃", in: story)
        #expect(unanswered.count >= 2 && unanswered.allSatisfy { $0.style == .blank })
        story.answer("市财政局")
        story.answer("12")
        #expect(story.state.field.id == "province")
        let current = cells(of: "甘肃", in: story)
        #expect(!current.isEmpty && current.allSatisfy { $0.style == .current })
        story.press(.enter)
        #expect(story.state.answers["province"] == "甘肃")
        let answered = cells(of: "甘肃", in: story)
        #expect(!answered.isEmpty && answered.allSatisfy { $0.style == .answer })
    }

    @Test("The review lists a broken rule and a missing answer, not an optional field")
    func ruleInReview() throws {
        let text = "整改报告\n发现问题X个，已整改X个。\n备注：XX。\n联系人：XX。\n"
        let schema = """
        fields:
          - {id: found, label: 发现问题数, kind: integer, blanks: [发现问题X个]}
          - {id: fixed, label: 已整改数, kind: integer, blanks: [已整改X个]}
          - {id: note, label: 备注, blanks: [备注：XX], optional: true, hint: 没有就不填}
          - {id: contact, label: 联系人, blanks: [联系人：XX]}
        rules:
          - check: fixed <= found
            message: 整改数不能多于发现的问题数
        """
        let template = try Template(bytes: Array(text.utf8), source: "t.txt", schema: .init(text: schema, path: "t.tiankong.yaml"))
        var story = Story(template: template)
        story.answer("3")
        story.answer("5")
        #expect(story.state.field.id == "note")
        #expect(story.row(-4) == " 没有就不填")
        story.press(.enter)
        #expect(story.state.field.id == "contact", "Enter on an empty optional field goes on")
        story.press(.enter)
        #expect(story.state.field.id == "contact", "an empty field that needs an answer stops Enter")
        story.press(.control("g"))
        #expect(story.screen.contains(" 3 选填 备注"))
        story.press(.escape)
        // Saving now: one answer missing and one rule broken.
        story.press(.control("s"))
        story.press(.enter)
        #expect(story.row(-4) == " 还有 1 项没有填好、1 条检查没有通过，没填好的空会原样留下。仍要保存吗？")
        story.press(.character("n"))
        story.press(.escape)
        story.answer("王明")
        #expect(story.state.screen == .review)
        #expect(story.state.reviewItems.map(\.problem) == [.ruleBroken("整改数不能多于发现的问题数")])
        #expect(story.row(1) == " 还有 1 处需要看一下（回车去改）：")
        #expect(story.row(2) == " > 2. 不符 已整改数  整改数不能多于发现的问题数")
        #expect(!story.screen.contains("备注  "), "an optional field left empty is not a problem")
        story.press(.enter)
        #expect(story.state.field.id == "fixed", "Enter goes to the rule's field")
        story.press(.control("u"))
        story.answer("2")
        story.press(.tab)
        story.press(.tab)
        #expect(story.state.screen == .review)
        #expect(story.row(1) == " 全部填好了。按 Ctrl-S 保存。")
    }

    @Test("Saving writes the .docx and the .txt beside it; the text is the template filled in")
    func saveWordAndText() throws {
        let folder = try TemporaryFolder()
        var story = try Story(size: Size(columns: 100, rows: 30), schema: true)
        story.workingDirectory = folder.path
        for id in CuratedAnswers.order { story.answer(CuratedAnswers.changed[id]!) }
        #expect(story.state.screen == .review)
        #expect(story.row(1).hasPrefix(" 全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处："), "the template's own mistakes")
        #expect(story.screen.contains("按 Ctrl-S 保存为 2021年党建工作总结（党组）.docx"), "the review names the file Ctrl-S will write")
        story.press(.control("s"))
        #expect(story.row(-3) == "> 2021年党建工作总结（党组）.docx", "the default name follows the year answered")
        story.press(.enter)
        let word = folder.path + "/2021年党建工作总结（党组）.docx"
        let text = folder.path + "/2021年党建工作总结（党组）.txt"
        #expect(story.state.savedPaths == [word, text])
        #expect(story.screen.replacingOccurrences(of: "\n", with: "").contains(word))
        #expect(try String(contentsOfFile: text, encoding: .utf8) == (try CuratedAnswers.expectedReport(changed: true)))
        let docx = try Data(contentsOf: URL(fileURLWithPath: word))
        #expect(docx.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]), "a zip")
        #expect(docx.range(of: Data("word/document.xml".utf8)) != nil)

        // Saving again asks once for both files.
        story.press(.control("s"))
        story.press(.enter)
        #expect(story.row(-4) == " 2021年党建工作总结（党组）.docx 和 .txt 已存在。覆盖它们吗？")
        story.press(.character("y"))
        #expect(story.row(-3).hasPrefix(" 已保存："))

        // A name ending in .txt writes the text alone.
        story.press(.control("s"))
        story.press(.control("u"))
        story.type("报告.txt")
        story.press(.enter)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/报告.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/报告.docx"))
        #expect(story.state.savedPaths == [folder.path + "/报告.txt"])
    }

    @Test("On a narrow screen a long question wraps instead of losing its end")
    func narrowConfirmations() throws {
        var story = try Story(size: Size(columns: 60, rows: 16), earlier: ["org": "市财政局"], schema: true)
        #expect(story.row(-4) == " 继续上次的填写？")
        #expect(story.row(-3) + story.row(-2).dropFirst() == " 上次填了 1 项。回车或 Y 继续；N 重新开始（旧答案会备份）。")
        story.press(.enter)
        Reducer.reduce(&story.state, .saveFinished(.exists(path: "2020年党建工作总结（党组）.docx",
                                                            existing: ["2020年党建工作总结（党组）.docx", "2020年党建工作总结（党组）.txt"])))
        #expect(story.row(-5) + story.row(-4).dropFirst() == " 2020年党建工作总结（党组）.docx 和 .txt 已存在。覆盖它们吗？")
        #expect(story.row(-3) == " (Y/N)")
    }

    @Test("The files a typed name stands for")
    func fileNames() {
        #expect(ReportFiles(name: "报告.docx").all == ["报告.docx", "报告.txt"])
        #expect(ReportFiles(name: "报告.DOCX").all == ["报告.DOCX", "报告.txt"])
        #expect(ReportFiles(name: "报告.txt").all == ["报告.txt"])
        #expect(ReportFiles(name: "报告").all == ["报告.docx", "报告.txt"], "no extension: both")
        #expect(ReportFiles(name: "out/报告.md").all == ["out/报告.md"], "another extension: the text under that name")
        #expect(ReportFiles(name: "v1.2/报告").all == ["v1.2/报告.docx", "v1.2/报告.txt"])
    }

    @Test("Nothing assumes blanks numbered in text order or marked with X")
    func blankNumbers() throws {
        let story = try Story(schema: true)
        let template = story.state.template
        let inOrder = template.blanks.map(\.index)
        #expect(inOrder != Array(1...inOrder.count), "the schema's replaced texts are numbered after the X blanks")
        for blank in template.blanks {
            #expect(story.state.document.paragraphOfBlank[blank.index] != nil, "\(blank.index) \(blank.marker)")
            #expect(story.state.document.fieldOfBlank[blank.index] != nil, "\(blank.index) \(blank.marker)")
        }
    }

    /// The cells of the report pane where `text` starts, in reading order.
    private func cells(of text: String, in story: Story) -> [Cell] {
        let frame = story.frame
        let layout = Layout(story.state)
        var found: [Cell] = []
        let first = Character(String(text.first!))
        for row in layout.reportTop..<(layout.reportTop + layout.reportRows) {
            let line = frame.line(row)
            guard line.contains(text) else { continue }
            for column in 0..<frame.size.columns where frame.character(row, column) == first && !frame[row, column].isContinuation {
                var match = ""
                var x = column
                while match.count < text.count, x < frame.size.columns {
                    if !frame[row, x].isContinuation { match.append(frame.character(row, x)) }
                    x += 1
                }
                if match == text { found.append(frame[row, column]) }
            }
        }
        return found
    }
}

/// Answers to the 21 curated questions, and the report they make, built from the template itself.
enum CuratedAnswers {
    static let order = [
        "year", "org", "study", "province", "instructions", "lectures", "research", "joint", "field", "petitions",
        "wechat", "authority", "articles", "story", "volunteers", "meeting_month", "bureau", "talks", "group_talks",
        "review_month", "system",
    ]

    /// Another year, province and unit's figures than the template's.
    static let changed: [String: String] = [
        "year": "2021", "org": "市财政局", "study": "十二", "province": "河南", "instructions": "6", "lectures": "4",
        "research": "8", "joint": "3", "field": "财政", "petitions": "1560", "wechat": "中原财政", "authority": "国家卫健委",
        "articles": "200", "story": "财政人", "volunteers": "86", "meeting_month": "3", "bureau": "市财政", "talks": "30",
        "group_talks": "4", "review_month": "11", "system": "全市财政",
    ]

    /// The bundled template's lines 16–35 without the advert on line 18, every blank and replaced text
    /// changed by hand.
    static func expectedReport(changed: Bool) throws -> String {
        let lines = try String(contentsOfFile: Fixtures.seedPath, encoding: .utf8).components(separatedBy: "\n")
        var text = (lines[15...16] + lines[18...34]).joined(separator: "\n") + "\n"
        var replacements: [(String, String, Int)] = [
            ("今年以来，XXX党组坚持", "今年以来，市财政局党组坚持", 1),
            ("党组扩大会议学习X次", "党组扩大会议学习12次", 1),
            ("指示精神工作X次", "指示精神工作6次", 1),
            ("上党课X次", "上党课4次", 1),
            ("党建工作会议X次", "党建工作会议8次", 1),
            ("共建活动X次", "共建活动3次", 1),
            ("着力为XX发展", "着力为财政发展", 1),
            ("问题X件", "问题1560件", 1),
            ("正式运行XX微信公众号", "正式运行中原财政微信公众号", 1),
            ("推介XX等权威机构", "推介国家卫健委等权威机构", 1),
            ("政策措施X余篇", "政策措施200余篇", 1),
            ("讲好XX抗击疫情", "讲好财政人抗击疫情", 1),
            ("全系统X名在职党员", "全系统86名在职党员", 1),
            ("X月初召开", "3月初召开", 1),
            ("对X局党组", "对市财政局党组", 1),
            ("X月份召开", "11月份召开", 1),
            ("对XX系统领导干部", "对全市财政系统领导干部", 1),
            ("今年以来，XXX党组工作", "今年以来，市财政局党组工作", 1),
            ("下一步，XXX党组将", "下一步，市财政局党组将", 1),
            ("促进我XXX事业", "促进我市财政局事业", 1),  // all four XXX are the organisation
        ]
        if changed {
            replacements += [("2020", "2021", 4), ("甘肃", "河南", 4), ("谈话提醒45人次", "谈话提醒30人次", 1), ("集体约谈6次", "集体约谈4次", 1)]
        }
        for (old, new, count) in replacements {
            #expect(text.components(separatedBy: old).count - 1 == count, "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        #expect(!text.contains("X"))
        return text
    }
}
