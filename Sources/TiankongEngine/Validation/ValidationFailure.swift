/// Why an answer cannot be written into its blanks. The message is built in one place: `Messages`.
public enum ValidationFailure: Error, Equatable, Hashable, Sendable {
    /// Nothing was written.
    case empty
    /// A text answer holds a line break.
    case multipleLines
    /// A text answer holds a control character (tab, escape, …).
    case controlCharacter
    /// A text answer holds a run of X, which would read as a blank left unfilled.
    case containsBlankMarker(String)
    /// Not a number of the kind the blank asks for.
    case notANumber
    case negative
    /// A fraction where a whole number is asked for.
    case notWhole
    case belowMinimum(Int)
    case aboveMaximum(Int)
    case outOfRange(ClosedRange<Int>)
    /// A year must be four digits between 1949 and 2100.
    case notAYear
    /// A text answer that is none of the field's choices (all of them, to show).
    case notAChoice([String])
    /// A text answer shorter or longer than the field allows: its limits in characters.
    case wrongLength(minimum: Int?, maximum: Int?)
    /// "2021年2月30日": no such day.
    case noSuchDate(year: Int?, month: Int, day: Int)
}

/// Something worth a second look that does not block the answer.
public enum ValidationWarning: Equatable, Hashable, Sendable {
    /// The answer ends with the words that follow the blank ("市财政局党组" + "党组" → "党组党组").
    case repeatsFollowingText(repeated: String, suggestion: String)
    /// The answer starts with the words before the blank ("我" + "我市" → "我我市").
    case repeatsPrecedingText(repeated: String, suggestion: String)
    /// A percentage above 100.
    case percentAbove100(String)
    /// Characters nobody sees were taken out of the answer (zero-width spaces, direction marks, a
    /// byte-order mark: copied in from a web page or a chat): how many.
    case invisibleCharactersRemoved(Int)

    /// The answer with the repeated words taken off, when there is one to offer.
    public var suggestion: String? {
        switch self {
        case .repeatsFollowingText(_, let suggestion), .repeatsPrecedingText(_, let suggestion): return suggestion
        case .percentAbove100, .invisibleCharactersRemoved: return nil
        }
    }
}

/// The outcome of checking one answer.
public struct Verdict: Sendable, Equatable {
    /// The answer as it will be written (trimmed; numbers in Arabic digits), nil when it failed.
    public var value: String?
    public var failure: ValidationFailure?
    public var warnings: [ValidationWarning]

    public var isValid: Bool { failure == nil }

    static func failed(_ failure: ValidationFailure) -> Verdict { Verdict(value: nil, failure: failure, warnings: []) }
    static func accepted(_ value: String, warnings: [ValidationWarning] = []) -> Verdict {
        Verdict(value: value, failure: nil, warnings: warnings)
    }
}
