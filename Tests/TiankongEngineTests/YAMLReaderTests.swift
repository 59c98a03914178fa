import Foundation
import PropertyBased
import Testing
import YAMLReference
@testable import TiankongEngine

/// The schema's YAML reader: what it reads (checked against libyaml through Yams, which read schemas before
/// it) and what it refuses, with the line.
@Suite("YAML reader")
struct YAMLReaderTests {
    typealias Pair = YAMLNode.Pair

    func read(_ yaml: String) throws(YAMLError) -> YAMLNode? { try YAMLReader.document(yaml) }

    func problem(_ yaml: String) -> YAMLError? {
        do {
            _ = try read(yaml)
            return nil
        } catch {
            return error
        }
    }

    /// Both readers on one text: the same tree, key order, texts and lines.
    func expectSameAsYams(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try read(yaml)
        let theirs = try YAMLReference.document(yaml)
        #expect(ours == theirs, "\(yaml)", sourceLocation: sourceLocation)
    }

    // MARK: - Against Yams

    @Test("the bundled schema, and `schema` output in both languages, read as Yams reads them")
    func bundledAndWritten() throws {
        try expectSameAsYams(BundledResources.text(at: BundledResources.bundledSchemaPath)!)
        for template in [try Template.bundled(), try Fixtures.seed()] {
            try expectSameAsYams(SchemaWriter.yaml(for: template, language: .chinese))
            try expectSameAsYams(SchemaWriter.yaml(for: template, language: .english))
        }
    }

