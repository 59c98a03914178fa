/// Cuts short pieces of text around a position in UTF-8 bytes, by characters, never splitting one.
enum TextWindow {
    /// Sentence ends: the context of a blank stops at these, and at line ends.
    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "；", "!", "?", ";"]

    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Up to `limit` characters ending at `offset`, not before `floor`.
    static func scalarsBefore(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, limit: Int, floor: Int) -> String {
        var start = offset
        var taken = 0
        while start > floor, taken < limit {
            start -= 1
            while start > floor, isContinuation(b[start]) { start -= 1 }
            taken += 1
        }
        return String(decoding: b[start..<offset], as: UTF8.self)
    }

    /// Up to `limit` characters starting at `offset`, not past `ceiling`.
    static func scalarsAfter(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, limit: Int, ceiling: Int) -> String {
        var end = offset
        var taken = 0
        while end < ceiling, taken < limit {
            end += 1
            while end < ceiling, isContinuation(b[end]) { end += 1 }
            taken += 1
        }
        return String(decoding: b[offset..<end], as: UTF8.self)
    }

    /// The sentence around `range`: back to the previous sentence end and on through the next one,
    /// within the line and at most 80 characters each way.
    static func sentence(_ b: UnsafeBufferPointer<UInt8>, around range: Range<Int>, within line: Range<Int>) -> String {
        let before = scalarsBefore(b, range.lowerBound, limit: 80, floor: line.lowerBound)
        let after = scalarsAfter(b, range.upperBound, limit: 80, ceiling: line.upperBound)
        var head = Substring(before)
        if let end = head.unicodeScalars.lastIndex(where: { sentenceEnds.contains($0) }) {
            head = head[head.unicodeScalars.index(after: end)...]
        }
        var tail = Substring(after)
        if let end = tail.unicodeScalars.firstIndex(where: { sentenceEnds.contains($0) }) {
            tail = tail[...end]
        }
        let marker = String(decoding: b[range], as: UTF8.self)
        return String(head) + marker + String(tail)
    }
}
