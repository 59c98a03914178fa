/// A date that does not exist: "2月30日", "4月31日", "2021年2月29日", "13月5日", in Arabic or Chinese
/// numerals. Which day was meant is for a person to say.
struct ImpossibleDateRule: LineRule {
    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.month) else { return }
        let s = line.scalars
        for m in s.indices where s[m] == "月" {
            guard let month = Self.number(before: m, in: line), let dayEnd = Self.dayEnd(after: m, in: line) else { continue }
            let dayText = line.string((m + 1)..<(dayEnd - 1))
            guard let day = Int(dayText) ?? ChineseNumeral.parse(dayText) else { continue }
            var start = month.start
            var year: Int?
            if month.start > 0, s[month.start - 1] == "年", let y = Self.number(before: month.start - 1, in: line) {
                year = y.value
                start = y.start
            }
            if (1...12).contains(month.value), day >= 1, day <= Self.days(inMonth: month.value, year: year) { continue }
            findings.append(line.finding(.impossibleDate, start..<dayEnd, fix: nil, safe: false,
                                         detail: .noSuchDate(month: month.value, day: day)))
        }
    }

    /// The number written right before `end` (Arabic digits, or a Chinese numeral of up to four
    /// characters), and where it starts; nil when a longer number runs into it.
    static func number(before end: Int, in line: ProofLine) -> (value: Int, start: Int)? {
        var i = end
        while i > 0, ProofCharacter.isASCIIDigit(line.scalars[i - 1]), end - i < 4 { i -= 1 }
        if i < end {
            if i > 0, ProofCharacter.isASCIIDigit(line.scalars[i - 1]) || line.scalars[i - 1] == "." { return nil }
            return Int(line.string(i..<end)).map { ($0, i) }
        }
        while i > 0, ProofCharacter.isChineseNumeralDigit(line.scalars[i - 1]), end - i < 4 { i -= 1 }
        guard i < end, i == 0 || !ProofCharacter.isChineseNumeralDigit(line.scalars[i - 1]) else { return nil }
        return ChineseNumeral.parse(line.string(i..<end)).map { ($0, i) }
    }

    /// Where the day after the 月 at `m` ends (past its 日 or 号), when a day follows.
    static func dayEnd(after m: Int, in line: ProofLine) -> Int? {
        var i = m + 1
        while let c = line[safe: i], i - m <= 3, ProofCharacter.isASCIIDigit(c) || ProofCharacter.isChineseNumeralDigit(c) { i += 1 }
        guard i > m + 1, let mark = line[safe: i], mark == "日" || mark == "号" else { return nil }
        return i + 1
    }

    static func days(inMonth month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let year else { return 29 }
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
