/// Full-width digits and Latin letters in body text ("１２次", "ＡＰＰ"): GB/T 15835 writes them
/// half-width. A run is fixed whole, with a full-width point between its digits ("１．５" → "1.5").
struct FullWidthAlphanumericRule: LineRule {
    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.fullWidth) else { return }
        let s = line.scalars
        var i = 0
        while i < s.count {
            guard ProofCharacter.isFullWidthAlphanumeric(s[i]) else { i += 1; continue }
            var end = i + 1
            while end < s.count {
                if ProofCharacter.isFullWidthAlphanumeric(s[end]) { end += 1; continue }
                if s[end] == "．", end + 1 < s.count, ProofCharacter.isFullWidthAlphanumeric(s[end + 1]) { end += 1; continue }
                break
            }
            var half = String.UnicodeScalarView()
            for c in s[i..<end] { half.append(c == "．" ? "." : Unicode.Scalar(c.value - 0xFEE0)!) }
            findings.append(line.finding(.fullWidthAlphanumeric, i..<end, fix: String(half), safe: true))
            i = end
        }
    }
}
