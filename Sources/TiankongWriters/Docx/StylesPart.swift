/// `word/styles.xml`: the defaults and the named styles a user can restyle in Word.
///
/// Everything the body shares (fonts, size, condensing, the exact line pitch) sits in the
/// document defaults; each named style adds only what sets it apart.
enum StylesPart {
    /// The children of `w:style` in schema order; the element-order test reads it.
    static let styleSchemaOrder = [
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
        "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
        "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ]

    static func xml() -> [UInt8] {
        var xml = XMLWriter()
        xml.start("w:styles", ["xmlns:w": Namespace.wordprocessingML])
        writeDefaults(to: &xml)

        let bodyParagraph = ParagraphProperties(indentation: .firstLineTwoCharacters, justification: "both")
        write(.normal, isDefault: true, to: &xml)
        write(.defaultCharacter, type: "character", isDefault: true, hidden: true, to: &xml)
        write(.body, basedOn: .normal, paragraph: bodyParagraph, to: &xml)
        write(.title, basedOn: .normal, next: .body,
              paragraph: ParagraphProperties(spacing: LineSpacing(after: GongwenLayout.linePitch,
                                                                   line: GongwenLayout.linePitch, rule: "exact"),
                                             indentation: Indentation.none, justification: "center", outlineLevel: 0),
              run: RunProperties(fonts: .all(GongwenLayout.titleFont), size: GongwenLayout.titleSize),
              to: &xml)
        write(.heading1, basedOn: .body, next: .body,
              paragraph: ParagraphProperties(keepNext: true, outlineLevel: 1),
              run: RunProperties(fonts: .eastAsia(GongwenLayout.heading1Font)), to: &xml)
        write(.heading2, basedOn: .body, next: .body, to: &xml)
        write(.heading2Words, type: "character", basedOn: .defaultCharacter,
              run: RunProperties(fonts: .eastAsia(GongwenLayout.heading2Font)), to: &xml)
        write(.heading3, basedOn: .body, next: .body, to: &xml)
        write(.heading4, basedOn: .body, next: .body, to: &xml)
        let placed = ParagraphProperties(indentation: Indentation.none, justification: "right")
        var signature = placed
        signature.keepNext = true
        write(.signature, basedOn: .normal, next: .date, paragraph: signature, to: &xml)
        write(.date, basedOn: .normal, paragraph: placed, to: &xml)
        write(.pageNumber, basedOn: .normal,
              paragraph: ParagraphProperties(spacing: .single, indentation: Indentation.none),
              run: RunProperties(fonts: .all(GongwenLayout.pageNumberFont), characterSpacing: 0,
                                 size: GongwenLayout.pageNumberSize),
              to: &xml)
        xml.end()
        return xml.data
    }

    private static func writeDefaults(to xml: inout XMLWriter) {
        xml.start("w:docDefaults")
        xml.start("w:rPrDefault")
        RunProperties(fonts: Fonts(latin: GongwenLayout.latinFont, eastAsia: GongwenLayout.bodyFont),
                      color: "000000",
                      characterSpacing: GongwenLayout.characterCondensing, kern: 0,
                      size: GongwenLayout.bodySize, language: ("en-US", "zh-CN")).write(to: &xml)
        xml.end()
        xml.start("w:pPrDefault")
        // No widow control, so every full page holds 22 lines; no automatic space between
        // Chinese and digits, so every line holds 28 characters.
        ParagraphProperties(widowControl: false, autoSpace: false, spacing: .exact).write(to: &xml)
        xml.end()
        xml.end()
    }

    private static func write(_ style: ReportStyle, type: String = "paragraph", isDefault: Bool = false,
                              hidden: Bool = false, basedOn: ReportStyle? = nil, next: ReportStyle? = nil,
                              paragraph: ParagraphProperties? = nil, run: RunProperties? = nil,
                              to xml: inout XMLWriter) {
        if isDefault {
            xml.start("w:style", ["w:type": type, "w:default": "1", "w:styleId": style.id])
        } else {
            xml.start("w:style", ["w:type": type, "w:customStyle": "1", "w:styleId": style.id])
        }
        xml.empty("w:name", ["w:val": style.name])
        if let basedOn { xml.empty("w:basedOn", ["w:val": basedOn.id]) }
        if let next { xml.empty("w:next", ["w:val": next.id]) }
        if hidden {
            xml.empty("w:uiPriority", ["w:val": "1"])
            xml.empty("w:semiHidden")
            xml.empty("w:unhideWhenUsed")
        } else {
            xml.empty("w:qFormat")
        }
        paragraph?.write(to: &xml)
        run?.write(to: &xml)
        xml.end()
    }
}
