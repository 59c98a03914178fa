import Testing
@testable import TiankongEngine
@testable import TiankongWriters

@Suite("Report structure")
struct ReportStructureTests {
    typealias Role = ReportStructure.Role

    @Test("The bundled report: the title, five level-1 headings, level-2 headings running into their paragraphs")
    func bundledReport() throws {
        let structure = ReportStructure(text: try bundledReportText())
        let paragraphs = structure.paragraphs

        #expect(paragraphs.first?.role == .title)
        #expect(structure.title == "2020年党建工作总结（党组）")
        #expect(paragraphs.filter { $0.role == .title }.count == 1)

        let level1 = paragraphs.filter { $0.role == .heading1 }.map(\.text)
        #expect(level1.map { String($0.prefix(2)) } == ["一、", "二、", "三、", "四、", "五、"])
        #expect(level1.first == "一、强化政治引领，把学习贯彻习近平新时代中国特色社会主义思想作为重大政治任务")
        #expect(level1.last == "五、存在的主要问题和下一步工作")

        let level2 = paragraphs.filter { $0.role == .heading2 }
        #expect(level2.count == 8)
        #expect(level2.map(\.headingWords) == [
            "（一）强化理论武装。", "（二）夯实党建主体责任。",
            "(一)强化主体责任落实。", "(二)注重舆情管控。", "（三）加强舆论引导。",
            "（一）严肃党的政治纪律和政治生活。", "（二）持续加强作风建设。", "（三）强化“8小时”外监督管理。",
        ])
        #expect(level2[0].bodyWords.hasPrefix("坚持党组理论中心组"))
        #expect(level2.allSatisfy { $0.headingWords! + $0.bodyWords == $0.text })

        // The opening paragraph, the one under 三 and the two under 五 are body text.
        let body = paragraphs.filter { $0.role == .body }
        #expect(body.count == 4)
        #expect(body.first?.text.hasPrefix("今年以来，XXX党组坚持") == true)
        #expect(body.last?.text.hasPrefix("下一步，XXX党组") == true)
        #expect(paragraphs[1].role == .body)

        // No organisation and date at the end of this template.
        #expect(!paragraphs.contains { $0.role == .signature || $0.role == .date })
        // Every non-empty line of the report is one paragraph, none of them empty.
        #expect(paragraphs.count == 18)
        #expect(paragraphs.allSatisfy { !$0.text.isEmpty && !$0.text.contains("\n") })
    }

    @Test("Numbering gives the level", arguments: [
        ("一、总体情况", Role.heading1),
        ("十一、其他", .heading1),
        ("（一）强化理论武装。坚持学习。", .heading2),
        ("(二)注重舆情管控", .heading2),
        ("（十二）混合括号)", .heading2),
        ("1.加强学习", .heading3),
        ("12．全角点", .heading3),
        ("3、顿号", .heading3),
        ("（1）第四级", .heading4),
        ("(2)第四级", .heading4),
        ("一是加强学习。", .body),
        ("1.5万元用于培训。", .body),
        ("2020年工作要点。", .body),
        ("（注）说明", .body),
        ("（）空括号", .body),
        ("今年以来，工作取得成效。", .body),
    ])
    func headingLevels(line: String, role: Role) {
        let structure = ReportStructure(text: "标题\n\(line)")
        #expect(structure.paragraphs.count == 2)
        #expect(structure.paragraphs[1].role == role)
    }

    @Test("A level-2 heading without a full stop is all heading words")
    func standaloneLevel2() {
        let paragraph = ReportStructure(text: "标题\n（一）加强理论学习").paragraphs[1]
        #expect(paragraph.headingWords == "（一）加强理论学习")
        #expect(paragraph.bodyWords.isEmpty)
    }

    @Test("Other roles have no heading words")
    func headingWordsOnlyForLevel2() {
        let structure = ReportStructure(text: "标题\n一、总体。情况\n1.加强。学习\n正文。内容")
        #expect(structure.paragraphs.allSatisfy { $0.headingWords == nil })
    }

    @Test("An organisation and a date at the end are the signature")
    func signature() {
        let structure = ReportStructure(text: "标题\n正文内容。\n\nXX市XX局党组\n2021年1月15日\n\n")
        #expect(structure.paragraphs.map(\.role) == [.title, .body, .signature, .date])
    }

    @Test("A date alone at the end is the date; a sentence before it is not a signature")
    func dateWithoutOrganisation() {
        let structure = ReportStructure(text: "标题\n正文内容写完了。\n2021年1月15日")
        #expect(structure.paragraphs.map(\.role) == [.title, .body, .date])
    }

    @Test("Dates in digits, Chinese numerals and placeholders", arguments: [
        ("2021年1月15日", true), ("二〇二一年十二月二十五日", true), ("XXXX年X月X日", true),
        ("2021 年 1 月 15 日", true), ("2021年1月", false), ("2021年1月15日召开会议", false), ("年月日", false),
    ])
    func dates(line: String, isDate: Bool) {
        #expect(ReportStructure.isDate(line) == isDate)
    }

    @Test("Line ends, indents and empty lines")
    func lines() {
        let structure = ReportStructure(text: "\r\n  标题\r\n\r\n\u{3000}\u{3000}第一段。\r\n\t第二段。\r第三段。\n")
        #expect(structure.paragraphs.map(\.text) == ["标题", "第一段。", "第二段。", "第三段。"])
        #expect(ReportStructure(text: "").paragraphs.isEmpty)
        #expect(ReportStructure(text: " \n\u{3000}\n").title == nil)
    }
}
