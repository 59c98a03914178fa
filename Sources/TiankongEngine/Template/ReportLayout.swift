import FoundationEssentials

/// Decides which lines of a template make up the report: finds the title, drops the adverts
/// and the empty lines they leave behind.
struct ReportLayout {
    /// The reason given for a line removed because it stands above the title.
    static let aboveTitle = "标题之前"
    static let attachment = Array("附件".utf8)
    /// How many lines at either end are read for phrases however long they are.
    static let phraseReach = 40

    var title = ""
    /// Where the title line lies in the text, when there is one.
    var titleRange: Range<Int>?
    var removedLines: [RemovedLine] = []
    /// For every line, whether it is left out of the report.
    private(set) var removed: [Bool] = []

    func isRemoved(line: Int) -> Bool { removed[line] }
    var keptRanges: [ByteSpan] = []

    init(lines: LineTable, text: [UInt8], boilerplate: Boilerplate, keep: Bool) {
        let count = lines.count
        // Only short lines can be the title, and only lines of a few hundred characters adverts; longer
        // ones are never decoded here.
        let shortLimit = boilerplate.maximumLength * 4
        func isShort(_ i: Int) -> Bool { lines.byteLength(i) <= shortLimit }
        func signal(_ i: Int) -> String? {
            guard lines.byteLength(i) <= Boilerplate.phraseLineLimit * 4, !lines.isBlank(i) else { return nil }
            // A long line is read for a reseller's phrase only near the top or the end, where their
            // introductions and footers stand; a big report's paragraphs are not read here.
            if i >= Self.phraseReach, i < count - Self.phraseReach,
               lines.byteLength(i) > boilerplate.maximumLength * 4
                || (lines.byteLength(i) > boilerplate.maximumLength && scalarCount(i) > boilerplate.maximumLength) { return nil }
            return boilerplate.advertSignal(text[lines.contentRange(i)])
        }
        func isAdvert(_ i: Int) -> Bool { signal(i) != nil }
        func scalarCount(_ i: Int) -> Int { LineBytes.scalarCount(LineBytes.trimmed(text[lines.contentRange(i)])) }
        func holdsMarker(i: Int) -> Bool {
            text.withUnsafeBufferPointer { b in !BlankScanner.bundled.runs(in: UnsafeBufferPointer(rebasing: b[lines.contentRange(i)])).isEmpty }
        }
        func isAttachmentNumber(_ i: Int) -> Bool {
            let line = LineBytes.trimmed(text[lines.contentRange(i)])
            return line.starts(with: Self.attachment) && LineBytes.scalarCount(line) <= 8
        }
        // The first half of a wrapped title: short, no punctuation, not a heading, not a title itself.
        func isTitleHead(_ i: Int) -> Bool {
            guard !lines.isBlank(i), isShort(i), !isAdvert(i), !isAttachmentNumber(i) else { return false }
            let content = lines.content(i).trimmedSpaces()
            guard let last = content.unicodeScalars.last, !("0"..."9").contains(last) else { return false }
            return !boilerplate.isTitle(content) && !Boilerplate.isHeading(content)
                && !content.unicodeScalars.contains { "。，,：:；;！!？?、".unicodeScalars.contains($0) }
        }

        // The title: among the short lines before the first long paragraph (adverts skipped), the first
        // that reads as one and holds a blank, else the first that reads as one; else the first non-empty
        // line that is not an advert. A page's own heading above it ("民主评议表填表说明") is not it.
        var candidates: [Int] = []
        var i = 0
        while i < count {
            defer { i += 1 }
            if lines.isBlank(i) || signal(i) != nil { continue }
            if !isShort(i) { break }
            if boilerplate.isTitle(lines.content(i)) { candidates.append(i) }
        }
        var titleIndex = candidates.first { holdsMarker(i: $0) } ?? candidates.first
        if titleIndex == nil {
            titleIndex = (0..<count).first { !lines.isBlank($0) && !isAdvert($0) } ?? (0..<count).first { !lines.isBlank($0) }
        }
        // A long title wrapped over two lines ("XX县XX局2021年上半年工" / "作总结") is one title.
        // A page may put an empty line in the break; then the head is long (the line was cut at a width)
        // and the rest short ("…总结及2007政" / "" / "研工作初步思路").
        var titleStart = titleIndex
        if let t = titleIndex, t > 0, isTitleHead(t - 1) { titleStart = t - 1 }
        if let t = titleIndex, titleStart == t, t > 1, lines.isBlank(t - 1), isTitleHead(t - 2),
           scalarCount(t - 2) >= 16, scalarCount(t) <= 10 {
            titleStart = t - 2
        }
        if let titleIndex, let titleStart {
            // A title is short; a template that is one long line gets its first forty characters.
            let range = lines.contentRange(titleIndex)
            let head = text.withUnsafeBufferPointer { b in
                range.lowerBound..<TextWindow.endAfter(b, range.lowerBound, limit: 40, ceiling: range.upperBound)
            }
            let whole = lines.contentRange(titleStart).lowerBound..<range.upperBound
            titleRange = isShort(titleIndex) ? whole : head
            title = String(decoding: text[titleRange!].filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
                .trimmedSpaces()
        }

        var removed = [Bool](repeating: false, count: count)
        var reasons: [Int: String] = [:]
        if !keep {
            // Above the title: every line but an attachment's number ("附件2"), when any of them is not empty.
            if let titleStart, (0..<titleStart).contains(where: { !lines.isBlank($0) }) {
                for k in 0..<titleStart where !isAttachmentNumber(k) {
                    removed[k] = true
                    if !lines.isBlank(k) { reasons[k] = signal(k) ?? Self.aboveTitle }
                }
            }
            var k = (titleIndex ?? -1) + 1
            while k < count {
                guard let first = signal(k) else { k += 1; continue }
                reasons[k] = first
                // A run of adverts and the empty lines between and after them.
                var end = k
                var lastAdvert = k
                while end + 1 < count {
                    if lines.isBlank(end + 1) { end += 1; continue }
                    guard let next = signal(end + 1) else { break }
                    end += 1
                    reasons[end] = next
                    lastAdvert = end
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
                if !lines.isBlank(k) { removedLines.append(RemovedLine(line: k + 1, text: lines.content(k), reason: reasons[k] ?? Self.aboveTitle)) }
                if let s = start { keptRanges.append(ByteSpan(s..<lines.fullRange(k).lowerBound)); start = nil }
            } else if start == nil {
                start = lines.fullRange(k).lowerBound
            }
        }
        if let s = start { keptRanges.append(ByteSpan(s..<text.count)) }
        self.removed = removed
    }
}
