import Foundation
import TiankongEngine
import TiankongWriters

/// The finished report as a Word file.
enum WordOutput {
    static func bytes(template: Template, values: [String: String]) throws -> [UInt8] {
        let text = Report.text(template: template, answers: values)
        do {
            let data = try DocxWriter.data(for: WordReport(text: text, author: organisation(template: template, values: values)))
            return [UInt8](data)
        } catch {
            let say = CommandText()
            throw CommandFailure(message: say.t("无法生成 Word 文件：\(error)", "Cannot make the Word file: \(error)"), exitCode: 74)
        }
    }

    /// The organisation's name, for the document's author: the answer of the text field that
    /// fills the most blanks (in the bundled template, the three "XXX党组").
    static func organisation(template: Template, values: [String: String]) -> String? {
        let candidates = template.fields.filter { $0.kind == .text && values[$0.id] != nil }
        guard let field = candidates.max(by: { $0.blankIndexes.count < $1.blankIndexes.count }) else { return nil }
        return values[field.id]
    }
}
