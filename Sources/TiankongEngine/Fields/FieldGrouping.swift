/// Groups blanks into the fields the user answers.
///
/// Every numeric blank is its own field. Text blanks with the same marker followed by the same two
/// characters are one question: the three "XXX党组" of a report are the one organisation.
public enum FieldGrouping {
    public static func fields(for blanks: [Blank]) -> [Field] {
        var fields: [Field] = []
        var fieldOfTextKey: [String: Int] = [:]
        var fieldOfBlank: [Int: Int] = [:]
        for blank in blanks {
            let surrounding = Field.Surrounding(before: blank.before, after: blank.after)
            if blank.kind == .text {
                let key = blank.marker + String(blank.after.unicodeScalars.prefix(2).map(Character.init))
                if let existing = fieldOfTextKey[key] {
                    fields[existing].blankIndexes.append(blank.index)
                    fields[existing].surroundings.append(surrounding)
                    fieldOfBlank[blank.index] = existing
                    continue
                }
                fieldOfTextKey[key] = fields.count
            }
            fieldOfBlank[blank.index] = fields.count
            fields.append(Field(
                id: "f\(fields.count + 1)", kind: blank.kind, unit: blank.unit,
                minimum: blank.minimum, maximum: blank.maximum,
                label: label(for: blank), marker: blank.marker,
                blankIndexes: [blank.index], surroundings: [surrounding]))
        }
        linkDates(blanks: blanks, fields: &fields, fieldOfBlank: fieldOfBlank)
        return fields
    }

    /// Marks "XXXX年X月X日" (and "X月X日") so the day is checked against its month and year.
    private static func linkDates(blanks: [Blank], fields: inout [Field], fieldOfBlank: [Int: Int]) {
        for (position, day) in blanks.enumerated() where day.kind == .day {
            guard position > 0, day.before.hasSuffix("月") else { continue }
            let month = blanks[position - 1]
            guard month.kind == .month, month.byteRange.upperBound + 3 == day.byteRange.lowerBound else { continue }
            var group = Field.DateGroup(year: nil, month: nil, day: nil)
            group.day = fieldOfBlank[day.index].map { fields[$0].id }
            group.month = fieldOfBlank[month.index].map { fields[$0].id }
            if position > 1, month.before.hasSuffix("年") {
                let year = blanks[position - 2]
                if year.kind == .year, year.byteRange.upperBound + 3 == month.byteRange.lowerBound {
                    group.year = fieldOfBlank[year.index].map { fields[$0].id }
                }
            }
            for id in [group.year, group.month, group.day].compactMap({ $0 }) {
                if let k = fields.firstIndex(where: { $0.id == id }) { fields[k].date = group }
            }
        }
    }

    /// Clause punctuation: a label starts after the last of these before the blank.
    static let clauseBreaks: Set<Unicode.Scalar> = [
        "，", "。", "、", "；", "：", "！", "？", ",", ";", ":", "!", "?", "“", "”", "《", "》", "（", "）", "(", ")", " ", "\u{3000}",
    ]

    /// "党组扩大会议学习＿＿次": the clause before the blank, the blank, and the word after it.
    static func label(for blank: Blank) -> String {
        // The words before the blank within its sentence (more than the 12-character window).
        let sentenceStart = blank.contextRange.lowerBound
        let head = blank.source.string(sentenceStart..<blank.byteRange.lowerBound)
        let before = Array(head.unicodeScalars.suffix(40))
        var start = before.count
        while start > 0, !clauseBreaks.contains(before[start - 1]) { start -= 1 }
        var clause = Array(before[start...].suffix(10))
        if clause.count < 2 {
            // Too little of a clause ("对X局党组", "，XXX党组"): take the words before it too.
            clause = Array(before.suffix(6)).drop { clauseBreaks.contains($0) }.map { $0 }
        }
        let after = Array(blank.after.unicodeScalars)
        var end = 0
        while end < after.count, end < 6, !clauseBreaks.contains(after[end]) { end += 1 }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: clause)
        var label = String(scalars) + "＿＿"
        var tail = String.UnicodeScalarView()
        tail.append(contentsOf: after[..<end])
        label += String(tail)
        return label
    }
}
