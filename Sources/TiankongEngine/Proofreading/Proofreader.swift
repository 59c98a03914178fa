/// Reads a report as an office's 文书 would before it is handed in, and marks what they would: doubled
/// or half-width punctuation, brackets without partners, headings out of order, doubled words, years
/// and dates that are wrong, stray spaces, full-width digits.
public struct Proofreader: Sendable {
    /// The report's year, when known: other years are marked as stale.
    public var reportYear: Int?

    public init(reportYear: Int? = nil) {
        self.reportYear = reportYear
    }

    /// Every finding in `text` (UTF-8), in the order of the text. A text of a megabyte or more is read
    /// in two parts on two cores.
    public func findings(in text: [UInt8]) -> [Finding] {
        text.withUnsafeBufferPointer { bytes in
            findings(in: bytes, partsStartingAt: Self.partStarts(bytes, parts: Parallel.pays(forBytes: bytes.count) ? 2 : 1))
        }
    }

    /// Where `parts` parts of about the same length start: each at the start of a line.
    static func partStarts(_ text: UnsafeBufferPointer<UInt8>, parts: Int) -> [Int] {
        var starts = [0]
        for k in 1..<max(1, parts) {
            var start = max(starts[starts.count - 1] + 1, text.count / parts * k)
            while start <= text.count, text[start - 1] != 0x0A { start += 1 }
            if start > text.count { break }
            starts.append(start)
        }
        return starts
    }

    /// The findings of `text` read in parts at once, part k from the line that starts at `starts[k]`.
    ///
    /// Two rules carry something from line to line (heading numbers, marks left open), so a part read
    /// from its first line may know less than a reader who came from the start. Each part reads on past
    /// its end, beside a fresh copy of those two rules, until what they carry is the same as the fresh
    /// copy's: from there the next part's own reading is right, and its findings before are dropped.
    /// The findings are those of one reading from the start, in the same order.
    func findings(in text: UnsafeBufferPointer<UInt8>, partsStartingAt starts: [Int]) -> [Finding] {
        let readings = UnsafeMutableBufferPointer<PartReading>.allocate(capacity: starts.count)
        defer { readings.deinitialize().deallocate() }
        let shared = SharedText(text: text, readings: readings)
        let proofreader = self
        Parallel.run(starts.count) { k in
            (shared.readings.baseAddress! + k).initialize(to: proofreader.read(shared.text, part: k, starts: starts))
        }
        var findings: [Finding] = []
        findings.reserveCapacity(readings.reduce(0) { $0 + $1.findings.count })
        // The next part whose reading counts, and from which byte on; the lines of the parts before it.
        var next = 0, covered = 0, linesBefore = 0
        for (k, reading) in readings.enumerated() {
            defer { linesBefore += reading.lines }
            guard k == next else { continue }
            var n = reading.emittedAt.firstIndex { $0 >= covered } ?? reading.findings.count
            while n < reading.findings.count {
                var finding = reading.findings[n]
                finding.line += linesBefore
                findings.append(finding)
                n += 1
            }
            (next, covered) = (reading.joins, reading.stop)
        }
        // A mark left open over several lines is reported after them.
        if zip(findings, findings.dropFirst()).contains(where: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            findings.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        }
        return findings
    }

    /// What one part's reading found, lines numbered from the part's first line; for each finding, the
    /// byte at which the line it was found on starts (past the end for the last); the byte where it
    /// stopped (past the end: it read to the end) and the part whose own reading is right from there;
    /// the lines of the part itself.
    struct PartReading {
        var findings: [Finding]
        var emittedAt: [Int]
        var stop: Int
        var joins: Int
        var lines: Int
    }

    /// The text the parts read and where they leave their readings (each part writes its own).
    private struct SharedText: @unchecked Sendable {
        let text: UnsafeBufferPointer<UInt8>
        let readings: UnsafeMutableBufferPointer<PartReading>
    }

    /// Reads part `k` and on past its end until a part after it reads right alone.
    private func read(_ bytes: UnsafeBufferPointer<UInt8>, part k: Int, starts: [Int]) -> PartReading {
        var findings: [Finding] = [], emittedAt: [Int] = [], dropped: [Finding] = []
        var rules = LineRules(reportYear: reportYear)
        // What a reading from the start of the part after `joins - 1` carries, read beside this one.
        var fresh = CarriedRules()
        var line = ProofLine()
        var start = starts[k], number = 1
        var joins = k + 1, lines = 0
        while start <= bytes.count {
            if joins < starts.count, start == starts[joins] {
                if joins == k + 1 { lines = number - 1 }
                joins += 1
                fresh = CarriedRules()
                if rules.carried == fresh { return PartReading(findings: findings, emittedAt: emittedAt, stop: start, joins: joins - 1, lines: lines) }
            }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            line.reset(number: number, text: bytes, range: start..<end)
            let before = findings.count
            rules.check(line, into: &findings)
            emittedAt.append(contentsOf: repeatElement(start, count: findings.count - before))
            number += 1
            start = end + 1
            if joins > k + 1 {
                fresh.check(line, into: &dropped)
                dropped.removeAll(keepingCapacity: true)
                if rules.carried == fresh { return PartReading(findings: findings, emittedAt: emittedAt, stop: start, joins: joins - 1, lines: lines) }
            }
        }
        let before = findings.count
        rules.carried.unpaired.finish(into: &findings)
        emittedAt.append(contentsOf: repeatElement(bytes.count + 1, count: findings.count - before))
        return PartReading(findings: findings, emittedAt: emittedAt, stop: bytes.count + 1, joins: starts.count, lines: lines)
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

/// The rules that carry something from one line to the next: heading numbers, marks left open.
private struct CarriedRules: Equatable {
    var headings = HeadingNumberingRule()
    var unpaired = UnpairedMarkRule()

    mutating func check(_ line: ProofLine, into findings: inout [Finding]) {
        headings.check(line, into: &findings)
        unpaired.check(line, into: &findings)
    }
}

/// The rules, each called as itself, not through `any LineRule`: a call for each rule on each of a
/// million lines.
private struct LineRules {
    var carried = CarriedRules()
    let doubled = DoubledPunctuationRule(), halfWidth = HalfWidthPunctuationRule()
    let repeated = RepeatedWordRule(), dates = ImpossibleDateRule(), spaces = SpaceBetweenChineseRule()
    let fullWidth = FullWidthAlphanumericRule(), stale: StaleYearRule?

    init(reportYear: Int?) { stale = reportYear.map(StaleYearRule.init) }

    /// The findings of every rule on `line`, in the order of the line.
    mutating func check(_ line: ProofLine, into findings: inout [Finding]) {
        let before = findings.count
        carried.headings.check(line, into: &findings)
        doubled.check(line, into: &findings)
        halfWidth.check(line, into: &findings)
        carried.unpaired.check(line, into: &findings)
        repeated.check(line, into: &findings)
        dates.check(line, into: &findings)
        spaces.check(line, into: &findings)
        fullWidth.check(line, into: &findings)
        stale?.check(line, into: &findings)
        if findings.count - before > 1 { findings[before...].sort { $0.column < $1.column } }
    }
}
