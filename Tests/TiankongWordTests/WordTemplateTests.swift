import Foundation
import XCTest
import TiankongEngine
import TiankongTestSupport
import TiankongWriters
@testable import TiankongWord

/// A Word template read and filled in place: the fixtures are made by python-docx and LibreOffice
/// (scripts/make-word-fixtures.py).
final class WordTemplateTests: XCTestCase {
    static let folder = Fixtures.folder.appendingPathComponent("word")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func load(_ name: String) throws -> WordTemplate {
        try WordTemplate.load(path: Self.path(name), options: Template.Options(useSchema: false))
    }

    func line(_ word: WordTemplate, _ k: Int) -> String {
        let text = word.template.text
        let end = k + 1 < word.lineStarts.count ? word.lineStarts[k + 1] - 1 : text.count - 1
        return String(decoding: text[word.lineStarts[k]..<end], as: UTF8.self)
    }

    func testTheBlanksAreFoundWhereverWordSplitTheRuns() throws {
        let word = try load("split-runs.docx")
        // "X" (bold, red) + "X党组" is one blank; so is the half-bold "X" + "X" of 发展党员XX名.
        XCTAssertEqual(line(word, 1), "XX党组今年以来组织集中学习X次，开展专题研讨XX场。")
        XCTAssertEqual(line(word, 2), "全年发展党员XX名，见附表。")
        XCTAssertEqual(line(word, 3), "姓名 │ XXX │ 职务 │ XX")
        // The title's "20" (bold) + "X" (bold red) + "X年工作总结" is the year "20XX".
        XCTAssertEqual(line(word, 0), "20XX年工作总结")
        XCTAssertEqual(word.template.blanks.map(\.marker), ["20XX", "XX", "X", "XX", "XX", "XXX", "XX", "XX", "XX", "XX", "XX"])
        XCTAssertEqual(word.template.blanks.map(\.kind), [.year, .text, .integer, .integer, .integer, .text, .text, .text, .text, .text, .text])
    }

    func testHiddenDeletedTextAndFieldInstructionsAreNotBlanks() throws {
        let word = try load("split-runs.docx")
        let text = String(decoding: word.template.text, as: UTF8.self)
        // The hidden "XX" and the deleted "XXX" follow "场。"; the field's instruction is "REF XXX".
        XCTAssertFalse(text.contains("场。XX"))
        XCTAssertFalse(text.contains("REF"))
        XCTAssertTrue(text.contains("第 1 页"), "a PAGE field's shown result is text")
    }

    func testEachBlankSaysWhereItIs() throws {
        let word = try load("split-runs.docx")
        let places = word.template.blanks.map { word.place(of: $0) }
        XCTAssertEqual(places[0], WordPlace(story: .body, part: "word/document.xml", paragraph: 1))
        XCTAssertEqual(places[1], WordPlace(story: .body, part: "word/document.xml", paragraph: 2))
        XCTAssertEqual(places[5], WordPlace(story: .body, part: "word/document.xml", table: 1, row: 1, cell: 2))
        XCTAssertEqual(places[7], WordPlace(story: .body, part: "word/document.xml", table: 1, row: 2, cell: 2))
        XCTAssertEqual(places[9], WordPlace(story: .header, part: "word/header1.xml", paragraph: 1))
        XCTAssertEqual(word.template.removedLines.map(\.text), ["本资料仅供学习 禁止外传"])
        XCTAssertEqual(word.place(ofLine: word.template.removedLines[0].line - 1),
                       WordPlace(story: .header, part: "word/header1.xml", paragraph: 2))
    }

