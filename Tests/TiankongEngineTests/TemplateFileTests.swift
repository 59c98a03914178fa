import Foundation
import PropertyBased
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// Reading templates in the encodings offices use, and refusing what is not a template.
@Suite("Loading templates")
struct TemplateFileTests {
    let answers = try! AnswerSet.decode(Fixtures.data("answers-complete.json")).answers
    /// This test's files, removed when it ends.
    let folder = try! TemporaryFolder()

    /// Writes `bytes` to a new file in this test's folder (in a folder of its own, under `name`); returns its path.
    func write(_ bytes: [UInt8], _ name: String = "t.txt") -> String {
        let own = folder.file(UUID().uuidString)
        try! FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: false)
        let path = own + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func filled(_ template: Template, encoding: TextEncoding? = nil) -> [UInt8] {
        let review = AnswerReview(answers: answers, template: template, partial: false)
        return Report.bytes(template: template, answers: review.values, encoding: encoding)
    }

    @Test("the digest worked out alongside the analysis is the file's SHA-256, with a schema or without")
    func digestAlongside() throws {
        // sha256sum of the bundled template file (Resources/templates/2020年党建工作总结（党组）.txt).
        let expected = "63f76b3246780f3aa6b580736b47d5c6cbb0ce302ac7581cc99bfe96ee9c9b59"
        let path = write(Fixtures.seedBytes)
        for useSchema in [true, false] {
            let alongside = try Template.load(path: path, options: .init(useSchema: useSchema, digestAlongside: true))
            #expect(alongside.digest == expected)
            #expect(try Template.bundled(options: .init(useSchema: useSchema, digestAlongside: true)).digest == expected)
            #expect(try Template.load(path: path, options: .init(useSchema: useSchema)).digest == expected)
        }
    }

