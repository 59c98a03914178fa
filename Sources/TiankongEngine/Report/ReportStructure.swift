import FoundationEssentials

/// The report as a document: its title, its headings with their levels, its body paragraphs and the
/// signature and date at its end, each with where it lies in the text and the blanks it holds.
///
/// One reading for every reader: the Word writer styles the paragraphs by it, `check` reports the
/// headings it finds, and a template's report and the same report read back from its text come to the
/// same structure. The first non-empty line is the title (the report's text starts with it: what
/// stood above it in the template is not written); a heading's level is what its number says
/// (`HeadingMark`, GB/T 9704-2012 §7.3.3); an organisation's name and a date as the last lines are the
/// signature (落款).
public struct ReportStructure: Sendable, Equatable {
    /// What a paragraph is in the report.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        case title
        /// "一、…"
        case heading1
        /// "（一）…" or "(一)…"; its heading words may run into the body of the same paragraph.
        case heading2
        /// "1." or "1．" or "1、"
        case heading3
        /// "（1）…" or "(1)…"
        case heading4
        /// Body text, "①…" and a part's mark ("第一部分") among it: GB/T 9704 styles four levels of heading.
        case body
        /// The organisation's name at the end of the report (落款).
        case signature
        /// The date under the signature (成文日期).
        case date

