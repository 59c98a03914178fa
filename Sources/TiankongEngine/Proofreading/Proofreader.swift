/// Reads a report as an office's 文书 would before it is handed in, and marks what they would: doubled
/// or half-width punctuation, brackets without partners, headings out of order, doubled words, years
/// and dates that are wrong, stray spaces, full-width digits.
public struct Proofreader: Sendable {
    /// The report's year, when known: other years are marked as stale.
    public var reportYear: Int?

    public init(reportYear: Int? = nil) {
        self.reportYear = reportYear
    }

    /// Every finding in `text` (UTF-8), in the order of the text.
    public func findings(in text: [UInt8]) -> [Finding] {
        var findings: [Finding] = []
        // Each rule called as itself, not through `any LineRule`: a call for each rule on each of a
        // million lines.
        var headings = HeadingNumberingRule()
        let doubled = DoubledPunctuationRule(), halfWidth = HalfWidthPunctuationRule()
        var unpaired = UnpairedMarkRule()
        let repeated = RepeatedWordRule(), dates = ImpossibleDateRule(), spaces = SpaceBetweenChineseRule()
        let fullWidth = FullWidthAlphanumericRule(), stale = reportYear.map(StaleYearRule.init)
        var line = ProofLine()
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            var number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                line.reset(number: number, text: bytes, range: start..<end)
                let before = findings.count
                headings.check(line, into: &findings)
                doubled.check(line, into: &findings)
                halfWidth.check(line, into: &findings)
                unpaired.check(line, into: &findings)
                repeated.check(line, into: &findings)
                dates.check(line, into: &findings)
                spaces.check(line, into: &findings)
                fullWidth.check(line, into: &findings)
                stale?.check(line, into: &findings)
                if findings.count - before > 1 { findings[before...].sort { $0.column < $1.column } }
                number += 1
                start = end + 1
            }
        }
        unpaired.finish(into: &findings)
        // A mark left open over several lines is reported after them.
        if zip(findings, findings.dropFirst()).contains(where: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            findings.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        }
        return findings
    }

    /// A blank left in the report, as a finding.
    public static func finding(for blank: Blank) -> Finding {
        Finding(rule: .blankLeft, line: blank.line, column: blank.column, byteRange: blank.byteRange, found: blank.marker,
                fix: nil, isSafe: false, excerpt: blank.context)
    }

    /// `text` with the fixes of `findings` that are safe applied (one of two that overlap), and those applied.
    public static func applyingSafeFixes(_ findings: [Finding], to text: [UInt8]) -> (text: [UInt8], applied: [Finding]) {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var applied: [Finding] = []
        var position = 0
        for finding in findings.filter(\.isAppliedAutomatically).sorted(by: { $0.byteRange.lowerBound < $1.byteRange.lowerBound }) {
            guard finding.byteRange.lowerBound >= position, let fix = finding.fix else { continue }
            out += text[position..<finding.byteRange.lowerBound]
            out += fix.utf8
            position = finding.byteRange.upperBound
            applied.append(finding)
        }
        out += text[position...]
        return (out, applied)
    }
}
