#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A template's schema (TEMPLATE.tiankong.yaml): the questions named once by whoever prepares the template.
///
/// For each field: id, label, kind, unit, min/max, hint, default, optional, and the blanks it fills — by
/// blank index, or by a piece of text the blank sits in ("党组扩大会议学习X次") so the schema survives small
/// edits. A field with `replace:` asks for a literal text of the template ("2020") and replaces it everywhere
/// (or only `within:` the given pieces of text). A text field may list its `choices:` or limit its length
/// (`min_length:`, `max_length:`). `rules:` compare numeric fields.
public struct Schema: Sendable, Equatable {
    /// One field as the schema describes it.
    public struct FieldSpec: Sendable, Equatable {
        public var id: String
        public var label: String?
        public var kind: Kind?
        public var unit: String?
        public var minimum: Int?
        public var maximum: Int?
        public var hint: String?
        public var defaultAnswer: String?
        public var isOptional = false
        public var blanks: [BlankReference] = []
        public var replace: String?
        public var within: [String] = []
        public var choices: [String] = []
        public var minimumLength: Int?
        public var maximumLength: Int?
        /// The schema file line the field starts on.
        public var line: Int

        /// True when the field lists choices or limits a length, which only a text answer has.
        public var asksForText: Bool { !choices.isEmpty || minimumLength != nil || maximumLength != nil }
    }

    /// Which blank a field fills.
    public enum BlankReference: Sendable, Equatable {
        case index(Int, line: Int)
        case context(String, line: Int)
    }

    public var fields: [FieldSpec] = []
    public var rules: [Rule] = []

