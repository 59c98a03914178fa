import FoundationEssentials
import Synchronization

/// A report template: its text, the adverts removed from it, its blanks and the fields the user answers.
public struct Template: Sendable {
    /// Options for reading a template.
    public struct Options: Sendable, Equatable {
        /// Keep reseller advertising instead of removing it.
        public var keepBoilerplate = false
        /// Use the schema beside the template (TEMPLATE.tiankong.yaml) when there is one.
        public var useSchema = true
        /// Work out the file's SHA-256 with the analysis (on a second core for a big template): the
        /// wizard names its autosave by it before its first frame.
        public var digestAlongside = false

        public init(keepBoilerplate: Bool = false, useSchema: Bool = true, digestAlongside: Bool = false) {
            self.keepBoilerplate = keepBoilerplate
            self.useSchema = useSchema
            self.digestAlongside = digestAlongside
        }
    }

    /// Where the template came from: the path as the user gave it, or the bundled template's name.
    public let source: String
    /// The file's bytes as read (shared with `text` when the file is UTF-8 without a BOM).
    public let fileBytes: [UInt8]
    /// SHA-256 of the template file's bytes (a Word template's visible text), in lowercase hex; computed
    /// when asked (unless `Options.digestAlongside` had it worked out), so keep it.
    public var digest: String { knownDigest ?? SHA256.hex(fileBytes) }
    private var knownDigest: String?
    public let encoding: TextEncoding
    public let hasByteOrderMark: Bool
    public let lineEnding: LineEnding
    /// The whole decoded text as UTF-8 (adverts included).
    public let text: [UInt8]
    /// The report's title: the first line after the adverts.
    public let title: String
    /// Where the title lies in `text`.
    public let titleRange: Range<Int>?
    /// The advert lines left out of the report (non-empty ones; empty lines around them go too).
    public let removedLines: [RemovedLine]
    /// The byte ranges of `text` that make up the report, in order.
    public let keptRanges: [ByteSpan]
    /// The blanks in document order (with a schema, literal texts it replaces are blanks too).
    public let blanks: [Blank]
    /// The questions, in the order they first appear in the report.
    public let fields: [Field]
    /// Comparisons between numeric fields, from the schema.
    public let rules: [Rule]
    /// Where the schema came from, when one was used.
    public let schemaSource: String?
    /// Where the report's own text ends in `text`, when something follows that is not written with it
    /// (a Word template's headers and footers, which are page chrome); nil for the whole text.
    public var reportEnd: Int?

    /// The bundled template, "2020年党建工作总结（党组）", with its curated schema.
    public static func bundled(options: Options = Options()) throws(TemplateError) -> Template {
        guard let bytes = BundledResources.bytes(at: BundledResources.bundledTemplatePath) else {
            throw .notFound(path: BundledResources.bundledTemplatePath)
        }
        var schema: SchemaFile?
        if options.useSchema, let yaml = BundledResources.text(at: BundledResources.bundledSchemaPath) {
            schema = SchemaFile(text: yaml, path: bundledSchemaName)
        }
        return try Template(bytes: bytes, source: bundledName, options: options, schema: schema)
    }

    /// The name the bundled template's schema is shown by.
    public static let bundledSchemaName = "2020年党建工作总结（党组）.tiankong.yaml"

    /// The name the bundled template is shown by.
    public static let bundledName = "2020年党建工作总结（党组）.txt"

    /// Reads and analyses the template at `path`, with the schema beside it unless `options` say not to.
    public static func load(path: String, options: Options = Options()) throws(TemplateError) -> Template {
        let bytes = try InputFile.read(path)
        var schema: SchemaFile?
        if options.useSchema, let schemaPath = Schema.path(besideTemplate: path) {
            do {
                let yaml = try InputFile.read(schemaPath, limit: 16 << 20)
                schema = SchemaFile(text: String(decoding: yaml, as: UTF8.self), path: schemaPath)
            } catch {
                throw .schema(SchemaError(path: schemaPath, line: nil, problem: .unreadable(Messages().text(for: error))))
            }
        }
        return try Template(bytes: bytes, source: path, options: options, schema: schema)
    }

    /// A schema's text and where it came from.
    public struct SchemaFile: Sendable {
        public var text: String
        public var path: String
        public init(text: String, path: String) { self.text = text; self.path = path }
    }

