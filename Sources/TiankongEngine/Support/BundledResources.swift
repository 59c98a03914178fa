import Foundation

/// The files of the top-level Resources/ folder, embedded into the binary at build time.
public enum BundledResources {
    /// The relative path of the bundled template inside Resources/.
    public static let bundledTemplatePath = "templates/2020年党建工作总结（党组）.txt"
    /// The relative path of the bundled template's curated schema.
    public static let bundledSchemaPath = "templates/2020年党建工作总结（党组）.tiankong.yaml"

    /// The bytes of a file under Resources/, or nil when there is no such file.
    public static func data(at relativePath: String) -> Data? {
        EmbeddedResources.base64[relativePath].flatMap { Data(base64Encoded: $0) }
    }

    /// The paths of every embedded file, sorted.
    public static var paths: [String] { EmbeddedResources.base64.keys.sorted() }

    /// The lines of a data file under Resources/data, without comments and empty lines.
    public static func ruleLines(_ name: String) -> [String] {
        guard let data = data(at: "data/" + name), let text = String(data: data, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
