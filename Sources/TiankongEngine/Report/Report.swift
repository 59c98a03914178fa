import FoundationEssentials

/// The finished report: the template's text with the adverts left out and each answered blank replaced.
/// Everything else is written back byte for byte.
public enum Report {
    /// The report as UTF-8 (the text up to `template.reportEnd`). `answers` are values already checked (see
    /// `AnswerReview`); a blank whose field has no answer is left as it was. `corrections` are made in the
    /// template's own words.
    public static func utf8(template: Template, answers: [String: String],
                            corrections: TemplateCorrections = TemplateCorrections()) -> [UInt8] {
        var segments: [ReportSegment]? = nil
        return assemble(template, answers, corrections, segments: &segments)
    }

    /// The report as UTF-8, with where each part of it comes from: the template's words or an answer.
    public static func mapped(template: Template, answers: [String: String],
                              corrections: TemplateCorrections = TemplateCorrections()) -> (utf8: [UInt8], segments: [ReportSegment]) {
        var segments: [ReportSegment]? = []
        let utf8 = assemble(template, answers, corrections, segments: &segments)
        return (utf8, segments ?? [])
    }

    /// The template's kept text with the answers in place; `segments`, when not nil, gets where each part came from.
    private static func assemble(_ template: Template, _ answers: [String: String], _ corrections: TemplateCorrections,
                                 segments: inout [ReportSegment]?) -> [UInt8] {
        // Each field's answer as bytes, looked up once for each field (not once for each blank).
        let fields = template.fields
        var answerOfField: [[UInt8]?] = []
        answerOfField.reserveCapacity(fields.count)
        for k in fields.indices { answerOfField.append(answers[fields[k].id].map { Array($0.utf8) }) }
        var fieldOfBlank = [Int](repeating: -1, count: template.blanks.count + 1)
        for k in fields.indices { for index in fields[k].blankIndexes { fieldOfBlank[index] = k } }

        var out: [UInt8] = []
        out.reserveCapacity(template.text.count + answers.values.reduce(0) { $0 + $1.utf8.count } * 4)
        var blankCursor = 0
        let blanks = template.blanks
        let plain = corrections.isEmpty && segments == nil
        var nextEdit = 0
        // The template's own words, corrected and recorded when asked to be.
        func words(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            if plain { out.append(contentsOf: text[range]); return }
            corrections.append(template.text, range, to: &out, next: &nextEdit) { start, from in
                segments?.append(ReportSegment(start: start, source: from.map { .words($0) } ?? .corrected))
            }
        }
        template.text.withUnsafeBufferPointer { text in
            let end = template.reportEnd ?? template.text.count
            for whole in template.keptRanges where whole.lowerBound < end {
                let kept = ByteSpan(whole.lowerBound..<min(whole.upperBound, end))
                var position = kept.lowerBound
                while blankCursor < blanks.count, blanks[blankCursor].byteRange.lowerBound < kept.lowerBound { blankCursor += 1 }
                // The blanks are read in place: this loop runs once for each of a million blanks.
                while blankCursor < blanks.count, blanks[blankCursor].byteRange.upperBound <= kept.upperBound {
                    let range = blanks[blankCursor].byteRange
                    words(text, position..<range.lowerBound)
                    let field = fieldOfBlank[blanks[blankCursor].index]
                    if field >= 0, let answer = answerOfField[field] {
                        segments?.append(ReportSegment(start: out.count, source: .answer(field: field)))
                        out.append(contentsOf: answer)
                    } else {
                        segments?.append(ReportSegment(start: out.count, source: .words(range.lowerBound)))
                        out.append(contentsOf: text[range])
                    }
                    position = range.upperBound
                    blankCursor += 1
                }
                words(text, position..<kept.upperBound)
            }
        }
        return out
    }

    /// The report in the template's own encoding (or `encoding`), with its byte-order mark and line endings.
    public static func bytes(template: Template, answers: [String: String], encoding: TextEncoding? = nil,
                             corrections: TemplateCorrections = TemplateCorrections()) -> [UInt8] {
        encoded(utf8(template: template, answers: answers, corrections: corrections), template: template, encoding: encoding)
    }

