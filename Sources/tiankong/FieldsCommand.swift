import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongWizard

/// `tiankong fields`: the blanks a template has, what each asks for, and the fields the user answers.
struct FieldsCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable, NamedInHelp { case text, json }

    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: CommandText().t("列出模板里的空、每个空要填什么，以及要回答的字段", "List a template's blanks, what each asks for, and its fields"))

    @OptionGroup var template: TemplateOptions

    @Option(help: ArgumentHelp(CommandText().t("输出格式：text 或 json", "Output format: text or json")))
    var format: Format = .text

    func run() throws {
        let (template, word) = try self.template.loadWithWord()
        // Written out a megabyte at a time, so a listing of a million blanks is never held whole.
        // The first failed write is kept and reported; the rest of the listing is not written.
        var failure: OutputError?
        let emit: (UnsafeRawBufferPointer) -> Void = { chunk in
            guard failure == nil, chunk.count > 0 else { return }
            do throws(OutputError) { try AtomicFile.write(chunk, toDescriptor: 1, name: CommandText.standardOutput) } catch { failure = error }
        }
        if format == .json {
            FieldsListing.json(template, places: word.map(FieldsListing.places), emit: emit)
        } else {
            FieldsText.text(template, say: CommandText(), emit: emit)
            if let word { FieldsListing.places(word, say: CommandText(), emit: emit) }
        }
        if let failure { throw CommandFailure(message: Messages().text(for: failure), status: failure.exitStatus) }
    }
}

/// The text listing of `fields`, in the user's language; the blanks' lines are the engine's.
enum FieldsText {
    static func text(_ template: Template, say: CommandText, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        var out = ListingWriter(emit: emit)
        func cell(_ s: String, _ width: Int) {
            out.text(s)
            out.spaces(max(1, width - displayWidth(s) + 1))
        }
        out.line(say.t("模板：\(template.source)", "Template: \(template.source)"))
        if let schema = template.schemaSource { out.line(say.t("模板说明：\(schema)", "Schema: \(schema)")) }
        out.line(say.t("标题：\(template.title)", "Title: \(template.title)"))
        out.line(say.t("编码：\(say.encodingName(template.encoding))\(template.hasByteOrderMark ? "（带 BOM）" : "")，换行：\(template.lineEnding.rawValue.uppercased())",
                   "Encoding: \(say.encodingName(template.encoding))\(template.hasByteOrderMark ? " with BOM" : ""), line endings: \(template.lineEnding.rawValue.uppercased())"))
        if !template.removedLines.isEmpty {
            out.line(say.t("\n已去掉的广告行（\(template.removedLines.count) 行）：", "\nAdvert lines removed (\(template.removedLines.count)):"))
            // "  第 12 行：…" / "  line 12: …", the words made once.
            let lineOpen = Array(say.t("  第 ", "  line ").utf8), lineClose = Array(say.t(" 行：", ": ").utf8)
            for removed in template.removedLines {
                out.bytes(lineOpen)
                out.digits(removed.line)
                out.bytes(lineClose)
                out.text(removed.text)
                out.line(say.t("　〔\(removed.reason)〕", "  [\(removed.reason)]"))
            }
        }
        out.line(say.t("\n空（\(template.blanks.count) 个）：", "\nBlanks (\(template.blanks.count)):"))
        out.drain()
        FieldsListing.blankLines(template, cells: { makeCells(say) }, emit: emit)
        var cells = makeCells(say)
        out.line(say.t("\n字段（\(template.fields.count) 个）：", "\nFields (\(template.fields.count)):"))
        var idWidth = template.fields.isEmpty ? 4 : 0
        for k in template.fields.indices { idWidth = max(idWidth, template.fields[k].id.count) }
        let blanksOpen = Array(say.t("［空 ", "[blanks ").utf8), blanksClose = Array(say.t("］", "]").utf8)
        for k in template.fields.indices {
            // Read in place: copying a field with a hundred thousand blanks for each line would cost more than the line.
            let id = template.fields[k].id
            out.byte(0x20); out.byte(0x20)
            cell(id, idWidth)
            out.bytes(cells.kind(template.fields[k].kind, template.fields[k].unit))
            out.text(template.fields[k].label)
            out.byte(0x20); out.byte(0x20)
            out.bytes(blanksOpen)
            for (n, index) in template.fields[k].blankIndexes.enumerated() {
                if n > 0 { out.byte(0x2C) }
                out.digits(index)
            }
            out.bytes(blanksClose)
            if let sameAs = template.fields[k].sameAs { out.text(say.t("  可能与 \(sameAs) 相同", "  may be the same as \(sameAs)")) }
            out.byte(0x0A)
        }
        out.drain()
    }

    /// The kind and marker cells, in the user's language and measured as a terminal shows them.
    static func makeCells(_ say: CommandText) -> ListingCells {
        ListingCells(kindText: { kind, unit in say.kindName(kind) + (unit.map { "·\($0)" } ?? "") }, width: displayWidth)
    }

    /// Columns a string takes in a terminal (wcwidth, through the wizard's one measure), ASCII counted directly.
    static func displayWidth(_ s: String) -> Int {
        s.utf8.allSatisfy({ $0 < 0x80 }) ? s.utf8.count : DisplayWidth.of(s)
    }
}
