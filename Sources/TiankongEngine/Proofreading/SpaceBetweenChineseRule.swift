/// A space between two Chinese characters in body text ("加强 学习"): 公文 puts none there. Only in a
/// line with a ， or 。 (a title "通    知" or a signature is spaced on purpose), past its indentation,
/// and not around a single character on each side ("王  伟": a two-character name padded to three).
struct SpaceBetweenChineseRule: LineRule {
    func check(_ line: ProofLine, into findings: inout [Finding]) {
        let s = line.scalars
        guard s.contains(where: { $0 == "，" || $0 == "。" }) else { return }
        var i = line.indentEnd
        while i < s.count {
            guard ProofCharacter.isSpace(s[i]) else { i += 1; continue }
            var end = i
            while end < s.count, ProofCharacter.isSpace(s[end]) { end += 1 }
            defer { i = end }
            guard i > 0, end < s.count, ProofCharacter.isHan(s[i - 1]), ProofCharacter.isHan(s[end]) else { continue }
            let singleBefore = i < 2 || !ProofCharacter.isHan(s[i - 2])
            let singleAfter = end + 1 >= s.count || !ProofCharacter.isHan(s[end + 1])
            if singleBefore && singleAfter { continue }
            findings.append(line.finding(.spaceBetweenChinese, i..<end, fix: "", safe: true))
        }
    }
}
