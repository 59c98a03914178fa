import TiankongEngine

/// Where things go on a screen of a given size. The view draws by it; the reducer fits editors to it.
///
/// From the bottom: the key help, the notice (one line or more), the line editor, the field's hint
/// (none or a few lines), the question, a rule; the report fills the rest.
public struct Layout: Sendable, Equatable {
    public let size: Size
    /// Lines of the hint under the question.
    public let hintLines: Int
    /// Lines of the notice under the editor (at least one).
    public let noticeLines: Int

    public init(_ size: Size, hintLines: Int = 0, noticeLines: Int = 1) {
        self.size = size
        self.hintLines = max(0, hintLines)
        self.noticeLines = max(1, noticeLines)
    }

    public static let minimum = Size(columns: 60, rows: 16)
    /// The report keeps at least this many rows, however much the hint and the notice need.
    public static let minimumReportRows = 4
    public var isTooSmall: Bool { size.columns < Self.minimum.columns || size.rows < Self.minimum.rows }
    /// The field list is a side panel on wide screens, and on Ctrl-G otherwise.
    public var hasSidePanel: Bool { size.columns >= 100 }
    public var panelWidth: Int {
        guard hasSidePanel else { return 0 }
        let panel = min(40, size.columns / 3)
        // Wider still, the report keeps its reading width and the list stands right beside it, as
        // wide as its titles need: no empty band between the two.
        if size.columns - panel - 3 <= Self.readingWidth { return panel }
        return min(60, size.columns - Self.readingWidth - 3)
    }
    /// Columns of the report pane, margins included.
    public var reportWidth: Int {
        hasSidePanel ? min(size.columns - panelWidth, Self.readingWidth + 3) : size.columns
    }
    /// Lines of a comfortable reading width, however wide the screen.
    public var reportTextWidth: Int { max(10, min(Self.readingWidth, reportWidth - 3)) }
    /// The widest the report's lines get.
    public static let readingWidth = 96
    public var reportTop: Int { 1 }
    public var reportRows: Int { max(1, separatorRow - reportTop) }
    public var separatorRow: Int { headingRow - 1 }
    public var headingRow: Int { hintRow - 1 }
    /// The first line of the hint (the editor's row when there is none).
    public var hintRow: Int { editorRow - hintLines }
    public var editorRow: Int { noticeRow - 1 }
    /// The first line of the notice.
    public var noticeRow: Int { keysRow - noticeLines }
    public var keysRow: Int { size.rows - 1 }
    /// Columns for a hint or a notice line, which start in column 1.
    public var textWidth: Int { max(10, size.columns - 2) }
    /// The line editor starts after a two-column prompt and keeps the last column free.
    public var editorColumn: Int { 2 }
    public var editorWidth: Int { max(4, size.columns - editorColumn - 1) }
    public var fileEditorColumn: Int { 2 }
    public var fileEditorWidth: Int { max(4, size.columns - fileEditorColumn - 1) }
}

extension Layout {
    /// Hints and notices wrap to at most this many lines.
    static let maximumHintLines = 3
    static let maximumNoticeLines = 3

    /// The layout for a state: room for the current field's hint and for the notice, as long as the
    /// report keeps `minimumReportRows` rows (the notice wins over the hint).
    public init(_ state: WizardState, size: Size? = nil) {
        let size = size ?? state.size
        let base = Layout(size)
        var spare = max(0, base.reportRows - Layout.minimumReportRows)
        if let (question, answer) = state.confirmation {
            // The question wraps down from the question row; its answer from the editor's row.
            let below = min(Layout.maximumNoticeLines, 1 + spare, max(1, TextWrap.count(answer, width: base.textWidth) - 1))
            spare -= below - 1
            let above = min(spare, Layout.maximumHintLines, TextWrap.count(question, width: base.textWidth) - 1)
            self.init(size, hintLines: above, noticeLines: below)
            return
        }
        var notice = 1
        if let line = state.noticeLine {
            notice = min(Layout.maximumNoticeLines, 1 + spare, max(1, TextWrap.count(line.text, width: base.textWidth)))
        }
        spare -= notice - 1
        var hint = 0
        if let text = state.shownHint {
            hint = min(spare, TextWrap.lines(text, width: base.textWidth, maxLines: Layout.maximumHintLines).count)
        }
        self.init(size, hintLines: hint, noticeLines: notice)
    }
}

/// The line under the editor: a notice, or the answer offered for an empty field.
struct NoticeLine {
    enum Look { case notice(Notice.Kind), offer }
    var text: String
    var look: Look
}

extension WizardState {
    /// A confirmation's question, and what to answer: the resume question and its detail, or a
    /// yes-or-no question and "(Y/N)".
    var confirmation: (String, String)? {
        switch dialog {
        case .resume(let count)?: return (text.resumeTitle, text.resumeDetail(count))
        case .confirmQuit?: return (text.quitQuestion, "(Y/N)")
        case .confirmBlanks(let count, let rules, _)?: return (text.blanksLeft(count, rules: rules), "(Y/N)")
        case .confirmOverwrite(_, let existing)?: return (text.overwrite(existing), "(Y/N)")
        default: return nil
        }
    }

    /// The current field's hint, when the bottom shows its question (and so its hint).
    var shownHint: String? {
        guard screen == .editing else { return nil }
        switch dialog {
        case nil, .fieldList?, .help?: break
        default: return nil
        }
        guard let hint = field.hint, !hint.isEmpty else { return nil }
        return hint
    }

    /// What the notice line says: the notice, or else the answer offered for an empty field.
    var noticeLine: NoticeLine? {
        switch dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?: return nil
        default: break
        }
        if let notice { return NoticeLine(text: notice.text, look: .notice(notice.kind)) }
        if dialog != .saveName, screen == .editing, editor.isEmpty, let offer = offer(for: current) {
            return NoticeLine(text: text.offer(offer), look: .offer)
        }
        return nil
    }
}
