#if canImport(Glibc)
import Glibc
#endif

/// Small byte-level helpers for reading one line of UTF-8.
enum LineBytes {
    /// Calls `body` with the offset of every "\n", found with the C library's vector memchr.
    static func forEachNewline(in b: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = b.baseAddress else { return }
        let n = b.count
        var i = 0
        while i < n, let hit = memchr(base + i, 0x0A, n - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            body(at)
            i = at + 1
        }
    }

    /// The line without spaces, tabs, CR and ideographic spaces at either end.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8> { trimmed(ArraySlice(b)) }

    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = line.startIndex, hi = line.endIndex
        while lo < hi {
            if line[lo] == 0x20 || line[lo] == 0x09 || line[lo] == 0x0D { lo += 1; continue }
            if hi - lo >= 3, line[lo] == 0xE3, line[lo + 1] == 0x80, line[lo + 2] == 0x80 { lo += 3; continue }
            break
        }
        while hi > lo {
            if line[hi - 1] == 0x20 || line[hi - 1] == 0x09 || line[hi - 1] == 0x0D { hi -= 1; continue }
            if hi - lo >= 3, line[hi - 3] == 0xE3, line[hi - 2] == 0x80, line[hi - 1] == 0x80 { hi -= 3; continue }
            break
        }
        return line[lo..<hi]
    }

    static func leadingSpaceCount(_ line: ArraySlice<UInt8>) -> Int {
        var k = line.startIndex, n = 0
        while k < line.endIndex {
            if line[k] == 0x20 || line[k] == 0x09 { k += 1; n += 1; continue }
            if k + 2 < line.endIndex, line[k] == 0xE3, line[k + 1] == 0x80, line[k + 2] == 0x80 { k += 3; n += 2; continue }
            break
        }
        return n
    }

    /// Headings start with a digit, a bracket, or a Chinese numeral (all in U+4E00–U+96F6, lead byte E4–E9).
    static func mayBeHeading(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        return first == 0x28 || (first >= 0x30 && first <= 0x39) || first == 0xEF || first == 0xE3 || (first >= 0xE4 && first <= 0xE9)
    }

    /// The characters of a line, counted eight bytes at a time.
    static func scalarCount(_ line: ArraySlice<UInt8>) -> Int {
        line.withUnsafeBufferPointer { BlankScanner.scalarCount($0, 0..<$0.count) }
    }

    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// 1 for an ASCII digit, 3 for a full-width one (０–９), else 0.
    static func digitLength(_ line: ArraySlice<UInt8>, _ k: Int) -> Int {
        if line[k] >= 0x30 && line[k] <= 0x39 { return 1 }
        if k + 2 < line.endIndex, line[k] == 0xEF, line[k + 1] == 0xBC, line[k + 2] >= 0x90 && line[k + 2] <= 0x99 { return 3 }
        return 0
    }

    /// 1 for ":", 3 for "：", else 0.
    static func colonLength(_ line: ArraySlice<UInt8>, _ k: Int) -> Int {
        if line[k] == 0x3A { return 1 }
        if k + 2 < line.endIndex, line[k] == 0xEF, line[k + 1] == 0xBC, line[k + 2] == 0x9A { return 3 }
        return 0
    }

    /// True when `word` lies in `line` at index `k`.
    @inline(__always)
    static func matches(_ word: [UInt8], in line: ArraySlice<UInt8>, at k: Int) -> Bool {
        guard line.endIndex - k >= word.count else { return false }
        var m = 0
        while m < word.count { if line[k + m] != word[m] { return false }; m += 1 }
        return true
    }
}
