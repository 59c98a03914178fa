/// One line of a report as the proof-reading rules read it: its characters (Unicode scalars) and where
/// each lies in the report's UTF-8 text.
public struct ProofLine: Sendable {
    /// 1-based line number.
    public internal(set) var number: Int = 0
    /// The characters of the line, without its line end.
    public internal(set) var scalars: [Unicode.Scalar] = []
    /// The byte offset in the text of each character, and one more: where the line's content ends.
    public internal(set) var offsets: [Int] = []

    public init() {}

    /// The line `number` whose content is `bytes[range]` (a trailing CR left out).
    init(number: Int, text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.init()
        reset(number: number, text: text, range: range)
    }

    /// Reads the line `number` from `text[range]` into this value's storage, keeping its capacity.
    mutating func reset(number: Int, text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.number = number
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var end = range.upperBound
        if end > range.lowerBound, text[end - 1] == 0x0D { end -= 1 }
        var k = range.lowerBound
        while k < end {
            let (value, length) = UTF8Scalars.decode(text, at: k, end: end)
            offsets.append(k)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            k += length
        }
        offsets.append(end)
    }

    public var count: Int { scalars.count }

    /// The character at `i`, or nil outside the line.
    @inline(__always)
    public subscript(safe i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    /// The bytes the characters `range` take in the text.
    public func byteRange(_ range: Range<Int>) -> Range<Int> { offsets[range.lowerBound]..<offsets[range.upperBound] }

    /// The characters `range` as a String.
    public func string(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    /// The text around `range`: up to `width` characters each side, with "…" where the line goes on.
    public func excerpt(_ range: Range<Int>, width: Int = 8) -> String {
        let from = max(0, range.lowerBound - width), to = min(count, range.upperBound + width)
        return (from > 0 ? "…" : "") + string(from..<to) + (to < count ? "…" : "")
    }

    /// Where the text of the line starts: past spaces and ideographic spaces of indentation.
    public var indentEnd: Int {
        var i = 0
        while i < count, ProofCharacter.isSpace(scalars[i]) { i += 1 }
        return i
    }

    /// A Finding of `rule` over the characters `range`.
    func finding(_ rule: ProofRule, _ range: Range<Int>, fix: String?, safe: Bool, detail: Finding.Detail = .none) -> Finding {
        Finding(rule: rule, line: number, column: range.lowerBound + 1, byteRange: byteRange(range),
                found: string(range), fix: fix, isSafe: safe, excerpt: excerpt(range), detail: detail)
    }
}

/// What kind of character a scalar is, as the rules need to know.
public enum ProofCharacter {
    /// A Chinese character (CJK ideographs and their extensions, 〇).
    @inline(__always)
    public static func isHan(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    /// Chinese punctuation that closes something or ends a clause: what may stand before a mark.
    public static func isClosingChinesePunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "”", "’", "）", "》", "】", "」", "』", "〕", "〉": return true
        default: return false
        }
    }

    /// Chinese punctuation that opens something: what may stand after a mark.
    public static func isOpeningChinesePunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "“", "‘", "（", "《", "【", "「", "『", "〔", "〈": return true
        default: return false
        }
    }

    /// A space, a tab or an ideographic space.
    @inline(__always)
    public static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }

    @inline(__always)
    public static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always)
    public static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }

    /// A full-width digit or Latin letter (０–９, Ａ–Ｚ, ａ–ｚ).
    @inline(__always)
    public static func isFullWidthAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v)
    }

    /// A Chinese numeral digit that numbers headings (一 … 十, 〇, 零, 两 is not used).
    public static func isChineseNumeralDigit(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零", "百": return true
        default: return false
        }
    }
}
