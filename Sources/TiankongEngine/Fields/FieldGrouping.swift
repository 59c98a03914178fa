import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Groups blanks into the fields the user answers.
///
/// Every numeric blank is its own field. Text blanks are one question only on strong evidence: the
/// same marker followed by the same two Chinese characters, not at the start of a list item (the three
/// "XXX党组" of a report are the one organisation; "（一）×××" and "（二）×××", or two "×××" at line
/// ends, are separate questions). A text blank that only may be the same as an earlier one (the same
/// marker and words, but weaker evidence) is asked on its own, and names that field as `sameAs`, so
/// the wizard can offer its answer.
public enum FieldGrouping {
    public static func fields(for blanks: [Blank]) -> [Field] {
        // Every numeric blank is a field of its own, labelled by its own words: for many blanks those
        // labels are made on the other core while the blanks are grouped here.
        let work = Work(blanks.count)
        if Parallel.pays(forBytes: blanks.first?.source.bytes.count ?? 0) {
            Parallel.run(2) { part in
                if part == 0 { work.group(blanks) } else { work.labelNumeric(blanks) }
            }
        } else {
            work.group(blanks)
            work.labelNumeric(blanks)
        }
        var fields = work.fields
        work.fields = []   // the only reference left is ours, so the edits below do not copy
        for k in fields.indices {
            let first = work.firstBlank[k]
            fields[k].label = work.labels[first] ?? label(for: blanks[first])
        }
        linkDates(blanks: blanks, fields: &fields, fieldOfBlank: work.fieldOfBlank)
        return fields
    }

    /// The fields, and the labels of numeric blanks, as the two parts of the grouping make them.
    private final class Work: @unchecked Sendable {
        var fields: [Field] = []
        /// For each field, the position (in the blanks) of its first blank, whose words label it.
        var firstBlank: [Int] = []
        /// Field position by blank index (indexes are 1…n, so an array serves).
        var fieldOfBlank: [Int] = []
        /// The label of each numeric blank, by position.
        var labels: [String?]

        init(_ count: Int) { labels = Array(repeating: nil, count: count) }

        func group(_ blanks: [Blank]) {
            // Built in locals and stored once: this loop runs once for each of a million blanks.
            var fields: [Field] = []
            fields.reserveCapacity(blanks.count)
            var firstBlank: [Int] = []
            firstBlank.reserveCapacity(blanks.count)
            var fieldOfTextKey = TextKeys()
            var fieldOfBlank = [Int](repeating: -1, count: (blanks.map(\.index).max() ?? 0) + 1)
            for position in blanks.indices {
                let index = blanks[position].index
                let kind = blanks[position].kind
                var sameAs: String?
                if kind == .text {
                    // Only text answers are checked against their neighbours (the doubled-word warning).
                    let key = TextKey(blanks[position])
                    if let existing = fieldOfTextKey.field(of: key) {
                        if key.isStrong {
                            fields[existing].blankIndexes.append(index)
                            fields[existing].surroundings.append(Field.Surrounding(blanks[position]))
                            fieldOfBlank[index] = existing
                            continue
                        }
                        if key.mayBeSame { sameAs = fields[existing].id }
                    } else {
                        fieldOfTextKey.add(key, field: fields.count)
                    }
                }
                fieldOfBlank[index] = fields.count
                firstBlank.append(position)
                fields.append(Field(
                    id: FieldGrouping.id(fields.count + 1), kind: kind, unit: blanks[position].unit,
                    minimum: blanks[position].minimum, maximum: blanks[position].maximum,
                    label: "", marker: blanks[position].marker,
                    blankIndexes: [index], surroundings: kind == .text ? [Field.Surrounding(blanks[position])] : []))
                fields[fields.count - 1].sameAs = sameAs
            }
            self.fields = fields
            self.firstBlank = firstBlank
            self.fieldOfBlank = fieldOfBlank
        }

        func labelNumeric(_ blanks: [Blank]) {
            for position in blanks.indices where blanks[position].kind != .text {
                labels[position] = FieldGrouping.label(for: blanks[position])
            }
        }
    }

