/// Cuts short pieces of text around a position in UTF-8 bytes, by characters, never splitting one.
enum TextWindow {
    /// Sentence ends: the context of a blank stops at these, and at line ends.
    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "；", "!", "?", ";"]

    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Where up to `limit` characters ending at `offset` start, not before `floor`.
    static func startBefore(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, limit: Int, floor: Int) -> Int {
        var start = offset
        var taken = 0
        while start > floor, taken < limit {
            start -= 1
            while start > floor, isContinuation(b[start]) { start -= 1 }
            taken += 1
        }
        return start
    }

    /// Where up to `limit` characters starting at `offset` end, not past `ceiling`.
    static func endAfter(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, limit: Int, ceiling: Int) -> Int {
        var end = offset
        var taken = 0
        while end < ceiling, taken < limit {
            end += 1
            while end < ceiling, isContinuation(b[end]) { end += 1 }
            taken += 1
        }
        return end
    }

    /// Where the sentence around `range` lies: back to the previous sentence end and on through the next
    /// one, within the line and at most 300 characters each way.
    static func sentenceRange(_ b: UnsafeBufferPointer<UInt8>, around range: Range<Int>, within line: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var taken = 0
        while start > line.lowerBound, taken < 300 {
            var k = start - 1
            while k > line.lowerBound, isContinuation(b[k]) { k -= 1 }
            if isSentenceEnd(b, k) { break }
            start = k
            taken += 1
        }
        var end = range.upperBound
        taken = 0
        while end < line.upperBound, taken < 300 {
            var k = end + 1
            while k < line.upperBound, isContinuation(b[k]) { k += 1 }
            let wasEnd = isSentenceEnd(b, end)
            end = k
            taken += 1
            if wasEnd { break }
        }
        return start..<end
    }

    /// True when the character starting at `i` ends a sentence (。！？；!?;).
    @inline(__always)
    static func isSentenceEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if c == 0x21 || c == 0x3F || c == 0x3B { return true }
        guard i + 2 < b.count else { return false }
        if c == 0xE3, b[i + 1] == 0x80, b[i + 2] == 0x82 { return true }                 // 。
        if c == 0xEF, b[i + 1] == 0xBC, b[i + 2] == 0x81 || b[i + 2] == 0x9F || b[i + 2] == 0x9B { return true }  // ！？；
        return false
    }
}
