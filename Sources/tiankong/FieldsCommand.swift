import ArgumentParser
import Foundation
import TiankongEngine

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
        let output = format == .json ? FieldsListing.json(template) : Array(FieldsListing.text(template, say: CommandText()).utf8)
        FileHandle.standardOutput.write(Data(output))
    }
}

/// The two listings of `fields`.
enum FieldsListing {
    static func text(_ template: Template, say: CommandText) -> String {
        var out = ""
        out += say.t("模板：\(template.source)\n", "Template: \(template.source)\n")
        if let schema = template.schemaSource { out += say.t("模板说明：\(schema)\n", "Schema: \(schema)\n") }
        out += say.t("标题：\(template.title)\n", "Title: \(template.title)\n")
        out += say.t("编码：\(say.encodingName(template.encoding))\(template.hasByteOrderMark ? "（带 BOM）" : "")，换行：\(template.lineEnding.rawValue.uppercased())\n",
                     "Encoding: \(say.encodingName(template.encoding))\(template.hasByteOrderMark ? " with BOM" : ""), line endings: \(template.lineEnding.rawValue.uppercased())\n")
        if !template.removedLines.isEmpty {
            out += say.t("\n已去掉的广告行（\(template.removedLines.count) 行）：\n", "\nAdvert lines removed (\(template.removedLines.count)):\n")
            for line in template.removedLines { out += say.t("  第 \(line.line) 行：\(line.text)\n", "  line \(line.line): \(line.text)\n") }
        }
        out += say.t("\n空（\(template.blanks.count) 个）：\n", "\nBlanks (\(template.blanks.count)):\n")
        var fieldOfBlank: [Int: String] = [:]
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        for blank in template.blanks {
            let kind = say.kindName(blank.kind) + (blank.unit.map { "·\($0)" } ?? "")
            out += "  \(pad(String(blank.index), 4)) \(pad("\(blank.line):\(blank.column)", 8)) \(pad(blank.marker, 5)) \(pad(kind, 10)) \(pad(fieldOfBlank[blank.index] ?? "", 4)) \(excerpt(blank))\n"
        }
        out += say.t("\n字段（\(template.fields.count) 个）：\n", "\nFields (\(template.fields.count)):\n")
        let idWidth = template.fields.map(\.id.count).max() ?? 4
        for field in template.fields {
            let kind = say.kindName(field.kind) + (field.unit.map { "·\($0)" } ?? "")
            let blanks = field.blankIndexes.map(String.init).joined(separator: ",")
            out += "  \(pad(field.id, idWidth)) \(pad(kind, 10)) \(field.label)  " + say.t("［空 \(blanks)］\n", "[blanks \(blanks)]\n")
        }
        return out
    }

    /// The words right around the blank.
    static func excerpt(_ blank: Blank) -> String { blank.before + blank.marker + blank.after }

    /// Pads to a display width, counting CJK as two columns.
    static func pad(_ s: String, _ width: Int) -> String {
        let used = s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.properties.isIdeographic) || ($1.value >= 0x3000 && $1.value <= 0xFFEF) ? 2 : 1) }
        return used >= width ? s : s + String(repeating: " ", count: width - used)
    }

    static func json(_ template: Template) -> [UInt8] {
        var fieldOfBlank = [String](repeating: "", count: template.blanks.count + 1)
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        var out: [UInt8] = []
        out.reserveCapacity(template.blanks.count * 400 + 4096)
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
        }
        raw("\n  ]\n}\n")
        return out
    }
}
