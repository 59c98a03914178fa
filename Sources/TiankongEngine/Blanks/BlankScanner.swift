#if canImport(Glibc)
import Glibc
#endif

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

    /// The runs in `bytes` of a text, a stretch of whole lines starting with line `firstLine`; their byte
    /// ranges and lines are the text's.
    public func runs(in text: UnsafeBufferPointer<UInt8>, bytes: Range<Int>, firstLine: Int) -> [Run] {
        var found = runs(in: UnsafeBufferPointer(rebasing: text[bytes]))
        for k in found.indices {
            found[k].byteRange = (found[k].byteRange.lowerBound + bytes.lowerBound)..<(found[k].byteRange.upperBound + bytes.lowerBound)
            found[k].line += firstLine
        }
        return found
    }

    /// The runs in a buffer of UTF-8 bytes.
    public func runs(in b: UnsafeBufferPointer<UInt8>) -> [Run] {
        var found: [Run] = []
        guard let base = b.baseAddress else { return found }
        let n = b.count
        var line = 0
        var newlinesCountedTo = 0
        // Column bookkeeping, advanced only when a run is found, so long lines stay linear.
        var columnPosition = 0
        var columnCount = 0
        // The next X, Ｘ and × are found with the C library's vector search, not byte by byte.
        func next(_ pattern: [UInt8], from: Int) -> Int {
            var from = from
            while from < n, let hit = memchr(base + from, Int32(pattern[0]), n - from) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + pattern.count <= n {
                    var k = 1
                    while k < pattern.count, b[at + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return at }
                }
                from = at + 1
            }
            return n
        }
        var nextX = next(Self.x, from: 0), nextWideX = next(Self.wideX, from: 0), nextTimes = next(Self.times, from: 0)
        while true {
            let i = min(nextX, nextWideX, nextTimes)
            if i >= n { break }
            // Count the lines passed since the last run.
            while newlinesCountedTo < i, let hit = memchr(base + newlinesCountedTo, 0x0A, i - newlinesCountedTo) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                line += 1
                columnPosition = at + 1
                columnCount = 0
                newlinesCountedTo = at + 1
            }
            newlinesCountedTo = i
            var length = BlankScanner.markerLength(b, i)
            if length == 0 {   // not reachable: every candidate starts a marker; never loop on it
                if nextX == i { nextX = next(Self.x, from: i + 1) }
                if nextWideX == i { nextWideX = next(Self.wideX, from: i + 1) }
                if nextTimes == i { nextTimes = next(Self.times, from: i + 1) }
                continue
            }
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
            if nextX < runEnd { nextX = next(Self.x, from: runEnd) }
            if nextWideX < runEnd { nextWideX = next(Self.wideX, from: runEnd) }
            if nextTimes < runEnd { nextTimes = next(Self.times, from: runEnd) }
            let touchesBefore = start > 0 && BlankScanner.isASCIIAlphanumeric(b[start - 1])
            let touchesAfter = runEnd < n && BlankScanner.isASCIIAlphanumeric(b[runEnd])
            if touchesBefore || touchesAfter { continue }
            if decimalEnd == end, isException(b, start: start, end: end, count: count) { continue }
            columnCount += BlankScanner.scalarCount(b, columnPosition..<start)
            columnPosition = start
            found.append(Run(byteRange: start..<runEnd, line: line, column: columnCount + 1))
        }
        return found
    }

    /// The characters (bytes that are not continuation bytes) in `range`, eight bytes at a time.
    static func scalarCount(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let raw = UnsafeRawBufferPointer(b)
        var count = 0
        var k = range.lowerBound
        while k + 8 <= range.upperBound {
            // A byte starts a character unless its top bits are 10: bit 7 clear, or bit 6 set.
            let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            // One bit a byte, added up by one multiplication (no popcount instruction in the baseline x86-64).
            let starts = ((~word | word << 1) & 0x8080_8080_8080_8080) >> 7
            count += Int((starts &* 0x0101_0101_0101_0101) >> 56)
            k += 8
        }
        while k < range.upperBound {
            if b[k] & 0xC0 != 0x80 { count += 1 }
            k += 1
        }
        return count
    }

    static let x: [UInt8] = [0x58], wideX: [UInt8] = [0xEF, 0xBC, 0xB8], times: [UInt8] = [0xC3, 0x97]

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