    @Test("generated documents read as Yams reads them", .timeLimit(.minutes(1)))
    func generated() async {
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int.max)) { seed in
            var writer = DocumentWriter(seed: UInt64(truncatingIfNeeded: seed))
            let yaml = writer.document()
            // Every generated document is inside the subset: both read it, to the same tree.
            let theirs = Result { try YAMLReference.document(yaml) }
            let ours = Result { () throws(YAMLError) in try read(yaml) }
            switch (ours, theirs) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(yaml)")
            default: Issue.record("ours: \(ours)\nYams: \(theirs)\n\(yaml)")
            }
        }
    }

    @Test("the schema fuzz seeds: read as Yams reads them, the refused one refused")
    func fuzzSeeds() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/schema")
        for name in ["bundled.yaml", "rules.yaml", "subset-syntax.yaml", "scalars.yaml"] {
            let yaml = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let ours = try read(yaml)
            let theirs = try YAMLReference.document(yaml)
            #expect(ours != nil && ours == theirs, "\(name)")
        }
        let refused = try String(contentsOf: folder.appendingPathComponent("refused.yaml"), encoding: .utf8)
        #expect(problem(refused) == YAMLError(line: 1, problem: .directive))
        #expect(problem(String(refused.drop { $0 != "\n" }.dropFirst())) == YAMLError(line: 3, problem: .anchor))
    }

    // MARK: - By hand

    @Test("the bundled schema: its fields, texts and lines as the file has them")
    func bundledSchema() throws {
        let schema = try Schema.parse(BundledResources.text(at: BundledResources.bundledSchemaPath)!, path: "s.yaml")
        #expect(schema.fields.count == 21 && schema.rules.isEmpty)
        let year = schema.fields[0]
        #expect(year.id == "year" && year.line == 8 && year.replace == "2020" && year.kind == .year && year.blanks.isEmpty)
        let org = schema.fields[1]
        #expect(org.line == 14 && org.label == "单位名称")
        #expect(org.blanks == [.context("今年以来，XXX党组坚持", line: 18), .context("今年以来，XXX党组工作", line: 19),
                               .context("下一步，XXX党组将", line: 20), .context("促进我XXX事业", line: 21)])
        #expect(org.hint == "单位名称，即“党组”前的部分，如“某某市财政局”")
        let study = schema.fields[2]
        #expect(study.line == 24 && study.unit == "次" && study.maximum == 500 && study.blanks == [.context("党组扩大会议学习X次", line: 29)])
        #expect(schema.fields[3].replace == "甘肃")
        let talks = try #require(schema.fields.first { $0.id == "talks" })
        #expect(talks.line == 127 && talks.replace == "45" && talks.within == ["开展谈话提醒45人次"] && talks.unit == "人次")
    }

    @Test("scalars: plain, folded over lines, quoted with their escapes, block with chomping")
    func scalars() throws {
        func value(_ yaml: String) throws -> String? { try read(yaml)?.pairs?.first?.value.string }
        #expect(try value("a: 学习 X 次 # 注释\n") == "学习 X 次")
        #expect(try value("a: one\n  two\n\n  three\nb: 1\n") == "one two\nthree")
        #expect(try value("a: 'it''s\n  folded'\n") == "it's folded")
        #expect(try value(#"a: "\\ \" \/ \b \f \n \r \t \a \e \v \N \_ \L \P \x41 \u515A \U0001F600 end""#)
                == "\\ \" / \u{8} \u{C} \n \r \t \u{7} \u{1B} \u{B} \u{85} \u{A0} \u{2028} \u{2029} A 党 😀 end")
        #expect(try value("a: \"\\0x\"") == "\u{0}x")
        #expect(try value("a: \"joined\\\n   here, \n\n  kept\"\n") == "joinedhere,\nkept")
        #expect(try value("a: |\n  one\n   two\n\n") == "one\n two\n")
        #expect(try value("a: |-\n  one\n\n") == "one")
        #expect(try value("a: |+\n  one\n\n") == "one\n\n")
        #expect(try value("a: >\n  one\n  two\n\n  three\n    deeper\n  four\n") == "one two\nthree\n  deeper\nfour\n")
        #expect(try value("a: |2\n    indented\n") == "  indented\n")
        #expect(try value("a: |\n  no final break") == "no final break")
        #expect(try value("a:\nb: 1\n") == "")
        #expect(try value("\u{FEFF}---\r\na: crlf\r\n  folded\r\n...\r\n") == "crlf folded")
    }

    @Test("collections: block, compact, indentless and flow, with their lines")
    func collections() throws {
        let yaml = """
        # a schema-like document
        fields:
          - id: a
            blanks: [1, "b", 'c',
              d]
          - {id: b, within: []}
        rules:
        - check: a <= b

        empty:
        """
        let s = YAMLNode.scalar
        let expected = YAMLNode.mapping([
            Pair(key: "fields", keyLine: 2, value: .sequence([
                .mapping([Pair(key: "id", keyLine: 3, value: s("a", 3)),
                          Pair(key: "blanks", keyLine: 4, value: .sequence([s("1", 4), s("b", 4), s("c", 4), s("d", 5)], line: 4))], line: 3),
                .mapping([Pair(key: "id", keyLine: 6, value: s("b", 6)), Pair(key: "within", keyLine: 6, value: .sequence([], line: 6))], line: 6),
            ], line: 3)),
            Pair(key: "rules", keyLine: 7, value: .sequence([.mapping([Pair(key: "check", keyLine: 8, value: s("a <= b", 8))], line: 8)], line: 8)),
            Pair(key: "empty", keyLine: 10, value: s("", 10)),
        ], line: 2)
        #expect(try read(yaml) == expected)
        #expect(try read("") == nil && read("# only a comment\n") == nil)
        #expect(try read("- - a\n  - b\n- c\n") == .sequence([.sequence([s("a", 1), s("b", 2)], line: 1), s("c", 3)], line: 1))
    }

    @Test("refused forms: the problem and the line it is on")
    func refusals() throws {
        func expect(_ yaml: String, _ problem: YAMLProblem, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(self.problem(yaml) == YAMLError(line: line, problem: problem), "\(yaml)", sourceLocation: sourceLocation)
        }
        expect("a:\n\tb: 1\n", .tabIndentation, line: 2)
        expect("a: 1\nb:\t2\n", .tabIndentation, line: 2)
        expect("a: &x 1\n", .anchor, line: 1)
        expect("a: 1\nb: *x\n", .alias, line: 2)
        expect("a: !!str 1\n", .tag, line: 1)
        expect("%YAML 1.1\n---\na: 1\n", .directive, line: 1)
        expect("a: 1\n---\nb: 2\n", .secondDocument, line: 2)
        expect("a: 1\n...\nb: 2\n", .secondDocument, line: 3)
        expect("a: 1\nb: 2\na: 3\n", .duplicateKey("a", firstLine: 1), line: 3)
        expect("x: {k: 1, k: 2}\n", .duplicateKey("k", firstLine: 1), line: 1)
        expect("a:\n    b: 1\n  c: 2\n", .badIndentation, line: 3)
        expect("a: \"x\"\n  b: 1\n", .badIndentation, line: 2)
        expect("a: 1\nb\n", .missingColon, line: 2)
        expect("a: \"open\nb: 1\n", .unterminatedQuote(openedOn: 1), line: 3)
        expect("a: 'open", .unterminatedQuote(openedOn: 1), line: 2)
        expect("a: [1,\n  2\n", .unterminatedFlow(openedOn: 1), line: 3)
        expect("a: {b: 1\n", .unterminatedFlow(openedOn: 1), line: 2)
        expect("a: \"\\q\"\n", .badEscape("\\q"), line: 1)
        expect("a: \"\\x4g\"\n", .badEscape("\\x4g"), line: 1)
        expect("a: \"\\uD800\"\n", .badEscape("\\uD800"), line: 1)
        expect("a: \"x\" y\n", .textAfterQuote, line: 1)
        expect("a: 'x'y\n", .textAfterQuote, line: 1)
        expect("? a\n: 1\n", .complexKey, line: 1)
        expect("[a]: 1\n", .complexKey, line: 1)
        // libyaml reads `?` in a flow collection as a complex key even with no space after it (the
        // schema fuzz target found `[?x]` read as text here and as {x: ""} there).
        expect("blanks: [?X次]\n", .complexKey, line: 1)
        // Line breaks to libyaml, text to YAML 1.2 (the fuzz target found a hint ending in U+2029).
        expect("a: 1\nhint: 政\u{2029}\n", .unusualLineBreak(0x2029), line: 2)
        expect("a: \"x\u{2028}y\"\n", .unusualLineBreak(0x2028), line: 1)
        expect("# \u{85}\na: 1\n", .unusualLineBreak(0x85), line: 1)
        // A byte-order mark past the start: libyaml skips some and keeps others (the fuzz target found one).
        expect("fields:\n  \u{FEFF}", .byteOrderMarkInside, line: 2)
        expect("a: 1\n\u{FEFF}# c\n", .byteOrderMarkInside, line: 2)
        #expect(try YAMLReader.document("\u{FEFF}a: 1\n") == .mapping([Pair(key: "a", keyLine: 1, value: .scalar("1", line: 1))], line: 1))
        // Nesting deep enough to end the program's stack is refused (the fuzz target found 2,000 `{`).
        expect("a: " + String(repeating: "{b: ", count: 300) + "1" + String(repeating: "}", count: 300) + "\n", .tooDeep, line: 1)
        expect("a: " + String(repeating: "[", count: 100_000) + "\n", .tooDeep, line: 1)
        var nested = ""
        for level in 0..<300 { nested += String(repeating: " ", count: level) + "k\(level):\n" }
        expect(nested, .tooDeep, line: 257)
        // What `tiankong schema` writes escapes them, so its own schemas are read back.
        let written = "a: " + JSONText.quoted("x\u{85}\u{2028}y\u{2029}\u{FEFF}") + "\n"
        #expect(!written.unicodeScalars.contains { [0x85, 0x2028, 0x2029, 0xFEFF].contains($0.value) })
        #expect(try YAMLReader.document(written) == .mapping([Pair(key: "a", keyLine: 1, value: .scalar("x\u{85}\u{2028}y\u{2029}\u{FEFF}", line: 1))], line: 1))
        expect("a: {?b: 1}\n", .complexKey, line: 1)
        expect("a: b: c\n", .unexpected(":"), line: 1)
        expect("a: ]\n", .unexpected("]"), line: 1)
        #expect(throws: YAMLError(line: 2, problem: .invalidUTF8)) { try YAMLReader.document(bytes: Array("a: 1\nb: ".utf8) + [0xE5, 0x41]) }
    }

    @Test("a YAML problem is a schema error with its line, worded in both languages")
    func schemaErrors() {
        let error = SchemaError(path: "t.tiankong.yaml", line: 2, problem: .badYAML(.tabIndentation))
        #expect(throws: error) { try Schema.parse("fields:\n\t- id: a\n", path: "t.tiankong.yaml") }
        #expect(error.exitCode == 65)
        #expect(Messages(language: .chinese).text(for: error) == "模板说明 t.tiankong.yaml 第 2 行：用了制表符（Tab）缩进；YAML 只能用空格缩进")
        #expect(Messages(language: .english).text(for: error) == "Schema t.tiankong.yaml, line 2: a tab is used for indentation; YAML indents with spaces only")
        #expect(throws: SchemaError(path: "p", line: 3, problem: .badYAML(.duplicateKey("id", firstLine: 2)))) {
            try Schema.parse("fields:\n  - id: a\n    id: b\n", path: "p")
        }
        #expect(throws: SchemaError(path: "p", line: nil, problem: .notAMapping("schema"))) { try Schema.parse("# nothing\n", path: "p") }
        #expect(throws: SchemaError(path: "p", line: 1, problem: .notAMapping("schema"))) { try Schema.parse("- a\n", path: "p") }
    }
}

