import Foundation
import TiankongEngine

/// The report as paragraphs of text and blanks, cut once from the template so that nothing on a
/// keystroke has to look at the whole report again.
public struct ReportDocument: Sendable {
    /// A piece of a paragraph: words of the template, or a blank (by its 1-based index).
    public enum Run: Sendable, Equatable {
        case text(String)
        case blank(Int)
    }

    /// The report's lines (the adverts left out), each a list of runs.
    public let paragraphs: [[Run]]
    /// The paragraph each blank sits in, by blank index.
    public let paragraphOfBlank: [Int: Int]
    /// The field each blank belongs to (an index into `fields`), by blank index.
    public let fieldOfBlank: [Int: Int]
    /// Each blank, by its index.
    public let blankByIndex: [Int: Blank]

    public init(template: Template) {
        var paragraphs: [[Run]] = []
        var paragraphOfBlank: [Int: Int] = [:]
        var fieldOfBlank: [Int: Int] = [:]
        for (k, field) in template.fields.enumerated() {
            for b in field.blankIndexes { fieldOfBlank[b] = k }
        }
        // In the order they stand in the text, whatever their numbers.
        let blanks = template.blanks.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        blankByIndex = Dictionary(template.blanks.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var nextBlank = 0
        let text = template.text
        for range in template.keptRanges {
            var lineStart = range.lowerBound
            while lineStart < range.upperBound {
                var lineEnd = lineStart
                while lineEnd < range.upperBound, text[lineEnd] != 0x0A { lineEnd += 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, text[contentEnd - 1] == 0x0D { contentEnd -= 1 }

                var runs: [Run] = []
                var position = lineStart
                while nextBlank < blanks.count, blanks[nextBlank].byteRange.lowerBound < lineStart { nextBlank += 1 }
                while nextBlank < blanks.count, blanks[nextBlank].byteRange.upperBound <= contentEnd {
                    let blank = blanks[nextBlank]
                    if blank.byteRange.lowerBound > position {
                        runs.append(.text(String(decoding: text[position..<blank.byteRange.lowerBound], as: UTF8.self)))
                    }
                    runs.append(.blank(blank.index))
                    paragraphOfBlank[blank.index] = paragraphs.count
                    position = blank.byteRange.upperBound
                    nextBlank += 1
                }
                if position < contentEnd {
                    runs.append(.text(String(decoding: text[position..<contentEnd], as: UTF8.self)))
                }
                paragraphs.append(runs)
                lineStart = lineEnd + 1
            }
        }
        self.paragraphs = paragraphs
        self.paragraphOfBlank = paragraphOfBlank
        self.fieldOfBlank = fieldOfBlank
    }

    /// The report's title with the answers in it: its first line that is not empty ("2021年党建工作总结（党组）").
    /// - Parameters:
    ///   - fields: the template's fields, which `fieldOfBlank` points into.
    ///   - values: checked answers by field id; a blank without one shows its marker.
    public func title(fields: [Field], values: [String: String]) -> String {
        for runs in paragraphs {
            var line = ""
            for run in runs {
                switch run {
                case .text(let text): line += text
                case .blank(let index):
                    let value = fieldOfBlank[index].flatMap { values[fields[$0].id] }
                    line += value ?? blankByIndex[index]?.marker ?? ""
                }
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed }
        }
        return ""
    }
}
