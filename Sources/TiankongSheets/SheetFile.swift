import TiankongEngine
import TiankongWord

/// A sheet of answers on disk, an .xlsx workbook or CSV text in any encoding templates may have, read a
/// row at a time, as often as asked: a batch reads it once to check every row and again to write.
public enum SheetFile {
    /// The largest sheet read (256 MiB).
    public static let sizeLimit = 256 << 20

    case csv(CSVSheet)
    case workbook(Workbook)

    /// Opens the sheet at `path`; `sheetName` picks a workbook's sheet (the first when nil).
    public static func open(path: String, sheetName: String?) throws(SheetError) -> SheetFile {
        let start = try SheetBytes(path: path).prefix(8)
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .oldExcel(path: path) }
        if Workbook.isWorkbook(path: path, bytes: start) { return .workbook(try Workbook(path: path, sheetName: sheetName)) }
        return .csv(try CSVSheet(path: path))
    }

    /// The most title rows looked past for the header.
    public static let titleRowLimit = 5

    /// Gives the header row to `header`, then each data row with something in it to `row`, until `row`
    /// returns false. The header is the first row that is neither empty nor a title (`ColumnMatch.isTitle`:
    /// one cell naming no field, as "2020年党建工作总结填报表" merged across the columns); when the first
    /// `titleRowLimit` rows all look like titles, the first of them is the header after all.
    /// - Throws: `SheetError`; `.noRows` when, read to the end, the sheet has no data row.
    public func read(fields: [Field], header: (DataRow) -> Void, row: (DataRow) -> Bool) throws(SheetError) {
        var sawHeader = false
        var sawData = false
        var stopped = false
        var titles: [DataRow] = []
        func data(_ next: DataRow) -> Bool {
            guard !next.isEmpty else { return true }
            sawData = true
            if !row(next) { stopped = true }
            return !stopped
        }
        /// Takes the first of the rows held as titles for the header, and the rest for data.
        func noTitlesAfterAll() -> Bool {
            sawHeader = true
            header(titles[0])
            for held in titles.dropFirst() where !data(held) { return false }
            return true
        }
        let each: (DataRow) -> Bool = { next in
            guard sawHeader else {
                if next.isEmpty { return true }
                if ColumnMatch.isTitle(next.cells, fields: fields) {
                    titles.append(next)
                    return titles.count < Self.titleRowLimit || noTitlesAfterAll()
                }
                sawHeader = true
                header(next)
                return true
            }
            return data(next)
        }
        let path: String
        switch self {
        case .csv(let sheet):
            path = sheet.path
            try sheet.rows(each)
        case .workbook(let book):
            path = book.path
            try book.rows(each)
        }
        if stopped { return }
        if !sawHeader, !titles.isEmpty, !noTitlesAfterAll() { return }
        if !sawHeader { throw .empty(path: path) }
        if !sawData { throw .noRows(path: path) }
    }
}
