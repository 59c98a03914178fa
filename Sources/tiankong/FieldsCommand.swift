import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
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
            FieldsListing.text(template, say: CommandText(), emit: emit)
            if let word { FieldsListing.places(word, say: CommandText(), emit: emit) }
        }
        if let failure { throw CommandFailure(message: Messages().text(for: failure), status: failure.exitStatus) }
    }
}

/// A megabyte of output filled byte by byte without the checks of an array append, handed to `emit` when full.
struct ListingWriter: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private let emit: (UnsafeRawBufferPointer) -> Void

    init(capacity: Int = 1 << 20, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        buffer = .allocate(capacity: capacity)
        self.emit = emit
    }

    deinit { buffer.deallocate() }

    /// Hands what is written so far to `emit`.
    mutating func drain() {
        if count > 0 { emit(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
        count = 0
    }

    /// Makes room for `n` bytes (at most the capacity).
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > buffer.count { drain() }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        buffer[count] = b
        count += 1
    }

    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        if raw.count > buffer.count {
            drain()
            emit(raw)
            return
        }
        reserve(raw.count)
        if let source = raw.baseAddress { (buffer.baseAddress! + count).initialize(from: source.assumingMemoryBound(to: UInt8.self), count: raw.count) }
        count += raw.count
    }

    mutating func bytes(_ array: [UInt8]) { array.withUnsafeBytes { bytes($0) } }
    mutating func bytes(_ slice: ArraySlice<UInt8>) { slice.withUnsafeBytes { bytes($0) } }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    mutating func line(_ s: String) {
        text(s)
        byte(0x0A)
    }

    mutating func spaces(_ n: Int) {
        reserve(n)
        for _ in 0..<min(n, buffer.count) { buffer[count] = 0x20; count += 1 }
    }

    /// Writes UTF-8 as a JSON string (JSONText's escapes), the runs between escapes copied whole.
    mutating func jsonQuoted(_ raw: UnsafeRawBufferPointer) {
        byte(0x22)
        var start = 0
        for k in 0..<raw.count {
            guard let escape = JSONText.escapes[Int(raw[k])] else { continue }
            if k > start { bytes(UnsafeRawBufferPointer(rebasing: raw[start..<k])) }
            bytes(escape)
            start = k + 1
        }
        if raw.count > start { bytes(UnsafeRawBufferPointer(rebasing: raw[start..<raw.count])) }
        byte(0x22)
    }

    mutating func jsonQuoted(_ s: String) {
        var s = s
        s.withUTF8 { jsonQuoted(UnsafeRawBufferPointer($0)) }
    }

    /// Writes a number in decimal, with a sign when it is negative.
    mutating func number(_ value: Int) {
        if value < 0 { byte(0x2D); digits(value == .min ? Int.max : -value) } else { digits(value) }
    }

    /// Writes a non-negative number in decimal; returns how many digits it took.
    @discardableResult
    mutating func digits(_ value: Int) -> Int {
        var n = 1
        var scale = 10
        while n < 19, value >= scale { n += 1; scale &*= 10 }
        reserve(n)
        var v = value
        var k = count + n - 1
        while k >= count { buffer[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10); v /= 10; k -= 1 }
        count += n
        return n
    }
}

/// Cells of the text listing that repeat (a kind with its unit, a marker), made once and kept with
/// what they were made for; the last one used is tried first.
struct ListingCells {
    let say: CommandText
    private var kinds: [Kind] = [], units: [String?] = [], kindCells: [[UInt8]] = []
    private var lastKind = -1
    private var markers: [[UInt8]] = [], markerCells: [[UInt8]] = []
    private var lastMarker = -1

    init(say: CommandText) { self.say = say }

    /// "整数·次" and its padding to ten columns.
    mutating func kind(_ kind: Kind, _ unit: String?) -> [UInt8] {
        if lastKind >= 0, kinds[lastKind] == kind, units[lastKind] == unit { return kindCells[lastKind] }
        if let made = kinds.indices.first(where: { kinds[$0] == kind && units[$0] == unit }) {
            lastKind = made
        } else {
            let text = say.kindName(kind) + (unit.map { "·\($0)" } ?? "")
            kinds.append(kind)
            units.append(unit)
            kindCells.append(Array(text.utf8) + Array(repeating: 0x20, count: max(1, 10 - FieldsListing.displayWidth(text) + 1)))
            lastKind = kindCells.count - 1
        }
        return kindCells[lastKind]
    }

