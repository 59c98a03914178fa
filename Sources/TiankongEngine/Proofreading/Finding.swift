/// The proof-reading rules, by the name programs see (`--format json`).
public enum ProofRule: String, Sendable, Hashable, CaseIterable, Codable {
    case blankLeft = "blank-left"
    case doubledPunctuation = "doubled-punctuation"
    case halfWidthPunctuation = "half-width-punctuation"
    case unpairedMark = "unpaired-mark"
    case headingNumbering = "heading-numbering"
    case repeatedWord = "repeated-word"
    case staleYear = "stale-year"
    case impossibleDate = "impossible-date"
    case spaceBetweenChinese = "space-between-chinese"
    case fullWidthAlphanumeric = "full-width-alphanumeric"
}

/// One thing a proof-reader would mark in a report: where, what, and what to write instead.
public struct Finding: Sendable, Equatable {
    /// What a message says beyond the rule itself.
    public enum Detail: Sendable, Equatable {
        case none
        /// A heading numbered out of order: the number expected there ("三、").
        case headingExpected(String)
        /// A heading numbered in another style than the ones before it at its level ("1." then "2、").
        case headingMixed(first: String)
        /// A bracket or quote without its partner: the partner it lacks.
        case unpaired(partner: String)
        /// A year other than the report's.
        case yearDiffers(reportYear: Int)
        /// A date that does not exist.
        case noSuchDate(month: Int, day: Int?)
    }

    public var rule: ProofRule
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// Where the finding lies in the report's UTF-8 text.
    public var byteRange: Range<Int>
    /// The text found.
    public var found: String
    /// What to write instead, when there is one thing to write.
    public var fix: String?
    /// Whether the fix can be applied without a person looking: it changes no word and no number.
    public var isSafe: Bool
    /// The text around it on its line.
    public var excerpt: String
    public var detail: Detail

    public init(rule: ProofRule, line: Int, column: Int, byteRange: Range<Int>, found: String, fix: String?,
                isSafe: Bool, excerpt: String, detail: Detail = .none) {
        self.rule = rule
        self.line = line
        self.column = column
        self.byteRange = byteRange
        self.found = found
        self.fix = fix
        self.isSafe = isSafe
        self.excerpt = excerpt
        self.detail = detail
    }

    /// True when the fix is applied by `--fix` and Ctrl-R.
    public var isAppliedAutomatically: Bool { isSafe && fix != nil }
}

/// A rule that reads a report line by line (a rule that needs earlier lines keeps them in its state).
protocol LineRule {
    mutating func check(_ line: ProofLine, into findings: inout [Finding])
    /// Called after the last line, for what a rule kept waiting.
    mutating func finish(into findings: inout [Finding])
}

extension LineRule {
    mutating func finish(into findings: inout [Finding]) {}
}
