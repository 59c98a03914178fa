import PropertyBased
import Testing
@testable import TiankongEngine

/// The one validation layer: what a user may type for each kind of blank.
@Suite("Validation")
struct ValidationTests {
    let count = Field(id: "f1", kind: .integer, unit: "次", minimum: 0, label: "学习＿＿次", marker: "X", blankIndexes: [1])
    let month = Field(id: "f2", kind: .month, unit: "月", minimum: 1, maximum: 12, label: "＿＿月初", marker: "X", blankIndexes: [2])
    let year = Field(id: "f3", kind: .year, unit: "年", minimum: 1949, maximum: 2100, label: "＿＿年", marker: "XXXX", blankIndexes: [3])

    func value(_ raw: String, _ field: Field) -> String? { Validation.check(raw, for: field).value }
    func failure(_ raw: String, _ field: Field) -> ValidationFailure? { Validation.check(raw, for: field).failure }

    @Test("integers: ASCII, full-width, Chinese, separators, spaces, the blank's own unit")
    func integers() {
        #expect(value("12", count) == "12")
        #expect(value("１２", count) == "12")
        #expect(value("十二", count) == "12")
        #expect(value("二十三", count) == "23")
        #expect(value("一百零五", count) == "105")
        #expect(value("两", count) == "2")
        #expect(value("〇", count) == "0")
        #expect(value("1,234", count) == "1234")
        #expect(value("１，２３４", count) == "1234")
        #expect(value("  12 ", count) == "12")
        #expect(value("\u{3000}12次", count) == "12")
    }

    @Test("integers: negatives, fractions, words and wrong units are refused")
    func integerFailures() {
        #expect(failure("-3", count) == .negative)
        #expect(failure("负三", count) == .negative)
        #expect(failure("3.5", count) == .notWhole)
        #expect(failure("很多", count) == .notANumber)
        #expect(failure("12件", count) == .notANumber)
        #expect(failure("12,34", count) == .notANumber)
        #expect(failure("", count) == .empty)
        #expect(failure("   ", count) == .empty)
    }

    @Test("months 1–12: 13 is refused")
    func months() {
        #expect(value("3", month) == "3")
        #expect(value("十二月", month) == "12")
        #expect(failure("13", month) == .outOfRange(1...12))
        #expect(failure("0", month) == .outOfRange(1...12))
    }

    @Test("years: four digits between 1949 and 2100, 二〇二一 is 2021")
    func years() {
        #expect(value("2021", year) == "2021")
        #expect(value("二〇二一", year) == "2021")
        #expect(value("2021年", year) == "2021")
        #expect(failure("21", year) == .notAYear)
        #expect(failure("1900", year) == .notAYear)
        #expect(failure("2101", year) == .notAYear)
    }

    @Test("days are checked against their month and year: 2021年2月30日 does not exist")
    func realDates() throws {
        let template = try Template(bytes: Array("于XXXX年X月X日召开\n".utf8), source: "t.txt")
        let day = template.fields[2]
        #expect(Validation.check("30", for: day, answers: ["f1": "2021", "f2": "2"]).failure == .noSuchDate(year: 2021, month: 2, day: 30))
        #expect(Validation.check("29", for: day, answers: ["f1": "2021", "f2": "2"]).failure == .noSuchDate(year: 2021, month: 2, day: 29))
        #expect(Validation.check("29", for: day, answers: ["f1": "2020", "f2": "2"]).isValid)
        #expect(Validation.check("31", for: day, answers: ["f2": "4"]).failure == .noSuchDate(year: nil, month: 4, day: 31))
        #expect(Validation.check("32", for: day).failure == .outOfRange(1...31))
    }

