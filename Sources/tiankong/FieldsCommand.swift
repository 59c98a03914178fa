import ArgumentParser
import Foundation
import TiankongEngine
import TiankongWizard

/// `tiankong fields`: the blanks a template has, what each asks for, and the fields the user answers.
struct FieldsCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: CommandText().t("列出模板里的空、每个空要填什么，以及要回答的字段", "List a template's blanks, what each asks for, and its fields"))

    @OptionGroup var template: TemplateOptions

    @Option(help: ArgumentHelp(CommandText().t("输出格式：text 或 json", "Output format: text or json")))
    var format: Format = .text

    func run() throws {
        let t0 = DispatchTime.now().uptimeNanoseconds
        defer { if getenv("TKT") != nil { FileHandle.standardError.write("run \((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000) ms\n".data(using: .utf8)!) } }
        let template = try template.load()
        if getenv("TKT") != nil { FileHandle.standardError.write("load \((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000) ms\n".data(using: .utf8)!) }
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
        func spaces(_ count: Int) { for _ in 0..<count { out.append(0x20) } }
        func cell(_ s: String, _ width: Int) {
            out.append(contentsOf: s.utf8)
            spaces(max(1, width - displayWidth(s) + 1))
        }
        // Numbers are written digit by digit, without making a String.
        func digits(_ value: Int) -> Int {
            var count = 1, v = value
            while v >= 10 { v /= 10; count += 1 }
            var scale = 1
            for _ in 1..<count { scale *= 10 }
            v = value
            while scale > 0 { out.append(UInt8(0x30 + v / scale)); v %= scale; scale /= 10 }
            return count
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
        // The field of every blank, as a position in `template.fields` (-1 for none).
        var fieldOfBlank = [Int](repeating: -1, count: (template.blanks.map(\.index).max() ?? 0) + 1)
        for (position, field) in template.fields.enumerated() { for index in field.blankIndexes { fieldOfBlank[index] = position } }
        // Cells that repeat (a kind with its unit, a marker) are made once and kept with what they were made for.
        var kindCells: [[(unit: String?, bytes: [UInt8])]] = Array(repeating: [], count: Kind.allCases.count)
        let kindNumber = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        func kindCell(_ kind: Kind, _ unit: String?) -> [UInt8] {
            let k = kindNumber[kind]!
            if let made = kindCells[k].first(where: { $0.unit == unit }) { return made.bytes }
            let text = say.kindName(kind) + (unit.map { "·\($0)" } ?? "")
            let bytes = Array(text.utf8) + Array(repeating: 0x20, count: max(1, 10 - displayWidth(text) + 1))
            kindCells[k].append((unit, bytes))
            return bytes
        }
        var markerCell: (marker: String, bytes: [UInt8]) = ("", [])
        for blank in template.blanks {
            // One line a blank, written byte by byte into the buffer: this loop runs once for each of a million blanks.
            out.append(0x20); out.append(0x20)
            let indexDigits = digits(blank.index)
            spaces(max(1, 4 - indexDigits + 1))
            let lineDigits = digits(blank.line)
            out.append(0x3A)
            let columnDigits = digits(blank.column)
            spaces(max(1, 8 - (lineDigits + 1 + columnDigits) + 1))
            if markerCell.marker != blank.marker {
                let width = displayWidth(blank.marker)
                markerCell = (blank.marker, Array(blank.marker.utf8) + Array(repeating: 0x20, count: max(1, 5 - width + 1)))
            }
            out.append(contentsOf: markerCell.bytes)
            out.append(contentsOf: kindCell(blank.kind, blank.unit))
            let position = fieldOfBlank[blank.index]
            let id = position >= 0 ? template.fields[position].id : ""
            out.append(contentsOf: id.utf8)
            spaces(max(1, 4 - id.utf8.count + 1))
            out.append(contentsOf: blank.excerptUTF8)
            out.append(0x0A)
            flush()
        }
        line(say.t("\n字段（\(template.fields.count) 个）：", "\nFields (\(template.fields.count)):"))
        let idWidth = template.fields.map(\.id.count).max() ?? 4
        let blanksOpen = Array(say.t("［空 ", "[blanks ").utf8), blanksClose = Array(say.t("］", "]").utf8)
        for field in template.fields {
            out.append(0x20); out.append(0x20)
            cell(field.id, idWidth)
            let kind = kindCell(field.kind, field.unit)
            out.append(contentsOf: kind)
            out.append(contentsOf: field.label.utf8)
            out.append(0x20); out.append(0x20)
            out.append(contentsOf: blanksOpen)
            for (k, index) in field.blankIndexes.enumerated() {
                if k > 0 { out.append(0x2C) }
                _ = digits(index)
            }
            out.append(contentsOf: blanksClose)
            out.append(0x0A)
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
