/// Checks answers against what their field asks for. The one validation layer, used by the wizard and `fill`.
public enum Validation {
    /// Checks one answer.
    /// - Parameters:
    ///   - raw: the answer as typed.
    ///   - field: the field it answers.
    ///   - answers: the other answers by field id, for a day checked against its month and year.
    public static func check(_ raw: String, for field: Field, answers: [String: String] = [:]) -> Verdict {
        let (visible, removed) = withoutInvisibles(raw)
        let answer = trimmed(visible)
        if answer.isEmpty { return .failed(.empty) }
        var verdict: Verdict
        switch field.kind {
        case .text: verdict = checkText(answer, field: field)
        case .integer: verdict = checkInteger(answer, field: field)
        case .year: verdict = checkYear(answer, field: field)
        case .month, .quarter: verdict = checkInteger(answer, field: field)
        case .day: verdict = checkDay(answer, field: field, answers: answers)
        case .percent, .decimal: verdict = checkDecimal(answer, field: field)
        }
        if removed > 0, verdict.isValid { verdict.warnings.append(.invisibleCharactersRemoved(removed)) }
        return verdict
    }

    /// Characters that show nothing and change nothing in a report, but break a number or a name when
    /// pasted in with it: zero-width space, word joiner, left-to-right and right-to-left marks, the
    /// direction embeddings, overrides and isolates, and the byte-order mark. (Joiners that shape
    /// emoji or scripts, U+200C and U+200D, stay.)
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// The answer without its invisible characters, and how many there were.
    static func withoutInvisibles(_ raw: String) -> (String, Int) {
        guard raw.unicodeScalars.contains(where: isInvisible) else { return (raw, 0) }
        var kept = String.UnicodeScalarView()
        var removed = 0
        for scalar in raw.unicodeScalars {
            if isInvisible(scalar) { removed += 1 } else { kept.append(scalar) }
        }
        return (String(kept), removed)
    }

    static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{3000}", "\u{A0}"]

