import CCSV

/// Rows as CSV text: every cell quoted by libcsv's writer, rows ended by CRLF as Excel writes them.
enum CSVText {
    static func rows(_ rows: [[String]]) -> String {
        var out: [UInt8] = []
        for row in rows {
            for (k, cell) in row.enumerated() {
                if k > 0 { out.append(0x2C) }
                let source = Array(cell.utf8)
                // A quoted cell is at most twice as long, plus its two quotes.
                var quoted = [UInt8](repeating: 0, count: source.count * 2 + 2)
                let n = quoted.withUnsafeMutableBytes { dest in
                    source.withUnsafeBytes { csv_write(dest.baseAddress, dest.count, $0.baseAddress, $0.count) }
                }
                out += quoted.prefix(n)
            }
            out += [0x0D, 0x0A]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
