import TiankongEngine

/// `word/document.xml`: the report's paragraphs and the page set-up.
enum DocumentPart {
    static let evenFooterRelationship = "rIdFooterEven"
    static let oddFooterRelationship = "rIdFooterOdd"

    static func xml(for structure: ReportStructure) -> [UInt8] {
        var xml = XMLWriter()
        xml.start("w:document", ["xmlns:w": Namespace.wordprocessingML, "xmlns:r": Namespace.relationships])
        xml.start("w:body")
        let signature = SignatureLayout(structure: structure)
        for paragraph in structure.paragraphs {
            switch paragraph.role {
            case .signature:
                // §7.3.5.2: one empty line between the body and the signature.
                writeEmptyLine(to: &xml)
                write(paragraph, indentation: signature.signatureIndentation, to: &xml)
            case .date:
                if !signature.hasSignature { writeEmptyLine(to: &xml) }
                write(paragraph, indentation: signature.dateIndentation, to: &xml)
            default:
                write(paragraph, indentation: nil, to: &xml)
            }
        }
        // A body needs one paragraph for Word to open it, even for a report with no text.
        if structure.paragraphs.isEmpty { writeEmptyLine(to: &xml) }
        writeSection(to: &xml)
        xml.end()
        xml.end()
        return xml.data
    }

    private static func write(_ paragraph: ReportStructure.Paragraph, indentation: Indentation?, to xml: inout XMLWriter) {
        xml.start("w:p")
        var properties = ParagraphProperties(style: ReportStyle.paragraph(for: paragraph.role).id)
        properties.indentation = indentation
        properties.write(to: &xml)
        if let headingWords = paragraph.headingWords {
            writeRun(headingWords, properties: RunProperties(style: ReportStyle.heading2Words.id), to: &xml)
            let rest = paragraph.bodyWords
            if !rest.isEmpty { writeRun(rest, properties: nil, to: &xml) }
        } else {
            writeRun(paragraph.text, properties: nil, to: &xml)
        }
        xml.end()
    }

    private static func writeEmptyLine(to xml: inout XMLWriter) {
        xml.start("w:p")
        ParagraphProperties(style: ReportStyle.body.id).write(to: &xml)
        xml.end()
    }

    /// Writes one run; tabs become `w:tab`, so no `w:t` holds anything but text.
    static func writeRun(_ text: String, properties: RunProperties?, to xml: inout XMLWriter) {
        xml.start("w:r")
        properties?.write(to: &xml)
        // Read as bytes: a tab or a space is one byte in UTF-8 and never inside another character's.
        var contiguous = text
        contiguous.withUTF8 { bytes in
            var start = 0
            while true {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\t")) ?? bytes.count
                let piece = start == 0 && end == bytes.count ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                writeText(piece, bytes[start..<end], to: &xml)
                guard end < bytes.count else { break }
                xml.empty("w:tab")
                start = end + 1
            }
        }
        xml.end()
    }

    /// A `w:t` of `piece` (its UTF-8 `bytes`), told to keep its spaces when some would be lost: at either
    /// end, or two in a row.
    private static func writeText(_ piece: String, _ bytes: Slice<UnsafeBufferPointer<UInt8>>, to xml: inout XMLWriter) {
        guard let first = bytes.first, let last = bytes.last else { return }
        let space = UInt8(ascii: " ")
        var keepsSpaces = first == space || last == space
        if !keepsSpaces {
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == space && previous == space { keepsSpaces = true; break }
                previous = byte
            }
        }
        if keepsSpaces {
            xml.element("w:t", ["xml:space": "preserve"], text: piece)
        } else {
            xml.element("w:t", text: piece)
        }
    }

    /// The page: A4, the margins of the text block, odd and even footers, 22 lines a page.
    private static func writeSection(to xml: inout XMLWriter) {
        xml.start("w:sectPr")
        xml.empty("w:footerReference", ["w:type": "even", "r:id": evenFooterRelationship])
        xml.empty("w:footerReference", ["w:type": "default", "r:id": oddFooterRelationship])
        xml.empty("w:pgSz", ["w:w": String(GongwenLayout.pageWidth), "w:h": String(GongwenLayout.pageHeight)])
        xml.empty("w:pgMar", [
            "w:top": String(GongwenLayout.marginTop), "w:right": String(GongwenLayout.marginRight),
            "w:bottom": String(GongwenLayout.marginBottom), "w:left": String(GongwenLayout.marginLeft),
            "w:header": String(GongwenLayout.headerDistance), "w:footer": String(GongwenLayout.footerDistance),
            "w:gutter": "0",
        ])
        xml.empty("w:cols", ["w:space": "425"])
        // "linesAndChars" with a negative charSpace makes LibreOffice set 13–14 characters a line.
        xml.empty("w:docGrid", ["w:type": "lines", "w:linePitch": String(GongwenLayout.linePitch)])
        xml.end()
    }

    /// The children of `w:sectPr` in schema order; the element-order test reads it.
    static let sectionSchemaOrder = [
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
        "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
        "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
        "w:printerSettings", "w:sectPrChange",
    ]
}

/// Where the signature and the date sit (GB/T 9704-2012 §7.3.5.2, without a seal).
///
/// The organisation's name is two characters in from the right; the date goes under it, its
/// first character two characters right of the name's first. When the date is the longer, the
/// date is two characters in and the name moves left instead.
struct SignatureLayout {
    var hasSignature: Bool
    /// Right indents in half-characters.
    var signatureRight: Int
    var dateRight: Int

    init(structure: ReportStructure) {
        let signature = structure.paragraphs.first { $0.role == .signature }
        let date = structure.paragraphs.last { $0.role == .date }
        hasSignature = signature != nil
        let name = SignatureLayout.halfWidths(signature?.text ?? "")
        let dateWidth = SignatureLayout.halfWidths(date?.text ?? "")
        guard hasSignature else {
            signatureRight = 4
            dateRight = 4
            return
        }
        if dateWidth <= name - 4 {
            signatureRight = 4
            dateRight = name - dateWidth
        } else {
            dateRight = 4
            signatureRight = dateWidth + 8 - name
        }
    }

    var signatureIndentation: Indentation { SignatureLayout.indentation(halfCharacters: signatureRight) }
    var dateIndentation: Indentation { SignatureLayout.indentation(halfCharacters: dateRight) }

    private static func indentation(halfCharacters: Int) -> Indentation {
        var indentation = Indentation.none
        indentation.right = (halfCharacters * GongwenLayout.bodyCharacter / 2, halfCharacters * 50)
        return indentation
    }

    /// Width in half-characters: Latin letters and digits (Times New Roman) are half as wide as Chinese.
    static func halfWidths(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
    }
}
