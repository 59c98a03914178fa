import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// A Word (.docx, .docm, .dotx) template: its text, one line for each paragraph or table row (body
/// first, then footnotes, endnotes, headers and footers), analysed as any template is, with where each
/// line's characters lie in the package's XML, so the filled report is the template's own package with
/// only the blanks' text changed.
///
/// Its digest (`template.digest`: the wizard's autosave name, checked against an answers file) is that
/// of this text, not of the package's bytes: Word or WPS saving the file again rewrites its zip, XML and
/// dates without changing a blank, and its answers still apply; changed words make another template.
public final class WordTemplate: @unchecked Sendable {
    /// The template as the engine reads it (its text is the document's visible text).
    public let template: Template
    let package: WordPackage
    let stories: [WordStory]
    /// For each line of `template.text`: its story and its line there.
    let owners: [(story: Int, line: Int)]
    /// Where each line starts in `template.text`.
    let lineStarts: [Int]

    /// The first bytes of an OLE compound file: .doc, .wps, .et, or a password-protected .docx.
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// True when the file at `path` should be read as a Word file: by its name (.docx, .docm, .dotx,
    /// .dotm, .doc, .wps, .et) or, whatever its name, by a zip or compound file's first bytes.
    public static func isWordFile(path: String) -> Bool {
        let lower = path.lowercased()
        if [".docx", ".docm", ".dotx", ".dotm", ".doc", ".wps", ".et"].contains(where: { lower.hasSuffix($0) }) { return true }
        // Only a regular file is looked into (never blocking on a FIFO); anything else is left to the
        // text reader, which says what it is.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var head = [UInt8](repeating: 0, count: 8)
        guard read(fd, &head, 8) == 8 else { return false }
        return head == compoundFileSignature || head.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Reads the Word template at `path`, with the schema beside it unless `options` say not to.
    public static func load(path: String, options: Template.Options = Template.Options()) throws -> WordTemplate {
        let document = try Document(path: path)
        var schema: Template.SchemaFile?
        if options.useSchema, let schemaPath = Schema.path(besideTemplate: path) {
            let yaml = try InputFile.read(schemaPath, limit: 16 << 20)
            schema = Template.SchemaFile(text: String(decoding: yaml, as: UTF8.self), path: schemaPath)
        }
        return try WordTemplate(document, path: path, options: options, schema: schema)
    }

    /// Reads a Word package's bytes; `path` names it in messages and is the template's source.
    public convenience init(bytes: [UInt8], path: String, options: Template.Options = Template.Options(),
                            schema: Template.SchemaFile? = nil) throws {
        try self.init(Document(bytes: bytes, path: path), path: path, options: options, schema: schema)
    }

    private init(_ document: Document, path: String, options: Template.Options, schema: Template.SchemaFile?) throws {
        package = document.package
        stories = document.stories
        owners = document.owners
        lineStarts = document.lineStarts
        var template = try Template(bytes: document.text, source: path, options: options, schema: schema)
        // The report as text is the body and its notes: the headers and footers (read last) are page chrome.
        let stories = document.stories
        if let first = document.owners.firstIndex(where: { [.header, .footer].contains(stories[$0.story].kind) }) {
            template.reportEnd = document.lineStarts[first]
        }
        self.template = template
    }

    /// The text a person sees in the Word file at `path` (a filled report, for proof-reading): one
    /// line for each paragraph or table row, as a template's text is read.
    public static func visibleText(path: String) throws -> [UInt8] {
        try Document(path: path).text
    }

    /// A Word package's stories read, and their lines as one text.
    private struct Document {
        let package: WordPackage
        var stories: [WordStory] = []
        var text: [UInt8] = []
        var owners: [(story: Int, line: Int)] = []
        var lineStarts: [Int] = []

        /// Reads the package in memory.
        init(bytes: [UInt8], path: String) throws {
            try Self.checkHead(Array(bytes.prefix(8)), path: path)
            try self.init(package: WordPackage(bytes: bytes, path: path))
        }

        /// Reads the package from the file at `path`, as minizip asks for its parts: the file is never
        /// held whole (a big picture in it is only copied through when the report is written).
        init(path: String) throws {
            let (descriptor, size) = try InputFile.open(path)
            var head = [UInt8](repeating: 0, count: 8)
            let count = pread(descriptor, &head, 8, 0)
            do {
                try Self.checkHead(Array(head.prefix(max(count, 0))), path: path)
            } catch {
                close(descriptor)
                throw error
            }
            try self.init(package: WordPackage(descriptor: descriptor, size: size, path: path))
        }

        /// A compound file (an old .doc, a password) or anything but a zip is refused by its first bytes.
        private static func checkHead(_ head: [UInt8], path: String) throws {
            if head.starts(with: WordTemplate.compoundFileSignature) {
                throw WordFileError.oldFormat(path: path, kind: WordTemplate.oldKind(path), converter: WordTemplate.converter(for: path))
            }
            guard head.starts(with: [0x50, 0x4B]) else { throw WordFileError.damagedZip(path: path, detail: "not a zip file") }
        }

        private init(package: WordPackage) throws {
            self.package = package
            let path = package.path
            for (part, kind) in try WordTemplate.storyParts(package) {
                guard let xml = try package.readXML(part) else {
                    if kind == .body { throw WordFileError.missingPart(path: path, part: part) }
                    continue
                }
                let reader = WordStoryReader(part: part, kind: kind, xml: xml)
                try WordXML.parse(xml, part: part, path: path, handler: reader)
                stories.append(reader.story)
            }
            for (s, story) in stories.enumerated() {
                for (l, line) in story.lines.enumerated() {
                    lineStarts.append(text.count)
                    // A newline in a w:t (it reads as a space) must not cut the line.
                    text += line.text.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                    text.append(0x0A)
                    owners.append((s, l))
                }
            }
        }
    }

    fileprivate static func oldKind(_ path: String) -> WordFileError.OldKind {
        let lower = path.lowercased()
        if lower.hasSuffix(".doc") || lower.hasSuffix(".dot") { return .doc }
        if lower.hasSuffix(".wps") { return .wps }
        if lower.hasSuffix(".et") { return .et }
        return .encrypted
    }

    /// "soffice --headless --convert-to docx 'a.doc'" when LibreOffice is on the PATH (not for a
    /// spreadsheet, nor a file with a password).
    fileprivate static func converter(for path: String) -> String? {
        let kind = oldKind(path)
        guard kind == .doc || kind == .wps else { return nil }
        let directories = (getenv("PATH").map { String(cString: $0) } ?? "").split(separator: ":")
        guard directories.contains(where: { access("\($0)/soffice", X_OK) == 0 }) else { return nil }
        let quoted = "'" + path.replacing("'", with: "'\\''") + "'"
        return "soffice --headless --convert-to docx \(quoted)"
    }

    /// The parts whose text is read, in order: the main document (from the package's relationships),
    /// its footnotes and endnotes, headers and footers.
    static func storyParts(_ package: WordPackage) throws -> [(String, WordStory.Kind)] {
        var main = "word/document.xml"
        if let rels = try package.readXML("_rels/.rels") {
            let found = try Relationships.read(rels, part: "_rels/.rels", path: package.path)
            if let target = found.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                main = Relationships.resolve(target, from: "")
            }
        }
        guard package.contains(main) else { throw WordFileError.missingPart(path: package.path, part: main) }
        var parts: [(String, WordStory.Kind)] = [(main, .body)]
        let folder = main.contains("/") ? String(main[..<main.lastIndex(of: "/")!]) : ""
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + main.split(separator: "/").last! + ".rels"
        if let rels = try package.readXML(relsName) {
            let found = try Relationships.read(rels, part: relsName, path: package.path)
            var later: [(String, WordStory.Kind)] = []
            for kind in [WordStory.Kind.footnotes, .endnotes, .header, .footer] {
                for relationship in found where relationship.type.hasSuffix("/" + kind.rawValue) && !relationship.external {
                    let part = Relationships.resolve(relationship.target, from: folder)
                    if !later.contains(where: { $0.0 == part }) { later.append((part, kind)) }
                }
            }
            parts += later
        }
        return parts
    }

