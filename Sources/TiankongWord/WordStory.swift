import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// The text a person sees in one part of a Word document (the body, a header, a footer, the
/// footnotes), as lines, with where each character of a line came from in the part's XML.
///
/// A line is a paragraph, or a table row with its cells joined by " │ ". The visible text is that of
/// `w:t` in runs that are not hidden (`w:vanish`); `w:instrText`, `w:delText` and a text box's
/// fallback copy (`mc:Fallback`) are not read as text (the fallback's `w:t`s are kept, each the twin of
/// its `mc:Choice` copy, to be filled alike); `w:tab` reads as a tab and `w:br`/`w:cr` as a space.
struct WordStory {
    typealias Kind = WordPlace.Story

    /// One `w:t` element: where its tags and its content lie in the XML, and its decoded text.
    struct TextElement {
        /// The start tag (or the whole empty-element tag).
        var tag: Range<Int>
        /// The content, between the tags (empty for an empty-element tag).
        var content: Range<Int>
        /// The whole element.
        var element: Range<Int>
        /// Its decoded text, in the story's `textBytes` (one array for all, not one for each `w:t`).
        var text: Range<Int>
        /// The run it sits in (an index into `runs`).
        var run: Int
        /// The same text's copy in the `mc:Fallback` of the `mc:AlternateContent` it sits in, when there
        /// is one: what is done to this element is done to it.
        var twin: Int?
    }

    /// One `w:r`: where it lies and how many children it has besides its properties.
    struct Run {
        var element: Range<Int>
        var children = 0
        var hidden = false
    }

    /// A stretch of a line's text read from one `w:t`: `count` bytes at `textStart` are `textElement`'s
    /// bytes from `offset`.
    struct Segment {
        var textStart: Int
        var count: Int
        var textElement: Int
        var offset: Int
    }

    /// Where a line is in the document.
    enum Place: Equatable, Sendable {
        /// The n-th paragraph of the part (outside tables and text boxes), 1-based.
        case paragraph(Int)
        /// Row `row` of table `table` (1-based, tables counted in the part, nested ones with their outer one).
        case row(table: Int, row: Int)
        /// A paragraph in a text box.
        case textBox
    }

    struct Line {
        var text: [UInt8] = []
        var segments: [Segment] = []
        /// Where each cell starts in `text` (rows only).
        var cellStarts: [Int] = []
        /// The paragraph or row element.
        var element: Range<Int> = 0..<0
        /// False when removing it would leave its container (a cell, a header) without a block, or it
        /// holds the section's properties: an advert there is emptied instead.
        var deletable = true
        var place: Place = .paragraph(0)
        /// The footnote or endnote it is in (1-based, separators not counted).
        var note: Int?
        /// For a table row: its table (numbered in the part, every table counted) and how many rows it has.
        var table: Int?
        var rowsInTable = 0
    }

    let part: String
    let kind: Kind
    let xml: [UInt8]
    var texts: [TextElement] = []
    /// The decoded text of every `w:t`, one after the other.
    var textBytes: [UInt8] = []
    var runs: [Run] = []
    var lines: [Line] = []
}

/// Builds a `WordStory` from expat's events.
final class WordStoryReader: WordXMLHandler {
    private(set) var story: WordStory

    /// A paragraph being read.
    private struct OpenParagraph {
        var line = WordStory.Line()
        var start: Int
        var container: Int
    }

    /// A table row being read: its line, the cell being read, how deep in the frame's tables it is.
    private struct OpenRow {
        var line = WordStory.Line()
        var start: Int
        var container: Int
        var paragraphsInCell = 0
        /// A cell of it is merged with the one above or below (`w:vMerge`): removing it would change the merge.
        var merged = false
    }

    /// Text boxes start a frame of their own: their paragraphs are lines of their own, whatever they sit in.
    private struct Frame {
        var paragraphs: [OpenParagraph] = []
        var rows: [OpenRow] = []
        var isTextBox: Bool
    }

