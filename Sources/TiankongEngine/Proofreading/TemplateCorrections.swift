/// Fixes a person took for a template's own words (the wizard's Ctrl-R on the review): each replaces
/// bytes of the template's text outside its blanks, so that it holds whatever the answers become.
public struct TemplateCorrections: Sendable, Equatable {
    /// `range` of the template's text (UTF-8) becomes `replacement`.
    public struct Edit: Sendable, Equatable {
        public var range: Range<Int>
        public var replacement: [UInt8]

        public init(range: Range<Int>, replacement: [UInt8]) {
            self.range = range
            self.replacement = replacement
        }
    }

    /// The edits in the order of the text; no two touch the same bytes.
    public private(set) var edits: [Edit] = []

    public init() {}

    public var isEmpty: Bool { edits.isEmpty }

    /// Takes an edit; false, and nothing changed, when it overlaps one taken already.
    @discardableResult
    public mutating func add(_ edit: Edit) -> Bool {
        // Edits come mostly in the order of the text (Ctrl-T takes a report's findings in order): the
        // first that starts at or after this one is found by halving, so taking many costs n log n.
        var k = edits.count
        if let last = edits.last, last.range.lowerBound >= edit.range.lowerBound {
            var lo = 0, hi = edits.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if edits[mid].range.lowerBound >= edit.range.lowerBound { hi = mid } else { lo = mid + 1 }
            }
            k = lo
        }
        if k < edits.count, edits[k].range.lowerBound < edit.range.upperBound || edits[k].range.lowerBound == edit.range.lowerBound { return false }
        if k > 0, edits[k - 1].range.upperBound > edit.range.lowerBound { return false }
        edits.insert(edit, at: k)
        return true
    }

    /// `text` (the template's) with every edit made.
    public func applied(to text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 16)
        var next = 0
        append(text, 0..<text.count, to: &out, next: &next)
        return out
    }

    /// Where `offset` of the template's text is in the corrected text; an offset no edit spans.
    public func corrected(_ offset: Int) -> Int {
        var shifted = offset
        for edit in edits {
            guard edit.range.upperBound <= offset else { break }
            shifted += edit.replacement.count - edit.range.count
        }
        return shifted
    }

    /// Appends `text[range]` with the edits inside it made. Ranges are given in order; `next` is the
    /// first edit not passed yet (start at 0).
    /// - Parameter parts: called with each part appended: its start in `out`, and the template offset
    ///   it was copied from (nil for an edit's replacement).
    func append(_ text: [UInt8], _ range: Range<Int>, to out: inout [UInt8], next: inout Int,
                parts: (_ start: Int, _ from: Int?) -> Void = { _, _ in }) {
        var position = range.lowerBound
        while next < edits.count, edits[next].range.lowerBound < range.lowerBound { next += 1 }
        while next < edits.count, edits[next].range.upperBound <= range.upperBound {
            let edit = edits[next]
            if edit.range.lowerBound > position {
                parts(out.count, position)
                out += text[position..<edit.range.lowerBound]
            }
            if !edit.replacement.isEmpty {
                parts(out.count, nil)
                out += edit.replacement
            }
            position = edit.range.upperBound
            next += 1
        }
        if position < range.upperBound {
            parts(out.count, position)
            out += text[position..<range.upperBound]
        }
    }
}
