import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// The bundled template, read by a person: which blanks it has, what each asks for, and which are one question.
@Suite("The bundled template 2020年党建工作总结（党组）")
struct SeedTemplateTests {
    /// (line, marker, kind) of every blank, read from the template by hand.
    static let expectedBlanks: [(Int, String, Kind)] = [
        (19, "XXX", .text),      // 今年以来，XXX党组坚持
        (21, "X", .integer),     // 党组扩大会议学习X次
        (21, "X", .integer),     // 指示精神工作X次
        (21, "X", .integer),     // 党组织书记上党课X次
        (22, "X", .integer),     // 专题研究党建工作会议X次
        (22, "X", .integer),     // 开展共建活动X次
        (23, "XX", .text),       // 着力为XX发展
        (25, "X", .integer),     // 问题X件
        (25, "XX", .text),       // 正式运行XX微信公众号
        (26, "XX", .text),       // 推介XX等权威机构
        (26, "X", .integer),     // X余篇（条）
        (26, "XX", .text),       // 讲好XX抗击疫情
        (28, "X", .integer),     // 全系统X名在职党员
        (30, "X", .month),       // X月初
        (30, "X", .text),        // 对X局党组
        (32, "X", .month),       // X月份
        (32, "XX", .text),       // 对XX系统领导干部
        (34, "XXX", .text),      // 今年以来，XXX党组工作
        (35, "XXX", .text),      // 下一步，XXX党组将
        (35, "XXX", .text),      // 促进我XXX事业
    ]

    @Test("finds exactly the 20 blanks, each with its line, marker and kind")
    func blanks() throws {
        let template = try Fixtures.seed()
        #expect(template.blanks.count == 20)
        for (blank, expected) in zip(template.blanks, Self.expectedBlanks) {
            #expect(blank.line == expected.0, "blank \(blank.index)")
            #expect(blank.marker == expected.1, "blank \(blank.index)")
            #expect(blank.kind == expected.2, "blank \(blank.index): \(blank.context)")
        }
        let kinds = Dictionary(grouping: template.blanks, by: \.kind).mapValues(\.count)
        #expect(kinds == [.text: 10, .integer: 8, .month: 2])
    }

    @Test("gives each blank its column in characters and the sentence it sits in")
    func positions() throws {
        let template = try Fixtures.seed()
        let first = template.blanks[0]
        #expect(first.column == 6)   // 今年以来，XXX: five characters before it
        #expect(first.context.hasPrefix("今年以来，XXX党组坚持以习近平新时代中国特色社会主义思想为指导"))
        #expect(first.context.hasSuffix("。"))
        let month = template.blanks[13]
        #expect(month.context.contains("X月初召开全局党风廉政建设工作会议"))
        #expect(template.blanks[7].unit == "件")
        #expect(template.blanks[10].unit == "篇")   // 余 means "more than": the unit is 篇
        #expect(template.blanks[12].unit == "名")
    }

    @Test("groups the blanks into 18 fields: the three XXX党组 are one, 我XXX事业 another")
    func fields() throws {
        let template = try Fixtures.seed()
        #expect(template.fields.count == 18)
        #expect(template.fields.map(\.id) == (1...18).map { "f\($0)" })
        #expect(template.fields[0].blankIndexes == [1, 18, 19])
        #expect(template.fields[17].blankIndexes == [20])
        #expect(template.fields[14].blankIndexes == [15])   // 对X局党组 is its own name
        let numeric = template.fields.filter { $0.kind.isNumeric }
        #expect(numeric.allSatisfy { $0.blankIndexes.count == 1 })
        #expect(template.fields[1].label.contains("学习"))
        #expect(template.fields[1].label.hasSuffix("次"))
    }

    @Test("removes the reseller's adverts, and starts the report with its title")
    func adverts() throws {
        let template = try Fixtures.seed()
        #expect(template.title == "2020年党建工作总结（党组）")
        #expect(template.removedLines.map(\.line) == [1, 2, 3, 4, 5, 7, 8, 9, 18, 37])
        #expect(template.removedLines.first?.text == "仅供学习 禁止外传")
        let report = Report.text(template: template, answers: [:])
        #expect(report.hasPrefix("2020年党建工作总结（党组）\n\n今年以来，XXX党组坚持"))
        #expect(report.hasSuffix("促进我XXX事业高质量发展。\n"))
        for word in ["酷乐文行", "QQ", "会员", "订阅", "倒卖", "禁止外传"] {
            #expect(!report.contains(word), "\(word) left in the report")
        }
        #expect(report.contains("正式运行XX微信公众号"))
    }

    @Test("keeps everything with --keep-boilerplate")
    func keepBoilerplate() throws {
        let template = try Template.bundled(options: .init(keepBoilerplate: true, useSchema: false))
        #expect(template.removedLines.isEmpty)
        #expect(Report.utf8(template: template, answers: [:]) == Fixtures.seedBytes)
    }

    @Test("fills the golden report from a complete answer set")
    func golden() throws {
        let template = try Fixtures.seed()
        let answers = try AnswerSet.decode(Fixtures.data("answers-complete.json"))
        let review = AnswerReview(answers: answers.answers, template: template, partial: false)
        #expect(review.isValid)
        let report = Report.bytes(template: template, answers: review.values)
        #expect(report == [UInt8](try Fixtures.data("report-complete.txt")))
    }

    @Test("lists every failing answer at once")
    func severalInvalid() throws {
        let template = try Fixtures.seed()
        var answers = try AnswerSet.decode(Fixtures.data("answers-complete.json")).answers
        answers["f2"] = "很多"
        answers["f14"] = "13"
        answers["f13"] = "-3"
        answers["f1"] = "  "
        answers.removeValue(forKey: "f7")
        answers["f99"] = "1"
        let review = AnswerReview(answers: answers, template: template, partial: false)
        #expect(review.problems.map(\.fieldID) == ["f1", "f2", "f7", "f13", "f14", "f99"])
        #expect(review.problems.map(\.problem) == [
            .invalid(.empty), .invalid(.notANumber), .missing, .invalid(.negative),
            .invalid(.outOfRange(1...12)), .unknownField,
        ])
    }

    @Test("with --partial leaves unanswered blanks as they were")
    func partial() throws {
        let template = try Fixtures.seed()
        let review = AnswerReview(answers: ["f1": "市财政局"], template: template, partial: true)
        #expect(review.isValid)
        let report = Report.text(template: template, answers: review.values)
        #expect(report.contains("今年以来，市财政局党组坚持"))
        #expect(report.contains("下一步，市财政局党组将"))
        #expect(report.contains("学习X次"))
    }

    @Test("warns that 市财政局党组 would print 党组党组, and offers 市财政局")
    func doubledWord() throws {
        let template = try Fixtures.seed()
        let verdict = Validation.check("市财政局党组", for: template.fields[0])
        #expect(verdict.isValid)
        #expect(verdict.warnings == [.repeatsFollowingText(repeated: "党组", suggestion: "市财政局")])
        let local = Validation.check("市财政局", for: template.fields[14])   // 对X局党组
        #expect(local.warnings == [.repeatsFollowingText(repeated: "局", suggestion: "市财政")])
    }
}
