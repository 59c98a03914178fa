/// A YAML document as far as a schema needs it: text, lists and mappings, each with the 1-based line it
/// starts on (for the schema's error messages). Every scalar stays text; the schema decides what is a number.
///
/// Kept plain and non-generic on purpose: the schema is read on the wizard's start-up path, and a general
/// YAML library's first parse cost more in generic-metadata set-up than the reading itself.
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

/// Why a text is not YAML this reader accepts. Some forms are valid YAML but left out of the schema's
/// subset on purpose (anchors, tags, several documents…): a schema has no use for them, and refusing them
/// with a plain message beats a surprising meaning.
public enum YAMLProblem: Equatable, Sendable {
    case invalidUTF8
    /// U+0085, U+2028 or U+2029: line breaks to libyaml (YAML 1.1), text to YAML 1.2. Refused, so that the
    /// schema never means something else to another reader.
    case unusualLineBreak(UInt32)
    /// U+FEFF past the start of the text (copied in with a piece of text): libyaml skips some and keeps others.
    case byteOrderMarkInside
    /// Lists and mappings nested deeper than any schema needs (256 levels).
    case tooDeep
    /// A tab where YAML wants spaces: in a line's indentation, or right after `-` or `key:`.
    case tabIndentation
    case anchor
    case alias
    case tag
    case directive
    case secondDocument
    /// `? key`, or a list or mapping used as a key, or a quoted key over several lines.
    case complexKey
    case duplicateKey(String, firstLine: Int)
    /// A line indented deeper or shallower than the lines around it allow.
    case badIndentation
    /// A line inside a mapping that is not `key: value`.
    case missingColon
    case unterminatedQuote(openedOn: Int)
    case unterminatedFlow(openedOn: Int)
    case badEscape(String)
    /// Something after a closing quote on the same line (`"a" b`).
    case textAfterQuote
    /// A character that cannot stand where it is (`]` outside a list, `: ` in the middle of a value…).
    case unexpected(String)
}

/// A YAML problem and the 1-based line it is on.
public struct YAMLError: Error, Equatable, Sendable {
    public var line: Int
    public var problem: YAMLProblem
}

/// Reads the YAML a schema is written in, from UTF-8 bytes: block and flow mappings and lists, plain, quoted
/// and block scalars, comments, one document. Line numbers and scalar texts are those libyaml gives (the
/// tests compare the two), so a schema means the same as it did when it was read with Yams.
public struct YAMLReader {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// Lists and mappings open around the reading position. Each is a call deeper; a schema needs three.
    private var depth = 0
    private static let maximumDepth = 256

    private mutating func enter() throws(YAMLError) {
        depth += 1
        if depth > Self.maximumDepth { throw fail(.tooDeep) }
    }

    private init(_ bytes: [UInt8]) { b = bytes }

