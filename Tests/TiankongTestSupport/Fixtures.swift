import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The files under Tests/Fixtures and the bundled template, as every test target reads them.
public enum Fixtures {
    /// Tests/Fixtures.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository's top folder.
    public static let repository = folder.deletingLastPathComponent().deletingLastPathComponent()

    /// A file under Tests/Fixtures, by its path there.
    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// A file under Tests/Fixtures, as bytes.
    public static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try data(name)) }

    /// The path of a file under Tests/Fixtures.
    public static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The bundled template as inference reads it, without its curated schema.
    public static func seed() throws -> Template { try Template.bundled(options: .init(useSchema: false)) }

    /// The bundled template's bytes (UTF-8, LF).
    public static var seedBytes: [UInt8] {
        BundledResources.bytes(at: BundledResources.bundledTemplatePath)!
    }

    /// The bundled template's file in Resources/, for a test that reads it as any file.
    public static let seedPath = repository.appendingPathComponent("Resources/" + BundledResources.bundledTemplatePath).path

    /// Text encoded as GB18030 by the C library's iconv, called here and not through the engine's
    /// decoder and encoder, so that a mistake in those shows against it.
    public static func gb18030(_ text: String) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        precondition(converter != iconv_t(bitPattern: -1), "this C library has no GB18030 converter")
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        // GB18030 takes at most twice the bytes UTF-8 does (two UTF-8 bytes may become four).
        var output = [UInt8](repeating: 0, count: 2 * input.count + 4)
        var inputLeft = input.count
        var outputLeft = output.count
        let converted = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
            }
        }
        precondition(converted != -1 && inputLeft == 0, "iconv stopped with \(inputLeft) bytes left: errno \(errno)")
        return Array(output[..<(output.count - outputLeft)])
    }
}
