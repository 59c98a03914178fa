/// A word written twice in a row where a 公文 never doubles it, as a filled blank leaves it: "党组党组",
/// "局局". The words, and what may follow or precede a pair that is right ("公安局局长"), are in
/// Resources/data/proofreading.txt. The fix writes the word once.
struct RepeatedWordRule: LineRule {
    /// A word of the list, with the characters that make a doubled one right.
    struct Word: Sendable {
        var scalars: [Unicode.Scalar]
        /// What may follow the pair ("长" in "局局长").
        var allowedAfter: [[Unicode.Scalar]]
        /// What may come right before the pair ("全" in "全局局面").
        var allowedBefore: [[Unicode.Scalar]]
    }

    let words: [Word]
    /// One bit for each character of the Basic Multilingual Plane that starts a listed word: most
    /// characters are passed over with one load.
    private let startsAWord: [UInt64]
    /// The most characters a listed word has.
    private let longest: Int

    init(words: [Word] = RepeatedWordRule.bundledWords) {
        self.words = words
        longest = words.map(\.scalars.count).max() ?? 0
        var bits = [UInt64](repeating: 0, count: 1024)
        for word in words where word.scalars[0].value < 0x10000 { bits[Int(word.scalars[0].value >> 6)] |= 1 << (word.scalars[0].value & 63) }
        startsAWord = bits
    }

    /// The words of Resources/data/proofreading.txt.
    static let bundledWords: [Word] = BundledResources.ruleLines("proofreading.txt").compactMap(word)

    /// A line of the list: "局 | 长 面 | 全 布".
    static func word(_ line: String) -> Word? {
        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.split(separator: " ").map { Array($0.unicodeScalars) } }
        guard let word = parts.first?.first else { return nil }
        return Word(scalars: word, allowedAfter: parts.count > 1 ? parts[1] : [], allowedBefore: parts.count > 2 ? parts[2] : [])
    }

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        let s = line.scalars
        var i = 0
        while i < s.count {
            let v = s[i].value
            if v < 0x10000, startsAWord[Int(v >> 6)] & (1 << (v & 63)) == 0 { i += 1; continue }
            // A word written twice starts again within the longest word's length: most characters do not.
            var again = false
            for n in 1...max(1, longest) where i + n < s.count && s[i + n] == s[i] {
                again = true
                break
            }
            if !again { i += 1; continue }
            var matched = false
            for word in words where s[i] == word.scalars[0] {
                let n = word.scalars.count
                guard i + 2 * n <= s.count, s[i..<(i + n)].elementsEqual(word.scalars), s[(i + n)..<(i + 2 * n)].elementsEqual(word.scalars) else { continue }
                let after = i + 2 * n
                if word.allowedAfter.contains(where: { s.count >= after + $0.count && s[after..<(after + $0.count)].elementsEqual($0) }) { continue }
                if word.allowedBefore.contains(where: { i >= $0.count && s[(i - $0.count)..<i].elementsEqual($0) }) { continue }
                findings.append(line.finding(.repeatedWord, i..<after, fix: String(String.UnicodeScalarView(word.scalars)), safe: true))
                i = after
                matched = true
                break
            }
            if !matched { i += 1 }
        }
    }
}
