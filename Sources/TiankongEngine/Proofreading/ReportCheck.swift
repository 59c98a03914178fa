/// A finished report read back for `check`: the blanks still in it and what a proof-reader marks.
public struct ReportCheck: Sendable {
    /// The report as decoded: its text as UTF-8, its encoding, byte-order mark and line endings.
    public let decoded: DecodedText
    /// The blanks left, in document order.
    public let blanks: [Blank]
    /// What the proof-reading rules found, in the order of the text.
    public let findings: [Finding]

    /// Reads a report's bytes; `reportYear` makes other years findings.
    public init(bytes: [UInt8], source: String, reportYear: Int? = nil) throws(TemplateError) {
        do throws(TemplateError) {
            let report = try Template(bytes: bytes, source: source, options: Template.Options(keepBoilerplate: true, useSchema: false))
            decoded = DecodedText(utf8: report.text, encoding: report.encoding, hasByteOrderMark: report.hasByteOrderMark, lineEnding: report.lineEnding)
            blanks = report.blanks
        } catch .noBlanks {
            decoded = try TextDecoder.decode(bytes, path: source)
            blanks = []
        }
        findings = Proofreader(reportYear: reportYear).findings(in: decoded.utf8)
    }

    /// The report's title and headings, as the Word writer reads them: read only when asked
    /// (`--format json`): a text listing has no use for them.
    public var structure: ReportStructure { ReportStructure(utf8: decoded.utf8) }

    /// Blanks and findings together, in the order of the text.
    public var all: [Finding] {
        if blanks.isEmpty { return findings }
        return (blanks.map(Proofreader.finding(for:)) + findings).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The report with every safe fix applied, in its own encoding, byte-order mark and line endings;
    /// the fixes applied, and the findings left for a person (blanks among them).
    public func corrected() -> (bytes: [UInt8], applied: [Finding], left: [Finding]) {
        let (text, applied) = Proofreader.applyingSafeFixes(findings, to: decoded.utf8)
        let appliedRanges = Set(applied.map(\.byteRange.lowerBound))
        let left = all.filter { !($0.rule != .blankLeft && appliedRanges.contains($0.byteRange.lowerBound)) }
        return (TextDecoder.encode(text, as: decoded.encoding, byteOrderMark: decoded.hasByteOrderMark), applied, left)
    }
}

extension Proofreader {
    /// The report's year: the answer of the template's first year field, when it has one.
    public static func reportYear(template: Template, values: [String: String]) -> Int? {
        template.fields.first { $0.kind == .year && values[$0.id] != nil }.flatMap { values[$0.id].flatMap { Int($0) } }
    }

    /// What the rules find in the report `template` filled with `values` makes, as it will be saved.
    public static func findings(template: Template, values: [String: String]) -> [Finding] {
        Proofreader(reportYear: reportYear(template: template, values: values)).findings(in: Report.utf8(template: template, answers: values))
    }
}
