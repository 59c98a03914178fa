import FoundationEssentials

/// The user's answers, by field id, as stored in an answers file or the wizard's autosave.
///
/// The file is JSON: `{"template": "<sha256 of the template>", "answers": {"f1": "…"}}`;
/// a plain `{"f1": "…"}` object is accepted too.
public struct AnswerSet: Equatable, Sendable {
    public var templateDigest: String?
    public var answers: [String: String]

    public init(templateDigest: String? = nil, answers: [String: String] = [:]) {
        self.templateDigest = templateDigest
        self.answers = answers
    }

    /// Reads an answers file's bytes.
    public static func decode(_ bytes: [UInt8]) throws(AnswerFileError) -> AnswerSet {
        if bytes.isEmpty { throw .empty }
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes)
        } catch {
            throw .notJSON(error)
        }
        guard case .object(let members) = value else { throw .notAnObject }
        var digest: String?
        var source = members
        if let nested = members.last(where: { $0.key == "answers" })?.value {
            guard case .object(let answers) = nested else { throw .notAnObject }
            source = answers
            if let template = members.last(where: { $0.key == "template" })?.value {
                guard case .string(let text) = template else { throw .valueNotText(key: "template") }
                digest = text
            }
        }
        var answers: [String: String] = [:]
        answers.reserveCapacity(source.count)
        for (key, value) in source {
            switch value {
            case .string(let text): answers[key] = text
            // A number is taken as written: 12 is "12", 12.50 stays "12.50".
            case .number(let text): answers[key] = text
            default: throw .valueNotText(key: key)
            }
        }
        return AnswerSet(templateDigest: digest, answers: answers)
    }

    /// Reads an answers file held as Data.
    public static func decode(_ data: Data) throws(AnswerFileError) -> AnswerSet {
        try decode(Array(data))
    }

    /// The answers as pretty JSON, fields in their natural order (f1, f2, … f10). Written as bytes: the
    /// autosave encodes them at every keystroke.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + answers.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 12 })
        out += Array("{\n".utf8)
        if let templateDigest {
            out += Array("  \"template\": ".utf8)
            JSONText.appendQuoted(templateDigest, to: &out)
            out += Array(",\n".utf8)
        }
        out += Array("  \"answers\": {".utf8)
        let keys = answers.keys.sorted(by: AnswerSet.naturalOrder)
        for (i, key) in keys.enumerated() {
            out += Array((i == 0 ? "\n    " : ",\n    ").utf8)
            JSONText.appendQuoted(key, to: &out)
            out += Array(": ".utf8)
            JSONText.appendQuoted(answers[key]!, to: &out)
        }
        out += Array((keys.isEmpty ? "}\n}\n" : "\n  }\n}\n").utf8)
        return out
    }

    /// "f2" before "f10"; other keys after, alphabetically.
    public static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func number(_ s: String) -> Int? { s.hasPrefix("f") ? Int(s.dropFirst()) : nil }
        switch (number(a), number(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }
}

/// Why an answers file could not be read.
public enum AnswerFileError: Error, Equatable, Sendable {
    case empty
    case notJSON(JSONFailure)
    case notAnObject
    case valueNotText(key: String)
}

/// JSON string quoting, shared by every JSON tiankong writes.
public enum JSONText {
    /// What JSON writes for each byte of UTF-8 inside a string: nil for the byte itself, else its
    /// escape (a quote, a backslash, a control character).
    public static let escapes: [[UInt8]?] = (0...255).map { (byte: Int) -> [UInt8]? in
        switch byte {
        case 0x22: return Array("\\\"".utf8)
        case 0x5C: return Array("\\\\".utf8)
        case 0x0A: return Array("\\n".utf8)
        case 0x0D: return Array("\\r".utf8)
        case 0x09: return Array("\\t".utf8)
        case 0..<0x20: return Array(unicodeEscape(UInt32(byte)).utf8)
        default: return nil
        }
    }

    /// Appends `s` as a quoted JSON string to a byte buffer. UTF-8 passes through unchanged but for NEL,
    /// LS, PS and U+FEFF, escaped too: the YAML reader refuses them raw (libyaml reads them otherwise
    /// than YAML 1.2), and a schema tiankong writes must read back.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var k = 0
            while k < bytes.count {
                let byte = bytes[k]
                if let escape = escapes[Int(byte)] {
                    out.append(contentsOf: escape)
                } else if byte >= 0xC2, let (scalar, length) = unusualScalar(bytes, at: k) {
                    out.append(contentsOf: Array(unicodeEscape(scalar).utf8))
                    k += length
                    continue
                } else {
                    out.append(byte)
                }
                k += 1
            }
        }
        out.append(0x22)
    }

    /// NEL (C2 85), LS and PS (E2 80 A8, E2 80 A9) or U+FEFF (EF BB BF) at `k`, with its length in bytes.
    private static func unusualScalar(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> (UInt32, Int)? {
        switch bytes[k] {
        case 0xC2 where k + 1 < bytes.count && bytes[k + 1] == 0x85:
            return (0x85, 2)
        case 0xE2 where k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9):
            return (bytes[k + 2] == 0xA8 ? 0x2028 : 0x2029, 3)
        case 0xEF where k + 2 < bytes.count && bytes[k + 1] == 0xBB && bytes[k + 2] == 0xBF:
            return (0xFEFF, 3)
        default:
            return nil
        }
    }

    /// `\\u` and four lowercase hex digits: a character of the Basic Multilingual Plane, escaped.
    static func unicodeEscape(_ value: UInt32) -> String {
        var out = Array("\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(Hex.digits[Int(value >> UInt32(shift)) & 0xF]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
