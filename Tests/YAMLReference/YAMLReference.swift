import TiankongEngine
import Yams

/// libyaml's reading of a document (through Yams) in the terms of tiankong's YAML reader: what the tests
/// and the schema fuzz target check the reader against. Not part of the tiankong binary.
public enum YAMLReference {
    /// The document as libyaml reads it; nil when it holds what the reader's tree has no room for (a key
    /// that is not text, an alias). A byte-order mark is dropped first: libyaml skips one, but Yams, given
    /// a String, takes it for text.
    public static func document(_ yaml: String) throws -> YAMLNode? {
        let withoutBOM = yaml.hasPrefix("\u{FEFF}") ? String(yaml.unicodeScalars.dropFirst()) : yaml
        return try Yams.compose(yaml: withoutBOM, .basic).flatMap(tree)
    }

    /// Yams' tree in the reader's terms; nil when a key is not text.
    public static func tree(_ node: Yams.Node) -> YAMLNode? {
        let line = node.mark?.line ?? -1
        switch node {
        case .scalar(let scalar): return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                guard let converted = tree(item) else { return nil }
                items.append(converted)
            }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var pairs: [YAMLNode.Pair] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key, let v = tree(value) else { return nil }
                pairs.append(.init(key: k.string, keyLine: key.mark?.line ?? -1, value: v))
            }
            return .mapping(pairs, line: line)
        case .alias: return nil
        }
    }
}
