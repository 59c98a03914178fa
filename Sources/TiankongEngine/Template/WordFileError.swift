/// Why a Word (.docx) template could not be read. Every case is the file's data (exit 65), named by
/// the template's path and, where one is to blame, the part inside the package.
public enum WordFileError: Error, Equatable, Sendable {
    /// What an OLE compound file (not a zip) most likely is, from its name.
    public enum OldKind: String, Sendable {
        /// Word 97–2003 (.doc).
        case doc
        /// WPS 文字 (.wps).
        case wps
        /// WPS 表格 (.et), a spreadsheet.
        case et
        /// A .docx saved with a password: Word wraps it in a compound file.
        case encrypted
    }

    /// An OLE compound file: an old Word or WPS file, or a password-protected .docx.
    /// `converter` is the command that converts it, when LibreOffice is installed.
    case oldFormat(path: String, kind: OldKind, converter: String?)
    /// Not a zip, or a zip minizip cannot read.
    case damagedZip(path: String, detail: String)
    /// An entry whose data is encrypted (zip encryption).
    case encryptedEntry(path: String, part: String)
    /// A part the package must have (word/document.xml) is not there.
    case missingPart(path: String, part: String)
    /// An entry named outside the package ("../x", "/etc/x", "C:\x").
    case unsafeName(path: String, part: String)
    /// Two entries of the same name.
    case duplicatePart(path: String, part: String)
    /// More entries than a Word file ever has.
    case tooManyParts(path: String, count: Int, limit: Int)
    /// A part that inflates past the cap (a zip bomb).
    case partTooLarge(path: String, part: String, limit: Int)
    /// A part whose data does not inflate (or whose checksum is wrong).
    case damagedPart(path: String, part: String)
    /// XML that is not well-formed; `line` is 1-based.
    case badXML(path: String, part: String, line: Int, detail: String)
    /// XML with a document type declaration (internal DTD, entities): never in a Word part.
    case documentType(path: String, part: String)
    /// Elements nested deeper than a Word document ever nests them.
    case tooDeep(path: String, part: String, limit: Int)
    /// A part in an encoding other than UTF-8.
    case notUTF8(path: String, part: String)

    /// The sysexits code: 65, the file's data is wrong.
    public var exitStatus: ExitStatus { .data }
}
