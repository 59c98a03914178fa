import CYAML

/// A YAML document as far as a schema needs it: text, lists and mappings, each with the 1-based line it
/// starts on (for the schema's error messages). Every scalar stays text; the schema decides what is a number.
public enum YAMLNode: Equatable, Sendable {
    case scalar(String, line: Int)
    case sequence([YAMLNode], line: Int)
    case mapping([Pair], line: Int)

    /// One `key: value` of a mapping, in the order written.
    public struct Pair: Equatable, Sendable {
        public var key: String
        public var keyLine: Int
        public var value: YAMLNode

        public init(key: String, keyLine: Int, value: YAMLNode) {
            self.key = key
            self.keyLine = keyLine
            self.value = value
        }
    }

    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    public var string: String? { if case .scalar(let s, _) = self { return s } else { return nil } }
    public var items: [YAMLNode]? { if case .sequence(let items, _) = self { return items } else { return nil } }
    public var pairs: [Pair]? { if case .mapping(let pairs, _) = self { return pairs } else { return nil } }
}

/// Why a text is not YAML a schema may be written in. Some forms are valid YAML but refused on purpose
/// (anchors, tags, several documents, a key given twice…): a schema has no use for them, and refusing
/// them with a plain message beats a surprising meaning.
public enum YAMLProblem: Equatable, Sendable {
    case invalidUTF8
    /// U+0085, U+2028 or U+2029: line breaks to libyaml (YAML 1.1), text to YAML 1.2. Refused, so that the
    /// schema never means something else to another reader.
    case unusualLineBreak(UInt32)
    /// U+FEFF past the start of the text (copied in with a piece of text): libyaml skips some and keeps others.
    case byteOrderMarkInside
    /// A control character (other than tab and line breaks), which YAML does not allow in a document.
    case controlCharacter(UInt32)
    /// Lists and mappings nested deeper than any schema needs (`YAML.maximumDepth` levels).
    case tooDeep
    /// A tab where YAML wants spaces: in a line's indentation, or right after `-` or `key:`.
    case tabIndentation
    case anchor
    case alias
    case tag
    case directive
    case secondDocument
    /// A list or mapping used as a key.
    case complexKey
    case duplicateKey(String, firstLine: Int)
    /// A line indented deeper or shallower than the lines around it allow.
    case badIndentation
    /// A line inside a mapping that is not `key: value`.
    case missingColon
    case unterminatedQuote(openedOn: Int)
    case unterminatedFlow(openedOn: Int)
    case badEscape(String)
    /// A character that cannot stand where it is (`]` outside a list, `: ` in the middle of a value…).
    case unexpected(String)
    /// Any other mistake, in libyaml's words.
    case syntax(String)
}

/// A YAML problem and the 1-based line it is on.
public struct YAMLError: Error, Equatable, Sendable {
    public var line: Int
    public var problem: YAMLProblem

    public init(line: Int, problem: YAMLProblem) {
        self.line = line
        self.problem = problem
    }
}

/// Reads the YAML a schema is written in with libyaml: its events become `YAMLNode`s, its errors
/// `YAMLError`s with their line, and what a schema refuses is checked on the events.
public enum YAML {
    /// Lists and mappings nested deeper than this are refused; a schema needs three.
    public static let maximumDepth = 256

    /// The document's root, or nil when the text holds no document (empty, or only comments).
    public static func document(_ text: String) throws(YAMLError) -> YAMLNode? {
        try document(bytes: Array(text.utf8))
    }

    /// The same from bytes, which may not be UTF-8 at all.
    public static func document(bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        try refuseAmbiguousCharacters(bytes)
        if bytes.isEmpty { return nil }
        // libyaml is told the text is UTF-8 (so that no other encoding is guessed), and then takes a
        // byte-order mark for text: it is dropped here.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) in
                var reader = EventReader(UnsafeBufferPointer(rebasing: buffer[start...]))
                return try reader.read()
            }
        }
        return try result.get()
    }

    /// Characters libyaml reads otherwise than YAML 1.2 does, with the line they are on: NEL, LS and PS
    /// (C2 85, E2 80 A8, E2 80 A9), and a byte-order mark (EF BB BF) anywhere but at the very start.
    private static func refuseAmbiguousCharacters(_ bytes: [UInt8]) throws(YAMLError) {
        var line = 1
        var k = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < bytes.count {
            switch bytes[k] {
            case 0x0A: line += 1
            case 0xEF where k + 2 < bytes.count && bytes[k + 1] == 0xBB && bytes[k + 2] == 0xBF:
                throw YAMLError(line: line, problem: .byteOrderMarkInside)
            case 0xC2 where k + 1 < bytes.count && bytes[k + 1] == 0x85:
                throw YAMLError(line: line, problem: .unusualLineBreak(0x85))
            case 0xE2 where k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9):
                throw YAMLError(line: line, problem: .unusualLineBreak(bytes[k + 2] == 0xA8 ? 0x2028 : 0x2029))
            default: break
            }
            k += 1
        }
    }
}

/// libyaml's parser over one text, and the collections open around its position.
private struct EventReader: ~Copyable {
    /// On the heap: libyaml keeps a pointer to its parser from the moment it is given its input.
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let text: UnsafeBufferPointer<UInt8>

