import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Groups blanks into the fields the user answers.
///
/// Every numeric blank is its own field. Text blanks with the same marker followed by the same two
/// characters are one question: the three "XXX党组" of a report are the one organisation.
public enum FieldGrouping {
    public static func fields(for blanks: [Blank]) -> [Field] {
        // Every numeric blank is a field of its own, labelled by its own words: for many blanks those
        // labels are made on the other core while the blanks are grouped here.
        let work = Work(blanks.count)
        if blanks.count >= 1 << 14 {
            DispatchQueue.concurrentPerform(iterations: 2) { part in
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
                if kind == .text {
                    // Only text answers are checked against their neighbours (the doubled-word warning).
                    let key = TextKey(blanks[position])
                    if let existing = fieldOfTextKey.field(of: key) {
                        fields[existing].blankIndexes.append(index)
                        fields[existing].surroundings.append(Field.Surrounding(blanks[position]))
                        fieldOfBlank[index] = existing
                        continue
                    }
                    fieldOfTextKey.add(key, field: fields.count)
                }
                fieldOfBlank[index] = fields.count
                firstBlank.append(position)
                fields.append(Field(
                    id: FieldGrouping.id(fields.count + 1), kind: kind, unit: blanks[position].unit,
                    minimum: blanks[position].minimum, maximum: blanks[position].maximum,
                    label: "", marker: blanks[position].marker,
                    blankIndexes: [index], surroundings: kind == .text ? [Field.Surrounding(blanks[position])] : []))
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

    /// What makes text blanks one question: the marker and the first two characters after it, as bytes
    /// of the template's text (hashed in one call, compared without copying).
    struct TextKey: Hashable {
        let bytes: ArraySlice<UInt8>

        init(_ blank: Blank) {
            let text = blank.source.bytes
            let after = FieldGrouping.firstTwoCharacters(text, blank.afterRange)
            bytes = blank.byteRange.upperBound == after.startIndex
                ? text[blank.byteRange.lowerBound..<after.endIndex]
                : ArraySlice(Array(text[blank.byteRange]) + after)
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

    /// "党组扩大会议学习＿＿次": the clause before the blank (at most ten characters, or the words before
    /// it when the clause is shorter than two), the blank, and up to six characters after it.
    static func label(for blank: Blank) -> String {
        let bytes = blank.source.bytes
        return bytes.withUnsafeBufferPointer { b -> String in
            // Clause breaks include the sentence ends, so the line's start is floor enough.
            let sentenceStart = blank.lineRange.lowerBound
            // Back from the blank to the last clause break, at most ten characters.
            var start = blank.byteRange.lowerBound
            var taken = 0
            while start > sentenceStart, taken < 10 {
                var k = start - 1
                while k > sentenceStart, TextWindow.isContinuation(b[k]) { k -= 1 }
                if isClauseBreak(b, k) { break }
                start = k
                taken += 1
            }
            if taken < 2 {
                // "对X局党组", "，XXX党组": take up to six characters before, skipping leading breaks.
                start = TextWindow.startBefore(b, blank.byteRange.lowerBound, limit: 6, floor: sentenceStart)
                while start < blank.byteRange.lowerBound, isClauseBreak(b, start) { start += LineBytes.scalarLength(b[start]) }
            }
            var end = blank.byteRange.upperBound
            taken = 0
            while end < blank.afterRange.upperBound, taken < 6, !isClauseBreak(b, end) {
                end += LineBytes.scalarLength(b[end])
                taken += 1
            }
            end = min(end, blank.afterRange.upperBound)
            let before = b[start..<blank.byteRange.lowerBound], after = b[blank.byteRange.upperBound..<end]
            let count = before.count + placeholder.count + after.count
            // One allocation for the label, written in place.
            return String(unsafeUninitializedCapacity: count) { out in
                var k = 0
                for c in before { out[k] = c; k += 1 }
                for c in placeholder { out[k] = c; k += 1 }
                for c in after { out[k] = c; k += 1 }
                return k
            }
        }
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
