import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// An Excel workbook (.xlsx) read as a sheet of answers, with the same zip and XML readers as Word files:
/// the first sheet (or the one named), shared and inline strings, numbers as Excel shows them (12.0 is 12).
public enum Workbook {
    /// True for a file named .xlsx/.xlsm or starting as a zip does.
    public static func isWorkbook(path: String, bytes: [UInt8]) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Reads the sheet `sheetName` (the first when nil) of the workbook in `bytes`.
    public static func read(_ bytes: [UInt8], path: String, sheetName: String?) throws(SheetError) -> DataSheet {
        do {
            return try sheet(bytes, path: path, sheetName: sheetName)
        } catch let error as SheetError {
            throw error
        } catch let error as WordFileError {
            throw .workbookPackage(path: path, error)
        } catch {
            throw .damagedWorkbook(path: path, detail: "\(error)")
        }
    }

    private static func sheet(_ bytes: [UInt8], path: String, sheetName: String?) throws -> DataSheet {
        let package = try WordPackage(bytes: bytes, path: path)
        guard let workbookXML = try package.read("xl/workbook.xml") else {
            throw SheetError.damagedWorkbook(path: path, detail: "xl/workbook.xml")
        }
        let sheets = SheetList()
        try WordXML.parse(workbookXML, part: "xl/workbook.xml", path: path, handler: sheets)
        let wanted = sheetName.map { name in sheets.sheets.first { $0.name == name } } ?? sheets.sheets.first
        guard let chosen = wanted else {
            throw SheetError.noSuchSheet(path: path, name: sheetName ?? "", available: sheets.sheets.map(\.name))
        }
        var relationships: [Relationships.Relationship] = []
        if let xml = try package.read("xl/_rels/workbook.xml.rels") {
            relationships = try Relationships.read(xml, part: "xl/_rels/workbook.xml.rels", path: path)
        }
        let target = relationships.first { $0.id == chosen.relationship }?.target ?? "worksheets/sheet1.xml"
        let part = Relationships.resolve(target, from: "xl")
        guard let sheetXML = try package.read(part) else { throw SheetError.damagedWorkbook(path: path, detail: part) }
        let strings = SharedStrings()
        if let xml = try package.read("xl/sharedStrings.xml") {
            try WordXML.parse(xml, part: "xl/sharedStrings.xml", path: path, handler: strings)
        }
        let styles = CellStyles()
        if let xml = try package.read("xl/styles.xml") {
            try WordXML.parse(xml, part: "xl/styles.xml", path: path, handler: styles)
        }
        let cells = SheetCells(shared: strings.strings, dateStyles: styles.dateStyles)
        try WordXML.parse(sheetXML, part: part, path: path, handler: cells)
        guard let header = cells.rows.first else { throw SheetError.empty(path: path) }
        var data = cells.rows.dropFirst().map { DataRow(number: $0.number, cells: $0.cells) }
        while data.last?.isEmpty == true { data.removeLast() }
        if data.isEmpty { throw SheetError.noRows(path: path) }
        return DataSheet(header: header.cells, rows: data)
    }

