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
        let output = format == .json ? FieldsListing.json(template) : FieldsListing.text(template, say: CommandText())
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

/// The two listings of `fields`.
enum FieldsListing {
    static func text(_ template: Template, say: CommandText) -> String {
        var out = ""
        out += say.t("模板：\(template.source)\n", "Template: \(template.source)\n")
        out += say.t("标题：\(template.title)\n", "Title: \(template.title)\n")
        out += say.t("编码：\(say.encodingName(template.encoding))\(template.hasByteOrderMark ? "（带 BOM）" : "")，换行：\(template.lineEnding.rawValue.uppercased())\n",
                     "Encoding: \(say.encodingName(template.encoding))\(template.hasByteOrderMark ? " with BOM" : ""), line endings: \(template.lineEnding.rawValue.uppercased())\n")
        out += "sha256: \(template.digest)\n"
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
        for field in template.fields {
            let kind = say.kindName(field.kind) + (field.unit.map { "·\($0)" } ?? "")
            let blanks = field.blankIndexes.map(String.init).joined(separator: ",")
            out += "  \(pad(field.id, 4)) \(pad(kind, 10)) \(field.label)  " + say.t("［空 \(blanks)］\n", "[blanks \(blanks)]\n")
        }
        return out
    }

    /// Up to 16 characters each side of the blank, within its sentence.
    static func excerpt(_ blank: Blank) -> String {
        let context = blank.context
        guard let range = context.range(of: blank.marker) else { return context }
        let head = context[..<range.lowerBound]
        let tail = context[range.upperBound...]
        return (head.count > 16 ? "…" + head.suffix(16) : head) + blank.marker + (tail.count > 16 ? tail.prefix(16) + "…" : tail)
    }

    /// Pads to a display width, counting CJK as two columns.
    static func pad(_ s: String, _ width: Int) -> String {
        let used = s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.properties.isIdeographic) || ($1.value >= 0x3000 && $1.value <= 0xFFEF) ? 2 : 1) }
        return used >= width ? s : s + String(repeating: " ", count: width - used)
    }

    static func json(_ template: Template) -> String {
        var fieldOfBlank: [Int: String] = [:]
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        let q = JSONText.quoted
        var out = "{\n"
        out += "  \"template\": \(q(template.source)),\n"
        out += "  \"sha256\": \(q(template.digest)),\n"
        out += "  \"title\": \(q(template.title)),\n"
        out += "  \"encoding\": \(q(template.encoding.rawValue)),\n"
        out += "  \"byteOrderMark\": \(template.hasByteOrderMark),\n"
        out += "  \"lineEnding\": \(q(template.lineEnding.rawValue)),\n"
        out += "  \"removedLines\": [" + template.removedLines.map {
            "\n    {\"line\": \($0.line), \"text\": \(q($0.text))}"
        }.joined(separator: ",") + (template.removedLines.isEmpty ? "],\n" : "\n  ],\n")
        out += "  \"blanks\": [" + template.blanks.map { b in
            "\n    {\"index\": \(b.index), \"line\": \(b.line), \"column\": \(b.column), \"marker\": \(q(b.marker)), \"kind\": \(q(b.kind.rawValue)), \"field\": \(q(fieldOfBlank[b.index] ?? "")), \"context\": \(q(b.context))}"
        }.joined(separator: ",") + "\n  ],\n"
        out += "  \"fields\": [" + template.fields.map { f in
            var parts = ["\"id\": \(q(f.id))", "\"kind\": \(q(f.kind.rawValue))"]
            if let unit = f.unit { parts.append("\"unit\": \(q(unit))") }
            parts.append("\"label\": \(q(f.label))")
            if let minimum = f.minimum { parts.append("\"min\": \(minimum)") }
            if let maximum = f.maximum { parts.append("\"max\": \(maximum)") }
            parts.append("\"blanks\": [\(f.blankIndexes.map(String.init).joined(separator: ", "))]")
            return "\n    {" + parts.joined(separator: ", ") + "}"
        }.joined(separator: ",") + "\n  ]\n}\n"
        return out
    }
}
