/// A bracket or quote without its partner on its line: "《党章", "“三个带头“", "（条". An ASCII bracket
/// pairs with a full-width one (the half-width rule marks its width). A list number's closing bracket
/// at the start of a line ("1）", "a)") has no opening one by custom, and is left alone.
struct UnpairedMarkRule: LineRule, Equatable {
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

    /// An opening mark still waiting for its partner: where it is on its line, or (opened on an
    /// earlier line) its finding, made when the line ended.
    private struct Opening: Equatable {
        var mark: Unicode.Scalar
        var index: Int
        var finding: Finding?
    }

    /// Marks opened on earlier lines of a paragraph a PDF or a web page broke over several lines.
    private var carried: [Opening] = []

    mutating func check(_ line: ProofLine, into findings: inout [Finding]) {
        if carried.isEmpty && !line.kinds.contains(.pairedMark) { return }
        let s = line.scalars
        var open = carried
        var unpaired: [Int] = []
        let listNumberEnd = Self.listNumberBracket(line)
        // Made only for a mark left unpaired: most marks find their partner.
        func finding(_ i: Int) -> Finding? {
            // An ASCII bracket counts only where it touches Chinese text: a smiley or a formula is not ours.
            if (s[i] == "(" || s[i] == ")") && !touchesChinese(line, i) { return nil }
            let partner = Self.partner(ofOpening: s[i]) ?? Self.partner(ofClosing: s[i])!
            return line.finding(.unpairedMark, i..<(i + 1), fix: nil, safe: false, detail: .unpaired(partner: String(partner)))
        }
        func unpairedFinding(_ opening: Opening) -> Finding? { opening.index >= 0 ? finding(opening.index) : opening.finding }
        for i in s.indices {
            let c = s[i]
            if Self.partner(ofOpening: c) != nil {
                open.append(Opening(mark: Self.opening(c), index: i, finding: nil))
            } else if let wanted = Self.partner(ofClosing: c) {
                if i == listNumberEnd { continue }
                // An apostrophe in a Latin word ("Xi’an").
                if c == "’", line[safe: i - 1].map(ProofCharacter.isASCIILetter) == true { continue }
                if let k = open.lastIndex(where: { $0.mark == wanted }) {
                    findings += open[(k + 1)...].compactMap(unpairedFinding)
                    open.removeSubrange(k...)
                } else {
                    unpaired.append(i)
                }
            }
        }
        findings += unpaired.compactMap(finding)
        // A line that stops mid-sentence goes on in the next one; a paragraph that ends leaves its marks unpaired.
        let last = s.last { !ProofCharacter.isSpace($0) }
        if let last, !Self.endsSentence(last) {
            carried = open.compactMap { opening in
                opening.index < 0 ? opening : unpairedFinding(opening).map { Opening(mark: opening.mark, index: -1, finding: $0) }
            }
        } else {
            findings += open.compactMap(unpairedFinding)
            carried = []
        }
    }

    mutating func finish(into findings: inout [Finding]) {
        findings += carried.compactMap(\.finding)
        carried = []
    }

    static func endsSentence(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "。", "！", "？", "；", "：", "!", "?", ";", "…": return true
        default: return false
        }
    }

    private func touchesChinese(_ line: ProofLine, _ i: Int) -> Bool {
        func chinese(_ c: Unicode.Scalar?) -> Bool { c.map { ProofCharacter.isHan($0) || $0.value >= 0x3000 } ?? false }
        return chinese(line[safe: i - 1]) || chinese(line[safe: i + 1])
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