    /// Analyses template bytes, applying a schema when one is given.
    public init(bytes: [UInt8], source: String, options: Options = Options(), schema: SchemaFile?,
                boilerplate: Boilerplate = .bundled, scanner: BlankScanner = .bundled) throws(TemplateError) {
        // A thread takes longer to start than a small template's digest takes: only a big template's
        // is worked out in parallel, a small one's after the analysis. (No Background at all
        // for small ones: each kind of it is a generic type the Swift runtime builds on first use.)
        let digestInParallel = options.digestAlongside && bytes.count >= 256 << 10 ? Background { SHA256.hex(bytes) } : nil
        func digest() -> String? {
            options.digestAlongside ? digestInParallel?.value ?? SHA256.hex(bytes) : nil
        }
        guard let schema else {
            try self.init(bytes: bytes, source: source, options: options, boilerplate: boilerplate, scanner: scanner)
            knownDigest = digest()
            return
        }
        // A big schema is parsed on a second core while the template is analysed; a hand-written one
        // after it, sooner than a thread would start. Either way a mistake
        // in the template is the one reported when both have one.
        let parse = { @Sendable () -> Result<Schema, SchemaError> in
            do throws(SchemaError) { return .success(try Schema.parse(schema.text, path: schema.path)) } catch { return .failure(error) }
        }
        let parsedInParallel = schema.text.utf8.count >= 64 << 10 ? Background(parse) : nil
        try self.init(bytes: bytes, source: source, options: options, boilerplate: boilerplate, scanner: scanner)
        do {
            self = try applying((parsedInParallel?.value ?? parse()).get(), from: schema.path)
        } catch {
            throw .schema(error)
        }
        knownDigest = digest()
    }

    /// Analyses template bytes by inference alone.
    public init(bytes: [UInt8], source: String, options: Options = Options(),
                boilerplate: Boilerplate = .bundled, scanner: BlankScanner = .bundled) throws(TemplateError) {
        let decoded = try TextDecoder.decode(bytes, path: source)
        self.source = source
        fileBytes = bytes
        encoding = decoded.encoding
        hasByteOrderMark = decoded.hasByteOrderMark
        lineEnding = decoded.lineEnding
        text = decoded.utf8

        let lines = LineTable(text)
        let buffer = TextBuffer(text)
        // The report's lines (title, adverts) and the blanks' runs are read independently, on two cores
        // for a megabyte or more (below that the hand-over costs more than the second core saves): the
        // layout on one, the runs of each half of the lines on the other, each core taking the next part
        // as it finishes one.
        let parallel = Parallel.pays(forBytes: decoded.utf8.count)
        let stretches = lines.stretches(parallel ? 2 : 1)
        let parts = Parts(stretches: stretches.count)
        let keep = options.keepBoilerplate
        let analyse: @Sendable (Int) -> Void = { part in
            if part == 0 {
                parts.layout = ReportLayout(lines: lines, text: decoded.utf8, boilerplate: boilerplate, keep: keep)
            } else {
                let stretch = stretches[part - 1]
                parts.runs[part - 1] = decoded.utf8.withUnsafeBufferPointer {
                    scanner.runs(in: $0, bytes: stretch.bytes, firstLine: stretch.lines.lowerBound)
                }
            }
        }
        if parallel {
            Parallel.run(1 + stretches.count, analyse)
        } else {
            for part in 0...stretches.count { analyse(part) }
        }
        let layout = parts.layout!
        title = layout.title
        titleRange = layout.titleRange
        removedLines = layout.removedLines
        keptRanges = layout.keptRanges

        // Blanks on advert lines are not the report's; the rest are numbered 1…n.
        var runs: [BlankScanner.Run] = []
        runs.reserveCapacity(parts.runs.reduce(0) { $0 + $1.count })
        for part in parts.runs { runs += part.lazy.filter { !layout.isRemoved(line: $0.line) } }
        parts.runs = []
        let blanks = Template.blanks(of: runs, lines: lines, removed: layout.removed, buffer: buffer, parallel: parallel)
        if blanks.isEmpty { throw .noBlanks(path: source) }
        self.blanks = blanks
        fields = FieldGrouping.fields(for: blanks)
        fieldIndex = FieldIndex()
        rules = []
        schemaSource = nil
        self.lines = lines
    }

    private init(copying template: Template, blanks: [Blank], fields: [Field], rules: [Rule], schemaSource: String) {
        source = template.source
        fileBytes = template.fileBytes
        encoding = template.encoding
        hasByteOrderMark = template.hasByteOrderMark
        lineEnding = template.lineEnding
        text = template.text
        title = template.title
        titleRange = template.titleRange
        removedLines = template.removedLines
        keptRanges = template.keptRanges
        lines = template.lines
        self.blanks = blanks
        self.fields = fields
        fieldIndex = FieldIndex()
        self.rules = rules
        self.schemaSource = schemaSource
        knownDigest = template.knownDigest
        reportEnd = template.reportEnd
    }

    /// Where each line of `text` starts, for placing the blanks a schema adds.
    private let lines: LineTable

    /// This template with a schema applied.
    public func applying(_ schema: Schema, from path: String) throws(SchemaError) -> Template {
        let buffer = blanks.first?.source ?? TextBuffer(text)
        let result = try SchemaApplication.apply(schema, path: path, lines: lines, keptRanges: keptRanges,
                                                 blanks: blanks, fields: fields, buffer: buffer)
        return Template(copying: self, blanks: result.blanks, fields: result.fields, rules: result.rules, schemaSource: path)
    }

