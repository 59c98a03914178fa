import Foundation
@testable import TiankongEngine

/// Paths and data shared by the engine tests: the bundled template and Tests/Fixtures.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// The bundled template as inference reads it, without its curated schema.
    static func seed() throws -> Template { try Template.bundled(options: .init(useSchema: false)) }

    static var seedBytes: [UInt8] {
        BundledResources.bytes(at: BundledResources.bundledTemplatePath)!
    }

    /// A temporary folder, removed when the test is done with it.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "tiankong-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Text encoded as GB18030 by the C library, independently of the engine's writer.
    static func gb18030(_ text: String) -> [UInt8] { GB18030.encode(Array(text.utf8)) }
}
