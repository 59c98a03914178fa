import CExpat
import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// The namespaces a Word part's elements are read by.
enum Namespace: UInt8 {
    case word, markupCompatibility, other

    static let wordURI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    /// Strict Open XML's name for the same vocabulary.
    static let strictWordURI = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let markupCompatibilityURI = "http://schemas.openxmlformats.org/markup-compatibility/2006"
}

/// What a part's reader is told as expat reads it: elements with their byte positions in the part, and text.
protocol WordXMLHandler: AnyObject {
    /// An element starts; `start..<end` are the bytes of its start tag (the whole tag when it is empty).
    func start(_ namespace: Namespace, _ local: UnsafePointer<CChar>, attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>,
               start: Int, end: Int)
    /// An element ends; `start..<end` are the bytes of its end tag (empty after an empty-element tag).
    func end(_ namespace: Namespace, _ local: UnsafePointer<CChar>, start: Int, end: Int)
    /// Character data, decoded to UTF-8.
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Reads one part of a Word package with expat: no document type declarations (so no entities, internal
/// or external, and nothing fetched or read from disk), a cap on nesting, UTF-8 only (a part in UTF-16
/// is decoded first, see `WordPackage.readXML`).
enum WordXML {
    /// Deeper than any Word document nests (tables in tables in text boxes stay far below it).
    static let depthLimit = 1_000

    static func parse(_ xml: [UInt8], part: String, path: String, handler: any WordXMLHandler) throws(WordFileError) {
        try parse(part: part, path: path, handler: handler) { (feed) throws(WordFileError) -> Bool in
            try xml.withUnsafeBufferPointer { (buffer) throws(WordFileError) -> Bool in try feed(buffer) }
        }
    }

    /// Parses a part given in pieces, as it is inflated: `produce` hands each piece to `feed` (which returns
    /// false once the parse has failed) and returns true when it gave the whole part, false when it
    /// stopped early because the reader wants no more.
    static func parse(part: String, path: String, handler: any WordXMLHandler,
                      produce: (_ feed: (UnsafeBufferPointer<UInt8>) throws(WordFileError) -> Bool) throws(WordFileError) -> Bool) throws(WordFileError) {
        guard let parser = XML_ParserCreateNS("UTF-8", CChar(UInt8(ascii: "|"))) else { throw .damagedPart(path: path, part: part) }
        defer { XML_ParserFree(parser) }
        let state = ParseState(parser: parser, handler: handler)
        let context = Unmanaged.passUnretained(state).toOpaque()
        XML_SetUserData(parser, context)
        XML_SetElementHandler(parser, { context, name, attributes in
            let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
            state.depth += 1
            if state.depth > WordXML.depthLimit { state.stop(.tooDeep); return }
            let (namespace, local) = WordXML.split(name!)
            let start = Int(XML_GetCurrentByteIndex(state.parser))
            let count = Int(XML_GetCurrentByteCount(state.parser))
            state.handler.start(namespace, local, attributes: attributes!, start: start, end: start + count)
        }, { context, name in
            let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
            state.depth -= 1
            let (namespace, local) = WordXML.split(name!)
            let start = Int(XML_GetCurrentByteIndex(state.parser))
            let count = Int(XML_GetCurrentByteCount(state.parser))
            state.handler.end(namespace, local, start: start, end: start + count)
        })
        XML_SetCharacterDataHandler(parser) { context, text, count in
            let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
            text!.withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
                state.handler.text(UnsafeBufferPointer(start: $0, count: Int(count)))
            }
        }
        // A document type declaration is refused as it starts: no Word part has one, and it is where
        // entity expansion ("billion laughs") and external entities come from.
        XML_SetStartDoctypeDeclHandler(parser) { context, _, _, _, _ in
            Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue().stop(.documentType)
        }
        XML_SetEntityDeclHandler(parser) { context, _, _, _, _, _, _, _, _ in
            Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue().stop(.documentType)
        }
        _ = XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)
        var status = XML_STATUS_OK
        var first = true
        let whole = try produce { (piece) throws(WordFileError) -> Bool in
            if first {
                first = false
                if piece.starts(with: [0xFE, 0xFF]) || piece.starts(with: [0xFF, 0xFE]) { throw .notUTF8(path: path, part: part) }
            }
            guard status == XML_STATUS_OK else { return false }
            status = piece.withMemoryRebound(to: CChar.self) { XML_Parse(parser, $0.baseAddress, Int32(clamping: $0.count), 0) }
            return status == XML_STATUS_OK && state.refusal == nil
        }
        if whole && status == XML_STATUS_OK && state.refusal == nil { status = XML_Parse(parser, nil, 0, 1) }
        switch state.refusal {
        case .documentType: throw .documentType(path: path, part: part)
        case .tooDeep: throw .tooDeep(path: path, part: part, limit: depthLimit)
        case nil: break
        }
        if status != XML_STATUS_OK {
            let detail = String(cString: XML_ErrorString(XML_GetErrorCode(parser)))
            throw .badXML(path: path, part: part, line: Int(XML_GetCurrentLineNumber(parser)), detail: detail)
        }
    }

