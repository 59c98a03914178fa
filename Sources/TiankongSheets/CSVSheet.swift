import CCSV
import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// A CSV sheet of answers, read a megabyte at a time: its bytes decoded as templates are (UTF-8 with or
/// without a BOM, GB18030/GBK, UTF-16 with a BOM) and split into rows by libcsv in strict mode, each row
/// given on as it ends, so a sheet of a million rows takes no more memory than one of ten.
public final class CSVSheet {
    let path: String
    /// How the bytes are stored: worked out when the sheet is opened, before any row is read.
    let encoding: TextEncoding
    /// Bytes of a byte-order mark to skip.
    let skip: Int
    /// Where and on which line the bytes stopped being UTF-8, for a sheet read as GB18030 that turns out
    /// not to be that either: the later of the two places is named.
    private let notUTF8: (offset: Int, line: Int)?

    static let chunkSize = 1 << 20

    /// Opens the sheet at `path` and works out its encoding (reading it through once when it has no BOM).
    public init(path: String) throws(SheetError) {
        self.path = path
        let file = try SheetBytes(path: path)
        let start = try file.prefix(4)
        if start.isEmpty { throw .empty(path: path) }
        if start.starts(with: [0xEF, 0xBB, 0xBF]) {
            (encoding, skip, notUTF8) = (.utf8, 3, nil)
        } else if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            (encoding, skip, notUTF8) = (start[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian, 2, nil)
        } else {
            // UTF-8 unless some byte says otherwise; then GB18030, as Excel on Chinese Windows writes.
            let check = try Self.firstNonUTF8(file, path: path)
            (encoding, skip, notUTF8) = (check == nil ? .utf8 : .gb18030, 0, check)
        }
    }

    /// The first byte (and its line) that is not UTF-8 in a sheet without a BOM, or nil when all are.
    private static func firstNonUTF8(_ file: SheetBytes, path: String) throws(SheetError) -> (offset: Int, line: Int)? {
        let decoder = StreamDecoder(from: .utf8)
        var out: [UInt8] = []
        var failure: (offset: Int, line: Int)?
        try file.chunks(size: chunkSize) { (chunk, last) throws(SheetError) -> Bool in
            out.removeAll(keepingCapacity: true)
            if let base = chunk.baseAddress, memchr(base, 0, chunk.count) != nil { throw .binary(path: path) }
            if let bad = decoder.convert(chunk, last: last, into: &out) { failure = (bad, decoder.line(after: out[...])); return false }
            decoder.countLines(out[...])
            return true
        }
        return failure
    }

    /// Gives the sheet's records to `body` in order, the header first, until `body` returns false. A
    /// record's number counts records, not lines (the header is 1); blank lines are no records.
    public func rows(_ body: (DataRow) -> Bool) throws(SheetError) {
        try withoutActuallyEscaping(body) { (body) throws(SheetError) in try rows(escaping: body) }
    }

    private func rows(escaping body: @escaping (DataRow) -> Bool) throws(SheetError) {
        let file = try SheetBytes(path: path)
        let decoder = StreamDecoder(from: encoding)
        let collector = Collector(emit: body)
        var parser = csv_parser()
        var started = false
        var text: [UInt8] = []
        var decoded = 0
        // Strict: a quote inside an unquoted cell, or a quote never closed, is an error, not a guess.
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else { throw .binary(path: path) }
        defer { csv_free(&parser) }
        // The cell buffer grows a megabyte at a time, not libcsv's 128 bytes.
        csv_set_blk_size(&parser, 1 << 20)
        // Only the space is trimmed around unquoted cells: a tab may be the delimiter.
        csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
        let context = Unmanaged.passUnretained(collector).toOpaque()

        func feed(_ bytes: [UInt8]) throws(SheetError) {
            let parsed = bytes.withUnsafeBytes { csv_parse(&parser, $0.baseAddress, $0.count, Collector.cell, Collector.rowEnd, context) }
            if let tooLong = collector.tooLong { throw .cellTooLong(path: path, row: tooLong.row, column: tooLong.column) }
            if parsed != bytes.count { throw .unclosedQuote(path: path, row: collector.records + 1) }
            // A cell still being read past what any cell may hold: stopped now, not after 50 MB.
            if parser.entry_pos > 4 * DataRow.cellLimit {
                throw .cellTooLong(path: path, row: collector.records + 1, column: collector.row.count + 1)
            }
        }

        try file.chunks(size: Self.chunkSize, from: skip) { (chunk, last) throws(SheetError) -> Bool in
            let before = text.count
            if let bad = decoder.convert(chunk, last: last, into: &text) {
                // The later of the two places the bytes stopped making sense.
                let line = decoder.line(after: text[before...])
                if let notUTF8, notUTF8.offset > bad { throw .undecodable(path: path, line: notUTF8.line) }
                throw .undecodable(path: path, line: line)
            }
            if StreamDecoder.count(0, in: text[before...]) > 0 { throw .binary(path: path) }
            decoder.countLines(text[before...])
            decoded += text.count - before
            if !started {
                // "Unicode 文本" from Excel is UTF-16 with tabs; a first line with tabs and no comma is too.
                guard let end = text.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? (last ? text.endIndex : nil) else { return true }
                let firstLine = text[..<end]
                let tabs = encoding == .utf16LittleEndian || encoding == .utf16BigEndian || (firstLine.contains(0x09) && !firstLine.contains(0x2C))
                csv_set_delim(&parser, tabs ? 0x09 : 0x2C)
                started = true
            }
            try feed(text)
            text.removeAll(keepingCapacity: true)
            return !collector.stopped
        }
        if collector.stopped { return }
        if decoded == 0 { throw .empty(path: path) }
        if csv_fini(&parser, Collector.cell, Collector.rowEnd, context) != 0 {
            // The record being read when the error came (the header is row 1).
            throw .unclosedQuote(path: path, row: collector.records + 1)
        }
        if let tooLong = collector.tooLong { throw .cellTooLong(path: path, row: tooLong.row, column: tooLong.column) }
    }

    /// Gathers libcsv's callbacks into rows and gives each on as it ends.
    private final class Collector {
        let emit: (DataRow) -> Bool
        var records = 0
        var row: [String] = []
        var stopped = false
        var tooLong: (row: Int, column: Int)?

        init(emit: @escaping (DataRow) -> Bool) { self.emit = emit }

        static let cell: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { bytes, count, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            guard !collector.stopped else { return }
            let buffer = UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count)
            let cell = String(decoding: buffer, as: UTF8.self)
            if count > DataRow.cellLimit && cell.unicodeScalars.count > DataRow.cellLimit {
                collector.tooLong = (collector.records + 1, collector.row.count + 1)
                collector.stopped = true
                return
            }
            collector.row.append(cell)
        }

        static let rowEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            guard !collector.stopped else { return }
            collector.records += 1
            if !collector.emit(DataRow(number: collector.records, cells: collector.row)) { collector.stopped = true }
            collector.row = []
        }
    }
}