    /// A marker and its padding to five columns, found by the marker's bytes (no String compared).
    mutating func marker(_ bytes: ArraySlice<UInt8>, _ text: String) -> [UInt8] {
        func same(_ marker: [UInt8]) -> Bool {
            guard marker.count == bytes.count else { return false }
            return marker.isEmpty || marker.withUnsafeBytes { x in
                bytes.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
        }
        if lastMarker >= 0, same(markers[lastMarker]) { return markerCells[lastMarker] }
        if let made = markers.firstIndex(where: same) {
            lastMarker = made
        } else {
            markers.append(Array(bytes))
            markerCells.append(Array(text.utf8) + Array(repeating: 0x20, count: max(1, 5 - FieldsListing.displayWidth(text) + 1)))
            lastMarker = markerCells.count - 1
        }
        return markerCells[lastMarker]
    }
}

/// Where the two halves of the blank lines go: the first to `emit`, the second kept (in the writer's
/// megabyte chunks, never copied into a growing array) until the first is out.
final class ListingParts: @unchecked Sendable {
    let emit: (UnsafeRawBufferPointer) -> Void
    var kept: [[UInt8]] = []

    init(emit: @escaping (UnsafeRawBufferPointer) -> Void) { self.emit = emit }
}

/// The two listings of `fields`.
enum FieldsListing {
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
        // The field of every blank, as a position in `template.fields` (-1 for none).
        var fieldPositions = [Int](repeating: -1, count: (template.blanks.map(\.index).max() ?? 0) + 1)
        for position in template.fields.indices { for index in template.fields[position].blankIndexes { fieldPositions[index] = position } }
        let fieldOfBlank = fieldPositions
        var cells = ListingCells(say: say)
        let blanks = template.blanks
        if blanks.count >= 1 << 14 {
            // Many blanks: their lines made on two cores, the first half written out as it is made, the
            // second kept in memory and written after it.
            out.drain()
            let middle = blanks.count / 2
            let parts = ListingParts(emit: emit)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                var cells = ListingCells(say: say)
                if half == 0 {
                    var first = ListingWriter(emit: parts.emit)
                    blankLines(template, 0..<middle, fieldOfBlank: fieldOfBlank, cells: &cells, out: &first)
                    first.drain()
                } else {
                    var second = ListingWriter(emit: { parts.kept.append(Array($0)) })
                    blankLines(template, middle..<blanks.count, fieldOfBlank: fieldOfBlank, cells: &cells, out: &second)
                    second.drain()
                }
            }
            for chunk in parts.kept { chunk.withUnsafeBytes { emit($0) } }
        } else {
            blankLines(template, blanks.indices, fieldOfBlank: fieldOfBlank, cells: &cells, out: &out)
        }
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

    /// The lines of `range` of the template's blanks.
    static func blankLines(_ template: Template, _ range: Range<Int>, fieldOfBlank: [Int], cells: inout ListingCells, out: inout ListingWriter) {
        let blanks = template.blanks
        for k in range {
            // One line a blank, written byte by byte (the blank read in place): this loop runs once for each of a million blanks.
            out.byte(0x20); out.byte(0x20)
            out.spaces(max(1, 4 - out.digits(blanks[k].index) + 1))
            let lineDigits = out.digits(blanks[k].line)
            out.byte(0x3A)
            let columnDigits = out.digits(blanks[k].column)
            out.spaces(max(1, 8 - (lineDigits + 1 + columnDigits) + 1))
            let excerpt = blanks[k].excerptUTF8
            out.bytes(cells.marker(excerpt[blanks[k].byteRange], blanks[k].marker))
            out.bytes(cells.kind(blanks[k].kind, blanks[k].unit))
            let position = fieldOfBlank[blanks[k].index]
            let id = position >= 0 ? template.fields[position].id : ""
            out.text(id)
            out.spaces(max(1, 4 - id.utf8.count + 1))
            out.bytes(excerpt)
            out.byte(0x0A)
        }
    }

    /// Columns a string takes in a terminal (wcwidth, through the wizard's one measure), ASCII counted directly.
    static func displayWidth(_ s: String) -> Int {
        s.utf8.allSatisfy({ $0 < 0x80 }) ? s.utf8.count : DisplayWidth.of(s)
    }

    /// The listing as JSON, written a megabyte at a time; the sentences are quoted straight from the
    /// template's bytes.
    /// Where a Word template's blanks (by their position in `template.blanks`) and lines (0-based) are.
    struct Places {
        let blank: (Int) -> WordPlace
        let line: (Int) -> WordPlace
    }

