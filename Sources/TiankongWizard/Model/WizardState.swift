import TiankongEngine

/// How a field's answer stands, as the field list shows it.
public enum FieldStatus: Sendable, Equatable {
    case empty
    case answered
    case invalid
    case warning
    /// The field being typed into: not checked yet.
    case editing
    /// No answer, and the schema's default (for a replaced text, the template's own text) will be used.
    case byDefault
    /// No answer to an optional field: its blanks stay as they were.
    case skipped
}

/// An answer the wizard offers for an empty field: shown dimmed, taken with Enter.
public struct Offer: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The answer to an earlier field (its 1-based number) that this one may be the same as: the
        /// engine's `sameAs`, or else the last earlier one with the same marker.
        case earlier(field: Int)
        /// The text the template had there ("2020", "甘肃"), asked for by the schema.
        case original
        /// The schema's default.
        case schemaDefault
    }
    public var text: String
    public var source: Source

    /// The answer offered for field `index`: the schema's default (for a replaced text, the
    /// template's own text), or else, without a schema, the valid answer of the earlier field the
    /// engine says it may be the same as ("与第 N 项相同"), or of the last earlier one with its marker.
    /// Offered, never copied: the user takes it with one key.
    /// - Parameter value: the checked value of an earlier field's answer, if it has a valid one.
    public static func make(for index: Int, in template: Template, value: (Field) -> String?) -> Offer? {
        let fields = template.fields
        let field = fields[index]
        if let answer = field.defaultAnswer {
            return Offer(text: answer, source: field.replacedText == answer ? .original : .schemaDefault)
        }
        // A schema says itself which blanks share an answer; a marker like "XX" there means nothing.
        guard template.schemaSource == nil, field.kind == .text else { return nil }
        if let sameAs = field.sameAs, let k = fields[..<index].firstIndex(where: { $0.id == sameAs }), let answer = value(fields[k]) {
            return Offer(text: answer, source: .earlier(field: k + 1))
        }
        for k in stride(from: index - 1, through: 0, by: -1) where fields[k].kind == .text && fields[k].marker == field.marker {
            if let answer = value(fields[k]) { return Offer(text: answer, source: .earlier(field: k + 1)) }
        }
        return nil
    }
}

