/// The start of every line of a text, for turning byte offsets into lines.
public struct LineTable: Sendable {
    /// Byte offset where each line starts; a final empty line after the last newline is not a line.
    let starts: [Int]
    let count: Int
    let text: [UInt8]

    init(_ text: [UInt8]) {
        self.text = text
        var starts = [0]
        text.withUnsafeBufferPointer { b in
            LineBytes.forEachNewline(in: b) { at in
                if at + 1 < b.count { starts.append(at + 1) }
            }
        }
        self.starts = starts
        count = text.isEmpty ? 0 : starts.count
    }

    /// The text cut into up to `count` stretches of whole lines of about the same size, in order.
    /// Whole lines of the text: their numbers and their bytes. (A struct, not a tuple: a tuple's type
    /// is put together by the Swift runtime on first use, at every start.)
    struct Stretch {
        var lines: Range<Int>
        var bytes: Range<Int>
    }

    func stretches(_ count: Int) -> [Stretch] {
        guard self.count > 0 else { return [Stretch(lines: 0..<0, bytes: 0..<text.count)] }
        var cuts = [0]
        for k in 1..<max(count, 1) {
            // The first line starting at or after the k-th share of the bytes.
            let target = text.count * k / count
            var lo = cuts.last!, hi = self.count
            while lo < hi { let mid = (lo + hi) / 2; if starts[mid] < target { lo = mid + 1 } else { hi = mid } }
            if lo > cuts.last!, lo < self.count { cuts.append(lo) }
        }
        cuts.append(self.count)
        return (1..<cuts.count).map { k in
            let lines = cuts[k - 1]..<cuts[k]
            return Stretch(lines: lines,
                           bytes: starts[lines.lowerBound]..<(lines.upperBound < self.count ? starts[lines.upperBound] : text.count))
        }
    }

    /// The bytes of line `i` including its terminator.
    func fullRange(_ i: Int) -> Range<Int> {
        starts[i]..<(i + 1 < starts.count ? starts[i + 1] : text.count)
    }

    /// The bytes of line `i` without its terminator ("\n" or "\r\n").
    func contentRange(_ i: Int) -> Range<Int> {
        let full = fullRange(i)
        var end = full.upperBound
        if end > full.lowerBound, text[end - 1] == 0x0A { end -= 1 }
        if end > full.lowerBound, text[end - 1] == 0x0D { end -= 1 }
        return full.lowerBound..<end
    }

    func content(_ i: Int) -> String {
        String(decoding: text[contentRange(i)], as: UTF8.self)
    }

    /// True when line `i` holds nothing but spaces, tabs and ideographic spaces.
    func isBlank(_ i: Int) -> Bool {
        let range = contentRange(i)
        var k = range.lowerBound
        while k < range.upperBound {
            let c = text[k]
            if c == 0x20 || c == 0x09 || c == 0x0D { k += 1; continue }
            if c == 0xE3, k + 2 < range.upperBound, text[k + 1] == 0x80, text[k + 2] == 0x80 { k += 3; continue }
            return false
        }
        return true
    }

    /// The length of line `i` in bytes, without its terminator.
    func byteLength(_ i: Int) -> Int { contentRange(i).count }

    /// The line (0-based) holding byte `offset`, found by halving.
    func line(containing offset: Int) -> Int { Self.line(containing: offset, starts: starts) }

    /// The line (0-based) holding byte `offset` of a text whose lines start at `starts` (ascending, the
    /// first 0), found by halving.
    public static func line(containing offset: Int, starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid] <= offset { lo = mid } else { hi = mid - 1 } }
        return lo
    }

    /// The 1-based line and character column of byte `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let line = line(containing: offset)
        var column = 1
        for k in starts[line]..<offset where text[k] & 0xC0 != 0x80 { column += 1 }
        return (line + 1, column)
    }

    /// The words a blank at `range` is read by: up to twelve characters before and after it within its
    /// line, and the line's content.
    func window(around range: Range<Int>) -> (before: Range<Int>, after: Range<Int>, line: Range<Int>) {
        let line = contentRange(line(containing: range.lowerBound))
        return text.withUnsafeBufferPointer { b in
            (TextWindow.startBefore(b, range.lowerBound, limit: 12, floor: line.lowerBound)..<range.lowerBound,
             range.upperBound..<TextWindow.endAfter(b, range.upperBound, limit: 12, ceiling: line.upperBound),
             line)
        }
    }
}
