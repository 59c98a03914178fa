/// Applies a schema to what inference found: the schema's fields take the blanks they name, literal texts
/// they replace become blanks too, and the blanks no schema field names keep their inferred fields.
enum SchemaApplication {
    struct Result {
        var blanks: [Blank]
        var fields: [Field]
        var rules: [Rule]
    }

    /// - Parameters:
    ///   - lines: the template's text and where its lines start, to place the blanks of replaced texts.
    ///   - keptRanges: the parts of the text that make the report (a replaced text is looked for there).
    ///   - buffer: the text the blanks read their words from.
    static func apply(_ schema: Schema, path: String, lines: LineTable, keptRanges: [ByteSpan],
                      blanks inferredBlanks: [Blank], fields inferredFields: [Field], buffer: TextBuffer) throws(SchemaError) -> Result {
        let text = lines.text
        var blanks = inferredBlanks
        var nextIndex = (inferredBlanks.map(\.index).max() ?? 0) + 1
        // Arrays by blank index and by the field's place in the schema rather than dictionaries: each
        // new kind of dictionary has its type built by the runtime, on the wizard's start-up path.
        var owner = [Int](repeating: -1, count: nextIndex)   // blank index → the schema field claiming it
        var specBlanks = [[Int]](repeating: [], count: schema.fields.count)
        let inferred = InferredBlanks(inferredBlanks)

        func claim(_ index: Int, by place: Int) throws(SchemaError) {
            while owner.count <= index { owner.append(-1) }
            if owner[index] >= 0, owner[index] != place {
                throw SchemaError(path: path, line: nil, problem: .blankClaimedTwice(
                    blank: index, first: schema.fields[owner[index]].id, second: schema.fields[place].id))
            }
            owner[index] = place
            if !specBlanks[place].contains(index) { specBlanks[place].append(index) }
        }

        for (place, spec) in schema.fields.enumerated() {
            if let literal = spec.replace {
                let occurrences = try occurrences(of: literal, within: spec.within, text: text, keptRanges: keptRanges,
                                                  avoiding: blanks, path: path, line: spec.line)
                for span in occurrences {
                    let range = span.range
                    let position = lines.position(of: range.lowerBound)
                    let around = lines.window(around: range)
                    let guess = KindInference.guess(marker: literal, before: buffer.string(around.before), after: buffer.string(around.after))
                    let blank = Blank(index: nextIndex, line: position.line, column: position.column, marker: literal,
                                      byteRange: range, kind: spec.kind ?? guess.kind, unit: spec.unit ?? guess.unit,
                                      minimum: spec.minimum ?? guess.minimum, maximum: spec.maximum ?? guess.maximum,
                                      lineRange: around.line, source: buffer, beforeRange: around.before, afterRange: around.after)
                    blanks.append(blank)
                    nextIndex += 1
                    do { try claim(blank.index, by: place) } catch { throw located(error, spec.line) }
                }
                continue
            }
            for reference in spec.blanks {
                switch reference {
                case .index(let index, let line):
                    guard inferred.contains(index: index) else {
                        throw SchemaError(path: path, line: line, problem: .noSuchBlank(index))
                    }
                    do { try claim(index, by: place) } catch { throw located(error, line) }
                case .context(let context, let line):
                    let found = try blanksMatching(context, text: text, blanks: inferred, path: path, line: line)
                    for index in found {
                        do { try claim(index, by: place) } catch { throw located(error, line) }
                    }
                }
            }
        }

        var byIndex = [Blank?](repeating: nil, count: nextIndex)
        for blank in blanks { byIndex[blank.index] = blank }
        var fields: [Field] = []
        let schemaIDs = Set(schema.fields.map(\.id))
        for (place, spec) in schema.fields.enumerated() {
            let indexes = specBlanks[place].sorted { byIndex[$0]!.byteRange.lowerBound < byIndex[$1]!.byteRange.lowerBound }
            let first = byIndex[indexes[0]]!
            let inferred = inferredFields.first { $0.blankIndexes.contains(first.index) }
            // Choices and lengths make a text field whatever its blank looks like.
            let kind = spec.kind ?? (spec.asksForText ? .text : nil)
            var field = Field(
                id: spec.id, kind: kind ?? first.kind, unit: spec.unit ?? first.unit,
                minimum: spec.minimum ?? (kind == nil ? first.minimum : nil),
                maximum: spec.maximum ?? (kind == nil ? first.maximum : nil),
                label: spec.label ?? inferred?.label ?? FieldGrouping.label(for: first), marker: first.marker,
                blankIndexes: indexes,
                surroundings: indexes.map { Field.Surrounding(before: byIndex[$0]!.before, after: byIndex[$0]!.after) })
            if kind != nil, spec.minimum == nil, spec.maximum == nil, kind == first.kind {
                field.minimum = first.minimum
                field.maximum = first.maximum
            }
            field.hint = spec.hint
            field.isOptional = spec.isOptional
            field.replacedText = spec.replace
            field.replacedWithin = spec.within
            field.choices = spec.choices
            field.minimumLength = spec.minimumLength
            field.maximumLength = spec.maximumLength
            field.defaultAnswer = spec.defaultAnswer ?? spec.replace
            fields.append(field)
        }
        // Blanks no schema field names keep their inferred field (and its id, unless the schema took it).
        for var field in inferredFields {
            field.blankIndexes.removeAll { $0 < owner.count && owner[$0] >= 0 }
            guard !field.blankIndexes.isEmpty else { continue }
            field.surroundings = field.blankIndexes.map { Field.Surrounding(before: byIndex[$0]!.before, after: byIndex[$0]!.after) }
            var id = field.id
            var n = 2
            while schemaIDs.contains(id) { id = field.id + "_\(n)"; n += 1 }
            field.id = id
            fields.append(field)
        }
        fields.sort { byIndex[$0.blankIndexes[0]]!.byteRange.lowerBound < byIndex[$1.blankIndexes[0]]!.byteRange.lowerBound }
        blanks.sort { $0.byteRange.lowerBound < $1.byteRange.lowerBound }

        for rule in schema.rules {
            for id in rule.fieldIDs {
                guard let kind = fields.first(where: { $0.id == id })?.kind else { throw SchemaError(path: path, line: rule.line, problem: .ruleUnknownField(id)) }
                guard kind.isNumeric else { throw SchemaError(path: path, line: rule.line, problem: .ruleNotNumeric(id)) }
            }
        }
        return Result(blanks: blanks, fields: fields, rules: schema.rules)
    }

