import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

extension WordReport {
    /// The finished report of a template filled with checked answers; the organisation is the author.
    /// - Parameter values: answers already checked (see `AnswerReview`), by field id.
    public init(template: Template, values: [String: String]) {
        self.init(structure: ReportStructure(template: template, answers: values), text: Report.text(template: template, answers: values),
                  author: WordReport.organisation(template: template, values: values))
    }

    /// The organisation's name, for the document's author: the answer of the text field that
    /// fills the most blanks (in the bundled template, the four "XXX"); the first such field on a tie.
    public static func organisation(template: Template, values: [String: String]) -> String? {
        let candidates = template.fields.filter { $0.kind == .text && values[$0.id] != nil }
        guard let field = candidates.max(by: { $0.blankIndexes.count < $1.blankIndexes.count }) else { return nil }
        return values[field.id]
    }
}