    /// The schema file next to a template: "模板.tiankong.yaml" (or "模板.txt.tiankong.yaml").
    public static func path(besideTemplate path: String) -> String? {
        var candidates: [String] = []
        if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
            candidates.append(String(path[..<dot]) + ".tiankong.yaml")
        }
        candidates.append(path + ".tiankong.yaml")
        return candidates.first { access($0, F_OK) == 0 }
    }

    /// Reads a schema file's text.
    /// - Throws: `SchemaError` with the line of the mistake.
    public static func parse(_ yaml: String, path: String) throws(SchemaError) -> Schema {
        let root: YAMLNode?
        do {
            root = try YAML.document(yaml)
        } catch {
            throw SchemaError(path: path, line: error.line, problem: .badYAML(error.problem))
        }
        guard let root, let top = root.pairs else {
            throw SchemaError(path: path, line: root?.line, problem: .notAMapping("schema"))
        }
        var schema = Schema()
        for pair in top {
            let value = pair.value
            switch pair.key {
            case "fields":
                guard let items = value.items else { throw SchemaError(path: path, line: value.line, problem: .notAList("fields")) }
                for item in items { schema.fields.append(try fieldSpec(item, path: path)) }
            case "rules":
                guard let items = value.items else { throw SchemaError(path: path, line: value.line, problem: .notAList("rules")) }
                for item in items { schema.rules.append(try rule(item, path: path)) }
            case "template", "version":
                continue
            default:
                throw SchemaError(path: path, line: pair.keyLine, problem: .unknownKey(pair.key))
            }
        }
        // A scan rather than a [String: Int]: a schema has tens of fields, and the dictionary's first use
        // cost more (its metadata and String's Hashable conformance looked up) than all the comparisons.
        for (k, field) in schema.fields.enumerated() {
            if let first = schema.fields[..<k].first(where: { $0.id == field.id }) {
                throw SchemaError(path: path, line: field.line, problem: .duplicateID(field.id, firstLine: first.line))
            }
        }
        return schema
    }

    private static func fieldSpec(_ node: YAMLNode, path: String) throws(SchemaError) -> FieldSpec {
        let line = node.line
        guard let mapping = node.pairs else { throw SchemaError(path: path, line: line, problem: .notAMapping("field")) }
        var spec = FieldSpec(id: "", line: line)
        var sawID = false
        for pair in mapping {
            let (key, keyLine, value) = (pair.key, pair.keyLine, pair.value)
            func text() throws(SchemaError) -> String {
                guard let scalar = value.string else { throw SchemaError(path: path, line: keyLine, problem: .notText(key)) }
                return scalar
            }
            func number() throws(SchemaError) -> Int {
                guard let n = integer(value) else { throw SchemaError(path: path, line: keyLine, problem: .notANumber(key)) }
                return n
            }
            switch key {
            case "id":
                spec.id = try text()
                sawID = true
                guard !spec.id.isEmpty, isIdentifier(spec.id) else {
                    throw SchemaError(path: path, line: keyLine, problem: .badID(spec.id))
                }
            case "label": spec.label = try text()
            case "kind":
                let name = try text()
                guard let kind = Kind(rawValue: name) else { throw SchemaError(path: path, line: keyLine, problem: .unknownKind(name)) }
                spec.kind = kind
            case "unit": spec.unit = try text()
            case "min": spec.minimum = try number()
            case "max": spec.maximum = try number()
            case "hint": spec.hint = try text()
            case "default": spec.defaultAnswer = try text()
            case "optional":
                guard let flag = flag(value) else { throw SchemaError(path: path, line: keyLine, problem: .notText("optional")) }
                spec.isOptional = flag
            case "replace": spec.replace = try text()
            case "within":
                spec.within = try texts(value, key: key, path: path)
            case "choices":
                spec.choices = try texts(value, key: key, path: path)
                if spec.choices.isEmpty { throw SchemaError(path: path, line: keyLine, problem: .noChoices) }
            case "min_length": spec.minimumLength = try number()
            case "max_length": spec.maximumLength = try number()
            case "blanks":
                let items = value.items ?? [value]
                for item in items {
                    let itemLine = item.line
                    if let index = integer(item) {
                        spec.blanks.append(.index(index, line: itemLine))
                    } else if let s = item.string {
                        spec.blanks.append(.context(s, line: itemLine))
                    } else {
                        throw SchemaError(path: path, line: itemLine, problem: .notText("blanks"))
                    }
                }
            default:
                throw SchemaError(path: path, line: keyLine, problem: .unknownKey(key))
            }
        }
        if !sawID { throw SchemaError(path: path, line: line, problem: .missingID) }
        if let lo = spec.minimum, let hi = spec.maximum, lo > hi {
            throw SchemaError(path: path, line: line, problem: .minimumAboveMaximum(lo, hi))
        }
        if let lo = spec.minimumLength, let hi = spec.maximumLength, lo > hi {
            throw SchemaError(path: path, line: line, problem: .minimumLengthAboveMaximum(lo, hi))
        }
        if let kind = spec.kind, kind != .text, spec.asksForText {
            throw SchemaError(path: path, line: line, problem: .onlyForText(spec.id, kind))
        }
        if let answer = spec.defaultAnswer, !spec.choices.isEmpty, !spec.choices.contains(answer) {
            throw SchemaError(path: path, line: line, problem: .defaultNotAChoice(answer))
        }
        if spec.blanks.isEmpty && spec.replace == nil {
            throw SchemaError(path: path, line: line, problem: .fillsNothing(spec.id))
        }
        if spec.replace != nil && !spec.blanks.isEmpty {
            throw SchemaError(path: path, line: line, problem: .replaceAndBlanks(spec.id))
        }
        return spec
    }

    /// A list of texts, or one text as a list of one.
    private static func texts(_ value: YAMLNode, key: String, path: String) throws(SchemaError) -> [String] {
        guard let items = value.items else {
            guard let s = value.string else { throw SchemaError(path: path, line: value.line, problem: .notText(key)) }
            return [s]
        }
        var texts: [String] = []
        for item in items {
            guard let s = item.string else { throw SchemaError(path: path, line: item.line, problem: .notText(key)) }
            texts.append(s)
        }
        return texts
    }

    /// Letters, digits, "_" and "-" (in any script). ASCII ids are checked byte by byte: Character's
    /// Unicode properties load their tables at first use, on the wizard's start-up path.
    static func isIdentifier(_ id: String) -> Bool {
        let ascii = id.utf8.allSatisfy { $0 < 0x80 }
        if !ascii { return id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }
        return id.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"): return true
            default: return false
            }
        }
    }

    /// A whole number written in decimal ("3", "-1", "+12"); YAML's hex, octal and sexagesimal forms
    /// are not numbers to a schema ("0x10" is refused).
    static func integer(_ node: YAMLNode) -> Int? {
        guard let scalar = node.string else { return nil }
        let digits = scalar.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        guard scalar.utf8.count - digits.count <= 1, !digits.isEmpty,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(scalar)
    }

    /// true/yes/on and false/no/off, in any case, as YAML writes flags.
    static func flag(_ node: YAMLNode) -> Bool? {
        switch node.string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    private static func rule(_ node: YAMLNode, path: String) throws(SchemaError) -> Rule {
        let line = node.line
        guard let mapping = node.pairs else { throw SchemaError(path: path, line: line, problem: .notAMapping("rule")) }
        var check: String?
        var message: String?
        for pair in mapping {
            switch pair.key {
            case "check": check = pair.value.string
            case "message": message = pair.value.string
            default: throw SchemaError(path: path, line: pair.keyLine, problem: .unknownKey(pair.key))
            }
        }
        guard let check, let parsed = Rule(check: check, message: message ?? check, line: line) else {
            throw SchemaError(path: path, line: line, problem: .badRule(check ?? ""))
        }
        return parsed
    }
}

