import Foundation
// wcwidth is libc's; the shim only declares it (Swift's Glibc module hides it). No ncurses call here.
import func CNcursesw.wcwidth

/// Display widths in terminal columns, measured with the C library's `wcwidth`.
///
/// CJK characters and full-width punctuation ("，。：（１") take two columns; combining marks none.
public enum DisplayWidth {
    /// Makes `wcwidth` answer for Unicode: it gives -1 for every non-ASCII character in the C locale.
    private static let localeReady: Bool = {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return true
    }()

    /// The columns one Unicode scalar takes: 0 for combining marks and controls.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        _ = localeReady
        let w = Int(wcwidth(wchar_t(bitPattern: v)))
        return w < 0 ? 0 : w
    }

    /// The columns one character (grapheme cluster) takes.
    @inline(__always)
    public static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return min(total, 2)
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
        forEachCharacter(of: string) { character, _, width in
            if used + width > columns { return false }
            used += width
            prefix.append(character)
            return true
        }
        return (prefix, used)
    }

    /// Calls `body` with each character of `string` (a grapheme cluster), its scalar when it is one,
    /// and its width (at most 2), until `body` returns false.
    ///
    /// Swift's Character iteration costs a few hundred instructions a character. A string made only of
    /// scalars that always stand alone as characters (ASCII, Latin-1, CJK ideographs and punctuation,
    /// full-width forms, general punctuation) is walked scalar by scalar instead, with the same result;
    /// any other string (combining marks, joiners, Hangul jamo, flags, controls) by Character.
    @inline(__always)
    public static func forEachCharacter(of string: String, _ body: (Character, Unicode.Scalar?, Int) -> Bool) {
        if string.unicodeScalars.allSatisfy({ standsAlone($0.value) }) {
            for scalar in string.unicodeScalars {
                if !body(Character(scalar), scalar, of(scalar)) { return }
            }
            return
        }
        for character in string {
            var width = 0
            var first: Unicode.Scalar?
            var count = 0
            for scalar in character.unicodeScalars {
                if count == 0 { first = scalar }
                count += 1
                width += of(scalar)
            }
            if !body(character, count == 1 ? first : nil, min(width, 2)) { return }
        }
    }

    /// Whether a scalar is a character on its own whatever stands beside it: no grapheme rule joins it
    /// to a neighbour (it is not a combining mark, joiner, variation selector, Hangul jamo or syllable,
    /// regional indicator, prepended mark or control).
    @inline(__always)
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF: return true                       // ASCII, Latin-1, Latin Extended
        case 0x200C...0x200F, 0x2028...0x202E, 0x2060...0x206F: return false  // joiners and format marks
        case 0x20D0...0x20FF: return false                                 // combining marks for symbols
        case 0x2000...0x2BFF: return true                                  // punctuation, symbols, box drawing
        case 0x302A...0x302F: return false                                 // ideographic tone marks
        case 0x3000...0x3098, 0x309B...0x31FF: return true                 // CJK punctuation, kana, bopomofo
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return true  // CJK ideographs
        case 0xFF01...0xFF9D: return true                                  // full-width and half-width forms
        default: return false
        }
    }
}