    // MARK: - Where things are

    /// The line of `template.text` (0-based) the offset falls in.
    func line(containing offset: Int) -> Int { LineTable.line(containing: offset, starts: lineStarts) }

    /// Where the blank is in the document.
    public func place(of blank: Blank) -> WordPlace {
        let k = line(containing: blank.byteRange.lowerBound)
        var place = self.place(ofLine: k)
        let line = stories[owners[k].story].lines[owners[k].line]
        if place.table != nil {
            let column = blank.byteRange.lowerBound - lineStarts[k]
            place.cell = line.cellStarts.lastIndex(where: { $0 <= column }).map { $0 + 1 }
        }
        return place
    }

    /// Where the 0-based line `k` of the text is in the document.
    public func place(ofLine k: Int) -> WordPlace {
        let story = stories[owners[k].story]
        let line = story.lines[owners[k].line]
        switch line.place {
        case .paragraph(let n): return WordPlace(story: story.kind, part: story.part, note: line.note, paragraph: n)
        case .row(let table, let row): return WordPlace(story: story.kind, part: story.part, note: line.note, table: table, row: row)
        case .textBox: return WordPlace(story: story.kind, part: story.part, note: line.note, inTextBox: true)
        }
    }

    /// The document as lines of text for showing (the report pane): paragraphs, and table rows with
    /// their cells separated by " │ ".
    public var lineCount: Int { owners.count }
}
