/// ASCII punctuation in Chinese text, where GB/T 15834 asks for the full-width mark: "精神,以" → "精神，以",
/// "(一)" → "（一）", "\"三会一课\"" → "“三会一课”". A mark inside a number (1,000, 10:30), a Latin word
/// or a run of Latin text, a URL or an e-mail address is left alone.
struct HalfWidthPunctuationRule: LineRule {
    /// The full-width form of an ASCII mark this rule corrects; nil for any other character.
    static func fullWidth(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case ",": return "，"
        case ";": return "；"
        case ":": return "："
        case "?": return "？"
        case "!": return "！"
        default: return nil
        }
    }

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.asciiPunctuation) else { return }
        let s = line.scalars
        let start = findings.count
        for i in s.indices {
            guard let wide = Self.fullWidth(s[i]), !Self.insideLatinToken(line, i) else { continue }
            if chineseBefore(line, i) && chineseAfter(line, i) {
                findings.append(line.finding(.halfWidthPunctuation, i..<(i + 1), fix: String(wide), safe: true))
            }
        }
        brackets(line, into: &findings)
        quotes(line, "\"", open: "“", close: "”", into: &findings)
        quotes(line, "'", open: "‘", close: "’", into: &findings)
        // In the order of the line.
        if findings.count - start > 1 { findings[start...].sort { $0.column < $1.column } }
    }

    /// A Chinese character or closing mark before `i`, or a number that follows one ("共3,其中").
    private func chineseBefore(_ line: ProofLine, _ i: Int) -> Bool {
        var j = i - 1
        guard let prev = line[safe: j] else { return false }
        if ProofCharacter.isHan(prev) || ProofCharacter.isClosingChinesePunctuation(prev) { return true }
        // A half-width bracket or quote that closes Chinese text ("（条),"): this rule marks it too.
        if prev == ")" || prev == "\"", let before = line[safe: i - 2] { return ProofCharacter.isHan(before) }
        guard ProofCharacter.isASCIIDigit(prev) || prev == "%" else { return false }
        while let c = line[safe: j], ProofCharacter.isASCIIDigit(c) || c == "%" || c == "." { j -= 1 }
        guard let before = line[safe: j] else { return false }
        return ProofCharacter.isHan(before) || ProofCharacter.isClosingChinesePunctuation(before)
    }

    /// A Chinese character or opening mark after `i`, the end of the line, or a number after a Chinese
    /// character ("时间:2020年").
    private func chineseAfter(_ line: ProofLine, _ i: Int) -> Bool {
        guard let next = line[safe: i + 1] else { return true }
        if ProofCharacter.isHan(next) || ProofCharacter.isOpeningChinesePunctuation(next) { return true }
        if ProofCharacter.isASCIIDigit(next), let prev = line[safe: i - 1], ProofCharacter.isHan(prev) { return true }
        return false
    }

    /// True inside a URL or an e-mail address: the run of ASCII without spaces that `i` ends has "://",
    /// "www." or "@" in it.
    static func insideLatinToken(_ line: ProofLine, _ i: Int) -> Bool {
        var j = i - 1
        var token: [Unicode.Scalar] = []
        while j >= 0, j > i - 256, line.scalars[j].value < 0x80, line.scalars[j] != " " {
            token.append(line.scalars[j])
            j -= 1
        }
        guard token.count >= 3 else { return false }
        token.reverse()
        let text = String(String.UnicodeScalarView(token))
        return text.contains("://") || text.lowercased().hasPrefix("www.") || text.contains("@")
    }

    /// Brackets paired across widths ("(一)", "（条)"): each ASCII one of a pair around Chinese text, or
    /// around a number between Chinese characters.
    private func brackets(_ line: ProofLine, into findings: inout [Finding]) {
        let s = line.scalars
        var open: [Int] = []
        for i in s.indices {
            if s[i] == "(" || s[i] == "（" {
                open.append(i)
            } else if s[i] == ")" || s[i] == "）", let o = open.popLast() {
                guard s[o] == "(" || s[i] == ")" else { continue }
                if Self.insideLatinToken(line, o) { continue }
                let content = s[(o + 1)..<i]
                let chinese = content.contains(where: ProofCharacter.isHan)
                let numberBetweenChinese = !content.isEmpty && content.allSatisfy(ProofCharacter.isASCIIDigit)
                    && line[safe: o - 1].map(ProofCharacter.isHan) == true
                    && (line[safe: i + 1].map { ProofCharacter.isHan($0) || DoubledPunctuationRule.strength($0) != nil } ?? true)
                guard chinese || numberBetweenChinese else { continue }
                if s[o] == "(" { findings.append(line.finding(.halfWidthPunctuation, o..<(o + 1), fix: "（", safe: true)) }
                if s[i] == ")" { findings.append(line.finding(.halfWidthPunctuation, i..<(i + 1), fix: "）", safe: true)) }
            }
        }
    }

    /// Straight quotes paired in order on the line, each pair around Chinese text made curly. An
    /// apostrophe (a letter on both sides: "don't") is not a quote.
    private func quotes(_ line: ProofLine, _ mark: Unicode.Scalar, open: String, close: String, into findings: inout [Finding]) {
        let s = line.scalars
        var marks: [Int] = []
        for i in s.indices where s[i] == mark {
            let apostrophe = (line[safe: i - 1].map(ProofCharacter.isASCIILetter) ?? false) && (line[safe: i + 1].map(ProofCharacter.isASCIILetter) ?? false)
            if !apostrophe && !Self.insideLatinToken(line, i) { marks.append(i) }
        }
        var k = 0
        while k + 1 < marks.count {
            let (o, c) = (marks[k], marks[k + 1])
            if s[(o + 1)..<c].contains(where: ProofCharacter.isHan) {
                findings.append(line.finding(.halfWidthPunctuation, o..<(o + 1), fix: open, safe: true))
                findings.append(line.finding(.halfWidthPunctuation, c..<(c + 1), fix: close, safe: true))
            }
            k += 2
        }
    }
}
