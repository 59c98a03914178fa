/// The file name pattern of a batch ("输出/{单位名称}.docx"): `{…}` names a field by id or label, or
/// `{row}` the row's number; what a row puts in is made safe for file systems.
public struct OutputNamePattern: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case field(String)
        case row
    }

    let pieces: [Piece]

    /// The most characters one filled-in value keeps, so a long answer cannot make a name too long.
    public static let valueLength = 40

    /// Why a pattern cannot be used.
    public enum Mistake: Error, Equatable, Sendable {
        /// `{名字}` that is neither a field id, a field label, nor `row`.
        case unknownName(String)
        /// A `{` without its `}`.
        case unclosedBrace
    }

    /// Reads `pattern` against the template's fields.
    public init(_ pattern: String, fields: [Field]) throws(Mistake) {
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { throw .unclosedBrace }
            let name = rest[rest.index(after: open)..<close].trimmedSpaces()
            if name.lowercased() == "row" || name == "行号" {
                pieces.append(.row)
            } else if let field = fields.first(where: { $0.id == name }) ?? fields.first(where: { $0.label == name }) {
                pieces.append(.field(field.id))
            } else {
                throw .unknownName(name)
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    /// True when the pattern names something that differs between rows.
    public var variesByRow: Bool { pieces.contains { if case .literal = $0 { false } else { true } } }

    /// The file name for one row.
    public func name(row: Int, values: [String: String]) -> String {
        var name = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): name += text
            case .row: name += String(row)
            case .field(let id): name += Self.safe(values[id] ?? "", row: row)
            }
        }
        return name
    }

    /// A value as a piece of a file name: no folder separators, no characters Windows refuses (their
    /// full-width forms instead), no control characters, no leading dot, cut to `valueLength`; the row
    /// number when nothing is left.
    static func safe(_ value: String, row: Int) -> String {
        var out = ""
        for scalar in value.trimmedSpaces().unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|":
                if let fullWidth = Unicode.Scalar(scalar.value + 0xFEE0) { out.unicodeScalars.append(fullWidth) }
            default:
                if scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        while out.hasPrefix(".") { out.removeFirst() }
        out = String(out.prefix(valueLength)).trimmedSpaces()
        return out.isEmpty ? String(row) : out
    }

    /// Rows that would write the same file: each name given twice, with the rows giving it.
    public static func collisions(_ names: [(row: Int, name: String)]) -> [(name: String, rows: [Int])] {
        var rowsByName: [String: [Int]] = [:]
        var order: [String] = []
        for (row, name) in names {
            if rowsByName[name] == nil { order.append(name) }
            rowsByName[name, default: []].append(row)
        }
        return order.compactMap { name in
            let rows = rowsByName[name]!
            return rows.count > 1 ? (name, rows) : nil
        }
    }
}