    /// A container of blocks (body, cell, header, text box, note) and how many blocks it holds.
    private var containers: [Int] = []
    private var containerStack: [Int] = []
    /// The lines of each container, to mark the only block of one as not deletable when it closes.
    private var linesOfContainer: [[Int]] = []

    private var frames = [Frame(isTextBox: false)]
    private var runStack: [Int] = []
    /// The `w:t` being read, when one is.
    private var openText: Int?
    /// Element names of the open elements (word namespace only), for parent checks.
    private var names: [Code] = []
    /// Where each open word element's start tag ends: an empty-element tag is its whole element.
    private var tagEnds: [Int] = []
    /// Depth inside `mc:Fallback`, whose content repeats the `mc:Choice` before it: only its runs and
    /// `w:t`s are kept, as twins of the choice's.
    private var skipping = 0
    /// Inside `mc:Fallback`: each open element's code and where its start tag ends.
    private var fallbackElements: [(code: Code, tagEnd: Int)] = []
    /// Open `mc:AlternateContent`s: where their `w:t`s start in `story.texts`, and where the fallback's do.
    private var alternates: [(choice: Int, fallback: Int?)] = []
    private var paragraphCount = 0
    private var tableCount = 0
    private var tableDepth = 0
    private var rowCount = 0
    private var noteCount = 0
    /// The open tables, innermost last: each one's serial and the lines of its rows.
    private var openTables: [(serial: Int, rows: [Int])] = []
    private var tableSerial = 0
    /// In a note that only separates the notes from the text (no line of it is read).
    private var inSeparator = false
    /// The note being read; its paragraphs and tables are counted in it.
    private var note: Int?

    init(part: String, kind: WordStory.Kind, xml: [UInt8]) {
        story = WordStory(part: part, kind: kind, xml: xml)
    }

    enum Code: UInt8 {
        case p, r, t, tab, br, cr, noBreakHyphen, tbl, tr, tc, rPr, pPr, vanish, vMerge, sectPr, txbxContent
        case body, hdr, ftr, footnote, endnote, other
    }

    static func code(_ local: UnsafePointer<CChar>) -> Code {
        switch local[0] {
        case 0x70: // p
            if local[1] == 0 { return .p }
            return strcmp(local, "pPr") == 0 ? .pPr : .other
        case 0x72: // r
            if local[1] == 0 { return .r }
            return strcmp(local, "rPr") == 0 ? .rPr : .other
        case 0x74: // t
            if local[1] == 0 { return .t }
            if strcmp(local, "tab") == 0 { return .tab }
            if strcmp(local, "tbl") == 0 { return .tbl }
            if strcmp(local, "tr") == 0 { return .tr }
            if strcmp(local, "tc") == 0 { return .tc }
            if strcmp(local, "txbxContent") == 0 { return .txbxContent }
            return .other
        case 0x62: // b
            if strcmp(local, "br") == 0 { return .br }
            return strcmp(local, "body") == 0 ? .body : .other
        case 0x63: return strcmp(local, "cr") == 0 ? .cr : .other
        case 0x6E: return strcmp(local, "noBreakHyphen") == 0 ? .noBreakHyphen : .other
        case 0x76:
            if strcmp(local, "vanish") == 0 { return .vanish }
            return strcmp(local, "vMerge") == 0 ? .vMerge : .other
        case 0x73: return strcmp(local, "sectPr") == 0 ? .sectPr : .other
        case 0x68: return strcmp(local, "hdr") == 0 ? .hdr : .other
        case 0x66:
            if strcmp(local, "ftr") == 0 { return .ftr }
            return strcmp(local, "footnote") == 0 ? .footnote : .other
        case 0x65: return strcmp(local, "endnote") == 0 ? .endnote : .other
        default: return .other
        }
    }

