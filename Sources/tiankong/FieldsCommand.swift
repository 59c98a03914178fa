import ArgumentParser
import Foundation
import TiankongEngine
import TiankongWizard

/// `tiankong fields`: the blanks a template has, what each asks for, and the fields the user answers.
struct FieldsCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "fields",
            abstract: CommandText().t("列出模板里的空、每个空要填什么，以及要回答的字段", "List a template's blanks, what each asks for, and its fields"))
    }

    @OptionGroup var template: TemplateOptions

    @Option(help: ArgumentHelp(CommandText().t("输出格式：text 或 json", "Output format: text or json")))
    var format: Format = .text

    func run() throws {
        let template = try template.load()
        // Written out a megabyte at a time, so a listing of a million blanks is never held whole.
        let emit: ([UInt8]) -> Void = { FileHandle.standardOutput.write(Data($0)) }
        let rest = format == .json ? FieldsListing.json(template, emit: emit) : FieldsListing.text(template, say: CommandText(), emit: emit)
        emit(rest)
    }
}

/// The two listings of `fields`.
enum FieldsListing {
    static func text(_ template: Template, say: CommandText, emit: ([UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2 << 20)
        func flush() { if out.count > 1 << 20 { emit(out); out.removeAll(keepingCapacity: true) } }
        func line(_ s: String) { out.append(contentsOf: s.utf8); out.append(0x0A) }
        func cell(_ s: String, _ width: Int) {
            out.append(contentsOf: s.utf8)
            let used = displayWidth(s)
            out.append(contentsOf: repeatElement(0x20, count: max(1, width - used + 1)))
        }
        line(say.t("模板：\(template.source)", "Template: \(template.source)"))
        if let schema = template.schemaSource { line(say.t("模板说明：\(schema)", "Schema: \(schema)")) }
        line(say.t("标题：\(template.title)", "Title: \(template.title)"))
        line(say.t("编码：\(say.encodingName(template.encoding))\(template.hasByteOrderMark ? "（带 BOM）" : "")，换行：\(template.lineEnding.rawValue.uppercased())",
                   "Encoding: \(say.encodingName(template.encoding))\(template.hasByteOrderMark ? " with BOM" : ""), line endings: \(template.lineEnding.rawValue.uppercased())"))
        if !template.removedLines.isEmpty {
            line(say.t("\n已去掉的广告行（\(template.removedLines.count) 行）：", "\nAdvert lines removed (\(template.removedLines.count)):"))
            for removed in template.removedLines { line(say.t("  第 \(removed.line) 行：\(removed.text)", "  line \(removed.line): \(removed.text)")) }
        }
        line(say.t("\n空（\(template.blanks.count) 个）：", "\nBlanks (\(template.blanks.count)):"))
        var fieldOfBlank = [String](repeating: "", count: (template.blanks.map(\.index).max() ?? 0) + 1)
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        let kindNames = Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0, say.kindName($0)) })
        // Cells that repeat (a kind with its unit) are made once; numbers are written digit by digit.
        struct KindCell: Hashable { var kind: Kind; var unit: String? }
        var kindCells: [KindCell: [UInt8]] = [:]
        func number(_ value: Int, width: Int) {
            var digits: [UInt8] = []
            var v = value
            repeat { digits.append(UInt8(0x30 + v % 10)); v /= 10 } while v > 0
            out.append(contentsOf: digits.reversed())
            out.append(contentsOf: repeatElement(0x20, count: max(1, width - digits.count + 1)))
        }
        for blank in template.blanks {
            out.append(contentsOf: [0x20, 0x20])
            number(blank.index, width: 4)
            let position = "\(blank.line):\(blank.column)"
            out.append(contentsOf: position.utf8)
            out.append(contentsOf: repeatElement(0x20, count: max(1, 8 - position.utf8.count + 1)))
            cell(blank.marker, 5)
            let key = KindCell(kind: blank.kind, unit: blank.unit)
            if kindCells[key] == nil {
                let text = kindNames[blank.kind]! + (blank.unit.map { "·\($0)" } ?? "")
                kindCells[key] = Array(text.utf8) + Array(repeating: 0x20, count: max(1, 10 - displayWidth(text) + 1))
            }
            out.append(contentsOf: kindCells[key]!)
            let id = fieldOfBlank[blank.index]
            out.append(contentsOf: id.utf8)
            out.append(contentsOf: repeatElement(0x20, count: max(1, 4 - id.utf8.count + 1)))
            out.append(contentsOf: blank.excerptUTF8)
            out.append(0x0A)
            flush()
        }
        line(say.t("\n字段（\(template.fields.count) 个）：", "\nFields (\(template.fields.count)):"))
        let idWidth = template.fields.map(\.id.count).max() ?? 4
        for field in template.fields {
            out.append(contentsOf: [0x20, 0x20])
            cell(field.id, idWidth)
            cell(kindNames[field.kind]! + (field.unit.map { "·\($0)" } ?? ""), 10)
            let blanks = field.blankIndexes.map(String.init).joined(separator: ",")
            line(field.label + "  " + say.t("［空 \(blanks)］", "[blanks \(blanks)]"))
            flush()
        }
        return out
    }

    /// Columns a string takes in a terminal (wcwidth, through the wizard's one measure), ASCII counted directly.
    static func displayWidth(_ s: String) -> Int {
        s.utf8.allSatisfy({ $0 < 0x80 }) ? s.utf8.count : DisplayWidth.of(s)
    }

    static func json(_ template: Template, emit: ([UInt8]) -> Void) -> [UInt8] {
        var fieldOfBlank = [String](repeating: "", count: template.blanks.count + 1)
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        var out: [UInt8] = []
        out.reserveCapacity(2 << 20)
        func flush() { if out.count > 1 << 20 { emit(out); out.removeAll(keepingCapacity: true) } }
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) { JSONText.appendQuoted(s, to: &out) }
        raw("{\n  \"template\": "); quoted(template.source)
        raw(",\n  \"title\": "); quoted(template.title)
        if let schema = template.schemaSource { raw(",\n  \"schema\": "); quoted(schema) }
        raw(",\n  \"encoding\": "); quoted(template.encoding.rawValue)
        raw(",\n  \"byteOrderMark\": \(template.hasByteOrderMark)")
        raw(",\n  \"lineEnding\": "); quoted(template.lineEnding.rawValue)
        raw(",\n  \"removedLines\": [")
        for (i, line) in template.removedLines.enumerated() {
            raw(i == 0 ? "\n    {\"line\": \(line.line), \"text\": " : ",\n    {\"line\": \(line.line), \"text\": ")
            quoted(line.text); raw("}")
        }
        raw(template.removedLines.isEmpty ? "],\n  \"blanks\": [" : "\n  ],\n  \"blanks\": [")
        for (i, b) in template.blanks.enumerated() {
            raw(i == 0 ? "\n    {" : ",\n    {")
            raw("\"index\": \(b.index), \"line\": \(b.line), \"column\": \(b.column), \"marker\": "); quoted(b.marker)
            raw(", \"kind\": \"\(b.kind.rawValue)\", \"field\": \"\(fieldOfBlank[b.index])\", \"context\": "); quoted(b.context)
            raw("}")
            flush()
        }
        raw("\n  ],\n  \"fields\": [")
        for (i, f) in template.fields.enumerated() {
            raw(i == 0 ? "\n    {" : ",\n    {")
            raw("\"id\": \"\(f.id)\", \"kind\": \"\(f.kind.rawValue)\"")
            if let unit = f.unit { raw(", \"unit\": "); quoted(unit) }
            raw(", \"label\": "); quoted(f.label)
            if let hint = f.hint { raw(", \"hint\": "); quoted(hint) }
            if let value = f.defaultAnswer { raw(", \"default\": "); quoted(value) }
            if f.isOptional { raw(", \"optional\": true") }
            if let minimum = f.minimum { raw(", \"min\": \(minimum)") }
            if let maximum = f.maximum { raw(", \"max\": \(maximum)") }
            raw(", \"blanks\": [\(f.blankIndexes.map(String.init).joined(separator: ", "))]}")
            flush()
        }
        raw("\n  ]\n}\n")
        return out
    }
}
