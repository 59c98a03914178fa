/// A finding in the report a template and its answers make, with where it lies (the template's own
/// words, or an answer too) and what taking its fix changes.
public struct ReportFinding: Sendable, Equatable {
    /// What taking a safe fix changes: a correction of the template's words, or an answer.
    public enum Remedy: Sendable, Equatable {
        case words(TemplateCorrections.Edit)
        /// The field (an index into `template.fields`) and its corrected answer.
        case answer(field: Int, value: String)
    }

    public var finding: Finding
    /// The fields whose answers the found text takes in, by index, in order; none for the template's own words.
    public var fields: [Int]
    /// Nil for a finding without a safe fix, or one whose fix would change an answer and the words around it at once.
    public var remedy: Remedy?

    public init(finding: Finding, fields: [Int], remedy: Remedy?) {
        self.finding = finding
        self.fields = fields
        self.remedy = remedy
    }

    /// True for a mistake of the template itself, which no answer made.
    public var isTemplates: Bool { fields.isEmpty }
}

extension Proofreader {
    /// What the rules find in the report `template` makes with checked `values` and `corrections`, as
    /// it will be saved, each with where it lies and what its fix changes.
    public static func reportFindings(template: Template, values: [String: String],
                                      corrections: TemplateCorrections = TemplateCorrections()) -> [ReportFinding] {
        let (text, segments) = Report.mapped(template: template, answers: values, corrections: corrections)
        let findings = Proofreader(reportYear: reportYear(template: template, values: values)).findings(in: text)
        let place = SegmentMap(segments: segments, count: text.count)
        return findings.map { finding in
            ReportFinding(finding: finding, fields: place.fields(in: finding.byteRange),
                                 remedy: remedy(for: finding, in: text, place))
        }
    }

    /// The smallest change that makes the found text its fix, put where it lies: in an answer when it
    /// can be (the answer made the mistake), else in the template's words.
    private static func remedy(for finding: Finding, in text: [UInt8], _ place: SegmentMap) -> ReportFinding.Remedy? {
        guard finding.isAppliedAutomatically, let fix = finding.fix else { return nil }
        let found = Array(finding.found.unicodeScalars), wanted = Array(fix.unicodeScalars)
        var inWords: ReportFinding.Remedy?
        // "党组党组" → "党组" drops the first copy or the second: whichever lies in an answer.
        for prefixFirst in [false, true] {
            var prefix = 0, suffix = 0
            func takePrefix() {
                while prefix < min(found.count, wanted.count) - suffix, found[prefix] == wanted[prefix] { prefix += 1 }
            }
            func takeSuffix() {
                while suffix < min(found.count, wanted.count) - prefix, found[found.count - 1 - suffix] == wanted[wanted.count - 1 - suffix] { suffix += 1 }
            }
            if prefixFirst { takePrefix(); takeSuffix() } else { takeSuffix(); takePrefix() }
            let lower = finding.byteRange.lowerBound + utf8Count(found[..<prefix])
            let upper = finding.byteRange.upperBound - utf8Count(found[(found.count - suffix)...])
            let replacement = Array(String(String.UnicodeScalarView(wanted[prefix..<(wanted.count - suffix)])).utf8)
            guard let segment = place.segment(containing: lower..<upper) else { continue }
            switch segment.source {
            case .answer(let field):
                var value = Array(text[segment.range])
                value.replaceSubrange((lower - segment.range.lowerBound)..<(upper - segment.range.lowerBound), with: replacement)
                return .answer(field: field, value: String(decoding: value, as: UTF8.self))
            case .words(let from):
                let start = from + lower - segment.range.lowerBound
                inWords = inWords ?? .words(TemplateCorrections.Edit(range: start..<(start + upper - lower), replacement: replacement))
            case .corrected:
                continue
            }
        }
        return inWords
    }

    private static func utf8Count(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        scalars.reduce(0) { $0 + UTF8.width($1) }
    }
}

/// A report's segments with their ends, to find what a byte range of the report lies in.
private struct SegmentMap {
    struct Located {
        var range: Range<Int>
        var source: ReportSegment.Source
    }

    let segments: [ReportSegment]
    let count: Int

    /// The index of the last segment starting at or before `offset`.
    private func index(at offset: Int) -> Int? {
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].start <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }

    private func end(of k: Int) -> Int { k + 1 < segments.count ? segments[k + 1].start : count }

    /// The one segment `range` lies in (an empty range: the one it starts in), or nil when it crosses two.
    func segment(containing range: Range<Int>) -> Located? {
        guard let k = index(at: range.lowerBound), range.upperBound <= end(of: k) else { return nil }
        return Located(range: segments[k].start..<end(of: k), source: segments[k].source)
    }

    /// The fields whose answers `range` takes in, in order.
    func fields(in range: Range<Int>) -> [Int] {
        guard var k = index(at: range.lowerBound) else { return [] }
        var fields: [Int] = []
        while k < segments.count, segments[k].start < max(range.upperBound, range.lowerBound + 1) {
            if case .answer(let field) = segments[k].source, end(of: k) > range.lowerBound, !fields.contains(field) { fields.append(field) }
            k += 1
        }
        return fields
    }
}
