/// Why a template could not be used. Each case carries what the user needs to fix it.
public enum TemplateError: Error, Equatable, Sendable {
    case notFound(path: String)
    case unreadable(path: String, errno: Int32)
    case isDirectory(path: String)
    case notRegularFile(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case empty(path: String)
    case binary(path: String, byteOffset: Int)
    case utf16WithoutBOM(path: String)
    case undecodable(path: String, byteOffset: Int)
    case noBlanks(path: String)
    /// The schema beside the template has a mistake.
    case schema(SchemaError)

    /// The sysexits code for this failure: 66 when the file cannot be read, 65 when its data is wrong.
    public var exitStatus: ExitStatus {
        switch self {
        case .notFound, .unreadable, .isDirectory, .notRegularFile, .tooLarge: return .input
        case .empty, .binary, .utf16WithoutBOM, .undecodable, .noBlanks, .schema: return .data
        }
    }
}
