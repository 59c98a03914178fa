/// Headings numbered out of order or in mixed styles, level by level as 公文 numbers them: "一、",
/// "（一）", "1.", "（1）". A heading that skips or repeats a number ("一、二、四、", "（一）（三）",
/// "1. 3.") is marked with the number expected; a level's first heading, and a restart at 1, are not.
/// A level-3 number written "1." and then "2、" is marked as mixed. Renumbering is left to a person.
struct HeadingNumberingRule: LineRule, Equatable {
    /// A heading's number as read from the start of a line.
    struct Heading: Equatable {
        var level: Int
        var number: Int
        /// The characters the number takes ("四、", "（三）", "3.").
        var range: Range<Int>
        /// What follows a level-3 number (".", "．", "、"); empty for the others.
        var separator: String
    }

    private var last: [Int?] = [nil, nil, nil, nil]
    private var separators: [String?] = [nil, nil, nil, nil]

    mutating func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard let heading = Self.heading(line) else { return }
        let level = heading.level - 1
        if let previous = last[level], heading.number != previous + 1, heading.number != 1 {
            let expected = Self.marker(level: heading.level, number: previous + 1, separator: heading.separator)
            findings.append(line.finding(.headingNumbering, heading.range, fix: expected, safe: false, detail: .headingExpected(expected)))
        } else if let first = separators[level], first != heading.separator {
            let written = Self.marker(level: heading.level, number: heading.number, separator: first)
            findings.append(line.finding(.headingNumbering, heading.range, fix: written, safe: false,
                                         detail: .headingMixed(first: Self.marker(level: heading.level, number: 1, separator: first))))
        }
        last[level] = heading.number
        if separators[level] == nil { separators[level] = heading.separator }
        for deeper in (level + 1)..<4 {
            last[deeper] = nil
            separators[deeper] = nil
        }
    }

    /// The heading number a line starts with, if it starts with one (of the four levels numbered).
    static func heading(_ line: ProofLine) -> Heading? {
        let start = line.indentEnd
        guard let mark = HeadingMark(opening: line.scalars[start...]), (1...4).contains(mark.level) else { return nil }
        let separator = mark.level == 3 ? mark.separator.map { String($0) } ?? "" : ""
        return Heading(level: mark.level, number: mark.number, range: start..<(start + mark.length), separator: separator)
    }

    /// A heading number as written at `level`: "三、", "（三）", "3.", "（3）".
    static func marker(level: Int, number: Int, separator: String) -> String {
        switch level {
        case 1: return chinese(number) + "、"
        case 2: return "（" + chinese(number) + "）"
        case 3: return "\(number)" + separator
        default: return "（\(number)）"
        }
    }

    /// 1–99 in Chinese numerals: 三, 十二, 二十, 四十五.
    static func chinese(_ n: Int) -> String {
        let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return "\(n)" }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens > 1 ? digits[tens] : "") + "十" + (ones > 0 ? digits[ones] : "")
    }
}
