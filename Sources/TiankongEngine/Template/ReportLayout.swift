import FoundationEssentials

/// Decides which lines of a template make up the report: finds the title, drops the adverts
/// and the empty lines they leave behind.
struct ReportLayout {
    var title = ""
    /// Where the title line lies in the text, when there is one.
    var titleRange: Range<Int>?
    var removedLines: [RemovedLine] = []
    /// For every line, whether it is left out of the report.
    private var removed: [Bool] = []

    func isRemoved(line: Int) -> Bool { removed[line] }
    var keptRanges: [ByteSpan] = []

    init(lines: LineTable, text: [UInt8], boilerplate: Boilerplate, keep: Bool) {
        let count = lines.count
        // Only short lines can be adverts or the title; long ones are never decoded here.
        let shortLimit = boilerplate.maximumLength * 4
        func isShort(_ i: Int) -> Bool { lines.byteLength(i) <= shortLimit }
        func isAdvert(_ i: Int) -> Bool {
            guard isShort(i), !lines.isBlank(i) else { return false }
            let range = lines.contentRange(i)
            return boilerplate.isAdvert(text[range])
        }

        // The title: the first line that reads as one, before the first long paragraph;
        // else the first non-empty line that is not an advert.
        var titleIndex: Int?
        var i = 0
        while i < count {
            if !isShort(i) { break }
            if !lines.isBlank(i), !isAdvert(i), boilerplate.isTitle(lines.content(i)) { titleIndex = i; break }
            i += 1
        }
        if titleIndex == nil {
            titleIndex = (0..<count).first { !lines.isBlank($0) && !isAdvert($0) } ?? (0..<count).first { !lines.isBlank($0) }
        }
        if let titleIndex {
            // A title is short; a template that is one long line gets its first forty characters.
            let range = lines.contentRange(titleIndex)
            let head = text.withUnsafeBufferPointer { b in
                range.lowerBound..<TextWindow.endAfter(b, range.lowerBound, limit: 40, ceiling: range.upperBound)
            }
            titleRange = isShort(titleIndex) ? range : head
            title = String(decoding: text[isShort(titleIndex) ? range : head], as: UTF8.self)
                .trimmedSpaces()
        }

        var removed = [Bool](repeating: false, count: count)
        if !keep {
            // Above the title: every line, when any of them is not empty.
            if let titleIndex, (0..<titleIndex).contains(where: { !lines.isBlank($0) }) {
                for k in 0..<titleIndex { removed[k] = true }
            }
            var k = (titleIndex ?? -1) + 1
            while k < count {
                guard isAdvert(k) else { k += 1; continue }
                // A run of adverts and the empty lines between and after them.
                var end = k
                var lastAdvert = k
                while end + 1 < count, lines.isBlank(end + 1) || isAdvert(end + 1) {
                    end += 1
                    if !lines.isBlank(end) { lastAdvert = end }
                }
                let atEnd = end == count - 1
                let precededByEmpty = k > 0 && lines.isBlank(k - 1) && !removed[k - 1]
                for r in k...end {
                    if r <= lastAdvert || atEnd || precededByEmpty { removed[r] = true }
                }
                if atEnd {
                    var p = k - 1
                    while p > (titleIndex ?? -1), lines.isBlank(p) { removed[p] = true; p -= 1 }
                }
                k = end + 1
            }
        }

        var start: Int?
        for k in 0..<count {
            if removed[k] {
                if !lines.isBlank(k) { removedLines.append(RemovedLine(line: k + 1, text: lines.content(k))) }
                if let s = start { keptRanges.append(ByteSpan(s..<lines.fullRange(k).lowerBound)); start = nil }
            } else if start == nil {
                start = lines.fullRange(k).lowerBound
            }
        }
        if let s = start { keptRanges.append(ByteSpan(s..<text.count)) }
        self.removed = removed
    }
}
