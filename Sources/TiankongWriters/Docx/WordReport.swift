import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The finished report, ready to be written for Word.
public struct WordReport: Sendable {
    /// The report's text.
    public let text: String
    /// The organisation that hands it in; written as the document's author.
    public var author: String?
    /// When the report was written; the package's timestamps.
    public var created: Date

    /// - Parameters:
    ///   - text: the finished report (UTF-8, "\n" or "\r\n" line ends); the first non-empty line is the title.
    ///   - author: the organisation's answer, for `docProps/core.xml`; `nil` leaves the author out.
    public init(text: String, author: String?) {
        self.init(text: text, author: author, created: Date())
    }

    /// A report with a fixed time, for output that is the same byte for byte on every run.
    public init(text: String, author: String?, created: Date) {
        self.init(structure: ReportStructure(text: text), text: text, author: author, created: created)
    }

    /// A report whose structure is known (from its template), with its text.
    public init(structure: ReportStructure, text: String, author: String?, created: Date = Date()) {
        self.structure = structure
        self.text = text
        self.author = author
        self.created = created
    }

    /// The report's paragraphs and their roles.
    public let structure: ReportStructure
}
