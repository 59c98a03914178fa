/// The paragraphs of a finished report and what each one is, read from the text alone.
///
/// The numbering of a Chinese report says its level (GB/T 9704-2012 §7.3.3): "一、" level 1,
/// "（一）" level 2, "1." level 3, "（1）" level 4. The first non-empty line is the title; an
/// organisation's name and a date as the last lines are the signature (落款).
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
        case body
        /// The organisation's name at the end of the report (落款).
        case signature
        /// The date under the signature (成文日期).
        case date
    }

    /// One paragraph: one non-empty line of the report.
    public struct Paragraph: Sendable, Equatable {
        public var role: Role
        /// The line without the white space around it.
        public var text: String
        /// For a level-2 heading, the heading words: up to and including the first "。", or the
        /// whole line when there is none. `nil` for every other role.
        public var headingWords: String?

        /// What follows the heading words in the same paragraph (all of `text` when there are none).
        public var bodyWords: String {
            guard let headingWords else { return text }
            return String(text.dropFirst(headingWords.count))
        }

        public init(role: Role, text: String, headingWords: String? = nil) {
            self.role = role
            self.text = text
            self.headingWords = headingWords
        }
    }

    /// The paragraphs in reading order; empty lines are not paragraphs.
    public var paragraphs: [Paragraph]

    /// The title, or `nil` for a report with no text.
    public var title: String? { paragraphs.first { $0.role == .title }?.text }

    /// Reads the structure of a finished report.
    /// - Parameter text: the report, "\n" or "\r\n" line ends; its first non-empty line is the title.
    public init(text: String) {
        let lines = ReportStructure.lines(of: text)
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(lines.count)
        for (position, line) in lines.enumerated() {
            if position == 0 {
                paragraphs.append(Paragraph(role: .title, text: line))
                continue
            }
            let role = ReportStructure.headingRole(of: line) ?? .body
            var paragraph = Paragraph(role: role, text: line)
            if role == .heading2 {
                paragraph.headingWords = ReportStructure.headingWords(of: line)
            }
            paragraphs.append(paragraph)
        }
        ReportStructure.markSignature(in: &paragraphs)
        self.paragraphs = paragraphs
    }

    // MARK: - Lines

    /// The non-empty lines, trimmed of spaces, tabs and ideographic spaces around them.
    static func lines(of text: String) -> [String] {
        var result: [String] = []
        // Split on scalars: "\r\n", "\n", "\r" and the Unicode line and paragraph separators.
        var current = String.UnicodeScalarView()
        func flush() {
            let line = String(current).trimmingReportSpace()
            if !line.isEmpty { result.append(line) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": flush()
            default: current.append(scalar)
            }
        }
        flush()
        return result
    }

    // MARK: - Headings

    private static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零"]
    private static let openingParentheses: Set<Character> = ["（", "("]
    private static let closingParentheses: Set<Character> = ["）", ")"]

    /// The heading level the line's numbering says, or `nil` for a body paragraph.
    static func headingRole(of line: String) -> Role? {
        var index = line.startIndex
        guard index < line.endIndex else { return nil }
        let first = line[index]

        if openingParentheses.contains(first) {
            index = line.index(after: index)
            let numberStart = index
            if let end = prefixEnd(of: line, from: index, where: { chineseNumerals.contains($0) }),
               end < line.endIndex, closingParentheses.contains(line[end]), end > numberStart {
                return .heading2
            }
            if let end = prefixEnd(of: line, from: index, where: \.isASCIIDigit),
               end < line.endIndex, closingParentheses.contains(line[end]) {
                return .heading4
            }
            return nil
        }
        if chineseNumerals.contains(first) {
            if let end = prefixEnd(of: line, from: index, where: { chineseNumerals.contains($0) }),
               end < line.endIndex, line[end] == "、" {
                return .heading1
            }
            return nil
        }
        if first.isASCIIDigit {
            guard let end = prefixEnd(of: line, from: index, where: \.isASCIIDigit),
                  line.distance(from: index, to: end) <= 2, end < line.endIndex else { return nil }
            let mark = line[end]
            guard mark == "." || mark == "．" || mark == "、" else { return nil }
            // "1.5万元" is a number, not a heading.
            let next = line.index(after: end)
            if next < line.endIndex, line[next].isASCIIDigit { return nil }
            return .heading3
        }
        return nil
    }

    /// The index after the run of characters matching `predicate` starting at `start`, or `nil` when the run is empty.
    private static func prefixEnd(of line: String, from start: String.Index,
                                  where predicate: (Character) -> Bool) -> String.Index? {
        var index = start
        while index < line.endIndex, predicate(line[index]) { index = line.index(after: index) }
        return index == start ? nil : index
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

    /// "2021年1月15日", "二〇二一年一月十五日", or the same with X placeholders.
    static func isDate(_ line: String) -> Bool {
        let compact = line.filter { !$0.isWhitespace }
        let digits: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                      "〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                      "X", "x", "Ｘ", "×"]
        var parts: [Int] = []   // the length of each number before 年, 月, 日
        var count = 0
        var expected: [Character] = ["年", "月", "日"]
        for character in compact {
            if digits.contains(character) {
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

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The string without spaces, tabs and ideographic spaces (U+3000) around it.
    func trimmingReportSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
