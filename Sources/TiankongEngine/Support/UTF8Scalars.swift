/// The characters of valid UTF-8 bytes, decoded one at a time as they are asked for.
struct UTF8Scalars: Sequence, IteratorProtocol {
    private let bytes: ArraySlice<UInt8>
    private var k: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        k = bytes.startIndex
    }

    mutating func next() -> Unicode.Scalar? {
        guard k < bytes.endIndex else { return nil }
        let (value, length) = Self.decode(bytes, at: k, end: bytes.endIndex)
        k += length
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The character whose bytes start at `k`, and how many bytes it takes; a character cut off by
    /// `end` takes the bytes left. The one decoding of UTF-8 in the engine: the text is valid UTF-8
    /// (decoded and checked once when read), so nothing here checks it again.
    @inline(__always)
    static func decode<C: RandomAccessCollection<UInt8>>(_ bytes: C, at k: C.Index, end: C.Index) -> (value: UInt32, length: Int) where C.Index == Int {
        let lead = bytes[k]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = Swift.min(LineBytes.scalarLength(lead), end - k)
        var value = UInt32(lead) & (0x7F >> UInt32(LineBytes.scalarLength(lead)))
        var m = 1
        while m < length { value = value << 6 | UInt32(bytes[k + m] & 0x3F); m += 1 }
        return (value, length)
    }
}

