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

    public var good: [GoodRow] = []
    public var problems: [Problem] = []
    /// The numbers of rows with at least one problem, in order.
    public var badRows: [Int] = []

    /// For a year, month or day field, its part of a whole date in the cell ("2021-03-05", "2021/3/5", as
    /// Excel shows a date cell); any other cell as it is.
    static func datePart(_ cell: String, for field: Field?) -> String {
        guard let field, [.year, .month, .day].contains(field.kind) else { return cell }
        let parts = cell.trimmedSpaces().split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return cell }
        let part = parts[field.kind == .year ? 0 : field.kind == .month ? 1 : 2]
        return String(Int(part)!)
    }

    /// Checks every non-empty row; an empty cell is an unanswered field (its default, if any, is used).
    public init(sheet: DataSheet, match: ColumnMatch, template: Template, partial: Bool) {
        for row in sheet.rows where !row.isEmpty {
            var answers: [String: String] = [:]
            var headerOf: [String: String] = [:]
            for column in match.columns {
                headerOf[column.fieldID] = column.header
                guard column.index < row.cells.count else { continue }
                let cell = row.cells[column.index]
                if !cell.trimmedSpaces().isEmpty { answers[column.fieldID] = Self.datePart(cell, for: template.field(column.fieldID)) }
            }
            let review = AnswerReview(answers: answers, template: template, partial: partial)
            if review.isValid {
                good.append(GoodRow(number: row.number, values: review.values, warnings: review.warnings))
                continue
            }
            badRows.append(row.number)
            for entry in review.problems {
                problems.append(Problem(row: row.number, header: headerOf[entry.fieldID], fieldID: entry.fieldID,
                                        problem: entry.problem, cell: answers[entry.fieldID]))
            }
        }
    }
}
