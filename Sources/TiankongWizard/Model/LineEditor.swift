import TiankongEngine

/// A one-line editor that is right for wide characters.
///
/// The edit position counts characters; the cursor column counts screen cells. Both are kept apart,
/// as dialog does, so the cursor sits in the right column after Chinese text.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// The edit position: how many characters are before the cursor.
    public private(set) var cursor: Int
    /// The first character shown when the text is wider than the field.
    public private(set) var scroll: Int = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var isAtEnd: Bool { cursor == characters.count }

    // MARK: - Editing

    /// Inserts text at the cursor. Newlines and tabs become spaces; other control characters, and the
    /// invisible ones that come along when pasting from a web page (zero-width spaces, direction marks),
    /// are dropped: the field holds what the user sees.
    public mutating func insert(_ string: String) {
        let clean = Self.printable(string)
        guard !clean.isEmpty else { return }
        characters.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
    }

    /// The characters of `string` that may go into an answer.
    static func printable(_ string: String) -> [Character] {
        var out: [Character] = []
        for character in string {
            if Self.breaks.contains(character) {
                out.append(" ")
                continue
            }
            if character.unicodeScalars.contains(where: isControl) { continue }
            if character.unicodeScalars.allSatisfy(Validation.isInvisible) { continue }
            out.append(character)
        }
        return out
    }

    /// Line and paragraph breaks of every kind, and tabs: each becomes a space.
    private static let breaks: Set<Character> = ["\n", "\r\n", "\r", "\t", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"]

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
    }

    public mutating func moveLeft() { if cursor > 0 { cursor -= 1 } }
    public mutating func moveRight() { if cursor < characters.count { cursor += 1 } }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Backspace: removes the whole character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Delete: removes the whole character under the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-U: removes everything before the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: removes everything from the cursor on.
    public mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-W: removes the word before the cursor (and the spaces after it), as in a shell.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    // MARK: - Showing it

    /// Scrolls so that the cursor fits in a field `width` columns wide (one column is kept for it at the end).
    public mutating func fit(width: Int) {
        let width = max(2, width)
        if cursor < scroll { scroll = cursor }
        if columns(0, cursor) + 1 <= width {
            scroll = 0
            return
        }
        var used = columns(scroll, cursor)
        while used + 1 > width, scroll < cursor {
            used -= DisplayWidth.of(characters[scroll])
            scroll += 1
        }
    }

    /// The cursor's column inside the field.
    public var cursorColumn: Int { columns(scroll, cursor) }

    /// The part of the text shown in a field `width` columns wide.
    public func visible(width: Int) -> String {
        var used = 0
        var shown = ""
        var k = scroll
        while k < characters.count {
            let w = DisplayWidth.of(characters[k])
            if used + w > width { break }
            shown.append(characters[k])
            used += w
            k += 1
        }
        return shown
    }

    private func columns(_ from: Int, _ to: Int) -> Int {
        var total = 0
        var k = from
        while k < to {
            total += DisplayWidth.of(characters[k])
            k += 1
        }
        return total
    }
}