    /// "f1", "f2", …: "f" and the number's digits, written without the formatting machinery (once for
    /// each of a million fields).
    static func id(_ number: Int) -> String {
        var scale = 1, digits = 1
        while scale <= number / 10 { scale *= 10; digits += 1 }
        // The exact length, so an id of up to 14 digits stays a small (inline) string.
        return String(unsafeUninitializedCapacity: 1 + digits) { out in
            out[0] = 0x66   // f
            var count = 1
            var scale = scale
            var rest = number
            while scale > 0 { out[count] = UInt8(0x30 + rest / scale); rest %= scale; scale /= 10; count += 1 }
            return count
        }
    }

    /// The field of each text key so far: a short list looked through in order while there are few (a
    /// dictionary's first use has the runtime build its type on the wizard's start-up path), a dictionary
    /// once there are many.
    struct TextKeys {
        private struct Entry {
            var key: TextKey
            var field: Int
        }

        private var few: [Entry] = []
        private var many: [TextKey: Int]?

        func field(of key: TextKey) -> Int? {
            if let many { return many[key] }
            return few.first { $0.key == key }?.field
        }

        mutating func add(_ key: TextKey, field: Int) {
            if many != nil {
                many![key] = field
            } else if few.count < 32 {
                few.append(Entry(key: key, field: field))
            } else {
                var table = [TextKey: Int](minimumCapacity: 64)
                for entry in few { table[entry.key] = entry.field }
                table[key] = field
                many = table
                few = []
            }
        }
    }

    /// What may make text blanks one question: the marker and the first two characters after it (spaces
    /// skipped), as bytes of the template's text (hashed in one call, compared without copying).
    struct TextKey: Hashable {
        let bytes: ArraySlice<UInt8>
        /// True when the key is evidence enough to ask once: two Chinese characters follow the marker
        /// and the blank does not open a list item.
        let isStrong: Bool
        /// True when the key says enough to offer an earlier answer: words follow, or a form's label precedes.
        let mayBeSame: Bool

        init(_ blank: Blank) {
            let text = blank.source.bytes
            let after = FieldGrouping.firstTwoCharacters(text, FieldGrouping.skippingSpaces(text, blank.afterRange))
            // "书记：xx", "镇长：xx": a blank after a form's label is the label's answer; the label is part of it.
            let label = FieldGrouping.formLabel(text, before: blank.beforeRange)
            bytes = label.isEmpty && blank.byteRange.upperBound == after.startIndex
                ? text[blank.byteRange.lowerBound..<after.endIndex]
                : ArraySlice(Array(label) + Array(text[blank.byteRange]) + after)
            // A written line ("____") is one to write on each time: never one question with another.
            let lead = text[blank.byteRange.lowerBound]
            let isLine = lead == 0x5F || (lead == 0xEF && text[blank.byteRange.lowerBound + 2] == 0xBF)
            mayBeSame = !label.isEmpty || (after.first.map { $0 >= 0xE4 && $0 <= 0xE9 } ?? false)
            let wordsFollow = after.count == 6 && FieldGrouping.isIdeograph(after, at: after.startIndex)
                && FieldGrouping.isIdeograph(after, at: after.startIndex + 3)
            // The list-number check decodes text: only asked when the last character could close one.
            isStrong = !isLine && wordsFollow && !(FieldGrouping.mayCloseListNumber(text, before: blank.beforeRange)
                && FieldGrouping.opensListItem(text, before: blank.beforeRange))
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        static func == (a: TextKey, b: TextKey) -> Bool {
            guard a.bytes.count == b.bytes.count else { return false }
            // memcmp: the generic elementsEqual went byte by byte through the collection protocols.
            return a.bytes.isEmpty || a.bytes.withUnsafeBytes { x in
                b.bytes.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
        }
    }

    /// The range without the spaces (ASCII or ideographic) at its start.
    static func skippingSpaces(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        while start < range.upperBound {
            if bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1; continue }
            if start + 2 < range.upperBound, bytes[start] == 0xE3, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 { start += 3; continue }
            break
        }
        return start..<range.upperBound
    }

