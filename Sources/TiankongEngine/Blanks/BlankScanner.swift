/// Finds the blanks of a text in one pass over its UTF-8 bytes.
///
/// A blank is a maximal run of X (U+0058), Ｘ (U+FF38) or × (U+00D7), or the decimal form "X.X".
/// A run touching an ASCII letter or digit (Excel, XML, Windows XP, X11, 3×4) is not a blank,
/// nor is a word listed in Resources/data/not-blanks.txt (X光, X射线).
public struct BlankScanner: Sendable {
    /// A found run, before its kind is inferred.
    public struct Run: Sendable, Equatable {
        public var byteRange: Range<Int>
        public var line: Int          // 0-based line index
        public var column: Int        // 1-based, in scalars
    }

    struct Exception: Sendable {
        var prefix: [UInt8]
        var xCount: Int
        var suffix: [UInt8]
    }

    let exceptions: [Exception]

    public init(exceptionWords: [String] = BundledResources.ruleLines("not-blanks.txt")) {
        exceptions = exceptionWords.compactMap { word in
            let bytes = Array(word.utf8)
            var i = 0
            while i < bytes.count, BlankScanner.markerLength(bytes, i) == 0 { i += 1 }
            guard i < bytes.count else { return nil }
            let prefix = Array(bytes[..<i])
            var count = 0
            while i < bytes.count {
                let length = BlankScanner.markerLength(bytes, i)
                if length == 0 { break }
                count += 1
                i += length
            }
            return Exception(prefix: prefix, xCount: count, suffix: Array(bytes[i...]))
        }
    }

    /// The byte length of a marker character starting at `i`, or 0.
    @inline(__always)
    static func markerLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0x58 { return 1 }
        if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0xB8 { return 3 }
        if c == 0xC3, i + 1 < b.count, b[i + 1] == 0x97 { return 2 }
        return 0
    }

    static func markerLength(_ bytes: [UInt8], _ i: Int) -> Int {
        bytes.withUnsafeBufferPointer { markerLength($0, i) }
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// The runs in `text`, in order, with their line and column.
    public func runs(in text: [UInt8]) -> [Run] {
        text.withUnsafeBufferPointer { runs(in: $0) }
    }

    /// The runs in a buffer of UTF-8 bytes.
    public func runs(in b: UnsafeBufferPointer<UInt8>) -> [Run] {
        var found: [Run] = []
        let n = b.count
        var line = 0
        var lineStart = 0
        // Column bookkeeping, advanced only when a run is found, so long lines stay linear.
        var columnPosition = 0
        var columnCount = 0
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x0A {
                line += 1
                lineStart = i + 1
                columnPosition = lineStart
                columnCount = 0
                i += 1
                continue
            }
            if c != 0x58 && c != 0xEF && c != 0xC3 { i += 1; continue }
            var length = BlankScanner.markerLength(b, i)
            if length == 0 { i += 1; continue }
            let start = i
            var count = 0
            var end = i
            while length > 0 {
                count += 1
                end += length
                length = end < n ? BlankScanner.markerLength(b, end) : 0
            }
            // The decimal form: a run, a point, a run.
            var decimalEnd = end
            if end < n {
                var pointLength = 0
                if b[end] == 0x2E { pointLength = 1 }
                else if b[end] == 0xEF, end + 2 < n, b[end + 1] == 0xBC, b[end + 2] == 0x8E { pointLength = 3 }
                if pointLength > 0, end + pointLength < n, BlankScanner.markerLength(b, end + pointLength) > 0 {
                    var k = end + pointLength
                    var l = BlankScanner.markerLength(b, k)
                    while l > 0 { k += l; l = k < n ? BlankScanner.markerLength(b, k) : 0 }
                    decimalEnd = k
                }
            }
            let runEnd = decimalEnd
            i = runEnd
            let touchesBefore = start > 0 && BlankScanner.isASCIIAlphanumeric(b[start - 1])
            let touchesAfter = runEnd < n && BlankScanner.isASCIIAlphanumeric(b[runEnd])
            if touchesBefore || touchesAfter { continue }
            if decimalEnd == end, isException(b, start: start, end: end, count: count) { continue }
            while columnPosition < start {
                if b[columnPosition] & 0xC0 != 0x80 { columnCount += 1 }
                columnPosition += 1
            }
            found.append(Run(byteRange: start..<runEnd, line: line, column: columnCount + 1))
            _ = lineStart
        }
        return found
    }

    private func isException(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int, count: Int) -> Bool {
        for exception in exceptions where exception.xCount == count {
            if start < exception.prefix.count || end + exception.suffix.count > b.count { continue }
            var matches = true
            for (k, byte) in exception.prefix.enumerated() where b[start - exception.prefix.count + k] != byte {
                matches = false
                break
            }
            if !matches { continue }
            for (k, byte) in exception.suffix.enumerated() where b[end + k] != byte {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }
}
