import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// The binary carries Resources/ inside it; what it carries must be the files, byte for byte.
@Suite struct BundledResourcesTests {
    static let resources = Fixtures.repository.appendingPathComponent("Resources")

    @Test func everyFileUnderResourcesIsEmbeddedByteForByte() throws {
        let onDisk = FileManager.default.enumerator(atPath: Self.resources.path)!
            .compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .filter { path in
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: Self.resources.appendingPathComponent(path).path, isDirectory: &isFolder)
                return !isFolder.boolValue
            }
            .sorted()
        #expect(BundledResources.paths == onDisk)
        for path in onDisk {
            let file = [UInt8](try Data(contentsOf: Self.resources.appendingPathComponent(path)))
            #expect(BundledResources.bytes(at: path) == file, "Resources/\(path)")
            #expect(BundledResources.text(at: path) == String(decoding: file, as: UTF8.self), "Resources/\(path)")
        }
        #expect(BundledResources.bytes(at: "data/no-such-file.txt") == nil)
    }

    @Test func ruleLinesDropCommentsBlankLinesAndTheSpacesAroundThem() throws {
        let text = String(decoding: try Data(contentsOf: Self.resources.appendingPathComponent("data/boilerplate.txt")), as: UTF8.self)
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let lines = BundledResources.ruleLines("boilerplate.txt")
        #expect(lines == expected)
        #expect(lines.contains("max-length 60"))
        #expect(lines.contains("contact 微信"))
        #expect(!lines.contains { $0.hasPrefix("#") || $0.isEmpty })
    }
}
