import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// An Excel workbook (.xlsx) read as a sheet of answers, with the same zip and XML readers as Word files:
/// the first sheet (or the one named), shared and inline strings, numbers as Excel shows them (12.0 is 12).
/// The sheet's rows are read as its part inflates, so a big sheet is never held in memory whole.
public final class Workbook {
    public let path: String
    private let package: WordPackage
    /// The sheet's part, such as "xl/worksheets/sheet1.xml".
    private let part: String
    private let strings: SharedStrings
    private let dateStyles: Set<Int>

    /// True for a file named .xlsx/.xlsm or starting as a zip does.
    public static func isWorkbook(path: String, bytes: [UInt8]) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Opens the workbook at `path` and finds the sheet `sheetName` (the first when nil); reads its shared
    /// strings and styles, not yet its rows.
    public init(path: String, sheetName: String?) throws(SheetError) {
        self.path = path
        do {
            package = try WordPackage(path: path)
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
            part = Relationships.resolve(target, from: "xl")
            guard package.contains(part) else { throw SheetError.damagedWorkbook(path: path, detail: part) }
            strings = SharedStrings()
            try Self.parse(package, "xl/sharedStrings.xml", path: path, handler: strings)
            let styles = CellStyles()
            try Self.parse(package, "xl/styles.xml", path: path, handler: styles)
            dateStyles = styles.dateStyles
        } catch {
            throw Self.sheetError(error, path: path)
        }
    }

    /// Gives the sheet's rows to `body` in order, the first (the header) too, until `body` returns false.
    public func rows(_ body: (DataRow) -> Bool) throws(SheetError) {
        let tooLong = try withoutActuallyEscaping(body) { (body) throws(SheetError) -> (row: Int, column: Int)? in
            let cells = SheetCells(shared: strings, dateStyles: dateStyles, emit: body)
            do {
                try Self.parse(package, part, path: path, handler: cells) { cells.stopped }
            } catch {
                throw Self.sheetError(error, path: path)
            }
            return cells.tooLong
        }
        if let tooLong { throw .cellTooLong(path: path, row: tooLong.row, column: tooLong.column) }
    }

    /// Parses the part `name`, if there is one, as it inflates; stops early once `stop` says so.
    private static func parse(_ package: WordPackage, _ name: String, path: String, handler: any WordXMLHandler,
                              stop: () -> Bool = { false }) throws(WordFileError) {
        guard package.contains(name) else { return }
        try WordXML.parse(part: name, path: path, handler: handler) { (feed) throws(WordFileError) -> Bool in
            var whole = true
            _ = try package.read(name) { (chunk) throws(WordFileError) -> Bool in
                guard try feed(chunk), !stop() else { whole = false; return false }
                return true
            }
            return whole
        }
    }

    private static func sheetError(_ error: any Error, path: String) -> SheetError {
        switch error {
        case let error as SheetError: return error
        case let error as WordFileError: return .workbookPackage(path: path, error)
        default: return .damagedWorkbook(path: path, detail: "\(error)")
        }
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

    /// xl/sharedStrings.xml: each <si>'s text, its runs joined, phonetic guides (<rPh>) left out. Kept
    /// as one run of UTF-8 and where each string ends: a sheet of 100,000 names has 100,000 of them.
    private final class SharedStrings: WordXMLHandler {
        private var bytes: [UInt8] = []
        private var ends: [Int] = []
        private var inText = false
        private var inPhonetic = false

        /// The string at `index`, or nil when there is none.
        func string(_ index: Int) -> String? {
            guard index >= 0 && index < ends.count else { return nil }
            let start = index == 0 ? 0 : ends[index - 1]
            return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
        }

        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            if strcmp(local, "rPh") == 0 { inPhonetic = true }
            if strcmp(local, "t") == 0 { inText = !inPhonetic }
        }
        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
            if strcmp(local, "t") == 0 { inText = false }
            if strcmp(local, "rPh") == 0 { inPhonetic = false }
            if strcmp(local, "si") == 0 { ends.append(bytes.count) }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) { if inText { self.bytes += bytes } }
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

    /// A worksheet's <sheetData>: each <row> by its number, each <c> in its column, given on as it ends.
    private final class SheetCells: WordXMLHandler {
        let shared: SharedStrings
        let dateStyles: Set<Int>
        let emit: (DataRow) -> Bool
        /// True once `emit` wanted no more rows, or a cell was too long.
        private(set) var stopped = false
        private(set) var tooLong: (row: Int, column: Int)?
        private var style = 0
        private var row: DataRow?
        private var type = ""
        private var column = 0
        private var value: [UInt8] = []
        private var reading = false
        private var rowNumber = 0

        init(shared: SharedStrings, dateStyles: Set<Int>, emit: @escaping (DataRow) -> Bool) {
            self.shared = shared
            self.dateStyles = dateStyles
            self.emit = emit
        }

        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, start: Int, end: Int) {
            guard !stopped else { return }
            if strcmp(local, "row") == 0 {
                rowNumber = WordXML.attribute(attributes, "r").flatMap { Int($0) } ?? rowNumber + 1
                row = DataRow(number: rowNumber, cells: [])
            } else if strcmp(local, "c") == 0 {
                type = WordXML.attribute(attributes, "t") ?? "n"
                style = WordXML.attribute(attributes, "s").flatMap { Int($0) } ?? 0
                column = WordXML.attribute(attributes, "r").flatMap { Workbook.column($0) } ?? row?.cells.count ?? 0
                value = []
            } else if strcmp(local, "v") == 0 || (strcmp(local, "t") == 0 && type == "inlineStr") {
                reading = true
            }
        }

        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {
            guard !stopped else { return }
            if strcmp(local, "v") == 0 || strcmp(local, "t") == 0 {
                reading = false
            } else if strcmp(local, "row") == 0, let done = row {
                row = nil
                if !emit(done) { stopped = true }
            } else if strcmp(local, "c") == 0, row != nil, column < 16_384 {
                let stored = String(decoding: value, as: UTF8.self)
                let text: String
                switch type {
                case "s": text = Int(stored).flatMap { shared.string($0) } ?? ""
                case "n" where dateStyles.contains(style): text = Workbook.date(serial: stored) ?? Workbook.number(stored)
                case "n": text = Workbook.number(stored)
                case "b": text = stored == "1" ? "TRUE" : "FALSE"
                default: text = stored  // inlineStr, str (a formula's cached text), e (an error such as #DIV/0!)
                }
                if text.utf8.count > DataRow.cellLimit && text.unicodeScalars.count > DataRow.cellLimit {
                    tooLong = (row!.number, column + 1)
                    stopped = true
                    return
                }
                if row!.cells.count <= column {
                    row!.cells += Array(repeating: "", count: column + 1 - row!.cells.count)
                }
                row!.cells[column] = text
            }
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard reading, !stopped else { return }
            value += bytes
            // More than a cell can hold even in four-byte characters: stopped here, not after 50 MB.
            if value.count > 4 * DataRow.cellLimit, let number = row?.number {
                tooLong = (number, column + 1)
                stopped = true
            }
        }
    }
}
