import TiankongEngine

/// What the view keeps from one frame to the next, so that a keystroke redraws little: wrapped hints
/// and notices, wrapped report paragraphs, the field list's labels as cells, and the numbers of the
/// characters of several scalars on screen.
///
/// Owned by the session, one per screen, and handed to the view, as a renderer owns its diff state:
/// the frame is still a function of the state; the cache only saves work. The lists are looked
/// through in order, not hashed: a dictionary's first use (a new kind of Hashable key has the Swift
/// runtime scan every conformance) costs more before the first frame than the search ever will.
public final class RenderCache {
    /// The characters of several scalars that have been on screen, numbered for the cells.
    public let clusters = Clusters()
    /// The last texts wrapped (a handful: a screen shows a hint, a notice, a question).
    private var texts: [WrappedText] = []
    /// The paragraphs wrapped lately, and the pieces they hold between them.
    private var paragraphs: [WrappedParagraph] = []
    private var pieces = 0
    /// The field list's labels as cells, by the field's place in the list.
    private var labels: [LabelCells?] = []

    public init() {}

    // MARK: - Hints and notices

    private struct WrappedText {
        var text: String
        var width: Int
        var maxLines: Int
        var lines: [String]
    }

    /// `TextWrap.lines`, remembered: the same hint and notice are wrapped on every keystroke.
    func lines(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        if let known = texts.first(where: { $0.width == width && $0.maxLines == maxLines && $0.text == text }) {
            return known.lines
        }
        let lines = TextWrap.lines(text, width: width, maxLines: maxLines)
        if texts.count >= 16 { texts.removeAll(keepingCapacity: true) }
        texts.append(WrappedText(text: text, width: width, maxLines: maxLines, lines: lines))
        return lines
    }

    // MARK: - The report's paragraphs

    private struct WrappedParagraph {
        var document: Int
        var paragraph: Int
        var width: Int
        /// What the paragraph's blanks showed: a keystroke changes one answer, so only the paragraphs
        /// whose blanks show something else are decoded and wrapped again.
        var blanks: [ReportWrap.Shown]
        var lines: [[Piece]]
    }

    /// A paragraph's wrapped lines, kept while its blanks show the same; forgotten all at once past
    /// 128 paragraphs or a million pieces.
    func paragraphLines(_ state: WizardState, paragraph: Int, width: Int) -> [[Piece]] {
        let shown = ReportWrap.shown(state, paragraph: paragraph)
        let document = state.document.identity
        if let known = paragraphs.first(where: {
            $0.paragraph == paragraph && $0.width == width && $0.document == document && $0.blanks == shown
        }) {
            return known.lines
        }
        let lines = ReportWrap.wrap(ReportWrap.pieces(state, paragraph: paragraph, clusters: clusters), width: width)
        let count = lines.reduce(0) { $0 + $1.count }
        if paragraphs.count >= 128 || pieces + count > 1_000_000 {
            paragraphs.removeAll(keepingCapacity: true)
            pieces = 0
        }
        paragraphs.append(WrappedParagraph(document: document, paragraph: paragraph, width: width, blanks: shown, lines: lines))
        pieces += count
        return lines
    }

    // MARK: - The field list's labels

    private struct LabelCells {
        var label: String
        var limit: Int
        var style: Style
        var cells: [Cell]
    }

    /// Puts " " and the label at (row, column) of a part of the frame not drawn on yet, cut with "…"
    /// to `limit` columns; returns its width. The list is drawn again at every keystroke and its labels
    /// seldom change: measuring and cutting them was a quarter of the keystroke's view.
    func putLabel(_ label: String, place: Int, into frame: inout Frame, row: Int, column: Int, style: Style,
                  limit: Int) -> Int {
        guard limit > 0, place >= 0, row >= 0, row < frame.size.rows, column >= 0, column < frame.size.columns else { return 0 }
        let limit = min(limit, frame.size.columns - column)
        if place < labels.count, let entry = labels[place], entry.limit == limit, entry.style == style, entry.label == label {
            for (k, cell) in entry.cells.enumerated() { frame[row, column + k] = cell }
            return entry.cells.count
        }
        // Not kept yet (or changed): measured and cut as any text is, then kept as the cells it became.
        let width = frame.putFitting(" " + label, row: row, column: column, style: style, limit: limit)
        guard place < 10_000 else { return width }  // a template with that many fields: not worth keeping
        let start = row * frame.size.columns + column
        if labels.count <= place {
            labels += Array(repeating: nil, count: max(place + 1, 2 * labels.count, 32) - labels.count)
        }
        labels[place] = LabelCells(label: label, limit: limit, style: style, cells: Array(frame.cells[start..<(start + width)]))
        return width
    }
}

/// The characters of more than one scalar that have been on screen, numbered in the order they came,
/// the same bytes always the same number (a cell compares numbers, so bytes decide, as they do for
/// what the terminal is sent). Few ever come: a Chinese report's characters are single scalars.
/// One table serves every frame of a screen, so that equal cells in two frames are equal numbers.
public final class Clusters {
    private var characters: [Character] = []
    private var numbers: [[UInt8]: UInt32] = [:]

    public init() {}

    func number(_ character: Character) -> UInt32 {
        let bytes = Array(character.utf8)
        if let number = numbers[bytes] { return number }
        let number = UInt32(characters.count)
        characters.append(character)
        numbers[bytes] = number
        return number
    }

    func character(_ number: UInt32) -> Character { characters[Int(number)] }
}
