import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import Synchronization

/// Breaks a hint or a message into screen lines by display width.
///
/// Chinese breaks between any two characters, but a closing mark ("，" "。" "”") never starts a
/// line: the character before it goes down with it. English breaks at the last space when there is one.
public enum TextWrap {
    /// The lines of `text` (its own "\n" start new lines), each at most `width` columns; with
    /// `maxLines`, the last line kept ends in "…" when text was left out.
    public static func lines(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        // The same hint and notice are wrapped for the layout, the reducer and the view on every
        // keystroke: the last few answers are kept.
        let key = Remembered.Key(text: text, width: width, maxLines: maxLines)
        if let known = Remembered.lines(for: key) { return known }
        let lines = wrap(text, width: width, maxLines: maxLines)
        Remembered.keep(lines, for: key)
        return lines
    }

    private static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        let width = max(2, width)
        var out: [[Character]] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var used = 0
            DisplayWidth.forEachCharacter(of: String(paragraph)) { scalar, cluster, w in
                let character = cluster ?? Character(scalar!)
                if used + w > width, !line.isEmpty {
                    var carried: [Character] = []
                    if ReportWrap.isClosing(character), line.count > 1 {
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

    /// The last texts wrapped, with their lines (a handful: a screen shows a hint, a notice, a question).
    /// Sixteen at most, looked through in order: a dictionary's first use costs more at start-up than
    /// the search ever will.
    private enum Remembered {
        struct Key: Equatable {
            var text: String
            var width: Int
            var maxLines: Int
        }

        private struct Entry {
            var key: Key
            var lines: [String]
        }

        private static let kept = Mutex<[Entry]>([])

        static func lines(for key: Key) -> [String]? {
            kept.withLock { kept in kept.first { $0.key == key }?.lines }
        }

        static func keep(_ lines: [String], for key: Key) {
            kept.withLock { kept in
                if kept.count >= 16 { kept.removeAll(keepingCapacity: true) }
                kept.append(Entry(key: key, lines: lines))
            }
        }
    }
}
