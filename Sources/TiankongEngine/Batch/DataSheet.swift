/// A sheet of answers as read from a .csv or .xlsx file: its header cells and its data rows.
public struct DataSheet: Sendable, Equatable {
    /// The first row's cells: field labels or ids.
    public var header: [String]
    public var rows: [DataRow]

    public init(header: [String], rows: [DataRow]) {
        self.header = header
        self.rows = rows
    }
}

/// One data row, with its number as a spreadsheet shows it (the header is row 1).
public struct DataRow: Sendable, Equatable {
    public var number: Int
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// The most characters a cell holds, as in Excel: a longer one is refused, not read.
    public static let cellLimit = 32_767

    /// True for a row with nothing but spaces in it (Excel's trailing rows).
    public var isEmpty: Bool { cells.allSatisfy { $0.trimmedSpaces().isEmpty } }
}

/// Why a sheet of answers could not be read. Each case carries what the user needs to fix it.
public enum SheetError: Error, Equatable, Sendable {
    case notFound(path: String)
    case unreadable(path: String, reason: TemplateError)
    /// An Excel 97–2003 workbook (.xls), which is not read: save it as .xlsx or .csv.
    case oldExcel(path: String)
    case empty(path: String)
    /// Bytes that are neither UTF-8 nor GB18030 (nor UTF-16 after a BOM), at a line of the file.
    case undecodable(path: String, line: Int)
    case binary(path: String)
    /// A quote never closed, or one inside an unquoted cell: the rest could not be read as meant.
    case unclosedQuote(path: String, row: Int)
    /// No row under the header.
    case noRows(path: String)
    /// A workbook that is not sound (its zip or XML); the detail says what.
    case damagedWorkbook(path: String, detail: String)
    /// The workbook's zip package or one of its XML parts cannot be read (read as Word files are).
    case workbookPackage(path: String, WordFileError)
    case noSuchSheet(path: String, name: String, available: [String])
    /// A cell of more than `DataRow.cellLimit` characters; its row and 1-based column.
    case cellTooLong(path: String, row: Int, column: Int)

    /// The sysexits code: 66 when the file cannot be read, 65 when what is in it is wrong.
    public var exitStatus: ExitStatus {
        switch self {
        case .notFound, .unreadable: return .input
        default: return .data
        }
    }
}
