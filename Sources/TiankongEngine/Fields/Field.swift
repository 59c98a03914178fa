/// One question the user answers once; it fills one or more blanks.
public struct Field: Hashable, Sendable, Identifiable {
    /// Stable for a template: "f1", "f2", … in order of first appearance.
    public var id: String
    public var kind: Kind
    public var unit: String?
    public var minimum: Int?
    public var maximum: Int?
    /// A short description built from the words before the blank, e.g. "党组扩大会议学习＿＿次".
    public var label: String
    /// The marker of its blanks ("XXX").
    public var marker: String
    /// The blanks it fills, by 1-based index.
    public var blankIndexes: [Int]
    /// The text right before and after each of its blanks, for the doubled-word warning.
    public var surroundings: [Surrounding]
    /// The year, month and day fields this one forms a date with ("XXXX年X月X日"), when it does.
    public var date: DateGroup?
    /// An earlier text field this one may well be the same as (the same marker and words after it, but
    /// not evidence enough to ask once): the wizard offers that field's answer.
    public var sameAs: String?
    /// A sentence telling a first-time user what to write (from the template's schema).
    public var hint: String?
    /// The answer used when none is given (from the schema; for a replaced text, that text).
    public var defaultAnswer: String?
    /// When true, an unanswered field leaves its blanks as they were.
    public var isOptional = false
    /// For a field that replaces a literal text of the template ("2020", "甘肃"): that text.
    public var replacedText: String?
    /// The pieces of text the replacement is limited to (the schema's `within:`); empty for everywhere.
    public var replacedWithin: [String] = []
    /// The answers a text field takes, when the schema lists them (`choices:`); empty for any text.
    public var choices: [String] = []
    /// The fewest and most characters a text answer has (the schema's `min_length`, `max_length`).
    public var minimumLength: Int?
    public var maximumLength: Int?

    /// The text around one blank of the field.
    public struct Surrounding: Hashable, Sendable {
        /// The two texts, or where they lie in the template's text (read when asked for, so a template
        /// with a million blanks of one field does not hold two million strings).
        private enum Storage: Sendable {
            case text(before: String, after: String)
            case source(TextBuffer, before: Range<Int>, after: Range<Int>)
        }

        private var storage: Storage

        public var before: String {
            get {
                switch storage {
                case .text(let before, _): return before
                case .source(let buffer, let before, _): return buffer.string(before)
                }
            }
            set { storage = .text(before: newValue, after: after) }
        }

        public var after: String {
            get {
                switch storage {
                case .text(_, let after): return after
                case .source(let buffer, _, let after): return buffer.string(after)
                }
            }
            set { storage = .text(before: before, after: newValue) }
        }

        public init(before: String, after: String) {
            storage = .text(before: before, after: after)
        }

        /// The text around a blank, as it lies in the template's text.
        init(_ blank: Blank) {
            storage = .source(blank.source, before: blank.beforeRange, after: blank.afterRange)
        }

        public static func == (a: Surrounding, b: Surrounding) -> Bool {
            a.before == b.before && a.after == b.after
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(before)
            hasher.combine(after)
        }
    }

    /// Field ids of a written date's parts.
    public struct DateGroup: Hashable, Sendable {
        public var year: String?
        public var month: String?
        public var day: String?

        public init(year: String?, month: String?, day: String?) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public init(id: String, kind: Kind, unit: String? = nil, minimum: Int? = nil, maximum: Int? = nil,
                label: String, marker: String, blankIndexes: [Int], surroundings: [Surrounding] = [],
                date: DateGroup? = nil) {
        self.id = id
        self.kind = kind
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.label = label
        self.marker = marker
        self.blankIndexes = blankIndexes
        self.surroundings = surroundings
        self.date = date
    }
}