    private static func located(_ error: SchemaError, _ line: Int) -> SchemaError {
        var error = error
        if error.line == nil { error.line = line }
        return error
    }

    /// The inferred blanks by where they start in the text, found by halving.
    struct InferredBlanks {
        /// A struct, not a tuple: a tuple type is put together by the Swift runtime on first use.
        private struct Start {
            var offset: Int
            var index: Int
        }

        private var starts: [Start]
        private var known: [Bool]

        init(_ blanks: [Blank]) {
            starts = blanks.map { Start(offset: $0.byteRange.lowerBound, index: $0.index) }
            known = [Bool](repeating: false, count: (blanks.map(\.index).max() ?? 0) + 1)
            for blank in blanks where blank.index >= 0 { known[blank.index] = true }
            if !starts.indices.dropFirst().allSatisfy({ starts[$0 - 1].offset <= starts[$0].offset }) {
                starts.sort { $0.offset < $1.offset }
            }
        }

        /// The index of the blank starting at `offset`, if one does.
        func index(startingAt offset: Int) -> Int? {
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle].offset < offset { low = middle + 1 } else { high = middle }
            }
            return low < starts.count && starts[low].offset == offset ? starts[low].index : nil
        }

        func contains(index: Int) -> Bool { index >= 0 && index < known.count && known[index] }

        var count: Int { starts.count }

        /// Calls `body` with where each blank starts, in order.
        func forEachOffset(_ body: (Int) -> Void) {
            for start in starts { body(start.offset) }
        }
    }

    /// The blanks a piece of text names: each run of X in `context` at a place where the text occurs.
    static func blanksMatching(_ context: String, text: [UInt8], blanks: InferredBlanks, path: String, line: Int) throws(SchemaError) -> [Int] {
        let pattern = Array(context.utf8)
        let runs = BlankScanner(exceptionWords: []).runs(in: pattern)
        guard !runs.isEmpty else { throw SchemaError(path: path, line: line, problem: .contextWithoutBlank(context)) }
        // A place where the text occurs names a blank only when one of the context's runs of X falls on
        // a blank's start: so only the places a blank's start puts a run on are compared, not the whole
        // text searched (forty contexts over a long report were most of applying a schema).
        var hits: [Int] = []
        hits.reserveCapacity(blanks.count * runs.count)
        blanks.forEachOffset { offset in
            for run in runs {
                let hit = offset - run.byteRange.lowerBound
                if hit >= 0, hit + pattern.count <= text.count { hits.append(hit) }
            }
        }
        hits.sort()
        var found: [Int] = []
        var previous = -1
        for hit in hits where hit != previous {
            previous = hit
            guard text[hit..<(hit + pattern.count)].elementsEqual(pattern) else { continue }
            for run in runs {
                if let index = blanks.index(startingAt: hit + run.byteRange.lowerBound) { found.append(index) }
            }
        }
        guard !found.isEmpty else { throw SchemaError(path: path, line: line, problem: .contextMatchesNothing(context)) }
        return found
    }

    /// Where a literal text occurs in the report (not inside a blank, not part of a longer number),
    /// optionally only inside the given pieces of text.
    static func occurrences(of literal: String, within: [String], text: [UInt8], keptRanges: [ByteSpan],
                            avoiding blanks: [Blank], path: String, line: Int) throws(SchemaError) -> [ByteSpan] {
        let pattern = Array(literal.utf8)
        guard !pattern.isEmpty else { throw SchemaError(path: path, line: line, problem: .textNotFound(literal)) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let numeric = pattern.allSatisfy(isDigit)
        var areas: [ByteSpan] = []
        if within.isEmpty {
            areas = keptRanges
        } else {
            for piece in within {
                let bytes = Array(piece.utf8)
                guard ByteSearch.firstIndex(of: pattern, in: bytes, from: 0) != nil else {
                    throw SchemaError(path: path, line: line, problem: .textNotFound(literal))
                }
                var from = 0
                var any = false
                while let hit = ByteSearch.firstIndex(of: bytes, in: text, from: from) {
                    if keptRanges.contains(where: { $0.contains(hit) }) { areas.append(ByteSpan(hit..<(hit + bytes.count))); any = true }
                    from = hit + 1
                }
                if !any { throw SchemaError(path: path, line: line, problem: .textNotFound(piece)) }
            }
        }
        var found: [ByteSpan] = []
        for area in areas {
            var from = area.lowerBound
            while let hit = ByteSearch.firstIndex(of: pattern, in: text, from: from, to: area.upperBound) {
                from = hit + 1
                let range = hit..<(hit + pattern.count)
                if numeric, (hit > 0 && isDigit(text[hit - 1])) || (range.upperBound < text.count && isDigit(text[range.upperBound])) { continue }
                if blanks.contains(where: { $0.byteRange.overlaps(range) }) { continue }
                if !found.contains(ByteSpan(range)) { found.append(ByteSpan(range)) }
            }
        }
        guard !found.isEmpty else { throw SchemaError(path: path, line: line, problem: .textNotFound(literal)) }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }
}