    /// The up to four characters before a colon that ends the words before a blank ("镇长：" → "镇长"),
    /// or nothing when they do not end with a colon.
    static func formLabel(_ bytes: [UInt8], before range: Range<Int>) -> ArraySlice<UInt8> {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        var colon = 0
        if end > range.lowerBound, bytes[end - 1] == 0x3A { colon = 1 }
        else if end - range.lowerBound >= 3, bytes[end - 3] == 0xEF, bytes[end - 2] == 0xBC, bytes[end - 1] == 0x9A { colon = 3 }
        guard colon > 0 else { return [] }
        let labelEnd = end - colon
        let start = bytes.withUnsafeBufferPointer { TextWindow.startBefore($0, labelEnd, limit: 4, floor: range.lowerBound) }
        return bytes[start..<labelEnd]
    }

    /// True when a CJK ideograph (U+4E00–U+9FFF) starts at `k`.
    static func isIdeograph(_ bytes: ArraySlice<UInt8>, at k: Int) -> Bool {
        guard k >= bytes.startIndex, k + 2 < bytes.endIndex else { return false }
        let lead = bytes[k]
        return lead >= 0xE4 && lead <= 0xE9 && bytes[k + 1] & 0xC0 == 0x80 && bytes[k + 2] & 0xC0 == 0x80
    }

    /// False when the words before a blank cannot end a list item's number: their last character is
    /// none of ） ) 、 . ． 是 (a check on bytes, before any decoding).
    static func mayCloseListNumber(_ bytes: [UInt8], before range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > range.lowerBound else { return false }
        let last = bytes[end - 1]
        if last == 0x29 || last == 0x2E { return true }
        guard end - range.lowerBound >= 3 else { return false }
        let tail = (bytes[end - 3], bytes[end - 2], last)
        return tail == (0xEF, 0xBC, 0x89) || tail == (0xE3, 0x80, 0x81) || tail == (0xEF, 0xBC, 0x8E)
            || tail == (0xE6, 0x98, 0xAF) || tail == (0xE3, 0x80, 0x80)
    }

    /// True when the words before a blank are a list item's number: "（一）", "(2)", "二、", "3.", "一是".
    static func opensListItem(_ bytes: [UInt8], before range: Range<Int>) -> Bool {
        HeadingMark.endsWithListNumber(Array(UTF8Scalars(bytes[range])))
    }

    private static func firstTwoCharacters(_ bytes: [UInt8], _ range: Range<Int>) -> ArraySlice<UInt8> {
        var end = range.lowerBound
        var taken = 0
        while end < range.upperBound, taken < 2 {
            end += LineBytes.scalarLength(bytes[end])
            taken += 1
        }
        return bytes[range.lowerBound..<min(end, range.upperBound)]
    }

    /// Marks "XXXX年X月X日" (and "X月X日") so the day is checked against its month and year.
    private static func linkDates(blanks: [Blank], fields: inout [Field], fieldOfBlank: [Int]) {
        for position in blanks.indices where blanks[position].kind == .day {
            let day = blanks[position]
            guard position > 0, endsWith(day, monthWord) else { continue }
            let month = blanks[position - 1]
            guard month.kind == .month, month.byteRange.upperBound + 3 == day.byteRange.lowerBound else { continue }
            var parts = [fieldOfBlank[month.index], fieldOfBlank[day.index]]
            if position > 1, endsWith(month, yearWord) {
                let year = blanks[position - 2]
                if year.kind == .year, year.byteRange.upperBound + 3 == month.byteRange.lowerBound {
                    parts.insert(fieldOfBlank[year.index], at: 0)
                }
            }
            let group = Field.DateGroup(
                year: parts.count == 3 ? fields[parts[0]].id : nil,
                month: fields[parts[parts.count - 2]].id,
                day: fields[parts[parts.count - 1]].id)
            for k in parts where k >= 0 { fields[k].date = group }
        }
    }

