import Foundation
import ZIPFoundation

/// Writes a finished report as a Word (.docx) package laid out by GB/T 9704-2012.
public enum DocxWriter {
    /// A complete .docx package for the report.
    /// - Throws: `DocxWriterError` when the package cannot be assembled.
    public static func data(for report: WordReport) throws -> Data {
        try zip(parts(for: report), modified: report.created)
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
    static func zip(_ parts: [(path: String, bytes: [UInt8])], modified: Date) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw DocxWriterError.package(String(describing: error))
        }
        for part in parts {
            let bytes = part.bytes
            do {
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: modified, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return Data(bytes[start..<min(start + size, bytes.count)])
                }
            } catch {
                throw DocxWriterError.part(part.path, String(describing: error))
            }
        }
        guard let data = archive.data else { throw DocxWriterError.package("the in-memory archive has no data") }
        return data
    }
}

/// Why a .docx could not be written.
public enum DocxWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zip archive could not be made.
    case package(String)
    /// One part could not be added to the archive.
    case part(String, String)

    public var description: String {
        switch self {
        case .package(let reason): "无法生成 Word 文件：\(reason)"
        case .part(let path, let reason): "无法写入 Word 文件的 \(path)：\(reason)"
        }
    }
}