    @Test("invisible characters pasted in with an answer are taken out, and the user is told")
    func invisibleCharacters() {
        let count = Field(id: "f1", kind: .integer, unit: "次", minimum: 0, label: "", marker: "X", blankIndexes: [1])
        let pasted = Validation.check("12\u{200B}", for: count)
        #expect(pasted.value == "12" && pasted.warnings == [.invisibleCharactersRemoved(1)])
        let name = Field(id: "f2", kind: .text, label: "", marker: "XXX", blankIndexes: [2])
        let copied = Validation.check("\u{FEFF}市财\u{200E}政局\u{202C}", for: name)
        #expect(copied.value == "市财政局" && copied.warnings == [.invisibleCharactersRemoved(3)])
        #expect(Validation.check("\u{200B} \u{2060}", for: name).failure == .empty)
        // Joiners that shape emoji and scripts stay; nothing is said when nothing was taken out.
        #expect(Validation.check("👨\u{200D}👩", for: name) == .accepted("👨\u{200D}👩"))
        #expect(Messages(language: .chinese).text(for: ValidationWarning.invisibleCharactersRemoved(3))
                .hasPrefix("答案里有 3 个看不见的字符"))
    }

    @Test("quarters 1–4, percentages ≥ 0 with a warning above 100, decimals with one point")
    func otherNumbers() {
        let quarter = Field(id: "f1", kind: .quarter, unit: "季度", minimum: 1, maximum: 4, label: "", marker: "X", blankIndexes: [1])
        #expect(value("二", quarter) == "2")
        #expect(failure("5", quarter) == .outOfRange(1...4))
        let percent = Field(id: "f1", kind: .percent, unit: "%", minimum: 0, label: "", marker: "X", blankIndexes: [1])
        #expect(value("85.5%", percent) == "85.5")
        #expect(Validation.check("120", for: percent).warnings == [.percentAbove100("120")])
        #expect(Validation.check("120", for: percent).isValid)
        #expect(failure("-5", percent) == .negative)
        let money = Field(id: "f1", kind: .decimal, unit: "万元", minimum: 0, label: "", marker: "X.X", blankIndexes: [1])
        #expect(value("12.5万元", money) == "12.5")
        #expect(value("１２．５", money) == "12.5")
        #expect(failure("1.2.3", money) == .notANumber)
    }

    @Test("text: trimmed, one line, no control characters, no blank marker inside")
    func text() {
        let name = Field(id: "f1", kind: .text, label: "", marker: "XXX", blankIndexes: [1],
                         surroundings: [.init(before: "今年以来，", after: "党组坚持以习近平")])
        #expect(value("  市财政局 ", name) == "市财政局")
        #expect(failure("市财政局\n办公室", name) == .multipleLines)
        #expect(failure("市财\u{1B}政局", name) == .controlCharacter)
        #expect(failure("XX局", name) == .containsBlankMarker("XX"))
        #expect(value("Excel小组", name) == "Excel小组")
        #expect(Validation.check("市财政局党组", for: name).warnings.first?.suggestion == "市财政局")
        // A long answer is read from its end; a C1 control character (NEL) is one too; U+3000 is trimmed.
        #expect(Validation.check("中共某某市委员会市财政局党组", for: name).warnings.first?.suggestion == "中共某某市委员会市财政局")
        #expect(failure("市财\u{85}政局", name) == .controlCharacter)
        #expect(value("\u{3000}市财政局\u{A0}", name) == "市财政局")
        let study = Field(id: "f2", kind: .text, label: "", marker: "X", blankIndexes: [2],
                          surroundings: [.init(before: "组织集中学习", after: "次")])
        #expect(Validation.check("学习讨论", for: study).warnings == [.repeatsPrecedingText(repeated: "学习", suggestion: "讨论")])
    }

    @Test("text with choices takes one of them only; a length is counted in characters, not bytes")
    func choicesAndLengths() {
        var grade = Field(id: "grade", kind: .text, label: "评议等次", marker: "XX", blankIndexes: [1])
        grade.choices = ["好", "较好", "一般", "差"]
        #expect(value(" 较好 ", grade) == "较好")
        #expect(failure("很好", grade) == .notAChoice(["好", "较好", "一般", "差"]))
        #expect(failure("", grade) == .empty)
        var org = Field(id: "org", kind: .text, label: "单位名称", marker: "XXX", blankIndexes: [2])
        org.minimumLength = 2
        org.maximumLength = 6
        // Six Chinese characters are 18 bytes of UTF-8, and six characters.
        #expect(value("市财政局机关", org) == "市财政局机关")
        #expect(failure("市财政局机关一", org) == .wrongLength(minimum: 2, maximum: 6))
        #expect(failure("局", org) == .wrongLength(minimum: 2, maximum: 6))
        let chinese = Messages(language: .chinese), english = Messages(language: .english)
        #expect(chinese.text(for: .notAChoice(grade.choices), field: grade) == "只能填以下之一：好、较好、一般、差")
        #expect(chinese.expectation(for: grade) == "从中选一：好、较好、一般、差")
        #expect(english.text(for: .notAChoice(grade.choices), field: grade) == "Must be one of: 好, 较好, 一般, 差")
        #expect(chinese.text(for: .wrongLength(minimum: 2, maximum: 6), field: org) == "应为 2–6 个字")
        #expect(chinese.text(for: .wrongLength(minimum: nil, maximum: 20), field: org) == "不能超过 20 个字")
        #expect(chinese.expectation(for: org) == "文字，2–6 个字")
    }

    @Test("the messages name the expected form, in Chinese and in English")
    func messages() {
        let chinese = Messages(language: .chinese)
        #expect(chinese.text(for: .outOfRange(1...12), field: month) == "月份应在 1–12 之间")
        #expect(chinese.expectation(for: count) == "次数，填整数")
        #expect(chinese.text(for: .notANumber, field: count).contains("次数，填整数"))
        let english = Messages(language: .english)
        #expect(english.text(for: .outOfRange(1...12), field: month) == "A month is between 1 and 12")
        #expect(Language.fromEnvironment { ["LANG": "en_US.UTF-8"][$0] } == .english)
        #expect(Language.fromEnvironment { ["LANG": "zh_CN.UTF-8"][$0] } == .chinese)
        #expect(Language.fromEnvironment { ["LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"][$0] } == .chinese)
    }
}