    /// A number as Excel shows it in a General cell: 12.0 is 12; anything else as stored.
    static func number(_ stored: String) -> String {
        guard let value = Double(stored), value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return stored }
        return String(Int64(value))
    }

    /// A date serial (days since 1899-12-30, as Excel counts from 1 March 1900) as "2021-03-05".
    static func date(serial: String) -> String? {
        guard let value = Double(serial), value >= 61, value < 2_958_466 else { return nil }
        // Days to a civil date (Howard Hinnant's algorithm), from 1970-01-01 = serial 25569.
        let z = Int(value.rounded(.down)) - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The column index of a cell reference ("C7" is 2).
    static func column(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard (65...90).contains(byte) else { break }
            index = index * 26 + Int(byte - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : index - 1
    }

    /// The sheets of xl/workbook.xml, in order.
    private final class SheetList: WordXMLHandler {
        var sheets: [(name: String, relationship: String)] = []
        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            guard strcmp(local, "sheet") == 0, let name = WordXML.attribute(attributes, "name") else { return }
            sheets.append((name, WordXML.attribute(attributes, "id") ?? ""))
        }
        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {}
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }

    /// xl/sharedStrings.xml: each <si>'s text, its runs joined, phonetic guides (<rPh>) left out.
    private final class SharedStrings: WordXMLHandler {
        var strings: [String] = []
        private var current: [UInt8] = []
        private var inText = false
        private var inPhonetic = false
        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            if strcmp(local, "si") == 0 { current = [] }
            if strcmp(local, "rPh") == 0 { inPhonetic = true }
            if strcmp(local, "t") == 0 { inText = !inPhonetic }
        }
        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
            if strcmp(local, "t") == 0 { inText = false }
            if strcmp(local, "rPh") == 0 { inPhonetic = false }
            if strcmp(local, "si") == 0 { strings.append(String(decoding: current, as: UTF8.self)) }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) { if inText { current += bytes } }
    }

    /// xl/styles.xml: which cell styles (<cellXfs> entries) show a number as a date.
    private final class CellStyles: WordXMLHandler {
        private var dateFormats = Set([14, 15, 16, 17, 22, 27, 30, 36, 50, 57])  // Excel's built-in date formats
        private var inCellStyles = false
        private var styleFormats: [Int] = []
        var dateStyles: Set<Int> { Set(styleFormats.indices.filter { dateFormats.contains(styleFormats[$0]) }) }

        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            if strcmp(local, "numFmt") == 0, let id = WordXML.attribute(attributes, "numFmtId").flatMap({ Int($0) }),
               let code = WordXML.attribute(attributes, "formatCode") {
                // A custom format is a date when, outside quoted text, it has a day or a year.
                let unquoted = code.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 0 }.map(\.element).joined().lowercased()
                if unquoted.contains("d") || unquoted.contains("y") { dateFormats.insert(id) }
            } else if strcmp(local, "cellXfs") == 0 {
                inCellStyles = true
            } else if inCellStyles, strcmp(local, "xf") == 0 {
                styleFormats.append(WordXML.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
            }
        }
        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
            if strcmp(local, "cellXfs") == 0 { inCellStyles = false }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }

    /// A worksheet's <sheetData>: each <row> by its number, each <c> in its column.
    private final class SheetCells: WordXMLHandler {
        let shared: [String]
        let dateStyles: Set<Int>
        private var style = 0
        var rows: [(number: Int, cells: [String])] = []
        private var type = ""
        private var column = 0
        private var value: [UInt8] = []
        private var reading = false
        private var rowNumber = 0

        init(shared: [String], dateStyles: Set<Int>) {
            self.shared = shared
            self.dateStyles = dateStyles
        }

        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            if strcmp(local, "row") == 0 {
                rowNumber = WordXML.attribute(attributes, "r").flatMap { Int($0) } ?? rowNumber + 1
                rows.append((rowNumber, []))
            } else if strcmp(local, "c") == 0 {
                type = WordXML.attribute(attributes, "t") ?? "n"
                style = WordXML.attribute(attributes, "s").flatMap { Int($0) } ?? 0
                column = WordXML.attribute(attributes, "r").flatMap { Workbook.column($0) } ?? rows.last.map { $0.cells.count } ?? 0
                value = []
            } else if strcmp(local, "v") == 0 || (strcmp(local, "t") == 0 && type == "inlineStr") {
                reading = true
            }
        }

        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
            if strcmp(local, "v") == 0 || strcmp(local, "t") == 0 {
                reading = false
            } else if strcmp(local, "c") == 0, !rows.isEmpty, column < 16_384 {
                let stored = String(decoding: value, as: UTF8.self)
                let text: String
                switch type {
                case "s": text = Int(stored).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "n" where dateStyles.contains(style): text = Workbook.date(serial: stored) ?? Workbook.number(stored)
                case "n": text = Workbook.number(stored)
                case "b": text = stored == "1" ? "TRUE" : "FALSE"
                default: text = stored  // inlineStr, str (a formula's cached text), e (an error such as #DIV/0!)
                }
                let last = rows.count - 1
                if rows[last].cells.count <= column {
                    rows[last].cells += Array(repeating: "", count: column + 1 - rows[last].cells.count)
                }
                rows[last].cells[column] = text
            }
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) { if reading { value += bytes } }
    }
}
