/// A key as the terminal reports it, before it means anything.
public enum Key: Sendable, Equatable {
    /// A printable character (from any input method, as UTF-8).
    case character(Character)
    /// Ctrl plus a letter: `.control("c")`.
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// The terminal's bracketed-paste brackets.
    case pasteStart, pasteEnd

    /// The key a byte below 0x20 (or DEL) stands for in raw mode.
    public static func fromControlByte(_ byte: UInt32) -> Key? {
        switch byte {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(byte + 0x60)!))
        default: return nil
        }
    }
}