/// Chinese numerals, written here independently of the engine, the standard way (十二, 一百零五, 一万零五).
enum ChineseWriting {
    static let digits = Array("零一二三四五六七八九")

    static func write(_ n: Int) -> String {
        if n == 0 { return "零" }
        if n >= 10_000 {
            let high = n / 10_000, low = n % 10_000
            var s = write(high) + "万"
            if low > 0 { s += (low < 1000 ? "零" : "") + below10000(low, leading: false) }
            return s
        }
        return below10000(n, leading: true)
    }

    /// 1…9999; "十二" at the start of a number, "一十二" after a 零 or a larger unit.
    static func below10000(_ n: Int, leading: Bool) -> String {
        let units = ["千", "百", "十", ""]
        let values = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10]
        var s = ""
        var pendingZero = false
        var started = false
        for (k, v) in values.enumerated() {
            if v == 0 {
                if started { pendingZero = true }
                continue
            }
            if pendingZero { s += "零"; pendingZero = false }
            if k == 2 && v == 1 && !started && leading { s += "十" } else { s += String(digits[v]) + units[k] }
            started = true
        }
        return s
    }
}

@Suite("Chinese numerals")
struct ChineseNumeralTests {
    @Test("every n in 0…99999 written in Chinese numerals reads back as n")
    func everyNumberUpTo99999() {
        var wrong: [Int] = []
        for n in 0...99_999 where ChineseNumeral.parse(ChineseWriting.write(n)) != n { wrong.append(n) }
        #expect(wrong.isEmpty, "first failures: \(wrong.prefix(5).map { ($0, ChineseWriting.write($0)) })")
    }

    @Test("random numbers, as a property")
    func property() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...99_999)) { n in
            #expect(ChineseNumeral.parse(ChineseWriting.write(n)) == n)
        }
    }

    @Test("the writer in this test writes what people write")
    func writerSamples() {
        #expect(ChineseWriting.write(12) == "十二")
        #expect(ChineseWriting.write(105) == "一百零五")
        #expect(ChineseWriting.write(1010) == "一千零一十")
        #expect(ChineseWriting.write(10005) == "一万零五")
        #expect(ChineseWriting.write(20300) == "二万零三百")
        #expect(ChineseWriting.write(99999) == "九万九千九百九十九")
    }

    @Test("digit by digit, and what is not a numeral")
    func others() {
        #expect(ChineseNumeral.parse("二〇二一") == 2021)
        #expect(ChineseNumeral.parse("壹佰零伍") == 105)
        #expect(ChineseNumeral.parse("两千") == 2000)
        #expect(ChineseNumeral.parse("三四") == nil)
        #expect(ChineseNumeral.parse("十十") == nil)
        #expect(ChineseNumeral.parse("百") == nil)
        #expect(ChineseNumeral.parse("很多") == nil)
        #expect(ChineseNumeral.parse("") == nil)
    }
}
