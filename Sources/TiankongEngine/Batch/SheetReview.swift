/// Every row of a sheet checked with the same validation as the wizard, all problems gathered at once.
public struct SheetReview: Sendable {
    /// A row whose answers can all be used, as they will be written.
    public struct GoodRow: Sendable {
        public var number: Int
        /// By field id, normalised ("十二" is "12").
        public var values: [String: String]
        public var warnings: [AnswerReview.FieldWarning]
    }

    /// One problem of one row: the column it is in (nil for a field no column gives), what is wrong,
    /// and the cell as written.
    public struct Problem: Sendable, Equatable {
        public var row: Int
        public var header: String?
        public var fieldID: String
        public var problem: AnswerReview.Problem
        public var cell: String?
    }

    /// What the review needs to read a row: which column gives which field, and the template's rules.
    public let match: ColumnMatch
    public let template: Template
    public let partial: Bool

    public var problems: [Problem] = []
    /// The numbers of rows with at least one problem, in order.
    public var badRows: [Int] = []
    /// The warnings of rows that can be used, with their rows.
    public var warnings: [(row: Int, warning: AnswerReview.FieldWarning)] = []
    /// How many rows can be used.
    public var goodCount = 0

    /// The field of each of `match.columns`, found once rather than for every row.
    private let columnFields: [Field?]

    public init(match: ColumnMatch, template: Template, partial: Bool) {
        self.match = match
        self.template = template
        self.partial = partial
        columnFields = match.columns.map { template.field($0.fieldID) }
    }

    /// Checks one row, keeping its problems and warnings; its answers when they can all be used.
    public mutating func check(_ row: DataRow) -> GoodRow? {
        guard !row.isEmpty else { return nil }
        return record(row.number, review(row))
    }

    /// Keeps the problems and warnings of a row `review` read (rows reviewed elsewhere are recorded in
    /// their order); its answers when they can all be used.
    public mutating func record(_ number: Int, _ reviewed: (good: GoodRow?, problems: [Problem])) -> GoodRow? {
        let (good, rowProblems) = reviewed
        if let good {
            goodCount += 1
            warnings += good.warnings.map { (number, $0) }
        } else {
            badRows.append(number)
            problems += rowProblems
        }
        return good
    }

    /// For a year, month or day field, its part of a whole date in the cell ("2021-03-05", "2021/3/5", as
    /// Excel shows a date cell); any other cell as it is.
    static func datePart(_ cell: String, for field: Field?) -> String {
        guard let field, [.year, .month, .day].contains(field.kind) else { return cell }
        let parts = cell.trimmedSpaces().split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return cell }
        let part = parts[field.kind == .year ? 0 : field.kind == .month ? 1 : 2]
        return String(Int(part)!)
    }

    /// A row's answers when they can all be used, else its problems; an empty cell is an unanswered
    /// field (its default, if any, is used). Keeps nothing: the second pass over a sheet asks again.
    public func review(_ row: DataRow) -> (good: GoodRow?, problems: [Problem]) {
        var answers: [String: String] = [:]
        for (column, field) in zip(match.columns, columnFields) where column.index < row.cells.count {
            let cell = row.cells[column.index]
            if !cell.trimmedSpaces().isEmpty { answers[column.fieldID] = Self.datePart(cell, for: field) }
        }
        let review = AnswerReview(answers: answers, template: template, partial: partial)
        if review.isValid { return (GoodRow(number: row.number, values: review.values, warnings: review.warnings), []) }
        var headerOf: [String: String] = [:]
        for column in match.columns { headerOf[column.fieldID] = column.header }
        return (nil, review.problems.map { entry in
            Problem(row: row.number, header: headerOf[entry.fieldID], fieldID: entry.fieldID, problem: entry.problem, cell: answers[entry.fieldID])
        })
    }
}
