import TiankongEngine
import TiankongWord

/// A sheet of answers on disk: an .xlsx workbook, or CSV text in any encoding templates may have.
public enum SheetFile {
    /// The largest sheet read (256 MiB).
    public static let sizeLimit = 256 << 20

    /// Reads the sheet at `path`; `sheetName` picks a workbook's sheet (the first when nil).
    public static func read(path: String, sheetName: String?) throws(SheetError) -> DataSheet {
        let bytes: [UInt8]
        do throws(TemplateError) {
            bytes = try InputFile.read(path, limit: sizeLimit)
        } catch {
            if case .notFound = error { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: error)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .oldExcel(path: path) }
        if Workbook.isWorkbook(path: path, bytes: bytes) { return try Workbook.read(bytes, path: path, sheetName: sheetName) }
        return try CSVSheet.parse(bytes, path: path)
    }
}
