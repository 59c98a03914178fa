import Foundation
import Testing
import TiankongEngine
@testable import TiankongWriters

@Suite("Word package")
struct DocxWriterTests {
    static let expectedParts = [
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml",
    ]

    func bundledReport() throws -> WordReport {
        WordReport(text: try bundledReportText(), author: "XX市XX局党组")
    }

    func part(_ path: String, of report: WordReport) throws -> XMLNode {
        let bytes = try #require(DocxWriter.parts(for: report).first { $0.path == path }?.bytes)
        return try parseXML(bytes)
    }

    @Test("A failure to make the package says what failed, and leaves the \"无法生成 Word 文件：\" to its caller")
    func failureSaidOnce() {
        #expect(DocxWriterError.package("磁盘已满").description == "磁盘已满")
        #expect(DocxWriterError.part("word/document.xml", "压缩失败").description == "word/document.xml：压缩失败")
        #expect(!"\(DocxWriterError.package("x"))".contains("Word 文件"))
    }

    @Test("The zip holds every part, deflated, with no directory entries and no data descriptors")
    func zipEntries() throws {
        let report = try bundledReport()
        let data = try DocxWriter.data(for: report)
        let entries = centralDirectory(of: data)
        #expect(entries.map(\.name) == Self.expectedParts)
        #expect(!entries.contains { $0.name.hasSuffix("/") })
        #expect(entries.allSatisfy { $0.method == 8 })
        #expect(entries.allSatisfy { $0.flags & 0x8 == 0 })
        // The zipped bytes are the parts' bytes.
        let parts = DocxWriter.parts(for: report)
        for (entry, part) in zip(entries, parts) {
            #expect(entry.crc32 == crc32(part.bytes), "\(entry.name)")
            #expect(Int(entry.uncompressedSize) == part.bytes.count, "\(entry.name)")
        }
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    @Test("The character count of docProps/app.xml is the count of characters a reader sees, in any script")
    func characterCount() {
        // Chinese with full-width punctuation, ASCII, and the cases where scalars join into one character:
        // an accent, a flag, a family joined by ZWJ, Hangul jamo, a line's CR LF, a variation selector.
        let texts = ["市财政局党组2021年工作总结（一）：学习12次。", "A&B <C> \"D\" 'E'", "e\u{301}clair", "🇨🇳中国",
                     "👨‍👩‍👧家", "\u{1100}\u{1161}\u{11A8}", "一\r\n二", "葛\u{E0100}", "〰〽", "ｶﾞ", ""]
        for text in texts {
            #expect(PackageParts.characterCount(text) == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("Every part is well-formed XML")
    func wellFormed() throws {
        for part in DocxWriter.parts(for: try bundledReport()) {
            _ = try parseXML(part.bytes)
        }
    }

    @Test("Children of pPr, rPr, sectPr, style and settings are in schema order")
    func elementOrder() throws {
        let orders: [String: [String]] = [
            "w:pPr": ParagraphProperties.schemaOrder,
            "w:rPr": RunProperties.schemaOrder,
            "w:sectPr": DocumentPart.sectionSchemaOrder,
            "w:style": StylesPart.styleSchemaOrder,
            "w:settings": [
                "w:zoom", "w:defaultTabStop", "w:evenAndOddHeaders", "w:characterSpacingControl", "w:compat",
                "w:themeFontLang", "w:decimalSymbol", "w:listSeparator",
            ],
            "w:font": ["w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch", "w:sig"],
            "w:r": ["w:rPr", "w:t", "w:tab", "w:fldChar", "w:instrText"],
        ]
        // A signature, a tab and a run-in heading, so every kind of paragraph is there.
        let text = try bundledReportText() + "\n（一）标题。正文\t制表\n\nXX市XX局党组\n2021年1月15日\n"
        var checked = 0
        for part in DocxWriter.parts(for: WordReport(text: text, author: "单位")) {
            for element in try parseXML(part.bytes).descendants {
                guard var order = orders[element.name] else { continue }
                if element.name == "w:r" { order = ["w:rPr"] }  // only rPr is ordered inside a run: it comes first
                let names = element.children.map(\.name)
                let ranks = names.compactMap { order.firstIndex(of: $0) }
                if element.name != "w:r" {
                    #expect(ranks.count == names.count, "unknown child in \(element.name) of \(part.path): \(names)")
                    #expect(ranks == ranks.sorted(), "\(element.name) in \(part.path): \(names)")
                } else if names.contains("w:rPr") {
                    #expect(names.first == "w:rPr", "w:r in \(part.path): \(names)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("An answer with & < > \" ' comes out intact, and no w:t holds a line break")
    func answersSurvive() throws {
        let answer = #"A&B <C> "D" 'E'"#
        let report = WordReport(text: "标题 \(answer)\n（一）\(answer)。正文 \(answer)\u{1}\n正文\u{FFFE}", author: answer)
        let document = try part("word/document.xml", of: report)
        let texts = document.descendants.filter { $0.name == "w:t" }.map(\.text)
        #expect(texts.filter { $0.contains(answer) }.count == 3)
        #expect(texts.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        #expect(!texts.joined().contains("\u{1}"))
        let core = try part("docProps/core.xml", of: report)
        #expect(core.descendants.first { $0.name == "dc:creator" }?.text == answer)
        #expect(core.descendants.first { $0.name == "dc:title" }?.text == "标题 \(answer)")
    }

    @Test("Paragraphs carry the named styles; level-2 heading words are a run of their own")
    func styles() throws {
        let report = try bundledReport()
        let document = try part("word/document.xml", of: report)
        let paragraphs = document.descendants.filter { $0.name == "w:p" }
        let styleOf: (XMLNode) -> String? = { paragraph in
            paragraph.descendants.first { $0.name == "w:pStyle" }?.attributes["w:val"]
        }
        #expect(paragraphs.count == 18)
        #expect(styleOf(paragraphs[0]) == ReportStyle.title.id)
        #expect(paragraphs[0].wordText == "2020年党建工作总结（党组）")
        #expect(paragraphs.filter { styleOf($0) == ReportStyle.heading1.id }.count == 5)
        let level2 = paragraphs.filter { styleOf($0) == ReportStyle.heading2.id }
        #expect(level2.count == 8)
        let firstRuns = level2[0].children.filter { $0.name == "w:r" }
        #expect(firstRuns.count == 2)
        #expect(firstRuns[0].descendants.first { $0.name == "w:rStyle" }?.attributes["w:val"] == ReportStyle.heading2Words.id)
        #expect(firstRuns[0].wordText == "（一）强化理论武装。")
        #expect(firstRuns[1].descendants.first { $0.name == "w:rStyle" } == nil)

        let styles = try part("word/styles.xml", of: report)
        let names = styles.descendants.filter { $0.name == "w:name" }.compactMap { $0.attributes["w:val"] }
        for name in ["标题", "一级标题", "二级标题", "二级标题文字", "三级标题", "四级标题", "正文", "落款", "成文日期", "页码"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test("The page: A4, the margins, odd and even footers, 22 lines of 28 characters")
    func page() throws {
        let report = try bundledReport()
        let document = try part("word/document.xml", of: report)
        let section = try #require(document.descendants.first { $0.name == "w:sectPr" })
        let size = try #require(section.children.first { $0.name == "w:pgSz" })
        #expect(size.attributes == ["w:w": "11906", "w:h": "16838"])
        let margins = try #require(section.children.first { $0.name == "w:pgMar" })
        #expect(margins.attributes["w:top"] == "2098")
        #expect(margins.attributes["w:bottom"] == "1984")
        #expect(margins.attributes["w:left"] == "1587")
        #expect(margins.attributes["w:right"] == "1474")
        let references = section.children.filter { $0.name == "w:footerReference" }
        #expect(Set(references.compactMap { $0.attributes["w:type"] }) == ["default", "even"])

        // Each footer reference points at a relationship of type footer.
        let relationships = try part("word/_rels/document.xml.rels", of: report).descendants
        for reference in references {
            let id = try #require(reference.attributes["r:id"])
            let relationship = try #require(relationships.first { $0.attributes["Id"] == id })
            #expect(relationship.attributes["Type"]?.hasSuffix("/footer") == true)
        }
        let settings = try part("word/settings.xml", of: report)
        #expect(settings.descendants.contains { $0.name == "w:evenAndOddHeaders" })

        // 22 lines: the text block's height over the pitch; 28 characters: its width over a condensed 3号 character.
        let height = GongwenLayout.pageHeight - GongwenLayout.marginTop - GongwenLayout.marginBottom
        #expect(height / GongwenLayout.linePitch == 22)
        let width = GongwenLayout.pageWidth - GongwenLayout.marginLeft - GongwenLayout.marginRight
        #expect(width / (GongwenLayout.bodyCharacter + GongwenLayout.characterCondensing / 1) >= 28)
        #expect(width / GongwenLayout.bodyCharacter == 27)
    }

    @Test("Page numbers: odd right and even left, one character in, 4号 宋体")
    func footers() throws {
        let report = try bundledReport()
        let odd = try part("word/footer1.xml", of: report)
        let even = try part("word/footer2.xml", of: report)
        #expect(odd.wordText == "— 1 —")
        #expect(even.wordText == "— 2 —")
        #expect(odd.descendants.first { $0.name == "w:jc" }?.attributes["w:val"] == "right")
        #expect(odd.descendants.first { $0.name == "w:ind" }?.attributes["w:right"] == "280")
        #expect(even.descendants.first { $0.name == "w:jc" }?.attributes["w:val"] == "left")
        #expect(even.descendants.first { $0.name == "w:ind" }?.attributes["w:left"] == "280")
        for footer in [odd, even] {
            #expect(footer.descendants.contains { $0.name == "w:instrText" && $0.text.contains("PAGE") })
            #expect(footer.descendants.first { $0.name == "w:ind" }?.attributes["w:firstLine"] == "0")
        }
    }

    @Test("The signature sits two characters in; the date's first character two right of the name's")
    func signatureBlock() throws {
        let report = WordReport(text: "标题\n正文。\nXX市XX局党组\n2021年1月15日", author: nil)
        let document = try part("word/document.xml", of: report)
        let paragraphs = document.descendants.filter { $0.name == "w:p" }
        #expect(paragraphs.map(\.wordText) == ["标题", "正文。", "", "XX市XX局党组", "2021年1月15日"])
        let right: (XMLNode) -> String? = { $0.descendants.first { $0.name == "w:ind" }?.attributes["w:right"] }
        // Widths in half-characters (digits and Latin letters are half as wide as Chinese):
        // the name "XX市XX局党组" is 12, the date "2021年1月15日" 13. Moved two characters right of
        // the name's start the date would stick out, so it sits two characters in (4 halves) and
        // the name starts two characters left of the date: 13 + 4 + 4 − 12 = 9 halves from the right.
        #expect(right(paragraphs[4]) == "640")
        #expect(right(paragraphs[3]) == "1440")

        let long = SignatureLayout(structure: ReportStructure(text: "标题\n正文。\n中共某某市某某局委员会\n2021年1月15日"))
        // Name 22 halves, date 13: the name two characters in, the date starting two right of it.
        #expect(long.signatureRight == 4)
        #expect(long.dateRight == 22 - 13)
        #expect(try part("docProps/core.xml", of: report).descendants.first { $0.name == "dc:creator" } == nil)
    }

    @Test("An empty report is still a document Word opens: one empty paragraph, no title")
    func emptyReport() throws {
        let report = WordReport(text: "\n \r\n", author: nil)
        let document = try part("word/document.xml", of: report)
        #expect(document.descendants.filter { $0.name == "w:p" }.count == 1)
        #expect(try part("docProps/core.xml", of: report).descendants.first { $0.name == "dc:title" } == nil)
        #expect(centralDirectory(of: try DocxWriter.data(for: report)).count == Self.expectedParts.count)
    }

    @Test("Writing the bundled report (prints the time; set TIANKONG_WRITERS_DOCX to keep the file)")
    func timing() throws {
        let report = try bundledReport()
        _ = try DocxWriter.data(for: report)  // warm up
        let clock = ContinuousClock()
        var data = Data()
        let rounds = 20
        let elapsed = try clock.measure {
            for _ in 0..<rounds { data = try DocxWriter.data(for: report) }
        }
        let perWrite = elapsed / rounds
        print("DocxWriter.data(for: bundled report): \(perWrite) per write, \(data.count) bytes")
        if let path = ProcessInfo.processInfo.environment["TIANKONG_WRITERS_DOCX"] {
            try data.write(to: URL(fileURLWithPath: path))
        }
        #expect(!data.isEmpty)
    }
}
