import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The size of the screen, in columns and rows (made only in this module: its memberwise initializer).
public struct Size: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
}

/// What a cell means; the terminal turns it into colours, or into bold / reverse / underline.
public enum Style: UInt8, Sendable, Equatable, CaseIterable {
    case normal
    /// The title bar and other bars.
    case bar
    /// A blank not answered yet.
    case blank
    /// An answer written into the report.
    case answer
    /// The blank being answered.
    case current
    /// An answer that failed validation.
    case invalid
    /// An answer with a warning.
    case warning
    /// A suggestion the user has not taken (the previous answer to the same marker).
    case dim
    /// An error message.
    case error
    /// The selected line of a list.
    case selected
    /// A heading or a key name.
    case strong
}

/// One screen cell: a character and its style. A wide character fills its cell and the next,
/// which is a continuation.
///
/// A cell is one 64-bit word, so frames are copied and compared a row at a time (as memory) on every
/// keystroke: the content in the low 32 bits, the style above it, then the continuation bit. Nearly
/// every cell holds one Unicode scalar, kept as its value; a character of several scalars ("e\u{301}")
/// is kept as its number in the frame's `Clusters`.
public struct Cell: Sendable, Equatable {
    private var bits: UInt64

    private static let clusterFlag: UInt32 = 0x8000_0000
    private static let styleShift: UInt64 = 32
    private static let continuationBit: UInt64 = 1 << 40

    private init(content: UInt32, style: Style, isContinuation: Bool) {
        bits = UInt64(content) | UInt64(style.rawValue) << Self.styleShift | (isContinuation ? Self.continuationBit : 0)
    }

    /// A cell holding any character; one of several scalars is numbered in `clusters`.
    public init(character: Character, style: Style, isContinuation: Bool, clusters: Clusters) {
        self.init(content: Self.content(of: character, clusters), style: style, isContinuation: isContinuation)
    }

    /// A cell holding one scalar, known to be one.
    public init(scalar: Unicode.Scalar, style: Style, isContinuation: Bool) {
        self.init(content: scalar.value, style: style, isContinuation: isContinuation)
    }

    /// The scalar's value, or `clusterFlag` plus the cluster's number.
    private var content: UInt32 {
        get { UInt32(truncatingIfNeeded: bits) }
        set { bits = bits & ~0xFFFF_FFFF | UInt64(newValue) }
    }

    public var style: Style {
        // Only ever set from a Style's raw value, so the byte is always one.
        get { unsafeBitCast(UInt8(truncatingIfNeeded: bits >> Self.styleShift), to: Style.self) }
        set { bits = bits & ~(0xFF << Self.styleShift) | UInt64(newValue.rawValue) << Self.styleShift }
    }

    public var isContinuation: Bool {
        get { bits & Self.continuationBit != 0 }
        set { bits = newValue ? bits | Self.continuationBit : bits & ~Self.continuationBit }
    }

    /// The cell's character; one of several scalars is looked up in `clusters`, where it was numbered.
    public func character(in clusters: Clusters) -> Character {
        if content & Self.clusterFlag != 0 { return clusters.character(content & ~Self.clusterFlag) }
        return Character(Unicode.Scalar(content)!)
    }

    /// Puts another character in the cell, keeping its style and continuation.
    public mutating func setCharacter(_ character: Character, clusters: Clusters) {
        content = Self.content(of: character, clusters)
    }

    /// The character's one scalar, or nil for a cluster of several (a letter with a combining mark).
    public var scalar: Unicode.Scalar? {
        content & Self.clusterFlag != 0 ? nil : Unicode.Scalar(content)
    }

    private static func content(of character: Character, _ clusters: Clusters) -> UInt32 {
        // One scalar is kept as its value; the standard library decodes it (no decoder of our own).
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return clusterFlag | clusters.number(character) }
        return first.value
    }

    public static let empty = Cell(scalar: " ", style: .normal, isContinuation: false)
}

/// A whole screen: cells with styles, and where the cursor is (none when it is hidden).
public struct Frame: Equatable {
    public let size: Size
    public var cells: [Cell]
    public var cursor: (row: Int, column: Int)?
    /// Where the characters of several scalars in `cells` are numbered: the screen's, shared by
    /// every frame of it (see `RenderCache`).
    public let clusters: Clusters

