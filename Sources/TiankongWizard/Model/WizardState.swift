import TiankongEngine

/// How a field's answer stands, as the field list shows it.
public enum FieldStatus: Sendable, Equatable {
    case empty
    case answered
    case invalid
    case warning
    /// The field being typed into: not checked yet.
    case editing
}

/// The main screen under any dialog.
public enum Screen: Sendable, Equatable {
    /// One field at a time: the report, the question, the line editor.
    case editing
    /// The whole finished report, what is left to do, and saving.
    case review
}

/// A dialog over the screen; keys go to it until it closes.
public enum Dialog: Sendable, Equatable {
    /// "继续上次的填写？" with the number of answers found.
    case resume(count: Int)
    case help
    /// The field list, to jump to any field.
    case fieldList(selection: Int)
    /// The file name prompt (the text is in `fileEditor`).
    case saveName
    case confirmOverwrite(path: String)
    case confirmBlanks(count: Int, path: String)
    case confirmQuit
}

/// A line under the question: why an answer was refused, a warning, or news.
public struct Notice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, warning, error }
    public var kind: Kind
    public var text: String
}

/// The first line shown at the top of the review's report: a paragraph and a wrapped line in it.
public struct ReportPosition: Sendable, Equatable {
    public var paragraph: Int
    public var line: Int
}

/// Everything the wizard shows and remembers. Changed only by `Reducer.reduce`.
public struct WizardState: Sendable {
    public let template: Template
    public let document: ReportDocument
    public let text: WizardText
    public let messages: Messages
    public var size: Size
    public var screen: Screen = .editing
    public var dialog: Dialog?
    /// The field being answered, an index into `template.fields`.
    public var current = 0
    public var editor = LineEditor()
    /// The answers as typed (invalid ones too), by field id. An empty answer is no entry.
    public var answers: [String: String] = [:]
    /// The last check of each answer, by field id; none for the field being typed into.
    public var verdicts: [String: Verdict] = [:]
    /// Answers whose warning the user has seen and let stand, by field id.
    public var warningsSeen: [String: String] = [:]
    public var notice: Notice?
    public var reviewSelection = 0
    public var reviewTop = ReportPosition(paragraph: 0, line: 0)
    public var fileEditor: LineEditor
    /// The full path of the last saved report.
    public var savedPath: String?
    /// Answers from an earlier session, until the user resumes or starts afresh.
    public var earlierAnswers: [String: String]

    /// A new session on `template`; `earlierAnswers` (from the autosave) are offered to resume.
    public init(template: Template, language: Language, size: Size, earlierAnswers: [String: String] = [:]) {
        self.template = template
        document = ReportDocument(template: template)
        text = WizardText(language: language)
        messages = Messages(language: language)
        self.size = size
        fileEditor = LineEditor(Self.defaultFileName(template))
        self.earlierAnswers = earlierAnswers.filter { !$0.value.isEmpty }
        if !self.earlierAnswers.isEmpty { dialog = .resume(count: self.earlierAnswers.count) }
        editor.fit(width: Layout(size).editorWidth)
    }

    /// The report's title plus ".txt", with characters a file name cannot hold replaced.
    public static func defaultFileName(_ template: Template) -> String {
        let title = template.title.isEmpty ? "report" : template.title
        return title.replacingOccurrences(of: "/", with: "／") + ".txt"
    }

    // MARK: - Reading the state

    public var fields: [Field] { template.fields }
    public var field: Field { template.fields[current] }

    /// How one field's answer stands.
    public func status(_ index: Int) -> FieldStatus {
        let id = fields[index].id
        guard answers[id] != nil else { return .empty }
        guard let verdict = verdicts[id] else { return index == current && screen == .editing ? .editing : .empty }
        if !verdict.isValid { return .invalid }
        return verdict.warnings.isEmpty ? .answered : .warning
    }

    /// How many fields have a valid answer.
    public var answeredCount: Int {
        fields.indices.reduce(0) { count, k in
            let s = status(k)
            return s == .answered || s == .warning ? count + 1 : count
        }
    }

    /// The answers as they go into the report: checked and normalized, valid ones only.
    public var reportAnswers: [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            guard let raw = answers[field.id] else { continue }
            if let value = Validation.check(raw, for: field, answers: answers).value { values[field.id] = value }
        }
        return values
    }

    /// An earlier answer to a text field with the same marker ("XXX"), offered for this one.
    public func previousAnswer(for index: Int) -> String? {
        let field = fields[index]
        guard field.kind == .text else { return nil }
        for k in stride(from: index - 1, through: 0, by: -1) where fields[k].kind == .text && fields[k].marker == field.marker {
            if let verdict = verdicts[fields[k].id], let value = verdict.value { return value }
        }
        return nil
    }

    /// The dimmed rest of the earlier answer, when what is typed so far starts it.
    public var suggestionTail: String? {
        guard screen == .editing, let previous = previousAnswer(for: current) else { return nil }
        let typed = editor.text
        guard previous.hasPrefix(typed), previous != typed, editor.isAtEnd else { return nil }
        return String(previous.dropFirst(typed.count))
    }

    /// The fields the review lists: empty or invalid ones, then those with warnings, in field order.
    public var reviewItems: [Int] {
        fields.indices.filter { k in
            let s = status(k)
            return s != .answered
        }
    }
}

/// Where things go on a screen of a given size. The view draws by it; the reducer fits editors to it.
public struct Layout: Sendable, Equatable {
    public let size: Size
    public init(_ size: Size) { self.size = size }

    public static let minimum = Size(columns: 60, rows: 16)
    public var isTooSmall: Bool { size.columns < Self.minimum.columns || size.rows < Self.minimum.rows }
    /// The field list is a side panel on wide screens, and on Ctrl-G otherwise.
    public var hasSidePanel: Bool { size.columns >= 100 }
    public var panelWidth: Int { hasSidePanel ? min(40, size.columns / 3) : 0 }
    /// Columns of the report pane, margins included.
    public var reportWidth: Int { size.columns - panelWidth }
    /// Lines of a comfortable reading width, however wide the screen.
    public var reportTextWidth: Int { max(10, min(96, reportWidth - 3)) }
    public var reportTop: Int { 1 }
    public var reportRows: Int { max(1, size.rows - 6) }
    public var separatorRow: Int { size.rows - 5 }
    public var headingRow: Int { size.rows - 4 }
    public var editorRow: Int { size.rows - 3 }
    public var noticeRow: Int { size.rows - 2 }
    public var keysRow: Int { size.rows - 1 }
    /// The line editor starts after a two-column prompt and keeps the last column free.
    public var editorColumn: Int { 2 }
    public var editorWidth: Int { max(4, size.columns - editorColumn - 1) }
    public var fileEditorColumn: Int { 2 }
    public var fileEditorWidth: Int { max(4, size.columns - fileEditorColumn - 1) }
}
