import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// Findings in the report a template and its answers make, as the wizard's review lists them: whose
/// text each lies in, and what taking its fix changes.
@Suite("Findings in a filled template, and where their fixes go")
struct ReportFindingTests {
    /// The bundled template (18 fields) with Tests/Fixtures/answers-complete.json, checked.
    static func completeValues(_ template: Template) throws -> [String: String] {
        let answers = try AnswerSet.decode(Fixtures.data("answers-complete.json")).answers
        return AnswerReview(answers: answers, template: template, partial: false).values
    }

    @Test("the doubled stop on the 党课 line is the template's own: its fix deletes the template's \"，\", whatever the answer")
    func templatesOwnMistake() throws {
        let template = try Fixtures.seed()
        let values = try Self.completeValues(template)
        let found = Proofreader.reportFindings(template: template, values: values)
        // The same 22 that `check` finds in Tests/Fixtures/report-complete.txt, none made by an answer.
        #expect(found.count == 22)
        #expect(found.allSatisfy { $0.isTemplates })
        let stop = try #require(found.first { $0.finding.rule == .doubledPunctuation })
        #expect(stop.finding.excerpt.contains("上党课4次，。通过"))
        guard case .words(let edit)? = stop.remedy else { Issue.record("no correction of the words: \(String(describing: stop.remedy))"); return }
        #expect(Array(template.text[edit.range]) == Array("，".utf8) && edit.replacement.isEmpty)

        var corrections = TemplateCorrections()
        let taken = corrections.add(edit), again = corrections.add(edit)
        #expect(taken && !again, "an edit of the same bytes is taken once")
        let plain = String(decoding: Report.utf8(template: template, answers: values), as: UTF8.self)
        let corrected = String(decoding: Report.utf8(template: template, answers: values, corrections: corrections), as: UTF8.self)
        #expect(corrected == plain.replacingOccurrences(of: "上党课4次，。", with: "上党课4次。"))
        // Another answer there: the correction still holds.
        var other = values
        other["f4"] = "7"
        let seven = String(decoding: Report.utf8(template: template, answers: other, corrections: corrections), as: UTF8.self)
        #expect(seven.contains("上党课7次。通过学习教育") && !seven.contains("，。"))
        // Proof-read again with the correction, the stop is gone and the rest stay.
        let after = Proofreader.reportFindings(template: template, values: values, corrections: corrections)
        #expect(after.count == 21 && !after.contains { $0.finding.rule == .doubledPunctuation })
    }

    @Test("\"党组党组\" an answer made is fixed in the answer, which fills the other blanks too")
    func doubledWordInAnAnswer() throws {
        let template = try Fixtures.seed()
        var values = try Self.completeValues(template)
        values["f1"] = "市财政局党组"
        let doubled = Proofreader.reportFindings(template: template, values: values).filter { $0.finding.rule == .repeatedWord }
        // "今年以来，XXX党组坚持", "XXX党组工作", "XXX党组将": three; "促进我XXX事业" doubles nothing.
        #expect(doubled.count == 3)
        for entry in doubled {
            #expect(entry.fields == [0])
            #expect(entry.remedy == .answer(field: 0, value: "市财政局"))
        }
    }

    @Test("a fix that would change an answer and the words after it at once has no remedy; the finding stays")
    func fixAcrossAnAnswersEdge() throws {
        let template = try Template(bytes: Array("今年的工作XX，。\n".utf8), source: "t.txt")
        let id = try #require(template.fields.first?.id)
        let found = Proofreader.reportFindings(template: template, values: [id: "很好，"])
        #expect(found.map(\.finding.found) == ["，，。"])
        #expect(found.first?.fields == [0])
        #expect(found.first?.remedy == nil)
        #expect(found.first?.finding.isAppliedAutomatically == true, "safe, but not in one place")
        // One mark in the answer, one in the words: the answer's "，" goes.
        let two = Proofreader.reportFindings(template: try Template(bytes: Array("今年的工作XX。\n".utf8), source: "t.txt"),
                                             values: [id: "很好，"]).first
        #expect(two?.remedy == .answer(field: 0, value: "很好"))
    }

    @Test("a finding without a safe fix has no remedy: a heading out of order is left to a person")
    func unsafeFinding() throws {
        let template = try Template(bytes: Array("总结\n一、学习X次\n三、工作\n".utf8), source: "t.txt")
        let id = try #require(template.fields.first?.id)
        let found = Proofreader.reportFindings(template: template, values: [id: "3"])
        #expect(found.map(\.finding.rule) == [.headingNumbering])
        #expect(found.first?.remedy == nil && found.first?.isTemplates == true)
    }

    @Test("corrections are kept in the order of the text and never overlap; offsets after them move")
    func corrections() {
        var corrections = TemplateCorrections()
        let first = corrections.add(.init(range: 10..<13, replacement: []))
        let before = corrections.add(.init(range: 2..<3, replacement: Array("，".utf8)))
        let overlapping = corrections.add(.init(range: 12..<14, replacement: []))
        #expect(first && before && !overlapping)
        #expect(corrections.edits.map(\.range) == [2..<3, 10..<13])
        #expect(corrections.corrected(2) == 2 && corrections.corrected(3) == 5 && corrections.corrected(13) == 12)
        let text = Array("ab,defghij，。xyz".utf8)
        #expect(String(decoding: corrections.applied(to: text), as: UTF8.self) == "ab，defghij。xyz")
    }

    @Test("a report's worth of fixes, taken in any order, is kept in the order of the text")
    func manyCorrections() {
        // Every third byte of a long text gets a fix: 3k..<3k+1 becomes "，". Ctrl-T takes them in the
        // order of the text; Ctrl-R one by one in any order.
        let count = 30_000
        let wanted = (0..<count).map { 3 * $0..<3 * $0 + 1 }
        var inOrder = TemplateCorrections(), backwards = TemplateCorrections(), shuffled = TemplateCorrections()
        var generator = SystemRandomNumberGenerator()
        var allTaken = true
        for range in wanted { allTaken = inOrder.add(.init(range: range, replacement: Array("，".utf8))) && allTaken }
        #expect(allTaken)
        for range in wanted.reversed() { backwards.add(.init(range: range, replacement: Array("，".utf8))) }
        for range in wanted.shuffled(using: &generator) { shuffled.add(.init(range: range, replacement: Array("，".utf8))) }
        #expect(inOrder.edits.map(\.range) == wanted)
        #expect(backwards == inOrder && shuffled == inOrder)
        // One that overlaps any of them, from either side, is refused.
        let inside = inOrder.add(.init(range: 2..<4, replacement: []))
        let atEnd = inOrder.add(.init(range: 3 * (count - 1)..<3 * count, replacement: []))
        #expect(!inside && !atEnd && inOrder.edits.count == count)
        let after = inOrder.add(.init(range: 3 * count..<3 * count + 1, replacement: []))
        #expect(after && inOrder.edits.count == count + 1)
    }
}
