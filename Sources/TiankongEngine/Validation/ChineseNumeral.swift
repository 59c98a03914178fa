/// Reads numbers written in Chinese: "十二", "二十三", "一百零五", "两万", "〇", and digit by digit "二〇二一".
public enum ChineseNumeral {
    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
    ]
    static let smallUnits: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let largeUnits: [Character: Int] = ["万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000]

    /// The value of a Chinese numeral, or nil when `text` is not one.
    public static func parse(_ text: String) -> Int? {
        let characters = Array(text)
        guard !characters.isEmpty else { return nil }
        // Digit by digit, as years are written: "二〇二一".
        // Only with a zero in it or three digits or more: "三四" means "three or four", not 34.
        if characters.count > 1, characters.allSatisfy({ digits[$0] != nil }),
           characters.count >= 3 || characters.contains(where: { digits[$0] == 0 }) {
            var value = 0
            for c in characters {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(digits[c]!)
                if o1 || o2 { return nil }
                value = s
            }
            return value
        }
        var total = 0          // whole 亿 and 万 groups so far
        var section = 0        // the current group below 万
        var number: Int?       // the digit waiting for its unit
        var lastSmallUnit = Int.max
        var lastLargeUnit = Int.max
        var sawAnything = false
        for c in characters {
            if let d = digits[c] {
                if number != nil && number != 0 && d != 0 { return nil }   // "三四" is not a number here
                number = d
            } else if let unit = smallUnits[c] {
                if unit >= lastSmallUnit { return nil }                  // "十十", "十百"
                let n = number ?? (unit == 10 && section == 0 && total == 0 ? 1 : (unit == 10 ? 1 : -1))
                if n < 0 { return nil }                                   // "百" alone
                if n == 0 { return nil }                                  // "零十"
                section += n * unit
                number = nil
                lastSmallUnit = unit
            } else if let unit = largeUnits[c] {
                if unit >= lastLargeUnit && unit != 100_000_000 { return nil }
                section += number ?? 0
                if section == 0 && total == 0 && number == nil { return nil }
                if unit == 100_000_000 {
                    let (m, o) = (total + section).multipliedReportingOverflow(by: unit)
                    if o { return nil }
                    total = m
                } else {
                    let (m, o) = section.multipliedReportingOverflow(by: unit)
                    if o { return nil }
                    total += m
                }
                section = 0
                number = nil
                lastSmallUnit = Int.max
                lastLargeUnit = unit
            } else {
                return nil
            }
            sawAnything = true
        }
        guard sawAnything else { return nil }
        return total + section + (number ?? 0)
    }
}
