import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A line removed from the report because it is reseller advertising.
public struct RemovedLine: Hashable, Sendable, Codable {
    /// 1-based line in the original file.
    public let line: Int
    public let text: String
    /// Why it was taken for an advert: the signal it carries ("QQ", "小编", "网址", "标题前").
    public let reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }
}

/// Recognises reseller advertising ("仅供学习 禁止外传", "会员群：… 免费QQ群：", "某某整理，咨询QQ…")
/// from general signals kept in Resources/data/boilerplate.txt, never from a seller's name.
public struct Boilerplate: Sendable {
    public private(set) var maximumLength = 60

    /// The rules of Resources/data/boilerplate.txt, read from the embedded file's bytes.
    public static let bundled = Boilerplate { rule in BundledResources.forEachRuleLine("boilerplate.txt", rule) }

    public init(ruleLines: [String]) {
        self.init { rule in for line in ruleLines { Array(line.utf8).withUnsafeBufferPointer { rule(LineBytes.trimmed($0)) } } }
    }

    /// Reads rules given line by line, as bytes: the bundled ones are read at every start, where
    /// Strings (split, compared, decoded again) would cost more than the rest of their use.
    private init(rules: ((ArraySlice<UInt8>) -> Void) -> Void) {
        rules { line in
            guard let gap = line.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) else { return }
            let value = LineBytes.trimmed(line[(gap + 1)...])
            guard !value.isEmpty else { return }
            let kind = line[..<gap]
            if Self.isKind(kind, "max-length") {
                maximumLength = Int(String(decoding: value, as: UTF8.self)) ?? maximumLength
            } else if Self.isKind(kind, "word") {
                wordBytes.append(Array(value))
            } else if Self.isKind(kind, "contact") {
                contactBytes.append(Array(value))
            } else if Self.isKind(kind, "attribution") {
                attributionBytes.append(Array(value))
            } else if Self.isKind(kind, "phrase") {
                phraseBytes.append(Array(value))
            } else if Self.isKind(kind, "ending") {
                endingBytes.append(Array(value))
            } else if Self.isKind(kind, "title-word") {
                titleScalars.append(Array(String(decoding: value, as: UTF8.self).unicodeScalars))
            }
        }
        // Longest first; by scalars, as the words are single-scalar characters.
        attributionBytes.sort { LineBytes.scalarCount($0[...]) > LineBytes.scalarCount($1[...]) }
        for bytes in wordBytes { addSignal(.word, bytes) }
        for bytes in contactBytes { addSignal(.contact, bytes) }
        for bytes in attributionBytes { addSignal(.attribution, bytes) }
        for bytes in phraseBytes { addSignal(.phrase, bytes) }
        for signal in signals where signal.first < 0x10000 {
            signalStarts[Int(signal.first >> 6)] |= 1 << UInt64(signal.first & 63)
        }
        signals.sort { $0.first < $1.first }
    }

    /// Whether a rule's kind is `name` (compared as bytes: a String's UTF-8 view is walked slowly).
    private static func isKind(_ kind: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        guard kind.count == name.utf8CodeUnitCount else { return false }
        let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return kind.elementsEqual(bytes)
    }

    /// A signal word and what it signals.
    private struct Signal {
        enum Kind { case word, contact, attribution, phrase }
        var kind: Kind
        var bytes: [UInt8]
        /// Its first character.
        var first: UInt32
    }

    /// The signal words in the order of their first character, so a line is read once and only the
    /// words that start with a character are compared where it stands. (A dictionary by first character
    /// would be built at every start, for some fifty words.)
    private var signals: [Signal] = []

    private mutating func addSignal(_ kind: Signal.Kind, _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let first = bytes.withUnsafeBufferPointer { UTF8Scalars.decode($0, at: 0, end: $0.count).value }
        signals.append(Signal(kind: kind, bytes: bytes, first: first))
    }

    /// The signal words starting with `scalar` (found by halving).
    private func signals(startingWith scalar: UInt32) -> ArraySlice<Signal> {
        var low = 0, high = signals.count
        while low < high {
            let middle = (low + high) / 2
            if signals[middle].first < scalar { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < signals.count, signals[end].first == scalar { end += 1 }
        return signals[low..<end]
    }

    /// A bit for every character of the Basic Multilingual Plane that starts some signal word:
    /// a line without any of them is no advert.
    private var signalStarts = [UInt64](repeating: 0, count: 1024)

    /// True when `scalar` may start a signal word (always asked of the dictionary beyond the BMP).
    @inline(__always)
    private func isSignalStart(_ scalar: UInt32) -> Bool {
        scalar >= 0x10000 || signalStarts[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// True when the line holds a character that starts some signal word; one pass, a bit test a character.
    private func mayHoldSignal(_ line: ArraySlice<UInt8>) -> Bool {
        var k = line.startIndex
        let end = line.endIndex
        while k < end {
            let (scalar, length) = UTF8Scalars.decode(line, at: k, end: end)
            // Beyond the Basic Multilingual Plane no signal word starts.
            if scalar < 0x10000, signalStarts[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0 { return true }
            k += length
        }
        return false
    }

    private var wordBytes: [[UInt8]] = []
    private var phraseBytes: [[UInt8]] = []
    private var endingBytes: [[UInt8]] = []

    /// The longest line a phrase signal is looked for in (a reseller's introduction runs to a few
    /// hundred characters; a report's paragraphs are not read past this).
    public static let phraseLineLimit = 400
    private var contactBytes: [[UInt8]] = []
    private var attributionBytes: [[UInt8]] = []

    /// True when a line reads as advertising.
    public func isAdvert(_ raw: String) -> Bool {
        Array(raw.utf8).withUnsafeBufferPointer { advertSignal(ArraySlice($0)) != nil }
    }

    /// The signal that makes a line (without its line end) read as advertising, or nil. A short line
    /// (up to `maximumLength` characters) is an advert on any signal; a longer one, up to
    /// `phraseLineLimit`, only on a phrase ("小编", "以供参考", "版权归"); the report's own headings
    /// never are. Works on the bytes, so that checking every line of a 100 MB template stays cheap.
    public func advertSignal(_ raw: ArraySlice<UInt8>) -> String? {
        let line = LineBytes.trimmed(raw)
        if line.isEmpty { return nil }
        let length = LineBytes.scalarCount(line)
        if length > Self.phraseLineLimit { return nil }
        let isShort = length <= maximumLength
        if isShort, let chrome = Self.pageChrome(line) { return chrome }
        // A line with a blank of its own is the template's: only a phrase or a page's chrome makes it an
        // advert. (Asked only of a line with a weaker signal.)
        var blankFound: Bool?
        func holdsBlank() -> Bool {
            if let blankFound { return blankFound }
            let found = line.withUnsafeBufferPointer { !BlankScanner.bundled.runs(in: $0).isEmpty }
            blankFound = found
            return found
        }
        if isShort, let ending = endingBytes.first(where: { Self.ends(line, with: $0) && line.count > $0.count + 3 }), !holdsBlank() {
            return String(decoding: ending, as: UTF8.self)
        }
        if isShort, Self.isPartMark(line) { return "分篇" }
        guard mayHoldSignal(line) else { return nil }
        // One pass over the characters: the signal words starting with one are compared where it stands.
        var found: [UInt8]?
        var mayBeAttribution = false
        var k = line.startIndex
        scan: while k < line.endIndex {
            let (scalar, length) = UTF8Scalars.decode(line, at: k, end: line.endIndex)
            if isSignalStart(scalar) {
                for signal in signals(startingWith: scalar) where LineBytes.matches(signal.bytes, in: line, at: k) {
                    switch signal.kind {
                    case .phrase:
                        found = signal.bytes
                        break scan
                    case .word where isShort:
                        if !holdsBlank() { found = signal.bytes; break scan }
                    case .contact where isShort:
                        if contactFollows(line, from: k + signal.bytes.count) { found = signal.bytes; break scan }
                    case .attribution where isShort && !holdsBlank():
                        mayBeAttribution = true
                    default:
                        break
                    }
                }
            }
            k += length
        }
        if found == nil && mayBeAttribution, let word = attribution(line) { found = word }
        // The report's own headings are never adverts, whatever words they hold.
        guard let found, !Boilerplate.isHeading(scalars: UTF8Scalars(line)) else { return nil }
        return String(decoding: found, as: UTF8.self)
    }

    /// True when the line ends with `word`, ignoring a closing colon, question mark or spaces.
    private static func ends(_ line: ArraySlice<UInt8>, with word: [UInt8]) -> Bool {
        var end = line.endIndex
        while end > line.startIndex {
            if line[end - 1] == 0x3A || line[end - 1] == 0x3F || line[end - 1] == 0x20 { end -= 1; continue }
            if end - line.startIndex >= 3, line[end - 3] == 0xEF, line[end - 2] == 0xBC, line[end - 1] == 0x9A || line[end - 1] == 0x9F {
                end -= 3; continue
            }
            break
        }
        return end - line.startIndex >= word.count && line[(end - word.count)..<end].elementsEqual(word)
    }

    /// What a web page puts around a text and a report never holds, or nil: a line without any Chinese
    /// character but with Latin letters or backquotes ("```", "background image"); a time stamp
    /// ("2024-10-29 10:36:30"); a list item of a web page ("- 相关推荐"); a breadcrumb ("首页 > 工作总结").
    static let partWord = Array("篇".utf8), wideGreater = Array("＞".utf8)

    static func pageChrome(_ line: ArraySlice<UInt8>) -> String? {
        var hasIdeograph = false, hasLatin = false, hasMarker = false
        var k = line.startIndex
        while k < line.endIndex {
            let c = line[k]
            if c >= 0xE4 && c <= 0xE9 { hasIdeograph = true; break }
            if c == 0x58 || c == 0x78 || (c == 0xC3 && k + 1 < line.endIndex && line[k + 1] == 0x97) { hasMarker = true }
            if BlankScanner.isASCIILetter(c) || c == 0x60 { hasLatin = true }
            k += LineBytes.scalarLength(c)
        }
        if !hasIdeograph && hasLatin && (!hasMarker || BlankScanner.bundled.runs(in: Array(line)).isEmpty) { return "网页代码" }
        if line.count >= 2, line[line.startIndex] == 0x2D, line[line.startIndex + 1] == 0x20 { return "网页列表" }
        if containsTimeStamp(line) { return "发布时间" }
        // "首页 > 报告总结", "考试网> 工作计划> 正文": ">" or "＞" between words, not a quotation's opening ">".
        guard line.contains(0x3E) || ByteSearch.firstIndex(of: Self.wideGreater, in: line) != nil else { return nil }
        k = line.startIndex + 1
        while k < line.endIndex {
            let arrow = line[k] == 0x3E ? 1 : (line[k] == 0xEF && k + 2 < line.endIndex && line[k + 1] == 0xBC && line[k + 2] == 0x9E ? 3 : 0)
            if arrow > 0, k + arrow < line.endIndex, line[k + arrow] == 0x20 {
                return hasIdeograph ? "网页导航" : nil
            }
            k += 1
        }
        return nil
    }

    /// True when a line numbers the pieces of a collection: "篇一：…", "第一篇:…", "…方案 篇1".
    static func isPartMark(_ line: ArraySlice<UInt8>) -> Bool {
        guard ByteSearch.firstIndex(of: Self.partWord, in: line) != nil else { return false }
        if HeadingMark(opening: line)?.style == .piece { return true }
        // "…方案 篇1": the piece's number at the end, after a space.
        let scalars = Array(UTF8Scalars(line))
        var k = scalars.count - 1
        while k >= 0, HeadingMark.isNumeral(scalars[k]) { k -= 1 }
        return k >= 1 && k < scalars.count - 1 && scalars[k] == "篇" && (scalars[k - 1] == " " || scalars[k - 1] == "\u{3000}")
    }

    /// True when the line holds "YYYY-MM-DD HH:MM" (or with "/" or "."), as a page's publishing time.
    private static func containsTimeStamp(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.contains(0x3A) else { return false }
        let b = Array(line)
        func digits(_ i: Int, _ n: Int) -> Int? {
            var k = i
            while k < b.count, k - i < n, b[k] >= 0x30 && b[k] <= 0x39 { k += 1 }
            return k > i ? k : nil
        }
        var i = 0
        while i + 10 <= b.count {
            if let y = digits(i, 4), y - i == 4, y < b.count, b[y] == 0x2D || b[y] == 0x2F || b[y] == 0x2E,
               let m = digits(y + 1, 2), m < b.count, b[m] == b[y], let d = digits(m + 1, 2) {
                var t = d
                while t < b.count, b[t] == 0x20 { t += 1 }
                if t > d, let h = digits(t, 2), h < b.count, b[h] == 0x3A, let mm = digits(h + 1, 2), mm - h == 3 { return true }
            }
            i += 1
        }
        return false
    }

    /// True when a line can be the report's title: short, and ending with a document word such as 总结 or 报告,
    /// optionally followed by a bracketed note ("2020年党建工作总结（党组）").
    public func isTitle(_ raw: String) -> Bool {
        // Scalar by scalar (the title words are ideographs, one scalar a character): as Characters and
        // Strings they are slower, on the wizard's start-up path.
        var line = Array(raw.unicodeScalars)
        Self.trim(&line) { $0.properties.isWhitespace }
        if line.isEmpty || line.count > maximumLength || Boilerplate.isHeading(scalars: line) { return false }
        // "会议议题：讨论年度工作计划" is a line of a form; "——在…上的讲话" a subtitle.
        if line.contains(where: { $0 == "：" || $0 == ":" }) || line.first == "—" { return false }
        if let last = line.last, last == "）" || last == ")", let open = line.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            line.removeSubrange(open...)
        }
        Self.trim(&line) { $0.properties.isWhitespace && !Self.isNewline($0) }
        return titleScalars.contains { word in word.count <= line.count && line[(line.count - word.count)...].elementsEqual(word) }
    }

    private static func trim(_ line: inout [Unicode.Scalar], where isSpace: (Unicode.Scalar) -> Bool) {
        while let last = line.last, isSpace(last) { line.removeLast() }
        if let first = line.firstIndex(where: { !isSpace($0) }) { line.removeFirst(first) } else { line.removeAll() }
    }

    private static func isNewline(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x0A && s.value <= 0x0D) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
    }

    /// The title words, as scalars.
    private var titleScalars: [[Unicode.Scalar]] = []

    /// "一、", "（一）", "(一)", "1.", "1．", "（1）", "①": the report's own headings are never adverts.
    public static func isHeading(_ line: String) -> Bool { isHeading(scalars: line.unicodeScalars) }

    /// The same test on any text's characters (only its first few are read).
    static func isHeading<S: Sequence<Unicode.Scalar>>(scalars line: S) -> Bool {
        (HeadingMark(opening: line)?.level ?? 0) >= 1
    }

    /// After a contact word (ending at `end`): within six characters, a number of five or more digits;
    /// or, within two characters, a colon and nothing but spaces ("免费QQ群：      ").
    private func contactFollows(_ line: ArraySlice<UInt8>, from end: Int) -> Bool {
        var k = end
        var skipped = 0
        while k < line.endIndex, skipped < 6, LineBytes.digitLength(line, k) == 0 {
            k += LineBytes.scalarLength(line[k]); skipped += 1
        }
        var digits = 0
        while k < line.endIndex {
            let length = LineBytes.digitLength(line, k)
            if length > 0 { digits += 1; k += length } else if line[k] == 0x2D { k += 1 } else { break }
        }
        if digits >= 5 { return true }
        // An empty contact slot: the word, at most two characters, a colon, then only spaces.
        var j = end
        var steps = 0
        while j < line.endIndex, steps <= 2, LineBytes.colonLength(line, j) == 0 { j += LineBytes.scalarLength(line[j]); steps += 1 }
        if j < line.endIndex, LineBytes.colonLength(line, j) > 0 {
            let rest = line[(j + LineBytes.colonLength(line, j))...]
            let spaces = LineBytes.leadingSpaceCount(rest)
            if LineBytes.trimmed(rest).isEmpty || spaces >= 4 { return true }
        }
        return false
    }

    /// "某某整理", "某某整理，咨询…": a short line crediting the text to whoever compiled it; the word.
    private func attribution(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        guard LineBytes.scalarCount(line) <= 24,
              attributionBytes.contains(where: { ByteSearch.firstIndex(of: $0, in: line) != nil }) else { return nil }
        let text = String(decoding: line, as: UTF8.self)
        for bytes in attributionBytes {
            guard let range = text.firstRange(of: String(decoding: bytes, as: UTF8.self)) else { continue }
            let head = text[..<range.lowerBound]
            let tail = text[range.upperBound...].trimmed(where: { " ，,。、".contains($0) })
            if head.unicodeScalars.count >= 2, head.unicodeScalars.count <= 10, tail.isEmpty { return bytes }
        }
        return nil
    }
}