        /// The role of a paragraph whose words open with `mark`.
        static func heading(_ mark: HeadingMark?) -> Role {
            switch mark?.level {
            case 1: .heading1
            case 2: .heading2
            case 3: .heading3
            case 4: .heading4
            default: .body
            }
        }
    }

    /// One paragraph: one non-empty line of the report (two for a title wrapped over two lines).
    public struct Paragraph: Sendable, Equatable {
        public var role: Role
        /// The line without the white space around it.
        public var text: String
        /// For a level-2 heading, the heading words: up to and including the first "。", or the
        /// whole line when there is none. `nil` for every other role.
        public var headingWords: String?
        /// The number the paragraph opens with, whatever its role ("①" and "第一部分" among body text).
        public var mark: HeadingMark?
        /// Where the paragraph lies in the text it was read from: its lines, without their line ends.
        public var byteRange: Range<Int>
        /// The blanks it holds (their 1-based indexes), in order; none for a report read from its text.
        public var blanks: [Int]

        /// What follows the heading words in the same paragraph (all of `text` when there are none).
        public var bodyWords: String {
            guard let headingWords else { return text }
            return String(text.dropFirst(headingWords.count))
        }

        public init(role: Role, text: String, headingWords: String? = nil, mark: HeadingMark? = nil,
                    byteRange: Range<Int> = 0..<0, blanks: [Int] = []) {
            self.role = role
            self.text = text
            self.headingWords = headingWords
            self.mark = mark
            self.byteRange = byteRange
            self.blanks = blanks
        }
    }

    /// The paragraphs in reading order; empty lines are not paragraphs.
    public var paragraphs: [Paragraph]

    /// The title, or `nil` for a report with no text.
    public var title: String? { paragraphs.first { $0.role == .title }?.text }

    /// The headings of the four levels GB/T 9704 styles, in order.
    public var headings: [Paragraph] {
        paragraphs.filter { $0.role == .heading1 || $0.role == .heading2 || $0.role == .heading3 || $0.role == .heading4 }
    }

    /// Reads the structure of a finished report.
    /// - Parameter text: the report, "\n" or "\r\n" line ends; its first non-empty line is the title.
    public init(text: String) {
        self.init(utf8: Array(text.utf8))
    }

    /// Reads the structure of a finished report given as UTF-8.
    public init(utf8: [UInt8]) {
        let kept = utf8.isEmpty ? [] : [ByteSpan(0..<utf8.count)]
        self.init(text: utf8, kept: kept, blanks: []) { range in
            String(decoding: utf8[range], as: UTF8.self)
        }
    }

    /// The structure of the report `template` makes, with `answers` in its blanks (a blank without
    /// one shows its marker).
    public init(template: Template, answers: [String: String] = [:]) {
        var answerOfBlank: [Int: String] = [:]
        for field in template.fields {
            guard let answer = answers[field.id] else { continue }
            for index in field.blankIndexes { answerOfBlank[index] = answer }
        }
        var blanks = template.blanks
        if !zip(blanks, blanks.dropFirst()).allSatisfy({ $0.byteRange.lowerBound <= $1.byteRange.lowerBound }) {
            blanks.sort { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        }
        let text = template.text
        // The report's own text ends at `reportEnd` (a Word template's headers and footers are not written with it).
        let end = template.reportEnd ?? text.count
        let kept = template.keptRanges.filter { $0.lowerBound < end }.map { ByteSpan($0.lowerBound..<min($0.upperBound, end)) }
        self.init(text: text, kept: kept, blanks: blanks) { range in
            // The words of `range` with each blank in it answered.
            var out: [UInt8] = []
            var position = range.lowerBound
            var k = Self.firstBlank(in: blanks, from: range.lowerBound)
            while k < blanks.count, blanks[k].byteRange.upperBound <= range.upperBound {
                let blank = blanks[k]
                out += text[position..<blank.byteRange.lowerBound]
                if let answer = answerOfBlank[blank.index] { out += answer.utf8 } else { out += text[blank.byteRange] }
                position = blank.byteRange.upperBound
                k += 1
            }
            out += text[position..<range.upperBound]
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The paragraphs of the lines of `kept`, the first of them the title.
    /// - Parameter words: the words of a range of the text, as the report has them.
    private init(text: [UInt8], kept: [ByteSpan], blanks: [Blank], words: (Range<Int>) -> String) {
        var paragraphs: [Paragraph] = []
        func add(_ range: Range<Int>) {
            let line = words(range).trimmingReportSpace()
            guard !line.isEmpty else { return }
            var indexes: [Int] = []
            var k = Self.firstBlank(in: blanks, from: range.lowerBound)
            while k < blanks.count, blanks[k].byteRange.upperBound <= range.upperBound { indexes.append(blanks[k].index); k += 1 }
            let mark = HeadingMark(opening: line.unicodeScalars)
            let role: Role = paragraphs.isEmpty ? .title : Role.heading(mark)
            paragraphs.append(Paragraph(role: role, text: line, headingWords: role == .heading2 ? Self.headingWords(of: line) : nil,
                                        mark: mark, byteRange: range, blanks: indexes))
        }
        for span in kept {
            var start = span.lowerBound
            while start < span.upperBound {
                // A line ends at "\n", "\r", a vertical tab or form feed, NEL, or the Unicode line and paragraph separators.
                var end = start
                var next = span.upperBound
                while end < span.upperBound {
                    let c = text[end]
                    if c == 0x0A || c == 0x0B || c == 0x0C { next = end + 1; break }
                    if c == 0x0D { next = end + 1 < span.upperBound && text[end + 1] == 0x0A ? end + 2 : end + 1; break }
                    if c == 0xC2, end + 1 < span.upperBound, text[end + 1] == 0x85 { next = end + 2; break }
                    if c == 0xE2, end + 2 < span.upperBound, text[end + 1] == 0x80, text[end + 2] == 0xA8 || text[end + 2] == 0xA9 { next = end + 3; break }
                    end += 1
                }
                let line = start..<end
                start = next
                add(line)
            }
        }
        Self.markSignature(in: &paragraphs)
        self.paragraphs = paragraphs
    }

    /// The position of the first blank starting at or after `offset`, found by halving.
    private static func firstBlank(in blanks: [Blank], from offset: Int) -> Int {
        var low = 0, high = blanks.count
        while low < high {
            let middle = (low + high) / 2
            if blanks[middle].byteRange.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A level-2 heading's words: up to and including the first "。", or the whole line.
    static func headingWords(of line: String) -> String {
        guard let stop = line.firstIndex(of: "。") else { return line }
        return String(line[...stop])
    }

    // MARK: - Signature

    /// Marks the last lines as signature and date when they read as an organisation and a date.
    private static func markSignature(in paragraphs: inout [Paragraph]) {
        guard paragraphs.count >= 2, let last = paragraphs.last, last.role == .body,
              isDate(last.text) else { return }
        paragraphs[paragraphs.count - 1].role = .date
        let previous = paragraphs.count - 2
        if previous > 0, paragraphs[previous].role == .body, isOrganisationName(paragraphs[previous].text) {
            paragraphs[previous].role = .signature
        }
    }

    private static let sentencePunctuation: Set<Character> = ["。", "，", "；", "：", "！", "？", ",", ";", ":", "!", "?", "、", "."]

    /// A short line that does not read as a sentence.
    static func isOrganisationName(_ line: String) -> Bool {
        guard line.count <= 30, let last = line.last else { return false }
        return !sentencePunctuation.contains(last) && !line.contains("。")
    }

    private static let dateDigits: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                                     "〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                                     "X", "x", "Ｘ", "×"]

    /// "2021年1月15日", "二〇二一年一月十五日", or the same with X placeholders.
    static func isDate(_ line: String) -> Bool {
        var parts: [Int] = []   // the length of each number before 年, 月, 日
        var count = 0
        var expected: [Character] = ["年", "月", "日"]
        for character in line where !character.isWhitespace {
            if dateDigits.contains(character) {
                count += 1
            } else if let next = expected.first, character == next, count > 0 {
                parts.append(count)
                count = 0
                expected.removeFirst()
            } else {
                return false
            }
        }
        guard expected.isEmpty, count == 0, parts.count == 3 else { return false }
        return (2...4).contains(parts[0]) && parts[1] <= 3 && parts[2] <= 3
    }
}

extension String {
    /// The string without spaces, tabs and ideographic spaces (U+3000) around it.
    public func trimmingReportSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
