import TiankongEngine

/// The words of `check`.
extension CommandText {
    func nothingToCorrect(_ path: String) -> String {
        t("\(path)：所有的空都已填好，没有发现需要改正的地方。", "\(path): every blank is filled; nothing to correct.")
    }

    func findingsFound(_ path: String, _ count: Int, fixable: Int) -> String {
        let fix = fixable > 0 ? t("，其中 \(fixable) 处可用 --fix 自动改正", "; --fix corrects \(fixable) of them") : ""
        return t("\(path)：发现 \(count) 处需要改正的地方\(fix)：", "\(path): \(count) things to correct\(fix):")
    }

    func fixesApplied(_ count: Int) -> String { t("已自动改正 \(count) 处：", "Corrected \(count):") }

    func correctedCount(_ count: Int) -> String { t("已自动改正 \(count) 处标点等。", "Corrected \(count) things (punctuation and the like).") }

    func leftForAPerson(_ count: Int) -> String { t("还有 \(count) 处需要人工处理：", "\(count) left for a person:") }

    func fixNotInWordTemplates() -> String {
        t("提醒：Word 模板填好后原样写出，--fix 不改其中的文字；可用 -o 报告.txt 写出改正后的文本",
          "Note: a Word template is filled as it is; --fix does not change its text (write -o report.txt for the corrected text)")
    }

    func fixNeedsAnOutput() -> String {
        t("-o 只能和 --fix 一起用", "-o goes with --fix only")
    }

    func notAYear(_ text: String) -> String {
        t("--year 应为 1949–2100 之间的四位年份，如 2021，不是“\(text)”", "--year is a four-digit year between 1949 and 2100, such as 2021, not “\(text)”")
    }

    /// "报告-已改正.txt" beside "报告.txt".
    func correctedName(_ path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let dot = path[slash...].lastIndex(of: ".")
        let stem = dot.map { String(path[..<$0]) } ?? path
        let ext = dot.map { String(path[$0...]) } ?? ""
        return stem + t("-已改正", "-corrected") + ext
    }

    /// One finding on a line of the listing: "  19:60  半角标点  “,”改为“，”  …全会精神,以党的政治…".
    func findingLine(_ finding: Finding, messages: Messages) -> String {
        var line: [UInt8] = []
        var out = ListingWriter(capacity: 512) { line += $0 }
        Self.writeFinding(finding, messages: messages, to: &out)
        out.drain()
        return String(decoding: line, as: UTF8.self)
    }

    /// A finding's line of the listing (`findingLine`) written straight into `out`, without its line end.
    static func writeFinding(_ finding: Finding, messages: Messages, to out: inout ListingWriter) {
        out.spaces(2)
        out.digits(finding.line)
        out.byte(0x3A)
        out.digits(finding.column)
        out.spaces(2)
        out.text(messages.name(of: finding.rule))
        out.spaces(2)
        out.text(messages.text(for: finding))
        out.text(messages.leftForAPerson(finding))
        out.spaces(2)
        out.text(finding.excerpt)
    }
}
