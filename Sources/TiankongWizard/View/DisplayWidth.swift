import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
// wcwidth is libc's; the shim only declares it (Swift's Glibc module hides it). No ncurses call here.
import func CNcursesw.wcwidth

/// Display widths in terminal columns, measured with the C library's `wcwidth`.
///
/// CJK characters and full-width punctuation ("，。：（１") take two columns; combining marks none.
public enum DisplayWidth {
    /// The character type from the environment, or C.UTF-8 when that is not UTF-8: `wcwidth` gives -1
    /// for every non-ASCII character in the C locale, and ncurses reads wide characters only in a UTF-8
    /// locale (without one, CJK input is lost silently). Only LC_CTYPE: the wizard's words are its own,
    /// and loading every other category (collation, time, money…) would slow every start.
    private static let localeReady: Bool = {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return true
    }()

    /// Sets the locale up once, for widths and for ncurses (the wizard calls it before ncurses starts).
    static func prepareLocale() { _ = localeReady }

    /// The columns one Unicode scalar takes: 0 for combining marks and controls.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        _ = localeReady
        let w = Int(wcwidth(wchar_t(bitPattern: v)))
        return w < 0 ? 0 : w
    }

    /// The columns one character (grapheme cluster) takes: as many as its first scalar, which is what
    /// ncurses gives a cell whatever follows in it (and what terminals that measure code point by code
    /// point, tmux and xterm among them, show); or, when the first takes none, the rest's, at most 2.
    /// So a flag (two regional indicators) takes one column, not two: measured otherwise, the rest of
    /// its row was drawn one column off.
    @inline(__always)
    public static func of(_ character: Character) -> Int {
        var total = 0
        var first = -1
        for scalar in character.unicodeScalars {
            let width = of(scalar)
            if first < 0 { first = width }
            total += width
        }
        return first > 0 ? first : min(total, 2)
    }

    /// The columns a string takes.
    public static func of(_ string: String) -> Int {
        var total = 0
        forEachCharacter(of: string) { _, _, width in
            total += width
            return true
        }
        return total
    }

    /// The longest prefix of `string` that fits in `columns`, and its width.
    public static func prefix(_ string: String, fitting columns: Int) -> (String, Int) {
        var used = 0
        var prefix = ""
        forEachCharacter(of: string) { scalar, character, width in
            if used + width > columns { return false }
            used += width
            if let character { prefix.append(character) } else if let scalar { prefix.unicodeScalars.append(scalar) }
            return true
        }
        return (prefix, used)
    }

    /// Calls `body` with each character of `string` (a grapheme cluster) and its width (at most 2),
    /// until `body` returns false. A character that is one scalar standing alone comes as that scalar
    /// (the Character is nil); any other as the Character, with its scalar when it is one.
    ///
    /// Swift's Character iteration finds grapheme breaks at every scalar. A scalar that always
    /// stands alone as a character (ASCII, Latin-1, CJK ideographs and punctuation, full-width forms,
    /// general punctuation), followed by another such scalar or by nothing, is a character by itself:
    /// such runs are walked scalar by scalar, with the same result; from the first scalar that is not,
    /// the rest of the string is walked by Character.
    @inline(__always)
    public static func forEachCharacter(of string: String, _ body: (Unicode.Scalar?, Character?, Int) -> Bool) {
        var scalars = string.unicodeScalars.makeIterator()
        var offset = 0  // UTF-8 offset of `current`
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            guard standsAlone(scalar.value), next.map({ standsAlone($0.value) }) ?? true else {
                // The previous scalar stood alone, so a character starts here: the rest by Character.
                let start = string.utf8.index(string.utf8.startIndex, offsetBy: offset)
                for character in string[start...] {
                    let scalars = character.unicodeScalars
                    let single = scalars.index(after: scalars.startIndex) == scalars.endIndex
                    if !body(single ? scalars.first : nil, character, of(character)) { return }
                }
                return
            }
            if !body(scalar, nil, of(scalar)) { return }
            offset += UTF8.width(scalar)
            current = next
        }
    }

    /// Whether a scalar is a character on its own whatever stands beside it: no grapheme rule joins it
    /// to a neighbour (it is not a combining mark, joiner, variation selector, Hangul jamo or syllable,
    /// regional indicator, prepended mark or control).
    @inline(__always)
    static func standsAlone(_ v: UInt32) -> Bool {
        if v >= 0x4E00 { return v <= 0x9FFF || (v >= 0xFF01 && v <= 0xFF9D) || (v >= 0xF900 && v <= 0xFAFF) }  // CJK ideographs, full-width forms
        if v < 0x300 { return v >= 0x20 && (v < 0x7F || v >= 0xA0) }     // ASCII, Latin-1, Latin Extended
        if v >= 0x3000 {                                                  // CJK punctuation, kana, bopomofo, Extension A
            return (v <= 0x3029) || (v >= 0x3030 && v <= 0x3098) || (v >= 0x309B && v <= 0x31FF) || (v >= 0x3400 && v <= 0x4DBF)
        }
        if v >= 0x2000 && v <= 0x2BFF {                                   // punctuation, symbols, box drawing
            return !((v >= 0x200C && v <= 0x200F) || (v >= 0x2028 && v <= 0x202E) || (v >= 0x2060 && v <= 0x206F) || (v >= 0x20D0 && v <= 0x20FF))
        }
        return false
    }
}
