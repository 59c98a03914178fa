/// A bracket or quote without its partner on its line: "《党章", "“三个带头“", "（条". An ASCII bracket
/// pairs with a full-width one (the half-width rule marks its width). A list number's closing bracket
/// at the start of a line ("1）", "a)") has no opening one by custom, and is left alone.
struct UnpairedMarkRule: LineRule {
    /// The closing partner of each opening mark.
    static func partner(ofOpening c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "《": return "》"
        case "“": return "”"
        case "‘": return "’"
        case "（", "(": return "）"
        case "【": return "】"
        case "「": return "」"
        case "『": return "』"
        default: return nil
        }
    }

    /// The opening partner of each closing mark.
    static func partner(ofClosing c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "》": return "《"
        case "”": return "“"
        case "’": return "‘"
        case "）", ")": return "（"
        case "】": return "【"
        case "」": return "「"
        case "』": return "『"
        default: return nil
        }
    }

    /// Opening and closing marks pair by their full-width form.
    private static func opening(_ c: Unicode.Scalar) -> Unicode.Scalar { c == "(" ? "（" : c }

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        let s = line.scalars
        var open: [Int] = []
        var unpaired: [Int] = []
        let listNumberEnd = Self.listNumberBracket(line)
        for i in s.indices {
            let c = s[i]
            if Self.partner(ofOpening: c) != nil {
                open.append(i)
            } else if let wanted = Self.partner(ofClosing: c) {
                if i == listNumberEnd { continue }
                // An apostrophe in a Latin word ("Xi’an").
                if c == "’", line[safe: i - 1].map(ProofCharacter.isASCIILetter) == true { continue }
                if let k = open.lastIndex(where: { Self.opening(s[$0]) == wanted }) {
                    unpaired += open[(k + 1)...]
                    open.removeSubrange(k...)
                } else {
                    unpaired.append(i)
                }
            }
        }
        unpaired += open
        // An ASCII bracket left over counts only where it touches Chinese text: a smiley or a formula is not ours.
        for i in unpaired.sorted() where (s[i] != "(" && s[i] != ")") || touchesChinese(line, i) {
            let partner = Self.partner(ofOpening: s[i]) ?? Self.partner(ofClosing: s[i])!
            findings.append(line.finding(.unpairedMark, i..<(i + 1), fix: nil, safe: false, detail: .unpaired(partner: String(partner))))
        }
    }

    private func touchesChinese(_ line: ProofLine, _ i: Int) -> Bool {
        [line[safe: i - 1], line[safe: i + 1]].contains { c in c.map { ProofCharacter.isHan($0) || $0.value >= 0x3000 } ?? false }
    }

    /// Where a list number's closing bracket is, when the line starts with one ("1）", "(a)" is not one).
    static func listNumberBracket(_ line: ProofLine) -> Int? {
        var i = line.indentEnd
        let start = i
        while let c = line[safe: i], i - start < 3,
              ProofCharacter.isASCIIDigit(c) || ProofCharacter.isASCIILetter(c) || ProofCharacter.isChineseNumeralDigit(c) || ProofCharacter.isFullWidthAlphanumeric(c) {
            i += 1
        }
        guard i > start, let c = line[safe: i], c == ")" || c == "）" else { return nil }
        return i
    }
}
