import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongWriters

/// The finished report as a Word file.
enum WordOutput {
    static func bytes(template: Template, values: [String: String]) throws -> [UInt8] {
        try bytes(WordReport(template: template, values: values))
    }

    /// A report's text (corrected by `fill --fix`) as a Word file.
    static func bytes(text: String, template: Template, values: [String: String]) throws -> [UInt8] {
        try bytes(WordReport(text: text, author: WordReport.organisation(template: template, values: values)))
    }

    private static func bytes(_ report: WordReport) throws -> [UInt8] {
        do {
            return try DocxWriter.bytes(for: report)
        } catch {
            let say = CommandText()
            throw CommandFailure(message: say.t("无法生成 Word 文件：\(error)", "Cannot make the Word file: \(error)"), status: .io)
        }
    }
}
