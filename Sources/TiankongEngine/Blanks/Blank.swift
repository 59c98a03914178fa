/// What a blank asks for, inferred from the words around it.
public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case integer
    case decimal
    case percent
    case year
    case month
    case day
    case quarter

    /// True for every kind but text: each numeric blank is its own field.
    public var isNumeric: Bool { self != .text }
}

/// A run of X in the template that the user must fill.
public struct Blank: Hashable, Sendable {
    /// 1-based position among the template's blanks, in document order.
    public let index: Int
    /// 1-based line in the original file.
    public let line: Int
    /// 1-based column in the original file, counted in characters (Unicode scalars).
    public let column: Int
    /// The blank as written: "XXX", "X", "××", "X.X".
    public let marker: String
    /// Where the marker sits in the template's UTF-8 text.
    public let byteRange: Range<Int>
    public let kind: Kind
    /// The unit written after the blank ("次", "余篇", "万元"), when it has one.
    public let unit: String?
    public let minimum: Int?
    public let maximum: Int?
    /// The sentence the blank sits in.
    public let context: String
    /// Up to twelve characters before the blank, on its line.
    public let before: String
    /// Up to twelve characters after the blank, on its line.
    public let after: String
}