/// Writes random YAML documents in the schema's subset: nested mappings and lists, every scalar style with
/// escapes and CJK text, flow lists and mappings, block scalars, comments, empty values, CRLF, a BOM.
struct DocumentWriter {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {   // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let words = ["学习X次", "党组", "甘肃", "2020", "a", "id", "blanks", "值", "“引号”", "x-y", "3.5", "-1", "no", "：全角",
                        "a.b/c", "(括号)", "市财政局", "X月初", "~", "null", "https://example.org/p?q=1", "a:b", "c#d", "😀"]
    static let keys = ["id", "label", "kind", "标签", "unit", "hint", "blanks", "within", "min", "max", "default", "中文键", "k-1", "x_y"]
    /// Characters a quoted scalar may hold that a plain one may not.
    static let quotedExtras = [": ", " #", "'", "\"", "\\", "\t", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", " "]

    mutating func phrase() -> String { (0...below(3)).map { _ in pick(Self.words) }.joined(separator: " ") }

    mutating func text() -> String {
        var s = phrase()
        for _ in 0..<below(3) { s += pick(Self.quotedExtras) + phrase() }
        if chance(15) { s = " " + s }
        if chance(15) { s += "\n" + phrase() }
        return s
    }

    mutating func singleQuoted(_ s: String, indent: Int) -> String {
        var out = "'"
        for c in s {
            switch c {
            case "'": out += "''"
            case "\n": out += "\n\n" + String(repeating: " ", count: indent + 2)     // two breaks fold to one newline
            case " " where chance(10): out += "\n" + String(repeating: " ", count: indent + 2)   // one break folds to a space
            default: out.append(c)
            }
        }
        return out + "'"
    }

    mutating func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += pick(["\\n", "\\x0a", "\\u000A"])
            case "\t": out += pick(["\\t", "\\\t", "\\x09"])
            case "/" where chance(50): out += "\\/"
            case " " where chance(10): out += "\\ "
            case "党": out += pick(["\\u515A", "\\U0000515a", "党"])
            case "😀": out += pick(["\\U0001F600", "😀"])
            case "a" where chance(20): out += "\\x61"
            default: out.unicodeScalars.append(u)
            }
        }
        if chance(20) { out += pick(["\\N", "\\_", "\\L", "\\P", "\\e", "\\a", "\\b", "\\v", "\\f", "\\r"]) }
        return out + "\""
    }

    /// A scalar after "key: " or "- " in a collection at column `indent`.
    mutating func scalar(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        switch below(9) {
        case 0, 1:
            var s = phrase()
            if chance(25) { s += "\n" + pad + phrase() }                 // folded into one line
            if chance(10) { s += "\n\n" + pad + phrase() }               // a newline kept
            return s + (chance(20) ? "  # 注释 comment" : "")
        case 2, 3: return singleQuoted(text(), indent: indent) + (chance(20) ? " # c" : "")
        case 4, 5: return doubleQuoted(text()) + (chance(20) ? " # c" : "")
        case 6, 7:
            var header = pick(["|", ">"]) + pick(["", "-", "+"])
            let explicit = chance(25)
            if explicit { header += "2" }
            var body = ""
            for _ in 0...below(4) {
                switch below(6) {
                case 0: body += "\n"
                case 1: body += pad + "  " + phrase() + "\n"                 // more indented
                default: body += pad + phrase() + "\n"
                }
            }
            if !explicit { body = pad + phrase() + "\n" + body }   // the first line sets the indentation
            if chance(20) { body += "\n" }
            return header + (chance(20) ? " # c" : "") + "\n" + body
        default:
            if chance(30) { return "" }
            if chance(50) {
                let items = (0..<below(4)).map { _ in pick(["\(below(50))", "'\(phrase())'", doubleQuoted(phrase()), pick(Self.words)]) }
                return "[" + items.joined(separator: chance(20) ? ",\n" + pad : ", ") + "]"
            }
            var seen = Set<String>()
            let pairs = (0..<below(3)).compactMap { _ -> String? in
                let key = pick(Self.keys)
                guard seen.insert(key).inserted else { return nil }
                return "\(key): " + pick(["\(below(9))", doubleQuoted(phrase()), "甘肃"])
            }
            return "{" + pairs.joined(separator: ", ") + "}"
        }
    }

    /// A mapping whose keys start at column `indent`; the first key is written by the caller's line when
    /// `firstInline` (after "- ").
    mutating func mapping(indent: Int, depth: Int, firstInline: Bool = false) -> String {
        var out = ""
        var seen = Set<String>()
        for n in 0...below(4) {
            var key = pick(Self.keys)
            guard seen.insert(key).inserted else { continue }
            if chance(15) { key = pick(["\"\(key)\"", "'\(key)'"]) }
            if !(firstInline && n == 0) {
                if chance(10) { out += "\n" }
                if chance(10) { out += String(repeating: " ", count: below(6)) + "# 说明 comment\n" }
                out += String(repeating: " ", count: indent)
            }
            out += key + ":" + value(indent: indent, depth: depth, indentlessAllowed: true)
        }
        return out
    }

    /// What follows "key:" or "-", with its line break.
    mutating func value(indent: Int, depth: Int, indentlessAllowed: Bool) -> String {
        if depth < 3 && chance(30) {
            if chance(50) {
                let indentless = indentlessAllowed && chance(30)
                return "\n" + sequence(indent: indentless ? indent : indent + 2, depth: depth + 1)
            }
            return "\n" + mapping(indent: indent + 2, depth: depth + 1)
        }
        let s = scalar(indent: indent)
        if s.hasSuffix("\n") { return " " + s }
        return (s.isEmpty ? "" : " ") + s + "\n"
    }

    mutating func sequence(indent: Int, depth: Int) -> String {
        var out = ""
        for _ in 0...below(3) {
            out += String(repeating: " ", count: indent) + "-"
            if depth < 3 && chance(30) {
                out += " " + mapping(indent: indent + 2, depth: depth + 1, firstInline: true)
            } else if depth < 3 && chance(10) {
                out += " " + String(sequence(indent: indent + 2, depth: depth + 1).dropFirst(indent + 2))
            } else {
                out += value(indent: indent, depth: depth, indentlessAllowed: false)
            }
        }
        return out
    }

    mutating func document() -> String {
        var out = chance(30) ? "# 模板说明 generated\n\n" : ""
        if chance(20) { out += "---\n" }
        out += chance(80) ? mapping(indent: 0, depth: 0) : sequence(indent: 0, depth: 0)
        if chance(10) { out += "...\n" }
        if chance(10) { out = out.replacingOccurrences(of: "\n", with: "\r\n") }
        if chance(10) { out = "\u{FEFF}" + out }
        return out
    }
}