    func answers(_ word: WordTemplate, _ values: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(word.template.fields.map(\.id), values))
    }

    func parts(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let package = try WordPackage(bytes: bytes, path: "out.docx")
        var out: [String: [UInt8]] = [:]
        for entry in package.entries { out[entry.name] = try package.read(entry.name) }
        return out
    }

    func testTheFilledPackageDiffersOnlyInTheBlanksRuns() throws {
        let word = try load("split-runs.docx")
        let template = try parts(Array(try Data(contentsOf: Self.folder.appendingPathComponent("split-runs.docx"))))
        let filled = try parts(word.filled(values: answers(word, ["2021", "市财政局", "12", "4", "3", "张三", "主任", "财政", "综合", "江城", "财政"])))
        XCTAssertEqual(Set(filled.keys), Set(template.keys))
        for (name, bytes) in template where name != "word/document.xml" && name != "word/header1.xml" {
            XCTAssertEqual(filled[name], bytes, name)
        }
        // The document: each blank's runs, and nothing else, as read from the template's XML.
        var expected = String(decoding: template["word/document.xml"]!, as: UTF8.self)
        for (old, new) in [
            // The year: "2021" in the bold "20" run; the bold red "X" run goes; "X年工作总结" loses its X.
            (#"<w:t>20</w:t></w:r><w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t>X</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>X年工作总结</w:t>"#,
             #"<w:t>2021</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>年工作总结</w:t>"#),
            (#"<w:color w:val="C00000"/></w:rPr><w:t>X</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="仿宋" w:hAnsi="仿宋" w:eastAsia="仿宋"/></w:rPr><w:t>X党组</w:t>"#,
             #"<w:color w:val="C00000"/></w:rPr><w:t>市财政局</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="仿宋" w:hAnsi="仿宋" w:eastAsia="仿宋"/></w:rPr><w:t>党组</w:t>"#),
            ("组织集中学习</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>X</w:t>", "组织集中学习</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>12</w:t>"),
            (#"<w:color w:val="0070C0"/></w:rPr><w:t>XX</w:t>"#, #"<w:color w:val="0070C0"/></w:rPr><w:t>4</w:t>"#),
            // The half-bold "XX": the answer takes the bold first character's run; the emptied run goes.
            ("<w:t>X</w:t></w:r><w:r><w:rPr/><w:t>X</w:t></w:r>", "<w:t>3</w:t></w:r>"),
            ("<w:t>XXX</w:t>", "<w:t>张三</w:t>"),
            ("<w:t>XX</w:t></w:r></w:p></w:tc></w:tr>", "<w:t>主任</w:t></w:r></w:p></w:tc></w:tr>"),
            ("<w:t>XX局</w:t>", "<w:t>财政局</w:t>"),
            ("<w:rPr/><w:t>XX</w:t></w:r><w:r><w:rPr/><w:t>办公室", "<w:rPr/><w:t>综合</w:t></w:r><w:r><w:rPr/><w:t>办公室"),
        ] {
            XCTAssertNotNil(expected.range(of: old), old)
            expected = expected.replacing(old, with: new, maxReplacements: 1)
        }
        XCTAssertEqual(String(decoding: filled["word/document.xml"]!, as: UTF8.self), expected)
        // The header: its blanks filled, its advert paragraph removed whole.
        var header = String(decoding: template["word/header1.xml"]!, as: UTF8.self)
        header = header.replacing("<w:t>XX市XX局</w:t>", with: "<w:t>江城市财政局</w:t>")
            .replacing("<w:p><w:r><w:t>本资料仅供学习 禁止外传</w:t></w:r></w:p>", with: "")
        XCTAssertEqual(String(decoding: filled["word/header1.xml"]!, as: UTF8.self), header)
    }

    func testUnchangedEntriesKeepTheirCompressedBytes() throws {
        let word = try load("split-runs.docx")
        let source = try WordPackage(bytes: Array(try Data(contentsOf: Self.folder.appendingPathComponent("split-runs.docx"))), path: "t")
        let filled = try WordPackage(bytes: word.filled(values: [:]), path: "o")
        // With no answer only the header changes (its advert goes); every other entry is copied as zipped.
        XCTAssertEqual(filled.entries.map(\.name), source.entries.map(\.name))
        for (a, b) in zip(source.entries, filled.entries) where a.name != "word/header1.xml" {
            XCTAssertEqual(a.info.crc, b.info.crc, a.name)
            XCTAssertEqual(a.info.compressed_size, b.info.compressed_size, a.name)
            XCTAssertEqual(a.info.compression_method, b.info.compression_method, a.name)
        }
    }

    func testAReportWrittenIntoItsFileIsTheOneMadeInMemory() throws {
        // Written entry by entry into the file, minizip going back to fill in each entry's sizes: the
        // same bytes as the package made whole in memory.
        let word = try load("split-runs.docx")
        let values = answers(word, ["2021", "市财政局", "12", "4", "3", "张三", "主任", "财政", "综合", "江城", "财政"])
        let folder = try TemporaryFolder()
        let path = folder.file("报告.docx")
        try AtomicFile.write(to: path, overwrite: false) { (descriptor) throws(DocxWriterError) in
            try word.write(values: values, toDescriptor: descriptor, name: path)
        }
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), try word.filled(values: values))
    }

    func testAnAnswerStartingWithASpaceIsPreservedAndMarkupIsEscaped() throws {
        let word = try load("split-runs.docx")
        var values = answers(word, ["2021", " A&B<C> ", "1", "1", "1", "x", "x", "x", "x", "x", "x"])
        let document = String(decoding: try parts(word.filled(values: values))["word/document.xml"]!, as: UTF8.self)
        XCTAssertTrue(document.contains(#"<w:t xml:space="preserve"> A&amp;B&lt;C&gt; </w:t>"#), document)
    }

    func testTheBundledTemplateConvertedByLibreOfficeReadsAsTheTextDoes() throws {
        let word = try load("bundled-libreoffice.docx")
        let text = try Template.bundled(options: .init(useSchema: false))
        XCTAssertEqual(word.template.title, text.title)
        XCTAssertEqual(word.template.blanks.map(\.marker), text.blanks.map(\.marker))
        XCTAssertEqual(word.template.fields.map(\.kind), text.fields.map(\.kind))
        XCTAssertEqual(word.template.removedLines.map(\.text), text.removedLines.map(\.text))
    }

    func failure(_ name: String) -> WordFileError? {
        do {
            _ = try load(name)
            return nil
        } catch let error as WordFileError {
            return error
        } catch {
            XCTFail("\(name): \(error)")
            return nil
        }
    }

    func testOldAndHostileFilesAreRefusedWithTheirReason() throws {
        let path = { (name: String) in Self.path(name) }
        XCTAssertEqual(failure("old-word97.doc").map { if case .oldFormat(_, .doc, _) = $0 { true } else { false } }, true)
        XCTAssertEqual(failure("hostile/old.wps").map { if case .oldFormat(_, .wps, _) = $0 { true } else { false } }, true)
        XCTAssertEqual(failure("hostile/password.docx"), .oldFormat(path: path("hostile/password.docx"), kind: .encrypted, converter: nil))
        XCTAssertEqual(failure("hostile/traversal.docx"), .unsafeName(path: path("hostile/traversal.docx"), part: "../../evil.txt"))
        XCTAssertEqual(failure("hostile/absolute.docx"), .unsafeName(path: path("hostile/absolute.docx"), part: "/etc/evil.txt"))
        XCTAssertEqual(failure("hostile/duplicates.docx"), .duplicatePart(path: path("hostile/duplicates.docx"), part: "word/media/same.png"))
        XCTAssertEqual(failure("hostile/no-document.docx"), .missingPart(path: path("hostile/no-document.docx"), part: "word/document.xml"))
        XCTAssertEqual(failure("hostile/billion-laughs.docx"), .documentType(path: path("hostile/billion-laughs.docx"), part: "word/document.xml"))
        XCTAssertEqual(failure("hostile/external-entity.docx"), .documentType(path: path("hostile/external-entity.docx"), part: "word/document.xml"))
        XCTAssertEqual(failure("hostile/deep.docx"), .tooDeep(path: path("hostile/deep.docx"), part: "word/document.xml", limit: 1_000))
        XCTAssertEqual(failure("hostile/bomb.docx"), .partTooLarge(path: path("hostile/bomb.docx"), part: "word/document.xml", limit: 500 << 20))
        if case .badXML(_, "word/document.xml", _, "mismatched tag") = failure("hostile/not-well-formed.docx") {} else { XCTFail("not-well-formed") }
        if case .damagedZip = failure("hostile/truncated.docx") {} else { XCTFail("truncated") }
    }
}
