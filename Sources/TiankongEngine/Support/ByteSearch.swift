#if canImport(Glibc)
import Glibc
#endif

/// Finding a piece of UTF-8 in a long text, for searches over a whole template: the C library's memchr
/// (vectorised) finds each candidate first byte, memcmp checks the rest.
enum ByteSearch {
    /// The index (into `text`) of the first `pattern` lying wholly in `from..<end` (end: the text's end
    /// when nil), or nil.
    static func firstIndex(of pattern: [UInt8], in text: [UInt8], from: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? text.count, text.count)
        guard !pattern.isEmpty, from >= 0, end - from >= pattern.count else { return nil }
        return text.withUnsafeBytes { haystack -> Int? in
            pattern.withUnsafeBytes { needle -> Int? in
                guard let base = haystack.baseAddress, let first = needle.first else { return nil }
                let lastStart = end - pattern.count
                var k = from
                while k <= lastStart {
                    guard let hit = memchr(base + k, Int32(first), lastStart - k + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, needle.baseAddress!, pattern.count) == 0 { return at }
                    k = at + 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    /// The text without the leading and trailing characters `trim` picks (Foundation's
    /// trimmingCharacters(in:), which needs all of Foundation).
    public func trimmed(where trim: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !trim($0) }) else { return "" }
        let last = lastIndex(where: { !trim($0) })!
        return String(self[first...last])
    }

    /// The text without spaces and tabs at either end (line breaks stay).
    public func trimmedSpaces() -> String { trimmed(where: { $0.isWhitespace && !$0.isNewline }) }
}