    static func trimmed(_ raw: String) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in spaces.contains(scalar) || scalar == "\n" || scalar == "\r" }
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last, isSpace(first) || isSpace(last) else { return raw }
        var scalars = Substring(raw).unicodeScalars[...]
        while let first = scalars.first, isSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isSpace(last) { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    // MARK: - Text

    static func checkText(_ answer: String, field: Field) -> Verdict {
        if answer.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return .failed(.multipleLines)
        }
        // The control characters (general category Cc) are U+0000–U+001F and U+007F–U+009F, for good.
        if answer.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return .failed(.controlCharacter)
        }
        if !field.choices.isEmpty, !field.choices.contains(answer) { return .failed(.notAChoice(field.choices)) }
        if field.minimumLength != nil || field.maximumLength != nil {
            let length = answer.count
            if length < field.minimumLength ?? 0 || length > field.maximumLength ?? .max {
                return .failed(.wrongLength(minimum: field.minimumLength, maximum: field.maximumLength))
            }
        }
        let mayHoldMarker = answer.unicodeScalars.contains { $0 == "X" || $0 == "Ｘ" || $0 == "×" }
        if mayHoldMarker, let run = BlankScanner(exceptionWords: []).runs(in: Array(answer.utf8)).first {
            return .failed(.containsBlankMarker(String(decoding: Array(answer.utf8)[run.byteRange], as: UTF8.self)))
        }
        var warnings: [ValidationWarning] = []
        for surrounding in field.surroundings {
            if let repeated = overlap(suffixOf: answer, prefixOf: surrounding.after) {
                let warning = ValidationWarning.repeatsFollowingText(
                    repeated: repeated, suggestion: String(answer.dropLast(repeated.count)))
                if !warnings.contains(warning) { warnings.append(warning) }
            }
            if let repeated = overlap(suffixOf: surrounding.before, prefixOf: answer) {
                let warning = ValidationWarning.repeatsPrecedingText(
                    repeated: repeated, suggestion: String(answer.dropFirst(repeated.count)))
                if !warnings.contains(warning) { warnings.append(warning) }
            }
        }
        return .accepted(answer, warnings: warnings)
    }

    /// The longest run of up to four characters that ends `a` and starts `b`, when it would read doubled.
    static func overlap(suffixOf a: String, prefixOf b: String) -> String? {
        // Quick refusal: the doubled word would have to start with a's last character.
        guard let last = a.last, b.prefix(4).contains(last) else { return nil }
        // The run is at most four characters, and shorter than a: the ends are all that is read.
        let a = Array(a.suffix(5)), b = Array(b.prefix(4))
        let limit = min(4, a.count - 1, b.count)
        guard limit >= 1 else { return nil }
        for k in stride(from: limit, through: 1, by: -1) where Array(a.suffix(k)) == Array(b.prefix(k)) {
            // Only words: a shared comma or bracket is not a doubled word.
            guard b.prefix(k).allSatisfy({ $0.isLetter }) else { continue }
            return String(b.prefix(k))
        }
        return nil
    }

    // MARK: - Numbers

    /// The answer with a trailing unit taken off: the blank's own ("12次"), and for "余篇" also "篇".
    static func strippingUnit(_ answer: String, field: Field) -> String {
        var s = answer
        var units: [String] = []
        if let unit = field.unit {
            units.append(unit)
            if unit.hasPrefix("余") { units.append(String(unit.dropFirst())) }
        }
        switch field.kind {
        case .month: units += ["月份", "月"]
        case .day: units += ["日", "号"]
        case .year: units += ["年度", "年"]
        case .quarter: units += ["季度"]
        case .percent: units += ["%", "％"]
        default: break
        }
        for unit in units.sorted(by: { $0.count > $1.count }) where s.hasSuffix(unit) && s.count > unit.count {
            s = trimmed(String(s.dropLast(unit.count)))
            break
        }
        if field.kind == .quarter, s.hasPrefix("第") { s = String(s.dropFirst()) }
        return s
    }

    /// ASCII digits for full-width ones, ASCII for full-width signs and points.
    static func asciiDigits(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0xFF10...0xFF19: return Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
            case 0xFF0C: return ","   // ，
            case 0xFF0E: return "."   // ．
            case 0xFF0D, 0x2212: return "-"   // － −
            case 0xFF0B: return "+"
            default: return scalar
            }
        }))
    }

    /// Parses a whole number: ASCII or full-width digits with optional thousands separators, or a Chinese numeral.
    static func wholeNumber(_ text: String) -> Result<Int, ValidationFailure> {
        if text.utf8.count <= 15, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) {
            return .success(value)
        }
        let s = asciiDigits(text)
        if s.hasPrefix("-") || s.hasPrefix("负") { return .failure(.negative) }
        let body = s.hasPrefix("+") ? String(s.dropFirst()) : s
        if body.contains(".") || body.contains("点") || body.contains("/") || body.contains("分之") {
            return .failure(.notWhole)
        }
        if !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
            let groups = body.split(separator: ",", omittingEmptySubsequences: false)
            if groups.count > 1 {
                guard let first = groups.first, (1...3).contains(first.count),
                      groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .failure(.notANumber) }
            }
            let digits = groups.joined()
            guard !digits.isEmpty, digits.count <= 15, let value = Int(digits) else { return .failure(.notANumber) }
            return .success(value)
        }
        if let value = ChineseNumeral.parse(body) { return .success(value) }
        return .failure(.notANumber)
    }

    static func rangeFailure(_ value: Int, field: Field) -> ValidationFailure? {
        switch (field.minimum, field.maximum) {
        case let (lo?, hi?) where !(lo...hi).contains(value): return .outOfRange(lo...hi)
        case let (lo?, nil) where value < lo: return .belowMinimum(lo)
        case let (nil, hi?) where value > hi: return .aboveMaximum(hi)
        default: return nil
        }
    }

    static func checkInteger(_ answer: String, field: Field) -> Verdict {
        switch wholeNumber(strippingUnit(answer, field: field)) {
        case .failure(let failure): return .failed(failure)
        case .success(let value):
            if let failure = rangeFailure(value, field: field) { return .failed(failure) }
            return .accepted(String(value))
        }
    }

    static func checkYear(_ answer: String, field: Field) -> Verdict {
        let s = asciiDigits(strippingUnit(answer, field: field))
        let value: Int
        if s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(s) {
            value = v
        } else if let v = ChineseNumeral.parse(s), s.count == 4 {
            value = v
        } else {
            return .failed(.notAYear)
        }
        guard (field.minimum ?? 1949)...(field.maximum ?? 2100) ~= value else { return .failed(.notAYear) }
        return .accepted(String(value))
    }

    static func checkDay(_ answer: String, field: Field, answers: [String: String]) -> Verdict {
        let verdict = checkInteger(answer, field: field)
        guard let value = verdict.value, let day = Int(value), let date = field.date,
              let monthID = date.month, let monthAnswer = answers[monthID] else { return verdict }
        let monthField = Field(id: monthID, kind: .month, unit: "月", minimum: 1, maximum: 12, label: "", marker: "", blankIndexes: [])
        guard let monthValue = check(monthAnswer, for: monthField).value, let month = Int(monthValue) else { return verdict }
        var year: Int?
        if let yearID = date.year, let yearAnswer = answers[yearID] {
            let yearField = Field(id: yearID, kind: .year, unit: "年", label: "", marker: "", blankIndexes: [])
            year = check(yearAnswer, for: yearField).value.flatMap { Int($0) }
        }
        if day > daysIn(month: month, year: year) { return .failed(.noSuchDate(year: year, month: month, day: day)) }
        return verdict
    }

    /// Days in a month; February has 29 when the year is not known.
    static func daysIn(month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let y = year else { return 29 }
            return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func checkDecimal(_ answer: String, field: Field) -> Verdict {
        let s = asciiDigits(strippingUnit(answer, field: field)).replacing("点", with: ".")
        if s.hasPrefix("-") || s.hasPrefix("负") { return .failed(.negative) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .failed(.notANumber) }
        let integerPart: Int
        switch wholeNumber(String(parts[0])) {
        case .success(let v): integerPart = v
        case .failure(let f): return .failed(f == .negative ? .negative : .notANumber)
        }
        var text = String(integerPart)
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failed(.notANumber) }
            text += "." + fraction
        }
        var warnings: [ValidationWarning] = []
        if field.kind == .percent, let v = Double(text), v > 100 { warnings.append(.percentAbove100(text)) }
        return .accepted(text, warnings: warnings)
    }
}
