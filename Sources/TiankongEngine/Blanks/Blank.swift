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
    public static func == (a: Blank, b: Blank) -> Bool {
        a.index == b.index && a.byteRange == b.byteRange && a.marker == b.marker && a.kind == b.kind
            && a.unit == b.unit && a.line == b.line && a.column == b.column && a.lineRange == b.lineRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(byteRange.lowerBound)
    }

    /// 1-based position among the template's blanks, in document order.
    public internal(set) var index: Int
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
    /// Where the blank's line lies in the template's text (without its line end).
    public let lineRange: Range<Int>
    let source: TextBuffer

    /// Where the sentence the blank sits in lies in the template's text (found when asked for).
    public var contextRange: Range<Int> {
        source.bytes.withUnsafeBufferPointer { TextWindow.sentenceRange($0, around: byteRange, within: lineRange) }
    }

    /// The sentence the blank sits in (read from the template's text when asked for, so a template with
    /// a million blanks does not hold a million sentences).
    public var context: String { source.string(contextRange) }
    /// Where the (up to twelve) characters before the blank on its line lie in the template's text.
    public let beforeRange: Range<Int>
    /// Where the (up to twelve) characters after the blank on its line lie.
    public let afterRange: Range<Int>

    /// Up to twelve characters before the blank, on its line.
    public var before: String { source.string(beforeRange) }
    /// Up to twelve characters after the blank, on its line.
    public var after: String { source.string(afterRange) }

    /// The words right around the blank, with it, as UTF-8: `before + marker + after`.
    public var excerptUTF8: ArraySlice<UInt8> { source.bytes[beforeRange.lowerBound..<afterRange.upperBound] }
}

/// A template's text, shared by its blanks without copying.
final class TextBuffer: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
