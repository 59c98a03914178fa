import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TiankongEngine
@testable import TiankongWriters

/// The bundled template's report, its blanks left as they are.
func bundledReportText() throws -> String {
    let template = try Template.bundled()
    return Report.text(template: template, answers: [:])
}

/// An XML part read back: its elements as a tree of names, attributes and text.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below this one, depth first.
    var descendants: [XMLNode] { children.flatMap { [$0] + $0.descendants } }

    /// The text of every `w:t` below this one, joined.
    var wordText: String {
        descendants.filter { $0.name == "w:t" }.map(\.text).joined()
    }
}

/// Parses one part with Foundation's parser; throws when the part is not well-formed.
func parseXML(_ bytes: [UInt8]) throws -> XMLNode {
    final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = [XMLNode(name: "#document", attributes: [:])]
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            stack.last!.children.append(node)
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last!.text += string
        }
    }
    struct NotWellFormed: Error { let reason: String }
    let parser = XMLParser(data: Data(bytes))
    let builder = Builder()
    parser.delegate = builder
    guard parser.parse() else {
        throw NotWellFormed(reason: parser.parserError.map { String(describing: $0) } ?? "unknown")
    }
    return builder.stack[0]
}

/// One entry of a zip's central directory.
struct ZipEntry {
    let name: String
    let method: UInt16
    let flags: UInt16
    let crc32: UInt32
    let uncompressedSize: UInt32
}

/// Reads the central directory of a zip archive (no ZIP64, no comment search beyond 64 KiB).
func centralDirectory(of data: Data) -> [ZipEntry] {
    let bytes = [UInt8](data)
    func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    guard bytes.count >= 22 else { return [] }
    var end = bytes.count - 22
    while end >= 0, u32(end) != 0x0605_4B50 { end -= 1 }
    guard end >= 0 else { return [] }
    let count = Int(u16(end + 10))
    var at = Int(u32(end + 16))
    var entries: [ZipEntry] = []
    for _ in 0..<count {
        guard u32(at) == 0x0201_4B50 else { break }
        let nameLength = Int(u16(at + 28))
        let extraLength = Int(u16(at + 30))
        let commentLength = Int(u16(at + 32))
        let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
        entries.append(ZipEntry(name: name, method: u16(at + 10), flags: u16(at + 8), crc32: u32(at + 16),
                                uncompressedSize: u32(at + 24)))
        at += 46 + nameLength + extraLength + commentLength
    }
    return entries
}

/// CRC-32 (IEEE), as zip stores it.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
    }
    return ~crc
}
