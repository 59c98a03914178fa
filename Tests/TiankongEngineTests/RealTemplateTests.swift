import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// What went wrong when real templates, copied from public pages, were tried as a new user would:
/// each story here failed on the engine before these fixes (the corpus in Tests/Fixtures/real scores
/// the same cases and more, end to end).
@Suite("Real templates nobody here wrote")
struct RealTemplateTests {
    func template(_ text: String, keepBoilerplate: Bool = false) throws -> Template {
        try Template(bytes: Array(text.utf8), source: "t.txt", options: .init(keepBoilerplate: keepBoilerplate))
    }

    func field(of blankIndex: Int, in template: Template) -> Field? {
        template.fields.first { $0.blankIndexes.contains(blankIndex) }
    }

    // MARK: - Unrelated blanks are never one question

    @Test("a 会议通知 in GB18030 with CRLF: its topics, its attendees and its items are asked apart")
    func noticeQuestionsApart() throws {
        let text = "关于召开×××工作会议的通知\r\n各有关单位：\r\n经研究，定于×月×日召开×××工作会议。\r\n三、会议议题\r\n（一）×××\r\n（二）×××\r\n（三）×××\r\n四、参加人员\r\n×××\r\n五、有关要求\r\n请按时报到。\r\n"
        let notice = try Template(bytes: Fixtures.gb18030(text), source: "通知.txt")
        #expect(notice.encoding == .gb18030 && notice.lineEnding == .crlf)
        // Blanks: 1 title, 2 month, 3 day, 4 meeting (the title's meeting again), 5–7 the items, 8 attendees.
        #expect(notice.blanks.count == 8)
        let items = [5, 6, 7].compactMap { field(of: $0, in: notice)?.id }
        #expect(Set(items).count == 3, "the three items (一)(二)(三) are three questions")
        #expect(field(of: 8, in: notice)?.id != field(of: 5, in: notice)?.id, "参加人员 is not 会议议题")
        #expect(field(of: 1, in: notice)?.id == field(of: 4, in: notice)?.id, "×××工作会议 twice is the one meeting")
        // What each asks is said by the heading it stands under.
        #expect(field(of: 5, in: notice)?.label == "会议议题：（一）＿＿")
        #expect(field(of: 8, in: notice)?.label == "参加人员：＿＿")
    }

    @Test("“X 场次” and “X 场” are two counts with their own units")
    func twoCounts() throws {
        let report = try template("工作总结\n全年举办培训 X 场次，开展活动 X 场。\n")
        #expect(report.fields.map(\.kind) == [.integer, .integer])
        #expect(report.fields.map(\.unit) == ["场次", "场"])
    }

    @Test("“XX党组” three times is one organisation; “（一）XX项目” and “（二）XX项目” are two projects")
    func strongEvidenceOnly() throws {
        let report = try template("总结\n今年以来，XX党组坚持学习。\n下一步，XX党组将继续。\n（一）XX项目\n（二）XX项目\n")
        #expect(report.fields.count == 3)
        #expect(report.fields[0].blankIndexes == [1, 2])
        #expect(report.fields[1].blankIndexes == [3] && report.fields[2].blankIndexes == [4])
    }

    @Test("a form's labels tell its blanks apart: 书记：xx党委, 镇长：xx党委")
    func formLabels() throws {
        let report = try template("镇领导\n党委书记：xx党委副书记、镇长：xx党委委员：xx\n")
        #expect(report.blanks.count == 3)
        #expect(Set(report.fields.map(\.id)).count == 3)
    }

    @Test("a blank that may be the same as an earlier one is asked, with that one named")
    func mayBeSame() throws {
        let letter = try template("介绍信\n兹介绍我单位同志前往XX县，\n联系工作后返回XX县，请予接洽。\n")
        // Two "XX县，": they may well be one county, not evidence enough to print one answer twice.
        #expect(letter.fields.count == 2)
        #expect(letter.fields[1].sameAs == letter.fields[0].id)
        #expect(letter.fields[0].sameAs == nil)
    }

    // MARK: - Titles and adverts

    @Test("a long title wrapped over two lines is the title, whole, and nothing of it is an advert")
    func wrappedTitle() throws {
        let report = try template("XX县XX局2021年上半年工\n作总结\n今年以来，XX局在县委的领导下，全面完成了X项重点任务。\n")
        #expect(report.title == "XX县XX局2021年上半年工作总结")
        #expect(report.removedLines.isEmpty)
        #expect(Report.fileStem(title: Report.title(template: report, answers: [:])) == "XX县XX局2021年上半年工作总结")
    }

