/// Builds one XML document as UTF-8 text; every name, attribute and text goes through it.
///
/// Text and attribute values are escaped here and nowhere else, so an answer such as
/// `A&B <C> "D" 'E'` comes out intact. Characters that XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF) are dropped rather than written, because one of them makes the whole
/// package unreadable to Word.
struct XMLWriter {
    /// The document so far.
    private(set) var text: String
    private var open: [String] = []

    /// Starts a document with the standard declaration.
    init() {
        text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        text += "\n"
        text.reserveCapacity(4096)
    }

    /// Opens an element; close it with `end()`.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        writeTag(name, attributes)
        text += ">"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        let name = open.removeLast()
        text += "</"
        text += name
        text += ">"
    }

    /// Writes an element with no children.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        writeTag(name, attributes)
        text += "/>"
    }

    /// Writes an element with no children, its attributes built at run time.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        writeTag(name, attributes)
        text += "/>"
    }

    /// Writes an element whose only child is text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: some StringProtocol) {
        start(name, attributes)
        characters(content)
        end()
    }

    /// Writes an element, its children written by `body`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                          _ body: (inout XMLWriter) -> Void) {
        start(name, attributes)
        body(&self)
        end()
    }

    /// Writes escaped character data.
    mutating func characters(_ content: some StringProtocol) {
        XMLWriter.escape(content, into: &text, attribute: false)
    }

    /// The finished document as UTF-8 bytes.
    var data: [UInt8] {
        precondition(open.isEmpty, "unclosed elements: \(open)")
        return Array(text.utf8)
    }

    private mutating func writeTag<Attributes: Sequence>(_ name: String, _ attributes: Attributes)
    where Attributes.Element == (key: String, value: String) {
        writeTag(name, attributes.map { ($0.key, $0.value) })
    }

    private mutating func writeTag(_ name: String, _ attributes: [(String, String)]) {
        text += "<"
        text += name
        for (key, value) in attributes {
            text += " "
            text += key
            text += "=\""
            XMLWriter.escape(value, into: &text, attribute: true)
            text += "\""
        }
    }

    // MARK: - Escaping

    /// Whether XML 1.0 allows the scalar in a document (§2.2 Char).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Removes the scalars XML 1.0 forbids.
    static func removingForbidden(_ content: String) -> String {
        guard content.unicodeScalars.contains(where: { !isAllowed($0) }) else { return content }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: content.unicodeScalars.lazy.filter(isAllowed))
        return String(scalars)
    }

    /// Appends `content` escaped for text or for a double-quoted attribute value.
    static func escape(_ content: some StringProtocol, into out: inout String, attribute: Bool) {
        // Fast path: most text has nothing to escape.
        var needsWork = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in content.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                needsWork = true
            case ..<0x20:
                needsWork = true
            case 0xBE...0xBF where previous == (0xEF, 0xBF):  // U+FFFE, U+FFFF
                needsWork = true
            default:
                break
            }
            if needsWork { break }
            previous = (previous.1, byte)
        }
        guard needsWork else { out.append(contentsOf: content); return }
        for scalar in content.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // In attributes, white space other than the space is normalised away unless escaped.
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
    }
}