    /// "党组扩大会议学习＿＿次": the words before and after the blank within its sentence, cut at
    /// punctuation (the clause before it, or two when that one is shorter than two characters; up to six
    /// characters after it), never mid-sentence beyond twelve characters each way ("…" marks a cut that
    /// falls inside words), with every other blank shown as ＿＿. A blank with no words of its own
    /// ("（一）×××", "×××" under "参加人员") takes the line above it as its subject: "会议议题：（一）＿＿".
    static func label(for blank: Blank) -> String {
        let bytes = blank.source.bytes
        return bytes.withUnsafeBufferPointer { b -> String in
            // The walks below stop at the line's ends and at a sentence's end.
            let sentence = blank.lineRange
            // After the blank: up to the next clause break, six characters, or twelve to reach a break.
            var end = blank.byteRange.upperBound
            var taken = 0, wordsAfter = 0
            var cutAfter = false
            while end < sentence.upperBound, !isClauseBreak(b, end) || b[end] == 0x20 {
                if taken == 14 || (taken >= 8 && !breakWithin(b, from: end, limit: 14 - taken, ceiling: sentence.upperBound)) {
                    cutAfter = true
                    break
                }
                if isWordCharacter(b, end) { wordsAfter += 1 }
                end += LineBytes.scalarLength(b[end])
                taken += 1
            }
            if cutAfter, let cut = lastFunctionCharacterStart(b, blank.byteRange.upperBound..<end, from: 3) { end = cut }
            // Back from the blank: to a clause break; past one more when fewer than two characters came
            // and the words after the blank say little.
            var start = blank.byteRange.lowerBound
            taken = 0
            var clauses = 0, wordsInClause = 0
            var cutInWords = false
            while start > sentence.lowerBound {
                var k = start - 1
                while k > sentence.lowerBound, TextWindow.isContinuation(b[k]) { k -= 1 }
                if isClauseBreak(b, k) && b[k] != 0x20 {
                    // "有关事宜（一）×××": a list number is not a clause of its own; the words before it are read.
                    let isListNumber = opensListItem(bytes, before: k..<blank.byteRange.lowerBound) && wordsInClause <= 2
                    if !isListNumber {
                        if wordsInClause >= 2 || clauses >= 1 || wordsAfter >= 4 || TextWindow.isSentenceEnd(b, k) { break }
                        clauses += 1
                        wordsInClause = 0
                    }
                } else if isWordCharacter(b, k) {
                    wordsInClause += 1
                }
                // When the words after the blank say what it is, fewer before it are needed.
                if taken == (wordsAfter >= 4 ? 8 : 12) { cutInWords = true; break }
                start = k
                taken += 1
            }
            if cutInWords, let cut = firstFunctionCharacterEnd(b, start..<blank.byteRange.lowerBound, within: 8) {
                // "…及指示精神工作": start after a function word (及、的、和…) rather than inside a word.
                start = cut
                cutInWords = false
            }
            while start < blank.byteRange.lowerBound, isClauseBreak(b, start) && !isOpeningBracket(b, start) {
                start += LineBytes.scalarLength(b[start])
            }
            if start > sentence.lowerBound {
                var k = start - 1
                while k > sentence.lowerBound, TextWindow.isContinuation(b[k]) { k -= 1 }
                if isOpeningBracket(b, k) { start = k }
            }
            var out: [UInt8] = cutInWords ? ellipsis : []
            out += shownWithBlanks(b, start..<blank.byteRange.lowerBound)
            out += placeholder
            out += shownWithBlanks(b, blank.byteRange.upperBound..<end)
            if cutAfter { out += ellipsis }
            let spaced = out.first == 0x20 || out.last == 0x20 || out.first == 0xE3 || out.last == 0x80
            var label = String(decoding: out, as: UTF8.self)
            if spaced { label = label.trimmedSpaces() }
            var wordCount = 0
            for k in start..<end where !(k >= blank.byteRange.lowerBound && k < blank.byteRange.upperBound) && isWordCharacter(b, k) { wordCount += 1 }
            if wordCount <= 3, !label.unicodeScalars.contains(where: { isWord($0) && !isListNumeral($0) }) {
                let subject = subjectAbove(b, lineStart: blank.lineRange.lowerBound)
                if !subject.isEmpty { label = subject + "：" + label }
            }
            return label
        }
    }

