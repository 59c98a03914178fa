import TiankongEngine

/// One character of the report on screen, with its width and style: the cell it will fill, so that
/// neither wrapping nor drawing takes the Character apart again, and a plain value that wrapping copies
/// into lines without reference counting.
public struct Piece: Sendable, Equatable {
    public var cell: Cell
    public var width: Int

    init(cell: Cell, width: Int) {
        self.cell = cell
        self.width = width
    }

    /// - Parameter scalar: the character's scalar when it is known to be one.
    public init(character: Character, width: Int, style: Style, scalar: Unicode.Scalar? = nil, clusters: Clusters) {
        cell = scalar.map { Cell(scalar: $0, style: style, isContinuation: false) }
            ?? Cell(character: character, style: style, isContinuation: false, clusters: clusters)
        self.width = width
    }

    public var style: Style { cell.style }
    public var scalar: Unicode.Scalar? { cell.scalar }

    /// Closing punctuation, which hangs in the margin rather than start a line.
    var isClosing: Bool { scalar.map { TextWrap.isClosingScalar($0.value) } ?? false }
}

/// Wraps the report's paragraphs by display width, one paragraph at a time, so a keystroke costs
/// the paragraphs on screen and never the whole report. Without a `RenderCache` every paragraph is
/// wrapped anew; with one, only those whose blanks show something else.
public enum ReportWrap {
    /// A paragraph's characters with the answers in place.
    static func pieces(_ state: WizardState, paragraph: Int, clusters: Clusters) -> [Piece] {
        var out: [Piece] = []
        let isTitle = paragraph == 0
        for run in state.document.paragraphs[paragraph] {
            switch run {
            case .text(let range):
                append(state.document.string(range), isTitle ? .strong : .normal, clusters, to: &out)
            case .blank(let index):
                let (text, style) = blank(state, index)
                append(text, style, clusters, to: &out)
            }
        }
        return out
    }

    private static func append(_ text: String, _ style: Style, _ clusters: Clusters, to out: inout [Piece]) {
        DisplayWidth.forEachCharacter(of: text) { scalar, character, width in
            if scalar == "\t" {
                out.append(Piece(cell: Cell(scalar: " ", style: style, isContinuation: false), width: 1))
            } else if width > 0 {
                let cell = scalar.map { Cell(scalar: $0, style: style, isContinuation: false) }
                    ?? Cell(character: character!, style: style, isContinuation: false, clusters: clusters)
                out.append(Piece(cell: cell, width: width))
            }
            return true
        }
    }

    /// What a blank shows (see `WizardState.shows(blank:)`), and in which style.
    static func blank(_ state: WizardState, _ index: Int) -> (String, Style) {
        switch state.shows(blank: index) {
        case .marker(let text): return (text, .blank)
        case .typing(let text): return (text, .current)
        case .answer(let text): return (text, .answer)
        case .warned(let text): return (text, .warning)
        case .refused(let text): return (text, .invalid)
        }
    }

    /// Breaks pieces into lines at most `width` columns wide.
    static func wrap(_ pieces: [Piece], width: Int) -> [[Piece]] {
        var lines: [[Piece]] = []
        var line: [Piece] = []
        line.reserveCapacity(width + 2)
        var breaker = LineBreaker(width: width)
        for piece in pieces {
            if breaker.place(piece.width, closing: piece.isClosing) {
                lines.append(line)
                line = []
                line.reserveCapacity(width + 2)
            }
            line.append(piece)
        }
        lines.append(line)
        return lines
    }

    /// The wrapped lines of one paragraph: from `cache` when it has them.
    public static func lines(_ state: WizardState, paragraph: Int, width: Int, cache: RenderCache? = nil) -> [[Piece]] {
        if let cache { return cache.paragraphLines(state, paragraph: paragraph, width: width) }
        return wrap(pieces(state, paragraph: paragraph, clusters: Clusters()), width: width)
    }

    /// What a blank shows, as a paragraph's wrapping depends on it.
    struct Shown: Equatable {
        var text: String
        var style: Style
    }

    /// What each blank of a paragraph shows.
    static func shown(_ state: WizardState, paragraph: Int) -> [Shown] {
        var shown: [Shown] = []
        for case .blank(let index) in state.document.paragraphs[paragraph] {
            let (text, style) = blank(state, index)
            shown.append(Shown(text: text, style: style))
        }
        return shown
    }

    /// The line of a paragraph where a blank starts.
    static func line(ofBlank index: Int, _ state: WizardState, paragraph: Int, width: Int) -> Int {
        ReportLines.lengths(state, paragraph: paragraph, width: width, stoppingAt: index).count - 1
    }

    /// The rows of the report pane for the editing screen: the current field's first blank about a
    /// third of the way down, with the paragraphs around it.
    public static func rows(around state: WizardState, width: Int, count rows: Int, cache: RenderCache? = nil) -> [[Piece]] {
        let field = state.field
        guard let firstBlank = field.blankIndexes.first, let paragraph = state.document.paragraphOfBlank[firstBlank] else {
            return Self.rows(from: ReportPosition(paragraph: 0, line: 0), state, width: width, count: rows, cache: cache)
        }
        // Each paragraph is wrapped once per frame: the ones above the blank are counted, then drawn.
        // A screenful of paragraphs at most, so a list (a dictionary's first use builds its type at start).
        var wrapped: [Wrapped] = []
        func lines(_ p: Int) -> [[Piece]] {
            if let known = wrapped.first(where: { $0.paragraph == p }) { return known.lines }
            let made = Self.lines(state, paragraph: p, width: width, cache: cache)
            wrapped.append(Wrapped(paragraph: p, lines: made))
            return made
        }
        let target = line(ofBlank: firstBlank, state, paragraph: paragraph, width: width)
        let above = min(rows / 3, rows - 1)  // the blank sits a third of the way down
        var start = ReportPosition(paragraph: paragraph, line: target)
        var need = above
        while need > 0 {
            if start.line > 0 {
                let step = min(need, start.line)
                start.line -= step
                need -= step
            } else if start.paragraph > 0 {
                start.paragraph -= 1
                start.line = lines(start.paragraph).count
            } else {
                break
            }
        }
        return Self.rows(from: start, state, width: width, count: rows, lines: lines)
    }

    /// A paragraph's wrapped lines (a struct: a tuple type is put together by the runtime on first use).
    private struct Wrapped {
        var paragraph: Int
        var lines: [[Piece]]
    }

    /// `rows` wrapped lines from a position on.
    public static func rows(from start: ReportPosition, _ state: WizardState, width: Int, count rows: Int,
                            cache: RenderCache? = nil) -> [[Piece]] {
        Self.rows(from: start, state, width: width, count: rows) { Self.lines(state, paragraph: $0, width: width, cache: cache) }
    }

    private static func rows(from start: ReportPosition, _ state: WizardState, width: Int, count rows: Int,
                             lines: (Int) -> [[Piece]]) -> [[Piece]] {
        var out: [[Piece]] = []
        var paragraph = start.paragraph
        var skip = start.line
        let count = state.document.paragraphs.count
        while out.count < rows, paragraph < count {
            let wrapped = lines(paragraph)
            for line in wrapped.dropFirst(skip) where out.count < rows { out.append(line) }
            skip = 0
            paragraph += 1
        }
        return out
    }
}
