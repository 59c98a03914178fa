import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

// The listing of `tiankong fields`: a template's blanks and fields, written out a megabyte at a time
// (a listing of a million blanks is never held whole), its lines made on two cores for a big template.

/// A megabyte of output filled byte by byte without the checks of an array append, handed to `emit` when full.
public struct ListingWriter: ~Copyable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline let emit: (UnsafeRawBufferPointer) -> Void

    public init(capacity: Int = 1 << 20, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        buffer = .allocate(capacity: capacity)
        self.emit = emit
    }

    deinit { buffer.deallocate() }

    /// Hands what is written so far to `emit`.
    @inlinable
    public mutating func drain() {
        if count > 0 { emit(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
        count = 0
    }

    /// Makes room for `n` bytes (at most the capacity).
    @inlinable
    mutating func reserve(_ n: Int) {
        if count + n > buffer.count { drain() }
    }

    @inlinable
    public mutating func byte(_ b: UInt8) {
        reserve(1)
        buffer[count] = b
        count += 1
    }

    @inlinable
    public mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        if raw.count > buffer.count {
            drain()
            emit(raw)
            return
        }
        reserve(raw.count)
        if let source = raw.baseAddress { (buffer.baseAddress! + count).initialize(from: source.assumingMemoryBound(to: UInt8.self), count: raw.count) }
        count += raw.count
    }

    @inlinable
    public mutating func bytes(_ array: [UInt8]) { array.withUnsafeBytes { bytes($0) } }
    @inlinable
    public mutating func bytes(_ slice: ArraySlice<UInt8>) { slice.withUnsafeBytes { bytes($0) } }

    @inlinable
    public mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    @inlinable
    public mutating func line(_ s: String) {
        text(s)
        byte(0x0A)
    }

    @inlinable
    public mutating func spaces(_ n: Int) {
        reserve(n)
        for _ in 0..<min(n, buffer.count) { buffer[count] = 0x20; count += 1 }
    }

    /// Writes UTF-8 as a JSON string (JSONText's escapes), the runs between escapes copied whole.
    @inlinable
    public mutating func jsonQuoted(_ raw: UnsafeRawBufferPointer) {
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

    @inlinable
    public mutating func jsonQuoted(_ s: String) {
        var s = s
        s.withUTF8 { jsonQuoted(UnsafeRawBufferPointer($0)) }
    }

    /// Writes a number in decimal, with a sign when it is negative.
    @inlinable
    public mutating func number(_ value: Int) {
        if value < 0 { byte(0x2D); digits(value == .min ? Int.max : -value) } else { digits(value) }
    }

    /// Writes a non-negative number in decimal; returns how many digits it took.
    @inlinable @discardableResult
    public mutating func digits(_ value: Int) -> Int {
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
public struct ListingCells {
    /// A kind's name with its unit ("整数·次"), and a text's width in terminal columns.
    private let kindText: (Kind, String?) -> String
    private let width: (String) -> Int
    private var kinds: [Kind] = [], units: [String?] = [], kindCells: [[UInt8]] = []
    private var lastKind = -1
    private var markers: [[UInt8]] = [], markerCells: [[UInt8]] = []
    private var lastMarker = -1

    public init(kindText: @escaping (Kind, String?) -> String, width: @escaping (String) -> Int) {
        self.kindText = kindText
        self.width = width
    }

    /// "整数·次" and its padding to ten columns.
    public mutating func kind(_ kind: Kind, _ unit: String?) -> [UInt8] {
        if lastKind >= 0, kinds[lastKind] == kind, units[lastKind] == unit { return kindCells[lastKind] }
        if let made = kinds.indices.first(where: { kinds[$0] == kind && units[$0] == unit }) {
            lastKind = made
        } else {
            let text = kindText(kind, unit)
            kinds.append(kind)
            units.append(unit)
            kindCells.append(Array(text.utf8) + Array(repeating: 0x20, count: max(1, 10 - width(text) + 1)))
            lastKind = kindCells.count - 1
        }
        return kindCells[lastKind]
    }

    /// A marker and its padding to five columns, found by the marker's bytes (no String compared).
    public mutating func marker(_ bytes: ArraySlice<UInt8>, _ text: String) -> [UInt8] {
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
            markerCells.append(Array(text.utf8) + Array(repeating: 0x20, count: max(1, 5 - width(text) + 1)))
            lastMarker = markerCells.count - 1
        }
        return markerCells[lastMarker]
    }
}

/// Where the two halves of a listing's lines go: the first to `emit`, the second kept (in the writer's
/// megabyte chunks, never copied into a growing array) until the first is out.
private final class ListingParts: @unchecked Sendable {
    let emit: (UnsafeRawBufferPointer) -> Void
    var kept: [[UInt8]] = []

    init(emit: @escaping (UnsafeRawBufferPointer) -> Void) { self.emit = emit }
}

extension ListingWriter {
    /// Writes the lines of `count` items with `write`, the two halves at once on two cores when
    /// `parallel`: the first half to `emit` as it is made, the second kept until the first is out.
    public static func lines(_ count: Int, parallel: Bool, emit: @escaping (UnsafeRawBufferPointer) -> Void,
                             _ write: @escaping @Sendable (Range<Int>, inout ListingWriter) -> Void) {
        guard parallel, count > 1 else {
            var out = ListingWriter(emit: emit)
            write(0..<count, &out)
            out.drain()
            return
        }
        let middle = count / 2
        let parts = ListingParts(emit: emit)
        Parallel.run(2) { half in
            if half == 0 {
                var first = ListingWriter(emit: parts.emit)
                write(0..<middle, &first)
                first.drain()
            } else {
                var second = ListingWriter(emit: { parts.kept.append(Array($0)) })
                write(middle..<count, &second)
                second.drain()
            }
        }
        for chunk in parts.kept { chunk.withUnsafeBytes { emit($0) } }
    }
}

/// The parts of the listings that read the template's blanks and fields.
public enum FieldsListing {
    /// One line a blank ("     3  12:7     XXX  文本       f2  …XXX党组…"), made on two cores for a big
    /// template: the first half written to `emit` as it is made, the second kept until the first is out.
    /// - Parameter cells: makes the kind and marker cells (in the listing's language and widths).
    public static func blankLines(_ template: Template, cells makeCells: @escaping @Sendable () -> ListingCells,
                                  emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        // The field of every blank, as a position in `template.fields` (-1 for none).
        var fieldPositions = [Int](repeating: -1, count: (template.blanks.map(\.index).max() ?? 0) + 1)
        for position in template.fields.indices { for index in template.fields[position].blankIndexes { fieldPositions[index] = position } }
        let fieldOfBlank = fieldPositions
        let blanks = template.blanks
        ListingWriter.lines(blanks.count, parallel: Parallel.pays(forBytes: template.text.count), emit: emit) { range, out in
            var cells = makeCells()
            blankLines(template, range, fieldOfBlank: fieldOfBlank, cells: &cells, out: &out)
        }
    }

    /// The lines of `range` of the template's blanks.
    private static func blankLines(_ template: Template, _ range: Range<Int>, fieldOfBlank: [Int], cells: inout ListingCells, out: inout ListingWriter) {
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

    /// The listing as JSON, written a megabyte at a time; the sentences are quoted straight from the
    /// template's bytes.
    /// Where a Word template's blanks (by their position in `template.blanks`) and lines (0-based) are.
    public struct Places {
        let blank: (Int) -> WordPlace
        let line: (Int) -> WordPlace

        public init(blank: @escaping (Int) -> WordPlace, line: @escaping (Int) -> WordPlace) {
            self.blank = blank
            self.line = line
        }
    }

    public static func json(_ template: Template, places: Places? = nil, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
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
            if !f.choices.isEmpty {
                out.text(", \"choices\": [")
                for (k, choice) in f.choices.enumerated() {
                    if k > 0 { out.text(", ") }
                    out.jsonQuoted(choice)
                }
                out.byte(0x5D)
            }
            if let length = f.minimumLength { out.text(", \"minLength\": "); out.number(length) }
            if let length = f.maximumLength { out.text(", \"maxLength\": "); out.number(length) }
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