    @Test("a GB18030 template with CRLF line ends round-trips byte for byte")
    func gb18030CRLF() throws {
        let seed = String(decoding: Fixtures.seedBytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        let template = try Template.load(path: write(Fixtures.gb18030(seed)))
        #expect(template.encoding == .gb18030)
        #expect(template.lineEnding == .crlf)
        #expect(template.blanks.count == 20 && template.fields.count == 18)
        let golden = String(decoding: try Fixtures.data("report-complete.txt"), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(filled(template) == Fixtures.gb18030(golden))
        #expect(filled(template, encoding: .utf8) == Array(golden.utf8))
        // Nothing answered, adverts kept: the very bytes of the file.
        let kept = try Template.load(path: write(Fixtures.gb18030(seed)), options: .init(keepBoilerplate: true))
        #expect(Report.bytes(template: kept, answers: [:]) == Fixtures.gb18030(seed))
    }

    @Test("UTF-8 with a BOM, and UTF-16 with a BOM, are written back the same way")
    func byteOrderMarks() throws {
        let bom = try Template.load(path: write([0xEF, 0xBB, 0xBF] + Fixtures.seedBytes))
        #expect(bom.encoding == .utf8 && bom.hasByteOrderMark)
        #expect(filled(bom) == [0xEF, 0xBB, 0xBF] + [UInt8](try Fixtures.data("report-complete.txt")))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in String(decoding: Fixtures.seedBytes, as: UTF8.self).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try Template.load(path: write(utf16), options: .init(keepBoilerplate: true))
        #expect(wide.encoding == .utf16LittleEndian && wide.blanks.count == 20)
        #expect(Report.bytes(template: wide, answers: [:]) == utf16)
    }

    @Test("bad input gets one clear error each, naming the path")
    func refusals() throws {
        let folder = self.folder.path
        #expect(throws: TemplateError.notFound(path: folder + "/none.txt")) { try Template.load(path: folder + "/none.txt") }
        #expect(throws: TemplateError.isDirectory(path: folder)) { try Template.load(path: folder) }
        let empty = write([])
        #expect(throws: TemplateError.empty(path: empty)) { try Template.load(path: empty) }
        let binary = write([0x50, 0x4B, 0x03, 0x04, 0x00, 0x58])
        #expect(throws: TemplateError.binary(path: binary, byteOffset: 4)) { try Template.load(path: binary) }
        let bad = write(Array("学习X次".utf8) + [0xFF, 0xFF, 0xFF])
        #expect(throws: TemplateError.undecodable(path: bad, byteOffset: 10)) { try Template.load(path: bad) }
        let none = write(Array("没有空的文字。\n".utf8))
        #expect(throws: TemplateError.noBlanks(path: none)) { try Template.load(path: none) }
        var utf16: [UInt8] = []
        for unit in "学习X次，共X人".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let noBOM = write(utf16)
        #expect(throws: TemplateError.utf16WithoutBOM(path: noBOM)) { try Template.load(path: noBOM) }
        #expect(throws: TemplateError.notRegularFile(path: "/dev/zero")) { try Template.load(path: "/dev/zero") }
        let messages = Messages(language: .chinese)
        #expect(messages.text(for: .undecodable(path: "a.txt", byteOffset: 10)).contains("第 10 字节"))
        #expect(TemplateError.notFound(path: "a").exitStatus.rawValue == 66)
        #expect(TemplateError.noBlanks(path: "a").exitStatus.rawValue == 65)
    }

    @Test("text outside the blanks is unchanged by any fill", .timeLimit(.minutes(1)))
    func outsideUnchanged() async throws {
        let template = try Template.bundled(options: .init(keepBoilerplate: true, useSchema: false))
        let answerText = Gen.oneOf(Gen.letterOrNumber.string(of: 1...6), Gen.always("市财政局"), Gen.always("十二"), Gen.always("&<>\"'"))
        await propertyCheck(count: 200, input: answerText.array(of: 18)) { values in
            let answers = Dictionary(uniqueKeysWithValues: zip(template.fields.map(\.id), values))
            let report = Report.utf8(template: template, answers: answers)
            // Walk the original text and the report side by side: between blanks they must agree.
            var r = 0
            var t = 0
            var fieldOfBlank: [Int: String] = [:]
            for field in template.fields { for i in field.blankIndexes { fieldOfBlank[i] = field.id } }
            for blank in template.blanks {
                let gap = Array(template.text[t..<blank.byteRange.lowerBound])
                #expect(Array(report[r..<(r + gap.count)]) == gap)
                r += gap.count + Array(answers[fieldOfBlank[blank.index]!]!.utf8).count
                t = blank.byteRange.upperBound
            }
            #expect(Array(report[r...]) == Array(template.text[t...]))
        }
    }
}

@Suite("Answers files and writing")
struct AnswersAndOutputTests {
    @Test("answers files: the full shape, the plain object, and clear refusals")
    func answerFiles() throws {
        let full = try AnswerSet.decode(Data(#"{"template": "abc", "answers": {"f1": "市财政局", "f2": 12}}"#.utf8))
        #expect(full == AnswerSet(templateDigest: "abc", answers: ["f1": "市财政局", "f2": "12"]))
        let plain = try AnswerSet.decode(Data(#"{"f1": "市财政局"}"#.utf8))
        #expect(plain == AnswerSet(answers: ["f1": "市财政局"]))
        #expect(throws: AnswerFileError.notAnObject) { try AnswerSet.decode(Data("[1]".utf8)) }
        #expect(throws: AnswerFileError.valueNotText(key: "f1")) { try AnswerSet.decode(Data(#"{"f1": true}"#.utf8)) }
        #expect(throws: AnswerFileError.empty) { try AnswerSet.decode(Data()) }
        #expect(throws: (any Error).self) { try AnswerSet.decode(Data("{\"f1\": ".utf8)) }
        let set = AnswerSet(templateDigest: "d", answers: ["f10": "a\"b\n", "f2": "二", "f1": "&"])
        #expect(try AnswerSet.decode(set.encoded()) == set)
        #expect(String(decoding: set.encoded(), as: UTF8.self).range(of: "f1\"")!.lowerBound
                < String(decoding: set.encoded(), as: UTF8.self).range(of: "f10")!.lowerBound)
    }

    @Test("JSON strings quoted byte by byte escape what the scalar-by-scalar quoting did, the autosave's too")
    func jsonQuoting() throws {
        /// The quoting as it was written scalar by scalar.
        func byScalars(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || [0x85, 0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pieces = ["党", "a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}",
                      "\u{FEFF}", "\u{A0}", "\u{2027}", "\u{202A}", "\u{FEFE}", "\u{1F600}", "é", "e\u{301}", "\u{C2}"]
        var random = SystemRandomNumberGenerator()
        for n in 0..<2000 {
            var s = ""
            for _ in 0..<(n % 9) { s += pieces.randomElement(using: &random)! }
            #expect(JSONText.quoted(s) == byScalars(s), "\(s.debugDescription)")
        }
        let set = AnswerSet(templateDigest: "d", answers: ["f1": "市\u{2028}财\"政\n局", "f2": "\u{FEFF}12"])
        #expect(try AnswerSet.decode(set.encoded()) == set)
        #expect(String(decoding: set.encoded(), as: UTF8.self) == """
            {
              "template": "d",
              "answers": {
                "f1": "市\\u2028财\\"政\\n局",
                "f2": "\\ufeff12"
              }
            }

            """)
    }

    @Test("A path's last component, as splitting it at every slash gave it")
    func lastComponent() {
        for path in ["a/b/c", "a/b/c/", "/c", "c", "c//", "/", "//", "", "a//b", "./报告.txt", "/tmp/x/报告（党组）.docx"] {
            let split = path.split(separator: "/").last.map(String.init) ?? path
            #expect(AtomicFile.lastComponent(of: path) == split, "\(path)")
        }
    }

    @Test("atomic writes: never overwrite without asking, never leave a part behind")
    func atomicWrites() throws {
        let temporary = try TemporaryFolder()
        let folder = temporary.path
        let path = folder + "/report.txt"
        try AtomicFile.write(Array("一".utf8), to: path, overwrite: false)
        #expect(throws: OutputError.exists(path: path)) { try AtomicFile.write(Array("二".utf8), to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "一")
        try AtomicFile.write(Array("二".utf8), to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "二")
        #expect(throws: OutputError.isDirectory(path: folder)) { try AtomicFile.write([1], to: folder, overwrite: true) }
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: folder + "/missing/r.txt", overwrite: false) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
    }

    @Test("a report's file name is its answered title, with what a file name cannot hold made full-width")
    func fileNames() throws {
        let template = try Template.bundled()
        #expect(Report.title(template: template, answers: ["year": "2021"]) == "2021年党建工作总结（党组）")
        #expect(Report.fileStem(title: "2021年/总结: 第1稿?") == "2021年／总结： 第1稿？")
        #expect(Report.fileStem(title: "  ") == "report")
    }

    @Test("a title that is a long sentence gives a file name cut at a punctuation mark, or at 30 characters")
    func longTitlesAreCut() {
        // 44 characters; the comma after 意见 is the last mark within the first 30.
        #expect(Report.fileStem(title: "关于进一步加强和改进新时代全市机关党的建设工作的实施意见，以及某局党组贯彻落实情况的报告")
                == "关于进一步加强和改进新时代全市机关党的建设工作的实施意见")
        // A mark among the first ten characters would leave too little: cut at 30.
        let unbroken = "关于，" + String(repeating: "加强机关党的建设", count: 5)
        #expect(Report.fileStem(title: unbroken) == "关于，" + String(String(repeating: "加强机关党的建设", count: 5).prefix(27)))
        // 30 characters exactly: kept whole.
        let thirty = String(repeating: "党建工作总结", count: 5)
        #expect(Report.fileStem(title: thirty) == thirty)
    }

    @Test("SHA-256 matches the standard's test vectors")
    func sha256() {
        func hex(_ bytes: [UInt8]) -> String { SHA256.digest(bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
        #expect(hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite("Writing into devices")
struct DeviceOutputTests {
    @Test("/dev/null is written into, never replaced; /dev/full reports a full disk, and that the output is incomplete")
    func devices() throws {
        var before = stat()
        stat("/dev/null", &before)
        try AtomicFile.write(Array("报告".utf8), to: "/dev/null", overwrite: false)
        var after = stat()
        stat("/dev/null", &after)
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_rdev == before.st_rdev)
        #expect(throws: OutputError.streamFailed(name: "/dev/full", errno: ENOSPC)) {
            try AtomicFile.write([UInt8](repeating: 0x41, count: 4096), to: "/dev/full", overwrite: true)
        }
        let message = Messages(language: .chinese).text(for: OutputError.streamFailed(name: "标准输出", errno: ENOSPC))
        #expect(message.contains("标准输出") && message.contains("不完整") && !message.contains("没有留下"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains("tiankong-tmp") }
        #expect(leftovers.isEmpty)
    }
}