/// One line of the review: a field to look at and why.
public struct ReviewItem: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case missing
        case invalid(ValidationFailure)
        /// A rule of the schema that does not hold, with its message.
        case ruleBroken(String)
        case warning(ValidationWarning)
    }
    /// The field to go to, an index into `template.fields`.
    public var field: Int
    public var problem: Problem

    /// True for what stops a complete report (everything but a warning).
    public var isBlocking: Bool {
        if case .warning = problem { return false }
        return true
    }
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
    /// The typed name, and the files it names that are there already.
    case confirmOverwrite(path: String, existing: [String])
    /// Saving although `count` things are not right, `rules` of them broken rules.
    case confirmBlanks(count: Int, rules: Int, path: String)
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
    /// The report cut into paragraphs, with the fixes taken for the template's words.
    public internal(set) var document: ReportDocument
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
    /// The default file name last put in `fileEditor`; while the name is still this one, it follows
    /// the title (a year answered changes it).
    var offeredFileName: String
    /// The blanks in the report's title, in order (found once: the title bar is drawn on every keystroke).
    let titleBlanks: [Blank]
    /// The full paths of the files last saved (the Word file, then the text).
    public var savedPaths: [String] = []
    /// Answers from an earlier session, until the user resumes or starts afresh.
    public var earlierAnswers: [String: String]
    /// Fixes of the template's words from an earlier session, taken up with its answers.
    public var earlierCorrections = TemplateCorrections()
    /// Fixes taken on the review for the template's own words (Ctrl-R); saved with the report.
    public internal(set) var corrections = TemplateCorrections()
    /// What proof-reading finds in the report as it will be saved; found when the review opens and after a fix.
    public internal(set) var findings: [ReportFinding] = []
    /// While the findings are being worked out (on the session's worker): none are listed, "校对中…" is.
    public internal(set) var isProofreading = false
    /// The proof-reading asked for last; findings for an earlier one are old.
    var proofreadGeneration = 0
    /// This transition asked for proof-reading; the reducer hands it on as an effect.
    var proofreadWanted = false
    /// Scroll the report to the first finding when the findings come (the review has just opened).
    var showFirstFinding = false
    /// Whether the template's own words may be corrected: not in a Word template, filled in its own package.
    public var correctsTemplateWords = true

    /// A new session on `template`; `earlierAnswers` (from the autosave) are offered to resume.
    /// - Parameter document: the template cut into paragraphs, when it was cut already (on another thread).
    public init(template: Template, language: Language, size: Size, earlierAnswers: [String: String] = [:],
                document: ReportDocument? = nil) {
        self.template = template
        self.document = document ?? ReportDocument(template: template)
        text = WizardText(language: language)
        messages = Messages(language: language)
        self.size = size
        titleBlanks = Report.titleBlanks(template)
        let name = Self.defaultFileName(title: template.title)
        fileEditor = LineEditor(name)
        offeredFileName = name
        self.earlierAnswers = earlierAnswers.filter { !$0.value.isEmpty }
        if !self.earlierAnswers.isEmpty { dialog = .resume(count: self.earlierAnswers.count) }
        editor.fit(width: Layout(size).editorWidth)
    }

    /// A report title plus ".docx" (the text is saved beside it), with characters a file name cannot hold replaced.
    public static func defaultFileName(title: String) -> String {
        Report.fileStem(title: title) + ".docx"
    }

    /// The default file name for the report as answered so far: its title, with a year answered in it.
    public var defaultFileName: String {
        Self.defaultFileName(title: Report.title(template: template, answers: reportAnswers))
    }

    /// The report's title with the answers checked so far ("2021年党建工作总结（党组）" once 2021 is the
    /// year), for the title bar: only the title's own blanks are read.
    public var answeredTitle: String {
        Report.title(template: template, blanks: titleBlanks) { blank in
            document.fieldOfBlank[blank.index].flatMap { verdicts[fields[$0].id]?.value }
        }
    }

    /// The name Ctrl-S will offer: the default while the user has not changed it (so it follows an
    /// answered year), else what the user typed.
    public var pendingFileName: String {
        fileEditor.text == offeredFileName ? defaultFileName : fileEditor.text
    }

    // MARK: - Reading the state

    public var fields: [Field] { template.fields }
    public var field: Field { template.fields[current] }

    /// How one field's answer stands.
    public func status(_ index: Int) -> FieldStatus {
        let field = fields[index]
        let id = field.id
        guard answers[id] != nil else {
            if field.defaultAnswer != nil { return .byDefault }
            return field.isOptional ? .skipped : .empty
        }
        guard let verdict = verdicts[id] else { return index == current && screen == .editing ? .editing : .empty }
        if !verdict.isValid { return .invalid }
        return verdict.warnings.isEmpty ? .answered : .warning
    }

    /// How many fields have a valid answer (answered or warned, in `status` terms).
    ///
    /// Counted over the checked answers, not over the fields: every frame shows it, and a frame must
    /// not cost more on a template with 200,000 fields.
    public var answeredCount: Int {
        verdicts.reduce(0) { count, entry in
            entry.value.isValid && answers[entry.key] != nil ? count + 1 : count
        }
    }

    /// The answers as they go into the report: checked and normalized, valid ones only, and the
    /// schema's defaults for fields left empty.
    public var reportAnswers: [String: String] {
        AnswerReview(answers: answers, template: template, partial: true).values
    }

    /// The answer offered for an empty field: the schema's default (for a replaced text, the
    /// template's own text), or else, without a schema, an earlier answer to the same marker.
    public func offer(for index: Int) -> Offer? {
        Offer.make(for: index, in: template) { verdicts[$0.id]?.value }
    }

    /// The dimmed rest of the offered answer, when what is typed so far starts it.
    public var suggestionTail: String? {
        guard screen == .editing, let offer = offer(for: current) else { return nil }
        let typed = editor.text
        guard offer.text.hasPrefix(typed), offer.text != typed, editor.isAtEnd else { return nil }
        return String(offer.text.dropFirst(typed.count))
    }

    /// What the review lists, as the engine's `AnswerReview` finds it: fields without an answer that
    /// need one, refused answers and broken rules, in field order, then warnings. Optional fields
    /// and fields with a default are not missing.
    public var reviewItems: [ReviewItem] {
        let review = AnswerReview(answers: answers, template: template, partial: false)
        let position = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.id, $0) })
        var items: [ReviewItem] = []
        for entry in review.problems {
            guard let k = position[entry.fieldID] else { continue }
            switch entry.problem {
            case .missing: items.append(ReviewItem(field: k, problem: .missing))
            case .invalid(let failure): items.append(ReviewItem(field: k, problem: .invalid(failure)))
            case .ruleBroken(let message): items.append(ReviewItem(field: k, problem: .ruleBroken(message)))
            case .unknownField: break
            }
        }
        for entry in review.warnings {
            guard let k = position[entry.fieldID] else { continue }
            items.append(ReviewItem(field: k, problem: .warning(entry.warning)))
        }
        return items
    }

    /// Fields left empty whose default goes into the report, by index.
    public var defaultedFields: [Int] {
        fields.indices.filter { status($0) == .byDefault }
    }
}

/// What stops a complete report, counted once for the full-screen and the line-by-line wizard: the
/// problems `AnswerReview` finds (missing, refused, broken rules), and how many are broken rules.
struct LeftToFix: Equatable {
    var count: Int
    var brokenRules: Int

    init(_ review: AnswerReview) {
        let problems = review.problems.filter { $0.problem != .unknownField }
        count = problems.count
        brokenRules = problems.filter { if case .ruleBroken = $0.problem { true } else { false } }.count
    }
}