    static func json(_ template: Template, places: Places? = nil, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        var fieldOfBlank = [String](repeating: "", count: (template.blanks.map(\.index).max() ?? 0) + 1)
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        var out = ListingWriter(emit: emit)
        out.text("{\n  \"template\": "); out.jsonQuoted(template.source)
        out.text(",\n  \"title\": "); out.jsonQuoted(template.title)
        if let schema = template.schemaSource { out.text(",\n  \"schema\": "); out.jsonQuoted(schema) }
        out.text(",\n  \"encoding\": "); out.jsonQuoted(template.encoding.rawValue)
        out.text(",\n  \"byteOrderMark\": \(template.hasByteOrderMark)")
        out.text(",\n  \"lineEnding\": "); out.jsonQuoted(template.lineEnding.rawValue)
        out.text(",\n  \"removedLines\": [")
        for (i, line) in template.removedLines.enumerated() {
            out.text(i == 0 ? "\n    {\"line\": " : ",\n    {\"line\": ")
            out.digits(line.line)
            out.text(", \"text\": "); out.jsonQuoted(line.text)
            out.text(", \"reason\": "); out.jsonQuoted(line.reason)
            if let places { place(places.line(line.line - 1), out: &out) }
            out.byte(0x7D)
        }
        out.text(template.removedLines.isEmpty ? "],\n  \"blanks\": [" : "\n  ],\n  \"blanks\": [")
        template.text.withUnsafeBytes { text in
            var lastMarker = ""
            var markerCell: [UInt8] = []
            for (i, b) in template.blanks.enumerated() {
                out.text(i == 0 ? "\n    {\"index\": " : ",\n    {\"index\": ")
                out.digits(b.index)
                out.text(", \"line\": "); out.digits(b.line)
                out.text(", \"column\": "); out.digits(b.column)
                out.text(", \"marker\": ")
                // Markers repeat ("X", "XXX"): quoted once and reused while the same one comes.
                if b.marker != lastMarker || markerCell.isEmpty {
                    lastMarker = b.marker
                    markerCell = []
                    JSONText.appendQuoted(b.marker, to: &markerCell)
                }
                out.bytes(markerCell)
                out.text(", \"kind\": \""); out.text(b.kind.rawValue)
                out.text("\", \"field\": \""); out.text(fieldOfBlank[b.index])
                out.text("\", \"context\": ")
                out.jsonQuoted(UnsafeRawBufferPointer(rebasing: text[b.contextRange]))
                if let places { place(places.blank(i), out: &out) }
                out.byte(0x7D)
            }
        }
        out.text("\n  ],\n  \"fields\": [")
        for (i, f) in template.fields.enumerated() {
            out.text(i == 0 ? "\n    {\"id\": \"" : ",\n    {\"id\": \"")
            out.text(f.id)
            out.text("\", \"kind\": \""); out.text(f.kind.rawValue); out.byte(0x22)
            if let unit = f.unit { out.text(", \"unit\": "); out.jsonQuoted(unit) }
            out.text(", \"label\": "); out.jsonQuoted(f.label)
            if let hint = f.hint { out.text(", \"hint\": "); out.jsonQuoted(hint) }
            if let value = f.defaultAnswer { out.text(", \"default\": "); out.jsonQuoted(value) }
            if f.isOptional { out.text(", \"optional\": true") }
            if let sameAs = f.sameAs { out.text(", \"sameAs\": "); out.jsonQuoted(sameAs) }
            if let minimum = f.minimum { out.text(", \"min\": "); out.number(minimum) }
            if let maximum = f.maximum { out.text(", \"max\": "); out.number(maximum) }
            out.text(", \"blanks\": [")
            for (k, index) in f.blankIndexes.enumerated() {
                if k > 0 { out.text(", ") }
                out.digits(index)
            }
            out.text("]}")
        }
        out.text("\n  ]\n}\n")
        out.drain()
    }

    /// `, "place": {"story": "body", "part": "word/document.xml", "table": 1, "row": 2, "cell": 1}`.
    static func place(_ place: WordPlace, out: inout ListingWriter) {
        out.text(", \"place\": {\"story\": \""); out.text(place.story.rawValue)
        out.text("\", \"part\": "); out.jsonQuoted(place.part)
        for (name, value) in [("note", place.note), ("paragraph", place.paragraph), ("table", place.table), ("row", place.row), ("cell", place.cell)] {
            guard let value else { continue }
            out.text(", \""); out.text(name); out.text("\": "); out.digits(value)
        }
        if place.inTextBox { out.text(", \"textBox\": true") }
        out.byte(0x7D)
    }
}