    /// A list or mapping whose end has not come yet.
    private enum Open {
        case sequence([YAMLNode], line: Int)
        case mapping([YAMLNode.Pair], line: Int, key: (text: String, line: Int)?, seen: [String: Int])
    }
    private var open: [Open] = []
    private var root: YAMLNode?

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, text.baseAddress, text.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    mutating func read() throws(YAMLError) -> YAMLNode? {
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw YAMLError(line: line, problem: .secondDocument) }
                let directives = event.data.document_start
                if directives.version_directive != nil || directives.tag_directives.start != directives.tag_directives.end {
                    throw YAMLError(line: line, problem: .directive)
                }
            case YAML_ALIAS_EVENT:
                throw YAMLError(line: line, problem: .alias)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                try refuse(anchor: scalar.anchor, tag: scalar.tag, line: line)
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                try add(.scalar(value, line: line))
            case YAML_SEQUENCE_START_EVENT:
                try refuse(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, line: line)
                try enter(.sequence([], line: line), line: line)
            case YAML_MAPPING_START_EVENT:
                try refuse(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, line: line)
                try enter(.mapping([], line: line, key: nil, seen: [:]), line: line)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                switch open.removeLast() {
                case .sequence(let items, let start): try add(.sequence(items, line: start))
                case .mapping(let pairs, let start, _, _): try add(.mapping(pairs, line: start))
                }
            default:
                break  // the stream's start, a document's end
            }
        }
    }

    private func refuse(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, line: Int) throws(YAMLError) {
        if anchor != nil { throw YAMLError(line: line, problem: .anchor) }
        if tag != nil { throw YAMLError(line: line, problem: .tag) }
    }

    /// Opens a list or mapping, which may not be a key.
    private mutating func enter(_ collection: Open, line: Int) throws(YAMLError) {
        if case .mapping(_, _, nil, _) = open.last { throw YAMLError(line: line, problem: .complexKey) }
        if open.count >= YAML.maximumDepth { throw YAMLError(line: line, problem: .tooDeep) }
        open.append(collection)
    }

    /// Puts a finished node into the collection around it: an item, a key, or a key's value.
    private mutating func add(_ node: YAMLNode) throws(YAMLError) {
        guard let last = open.popLast() else {
            root = node
            return
        }
        switch last {
        case .sequence(var items, let line):
            items.append(node)
            open.append(.sequence(items, line: line))
        case .mapping(let pairs, let line, nil, var seen):
            guard case .scalar(let key, let keyLine) = node else { throw YAMLError(line: node.line, problem: .complexKey) }
            if let first = seen[key] { throw YAMLError(line: keyLine, problem: .duplicateKey(key, firstLine: first)) }
            seen[key] = keyLine
            open.append(.mapping(pairs, line: line, key: (key, keyLine), seen: seen))
        case .mapping(var pairs, let line, let key?, let seen):
            pairs.append(YAMLNode.Pair(key: key.text, keyLine: key.line, value: node))
            open.append(.mapping(pairs, line: line, key: nil, seen: seen))
        }
    }

    // MARK: - libyaml's errors in the schema's terms

    private func error() -> YAMLError {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? ""
        let line = Int(parser.pointee.problem_mark.line) + 1
        let contextLine = Int(parser.pointee.context_mark.line) + 1
        switch parser.pointee.error {
        case YAML_READER_ERROR:
            let offset = min(Int(parser.pointee.problem_offset), text.count)
            let readerLine = text[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            if problem == "control characters are not allowed" {
                return YAMLError(line: readerLine, problem: .controlCharacter(UInt32(bitPattern: parser.pointee.problem_value)))
            }
            return YAMLError(line: readerLine, problem: .invalidUTF8)
        case YAML_MEMORY_ERROR:
            return YAMLError(line: line, problem: .tooDeep)
        default: break
        }
        let character = character(at: Int(parser.pointee.problem_mark.index))
        switch problem {
        case "found character that cannot start any token":
            return YAMLError(line: line, problem: character == "\t" ? .tabIndentation : .unexpected(character))
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            return YAMLError(line: line, problem: .tabIndentation)
        case "found undefined tag handle":
            return YAMLError(line: line, problem: .tag)
        case "could not find expected ':'":
            return YAMLError(line: contextLine, problem: .missingColon)
        case "found unexpected end of stream" where parser.pointee.context.map { String(cString: $0) }?.contains("quoted scalar") == true:
            return YAMLError(line: line, problem: .unterminatedQuote(openedOn: contextLine))
        case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
            return YAMLError(line: line, problem: .unterminatedFlow(openedOn: contextLine))
        case "found unknown escape character", "did not find expected hexdecimal number", "found invalid Unicode character escape code":
            return YAMLError(line: line, problem: .badEscape(escape(near: Int(parser.pointee.problem_mark.index))))
        case "did not find expected <document start>":  // more after `...`
            return YAMLError(line: line, problem: .secondDocument)
        case "mapping values are not allowed in this context":
            return YAMLError(line: line, problem: .unexpected(":"))
        case "did not find expected key", "did not find expected '-' indicator", "block sequence entries are not allowed in this context":
            return YAMLError(line: line, problem: .badIndentation)
        case "did not find expected node content":
            return YAMLError(line: line, problem: .unexpected(character))
        default:
            return YAMLError(line: line, problem: .syntax(problem))
        }
    }

    /// The character at byte `index`, or "" at the end of the text.
    private func character(at index: Int) -> String {
        guard index < text.count else { return "" }
        let end = text[index...].indices.dropFirst().first { text[$0] & 0xC0 != 0x80 } ?? text.count
        return String(decoding: text[index..<end], as: UTF8.self)
    }

    /// The escape that starts at or before byte `index`: the backslash, its letter and any hex digits.
    private func escape(near index: Int) -> String {
        guard let start = text[..<min(index + 1, text.count)].lastIndex(of: UInt8(ascii: "\\")) else { return character(at: index) }
        let digits = switch start + 1 < text.count ? text[start + 1] : 0 {
        case UInt8(ascii: "x"): 2
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: 0
        }
        return String(decoding: text[start..<min(start + 2 + digits, text.count)], as: UTF8.self)
    }
}