    /// The document's root, or nil when the text holds no document (empty, or only comments).
    public static func document(_ text: String) throws(YAMLError) -> YAMLNode? {
        let bytes = Array(text.utf8)
        try refuseAmbiguousCharacters(bytes)
        var reader = YAMLReader(bytes)
        return try reader.document()
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

    /// The same from bytes, which may not be UTF-8 at all.
    public static func document(bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        var codec = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1
        decoding: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error: throw YAMLError(line: line, problem: .invalidUTF8)
            }
        }
        try refuseAmbiguousCharacters(bytes)
        var reader = YAMLReader(bytes)
        return try reader.document()
    }

    // MARK: - Where the reader is

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    private var atEnd: Bool { i >= b.count }
    private func at(_ k: Int = 0) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
    private var column: Int { i - lineStart }
    private func isBlank(_ c: UInt8) -> Bool { c == Self.space || c == Self.tab }
    private func isBreak(_ c: UInt8) -> Bool { c == Self.lf || c == Self.cr }
    private func isBlankOrEnd(_ k: Int) -> Bool { i + k >= b.count || isBlank(b[i + k]) || isBreak(b[i + k]) }
    private var atLineEnd: Bool { atEnd || isBreak(b[i]) }
    private func isFlowIndicator(_ c: UInt8) -> Bool { c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") }

    /// `---` or `...` alone at the start of a line.
    private func atDocumentMarker(_ c: UInt8) -> Bool { column == 0 && at() == c && at(1) == c && at(2) == c && isBlankOrEnd(3) }
    private var atAnyDocumentMarker: Bool { atDocumentMarker(UInt8(ascii: "-")) || atDocumentMarker(UInt8(ascii: ".")) }
    private func atEntry() -> Bool { at() == UInt8(ascii: "-") && isBlankOrEnd(1) }

    /// The line of whatever comes next. At the end of a text without a final line break that is the line
    /// after the last, as libyaml counts it (an empty last value is "on" that line).
    private var nextLine: Int { atEnd && i > lineStart ? line + 1 : line }

    private struct Mark { var i, line, lineStart: Int }
    private var mark: Mark { Mark(i: i, line: line, lineStart: lineStart) }
    private mutating func restore(_ m: Mark) { (i, line, lineStart) = (m.i, m.line, m.lineStart) }

    private mutating func skipBreak() {
        if at() == Self.cr { i += 1 }
        if at() == Self.lf { i += 1 }
        line += 1
        lineStart = i
    }

    private func fail(_ problem: YAMLProblem, line: Int? = nil) -> YAMLError { YAMLError(line: line ?? self.line, problem: problem) }

    /// The character at the reader, for a message.
    private var character: String {
        var end = i + 1
        while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: b[i..<min(end, b.count)], as: UTF8.self)
    }

    /// Spaces, comments and line breaks up to the next thing written. In block context a tab may not
    /// indent a line (libyaml refuses it there too); in a flow collection it is ordinary space.
    private mutating func skipToContent(inFlow: Bool = false) throws(YAMLError) {
        var inIndentation = true
        for k in lineStart..<i where b[k] != Self.space { inIndentation = false; break }
        while i < b.count {
            switch b[i] {
            case Self.space: i += 1
            case Self.tab:
                if inIndentation && !inFlow { throw fail(.tabIndentation) }
                i += 1
            case Self.lf, Self.cr:
                skipBreak()
                inIndentation = true
            case UInt8(ascii: "#") where i == lineStart || isBlank(b[i - 1]):
                while !atLineEnd { i += 1 }
            default:
                return
            }
        }
    }

    /// After a value on its line only spaces and a comment may follow.
    private mutating func endOfLine(afterQuote: Bool) throws(YAMLError) {
        while !atEnd && isBlank(b[i]) { i += 1 }
        if atLineEnd || (at() == UInt8(ascii: "#") && isBlank(b[i - 1])) { return }
        throw fail(afterQuote ? .textAfterQuote : .unexpected(character))
    }

    // MARK: - Documents and block collections

    private mutating func document() throws(YAMLError) -> YAMLNode? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
        try skipToContent()
        if at() == UInt8(ascii: "%") { throw fail(.directive) }
        let root: YAMLNode?
        if atDocumentMarker(UInt8(ascii: "-")) {
            i += 3
            root = try node(parent: -1, after: .documentStart)
        } else if atEnd || atDocumentMarker(UInt8(ascii: ".")) {
            root = nil
        } else {
            root = try content(parent: -1, collections: true)
        }
        try skipToContent()
        if atDocumentMarker(UInt8(ascii: ".")) {
            i += 3
            try skipToContent()
            if !atEnd { throw fail(.secondDocument) }
        }
        if atDocumentMarker(UInt8(ascii: "-")) || at() == UInt8(ascii: "%") { throw fail(.secondDocument) }
        if !atEnd { throw fail(.badIndentation) }
        return root
    }

    private enum Indicator { case key, entry, documentStart }

    /// The value after `key:`, `- ` or `---`: on the same line, on the lines below indented deeper than
    /// `parent` (the column of the collection it belongs to), or empty.
    private mutating func node(parent: Int, after indicator: Indicator) throws(YAMLError) -> YAMLNode {
        let indicatorLine = line
        while !atEnd && isBlank(b[i]) {
            if b[i] == Self.tab { throw fail(.tabIndentation) }    // libyaml refuses a tab after an indicator
            i += 1
        }
        try skipToContent()
        // An empty value is "on" the line of its `:` or `-` (libyaml marks it there), or, after `---`, on
        // the line of what follows.
        let empty = YAMLNode.scalar("", line: indicator == .documentStart ? nextLine : indicatorLine)
        if atEnd || atAnyDocumentMarker { return empty }
        if line == indicatorLine {
            // `- a: 1` and `- - a` open collections on the entry's line; after `key:` only a scalar may.
            return try content(parent: parent, collections: indicator == .entry)
        }
        if column > parent { return try content(parent: parent, collections: true) }
        // `key:` with its list at the key's own indentation ("indentless").
        if column == parent && indicator == .key && atEntry() { return try sequence(at: column) }
        return empty
    }

    /// A node starting at the reader, in block context.
    private mutating func content(parent: Int, collections: Bool) throws(YAMLError) -> YAMLNode {
        let start = mark
        switch at() {
        case UInt8(ascii: "-") where isBlankOrEnd(1):
            guard collections else { throw fail(.unexpected("-")) }
            return try sequence(at: column)
        case UInt8(ascii: "?") where isBlankOrEnd(1): throw fail(.complexKey)
        case UInt8(ascii: "&"): throw fail(.anchor)
        case UInt8(ascii: "*"): throw fail(.alias)
        case UInt8(ascii: "!"): throw fail(.tag)
        case UInt8(ascii: "%") where column == 0: throw fail(.directive)
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw fail(.unexpected(character))
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return .scalar(try blockScalar(parent: parent), line: start.line)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let node = try flowNode()
            while !atEnd && isBlank(b[i]) { i += 1 }
            if at() == UInt8(ascii: ":") && isBlankOrEnd(1) { throw fail(.complexKey, line: start.line) }
            try endOfLine(afterQuote: false)
            return node
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let text = try quoted()
            while !atEnd && isBlank(b[i]) { i += 1 }
            if at() == UInt8(ascii: ":") && isBlankOrEnd(1) {
                if line != start.line { throw fail(.complexKey, line: start.line) }
                guard collections else { throw fail(.unexpected(":")) }
                restore(start)
                return try mapping(at: column)
            }
            try endOfLine(afterQuote: true)
            return .scalar(text, line: start.line)
        default:
            if plainKeyEnd() != nil {
                guard collections else { throw fail(.unexpected(":")) }
                return try mapping(at: column)
            }
            let text = try plain(parent: parent, inFlow: false)
            try endOfLine(afterQuote: false)
            return .scalar(text, line: start.line)
        }
    }

    /// Where the `:` of a plain `key: value` on this line is, if the line is one.
    private func plainKeyEnd() -> Int? {
        var k = i
        while k < b.count && !isBreak(b[k]) {
            if b[k] == UInt8(ascii: ":") && (k + 1 == b.count || isBlank(b[k + 1]) || isBreak(b[k + 1])) { return k }
            if b[k] == UInt8(ascii: "#") && k > i && isBlank(b[k - 1]) { return nil }
            k += 1
        }
        return nil
    }

    private mutating func sequence(at col: Int) throws(YAMLError) -> YAMLNode {
        try enter()
        defer { depth -= 1 }
        let start = line
        var items: [YAMLNode] = []
        while true {
            i += 1     // the "-"
            items.append(try node(parent: col, after: .entry))
            try skipToContent()
            if atEnd || atAnyDocumentMarker { break }
            if column == col && atEntry() { continue }
            if column > col { throw fail(.badIndentation) }
            break
        }
        return .sequence(items, line: start)
    }

    private mutating func mapping(at col: Int) throws(YAMLError) -> YAMLNode {
        try enter()
        defer { depth -= 1 }
        let start = line
        var pairs: [YAMLNode.Pair] = []
        while true {
            let keyLine = line
            let key: String
            switch at() {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                key = try quoted()
                if line != keyLine { throw fail(.complexKey, line: keyLine) }
            case UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"): throw fail(.complexKey)
            case UInt8(ascii: "&"): throw fail(.anchor)
            case UInt8(ascii: "*"): throw fail(.alias)
            case UInt8(ascii: "!"): throw fail(.tag)
            case UInt8(ascii: "-") where isBlankOrEnd(1): throw fail(.badIndentation)
            case UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
                 UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
                throw fail(.unexpected(character))
            default:
                guard let colon = plainKeyEnd() else { throw fail(.missingColon) }
                var end = colon
                while end > i && isBlank(b[end - 1]) { end -= 1 }
                key = String(decoding: b[i..<end], as: UTF8.self)
                i = colon
            }
            while !atEnd && isBlank(b[i]) { i += 1 }
            guard at() == UInt8(ascii: ":") && isBlankOrEnd(1) else { throw fail(.missingColon, line: keyLine) }
            i += 1
            if let first = pairs.first(where: { $0.key == key }) {
                throw fail(.duplicateKey(key, firstLine: first.keyLine), line: keyLine)
            }
            pairs.append(.init(key: key, keyLine: keyLine, value: try node(parent: col, after: .key)))
            try skipToContent()
            if atEnd || atAnyDocumentMarker || column < col { break }
            if column > col { throw fail(.badIndentation) }
        }
        return .mapping(pairs, line: start)
    }

    // MARK: - Flow collections: [a, b] and {a: 1}

    private mutating func flowNode() throws(YAMLError) -> YAMLNode {
        try skipToContent(inFlow: true)
        let start = line
        switch at() {
        case UInt8(ascii: "["): return try flowSequence()
        case UInt8(ascii: "{"): return try flowMapping()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .scalar(try quoted(), line: start)
        case UInt8(ascii: "&"): throw fail(.anchor)
        case UInt8(ascii: "*"): throw fail(.alias)
        case UInt8(ascii: "!"): throw fail(.tag)
        // In a flow collection libyaml (YAML 1.1) takes `?` for a complex key's mark whatever follows it
        // (`[?x]` is the mapping {x: ""} to it): refused, never read as the text "?x".
        case UInt8(ascii: "?"): throw fail(.complexKey)
        case UInt8(ascii: "-") where isBlankOrEnd(1): throw fail(.unexpected("-"))
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: ">"),
             UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "#"):
            throw fail(.unexpected(character))
        case UInt8(ascii: ":") where isBlankOrEnd(1) || isFlowIndicator(at(1)):
            throw fail(.unexpected(":"))
        default:
            if atEnd { throw fail(.unexpected("")) }
            return .scalar(try plain(parent: -1, inFlow: true), line: start)
        }
    }

    private mutating func flowSequence() throws(YAMLError) -> YAMLNode {
        try enter()
        defer { depth -= 1 }
        let start = line
        i += 1
        var items: [YAMLNode] = []
        while true {
            try skipToContent(inFlow: true)
            if atEnd { throw fail(.unterminatedFlow(openedOn: start), line: nextLine) }
            if at() == UInt8(ascii: "]") { break }
            items.append(try flowNode())
            try skipToContent(inFlow: true)
            if at() == UInt8(ascii: ",") { i += 1; continue }
            if at() == UInt8(ascii: "]") { break }
            if atEnd { throw fail(.unterminatedFlow(openedOn: start), line: nextLine) }
            throw fail(.unexpected(character))
        }
        i += 1
        return .sequence(items, line: start)
    }

    private mutating func flowMapping() throws(YAMLError) -> YAMLNode {
        try enter()
        defer { depth -= 1 }
        let start = line
        i += 1
        var pairs: [YAMLNode.Pair] = []
        while true {
            try skipToContent(inFlow: true)
            if atEnd { throw fail(.unterminatedFlow(openedOn: start), line: nextLine) }
            if at() == UInt8(ascii: "}") { break }
            let keyLine = line
            guard case .scalar(let key, _) = try flowNode() else { throw fail(.complexKey, line: keyLine) }
            try skipToContent(inFlow: true)
            var value = YAMLNode.scalar("", line: line)   // `{a}` and `{a: }`: empty, on the line of what follows
            if at() == UInt8(ascii: ":") {
                i += 1
                try skipToContent(inFlow: true)
                if at() != UInt8(ascii: ",") && at() != UInt8(ascii: "}") && !atEnd { value = try flowNode() }
                else { value = .scalar("", line: nextLine) }
            }
            if let first = pairs.first(where: { $0.key == key }) {
                throw fail(.duplicateKey(key, firstLine: first.keyLine), line: keyLine)
            }
            pairs.append(.init(key: key, keyLine: keyLine, value: value))
            try skipToContent(inFlow: true)
            if at() == UInt8(ascii: ",") { i += 1; continue }
            if at() == UInt8(ascii: "}") { break }
            if atEnd { throw fail(.unterminatedFlow(openedOn: start), line: nextLine) }
            throw fail(.unexpected(character))
        }
        i += 1
        return .mapping(pairs, line: start)
    }

    // MARK: - Scalars

    /// Appends the line breaks between two pieces of a folded scalar: one break is a space, n breaks are
    /// n − 1 newlines.
    private func fold(_ breaks: Int, into out: inout [UInt8]) {
        if breaks == 1 { out.append(Self.space) } else { out.append(contentsOf: repeatElement(Self.lf, count: breaks - 1)) }
    }

    /// A plain scalar, over as many lines as are indented deeper than `parent` (in a flow collection, any).
    private mutating func plain(parent: Int, inFlow: Bool) throws(YAMLError) -> String {
        var single: Range<Int>?      // the scalar while it is one line, made straight from the bytes
        var out: [UInt8] = []        // once a second line is folded in
        var end = mark
        var breaks = 0
        while true {
            // One line's piece: up to a line break, a comment, ": " (or a flow indicator); inner spaces kept.
            let from = i
            var pieceEnd = i, stop = false
            while !atEnd && !isBreak(b[i]) {
                let c = b[i]
                if isBlank(c) {
                    var k = i
                    while k < b.count && isBlank(b[k]) { k += 1 }
                    if k == b.count || isBreak(b[k]) || b[k] == UInt8(ascii: "#") { i = k; break }
                    i = k
                    continue
                }
                if c == UInt8(ascii: ":") && (isBlankOrEnd(1) || (inFlow && isFlowIndicator(at(1)))) { stop = true; break }
                if inFlow && isFlowIndicator(c) { stop = true; break }
                i += 1
                pieceEnd = i
            }
            if pieceEnd > from {
                if breaks == 0 {
                    single = from..<pieceEnd
                } else {
                    if let first = single { out.append(contentsOf: b[first]); single = nil }
                    fold(breaks, into: &out)
                    out.append(contentsOf: b[from..<pieceEnd])
                }
                let keep = mark
                i = pieceEnd
                end = mark
                restore(keep)
            }
            if stop || atEnd || at() == UInt8(ascii: "#") { break }
            // Line breaks and the next line's indentation.
            breaks = 0
            while !atEnd && (isBlank(b[i]) || isBreak(b[i])) {
                if isBreak(b[i]) { skipBreak(); breaks += 1; continue }
                if b[i] == Self.tab && column <= parent && !inFlow { throw fail(.tabIndentation) }
                i += 1
            }
            if atEnd || at() == UInt8(ascii: "#") || atAnyDocumentMarker { break }
            if !inFlow && column <= parent { break }
        }
        restore(end)
        if let first = single { return String(decoding: b[first], as: UTF8.self) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A single- or double-quoted scalar; the reader stops after the closing quote.
    private mutating func quoted() throws(YAMLError) -> String {
        let quote = at()
        let double = quote == UInt8(ascii: "\"")
        let opened = line
        i += 1
        var out: [UInt8] = []
        var escapedBreak = false
        while true {
            if atAnyDocumentMarker { throw fail(.unterminatedQuote(openedOn: opened)) }
            if atEnd { throw fail(.unterminatedQuote(openedOn: opened), line: nextLine) }
            while !atEnd && !isBlank(b[i]) && !isBreak(b[i]) {
                if !double && b[i] == quote && at(1) == quote {
                    out.append(quote)
                    i += 2
                } else if b[i] == quote {
                    break
                } else if double && b[i] == UInt8(ascii: "\\") && (isBreak(at(1))) {
                    i += 1
                    skipBreak()
                    escapedBreak = true
                    break
                } else if double && b[i] == UInt8(ascii: "\\") {
                    try escape(into: &out)
                } else {
                    out.append(b[i])
                    i += 1
                }
            }
            if at() == quote && !atEnd { i += 1; break }
            var whitespace = 0, breaks = 0
            while !atEnd && (isBlank(b[i]) || isBreak(b[i])) {
                if isBreak(b[i]) { skipBreak(); breaks += 1; continue }
                if breaks == 0 && !escapedBreak { whitespace += 1 }
                i += 1
            }
            if escapedBreak {
                // A break escaped with "\" joins the lines without a space; further breaks are kept.
                out.append(contentsOf: repeatElement(Self.lf, count: breaks))
            } else if breaks == 0 {
                out.append(contentsOf: b[(i - whitespace)..<i])
            } else {
                fold(breaks, into: &out)
            }
            escapedBreak = false
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One escape of a double-quoted scalar, the reader at its "\".
    private mutating func escape(into out: inout [UInt8]) throws(YAMLError) {
        let letter = at(1)
        let simple: [UInt8]
        switch letter {
        case UInt8(ascii: "0"): simple = [0]
        case UInt8(ascii: "a"): simple = [7]
        case UInt8(ascii: "b"): simple = [8]
        case UInt8(ascii: "t"), Self.tab: simple = [9]
        case UInt8(ascii: "n"): simple = [10]
        case UInt8(ascii: "v"): simple = [11]
        case UInt8(ascii: "f"): simple = [12]
        case UInt8(ascii: "r"): simple = [13]
        case UInt8(ascii: "e"): simple = [27]
        case Self.space, UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): simple = [letter]
        case UInt8(ascii: "N"): simple = [0xC2, 0x85]          // next line
        case UInt8(ascii: "_"): simple = [0xC2, 0xA0]          // no-break space
        case UInt8(ascii: "L"): simple = [0xE2, 0x80, 0xA8]    // line separator
        case UInt8(ascii: "P"): simple = [0xE2, 0x80, 0xA9]    // paragraph separator
        default: simple = []
        }
        if !simple.isEmpty {
            out.append(contentsOf: simple)
            i += 2
            return
        }
        let digits: Int
        switch letter {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            i += 1
            throw fail(.badEscape("\\" + (atEnd ? "" : character)))
        }
        var value: UInt32 = 0
        for k in 0..<digits {
            guard let digit = Hex.value(at(2 + k)) else {
                throw fail(.badEscape(String(decoding: b[i..<min(i + 2 + k + 1, b.count)], as: UTF8.self)))
            }
            value = value << 4 + UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw fail(.badEscape(String(decoding: b[i..<(i + 2 + digits)], as: UTF8.self)))
        }
        out.append(contentsOf: UTF8.encode(scalar)!)
        i += 2 + digits
    }

    /// A `|` or `>` scalar; the reader stops at the start of the first line after it.
    private mutating func blockScalar(parent: Int) throws(YAMLError) -> String {
        let literal = at() == UInt8(ascii: "|")
        i += 1
        enum Chomping { case strip, clip, keep }
        var chomping = Chomping.clip
        var increment = 0
        for _ in 0..<2 {
            switch at() {
            case UInt8(ascii: "-") where chomping == .clip: chomping = .strip; i += 1
            case UInt8(ascii: "+") where chomping == .clip: chomping = .keep; i += 1
            case UInt8(ascii: "1")...UInt8(ascii: "9") where increment == 0: increment = Int(at() - UInt8(ascii: "0")); i += 1
            case UInt8(ascii: "0"): throw fail(.unexpected("0"))
            default: break
            }
        }
        try endOfLine(afterQuote: false)
        while !atLineEnd { i += 1 }     // the header's comment
        if !atEnd { skipBreak() }

        var indent = increment > 0 ? max(parent, 0) + increment : 0
        var out: [UInt8] = []
        var leadingBreak = false, leadingBlank = false
        var trailingBreaks = 0
        // Empty lines before (and between) content lines; the first content line sets the indentation.
        func emptyLines(_ r: inout YAMLReader) throws(YAMLError) {
            var deepest = 0
            while true {
                while (indent == 0 || r.column < indent) && r.at() == Self.space { r.i += 1 }
                deepest = max(deepest, r.column)
                if (indent == 0 || r.column < indent) && r.at() == Self.tab { throw r.fail(.tabIndentation) }
                if r.atEnd || !r.isBreak(r.b[r.i]) { break }
                r.skipBreak()
                trailingBreaks += 1
            }
            if indent == 0 { indent = max(deepest, parent + 1, 1) }
        }
        try emptyLines(&self)
        while column == indent && !atEnd {
            let blank = isBlank(b[i])
            if !literal && leadingBreak && !leadingBlank && !blank {
                // Folded: a single break between two ordinary lines is a space.
                if trailingBreaks == 0 { out.append(Self.space) }
                leadingBreak = false
            }
            if leadingBreak { out.append(Self.lf) }
            out.append(contentsOf: repeatElement(Self.lf, count: trailingBreaks))
            leadingBreak = false
            trailingBreaks = 0
            leadingBlank = blank
            let from = i
            while !atLineEnd { i += 1 }
            out.append(contentsOf: b[from..<i])
            if atEnd { break }
            skipBreak()
            leadingBreak = true
            try emptyLines(&self)
        }
        if chomping != .strip && leadingBreak { out.append(Self.lf) }
        if chomping == .keep { out.append(contentsOf: repeatElement(Self.lf, count: trailingBreaks)) }
        if !atEnd { i = lineStart }
        return String(decoding: out, as: UTF8.self)
    }
}
