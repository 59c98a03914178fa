/// A space between two Chinese characters in body text ("加强 学习"): 公文 puts none there. Only inside
/// a sentence that has a clause mark before the space (a title "通    知", a slogan "强化监管 保障民生"
/// or a title run into its first line is spaced on purpose), past the line's indentation, and not
/// around a single character on each side ("王  伟": a two-character name padded to three), nor beside
/// a run of more than six Chinese characters (a title set off from the text that follows it).
struct SpaceBetweenChineseRule: LineRule {
    /// The most Chinese characters on a side of the space for it to be a stray one inside a phrase.
    static let longestWordRun = 6

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.space) else { return }
        let s = line.scalars
        guard s.contains(where: { $0 == "，" || $0 == "。" }) else { return }
        var i = line.indentEnd
        var clauseMarkSeen = false
        while i < s.count {
            guard ProofCharacter.isSpace(s[i]) else {
                switch s[i] {
                case "，", "、", "；", ",", ";": clauseMarkSeen = true
                case "。", "！", "？": clauseMarkSeen = false
                default: break
                }
                i += 1
                continue
            }
            var end = i
            while end < s.count, ProofCharacter.isSpace(s[end]) { end += 1 }
            defer { i = end }
            guard clauseMarkSeen, i > 0, end < s.count, ProofCharacter.isHan(s[i - 1]), ProofCharacter.isHan(s[end]) else { continue }
            var runBefore = 0, runAfter = 0
            while runBefore < i, ProofCharacter.isHan(s[i - 1 - runBefore]) { runBefore += 1 }
            while end + runAfter < s.count, ProofCharacter.isHan(s[end + runAfter]) { runAfter += 1 }
            // "王  伟": a padded name. A long run on either side is a title or a slogan set off by a space.
            if runBefore == 1 && runAfter == 1 { continue }
            if runBefore > Self.longestWordRun || runAfter > Self.longestWordRun { continue }
            findings.append(line.finding(.spaceBetweenChinese, i..<end, fix: "", safe: true))
        }
    }
}
