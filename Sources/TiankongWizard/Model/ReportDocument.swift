import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import Synchronization

/// The report as paragraphs of text and blanks, cut once from the template so that nothing on a
/// keystroke has to look at the whole report again.
///
/// Cutting is one pass over the bytes with no string made: a 10 MB report has 20,000 blanks and
/// the wizard shows a screenful of them, so a paragraph's words are decoded when it is drawn.
public struct ReportDocument: Sendable {
    /// A piece of a paragraph: words of the template (a byte range of `text`), or a blank (by its 1-based index).
    public enum Run: Sendable, Equatable {
        case text(Range<Int>)
        case blank(Int)
    }

    /// The report's lines (the adverts left out), each a list of runs.
    public let paragraphs: Paragraphs
    /// The paragraph each blank sits in, by blank index.
    public let paragraphOfBlank: BlankTable
    /// The field each blank belongs to (an index into `fields`), by blank index.
    public let fieldOfBlank: BlankTable
    /// The template's text (UTF-8), which text runs point into.
    private let text: [UInt8]
    private let blanks: [Blank]
    /// Where each blank is in `blanks`, by blank index.
    private let blankPosition: BlankTable
    /// Tells this document from every other one made in the process: the view remembers wrapped
    /// paragraphs by it.
    public let identity: Int

    private static let made = Mutex(0)

    /// The report's lines: paragraph k is `runs[starts[k]..<starts[k + 1]]`, one array for them all.
    public struct Paragraphs: RandomAccessCollection, Sendable {
        let runs: [Run]
        let starts: [Int]
        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count - 1 }
        public subscript(paragraph: Int) -> ArraySlice<Run> { runs[starts[paragraph]..<starts[paragraph + 1]] }
    }

    /// Something for each blank index, nil where there is nothing.
    public struct BlankTable: Sendable {
        var values: [Int]
        public subscript(index: Int) -> Int? {
            index >= 0 && index < values.count && values[index] >= 0 ? values[index] : nil
        }
        init(count: Int) { values = Array(repeating: -1, count: count) }
        mutating func set(_ index: Int, _ value: Int) {
            guard index >= 0 else { return }
            if index >= values.count { values += Array(repeating: -1, count: index + 1 - values.count) }
            values[index] = value
        }
    }

    /// - Parameter corrections: fixes taken for the template's own words, shown in place.
    public init(template: Template, corrections: TemplateCorrections = TemplateCorrections()) {
        let blankCount = (template.blanks.map(\.index).max() ?? 0) + 1
        var fieldOfBlank = BlankTable(count: blankCount)
        var paragraphOfBlank = BlankTable(count: blankCount)
        var blankPosition = BlankTable(count: blankCount)
        for (k, field) in template.fields.enumerated() {
            for b in field.blankIndexes { fieldOfBlank.set(b, k) }
        }
        // In the order they stand in the text, whatever their numbers (first one wins for an index).
        var blanks = template.blanks
        if !zip(blanks, blanks.dropFirst()).allSatisfy({ $0.byteRange.lowerBound <= $1.byteRange.lowerBound }) {
            blanks.sort { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        }
        for (k, blank) in template.blanks.enumerated().reversed() { blankPosition.set(blank.index, k) }
        var runs: [Run] = []
        var starts: [Int] = []
        runs.reserveCapacity(2 * blanks.count + 16)
        var nextBlank = 0
        let text = template.text
        text.withUnsafeBufferPointer { bytes in
            for range in template.keptRanges {
                var lineStart = range.lowerBound
                while lineStart < range.upperBound {
                    var lineEnd = lineStart
                    while lineEnd < range.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                    var contentEnd = lineEnd
                    if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }

                    starts.append(runs.count)
                    var position = lineStart
                    while nextBlank < blanks.count, blanks[nextBlank].byteRange.lowerBound < lineStart { nextBlank += 1 }
                    while nextBlank < blanks.count, blanks[nextBlank].byteRange.upperBound <= contentEnd {
                        let range = blanks[nextBlank].byteRange
                        let index = blanks[nextBlank].index
                        if range.lowerBound > position { runs.append(.text(position..<range.lowerBound)) }
                        runs.append(.blank(index))
                        paragraphOfBlank.set(index, starts.count - 1)
                        position = range.upperBound
                        nextBlank += 1
                    }
                    if position < contentEnd { runs.append(.text(position..<contentEnd)) }
                    lineStart = lineEnd + 1
                }
            }
        }
        starts.append(runs.count)
        if !corrections.isEmpty {
            // An edit lies inside one text run: the runs move by what the edits before them added.
            // Runs and edits are both in the text's order: one pass over each (Ctrl-T takes thousands).
            let edits = corrections.edits
            var passed = 0, shift = 0
            for k in runs.indices {
                guard case .text(let range) = runs[k] else { continue }
                while passed < edits.count, edits[passed].range.upperBound <= range.lowerBound {
                    shift += edits[passed].replacement.count - edits[passed].range.count
                    passed += 1
                }
                var inside = passed, endShift = shift
                while inside < edits.count, edits[inside].range.upperBound <= range.upperBound {
                    endShift += edits[inside].replacement.count - edits[inside].range.count
                    inside += 1
                }
                runs[k] = .text((range.lowerBound + shift)..<(range.upperBound + endShift))
            }
        }
        paragraphs = Paragraphs(runs: runs, starts: starts)
        self.paragraphOfBlank = paragraphOfBlank
        self.fieldOfBlank = fieldOfBlank
        self.blankPosition = blankPosition
        self.blanks = template.blanks
        self.text = corrections.isEmpty ? text : corrections.applied(to: text)
        identity = Self.made.withLock { made in
            made += 1
            return made
        }
    }

    /// The words of a text run.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// The blank with this index.
    public func blank(_ index: Int) -> Blank? {
        blankPosition[index].map { blanks[$0] }
    }
}