    public init(size: Size, clusters: Clusters = Clusters()) {
        self.size = size
        self.clusters = clusters
        cells = Array(repeating: .empty, count: max(0, size.columns * size.rows))
    }

    /// The character in a cell.
    public func character(_ row: Int, _ column: Int) -> Character { self[row, column].character(in: clusters) }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursor?.row == b.cursor?.row && a.cursor?.column == b.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// Whether `row` holds the same cells as that row of `other`, a frame of the same size: compared
    /// as memory, a cell being one word.
    public func row(_ row: Int, equals other: Frame) -> Bool {
        precondition(other.size == size && row >= 0 && row < size.rows)
        let start = row * size.columns
        return cells.withUnsafeBytes { mine in
            other.cells.withUnsafeBytes { theirs in
                let stride = MemoryLayout<Cell>.stride
                return memcmp(mine.baseAddress! + start * stride, theirs.baseAddress! + start * stride, size.columns * stride) == 0
            }
        }
    }

    /// Writes `string` from (row, column), clipped to `limit` columns (default: to the right edge).
    /// A wide character that would be cut in two is left out. Returns the columns written.
    @discardableResult
    public mutating func put(_ string: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.rows, column >= 0 else { return 0 }
        let end = min(size.columns, column + (limit ?? size.columns))
        var x = column
        DisplayWidth.forEachCharacter(of: string) { scalar, character, width in
            if width == 0 { return true }
            if x + width > end { return false }
            let cell = scalar.map { Cell(scalar: $0, style: style, isContinuation: false) }
                ?? Cell(character: character!, style: style, isContinuation: false, clusters: clusters)
            put(cell, width: width, row: row, column: x)
            x += width
            return true
        }
        return x - column
    }

    /// Writes `string` from (row, column) within `limit` columns; a string wider than that is cut where
    /// it fits and ends in "…". Returns the columns written. (No strings made: the field list is drawn
    /// this way at every keystroke.)
    @discardableResult
    public mutating func putFitting(_ string: String, row: Int, column: Int, style: Style = .normal, limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        if DisplayWidth.of(string) <= limit { return put(string, row: row, column: column, style: style, limit: limit) }
        let written = put(string, row: row, column: column, style: style, limit: max(0, limit - DisplayWidth.of(Self.ellipsis)))
        return written + put(String(Self.ellipsis), row: row, column: column + written, style: style, limit: limit - written)
    }

    private static let ellipsis: Character = "…"

    /// Places one piece of the report: its scalar, when it has one, goes straight into the cell.
    public mutating func put(_ piece: Piece, row: Int, column: Int) {
        put(piece.cell, width: piece.width, row: row, column: column)
    }

    private mutating func put(_ cell: Cell, width: Int, row: Int, column: Int) {
        let style = cell.style
        // Never leave half of a wide character behind.
        if self[row, column].isContinuation, column > 0 { self[row, column - 1].setCharacter(" ", clusters: clusters) }
        let last = column + width - 1
        if last + 1 < size.columns, self[row, last + 1].isContinuation {
            self[row, last + 1] = Cell(scalar: " ", style: self[row, last + 1].style, isContinuation: false)
        }
        self[row, column] = cell
        if width == 2, column + 1 < size.columns {
            self[row, column + 1] = Cell(scalar: " ", style: style, isContinuation: true)
        }
    }

    /// Paints `style` over columns [from, to) of a row, keeping the characters.
    public mutating func paint(row: Int, from: Int = 0, to: Int? = nil, style: Style) {
        guard row >= 0, row < size.rows else { return }
        for x in max(0, from)..<min(size.columns, to ?? size.columns) { self[row, x].style = style }
    }

    /// Fills a row with one character.
    public mutating func fill(row: Int, with character: Character, from: Int = 0, to: Int? = nil, style: Style = .normal) {
        guard row >= 0, row < size.rows else { return }
        for x in max(0, from)..<min(size.columns, to ?? size.columns) {
            self[row, x] = Cell(character: character, style: style, isContinuation: false, clusters: clusters)
        }
    }

    /// One row as text, wide characters once, trailing spaces removed.
    public func line(_ row: Int) -> String {
        var s = ""
        for x in 0..<size.columns where !self[row, x].isContinuation { s.append(character(row, x)) }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The frame as plain text: one line per row, trailing spaces and empty last rows removed.
    public var text: String {
        var lines = (0..<size.rows).map(line)
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