    /// The field with this id.
    public func field(_ id: String) -> Field? {
        fieldIndex.position(of: id, in: fields).map { fields[$0] }
    }

    /// The blanks for the runs a scan found, numbered in order; made on two cores when `parallel`,
    /// each writing its half straight into the array. `removed` says which lines are adverts, whose
    /// words are no blank's context.
    private static func blanks(of runs: [BlankScanner.Run], lines: LineTable, removed: [Bool], buffer: TextBuffer, parallel: Bool) -> [Blank] {
        [Blank](unsafeUninitializedCapacity: runs.count) { storage, initialized in
            let out = BlankStorage(base: storage.baseAddress)
            let make: @Sendable (Range<Int>) -> Void = { range in
                // Most markers repeat ("XXX", "X"): the last one's String is used again when the bytes are the same.
                var lastMarker = (bytes: UnsafeBufferPointer<UInt8>(start: nil, count: 0)[...], text: "")
                buffer.bytes.withUnsafeBufferPointer { b in
                    for k in range {
                        let run = runs[k]
                        let lineRange = lines.contentRange(run.line)
                        let marker = b[run.byteRange]
                        if !marker.elementsEqual(lastMarker.bytes) {
                            lastMarker = (marker, String(decoding: marker, as: UTF8.self))
                        }
                        let beforeStart = TextWindow.startBefore(b, run.byteRange.lowerBound, limit: 12, floor: lineRange.lowerBound)
                        let afterEnd = TextWindow.endAfter(b, run.byteRange.upperBound, limit: 12, ceiling: lineRange.upperBound)
                        // Text pasted from a PDF breaks lines anywhere ("〔201" / "×" / "〕", "×" / "月"): a blank at
                        // an end of its line reads its words from the next (or previous) line, when that is not empty
                        // and not an advert.
                        var guessBefore = b[beforeStart..<run.byteRange.lowerBound]
                        var guessAfter = b[run.byteRange.upperBound..<afterEnd]
                        if KindInference.withoutLeadingSpaces(guessAfter).isEmpty, run.line + 1 < lines.count, !removed[run.line + 1], !lines.isBlank(run.line + 1) {
                            let next = lines.contentRange(run.line + 1)
                            guessAfter = b[next.lowerBound..<TextWindow.endAfter(b, next.lowerBound, limit: 12, ceiling: next.upperBound)]
                        }
                        if KindInference.withoutTrailingSpaces(guessBefore).isEmpty,
                           KindInference.withoutLeadingSpaces(b[run.byteRange.upperBound..<afterEnd]).isEmpty,
                           run.line > 0, !removed[run.line - 1], !lines.isBlank(run.line - 1) {
                            let previous = lines.contentRange(run.line - 1)
                            guessBefore = b[TextWindow.startBefore(b, previous.upperBound, limit: 12, floor: previous.lowerBound)..<previous.upperBound]
                        }
                        let guess = KindInference.guess(marker: marker, before: guessBefore, after: guessAfter)
                        (out.base! + k).initialize(to: Blank(
                            index: k + 1, line: run.line + 1, column: run.column,
                            marker: lastMarker.text,
                            byteRange: run.byteRange, kind: guess.kind, unit: guess.unit,
                            minimum: guess.minimum, maximum: guess.maximum,
                            lineRange: lineRange, source: buffer,
                            beforeRange: beforeStart..<run.byteRange.lowerBound, afterRange: run.byteRange.upperBound..<afterEnd))
                    }
                }
            }
            if parallel {
                Parallel.run(2) { half in
                    make(half == 0 ? 0..<runs.count / 2 : runs.count / 2..<runs.count)
                }
            } else {
                make(0..<runs.count)
            }
            initialized = runs.count
        }
    }

    /// Where the halves of `blanks(of:)` write: disjoint parts of one array's storage.
    private struct BlankStorage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Blank>?
    }

    /// Where the parts of the analysis leave their results (each part writes its own).
    private final class Parts: @unchecked Sendable {
        var layout: ReportLayout?
        var runs: [[BlankScanner.Run]]

        init(stretches: Int) { runs = Array(repeating: [], count: stretches) }
    }

    /// Field positions by id, built on the first lookup (listing a template's fields never needs it).
    private let fieldIndex: FieldIndex

    private final class FieldIndex: Sendable {
        private let positions = Mutex<[String: Int]?>(nil)

        func position(of id: String, in fields: [Field]) -> Int? {
            positions.withLock { positions in
                if positions == nil {
                    var index: [String: Int] = [:]
                    index.reserveCapacity(fields.count)
                    for position in fields.indices where index[fields[position].id] == nil { index[fields[position].id] = position }
                    positions = index
                }
                return positions![id]
            }
        }
    }
}