    /// The XML with its declaration's encoding (if it names one) made "UTF-8".
    static func declaringUTF8(_ xml: [UInt8]) -> [UInt8] {
        guard xml.starts(with: Array("<?xml".utf8)),
              let close = xml.prefix(512).indices.first(where: { xml[$0] == 0x3F && $0 + 1 < xml.count && xml[$0 + 1] == 0x3E }) else { return xml }
        let declaration = Array(xml[..<close])
        let key = Array("encoding".utf8)
        guard let at = declaration.indices.first(where: { declaration[$0...].starts(with: key) }),
              let open = declaration[(at + key.count)...].firstIndex(where: { $0 == 0x22 || $0 == 0x27 }),
              let end = declaration[(open + 1)...].firstIndex(of: declaration[open]) else { return xml }
        return Array(xml[...open]) + Array("UTF-8".utf8) + Array(xml[end...])
    }

    /// The namespaces read, as expat writes them before a local name.
    static let prefixes: [([CChar], Namespace)] = [
        (prefix(Namespace.wordURI), .word), (prefix(Namespace.markupCompatibilityURI), .markupCompatibility),
        (prefix(Namespace.strictWordURI), .word),
    ]

    private static func prefix(_ uri: String) -> [CChar] { (uri + "|").utf8.map { CChar(bitPattern: $0) } }

    /// "uri|local" (expat's name with namespaces) as the namespace and the local name. Compared with
    /// memcmp: it runs for every element of a part.
    static func split(_ name: UnsafePointer<CChar>) -> (Namespace, UnsafePointer<CChar>) {
        for (prefix, namespace) in prefixes where strncmp(name, prefix, prefix.count) == 0 {
            return (namespace, name + prefix.count)
        }
        guard let bar = strchr(name, Int32(UInt8(ascii: "|"))) else { return (.other, name) }
        return (.other, UnsafePointer(bar + 1))
    }

    /// The value of the attribute `local` (in any namespace, or none) among expat's name/value pairs.
    static func attribute(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, _ local: String) -> String? {
        var k = 0
        while let name = attributes[k] {
            let (_, attributeLocal) = split(name)
            if strcmp(attributeLocal, local) == 0, let value = attributes[k + 1] { return String(cString: value) }
            k += 2
        }
        return nil
    }
}

/// Why expat was stopped, and what the callbacks share.
private final class ParseState {
    enum Refusal { case documentType, tooDeep }
    let parser: XML_Parser
    let handler: any WordXMLHandler
    var depth = 0
    var refusal: Refusal?

    init(parser: XML_Parser, handler: any WordXMLHandler) {
        self.parser = parser
        self.handler = handler
    }

    func stop(_ why: Refusal) {
        if refusal == nil { refusal = why }
        XML_StopParser(parser, XML_FALSE)
    }
}