/// A comparison between numeric fields that must hold: "整改数 <= 发现问题数".
public struct Rule: Sendable, Equatable {
    public enum Operand: Sendable, Equatable {
        case field(String)
        case number(Double)
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "<=", atLeast = ">=", notEqual = "!=", equal = "==", below = "<", above = ">"
    }

    public var left: Operand
    public var comparison: Comparison
    public var right: Operand
    /// Shown when the rule does not hold.
    public var message: String
    public var line: Int

    /// Parses "a <= b" (field ids or numbers either side).
    public init?(check: String, message: String, line: Int) {
        for comparison in Comparison.allCases {
            guard let range = check.utf8.firstRange(of: comparison.rawValue.utf8) else { continue }
            let lhs = check[..<range.lowerBound].trimmedSpaces()
            let rhs = check[range.upperBound...].trimmedSpaces()
            guard let l = Rule.operand(lhs), let r = Rule.operand(rhs) else { return nil }
            self.left = l
            self.comparison = comparison
            self.right = r
            self.message = message
            self.line = line
            return
        }
        return nil
    }

    private static func operand(_ s: String) -> Operand? {
        if s.isEmpty { return nil }
        if let n = Double(s) { return .number(n) }
        guard s.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return .field(s)
    }

    /// The field ids the rule reads.
    public var fieldIDs: [String] {
        [left, right].compactMap { if case .field(let id) = $0 { return id } else { return nil } }
    }

    /// Whether the rule holds for these checked values; nil when a value it needs is missing.
    public func holds(_ values: [String: String]) -> Bool? {
        func value(_ operand: Operand) -> Double? {
            switch operand {
            case .number(let n): return n
            case .field(let id): return values[id].flatMap(Double.init)
            }
        }
        guard let a = value(left), let b = value(right) else { return nil }
        switch comparison {
        case .atMost: return a <= b
        case .atLeast: return a >= b
        case .below: return a < b
        case .above: return a > b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}

/// A mistake in a schema file, with the line it is on.
public struct SchemaError: Error, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        case badYAML(YAMLProblem)
        case unreadable(String)
        case notAMapping(String)
        case notAList(String)
        case notText(String)
        case notANumber(String)
        case unknownKey(String)
        case unknownKind(String)
        case missingID
        case badID(String)
        case duplicateID(String, firstLine: Int)
        case minimumAboveMaximum(Int, Int)
        case minimumLengthAboveMaximum(Int, Int)
        /// `choices:` with nothing in it.
        case noChoices
        /// A default answer that is none of the field's choices.
        case defaultNotAChoice(String)
        /// `choices`, `min_length` or `max_length` on a field of another kind than text.
        case onlyForText(String, Kind)
        case fillsNothing(String)
        case replaceAndBlanks(String)
        case noSuchBlank(Int)
        case contextMatchesNothing(String)
        case contextWithoutBlank(String)
        case textNotFound(String)
        case blankClaimedTwice(blank: Int, first: String, second: String)
        case badRule(String)
        case ruleUnknownField(String)
        case ruleNotNumeric(String)
    }

    public var path: String
    /// 1-based line in the schema file, when known.
    public var line: Int?
    public var problem: Problem

    public var exitStatus: ExitStatus { .data }
}
