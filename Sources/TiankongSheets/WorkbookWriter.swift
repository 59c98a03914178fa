import CXlsxWriter
import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// The data-entry sheet as an Excel workbook, written by libxlsxwriter: labels over a frozen row of what
/// each column expects, the field ids in a hidden third row, Excel's own data validation on every column
/// with a rule (its error message in the user's language), widths that fit Chinese headers.
public enum WorkbookWriter {
    public enum Failure: Error, Equatable {
        /// libxlsxwriter is not installed (it is opened when needed, not linked).
        case libraryMissing
        /// The library could not write the workbook; its error number.
        case failed(Int32)
    }

    /// Rows a validation covers under the header rows.
    public static let validatedRows: UInt32 = 10_000

    /// The workbook's bytes.
    public static func bytes(_ layout: SheetLayout, messages: Messages) throws(Failure) -> [UInt8] {
        var x = tk_xlsxwriter()
        guard tk_xlsxwriter_load(&x) == 1 else { throw .libraryMissing }
        // libxlsxwriter writes a file by name; a private temporary one, read back and removed.
        var template = Array("/tmp/tiankong-sheet-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw .failed(-1) }
        close(fd)
        let path = String(cString: template)
        defer { unlink(path) }

        guard let book = x.workbook_new(path), let sheet = x.workbook_add_worksheet(book, nil) else { throw .failed(-2) }
        let header = x.workbook_add_format(book)
        x.format_set_bold(header)
        x.format_set_bg_color(header, 0xDDEBF7)
        x.format_set_text_wrap(header)
        let note = x.workbook_add_format(book)
        x.format_set_font_color(note, 0x595959)
        x.format_set_text_wrap(note)
        var hidden = lxw_row_col_options(hidden: 1, level: 0, collapsed: 0)
        x.worksheet_set_row_opt(sheet, 2, 15, nil, &hidden)

        for (k, column) in layout.columns.enumerated() {
            let col = lxw_col_t(k)
            x.worksheet_write_string(sheet, 0, col, column.header, header)
            x.worksheet_write_string(sheet, 1, col, column.expectation, note)
            x.worksheet_write_string(sheet, 2, col, column.field.id, nil)
            if let value = column.field.defaultAnswer { x.worksheet_write_string(sheet, 3, col, value, nil) }
            x.worksheet_set_column(sheet, col, col, width(column), nil)
            if let rule = SheetLayout.rule(for: column.field) {
                var validation = lxw_data_validation()
                validation.validate = UInt8(rule.decimal ? LXW_VALIDATION_TYPE_DECIMAL.rawValue : LXW_VALIDATION_TYPE_INTEGER.rawValue)
                if let maximum = rule.maximum {
                    validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                    validation.minimum_number = Double(rule.minimum)
                    validation.maximum_number = Double(maximum)
                } else {
                    validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                    validation.value_number = Double(rule.minimum)
                }
                validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
                let title = strdup(String(column.header.prefix(30)))
                let input = strdup(String(column.expectation.prefix(250)))
                let error = strdup(String(messages.text(for: rule.failure, field: column.field).prefix(250)))
                defer { free(title); free(input); free(error) }
                validation.input_title = title
                validation.input_message = input
                validation.error_title = title
                validation.error_message = error
                x.worksheet_data_validation_range(sheet, 3, col, 3 + validatedRows - 1, col, &validation)
            }
        }
        x.worksheet_freeze_panes(sheet, 3, 0)
        let status = x.workbook_close(book)
        guard status.rawValue == 0 else { throw .failed(Int32(status.rawValue)) }
        do throws(TemplateError) {
            return try InputFile.read(path)
        } catch {
            throw .failed(-3)
        }
    }

    /// A column's width in Excel's units (about one per Latin character, two per Chinese one).
    static func width(_ column: SheetLayout.Column) -> Double {
        var widest = 0
        for text in [column.header, column.expectation] {
            widest = max(widest, text.unicodeScalars.reduce(0) { (sum: Int, scalar: Unicode.Scalar) in sum + (scalar.value >= 0x1100 ? 2 : 1) })
        }
        return Double(min(40, max(10, widest + 2)))
    }
}

extension SheetLayout {
    /// What Excel checks in a column: whole numbers (or decimals) from `minimum`, up to `maximum` if any,
    /// and the validation failure whose message Excel shows.
    public struct Rule: Equatable, Sendable {
        public var decimal = false
        public var minimum: Int
        public var maximum: Int?
        public var failure: ValidationFailure
    }

    /// The rule of a field's column, or nil for text.
    public static func rule(for field: Field) -> Rule? {
        func range(_ lo: Int, _ hi: Int) -> Rule {
            let lo = field.minimum ?? lo, hi = field.maximum ?? hi
            return Rule(minimum: lo, maximum: hi, failure: .outOfRange(lo...hi))
        }
        switch field.kind {
        case .text: return nil
        case .integer:
            let lo = field.minimum ?? 0
            guard let hi = field.maximum else { return Rule(minimum: lo, failure: .notWhole) }
            return Rule(minimum: lo, maximum: hi, failure: .outOfRange(lo...hi))
        case .decimal, .percent: return Rule(decimal: true, minimum: 0, failure: .negative)
        case .year: return Rule(minimum: field.minimum ?? 1949, maximum: field.maximum ?? 2100, failure: .notAYear)
        case .month: return range(1, 12)
        case .day: return range(1, 31)
        case .quarter: return range(1, 4)
        }
    }
}
