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
        try zipped(parts(for: report), modified: report.created)
    }

    /// The same package as Data, for a reader that takes Data (a zip library).
    public static func data(for report: WordReport) throws -> Data {
        Data(try bytes(for: report))
    }

    /// The parts of the package in the order they are zipped: path and contents.
    static func parts(for report: WordReport) -> [(path: String, bytes: [UInt8])] {
        let structure = report.structure
        let author = report.author.map { XMLWriter.removingForbidden($0).trimmingReportSpace() }
        return [
            ("[Content_Types].xml", PackageParts.contentTypesXML()),
            ("_rels/.rels", PackageParts.packageRelationshipsXML()),
            (PackageParts.coreProperties.path,
             PackageParts.corePropertiesXML(title: structure.title, author: author, created: report.created)),
            (PackageParts.appProperties.path, PackageParts.appPropertiesXML(structure: structure, company: author)),
            (PackageParts.document.path, DocumentPart.xml(for: structure)),
            ("word/_rels/document.xml.rels", PackageParts.documentRelationshipsXML()),
            (PackageParts.styles.path, StylesPart.xml()),
            (PackageParts.settings.path, PackageParts.settingsXML()),
            (PackageParts.fontTable.path, PackageParts.fontTableXML()),
            (PackageParts.oddFooter.path, FooterPart.xml(.odd)),
            (PackageParts.evenFooter.path, FooterPart.xml(.even)),
        ]
    }

    /// Zips the parts with deflate; files only, so no directory entries.
    static func zipped(_ parts: [(path: String, bytes: [UInt8])], modified: Date) throws -> [UInt8] {
        let package = try ZipWriter()
        let attributes = ZipWriter.Attributes(dosDate: ZipWriter.dosDate(seconds: Int(modified.timeIntervalSince1970.rounded(.down))))
        for part in parts { try package.add(path: part.path, contents: part.bytes, attributes: attributes) }
        return try package.finish()
    }

    /// The same, as Data.
    static func zip(_ parts: [(path: String, bytes: [UInt8])], modified: Date) throws -> Data {
        Data(try zipped(parts, modified: modified))
    }
}

/// Why a .docx could not be written.
public enum DocxWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zip archive could not be made.
    case package(String)
    /// One part could not be added to the archive.
    case part(String, String)

    /// What went wrong, without a prefix: the command line says "无法生成 Word 文件：" before it, once.
    public var description: String {
        switch self {
        case .package(let reason): reason
        case .part(let path, let reason): "\(path)：\(reason)"
        }
    }
}