    static let ellipsis = Array("…".utf8)

    /// Characters that stand between words: a cut next to one falls between words. As UTF-8, all
    /// three bytes long.
    private static let functionCharacters: [[UInt8]] = ["的", "和", "及", "与", "了", "等", "并"].map { Array($0.utf8) }
    private static let closingFunctionCharacters: [[UInt8]] = ["的", "等"].map { Array($0.utf8) }

    private static func isFunctionCharacter(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, among words: [[UInt8]]) -> Bool {
        guard k + 2 < b.count, b[k] >= 0xE4 else { return false }
        return words.contains { $0[0] == b[k] && $0[1] == b[k + 1] && $0[2] == b[k + 2] }
    }

    /// Where the first function character in the first `within` characters of `range` ends.
    private static func firstFunctionCharacterEnd(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, within: Int) -> Int? {
        var k = range.lowerBound, n = 0
        while k < range.upperBound, n < within {
            let length = LineBytes.scalarLength(b[k])
            if length == 3, k + 3 <= range.upperBound, isFunctionCharacter(b, k, among: functionCharacters) { return k + length }
            k += length
            n += 1
        }
        return nil
    }

    /// Where the last function character of `range` at or after its `from`-th character starts (where
    /// it ends for 的 and 等, which close the words before them).
    private static func lastFunctionCharacterStart(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from: Int) -> Int? {
        var k = range.lowerBound, n = 0
        var found: Int?
        while k < range.upperBound {
            let length = LineBytes.scalarLength(b[k])
            if n >= from, length == 3, k + 3 <= range.upperBound, isFunctionCharacter(b, k, among: functionCharacters) {
                found = isFunctionCharacter(b, k, among: closingFunctionCharacters) ? k + length : k
            }
            k += length
            n += 1
        }
        return found
    }

    /// The text of `range` with each blank in it shown as ＿＿.
    private static func shownWithBlanks(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        let piece = UnsafeBufferPointer(rebasing: b[range])
        // Most pieces hold no marker's first byte (X, x, _, or the lead byte of ×, Ｘ, ＿, 某): no scan.
        if !piece.contains(where: { $0 == 0x58 || $0 == 0x78 || $0 == 0x5F || $0 == 0xC3 || $0 == 0xEF || $0 == 0xE6 }) {
            return Array(piece)
        }
        var out: [UInt8] = []
        var at = 0
        for run in BlankScanner.bundled.runs(in: piece) {
            out += piece[at..<run.byteRange.lowerBound]
            out += placeholder
            at = run.byteRange.upperBound
        }
        out += piece[at...]
        return out
    }

    /// True when a clause break lies within `limit` characters from `from`.
    private static func breakWithin(_ b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, ceiling: Int) -> Bool {
        var k = from, n = 0
        while k < ceiling, n < limit {
            if isClauseBreak(b, k) && b[k] != 0x20 { return true }
            k += LineBytes.scalarLength(b[k])
            n += 1
        }
        return k >= ceiling
    }

