import TiankongEngine

/// What a blank of the report shows: its marker, the answer being typed, or a checked answer and how it stands.
public enum BlankShows: Sendable, Equatable {
    /// Not answered: the template's marker ("XX").
    case marker(String)
    /// The field being answered: what is typed (the marker while nothing is).
    case typing(String)
    case answer(String)
    case warned(String)
    case refused(String)

    public var text: String {
        switch self {
        case .marker(let s), .typing(let s), .answer(let s), .warned(let s), .refused(let s): return s
        }
    }
}

extension WizardState {
    /// What blank `index` shows in the report pane.
    public func shows(blank index: Int) -> BlankShows {
        let marker = document.blank(index)?.marker ?? ""
        guard let fieldIndex = document.fieldOfBlank[index] else { return .marker(marker) }
        let field = fields[fieldIndex]
        let raw = answers[field.id]
        if screen == .editing && dialog == nil && fieldIndex == current { return .typing(raw ?? marker) }
        guard let raw else { return .marker(marker) }
        guard let verdict = verdicts[field.id] else { return .answer(raw) }
        guard let value = verdict.value else { return .refused(raw) }
        return verdict.warnings.isEmpty ? .answer(value) : .warned(value)
    }
}

/// Where the report pane breaks a paragraph into lines, one character at a time: it goes down when it
/// does not fit, but closing punctuation hangs up to two columns into the margin rather than start a
/// line. The view draws by it; the reducer scrolls the review by it.
struct LineBreaker {
    let width: Int
    /// Columns taken on the line so far.
    private(set) var used = 0
    /// Whether the line has no character yet.
    private(set) var isEmpty = true

    init(width: Int) { self.width = width }

    /// Places a character `columns` wide; true when it starts a new line.
    mutating func place(_ columns: Int, closing: Bool) -> Bool {
        let hangs = used + columns <= width + 2 && closing
        let breaks = used + columns > width && !isEmpty && !hangs
        if breaks { used = 0 }
        used += columns
        isEmpty = false
        return breaks
    }
}

/// The report's paragraphs as the review scrolls them: how many characters each wrapped line holds.
enum ReportLines {
    /// The characters on each line of `paragraph` at `width` columns (a tab is one; what takes no
    /// column is not counted), as the view wraps them.
    /// - Parameter blank: stop where this blank starts: the last line is then the one it starts on
    ///   (the next one when its first character does not fit).
    static func lengths(_ state: WizardState, paragraph: Int, width: Int, stoppingAt blank: Int? = nil) -> [Int] {
        var lengths: [Int] = []
        var count = 0
        var breaker = LineBreaker(width: width)
        for run in state.document.paragraphs[paragraph] {
            let text: String
            switch run {
            case .text(let range): text = state.document.string(range)
            case .blank(let index):
                text = state.shows(blank: index).text
                if index == blank {
                    if let first = text.first, breaker.used + DisplayWidth.of(first) > width, !breaker.isEmpty {
                        lengths.append(count)
                        count = 0
                    }
                    return lengths + [count]
                }
            }
            // Scalar by scalar where a scalar is a character (walking Characters finds each one's
            // grapheme breaks, at every keystroke).
            DisplayWidth.forEachCharacter(of: text) { scalar, character, columns in
                let w = scalar == "\t" ? 1 : columns
                guard w > 0 else { return true }
                let closing = character.map(TextWrap.isClosing) ?? scalar.map { TextWrap.isClosingScalar($0.value) } ?? false
                if breaker.place(w, closing: closing) {
                    lengths.append(count)
                    count = 0
                }
                count += 1
                return true
            }
        }
        lengths.append(count)
        return lengths
    }

    static func lineCount(_ state: WizardState, paragraph: Int, width: Int) -> Int {
        lengths(state, paragraph: paragraph, width: width).count
    }
}
