import TiankongEngine
import TiankongWriters

extension WordTemplate {
    /// The filled report: the template's package with each answered blank's text replaced and the
    /// advert paragraphs removed. An answer goes into the `w:t` of the blank's first character (so it
    /// takes that character's formatting); the blank's other characters leave their `w:t`s, and a run
    /// left with nothing in it goes. Parts with no change are copied through as they were zipped.
    /// `values` are answers already checked (see `AnswerReview`); a blank with none stays as it was.
    public func filled(values: [String: String]) throws(DocxWriterError) -> [UInt8] {
        // Room for the template's size and an eighth more: answers are short, and the whole archive is
        // not copied as it grows.
        let zip = try ZipWriter(capacity: Int(clamping: package.archiveSize + package.archiveSize / 8))
        try fill(values: values, into: zip)
        return try zip.finish()
    }

    /// The filled report, as `filled(values:)` makes it, written entry by entry into the new file open at
    /// `descriptor` (see `AtomicFile.write(to:overwrite:durable:produce:)`): the package is never whole in
    /// memory. `name` names the file in messages.
    public func write(values: [String: String], toDescriptor descriptor: Int32, name: String) throws(DocxWriterError) {
        let zip = try ZipWriter(descriptor: descriptor, name: name)
        try fill(values: values, into: zip)
        try zip.finish()
    }

    private func fill(values: [String: String], into zip: ZipWriter) throws(DocxWriterError) {
        var answerOfBlank: [Int: [UInt8]] = [:]
        for field in template.fields {
            guard let answer = values[field.id] else { continue }
            let bytes = Self.xmlText(answer)
            for index in field.blankIndexes { answerOfBlank[index] = bytes }
        }
        // Edits of each w:t's text, by story: (range in the element's text, replacement).
        var textEdits = [[Int: [(Range<Int>, [UInt8])]]](repeating: [:], count: stories.count)
        for blank in template.blanks {
            guard let answer = answerOfBlank[blank.index] else { continue }
            let k = line(containing: blank.byteRange.lowerBound)
            let (s, l) = owners[k]
            let start = blank.byteRange.lowerBound - lineStarts[k], end = blank.byteRange.upperBound - lineStarts[k]
            var first = true
            for segment in stories[s].lines[l].segments where segment.textStart < end && segment.textStart + segment.count > start {
                let from = max(start, segment.textStart) - segment.textStart + segment.offset
                let to = min(end, segment.textStart + segment.count) - segment.textStart + segment.offset
                textEdits[s][segment.textElement, default: []].append((from..<to, first ? answer : []))
                first = false
            }
        }
        // Advert lines: their paragraph or table row removed, or (a cell's only paragraph, a table's last
        // row, a row in a vertical merge) their text.
        var removals = [[Range<Int>]](repeating: [], count: stories.count)
        var rowsRemoved = [[Int: Int]](repeating: [:], count: stories.count)
        var kept = template.keptRanges.makeIterator()
        var span = kept.next()
        for k in owners.indices {
            let lineEnd = k + 1 < lineStarts.count ? lineStarts[k + 1] : template.text.count
            while let current = span, current.upperBound <= lineStarts[k] { span = kept.next() }
            if let current = span, current.lowerBound < lineEnd { continue }
            let (s, l) = owners[k]
            let line = stories[s].lines[l]
            let lastRow = line.table.map { rowsRemoved[s][$0, default: 0] + 1 >= line.rowsInTable } ?? false
            if line.deletable && !lastRow {
                removals[s].append(line.element)
                if let table = line.table { rowsRemoved[s][table, default: 0] += 1 }
            }
            // Its text emptied: what is left of it when it stays, and its text box's fallback copy.
            for segment in line.segments {
                textEdits[s][segment.textElement, default: []].append((segment.offset..<segment.offset + segment.count, []))
            }
        }
        // A text box's fallback copy is filled as its choice is.
        for s in stories.indices {
            for (index, changes) in textEdits[s] { if let twin = stories[s].texts[index].twin { textEdits[s][twin] = changes } }
        }
        var replacing: [String: WordPackage.NewPart] = [:]
        for s in stories.indices where !textEdits[s].isEmpty || !removals[s].isEmpty {
            let story = stories[s], edits = textEdits[s], removed = removals[s]
            replacing[story.part] = WordPackage.NewPart(sizeBound: Self.sizeBound(story, textEdits: edits)) { (emit) throws(DocxWriterError) in
                try Self.rewrite(story, textEdits: edits, removals: removed, emit: emit)
            }
        }
        try package.write(into: zip, replacing: replacing)
    }

