/// The files a save writes for the name the user typed: a Word file and the text beside it, or the text alone.
///
/// "报告.docx" writes 报告.docx and 报告.txt; "报告.txt" (or any other extension) only that text file;
/// a name without an extension, "报告", writes 报告.docx and 报告.txt.
public struct ReportFiles: Sendable, Equatable {
    /// The Word file, when one is written.
    public var word: String?
    /// The text file, always written.
    public var text: String

    public init(name: String) {
        let lower = name.lowercased()
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if lower.hasSuffix(".docx") {
            word = name
            text = String(name.dropLast(5)) + ".txt"
        } else if last.isEmpty || last.contains(".") {
            word = nil
            text = name
        } else {
            word = name + ".docx"
            text = name + ".txt"
        }
    }

    /// Every file, the Word file first.
    public var all: [String] { [word, text].compactMap { $0 } }
}
