#if canImport(Glibc)
import Glibc
#endif

/// glibc's memmem, which Swift's Glibc module leaves out (it is declared only under _GNU_SOURCE).
@_silgen_name("memmem")
private func memmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int,
                    _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeMutableRawPointer?

/// Finding a piece of UTF-8 in a long text, for searches over a whole template: the C library's memmem
/// (two-way search). Searching for the first byte and comparing the rest, as before, stopped at every
/// Chinese character sharing the pattern's lead byte: a few hundred false starts per search.
enum ByteSearch {
    /// The index (into `text`) of the first `pattern` lying wholly in `from..<end` (the slice's own
    /// bounds when not given), or nil.
    static func firstIndex(of pattern: [UInt8], in text: ArraySlice<UInt8>, from: Int? = nil, to end: Int? = nil) -> Int? {
        let from = max(from ?? text.startIndex, text.startIndex)
        let end = min(end ?? text.endIndex, text.endIndex)
        guard !pattern.isEmpty, end - from >= pattern.count else { return nil }
        return text.withUnsafeBytes { haystack -> Int? in
            pattern.withUnsafeBytes { needle -> Int? in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress,
                      let hit = memmem(base + (from - text.startIndex), end - from, needleBase, pattern.count) else { return nil }
                return text.startIndex + base.distance(to: UnsafeRawPointer(hit))
            }
        }
    }

    /// The same search in a whole array.
    static func firstIndex(of pattern: [UInt8], in text: [UInt8], from: Int, to end: Int? = nil) -> Int? {
        firstIndex(of: pattern, in: text[...], from: from, to: end)
    }
}
