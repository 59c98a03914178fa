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
        for character in string { total += of(character) }
        return total
    }

    /// The longest prefix of `string` that fits in `columns`, and its width.
    public static func prefix(_ string: String, fitting columns: Int) -> (String, Int) {
        var used = 0
        var end = string.startIndex
        for index in string.indices {
            let w = of(string[index])
            if used + w > columns { break }
            used += w
            end = string.index(after: index)
        }
        return (String(string[..<end]), used)
    }
}
