import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// A package's relationships part (`_rels/.rels`, `word/_rels/document.xml.rels`), read with expat.
enum Relationships {
    struct Relationship {
        var type: String
        var target: String
        var external: Bool
        /// The id other parts name it by ("rId1").
        var id = ""
    }

    static func read(_ xml: [UInt8], part: String, path: String) throws(WordFileError) -> [Relationship] {
        let reader = Reader()
        try WordXML.parse(xml, part: part, path: path, handler: reader)
        return reader.found
    }

    /// A relationship's target as a part name: relative to `folder`, or from the root when it starts with "/".
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") || folder.isEmpty ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private final class Reader: WordXMLHandler {
        var found: [Relationship] = []

        func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>,
                   start: Int, end: Int) {
            guard strcmp(local, "Relationship") == 0,
                  let type = WordXML.attribute(attributes, "Type"), let target = WordXML.attribute(attributes, "Target") else { return }
            found.append(Relationship(type: type, target: target, external: WordXML.attribute(attributes, "TargetMode") == "External",
                                      id: WordXML.attribute(attributes, "Id") ?? ""))
        }

        func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int) {}
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }
}
