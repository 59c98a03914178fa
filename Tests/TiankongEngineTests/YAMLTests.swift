import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// The schema's YAML, read with libyaml: what it means, and what is refused, with the line.
@Suite("Schema YAML")
struct YAMLTests {
    typealias Pair = YAMLNode.Pair

    func read(_ yaml: String) throws(YAMLError) -> YAMLNode? { try YAML.document(yaml) }

    func problem(_ yaml: String) -> YAMLError? {
        do {
            _ = try read(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test("the bundled schema and `schema` output in both languages are read back to the same fields")
    func bundledAndWritten() throws {
        #expect(try read(BundledResources.text(at: BundledResources.bundledSchemaPath)!) != nil)
        // The curated questions and the inferred ones, written out and applied to the template read without a schema.
        for template in [try Template.bundled(), try Fixtures.seed()] {
            for language in [Language.chinese, .english] {
                let yaml = SchemaWriter.yaml(for: template, language: language)
                let schema = try Schema.parse(yaml, path: "written.tiankong.yaml")
                let applied = try Fixtures.seed().applying(schema, from: "written.tiankong.yaml")
                #expect(applied.fields.map(\.id) == template.fields.map(\.id))
                #expect(applied.fields.map(\.kind) == template.fields.map(\.kind))
                #expect(applied.fields.map(\.blankIndexes) == template.fields.map(\.blankIndexes))
            }
        }
    }

    @Test("the schema fuzz seeds: read, the refused one refused with its line")
    func fuzzSeeds() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/schema")
        for name in ["bundled.yaml", "rules.yaml", "subset-syntax.yaml", "scalars.yaml"] {
            let yaml = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(try read(yaml) != nil, "\(name)")
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
        // A tab after `key:` separates, as a space would; it indents nothing.
        #expect(try read("a: 1\nb:\t2\n")?.pairs?.last?.value == .scalar("2", line: 2))
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
        expect("a: 'open", .unterminatedQuote(openedOn: 1), line: 1)
        expect("a: [1,\n  2\n", .unterminatedFlow(openedOn: 1), line: 3)
        expect("a: {b: 1\n", .unterminatedFlow(openedOn: 1), line: 2)
        expect("a: \"\\q\"\n", .badEscape("\\q"), line: 1)
        expect("a: \"\\x4g\"\n", .badEscape("\\x4g"), line: 1)
        expect("a: \"\\uD800\"\n", .badEscape("\\uD800"), line: 1)
        // Text after a closing quote: libyaml looks for the next key there.
        expect("a: \"x\" y\n", .badIndentation, line: 1)
        expect("a: 'x'y\n", .badIndentation, line: 1)
        expect("a: 1\n\u{1}b: 2\n", .controlCharacter(1), line: 2)
        // An explicit key that is text is a key like any other; a list or mapping is not.
        #expect(try read("? a\n: 1\n") == .mapping([Pair(key: "a", keyLine: 1, value: .scalar("1", line: 2))], line: 1))
        expect("[a]: 1\n", .complexKey, line: 1)
        expect("{a: 1}: 1\n", .complexKey, line: 1)
        // libyaml reads `?` in a flow collection as an explicit key even with no space after it: a
        // mapping where the schema wants text, which the schema then refuses with its line.
        #expect(try read("blanks: [?X次]\n")?.pairs?.first?.value.items?.first?.pairs?.first?.key == "X次")
        #expect(throws: SchemaError(path: "p", line: 3, problem: .notText("blanks"))) {
            try Schema.parse("fields:\n  - id: a\n    blanks: [?X次]\n", path: "p")
        }
        // Line breaks to libyaml, text to YAML 1.2 (the fuzz target found a hint ending in U+2029).
        expect("a: 1\nhint: 政\u{2029}\n", .unusualLineBreak(0x2029), line: 2)
        expect("a: \"x\u{2028}y\"\n", .unusualLineBreak(0x2028), line: 1)
        expect("# \u{85}\na: 1\n", .unusualLineBreak(0x85), line: 1)
        // A byte-order mark past the start: libyaml skips some and keeps others (the fuzz target found one).
        expect("fields:\n  \u{FEFF}", .byteOrderMarkInside, line: 2)
        expect("a: 1\n\u{FEFF}# c\n", .byteOrderMarkInside, line: 2)
        #expect(try YAML.document("\u{FEFF}a: 1\n") == .mapping([Pair(key: "a", keyLine: 1, value: .scalar("1", line: 1))], line: 1))
        // Nesting deep enough to end the program's stack is refused (the fuzz target found 2,000 `{`).
        expect("a: " + String(repeating: "{b: ", count: 300) + "1" + String(repeating: "}", count: 300) + "\n", .tooDeep, line: 1)
        expect("a: " + String(repeating: "[", count: 100_000) + "\n", .tooDeep, line: 1)
        var nested = ""
        for level in 0..<300 { nested += String(repeating: " ", count: level) + "k\(level):\n" }
        expect(nested, .tooDeep, line: 257)
        // What `tiankong schema` writes escapes them, so its own schemas are read back.
        let written = "a: " + JSONText.quoted("x\u{85}\u{2028}y\u{2029}\u{FEFF}") + "\n"
        #expect(!written.unicodeScalars.contains { [0x85, 0x2028, 0x2029, 0xFEFF].contains($0.value) })
        #expect(try YAML.document(written) == .mapping([Pair(key: "a", keyLine: 1, value: .scalar("x\u{85}\u{2028}y\u{2029}\u{FEFF}", line: 1))], line: 1))
        expect("a: b: c\n", .unexpected(":"), line: 1)
        expect("a: ]\n", .unexpected("]"), line: 1)
        #expect(throws: YAMLError(line: 2, problem: .invalidUTF8)) { try YAML.document(bytes: Array("a: 1\nb: ".utf8) + [0xE5, 0x41]) }
    }

    @Test("a YAML problem is a schema error with its line, worded in both languages")
    func schemaErrors() {
        let error = SchemaError(path: "t.tiankong.yaml", line: 2, problem: .badYAML(.tabIndentation))
        #expect(throws: error) { try Schema.parse("fields:\n\t- id: a\n", path: "t.tiankong.yaml") }
        #expect(error.exitStatus.rawValue == 65)
        #expect(Messages(language: .chinese).text(for: error) == "模板说明 t.tiankong.yaml 第 2 行：用了制表符（Tab）缩进；YAML 只能用空格缩进")
        #expect(Messages(language: .english).text(for: error) == "Schema t.tiankong.yaml, line 2: a tab is used for indentation; YAML indents with spaces only")
        #expect(throws: SchemaError(path: "p", line: 3, problem: .badYAML(.duplicateKey("id", firstLine: 2)))) {
            try Schema.parse("fields:\n  - id: a\n    id: b\n", path: "p")
        }
        #expect(throws: SchemaError(path: "p", line: nil, problem: .notAMapping("schema"))) { try Schema.parse("# nothing\n", path: "p") }
        #expect(throws: SchemaError(path: "p", line: 1, problem: .notAMapping("schema"))) { try Schema.parse("- a\n", path: "p") }
    }
}
