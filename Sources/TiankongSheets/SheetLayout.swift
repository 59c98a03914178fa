import TiankongEngine

/// What the data-entry sheet for a template holds: one column per field, headed by its label, with a
/// second row saying what it expects and the schema's defaults in the first data row.
public struct SheetLayout: Sendable {
    /// One column.
    public struct Column: Sendable {
        public var field: Field
        public var header: String
        public var expectation: String
    }

    public var columns: [Column]

    public init(template: Template, messages: Messages) {
        columns = template.fields.map { Column(field: $0, header: $0.label, expectation: messages.expectation(for: $0)) }
    }

    /// The first data row: each field's default answer, or nothing.
    public var defaults: [String] { columns.map { $0.field.defaultAnswer ?? "" } }
}

extension CSVSheet {
    /// The sheet as CSV: UTF-8 with a byte-order mark and CRLF line ends, as Excel on Chinese Windows
    /// opens it without mojibake.
    public static func bytes(_ layout: SheetLayout) -> [UInt8] {
        var rows = [layout.columns.map(\.header), layout.columns.map(\.expectation)]
        if layout.defaults.contains(where: { !$0.isEmpty }) { rows.append(layout.defaults) }
        return [0xEF, 0xBB, 0xBF] + Array(CSVText.rows(rows).utf8)
    }
}
