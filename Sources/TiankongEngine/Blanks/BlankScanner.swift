#if canImport(Glibc)
import Glibc
#endif

/// Finds the blanks of a text in one pass over its UTF-8 bytes.
///
/// A blank is a maximal run of X (U+0058), x (U+0078), Ｘ (U+FF38) or × (U+00D7), or the decimal form
/// "X.X". A run touching an ASCII letter or digit (Excel, XML, Windows XP, X11, 3×4, an ID number's
/// check digit 12345x) is not a blank, nor is a word listed in Resources/data/not-blanks.txt (X光,
/// X射线). A run with a lowercase x is not a blank either where it is part of a name, an address or a
/// file name ("xxx.docx", "www.xxx.com", "xx@xx"): lowercase letters are too common in those.
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

    /// A scanner with the bundled list of words that are not blanks, made once.
    public static let bundled = BlankScanner()

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
        if c == 0x58 || c == 0x78 { return 1 }
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
            // A lead byte that starts many Chinese characters (E6 of 某, EF of ，) is searched for with
            // its whole sequence, not byte by byte.
            if pattern.count == 3 {
                // Found by its last byte (90 of 某, BF of ＿, B8 of Ｘ: rare as last bytes) and checked back.
                while from + 2 < n, let hit = memchr(base + from + 2, Int32(pattern[2]), n - from - 2) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - 2
                    if b[at] == pattern[0] && b[at + 1] == pattern[1] { return at }
                    from = at + 1
                }
                return n
            }
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
        var nextLowerX = next(Self.lowerX, from: 0)
        var nextLine = next(Self.underline, from: 0), nextWideLine = next(Self.wideUnderline, from: 0)
        var nextSome = next(Self.some, from: 0)
        var lastEnd = 0
        while true {
            let i = min(nextX, nextWideX, nextTimes, nextLowerX, nextLine, nextWideLine, nextSome)
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
            if nextLine == i || nextWideLine == i {
                // "____", "＿＿", "建党_周年": a written line to fill in. One touching a Latin letter or a
                // digit is part of a name (snake_case, file_2).
                var end = i
                while end < n, let l = BlankScanner.underlineLength(b, end) { end += l }
                nextLine = next(Self.underline, from: end)
                nextWideLine = next(Self.wideUnderline, from: end)
                let touches = (i > 0 && BlankScanner.isASCIIAlphanumeric(b[i - 1])) || (end < n && BlankScanner.isASCIIAlphanumeric(b[end]))
                if !touches {
                    columnCount += BlankScanner.scalarCount(b, columnPosition..<i)
                    columnPosition = i
                    found.append(Run(byteRange: i..<end, line: line, column: columnCount + 1))
                    lastEnd = end
                }
                continue
            }
            if nextSome == i {
                // "某某部门", "某月某日", "某先生": 某 standing for a name or a number.
                var end = i, count = 0
                while end + 2 < n, b[end] == 0xE6, b[end + 1] == 0x9F, b[end + 2] == 0x90 { end += 3; count += 1 }
                nextSome = next(Self.some, from: end)
                if count >= 2 || Self.someWords.contains(where: { word in
                    end + word.count <= n && word.elementsEqual(UnsafeBufferPointer(rebasing: b[end..<end + word.count]))
                }) {
                    columnCount += BlankScanner.scalarCount(b, columnPosition..<i)
                    columnPosition = i
                    found.append(Run(byteRange: i..<end, line: line, column: columnCount + 1))
                    lastEnd = end
                }
                continue
            }
            var length = BlankScanner.markerLength(b, i)
            if length == 0 {   // not reachable: every candidate starts a marker; never loop on it
                if nextX == i { nextX = next(Self.x, from: i + 1) }
                if nextWideX == i { nextWideX = next(Self.wideX, from: i + 1) }
                if nextTimes == i { nextTimes = next(Self.times, from: i + 1) }
                if nextLowerX == i { nextLowerX = next(Self.lowerX, from: i + 1) }
                continue
            }
            var start = i
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
            var runEnd = decimalEnd
            if nextX < runEnd { nextX = next(Self.x, from: runEnd) }
            if nextWideX < runEnd { nextWideX = next(Self.wideX, from: runEnd) }
            if nextTimes < runEnd { nextTimes = next(Self.times, from: runEnd) }
            if nextLowerX < runEnd { nextLowerX = next(Self.lowerX, from: runEnd) }
            let touchesBefore = start > 0 && BlankScanner.isASCIIAlphanumeric(b[start - 1])
            let touchesAfter = runEnd < n && BlankScanner.isASCIIAlphanumeric(b[runEnd])
            // "訓(xùn)": an x of pinyin, touching a Latin letter with a diacritic.
            if BlankScanner.touchesAccentedLetter(b, start..<runEnd) { continue }
            if touchesBefore || touchesAfter || BlankScanner.joinsDecimal(b, start..<runEnd) {
                // "20XX年", "202x年", "xx0.9%", "xx458元": a number with some digits hidden is one blank,
                // digits and all. A single × between digits is a multiplication, never a blank.
                if let masked = BlankScanner.maskedNumber(b, start..<runEnd, count: count, floor: lastEnd) {
                    start = masked.lowerBound
                    runEnd = masked.upperBound
                    if nextX < runEnd { nextX = next(Self.x, from: runEnd) }
                    if nextLowerX < runEnd { nextLowerX = next(Self.lowerX, from: runEnd) }
                    if nextWideX < runEnd { nextWideX = next(Self.wideX, from: runEnd) }
                    if nextTimes < runEnd { nextTimes = next(Self.times, from: runEnd) }
                } else if touchesBefore || touchesAfter {
                    continue
                }
            }
            if BlankScanner.holdsLowercase(b, start..<runEnd), BlankScanner.isInsideName(b, start..<runEnd) { continue }
            if decimalEnd == end, isException(b, start: start, end: end, count: count) { continue }
            columnCount += BlankScanner.scalarCount(b, columnPosition..<start)
            columnPosition = start
            found.append(Run(byteRange: start..<runEnd, line: line, column: columnCount + 1))
            lastEnd = runEnd
        }
        return found
    }

    /// The length of "_" or "＿" at `i`, or nil.
    static func underlineLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        if b[i] == 0x5F { return 1 }
        if b[i] == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0xBF { return 3 }
        return nil
    }

    /// A run of X or x joined to ASCII digits (and decimal points) that reads as a number with digits
    /// hidden: the whole number's range, or nil. It must be bounded by no ASCII letter, have two X at
    /// least or be a year ("202x年"), and have no × or Ｘ (3×4 is arithmetic).
    static func maskedNumber(_ b: UnsafeBufferPointer<UInt8>, _ run: Range<Int>, count: Int, floor: Int) -> Range<Int>? {
        var k = run.lowerBound
        while k < run.upperBound {
            if b[k] != 0x58 && b[k] != 0x78 && b[k] != 0x2E { return nil }
            k += 1
        }
        func isNumberPart(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x58 || c == 0x78 }
        var lo = run.lowerBound, hi = run.upperBound
        while lo > floor, isNumberPart(b[lo - 1]) { lo -= 1 }
        while hi < b.count, isNumberPart(b[hi]) { hi += 1 }
        while lo < run.lowerBound, b[lo] == 0x2E { lo += 1 }
        while hi > run.upperBound, b[hi - 1] == 0x2E { hi -= 1 }
        if lo > 0, isASCIILetter(b[lo - 1]) { return nil }
        if hi < b.count, isASCIILetter(b[hi]) { return nil }
        // A date's digits "2020.1X" or an ID number's check digit "…123x" are not blanks.
        var xs = 0, digits = 0
        for j in lo..<hi { if b[j] == 0x58 || b[j] == 0x78 { xs += 1 } else if b[j] != 0x2E { digits += 1 } }
        let yearWord: [UInt8] = [0xE5, 0xB9, 0xB4]   // 年
        let isYear = hi - lo == 4 && (b[lo] == 0x31 || b[lo] == 0x32) && hi + 3 <= b.count && Array(b[hi..<hi + 3]) == yearWord
        guard xs >= 2 || isYear, digits <= 6 else { return nil }
        return lo..<hi
    }

    @inline(__always)
    static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

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
    static let some: [UInt8] = [0xE6, 0x9F, 0x90]
    /// What a single 某 stands before when it is a blank: a date's part or a person.
    static let someWords: [[UInt8]] = ["年", "月", "日", "先生", "女士", "同志"].map { Array($0.utf8) }
    static let lowerX: [UInt8] = [0x78], underline: [UInt8] = [0x5F], wideUnderline: [UInt8] = [0xEF, 0xBC, 0xBF]

    /// True when the run has a lowercase x.
    static func holdsLowercase(_ b: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        var k = run.lowerBound
        while k < run.upperBound { if b[k] == 0x78 { return true }; k += 1 }
        return false
    }

    /// True when the run is joined by ".", "@", "/", "_", "-" or ":" to ASCII letters or digits on either
    /// side: part of a file name, an address or a web address ("xxx.docx", "www.xxx.com", "xx@xx.cn").
    static func isInsideName(_ b: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        func isJoiner(_ c: UInt8) -> Bool { c == 0x2E || c == 0x40 || c == 0x2F || c == 0x5F || c == 0x2D || c == 0x3A }
        func isNamePart(_ c: UInt8) -> Bool { isASCIIAlphanumeric(c) || c == 0x78 || c == 0x58 }
        if run.lowerBound >= 2, isJoiner(b[run.lowerBound - 1]), isNamePart(b[run.lowerBound - 2]) { return true }
        // "xx@email.com": the part before the @ is the blank of an address to give.
        if run.upperBound + 1 < b.count, b[run.upperBound] != 0x40, isJoiner(b[run.upperBound]), isNamePart(b[run.upperBound + 1]) { return true }
        return false
    }

    /// True when the run and a decimal point join digits: "xx.8", "2.x".
    static func joinsDecimal(_ b: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if run.upperBound + 1 < b.count, b[run.upperBound] == 0x2E, isDigit(b[run.upperBound + 1]) { return true }
        if run.lowerBound >= 2, b[run.lowerBound - 1] == 0x2E, isDigit(b[run.lowerBound - 2]) { return true }
        return false
    }

    /// True when a Latin letter with a diacritic (U+00C0–U+024F, × and ÷ aside) is right before or after.
    static func touchesAccentedLetter(_ b: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        func isAccented(_ lead: UInt8, _ next: UInt8) -> Bool {
            guard lead >= 0xC3 && lead <= 0xC9 else { return false }
            return !(lead == 0xC3 && (next == 0x97 || next == 0xB7))
        }
        if run.upperBound + 1 < b.count, isAccented(b[run.upperBound], b[run.upperBound + 1]) { return true }
        if run.lowerBound >= 2, b[run.lowerBound - 1] & 0xC0 == 0x80, isAccented(b[run.lowerBound - 2], b[run.lowerBound - 1]) { return true }
        return false
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
