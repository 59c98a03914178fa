import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// Breaks a hint or a message into screen lines by display width.
///
/// Chinese breaks between any two characters, but a closing mark ("，" "。" "”") never starts a
/// line: the character before it goes down with it. English breaks at the last space when there is one.
public enum TextWrap {
    /// The lines of `text` (its own "\n" start new lines), each at most `width` columns; with
    /// `maxLines`, the last line kept ends in "…" when text was left out.
    /// (The view asks its `RenderCache`, which remembers the last few.)
    public static func lines(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        let width = max(2, width)
        var out: [[Character]] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var used = 0
            DisplayWidth.forEachCharacter(of: String(paragraph)) { scalar, cluster, w in
                let character = cluster ?? Character(scalar!)
                if used + w > width, !line.isEmpty {
                    var carried: [Character] = []
                    if isClosing(character), line.count > 1 {
                        carried = [line.removeLast()]
                    } else if character != " ", let space = line.lastIndex(of: " "), space > line.count / 2,
                              line[..<space].allSatisfy({ $0.isASCII }) || line[(space + 1)...].allSatisfy({ $0.isASCII }) {
                        carried = Array(line[(space + 1)...])
                        line.removeSubrange(space...)
                    }
                    out.append(line)
                    line = carried
                    used = carried.reduce(0) { $0 + DisplayWidth.of($1) }
                    if character == " " && line.isEmpty { return true }
                }
                line.append(character)
                used += w
                return true
            }
            out.append(line)
        }
        if out.count > maxLines {
            out.removeSubrange(max(0, maxLines)...)
            if var last = out.popLast() {
                var used = last.reduce(0) { $0 + DisplayWidth.of($1) }
                while used + DisplayWidth.of(Character("…")) > width, let removed = last.popLast() { used -= DisplayWidth.of(removed) }
                last.append("…")
                out.append(last)
            }
        }
        return out.map { String($0) }
    }

    /// How many lines `lines(text, width:)` gives.
    public static func count(_ text: String, width: Int) -> Int { lines(text, width: width).count }

    /// Punctuation that must not start a line: ，。、；：？！）”’》」』】 and , . ; : ? ! )
    /// A switch on the scalar, asked for every character drawn (a Set of Characters would be built
    /// before the first frame, and hashing a Character normalises it).
    static func isClosingScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x201D, 0x2019, 0x300B, 0x300D, 0x300F,
             0x3011, 0x2C, 0x2E, 0x3B, 0x3A, 0x3F, 0x21, 0x29:
            return true
        default:
            return false
        }
    }

    /// Whether a character is closing punctuation (one scalar, in `closing`).
    static func isClosing(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, isClosingScalar(first.value) else { return false }
        return scalars.index(after: scalars.startIndex) == scalars.endIndex
    }
}