    func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>,
               start: Int, end: Int) {
        if skipping > 0 || (namespace == .markupCompatibility && strcmp(local, "Fallback") == 0) {
            if skipping == 0, !alternates.isEmpty { alternates[alternates.count - 1].fallback = story.texts.count }
            skipping += 1
            fallbackStart(namespace == .word ? Self.code(local) : .other, start: start, end: end)
            return
        }
        if namespace == .markupCompatibility && strcmp(local, "AlternateContent") == 0 { alternates.append((story.texts.count, nil)) }
        guard namespace == .word else { names.append(.other); tagEnds.append(end); return }
        let code = Self.code(local)
        let parent = names.last
        names.append(code)
        tagEnds.append(end)
        switch code {
        case .body, .hdr, .ftr, .footnote, .endnote, .tc, .txbxContent:
            if code == .footnote || code == .endnote {
                // The separator and continuation notes (w:type) are not numbered.
                let type = WordXML.attribute(attributes, "type")
                if type == nil || type == "normal" { noteCount += 1; note = noteCount; inSeparator = false } else { note = nil; inSeparator = true }
                paragraphCount = 0
                tableCount = 0
            }
            containerStack.append(containers.count)
            containers.append(0)
            linesOfContainer.append([])
            if code == .txbxContent { frames.append(Frame(isTextBox: true)) }
            if code == .tc, !frames[frames.count - 1].rows.isEmpty {
                var row = frames[frames.count - 1].rows.removeLast()
                if !row.line.cellStarts.isEmpty { append(separator: " │ ", to: &row.line) }
                row.line.cellStarts.append(row.line.text.count)
                row.paragraphsInCell = 0
                frames[frames.count - 1].rows.append(row)
            }
        case .p:
            if let container = containerStack.last { containers[container] += 1 }
            frames[frames.count - 1].paragraphs.append(OpenParagraph(start: start, container: containerStack.last ?? -1))
        case .tbl:
            tableSerial += 1
            openTables.append((tableSerial, []))
            if let container = containerStack.last { containers[container] += 1 }
            if tableDepth == 0 && !frames[frames.count - 1].isTextBox { tableCount += 1; rowCount = 0 }
            tableDepth += 1
        case .tr:
            if frames[frames.count - 1].rows.isEmpty {
                if !frames[frames.count - 1].isTextBox && tableDepth == 1 { rowCount += 1 }
                frames[frames.count - 1].rows.append(OpenRow(start: start, container: containerStack.last ?? -1))
            } else {
                // A nested table's row joins its outer row's line, a cell of it.
                frames[frames.count - 1].rows.append(OpenRow(start: -1, container: -1))
            }
        case .r:
            runStack.append(story.runs.count)
            story.runs.append(WordStory.Run(element: start..<end))
            countChild(of: parent)
        case .t:
            countChild(of: parent)
            guard parent == .r, let run = runStack.last else { return }
            openText = story.texts.count
            story.texts.append(WordStory.TextElement(tag: start..<end, content: end..<end, element: start..<end,
                                                     text: story.textBytes.count..<story.textBytes.count, run: run))
        case .tab:
            countChild(of: parent)
            if parent == .r { visible(synthetic: "\t") }
        case .br, .cr:
            countChild(of: parent)
            if parent == .r { visible(synthetic: " ") }
        case .noBreakHyphen:
            countChild(of: parent)
            if parent == .r { visible(synthetic: "-") }
        case .vMerge:
            if var row = frames[frames.count - 1].rows.popLast() {
                row.merged = true
                frames[frames.count - 1].rows.append(row)
            }
        case .vanish:
            // Hidden text: a run's own property (not the paragraph mark's), unless turned off.
            if parent == .rPr, names.count >= 3, names[names.count - 3] == .r, let run = runStack.last {
                let value = WordXML.attribute(attributes, "val")
                story.runs[run].hidden = !(value == "0" || value == "false" || value == "off")
            }
        case .sectPr:
            if parent == .pPr, var paragraph = frames[frames.count - 1].paragraphs.popLast() {
                paragraph.line.deletable = false
                frames[frames.count - 1].paragraphs.append(paragraph)
            }
        case .rPr, .pPr, .other:
            if code == .other { countChild(of: parent) }
        }
    }

    func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
        if skipping > 0 {
            skipping -= 1
            fallbackEnd(start: start, end: end)
            if skipping == 0 { pairTwins() }
            return
        }
        let tagEnd = tagEnds.removeLast()
        if namespace == .markupCompatibility && strcmp(local, "AlternateContent") == 0 { _ = alternates.popLast() }
        guard namespace == .word else { names.removeLast(); return }
        let code = names.removeLast()
        // After an empty-element tag expat reports an end tag of no bytes.
        let (start, end) = end > start ? (start, end) : (tagEnd, tagEnd)
        switch code {
        case .t, .r:
            close(code, start: start, end: end)
        case .p:
            guard var paragraph = frames[frames.count - 1].paragraphs.popLast() else { return }
            var frame = frames[frames.count - 1]
            if var row = frame.rows.popLast(), frame.paragraphs.isEmpty {
                // A paragraph of a cell: part of its row's line.
                if row.paragraphsInCell > 0 && !paragraph.line.text.isEmpty { append(separator: " ", to: &row.line) }
                row.paragraphsInCell += 1
                let shift = row.line.text.count
                row.line.text += paragraph.line.text
                row.line.segments += paragraph.line.segments.map { var s = $0; s.textStart += shift; return s }
                frame.rows.append(row)
                frames[frames.count - 1] = frame
                return
            }
            paragraph.line.element = paragraph.start..<end
            if frame.isTextBox {
                paragraph.line.place = .textBox
            } else {
                paragraphCount += 1
                paragraph.line.place = .paragraph(paragraphCount)
            }
            emit(paragraph.line, container: paragraph.container)
        case .tr:
            guard var row = frames[frames.count - 1].rows.popLast() else { return }
            if row.start < 0 {
                // A nested row: its cells go on with the outer row's line.
                if var outer = frames[frames.count - 1].rows.popLast() {
                    // At a cell's start the cell's own mark is there already.
                    if !outer.line.text.isEmpty && outer.line.cellStarts.last != outer.line.text.count {
                        append(separator: " │ ", to: &outer.line)
                    }
                    let shift = outer.line.text.count
                    outer.line.text += row.line.text
                    outer.line.segments += row.line.segments.map { var s = $0; s.textStart += shift; return s }
                    frames[frames.count - 1].rows.append(outer)
                }
                return
            }
            row.line.element = row.start..<end
            // A row may go (the grid is the columns'), unless it holds part of a vertical merge; a table's
            // last row never goes (see `WordTemplate.filled`).
            row.line.deletable = !row.merged
            if !openTables.isEmpty {
                row.line.table = openTables[openTables.count - 1].serial
                openTables[openTables.count - 1].rows.append(story.lines.count)
            }
            row.line.place = frames[frames.count - 1].isTextBox ? .textBox : .row(table: tableCount, row: rowCount)
            emit(row.line, container: row.container)
        case .tbl:
            tableDepth -= 1
            if let (_, rows) = openTables.popLast() { for line in rows { story.lines[line].rowsInTable = rows.count } }
        case .body, .hdr, .ftr, .footnote, .endnote, .tc, .txbxContent:
            if code == .txbxContent, frames.count > 1 { frames.removeLast() }
            if code == .footnote || code == .endnote { note = nil; inSeparator = false }
            if let container = containerStack.popLast(), containers[container] <= 1 {
                for line in linesOfContainer[container] { story.lines[line].deletable = false }
            }
        default:
            break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let index = openText, !bytes.isEmpty else { return }
        let offset = story.texts[index].text.count
        story.textBytes += bytes
        story.texts[index].text = story.texts[index].text.lowerBound..<story.textBytes.count
        if skipping > 0 { return }
        guard !story.runs[story.texts[index].run].hidden,
              var paragraph = frames[frames.count - 1].paragraphs.popLast() else { return }
        let textStart = paragraph.line.text.count
        paragraph.line.text += bytes
        if var last = paragraph.line.segments.last, last.textElement == index, last.textStart + last.count == textStart {
            last.count += bytes.count
            paragraph.line.segments[paragraph.line.segments.count - 1] = last
        } else {
            paragraph.line.segments.append(WordStory.Segment(textStart: textStart, count: bytes.count, textElement: index, offset: offset))
        }
        frames[frames.count - 1].paragraphs.append(paragraph)
    }

    // MARK: - The fallback copy

    /// An element starts inside `mc:Fallback`: a run or a run's `w:t` is kept, the rest only counted.
    private func fallbackStart(_ code: Code, start: Int, end: Int) {
        let parent = fallbackElements.last?.code
        fallbackElements.append((code, end))
        if parent == .r, code != .rPr, let run = runStack.last { story.runs[run].children += 1 }
        switch code {
        case .r:
            runStack.append(story.runs.count)
            story.runs.append(WordStory.Run(element: start..<end))
        case .t where parent == .r:
            openText = story.texts.count
            story.texts.append(WordStory.TextElement(tag: start..<end, content: end..<end, element: start..<end,
                                                     text: story.textBytes.count..<story.textBytes.count, run: runStack.last!))
        default:
            break
        }
    }

    private func fallbackEnd(start: Int, end: Int) {
        let (code, tagEnd) = fallbackElements.removeLast()
        let (start, end) = end > start ? (start, end) : (tagEnd, tagEnd)
        close(code, start: start, end: end)
    }

    /// A `w:t` or `w:r` ends at `start..<end` (its end tag): its element's bytes, and a text's content,
    /// are known now. Other elements need nothing here.
    private func close(_ code: Code, start: Int, end: Int) {
        switch code {
        case .t:
            if let index = openText {
                story.texts[index].content = story.texts[index].tag.upperBound..<start
                story.texts[index].element = story.texts[index].tag.lowerBound..<end
                openText = nil
            }
        case .r:
            if let run = runStack.popLast() { story.runs[run].element = story.runs[run].element.lowerBound..<end }
        default:
            break
        }
    }

    /// The fallback's `w:t`s made the twins of the choice's, when they are the same texts in the same order.
    private func pairTwins() {
        guard let (choice, fallback) = alternates.last, let fallback else { return }
        let choices = choice..<fallback, copies = fallback..<story.texts.count
        guard choices.count == copies.count, zip(choices, copies).allSatisfy({
            story.textBytes[story.texts[$0].text].elementsEqual(story.textBytes[story.texts[$1].text])
        }) else { return }
        for (c, f) in zip(choices, copies) { story.texts[c].twin = f }
    }

    /// A character the XML shows by an element (a tab, a break): in the line's text, from no `w:t`.
    private func visible(synthetic: String) {
        guard let run = runStack.last, !story.runs[run].hidden,
              var paragraph = frames[frames.count - 1].paragraphs.popLast() else { return }
        paragraph.line.text += synthetic.utf8
        frames[frames.count - 1].paragraphs.append(paragraph)
    }

    private func append(separator: String, to line: inout WordStory.Line) {
        line.text += separator.utf8
    }

    private func countChild(of parent: Code?) {
        if parent == .r, let run = runStack.last { story.runs[run].children += 1 }
    }

    private func emit(_ line: WordStory.Line, container: Int) {
        if inSeparator { return }
        if container >= 0 { linesOfContainer[container].append(story.lines.count) }
        var line = line
        line.note = note
        story.lines.append(line)
    }
}
