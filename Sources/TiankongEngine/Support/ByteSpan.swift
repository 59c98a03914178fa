/// A run of bytes in the template's text, from `lowerBound` up to (not including) `upperBound`.
///
/// What `Range<Int>` is, for lists: the first list of ranges a program makes has the Swift runtime
/// check, by a scan of every conformance in the binary, that Int is Comparable, on the wizard's
/// start-up path. A list of these needs no such check.
public struct ByteSpan: Hashable, Sendable {
    public var lowerBound: Int
    public var upperBound: Int

    public init(_ range: Range<Int>) {
        lowerBound = range.lowerBound
        upperBound = range.upperBound
    }

    public var range: Range<Int> { lowerBound..<upperBound }

    @inline(__always)
    public func contains(_ offset: Int) -> Bool { offset >= lowerBound && offset < upperBound }
}
