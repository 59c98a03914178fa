import Testing
import TiankongEngine

/// A heading's number, read once for every reader: the layout, the field labels, the Word writer and check.
@Suite("Heading marks")
struct HeadingMarkTests {
    @Test("each way a report numbers its headings gives its level and number", arguments: [
        ("一、总体情况", HeadingMark.Style.chineseNumeral, 1, 1, 2),
        ("十二，其他事项", .chineseNumeral, 1, 12, 3),
        ("（三）加强学习", .chineseInBrackets, 2, 3, 3),
        ("(二)注重舆情管控", .chineseInBrackets, 2, 2, 3),
        ("12．全角的点", .digits, 3, 12, 3),
        ("１．全角的数字", .digits, 3, 1, 2),
        ("3、顿号", .digits, 3, 3, 2),
        ("（１０）第四级", .digitsInBrackets, 4, 10, 4),
        ("②第二项", .circled, 5, 2, 1),
        ("第三部分 工作安排", .part, 0, 3, 4),
        ("篇二：年度总结", .piece, 0, 2, 3),
        ("　　（一）缩进的标题", .chineseInBrackets, 2, 1, 3),
    ])
    func levels(line: String, style: HeadingMark.Style, level: Int, number: Int, length: Int) throws {
        let mark = try #require(HeadingMark(opening: line.unicodeScalars), "\(line)")
        #expect(mark.style == style)
        #expect(mark.level == level)
        #expect(mark.number == number)
        #expect(mark.length == length)
    }

    @Test("numbers in a sentence are not headings", arguments: [
        "一是加强学习", "1.5万元用于培训", "一、二季度完成", "1、2月份", "2020年工作要点", "（注）说明", "（）空括号",
        "（一二三四）", "第一次会议", "0、零", "今年以来", "",
    ])
    func notHeadings(line: String) {
        #expect(HeadingMark(opening: line.unicodeScalars) == nil, "\(line)")
    }

    @Test("the words before a blank that end with a list item's number")
    func listNumbers() {
        for words in ["有关事宜（一）", "二、", "3.", "一是", "(2) "] {
            #expect(HeadingMark.endsWithListNumber(Array(words.unicodeScalars)), "\(words)")
        }
        for words in ["党组扩大会议学习", "是", "（）", "学习了", ""] {
            #expect(!HeadingMark.endsWithListNumber(Array(words.unicodeScalars)), "\(words)")
        }
    }
}
