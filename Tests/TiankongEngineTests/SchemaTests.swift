import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// The schema: questions named once by whoever prepares a template, and the bundled template's curated one.
@Suite("Template schema")
struct SchemaTests {
    let seedText = String(decoding: Fixtures.seedBytes, as: UTF8.self)

    func template(_ text: String, schema: String) throws -> Template {
        try Template(bytes: Array(text.utf8), source: "t.txt", schema: .init(text: schema, path: "t.tiankong.yaml"))
    }

    func schemaError(_ text: String, _ schema: String) -> SchemaError? {
        do {
            _ = try template(text, schema: schema)
            return nil
        } catch let error as TemplateError {
            if case .schema(let e) = error { return e }
            return nil
        } catch {
            return nil
        }
    }

    @Test("the bundled template asks 17 + 4 questions, in the order they appear in the report")
    func curatedOrder() throws {
        let template = try Template.bundled()
        #expect(template.schemaSource == Template.bundledSchemaName)
        #expect(template.fields.map(\.id) == [
            "year", "org", "study", "province", "instructions", "lectures", "research", "joint", "field", "petitions",
            "wechat", "authority", "articles", "story", "volunteers", "meeting_month", "bureau", "talks", "group_talks",
            "review_month", "system",
        ])
        // Every question has a Chinese label and a hint for a first-time user.
        for field in template.fields {
            #expect(!field.label.isEmpty && field.label.unicodeScalars.contains { $0.properties.isIdeographic }, "\(field.id)")
            #expect((field.hint?.count ?? 0) >= 8, "\(field.id)")
        }
        let org = try #require(template.field("org"))
        #expect(org.hint == "单位名称，即“党组”前的部分，如“某某市财政局”")
        #expect(org.blankIndexes.count == 4)   // the three XXX党组 and 我XXX事业
        #expect(template.field("year")?.blankIndexes.count == 4)
        #expect(template.field("province")?.blankIndexes.count == 4)
        #expect(template.field("year")?.defaultAnswer == "2020")
        #expect(template.field("talks")?.defaultAnswer == "45")
        #expect(template.field("group_talks")?.defaultAnswer == "6")
        #expect(template.field("talks")?.kind == .integer && template.field("talks")?.unit == "人次")
    }

    @Test("filled with another year, province and organisation: every occurrence changes and nothing else does")
    func curatedFill() throws {
        let template = try Template.bundled()
        var answers = Dictionary(uniqueKeysWithValues: template.fields.map { ($0.id, $0.kind == .text ? "测试" : "1") })
        answers["year"] = "2021"
        answers["province"] = "河南"
        answers["org"] = "郑州市财政局"
        answers["talks"] = "30"
        answers["group_talks"] = "二"
        let review = AnswerReview(answers: answers, template: template, partial: false)
        #expect(review.isValid, "\(review.problems)")
        let report = Report.text(template: template, answers: review.values)

        // Expected, by hand from the template: the report lines with each place rewritten.
        var expected = seedText.split(separator: "\n", omittingEmptySubsequences: false)[15..<35]
            .enumerated().filter { $0.offset != 2 }.map { String($0.element) }.joined(separator: "\n") + "\n"
        expected = expected.replacingOccurrences(of: "2020", with: "2021").replacingOccurrences(of: "甘肃", with: "河南")
            .replacingOccurrences(of: "XXX党组", with: "郑州市财政局党组").replacingOccurrences(of: "我XXX事业", with: "我郑州市财政局事业")
            .replacingOccurrences(of: "谈话提醒45人次", with: "谈话提醒30人次").replacingOccurrences(of: "集体约谈6次", with: "集体约谈2次")
            .replacingOccurrences(of: "X月", with: "1月").replacingOccurrences(of: "X次", with: "1次").replacingOccurrences(of: "X件", with: "1件")
            .replacingOccurrences(of: "X余篇", with: "1余篇").replacingOccurrences(of: "X名", with: "1名")
            .replacingOccurrences(of: "XX", with: "测试").replacingOccurrences(of: "X局", with: "测试局")
        #expect(report == expected)
        #expect(!report.contains("2020") && !report.contains("甘肃"))
        #expect(report.components(separatedBy: "2021").count - 1 == 4)
        #expect(report.components(separatedBy: "河南").count - 1 == 4)
    }

    @Test("unanswered replaced texts keep the template's words; a schema's default is used")
    func defaults() throws {
        let template = try Template.bundled()
        let answers = Dictionary(uniqueKeysWithValues: template.fields.filter { $0.replacedText == nil }.map { ($0.id, $0.kind == .text ? "某" : "3") })
        let review = AnswerReview(answers: answers, template: template, partial: false)
        #expect(review.isValid)
        let report = Report.text(template: template, answers: review.values)
        #expect(report.hasPrefix("2020年党建工作总结（党组）"))
        #expect(report.contains("对甘肃重要讲话") && report.contains("谈话提醒45人次") && report.contains("集体约谈6次"))
    }

    @Test("blanks named by index or by the text around them; the rest keep their inferred fields")
    func references() throws {
        let text = "学习X次，讨论X次，XXX党组和XX局。\n"
        let t = try template(text, schema: """
        fields:
          - id: discuss
            label: 讨论次数
            blanks: [讨论X次]
            max: 10
          - id: name
            kind: text
            blanks: [3]
            hint: 单位
        """)
        #expect(t.fields.map(\.id) == ["f1", "discuss", "name", "f4"])
        #expect(t.field("discuss")?.kind == .integer && t.field("discuss")?.maximum == 10)
        #expect(t.field("name")?.blankIndexes == [3])
        #expect(Validation.check("11", for: t.field("discuss")!).failure == .outOfRange(0...10))
    }

    @Test("a context names the blanks a search of the whole text finds: around every blank of the bundled template")
    func contextsAsAWholeTextSearchFindsThem() throws {
        let text = Fixtures.seedBytes
        let inferred = try Template(bytes: text, source: "t.txt").blanks
        let blanks = SchemaApplication.InferredBlanks(inferred)
        /// How the blanks were found before: every place the context occurs, searched for in the whole text.
        func searched(_ context: String) -> [Int]? {
            let pattern = Array(context.utf8)
            let runs = BlankScanner(exceptionWords: []).runs(in: pattern)
            var found: [Int] = []
            var from = 0
            while let hit = ByteSearch.firstIndex(of: pattern, in: text, from: from) {
                for run in runs { if let index = blanks.index(startingAt: hit + run.byteRange.lowerBound) { found.append(index) } }
                from = hit + 1
            }
            return found.isEmpty ? nil : found
        }
        /// `count` scalars' worth of bytes before `offset` (or after it), on scalar boundaries.
        func step(_ offset: Int, _ count: Int, back: Bool) -> Int {
            var at = offset
            for _ in 0..<count {
                if back {
                    guard at > 0 else { break }
                    at -= 1
                    while at > 0, text[at] & 0xC0 == 0x80 { at -= 1 }
                } else {
                    guard at < text.count else { break }
                    at += 1
                    while at < text.count, text[at] & 0xC0 == 0x80 { at += 1 }
                }
            }
            return at
        }
        var contexts: [String] = []
        for (k, blank) in inferred.enumerated() {
            for (before, after) in [(0, 0), (1, 0), (0, 1), (2, 3), (6, 6), (12, 0), (0, 12)] {
                let start = step(blank.byteRange.lowerBound, before, back: true)
                let end = step(blank.byteRange.upperBound, after, back: false)
                contexts.append(String(decoding: text[start..<end], as: UTF8.self))
            }
            if k + 1 < inferred.count, inferred[k + 1].byteRange.upperBound - blank.byteRange.lowerBound < 60 {
                contexts.append(String(decoding: text[blank.byteRange.lowerBound..<inferred[k + 1].byteRange.upperBound], as: UTF8.self))
            }
        }
        contexts += ["XXX党组", "学习X次", "X月", "XX", "X", "党组XXX", "不在文中X的话", "XXXX年XX月"]
        #expect(contexts.count > 100)
        for context in contexts where !BlankScanner(exceptionWords: []).runs(in: Array(context.utf8)).isEmpty {
            let found = try? SchemaApplication.blanksMatching(context, text: text, blanks: blanks, path: "s", line: 1)
            #expect(found == searched(context), "\(context)")
        }
    }

    @Test("rules compare numeric fields, with their own message")
    func rules() throws {
        let t = try template("发现问题X个，已整改X个。\n", schema: """
        fields:
          - {id: found, blanks: [发现问题X个]}
          - {id: fixed, blanks: [已整改X个]}
        rules:
          - check: fixed <= found
            message: 整改数不能多于发现的问题数
        """)
        let bad = AnswerReview(answers: ["found": "3", "fixed": "5"], template: t, partial: false)
        #expect(bad.problems == [.init(fieldID: "fixed", problem: .ruleBroken("整改数不能多于发现的问题数"))])
        #expect(AnswerReview(answers: ["found": "5", "fixed": "5"], template: t, partial: false).isValid)
    }

    @Test("optional fields may stay unanswered")
    func optional() throws {
        let t = try template("学习X次，讨论X次。\n", schema: "fields:\n  - {id: a, blanks: [1], optional: true}\n")
        let review = AnswerReview(answers: ["f2": "1"], template: t, partial: false)
        #expect(review.isValid)
        #expect(Report.text(template: t, answers: review.values) == "学习X次，讨论1次。\n")
    }

    @Test("schema mistakes are clear messages with the schema file's line number")
    func mistakes() {
        let text = "学习X次，讨论X次。\n"
        #expect(schemaError(text, "fields:\n  - id: a\n    kind: number\n    blanks: [1]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 3, problem: .unknownKind("number")))
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [1]}\n  - {id: b, blanks: [学习X次]}\n")
                == SchemaError(path: "t.tiankong.yaml", line: 3, problem: .blankClaimedTwice(blank: 1, first: "a", second: "b")))
        #expect(schemaError(text, "fields:\n  - id: a\n    blanks: [开会X次]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 3, problem: .contextMatchesNothing("开会X次")))
        #expect(schemaError(text, "fields:\n  - id: a\n    min: 5\n    max: 1\n    blanks: [1]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 2, problem: .minimumAboveMaximum(5, 1)))
        #expect(schemaError(text, "fields:\n  - id: a\n    blanks: [1\n")?.line == 4)
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [9]}\n")?.problem == .noSuchBlank(9))
        #expect(schemaError(text, "fields:\n  - {id: a, replace: 开会}\n")?.problem == .textNotFound("开会"))
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [1]}\nrules:\n  - check: a <= zz\n")?.problem == .ruleUnknownField("zz"))
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [1], colour: red}\n")?.problem == .unknownKey("colour"))
        let message = Messages(language: .chinese).text(for: SchemaError(path: "t.tiankong.yaml", line: 3, problem: .unknownKind("number")))
        #expect(message == "模板说明 t.tiankong.yaml 第 3 行：不认识的类型“number”；可用：text、integer、decimal、percent、year、month、day、quarter")
    }

    @Test("a text field may list its choices or limit its length; both make a field text, and only text")
    func choicesAndLengths() throws {
        let text = "评议等次为XX，单位XXX，学习X次。\n"
        let t = try template(text, schema: """
            fields:
              - {id: grade, choices: [好, 较好, 一般, 差], default: 较好, blanks: [等次为XX]}
              - {id: org, min_length: 2, max_length: 20, blanks: [单位XXX]}
              - {id: study, choices: 三, blanks: [学习X次]}
            """)
        let grade = try #require(t.field("grade")), org = try #require(t.field("org")), study = try #require(t.field("study"))
        #expect(grade.kind == .text && grade.choices == ["好", "较好", "一般", "差"] && grade.defaultAnswer == "较好")
        #expect(org.minimumLength == 2 && org.maximumLength == 20 && org.choices.isEmpty)
        // "学习X次" looks like a count; a list of choices makes it text, with no range of a count.
        #expect(study.kind == .text && study.choices == ["三"] && study.minimum == nil && study.maximum == nil)
        // Written out by `schema` and read back, they are kept.
        let again = try template(text, schema: SchemaWriter.yaml(for: t, language: .chinese))
        #expect(again.fields.map(\.choices) == t.fields.map(\.choices))
        #expect(again.fields.map(\.maximumLength) == [nil, 20, nil] && again.fields.map(\.minimumLength) == [nil, 2, nil])

        #expect(schemaError(text, "fields:\n  - id: a\n    choices: []\n    blanks: [1]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 3, problem: .noChoices))
        #expect(schemaError(text, "fields:\n  - id: a\n    choices: [好, 差]\n    default: 中\n    blanks: [1]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 2, problem: .defaultNotAChoice("中")))
        #expect(schemaError(text, "fields:\n  - id: a\n    kind: integer\n    max_length: 3\n    blanks: [3]\n")
                == SchemaError(path: "t.tiankong.yaml", line: 2, problem: .onlyForText("a", .integer)))
        #expect(schemaError(text, "fields:\n  - {id: a, min_length: 5, max_length: 1, blanks: [1]}\n")?.problem == .minimumLengthAboveMaximum(5, 1))
        #expect(schemaError(text, "fields:\n  - {id: a, max_length: 十, blanks: [1]}\n")?.problem == .notANumber("max_length"))
        #expect(schemaError(text, "fields:\n  - {id: a, choices: [[好]], blanks: [1]}\n")?.problem == .notText("choices"))
        let message = Messages(language: .chinese).text(for: SchemaError(path: "t.tiankong.yaml", line: 2, problem: .onlyForText("a", .integer)))
        #expect(message == "模板说明 t.tiankong.yaml 第 2 行：choices、min_length 和 max_length 只用于文字字段（kind: text），字段 a 是 integer")
    }

    @Test("numbers and flags as YAML writes them; a template's own mistake is named before its schema's")
    func numbersFlagsAndWhichMistakeFirst() throws {
        let text = "学习X次，讨论X次。\n"
        let t = try template(text, schema: "fields:\n  - {id: a, blanks: [+2], min: -1, max: 12, optional: Yes}\n")
        let a = try #require(t.fields.first { $0.id == "a" })
        #expect(a.blankIndexes == [2] && a.minimum == -1 && a.maximum == 12 && a.isOptional)
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [1], min: 0x10}\n")?.problem == .notANumber("min"))
        #expect(schemaError(text, "fields:\n  - {id: a, blanks: [1], optional: maybe}\n")?.problem == .notText("optional"))
        // Both broken: the template without blanks is what the user hears about first.
        #expect(throws: TemplateError.noBlanks(path: "t.txt")) {
            try template("没有要填的空。\n", schema: "fields:\n  - {id: a, kind: number, blanks: [1]}\n")
        }
    }

    @Test("`schema` output read back gives the same fields")
    func roundTrip() throws {
        let inferred = try Fixtures.seed()
        let yaml = SchemaWriter.yaml(for: inferred, language: .chinese)
        let again = try Template(bytes: Fixtures.seedBytes, source: "seed.txt", schema: .init(text: yaml, path: "s.yaml"))
        #expect(again.fields.map(\.id) == inferred.fields.map(\.id))
        #expect(again.fields.map(\.blankIndexes) == inferred.fields.map(\.blankIndexes))
        #expect(again.fields.map(\.label) == inferred.fields.map(\.label))
    }

    @Test("the curated schema written out and read back asks the same questions of the same places, within: kept")
    func curatedRoundTrip() throws {
        let curated = try Template.bundled()
        let yaml = SchemaWriter.yaml(for: curated, language: .chinese)
        #expect(yaml.contains("    within: [\"开展谈话提醒45人次\"]"))
        let again = try Template(bytes: Fixtures.seedBytes, source: "seed.txt", schema: .init(text: yaml, path: "s.yaml"))
        func places(_ t: Template) -> [[Range<Int>]] {
            let byIndex = Dictionary(uniqueKeysWithValues: t.blanks.map { ($0.index, $0.byteRange) })
            return t.fields.map { $0.blankIndexes.compactMap { byIndex[$0] } }
        }
        #expect(again.fields.map(\.id) == curated.fields.map(\.id))
        #expect(places(again) == places(curated))
        #expect(again.fields.map(\.replacedWithin) == curated.fields.map(\.replacedWithin))
        #expect(again.fields.first { $0.id == "talks" }?.replacedWithin == ["开展谈话提醒45人次"])
    }
}