    /// The part's XML with the edits made, handed to `emit` piece by piece: the part's own bytes between
    /// the edits as they are, each edited `w:t` made anew only when it is written (its tags kept,
    /// `xml:space` added when its text now starts or ends with a space), an emptied run removed, removed
    /// paragraphs gone.
    static func rewrite(_ story: WordStory, textEdits: [Int: [(Range<Int>, [UInt8])]], removals: [Range<Int>],
                        emit: (ArraySlice<UInt8>) throws(DocxWriterError) -> Void) throws(DocxWriterError) {
        // Each edit's bytes in the part, and the w:t written there anew (nil: the bytes go).
        var edits: [(range: Range<Int>, text: Int?)] = removals.map { ($0, nil) }
        edits.reserveCapacity(removals.count + textEdits.count)
        for (index, changes) in textEdits {
            let element = story.texts[index]
            let run = story.runs[element.run]
            if run.children == 1 && text(of: element, in: story, changes: changes).isEmpty {
                edits.append((run.element, nil))
            } else {
                edits.append((element.element, index))
            }
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound || ($0.range.lowerBound == $1.range.lowerBound && $0.range.upperBound > $1.range.upperBound) }
        var position = 0
        for (range, index) in edits where range.lowerBound >= position {
            // An edit inside one already made (a text box's run in a removed paragraph) is left out.
            try emit(story.xml[position..<range.lowerBound])
            if let index { try emit(textElement(index, in: story, changes: textEdits[index] ?? [])[...]) }
            position = range.upperBound
        }
        try emit(story.xml[position...])
    }

    /// The text of `element` with `changes` made (ranges in its text and their replacements).
    private static func text(of element: WordStory.TextElement, in story: WordStory, changes: [(Range<Int>, [UInt8])]) -> [UInt8] {
        let old = story.textBytes[element.text], base = element.text.lowerBound
        var text: [UInt8] = []
        var position = 0
        for (range, replacement) in changes.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where range.lowerBound >= position {
            text += old[(base + position)..<(base + range.lowerBound)]
            text += replacement
            position = range.upperBound
        }
        text += old[(base + position)...]
        return text
    }

    /// The `w:t` at `index` written anew with `changes` made to its text.
    private static func textElement(_ index: Int, in story: WordStory, changes: [(Range<Int>, [UInt8])]) -> [UInt8] {
        let element = story.texts[index]
        let text = text(of: element, in: story, changes: changes)
        var tag = Array(story.xml[element.tag])
        if let first = text.first, let last = text.last, Self.isSpace(first) || Self.isSpace(last),
           !tag.starts(with: Array("<w:t/>".utf8)), !tag.contains(subsequence: Array("xml:space".utf8)) {
            tag.insert(contentsOf: Array(" xml:space=\"preserve\"".utf8), at: tag.count - 1)
        }
        return tag + escaped(text) + story.xml[element.content.upperBound..<element.element.upperBound]
    }

    /// At most how many bytes the part comes to with its `w:t`s edited: each edited element may gain an
    /// `xml:space` and its answers, and escaping makes a byte at most five.
    static func sizeBound(_ story: WordStory, textEdits: [Int: [(Range<Int>, [UInt8])]]) -> Int {
        textEdits.reduce(story.xml.count) { total, edit in
            total + 21 + 5 * (story.texts[edit.key].element.count + edit.value.reduce(0) { $0 + $1.1.count })
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// An answer as text for a `w:t`: characters XML 1.0 cannot hold left out, a line break read as a space.
    static func xmlText(_ answer: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in answer.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: out.append(0x20)
            case 0x09: out.append(0x09)
            case 0..<0x20, 0xFFFE, 0xFFFF: continue
            default: out += Array(String(scalar).utf8)
            }
        }
        return out
    }

    static func escaped(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for byte in text {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            default: out.append(byte)
            }
        }
        return out
    }
}

private extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<$0 + subsequence.count].elementsEqual(subsequence) }
    }
}