    @Test("site chrome, a reseller's introduction, framing and a copyright footer are removed, each with its reason")
    func realAdverts() throws {
        let page = """
        zhenzhen 总结与计划1阅读模式
        本文将为大家呈现若干篇XX局工作总结范文，以供参考。
        篇一：《XX局2021年工作总结》
        XX局2021年工作总结
        （综合汇报式范文：适用于局机关）
        今年以来，XX局全面完成了X项重点任务，全年召开会议X次。
        本网站标明原创的文章，版权归本站所有，欢迎任何形式的转载，但请务必注明出处。

        """
        let report = try template(page)
        #expect(report.title == "XX局2021年工作总结")
        #expect(report.removedLines.map(\.line) == [1, 2, 3, 5, 7])
        #expect(report.removedLines.allSatisfy { !$0.reason.isEmpty })
        #expect(report.removedLines.first { $0.line == 7 }?.reason == "本网站")
        // The body's blanks are all still asked.
        #expect(report.blanks.count == 4)
    }

    @Test("a heading is never an advert, whatever words it holds; nor is a line with a blank on a word alone")
    func headingsStay() throws {
        let report = try template("工作总结\n今年召开会议X次。\n一、加强会员管理，严禁转载\n会员人数X人。\n")
        #expect(report.removedLines.isEmpty)
    }

    // MARK: - Blanks as people write them

    @Test("“研讨 X 次”: a space between a blank and its unit; the count is checked like any other")
    func spacedUnit() throws {
        let report = try template("述职报告\n全年组织专题研讨 X 次，撰写心得 XX 篇。\n")
        #expect(report.fields.map(\.kind) == [.integer, .integer])
        #expect(report.fields.map(\.unit) == ["次", "篇"])
        #expect(!Validation.check("很多", for: report.fields[0]).isValid)
        #expect(Validation.check("十二", for: report.fields[0]).value == "12")
    }

    @Test("lowercase x and xx are blanks where they stand as blanks, not in names, addresses or an ID's check digit")
    func lowercase() throws {
        let report = try template("证明\nxx同志，身份证号码xxxxxxxxxxxxxxxx，于20xx年x月入职。文件名xxx.docx，网址www.xxx.com，号码11010119900307123x。\n")
        #expect(report.blanks.map(\.marker) == ["xx", "xxxxxxxxxxxxxxxx", "20xx", "x"])
        #expect(report.blanks.map(\.kind) == [.text, .text, .year, .month])
    }

    @Test("a template with only lowercase blanks has blanks")
    func onlyLowercase() throws {
        #expect(try template("申请书\n本人xxx，申请xx。\n").blanks.count == 2)
    }

    @Test("underlines, 某某 and masked digits are blanks; 某一 and 3×4 are not")
    func otherShapes() throws {
        let report = try template("申请\n我家住________，家庭人口____人，建党_周年。尊敬的某某部门：某月某日，某一天，3×4，增长xx.8%。\n")
        #expect(report.blanks.map(\.marker) == ["________", "____", "_", "某某", "某", "某", "xx.8"])
        #expect(report.blanks.map(\.kind) == [.text, .integer, .integer, .text, .month, .day, .percent])
    }

    @Test("×月×————×日: the start day of a range is a day; so is each side of 至")
    func dateRange() throws {
        let report = try template("通知\n会期：×月×————×日，报到：X月X日至X月X日。\n")
        #expect(report.blanks.map(\.kind) == [.month, .day, .day, .month, .day, .month, .day])
    }

    @Test("a unit after 余 or 多 is the unit: X余篇 is 篇, X多次 is 次")
    func moreThan() throws {
        let report = try template("总结\n推送文章X余篇，开展活动X多次。\n")
        #expect(report.fields.map(\.unit) == ["篇", "次"])
    }

    @Test("text pasted from a PDF breaks lines anywhere: a blank reads its unit on the next line")
    func hardLineBreaks() throws {
        let report = try template("报告\n会议于\n×\n月\n××\n日召开，有党员\n×××\n名。\n")
        #expect(report.blanks.map(\.kind) == [.month, .day, .integer])
    }

    @Test("a blank at a line's end does not read its unit from an advert below it: 联系人：XX is a name, not 本")
    func advertBelowIsNoContext() throws {
        let report = try template("工作总结\n今年共办理案件X件。\n联系人：XX\n本文由范文网小编整理，仅供参考。\n")
        #expect(report.removedLines.map(\.line) == [4])
        #expect(report.blanks.map(\.kind) == [.integer, .text])
        #expect(report.blanks.map(\.unit) == ["件", nil])
    }

    // MARK: - Labels

    @Test("a label is the words around the blank, cut at punctuation, other blanks as ＿＿, never past its sentence")
    func labels() throws {
        let report = try template("通知\n做好××××××工作。定于×月×日召开×××会议，请参加。\n")
        let month = try #require(report.fields.first { $0.kind == .month })
        #expect(month.label == "定于＿＿月＿＿日召开＿＿会议")
        #expect(!report.fields.contains { $0.label.contains("×") })
        #expect(!report.fields.contains { $0.label.contains("。") })
    }
}
