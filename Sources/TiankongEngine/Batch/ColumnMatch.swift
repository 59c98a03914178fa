/// Which field each column of a sheet gives: by the field's label, its id (the schema's id when there
/// is a schema), case and surrounding spaces aside.
public struct ColumnMatch: Sendable, Equatable {
    /// A column and the field it gives.
    public struct Column: Sendable, Equatable {
        /// 0-based position in the row.
        public var index: Int
        /// The header cell as written.
        public var header: String
        public var fieldID: String
    }

    /// A column that names no field: its 0-based position and header.
    public struct Unmatched: Sendable, Equatable {
        public var index: Int
        public var header: String
    }

    public var columns: [Column] = []
    public var unmatched: [Unmatched] = []
    /// Fields two or more columns give: the field id and those columns' headers.
    public var repeated: [(fieldID: String, headers: [String])] = []
    /// Fields without a column that need an answer (no default, not optional).
    public var missing: [Field] = []

    /// True when every column names a field, none twice, and (unless `partial`) every field has a column.
    public func isComplete(partial: Bool) -> Bool {
        unmatched.isEmpty && repeated.isEmpty && (partial || missing.isEmpty)
    }

    /// Matches the header cells of a sheet to the template's fields.
    /// Columns with an empty header and no data (Excel's trailing columns) are left out.
    public init(header: [String], fields: [Field], columnHasData: (Int) -> Bool = { _ in true }) {
        var byName: [String: String] = [:]
        for field in fields {
            if byName[Self.key(field.label)] == nil { byName[Self.key(field.label)] = field.id }
        }
        // Ids win over labels: an id is what a program wrote.
        for field in fields { byName[Self.key(field.id)] = field.id }
        var headersByField: [String: [String]] = [:]
        for (index, cell) in header.enumerated() {
            let name = cell.trimmedSpaces()
            if name.isEmpty && !columnHasData(index) { continue }
            if let id = byName[Self.key(name)] {
                columns.append(Column(index: index, header: name, fieldID: id))
                headersByField[id, default: []].append(name)
            } else {
                unmatched.append(Unmatched(index: index, header: name))
            }
        }
        for field in fields {
            if let headers = headersByField[field.id], headers.count > 1 { repeated.append((field.id, headers)) }
        }
        let given = Set(columns.map(\.fieldID))
        missing = fields.filter { !given.contains($0.id) && $0.defaultAnswer == nil && !$0.isOptional }
    }

    /// True for a title above a sheet's header: a row with text in one cell only (the others empty or
    /// merged away), text that names no field.
    public static func isTitle(_ cells: [String], fields: [Field]) -> Bool {
        let written = cells.filter { !$0.trimmedSpaces().isEmpty }
        guard written.count == 1 else { return false }
        let name = key(written[0])
        return !fields.contains { key($0.label) == name || key($0.id) == name }
    }

    private static func key(_ name: String) -> String { name.trimmedSpaces().lowercased() }

    public static func == (a: ColumnMatch, b: ColumnMatch) -> Bool {
        a.columns == b.columns && a.unmatched == b.unmatched && a.missing == b.missing
            && a.repeated.map(\.fieldID) == b.repeated.map(\.fieldID) && a.repeated.map(\.headers) == b.repeated.map(\.headers)
    }
}
