import CCSV
import TiankongEngine

/// A CSV sheet of answers: its bytes decoded as templates are (UTF-8 with or without a BOM,
/// GB18030/GBK, UTF-16 with a BOM), then split into rows by libcsv in strict mode.
public enum CSVSheet {
    /// Splits decoded bytes into a header and data rows.
    public static func parse(_ bytes: [UInt8], path: String) throws(SheetError) -> DataSheet {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .oldExcel(path: path) }
        let decoded: DecodedText
        do throws(TemplateError) {
            decoded = try TextDecoder.decode(bytes, path: path)
        } catch {
            switch error {
            case .empty: throw .empty(path: path)
            case .undecodable(_, let offset): throw .undecodable(path: path, line: line(of: offset, in: bytes))
            default: throw .binary(path: path)
            }
        }
        // "Unicode 文本" from Excel is UTF-16 with tabs; a first line with tabs and no comma is too.
        let firstLine = decoded.utf8.prefix { $0 != 0x0A && $0 != 0x0D }
        let tabs = decoded.encoding == .utf16LittleEndian || decoded.encoding == .utf16BigEndian
            || (firstLine.contains(0x09) && !firstLine.contains(0x2C))
        var rows = try records(decoded.utf8, delimiter: tabs ? 0x09 : 0x2C, path: path)
        guard !rows.isEmpty else { throw .empty(path: path) }
        let header = rows.removeFirst()
        var data = rows.enumerated().map { DataRow(number: $0.offset + 2, cells: $0.element) }
        while data.last?.isEmpty == true { data.removeLast() }
        if data.isEmpty { throw .noRows(path: path) }
        return DataSheet(header: header, rows: data)
    }

    /// The records of CSV text (UTF-8), each a list of cells. Blank lines are no records.
    static func records(_ utf8: [UInt8], delimiter: UInt8, path: String) throws(SheetError) -> [[String]] {
        let collector = Collector()
        var parser = csv_parser()
        // Strict: a quote inside an unquoted cell, or a quote never closed, is an error, not a guess.
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else { throw .binary(path: path) }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, delimiter)
        // Only the space is trimmed around unquoted cells: a tab may be the delimiter.
        csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let parsed = utf8.withUnsafeBytes { csv_parse(&parser, $0.baseAddress, $0.count, Collector.cell, Collector.rowEnd, context) }
        if parsed != utf8.count || csv_fini(&parser, Collector.cell, Collector.rowEnd, context) != 0 {
            // The record being read when the error came (the header is row 1).
            throw .unclosedQuote(path: path, row: collector.rows.count + 1)
        }
        return collector.rows
    }

    /// Gathers libcsv's callbacks into rows.
    private final class Collector {
        var rows: [[String]] = []
        var row: [String] = []

        static let cell: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { bytes, count, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            let buffer = UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count)
            collector.row.append(String(decoding: buffer, as: UTF8.self))
        }

        static let rowEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            collector.rows.append(collector.row)
            collector.row = []
        }
    }

    /// The 1-based line of a byte offset.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.prefix(min(offset, bytes.count)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
