/// The language of every message tiankong shows: Chinese, or English when the locale asks for it.
public enum Language: String, Sendable, Equatable {
    case chinese
    case english

    /// Reads LC_ALL, then LC_MESSAGES, then LANG: English when the first one set starts with "en".
    public static func fromEnvironment() -> Language {
        fromEnvironment(Environment.value)
    }

    /// The same, with the variables looked up by `lookup` (a dictionary's subscript in tests).
    public static func fromEnvironment(_ lookup: (String) -> String?) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = lookup(name), !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .english : .chinese
            }
        }
        return .chinese
    }

    /// Picks the Chinese or the English wording.
    @inlinable
    public func pick(_ chinese: String, _ english: String) -> String {
        self == .english ? english : chinese
    }
}
