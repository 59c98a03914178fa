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

        guard let book = x.workbook_new(path), let sheet = x.workbook_add_worksheet(book, messages.entrySheetName) else { throw .failed(-2) }
        let header = x.workbook_add_format(book)
        x.format_set_bold(header)
        x.format_set_bg_color(header, 0xDDEBF7)
        x.format_set_text_wrap(header)
        let note = x.workbook_add_format(book)
        x.format_set_font_color(note, 0x595959)
        x.format_set_text_wrap(note)
        var hidden = lxw_row_col_options(hidden: 1, level: 0, collapsed: 0)
        x.worksheet_set_row_opt(sheet, 2, 15, nil, &hidden)
        // The hidden sheet of long choice lists, made when a column needs it.
        var choices: UnsafeMutablePointer<lxw_worksheet>?

        /// Gives the validation Excel's prompt and error message (in the user's language) and sets it on
        /// the column's data rows.
        func setValidation(_ validation: inout lxw_data_validation, _ rule: SheetLayout.Rule, column: SheetLayout.Column, at col: lxw_col_t) throws(Failure) {
            let title = strdup(String(column.header.prefix(30)))
            let input = strdup(String(column.expectation.prefix(250)))
            let error = strdup(String(messages.text(for: rule.failure, field: column.field).prefix(250)))
            defer { free(title); free(input); free(error) }
            validation.input_title = title
            validation.input_message = input
            validation.error_title = title
            validation.error_message = error
            let status = x.worksheet_data_validation_range(sheet, 3, col, 3 + validatedRows - 1, col, &validation)
            guard status.rawValue == 0 else { throw .failed(Int32(status.rawValue)) }
        }

        for (k, column) in layout.columns.enumerated() {
            let col = lxw_col_t(k)
            x.worksheet_write_string(sheet, 0, col, column.header, header)
            x.worksheet_write_string(sheet, 1, col, column.expectation, note)
            x.worksheet_write_string(sheet, 2, col, column.field.id, nil)
            if let value = column.field.defaultAnswer { x.worksheet_write_string(sheet, 3, col, value, nil) }
            x.worksheet_set_column(sheet, col, col, width(column), nil)
            if let rule = SheetLayout.rule(for: column.field) {
                var validation = lxw_data_validation()
                validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
                // C strings the validation points at, freed once libxlsxwriter has copied them.
                var owned: [UnsafeMutablePointer<CChar>?] = []
                var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
                defer { owned.forEach { free($0) }; list?.deallocate() }
                func c(_ text: String) -> UnsafeMutablePointer<CChar>? {
                    owned.append(strdup(text))
                    return owned.last!
                }
                switch rule.check {
                case .number(let decimal, let minimum, let maximum):
                    validation.validate = UInt8(decimal ? LXW_VALIDATION_TYPE_DECIMAL.rawValue : LXW_VALIDATION_TYPE_INTEGER.rawValue)
                    limit(&validation, minimum, maximum)
                case .length(let minimum, let maximum):
                    validation.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
                    limit(&validation, minimum, maximum)
                case .list(let items) where Self.fitsInline(items):
                    validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
                    list = .allocate(capacity: items.count + 1)
                    for (n, item) in items.enumerated() { list![n] = c(item) }
                    list![items.count] = nil
                    validation.value_list = list
                case .list(let items):
                    // Too long for an inline list (255 characters) or holding a comma: the choices go in a
                    // column of a hidden sheet, and the list refers to them.
                    validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
                    if choices == nil {
                        choices = x.workbook_add_worksheet(book, Self.choicesSheet)
                        x.worksheet_hide(choices)
                    }
                    for (row, item) in items.enumerated() { _ = x.worksheet_write_string(choices, lxw_row_t(row), col, item, nil) }
                    let letters = Self.columnLetters(k)
                    validation.value_formula = c("='\(Self.choicesSheet)'!$\(letters)$1:$\(letters)$\(items.count)")
                }
                try setValidation(&validation, rule, column: column, at: col)
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

    /// The hidden sheet holding choice lists too long to write inline.
    static let choicesSheet = "选项"

    /// Whether Excel takes the choices as an inline list: 255 bytes at most with their commas, none in them.
    static func fitsInline(_ items: [String]) -> Bool {
        items.reduce(items.count - 1) { $0 + $1.utf8.count } <= 255 && !items.contains { $0.contains(",") }
    }

    /// "A", "B", … "Z", "AA": a 0-based column's letters.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// Sets a validation's criterion: between two limits, at most or at least one.
    static func limit(_ validation: inout lxw_data_validation, _ minimum: Int?, _ maximum: Int?) {
        switch (minimum, maximum) {
        case let (lo?, hi?):
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            validation.minimum_number = Double(lo)
            validation.maximum_number = Double(hi)
        case let (nil, hi?):
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            validation.value_number = Double(hi)
        default:
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            validation.value_number = Double(minimum ?? 0)
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
    /// What Excel checks in a column, and the validation failure whose message Excel shows.
    public struct Rule: Equatable, Sendable {
        public enum Check: Equatable, Sendable {
            /// Whole numbers (or decimals) from `minimum`, up to `maximum` if any.
            case number(decimal: Bool, minimum: Int, maximum: Int?)
            /// One of a list (a dropdown in Excel and Calc).
            case list([String])
            /// Text of so many characters.
            case length(minimum: Int?, maximum: Int?)
        }

        public var check: Check
        public var failure: ValidationFailure
    }

    /// The rule of a field's column, or nil for text that takes anything.
    public static func rule(for field: Field) -> Rule? {
        func whole(_ lo: Int, _ hi: Int?, _ failure: ValidationFailure) -> Rule {
            Rule(check: .number(decimal: false, minimum: lo, maximum: hi), failure: failure)
        }
        func range(_ lo: Int, _ hi: Int) -> Rule {
            let lo = field.minimum ?? lo, hi = field.maximum ?? hi
            return whole(lo, hi, .outOfRange(lo...hi))
        }
        switch field.kind {
        case .text:
            if !field.choices.isEmpty { return Rule(check: .list(field.choices), failure: .notAChoice(field.choices)) }
            guard field.minimumLength != nil || field.maximumLength != nil else { return nil }
            return Rule(check: .length(minimum: field.minimumLength, maximum: field.maximumLength),
                        failure: .wrongLength(minimum: field.minimumLength, maximum: field.maximumLength))
        case .integer:
            let lo = field.minimum ?? 0
            guard let hi = field.maximum else { return whole(lo, nil, .notWhole) }
            return whole(lo, hi, .outOfRange(lo...hi))
        case .decimal, .percent: return Rule(check: .number(decimal: true, minimum: 0, maximum: nil), failure: .negative)
        case .year: return whole(field.minimum ?? 1949, field.maximum ?? 2100, .notAYear)
        case .month: return range(1, 12)
        case .day: return range(1, 31)
        case .quarter: return range(1, 4)
        }
    }
}
