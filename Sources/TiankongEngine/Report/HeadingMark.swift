/// The number a heading of a Chinese report opens with, and the level it gives the heading.
///
/// GB/T 9704-2012 §7.3.3 numbers a report's headings "一、" (level 1), "（一）" (2), "1." (3) and
/// "（1）" (4); reports go on with "①" (5), and a long one is cut into parts ("第一部分", level 0). Written
/// by hand they vary: full-width digits ("１．"), a comma for the pause mark ("一，"), ASCII brackets
/// ("(一)"). This is the one reading of them that the template's layout, the field labels, the Word
/// writer and the proof-reader share.
public struct HeadingMark: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        /// "第一部分": a part of a long report.
        case part
        /// "篇一：", "第一篇:": one piece of a collection of reports put together by a reseller.
        case piece
        /// "一、", "一，", "一．"
        case chineseNumeral
        /// "（一）", "(一)"
        case chineseInBrackets
        /// "1.", "1．", "1、", "１，"
        case digits
        /// "（1）", "(1)"
        case digitsInBrackets
        /// "①" to "⑳"
        case circled
    }

    public let style: Style
    /// The number the mark gives (一 and 1 are 1).
    public let number: Int
    /// How many characters the mark takes, from where the line's words start.
    public let length: Int
    /// What follows the number of a "一、" or "1." mark ("、", "，", ".", "．"); nil for the others.
    public let separator: Unicode.Scalar?

    /// The heading's level: 0 for a part or piece, then 1 to 5 as GB/T 9704 numbers them.
    public var level: Int {
        switch style {
        case .part, .piece: 0
        case .chineseNumeral: 1
        case .chineseInBrackets: 2
        case .digits: 3
        case .digitsInBrackets: 4
        case .circled: 5
        }
    }

    /// The most characters a heading's number takes ("二十一", "100").
    static let longestNumber = 3

    /// The mark a line opens with, read from its first characters (spaces before them skipped), or nil.
    public init?<S: Sequence<Unicode.Scalar>>(opening line: S) {
        // A mark is read from the first dozen characters: no line is decoded further.
        var head: [Unicode.Scalar] = []
        head.reserveCapacity(12)
        var leading = true
        for scalar in line {
            if leading, scalar == " " || scalar == "\t" || scalar == "\u{3000}" { continue }
            leading = false
            head.append(scalar)
            if head.count == 12 { break }
        }
        guard let mark = Self.read(head) else { return nil }
        self = mark
    }

    /// The mark a line of UTF-8 opens with.
    public init?(opening bytes: ArraySlice<UInt8>) {
        self.init(opening: UTF8Scalars(bytes))
    }

    private init(style: Style, number: Int, length: Int, separator: Unicode.Scalar? = nil) {
        self.style = style
        self.number = number
        self.length = length
        self.separator = separator
    }

    private static func read(_ s: [Unicode.Scalar]) -> HeadingMark? {
        guard let first = s.first else { return nil }
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        if let value = circledValue(first) { return HeadingMark(style: .circled, number: value, length: 1) }
        if isOpeningBracket(first) {
            let (end, value, chinese) = number(s, from: 1)
            guard let value, let close = at(end), isClosingBracket(close) else { return nil }
            return HeadingMark(style: chinese ? .chineseInBrackets : .digitsInBrackets, number: value, length: end + 1)
        }
        if first == "第" {
            let (end, value, _) = number(s, from: 1)
            guard let value else { return nil }
            if at(end) == "部", at(end + 1) == "分" { return HeadingMark(style: .part, number: value, length: end + 2) }
            if at(end) == "篇", let colon = at(end + 1), isColon(colon) { return HeadingMark(style: .piece, number: value, length: end + 2) }
            return nil
        }
        if first == "篇" {
            let (end, value, _) = number(s, from: 1)
            guard let value, let colon = at(end), isColon(colon) else { return nil }
            return HeadingMark(style: .piece, number: value, length: end + 1)
        }
        let (end, value, chinese) = number(s, from: 0)
        guard let value, let separator = at(end), isSeparator(separator) else { return nil }
        // "一、二季度", "1.5万元", "1、2月份": numbers, not a heading.
        if let next = at(end + 1), isNumeral(next) || ProofCharacter.isFullWidthAlphanumeric(next) { return nil }
        return HeadingMark(style: chinese ? .chineseNumeral : .digits, number: value, length: end + 1, separator: separator)
    }

    /// The number written from `start`: where it ends, its value (nil when there is none, or it mixes
    /// Chinese numerals and digits, or is 0), and whether it is in Chinese numerals.
    private static func number(_ s: [Unicode.Scalar], from start: Int) -> (end: Int, value: Int?, chinese: Bool) {
        var end = start
        while end < s.count, end - start < longestNumber, isNumeral(s[end]) { end += 1 }
        guard end > start else { return (end, nil, false) }
        let chinese = isChineseNumeral(s[start])
        var value = 0
        for k in start..<end {
            guard isChineseNumeral(s[k]) == chinese else { return (end, nil, chinese) }
        }
        if chinese {
            var text = ""
            text.unicodeScalars.append(contentsOf: s[start..<end])
            value = ChineseNumeral.parse(text) ?? 0
        } else {
            for k in start..<end { value = value * 10 + digitValue(s[k]) }
        }
        return (end, value > 0 ? value : nil, chinese)
    }

    /// True when `words` (the text before a blank) end with a list item's number: "（一）", "(2)", "二、",
    /// "3.", "一是" (spaces after it allowed).
    public static func endsWithListNumber<C: BidirectionalCollection<Unicode.Scalar>>(_ words: C) -> Bool {
        var k = words.endIndex
        func previous() -> Unicode.Scalar? {
            guard k > words.startIndex else { return nil }
            k = words.index(before: k)
            return words[k]
        }
        var last = previous()
        while let s = last, s == " " || s == "\u{3000}" { last = previous() }
        guard let close = last, isClosingBracket(close) || close == "、" || close == "." || close == "．" || close == "是" else { return false }
        guard let numeral = previous() else { return false }
        return isNumeral(numeral)
    }

    /// 一 to 十, 百, 零, 〇 and the digits, ASCII or full-width.
    public static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        isChineseNumeral(s) || digitValue(s) >= 0
    }

    static func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇": true
        default: false
        }
    }

    /// 0–9 for an ASCII or full-width digit, else -1.
    private static func digitValue(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x30...0x39: Int(s.value - 0x30)
        case 0xFF10...0xFF19: Int(s.value - 0xFF10)
        default: -1
        }
    }

    private static func circledValue(_ s: Unicode.Scalar) -> Int? {
        (0x2460...0x2473).contains(s.value) ? Int(s.value - 0x245F) : nil
    }

    static func isOpeningBracket(_ s: Unicode.Scalar) -> Bool { s == "（" || s == "(" }
    static func isClosingBracket(_ s: Unicode.Scalar) -> Bool { s == "）" || s == ")" }
    /// What follows the number of "一、" and "1.": the pause mark, or a comma or full stop written for it.
    static func isSeparator(_ s: Unicode.Scalar) -> Bool { s == "、" || s == "，" || s == "." || s == "．" }
    private static func isColon(_ s: Unicode.Scalar) -> Bool { s == ":" || s == "：" }
}