    /// A report's UTF-8 text in the template's own encoding (or `encoding`), with its byte-order mark.
    public static func encoded(_ utf8: [UInt8], template: Template, encoding: TextEncoding? = nil) -> [UInt8] {
        let target = encoding ?? template.encoding
        let bom: Bool
        if target == template.encoding {
            bom = template.hasByteOrderMark
        } else {
            bom = target == .utf16LittleEndian || target == .utf16BigEndian
        }
        return TextDecoder.encode(utf8, as: target, byteOrderMark: bom)
    }

    /// The report's title with its blanks answered ("2021年党建工作总结（党组）" once the year is answered),
    /// for the report's file name.
    public static func title(template: Template, answers: [String: String]) -> String {
        var fieldOfBlank: [Int: String] = [:]
        for field in template.fields { for index in field.blankIndexes { fieldOfBlank[index] = field.id } }
        return title(template: template, blanks: titleBlanks(template)) { fieldOfBlank[$0.index].flatMap { answers[$0] } }
    }

    /// The blanks in the report's title, in order.
    public static func titleBlanks(_ template: Template) -> [Blank] {
        guard let range = template.titleRange else { return [] }
        return template.blanks.filter { range.contains($0.byteRange.lowerBound) && $0.byteRange.upperBound <= range.upperBound }
            .sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
    }

    /// The title with each of its `blanks` (from `titleBlanks`) replaced by `answer` of it, or left as it
    /// is where there is none.
    public static func title(template: Template, blanks: [Blank], answer: (Blank) -> String?) -> String {
        guard let range = template.titleRange else { return template.title }
        var out: [UInt8] = []
        var position = range.lowerBound
        for blank in blanks {
            out += template.text[position..<blank.byteRange.lowerBound]
            if let value = answer(blank) { out += value.utf8 } else { out += template.text[blank.byteRange] }
            position = blank.byteRange.upperBound
        }
        out += template.text[position..<range.upperBound]
        // A title wrapped over two lines is one line.
        return String(decoding: out.filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self).trimmedSpaces()
    }

    /// A file name (without extension) for a report with this title: characters a file system or a
    /// Windows colleague's machine cannot take become their full-width forms; "report" for no title.
    /// A title longer than `fileStemLength` characters (a template whose first line is a sentence) is
    /// cut before the last punctuation mark or space that leaves at least a third of that, or at the length.
    public static func fileStem(title: String) -> String {
        var stem = ""
        for scalar in title.trimmedSpaces().unicodeScalars {
            switch scalar {
            case "\0": continue
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|":   // ／ ＼ ：…
                if let fullWidth = Unicode.Scalar(scalar.value + 0xFEE0) { stem.unicodeScalars.append(fullWidth) }
            default:
                if scalar.properties.generalCategory != .control { stem.unicodeScalars.append(scalar) }
            }
        }
        if stem.count > fileStemLength {
            let head = stem.prefix(fileStemLength + 1)
            let cut = head.indices.last { k in k >= head.index(head.startIndex, offsetBy: fileStemLength / 3) && Self.cutsTitle(head[k]) }
            stem = String(cut.map { head[..<$0] } ?? head.dropLast()).trimmedSpaces()
        }
        return stem.isEmpty ? "report" : stem
    }

    /// The most characters of a title a default file name keeps.
    public static let fileStemLength = 30

    private static func cutsTitle(_ c: Character) -> Bool {
        c.isWhitespace || "，。；：、！？（《“,.;!?(".contains(c)
    }

    /// The report as a String, for display.
    public static func text(template: Template, answers: [String: String]) -> String {
        String(decoding: utf8(template: template, answers: answers), as: UTF8.self)
    }
}

/// A part of a report's text and where it comes from (see `Report.mapped`); it runs to the next one.
public struct ReportSegment: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The template's words (or a blank left as it was), from this offset of its text.
        case words(Int)
        /// The answer of a field, by its index in `template.fields`.
        case answer(field: Int)
        /// What a correction of the template's words wrote.
        case corrected
    }
    /// Where the part starts in the report (UTF-8 bytes).
    public var start: Int
    public var source: Source
}
