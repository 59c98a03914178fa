import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// Writes a finished report as a Word (.docx) package laid out by GB/T 9704-2012.
public enum DocxWriter {
    /// A complete .docx package for the report, as the bytes of the file.
    /// - Throws: `DocxWriterError` when the package cannot be assembled.
    public static func bytes(for report: WordReport) throws -> [UInt8] {
        let package = try ZipWriter(capacity: 16 << 10)
        let attributes = attributes(modified: report.created)
        for entry in entries(for: report) {
            switch entry {
            case .made(let path, let bytes): try package.add(path: path, deflated: try ZipWriter.Deflated(bytes), attributes: attributes)
            case .fixed(let part): try package.add(path: part.path, deflated: try part.deflated.get(), attributes: attributes)
            }
        }
        return try package.finish()
    }

    /// The same package as Data, for a reader that takes Data (a zip library).
    public static func data(for report: WordReport) throws -> Data {
        Data(try bytes(for: report))
    }

    /// The parts of the package in the order they are zipped: path and contents.
    static func parts(for report: WordReport) -> [(path: String, bytes: [UInt8])] {
        entries(for: report).map { entry in
            switch entry {
            case .made(let path, let bytes): (path, bytes)
            case .fixed(let part): (part.path, part.bytes)
            }
        }
    }

    /// A part of the package: made for this report, or the same in every report.
    enum Entry {
        case made(path: String, bytes: [UInt8])
        case fixed(FixedPart)
    }

    /// A part that no report changes, made and deflated once for all the reports a run writes.
    struct FixedPart: Sendable {
        let path: String
        let bytes: [UInt8]
        let deflated: Result<ZipWriter.Deflated, DocxWriterError>

        init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
            deflated = Result { () throws(DocxWriterError) in try ZipWriter.Deflated(bytes) }
        }

        static let contentTypes = FixedPart(path: "[Content_Types].xml", bytes: PackageParts.contentTypesXML())
        static let packageRelationships = FixedPart(path: "_rels/.rels", bytes: PackageParts.packageRelationshipsXML())
        static let documentRelationships = FixedPart(path: "word/_rels/document.xml.rels", bytes: PackageParts.documentRelationshipsXML())
        static let styles = FixedPart(path: PackageParts.styles.path, bytes: StylesPart.xml())
        static let settings = FixedPart(path: PackageParts.settings.path, bytes: PackageParts.settingsXML())
        static let fontTable = FixedPart(path: PackageParts.fontTable.path, bytes: PackageParts.fontTableXML())
        static let oddFooter = FixedPart(path: PackageParts.oddFooter.path, bytes: FooterPart.xml(.odd))
        static let evenFooter = FixedPart(path: PackageParts.evenFooter.path, bytes: FooterPart.xml(.even))
    }

    /// The entries of the package in the order they are zipped.
    private static func entries(for report: WordReport) -> [Entry] {
        let structure = report.structure
        let author = report.author.map { XMLWriter.removingForbidden($0).trimmingReportSpace() }
        return [
            .fixed(.contentTypes),
            .fixed(.packageRelationships),
            .made(path: PackageParts.coreProperties.path,
                  bytes: PackageParts.corePropertiesXML(title: structure.title, author: author, created: report.created)),
            .made(path: PackageParts.appProperties.path, bytes: PackageParts.appPropertiesXML(structure: structure, company: author)),
            .made(path: PackageParts.document.path, bytes: DocumentPart.xml(for: structure)),
            .fixed(.documentRelationships),
            .fixed(.styles),
            .fixed(.settings),
            .fixed(.fontTable),
            .fixed(.oddFooter),
            .fixed(.evenFooter),
        ]
    }

    /// What every entry's directory record says: the report's time.
    private static func attributes(modified: Date) -> ZipWriter.Attributes {
        ZipWriter.Attributes(dosDate: ZipWriter.dosDate(seconds: Int(modified.timeIntervalSince1970.rounded(.down))))
    }

    /// Zips the parts with deflate; files only, so no directory entries.
    static func zip(_ parts: [(path: String, bytes: [UInt8])], modified: Date) throws -> Data {
        let package = try ZipWriter()
        let attributes = attributes(modified: modified)
        for part in parts { try package.add(path: part.path, contents: part.bytes, attributes: attributes) }
        return Data(try package.finish())
    }
}

/// Why a .docx could not be written.
public enum DocxWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zip archive could not be made.
    case package(String)
    /// One part could not be added to the archive.
    case part(String, String)
    /// The file the archive was written into could not be made or written (the disk is full).
    case output(OutputError)

    /// What went wrong, without a prefix: the command line says "无法生成 Word 文件：" before it, once
    /// (a failed output has its own whole message).
    public var description: String {
        switch self {
        case .package(let reason): reason
        case .part(let path, let reason): "\(path)：\(reason)"
        case .output(let failure): Messages().text(for: failure)
        }
    }
}

extension DocxWriterError: OutputFailure {
    public init(_ failure: OutputError) { self = .output(failure) }
}
