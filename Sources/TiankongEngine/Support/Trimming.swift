/// Trimming without Foundation (its trimmingCharacters(in:) needs all of it).
extension StringProtocol {
    /// The text without the leading and trailing characters `trim` picks.
    public func trimmed(where trim: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !trim($0) }) else { return "" }
        let last = lastIndex(where: { !trim($0) })!
        return String(self[first...last])
    }

    /// The text without tabs and Unicode spaces (Zs, the ideographic space too) at either end; line
    /// breaks stay. What Foundation's `trimmingCharacters(in: .whitespaces)` did.
    public func trimmedSpaces() -> String { trimmed(where: { $0.isWhitespace && !$0.isNewline }) }
}
