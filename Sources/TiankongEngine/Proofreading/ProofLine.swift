/// One line of a report as the proof-reading rules read it: its characters (Unicode scalars) and where
/// each lies in the report's UTF-8 text.
public struct ProofLine: Sendable {
    /// 1-based line number.
    public internal(set) var number: Int = 0
    /// The characters of the line, without its line end.
    public internal(set) var scalars: [Unicode.Scalar] = []
    /// The byte offset in the text of each character, and one more: where the line's content ends.
    public internal(set) var offsets: [Int] = []
    /// The kinds of character in the line that rules look for.
    public internal(set) var kinds = Kinds()

    public init() {}

    /// The line `number` whose content is `bytes[range]` (a trailing CR left out).
    init(number: Int, text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.init()
        reset(number: number, text: text, range: range)
    }

    /// Reads the line `number` from `text[range]` into this value's storage, keeping its capacity.
    mutating func reset(number: Int, text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.number = number
        var end = range.upperBound
        if end > range.lowerBound, text[end - 1] == 0x0D { end -= 1 }
        // Sized for the most characters the bytes can hold, written through pointers, then cut to those read.
        let most = end - range.lowerBound
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        scalars.append(contentsOf: repeatElement(Unicode.Scalar(0), count: most))
        offsets.append(contentsOf: repeatElement(0, count: most + 1))
        var count = 0
        var kinds = Kinds()
        scalars.withUnsafeMutableBufferPointer { scalars in
            offsets.withUnsafeMutableBufferPointer { offsets in
                var previousIsMark = false
                var k = range.lowerBound
                while k < end {
                    let (value, length) = UTF8Scalars.decode(text, at: k, end: end)
                    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                    let (found, isMark) = Self.kinds(of: scalar.value)
                    kinds.formUnion(found)
                    if isMark && previousIsMark { kinds.insert(.adjacentClauseMarks) }
                    previousIsMark = isMark
                    offsets[count] = k
                    scalars[count] = scalar
                    count += 1
                    k += length
                }
                offsets[count] = end
            }
        }
        scalars.removeLast(most - count)
        offsets.removeLast(most - count)
        self.kinds = kinds
    }

    /// Kinds of character a rule looks for: a line without any of a rule's kinds is passed by.
    public struct Kinds: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// A space, a tab or an ideographic space.
        public static let space = Kinds(rawValue: 1 << 0)
        /// One of , ; : ? ! ( ) " ' (ASCII).
        public static let asciiPunctuation = Kinds(rawValue: 1 << 1)
        /// Two clause marks in a row (、，：；。？！ and ASCII , ;).
        public static let adjacentClauseMarks = Kinds(rawValue: 1 << 2)
        /// A bracket or quote that pairs (《》“”‘’（）【】「」『』 and ASCII brackets).
        public static let pairedMark = Kinds(rawValue: 1 << 3)
        /// A full-width digit, letter or point (U+FF0E–U+FF5A).
        public static let fullWidth = Kinds(rawValue: 1 << 4)
        public static let month = Kinds(rawValue: 1 << 5)
        public static let year = Kinds(rawValue: 1 << 6)
    }

    /// The kinds a character is, and whether it is a clause mark.
    @inline(__always)
    private static func kinds(of v: UInt32) -> (Kinds, isMark: Bool) {
        if v >= 0x4E00 && v < 0xA000 {
            return (v == 0x6708 ? .month : v == 0x5E74 ? .year : [], false)   // 月, 年
        }
        if v < 0x80 { return asciiKinds[Int(v)] }
        switch v {
        case 0x3000: return (.space, false)
        case 0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01: return ([], true)   // 、。，：；？！
        case 0x300A, 0x300B, 0x201C, 0x201D, 0x2018, 0x2019, 0xFF08, 0xFF09, 0x3010, 0x3011, 0x300C, 0x300D, 0x300E, 0x300F:
            return (.pairedMark, false)
        case 0xFF0E...0xFF5A: return (.fullWidth, false)
        default: return ([], false)
        }
    }

    private static let asciiKinds: [(Kinds, isMark: Bool)] = (0..<128).map { v -> (Kinds, isMark: Bool) in
        switch Unicode.Scalar(UInt8(v)) {
        case " ", "\t": return (.space, false)
        case ",", ";": return (.asciiPunctuation, true)
        case ":", "?", "!", "\"", "'": return (.asciiPunctuation, false)
        case "(", ")": return ([.asciiPunctuation, .pairedMark], false)
        default: return ([], false)
        }
    }

    public var count: Int { scalars.count }

    /// The character at `i`, or nil outside the line.
    @inline(__always)
    public subscript(safe i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    /// The bytes the characters `range` take in the text.
    public func byteRange(_ range: Range<Int>) -> Range<Int> { offsets[range.lowerBound]..<offsets[range.upperBound] }

    /// The characters `range` as a String, encoded straight into its storage.
    public func string(_ range: Range<Int>) -> String {
        scalars.withUnsafeBufferPointer { scalars in
            String(unsafeUninitializedCapacity: 4 * range.count) { buffer in
                var n = 0
                for c in scalars[range] {
                    let v = c.value
                    if v < 0x80 {
                        buffer[n] = UInt8(v)
                        n += 1
                    } else if v < 0x800 {
                        buffer[n] = UInt8(0xC0 | v >> 6)
                        buffer[n + 1] = UInt8(0x80 | v & 0x3F)
                        n += 2
                    } else if v < 0x10000 {
                        buffer[n] = UInt8(0xE0 | v >> 12)
                        buffer[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                        buffer[n + 2] = UInt8(0x80 | v & 0x3F)
                        n += 3
                    } else {
                        buffer[n] = UInt8(0xF0 | v >> 18)
                        buffer[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                        buffer[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
                        buffer[n + 3] = UInt8(0x80 | v & 0x3F)
                        n += 4
                    }
                }
                return n
            }
        }
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
