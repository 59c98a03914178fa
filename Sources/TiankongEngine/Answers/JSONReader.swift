/// A strict JSON reader (RFC 8259) for answers files and autosaves.
///
/// Kept rather than taken from a library because an answers file needs what general readers do not
/// give: numbers kept as written (12.50 stays "12.50" for the field to judge), the line and column of a
/// mistake for the user's message, every member of an object in order (the last of a key given twice
/// wins, as in JavaScript), and a leading U+FEFF inside a string kept, so that an invisible character
/// pasted into an answer is counted and reported. Foundation's JSONSerialization drops that U+FEFF and
/// would bring all of Foundation into the binary.
public enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number as written ("12", "-3.5", "1e2").
    case number(String)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}

/// Where and why a text is not JSON.
public struct JSONFailure: Error, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        case unexpectedEnd
        case unexpectedCharacter(Unicode.Scalar)
        case controlCharacterInString
        case badEscape
        case badUnicodeEscape
        case badNumber
        case invalidUTF8
        case trailingText
        case tooDeep
    }

    /// 1-based line and column (in characters) of the mistake.
    public var line: Int
    public var column: Int
    public var problem: Problem
}

public struct JSONReader {
    private let bytes: [UInt8]
    private var at = 0
    private var depth = 0
    /// Deeper nesting than this is refused rather than risking the stack.
    private static let maximumDepth = 512

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The JSON value of `bytes` (UTF-8, an optional byte-order mark before it).
    public static func read(_ bytes: [UInt8]) throws(JSONFailure) -> JSONValue {
        var reader = JSONReader(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.at = 3 }
        let value = try reader.value()
        reader.skipSpace()
        if reader.at < bytes.count { throw reader.failure(.trailingText) }
        return value
    }

    private mutating func value() throws(JSONFailure) -> JSONValue {
        skipSpace()
        guard at < bytes.count else { throw failure(.unexpectedEnd) }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw unexpected()
        }
    }

    private mutating func object() throws(JSONFailure) -> JSONValue {
        try enter()
        at += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            guard bytes[at] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            members.append((key, try value()))
            skipSpace()
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
            if bytes[at] == UInt8(ascii: "}") { at += 1; depth -= 1; return .object(members) }
            throw unexpected()
        }
    }

    private mutating func array() throws(JSONFailure) -> JSONValue {
        try enter()
        at += 1
        var elements: [JSONValue] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; depth -= 1; return .array(elements) }
        while true {
            elements.append(try value())
            skipSpace()
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
            if bytes[at] == UInt8(ascii: "]") { at += 1; depth -= 1; return .array(elements) }
            throw unexpected()
        }
    }

    private mutating func string() throws(JSONFailure) -> String {
        at += 1  // the opening quote
        var out: [UInt8] = []
        var start = at
        while true {
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                out += bytes[start..<at]
                at += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    at = start
                    throw failure(.invalidUTF8)
                }
                return text
            }
            if byte < 0x20 { throw failure(.controlCharacterInString) }
            if byte != UInt8(ascii: "\\") { at += 1; continue }
            out += bytes[start..<at]
            at += 1
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            let escaped = bytes[at]
            at += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    // A surrogate pair: the low half must follow at once.
                    guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                        throw failure(.badUnicodeEscape)
                    }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure(.badUnicodeEscape) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw failure(.badUnicodeEscape)
                }
                out += Array(String(Character(Unicode.Scalar(code)!)).utf8)
            default:
                at -= 1
                throw failure(.badEscape)
            }
            start = at
        }
    }

    private mutating func hex4() throws(JSONFailure) -> UInt32 {
        guard at + 4 <= bytes.count else { throw failure(.badUnicodeEscape) }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(bytes[at]) else { throw failure(.badUnicodeEscape) }
            code = code << 4 | UInt32(digit)
            at += 1
        }
        return code
    }

    /// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private mutating func number() throws(JSONFailure) -> String {
        let start = at
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.at
            while reader.at < reader.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.at]) { reader.at += 1 }
            return reader.at - first
        }
        if bytes[at] == UInt8(ascii: "-") { at += 1 }
        if at < bytes.count, bytes[at] == UInt8(ascii: "0") {
            at += 1
        } else if digits(&self) == 0 {
            throw failure(.badNumber)
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            if digits(&self) == 0 { throw failure(.badNumber) }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            if digits(&self) == 0 { throw failure(.badNumber) }
        }
        return String(decoding: bytes[start..<at], as: UTF8.self)
    }

    private mutating func word(_ word: StaticString) throws(JSONFailure) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard at < bytes.count else { throw failure(.unexpectedEnd) }
            guard bytes[at] == byte else { throw unexpected() }
            at += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONFailure) {
        guard at < bytes.count else { throw failure(.unexpectedEnd) }
        guard bytes[at] == byte else { throw unexpected() }
        at += 1
    }

    private mutating func enter() throws(JSONFailure) {
        depth += 1
        if depth > JSONReader.maximumDepth { throw failure(.tooDeep) }
    }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    /// The character at the reading position, as found.
    private func unexpected() -> JSONFailure {
        var end = at + 1
        while end < bytes.count, end - at < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(validating: bytes[at..<end], as: UTF8.self)?.unicodeScalars.first else {
            return failure(.invalidUTF8)
        }
        return failure(.unexpectedCharacter(scalar))
    }

    private func failure(_ problem: JSONFailure.Problem) -> JSONFailure {
        var line = 1, column = 1
        for byte in bytes[..<min(at, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONFailure(line: line, column: column, problem: problem)
    }
}
