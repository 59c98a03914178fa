import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// Many reports from one sheet: columns matched to fields, every row checked, output names made safe.
@Suite("Sheets of answers")
struct SheetTests {
    let template: Template

    init() throws {
        // The sheet fixture the end-to-end tests fill, with an optional field more.
        let text = try String(decoding: Fixtures.bytes("batch/总结.txt"), as: UTF8.self) + "XX作了发言。\n"
        let schema = try String(decoding: Fixtures.bytes("batch/总结.tiankong.yaml"), as: UTF8.self) + """
              - id: note
                label: 备注
                optional: true
                blanks: [XX作了发言]

            """
        template = try Template(bytes: Array(text.utf8), source: "t.txt", schema: .init(text: schema, path: "t.tiankong.yaml"))
    }

    @Test("columns are matched by label or id, case and spaces aside; what does not fit is listed")
    func matching() {
        // The fourth column has no header but has data.
        let match = ColumnMatch(header: [" 单位名称 ", "STUDY", "说明", ""], fields: template.fields) { _ in true }
        #expect(match.columns.map(\.fieldID) == ["org", "study"])
        #expect(match.unmatched == [.init(index: 2, header: "说明"), .init(index: 3, header: "")])
        // 召开月份 has no column and no default; 备注 is optional, so it is not missing.
        #expect(match.missing.map(\.id) == ["month"])
        #expect(!match.isComplete(partial: true))

        let twice = ColumnMatch(header: ["单位名称", "org", "学习次数", "召开月份"], fields: template.fields)
        #expect(twice.repeated.map(\.fieldID) == ["org"] && twice.repeated.map(\.headers) == [["单位名称", "org"]])
        // An empty trailing column with no data is Excel's, not the user's.
        let trailing = ColumnMatch(header: ["单位名称", "学习次数", "召开月份", ""], fields: template.fields) { $0 != 3 }
        #expect(trailing.isComplete(partial: false))
    }

    @Test("a title above the header is one cell that names no field")
    func titles() {
        #expect(ColumnMatch.isTitle(["2020年党建工作总结填报表", "", " "], fields: template.fields))
        #expect(ColumnMatch.isTitle(["", "填报说明：请勿改动表头"], fields: template.fields))
        // A header of one field's column, a header of several, an empty row: none is a title.
        #expect(!ColumnMatch.isTitle([" 单位名称", "", ""], fields: template.fields))
        #expect(!ColumnMatch.isTitle(["STUDY"], fields: template.fields))
        #expect(!ColumnMatch.isTitle(["单位名称", "学习次数"], fields: template.fields))
        #expect(!ColumnMatch.isTitle(["", ""], fields: template.fields))
    }

    @Test("every row is checked as the wizard checks, and each problem keeps its row, column and cell")
    func review() {
        let sheet = DataSheet(header: ["单位名称", "学习次数", "召开月份"], rows: [
            DataRow(number: 2, cells: ["一支部", "十二", "３"]),
            DataRow(number: 3, cells: ["二支部", "很多", "13"]),
            DataRow(number: 4, cells: ["", "", ""]),
            DataRow(number: 5, cells: ["", "5"]),
        ])
        let match = ColumnMatch(header: sheet.header, fields: template.fields)
        // Row by row, as the sheet is read: the usable rows come back, the problems are kept.
        var review = SheetReview(match: match, template: template, partial: false)
        let good = sheet.rows.compactMap { review.check($0) }
        #expect(good.map(\.number) == [2] && review.goodCount == 1)
        #expect(good.first?.values["study"] == "12" && good.first?.values["month"] == "3")
        #expect(review.badRows == [3, 5])
        #expect(review.problems.map(\.row) == [3, 3, 5, 5])
        #expect(review.problems[0] == .init(row: 3, header: "学习次数", fieldID: "study", problem: .invalid(.notANumber), cell: "很多"))
        #expect(review.problems[1].problem == .invalid(.outOfRange(1...12)))
        #expect(review.problems[2] == .init(row: 5, header: "单位名称", fieldID: "org", problem: .missing, cell: nil))
        let message = Messages(language: .chinese).text(for: review.problems[0], field: template.field("study"))
        #expect(message.hasPrefix("第 3 行，“学习次数”列：不是数字") && message.hasSuffix("（填的是“很多”）"))
    }

    @Test("an output name takes a row's answers made safe, and two rows with one name are found")
    func names() throws {
        let pattern = try OutputNamePattern("输出/{单位名称}-{row}.docx", fields: template.fields)
        #expect(pattern.name(row: 7, values: ["org": "财政局/办公室:一"]) == "输出/财政局／办公室：一-7.docx")
        #expect(pattern.name(row: 8, values: ["org": "..\u{7}"]) == "输出/8-8.docx")
        let long = String(repeating: "很长的名字", count: 20)
        #expect(pattern.name(row: 9, values: ["org": long]) == "输出/" + String(long.prefix(OutputNamePattern.valueLength)) + "-9.docx")
        #expect(try OutputNamePattern("{org}.txt", fields: template.fields).variesByRow)
        #expect(try !OutputNamePattern("报告.txt", fields: template.fields).variesByRow)
        #expect(throws: OutputNamePattern.Mistake.unknownName("单位")) { try OutputNamePattern("{单位}.txt", fields: template.fields) }
        #expect(throws: OutputNamePattern.Mistake.unclosedBrace) { try OutputNamePattern("{org.txt", fields: template.fields) }

        let collisions = OutputNamePattern.collisions([(2, "a.txt"), (3, "b.txt"), (4, "a.txt"), (6, "a.txt")])
        #expect(collisions.map(\.name) == ["a.txt"] && collisions.map(\.rows) == [[2, 4, 6]])
    }
}
