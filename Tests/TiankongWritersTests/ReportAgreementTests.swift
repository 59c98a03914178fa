import Foundation
import Testing
import TiankongEngine
@testable import TiankongWriters
import ZIPFoundation

/// The report's structure is read once: the .txt as `check` reads it back, and the .docx as the Word
/// writer styles it, give the same title and the same headings at the same levels.
@Suite("The .txt, the .docx and check agree on the report's structure")
struct ReportAgreementTests {
    /// What one reader says the report is: its title, and each heading with its level.
    struct Outline: Equatable, CustomStringConvertible {
        var title: String?
        var headings: [String]
        var description: String { "title: \(title ?? "-")\n" + headings.joined(separator: "\n") }
    }

    /// The outline `check` gives the report's text file (in the template's own encoding).
    static func checked(_ template: Template) throws -> Outline {
        let check = try ReportCheck(bytes: Report.bytes(template: template, answers: [:]), source: template.source)
        return Outline(title: check.structure.title,
                       headings: check.structure.headings.map { "\($0.role.rawValue) \($0.text)" })
    }

    /// The outline of the .docx the Word writer makes of the same report: its paragraphs' styles, read
    /// back from word/document.xml.
    static func written(_ template: Template) throws -> Outline {
        let data = try DocxWriter.data(for: WordReport(template: template, values: [:]))
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let document = try parseXML([UInt8](xml))
        let roles = ["ReportTitle": "title", "ReportHeading1": "heading1", "ReportHeading2": "heading2",
                     "ReportHeading3": "heading3", "ReportHeading4": "heading4"]
        var outline = Outline(title: nil, headings: [])
        for paragraph in document.descendants where paragraph.name == "w:p" {
            let style = paragraph.descendants.first { $0.name == "w:pStyle" }?.attributes["w:val"] ?? ""
            guard let role = roles[style] else { continue }
            let text = paragraph.descendants.map { $0.name == "w:t" ? $0.text : $0.name == "w:tab" ? "\t" : "" }.joined()
            if role == "title" { outline.title = text } else { outline.headings.append("\(role) \(text)") }
        }
        return outline
    }

    /// The outline the engine gives the template's report.
    static func modelled(_ template: Template) -> Outline {
        let structure = ReportStructure(template: template)
        return Outline(title: structure.title, headings: structure.headings.map { "\($0.role.rawValue) \($0.text)" })
    }

    static let realFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real")

    static let realTemplates: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: realFolder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()

    @Test("the bundled template: its title and its five level-1 and eight level-2 headings, read alike by all three")
    func bundled() throws {
        let template = try Template.bundled()
        let outline = try Self.checked(template)
        #expect(outline.title == "2020年党建工作总结（党组）")
        #expect(outline.headings.filter { $0.hasPrefix("heading1 ") }.map { String($0.dropFirst(9).prefix(2)) }
                == ["一、", "二、", "三、", "四、", "五、"])
        #expect(outline.headings.filter { $0.hasPrefix("heading2 ") }.count == 8)
        #expect(try Self.written(template) == outline)
        #expect(Self.modelled(template) == outline)
    }

    @Test("a meeting notice: the line above its title is not the title; 1. 2. 3. sit under 四、")
    func meetingNotice() throws {
        let template = try Template.load(path: Self.realFolder.appendingPathComponent("040-huiyitongzhi.txt").path)
        let outline = try Self.checked(template)
        #expect(outline == Outline(title: "关于召开2025年度工作总结暨部署会议的通知", headings: [
            "heading1 一、会议时间", "heading1 二、会议地点", "heading1 三、参会人员", "heading1 四、会议内容",
            "heading3 1. 各部门负责人汇报2024年工作完成情况;", "heading3 2. 部署2025年重点工作任务;",
            "heading3 3. 研究讨论下一步工作计划。", "heading1 五、其他要求",
        ]))
        #expect(try Self.written(template) == outline)
        #expect(Self.modelled(template) == outline)
    }

    @Test("every real template: the .txt as check reads it, the .docx and the engine give one outline",
          arguments: realTemplates)
    func realTemplate(name: String) throws {
        let template = try Template.load(path: Self.realFolder.appendingPathComponent(name).path)
        let outline = Self.modelled(template)
        #expect(outline.title != nil)
        #expect(try Self.checked(template) == outline)
        #expect(try Self.written(template) == outline)
    }
}
