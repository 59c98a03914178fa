import FoundationEssentials

/// The files of the top-level Resources/ folder, embedded into the binary at build time.
public enum BundledResources {
    /// The relative path of the bundled template inside Resources/.
    public static let bundledTemplatePath = "templates/2020年党建工作总结（党组）.txt"
    /// The relative path of the bundled template's curated schema.
    public static let bundledSchemaPath = "templates/2020年党建工作总结（党组）.tiankong.yaml"

    /// The bytes of a file under Resources/, or nil when there is no such file.
    public static func bytes(at relativePath: String) -> [UInt8]? {
        EmbeddedResources.file(relativePath).map { file in
            [UInt8](UnsafeBufferPointer(start: file.utf8Start, count: file.utf8CodeUnitCount))
        }
    }

    /// The text of a file under Resources/ (they are all UTF-8), or nil when there is no such file.
    public static func text(at relativePath: String) -> String? {
        EmbeddedResources.file(relativePath).map { $0.description }
    }

    /// The paths of every embedded file, sorted.
    public static var paths: [String] { EmbeddedResources.paths }

    /// The lines of a data file under Resources/data, without comments, empty lines and the spaces
    /// around them (trimmed as an advert line is). Cut at the byte level: the files are read before the
    /// wizard's first frame.
    public static func ruleLines(_ name: String) -> [String] {
        var lines: [String] = []
        forEachRuleLine(name) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// The same lines as bytes, one at a time, without a String made.
    static func forEachRuleLine(_ name: String, _ body: (ArraySlice<UInt8>) -> Void) {
        guard let file = EmbeddedResources.file("data/" + name) else { return }
        let bytes = UnsafeBufferPointer(start: file.utf8Start, count: file.utf8CodeUnitCount)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = LineBytes.trimmed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            if let first = line.first, first != UInt8(ascii: "#") { body(line) }
            start = end + 1
        }
    }
}
