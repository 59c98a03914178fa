/// Two clause marks in a row, as a deleted phrase or a filled blank leaves them: "，。", "。。", "，，", "、，".
/// The fix keeps the stronger mark ("，。" → "。"). A run of only ？ and ！ ("？！") is left alone: it is
/// written so on purpose.
struct DoubledPunctuationRule: LineRule {
    /// How strong a mark is; nil for a character that is not a clause mark. ASCII "," and ";" count
    /// when they touch a Chinese mark (",。"), which the half-width rule leaves to this one.
    static func strength(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "、": return 0
        case "，", ",": return 1
        case "：": return 2
        case "；", ";": return 3
        case "。": return 4
        case "？", "！": return 5
        default: return nil
        }
    }

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.adjacentClauseMarks) else { return }
        let s = line.scalars
        var i = 0
        while i < s.count {
            guard Self.strength(s[i]) != nil else { i += 1; continue }
            var end = i + 1
            while end < s.count, Self.strength(s[end]) != nil { end += 1 }
            if end - i >= 2 { judge(line, i..<end, into: &findings) }
            i = end
        }
    }

    private func judge(_ line: ProofLine, _ run: Range<Int>, into findings: inout [Finding]) {
        let marks = line.scalars[run]
        // Only ASCII: "1,,2" or ";;" in code or data, not Chinese text.
        if marks.allSatisfy({ $0.value < 0x80 }) { return }
        if marks.allSatisfy({ $0 == "？" || $0 == "！" }) { return }
        var strongest = marks.first!
        for c in marks where Self.strength(c)! > Self.strength(strongest)! { strongest = c }
        findings.append(line.finding(.doubledPunctuation, run, fix: String(HalfWidthPunctuationRule.fullWidth(strongest) ?? strongest), safe: true))
    }
}