    /// What the lines above a blank with no words of its own say it is, up to twelve characters: the
    /// nearest line without blanks ("三、参加人员" → "参加人员"), or the words before the first item of a
    /// list the blank's line continues ("有关事宜（一）×××" above "（二）×××" → "有关事宜"); sibling
    /// items are passed over, at most four lines up.
    private static func subjectAbove(_ b: UnsafeBufferPointer<UInt8>, lineStart: Int) -> String {
        var end = lineStart
        var looked = 0
        while end > 0, looked < 4 {
            var lineEnd = end - 1
            while lineEnd > 0, b[lineEnd] == 0x0A || b[lineEnd] == 0x0D { lineEnd -= 1 }
            if b[lineEnd] == 0x0A || b[lineEnd] == 0x0D { return "" }
            var lineBegin = lineEnd
            while lineBegin > 0, b[lineBegin - 1] != 0x0A { lineBegin -= 1 }
            end = lineBegin
            looked += 1
            let raw = Array(UnsafeBufferPointer(rebasing: b[lineBegin...lineEnd]))
            let scalars = Array(String(decoding: raw, as: UTF8.self).unicodeScalars)
            // Where a list number ("（一）", "(1)", "一、") stands in the line, if one does.
            let opens = scalars.indices.first { k in
                guard scalars[k] == "（" || scalars[k] == "(" else { return false }
                let style = HeadingMark(opening: scalars[k...])?.style
                return style == .chineseInBrackets || style == .digitsInBrackets
            }
            if opens == 0 || Boilerplate.isHeading(scalars: scalars) && !BlankScanner.bundled.runs(in: raw).isEmpty {
                continue   // a sibling item
            }
            let words: ArraySlice<Unicode.Scalar>
            if let opens, opens > 0 {
                words = scalars[..<opens]
            } else if BlankScanner.bundled.runs(in: raw).isEmpty {
                words = scalars[...]
            } else {
                return ""
            }
            var trimmed = Array(words)
            while let first = trimmed.first, !isWord(first) || isListNumeral(first) { trimmed.removeFirst() }
            while let last = trimmed.last, !isWord(last) { trimmed.removeLast() }
            guard !trimmed.isEmpty, trimmed.count <= 12, !trimmed.contains(where: { "。，,；;".unicodeScalars.contains($0) }) else { return "" }
            var subject = ""
            subject.unicodeScalars.append(contentsOf: trimmed)
            return subject
        }
        return ""
    }

    /// Letters, digits and ideographs: what makes a label say something.
    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || ("０"..."９").contains(s)
    }

    private static func isListNumeral(_ s: Unicode.Scalar) -> Bool {
        "一二三四五六七八九十".unicodeScalars.contains(s) || ("0"..."9").contains(s)
    }

    /// True when the character at `i` is an ideograph, a letter or a digit (not a marker of a blank).
    private static func isWordCharacter(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if c >= 0xE4 && c <= 0xE9 { return true }
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A && c != 0x58) || (c >= 0x61 && c <= 0x7A && c != 0x78)
    }

    /// （ ( 《 “: kept at the start of a label, since what they open follows.
    private static func isOpeningBracket(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        if c == 0x28 { return true }
        if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x88 { return true }   // （
        if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x8A { return true }   // 《
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x9C { return true }   // “
        return false
    }

    static let placeholder = Array("＿＿".utf8)
    static let monthWord = Array("月".utf8), yearWord = Array("年".utf8)

    /// True when the text before a blank ends with `word`.
    private static func endsWith(_ blank: Blank, _ word: [UInt8]) -> Bool {
        let before = blank.beforeRange
        return before.count >= word.count && blank.source.bytes[(before.upperBound - word.count)..<before.upperBound].elementsEqual(word)
    }

    /// Clause punctuation: ，。、；：！？ , ; : ! ? “ ” 《 》 （ ） ( ) and spaces.
    static func isClauseBreak(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = b[i]
        switch c {
        case 0x20, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x28, 0x29: return true
        case 0xE2:   // “ ” (E2 80 9C/9D)
            return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x9C || b[i + 2] == 0x9D)
        case 0xE3:   // 、。《》 ideographic space (E3 80 81/82/8A/8B/80)
            return i + 2 < b.count && b[i + 1] == 0x80 && [0x80, 0x81, 0x82, 0x8A, 0x8B].contains(b[i + 2])
        case 0xEF:   // ，；：！？（） (EF BC 8C/9B/9A/81/9F/88/89)
            return i + 2 < b.count && b[i + 1] == 0xBC && [0x8C, 0x9B, 0x9A, 0x81, 0x9F, 0x88, 0x89].contains(b[i + 2])
        default: return false
        }
    }
}
