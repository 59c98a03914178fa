/// Paragraph properties (`w:pPr`), written in the order of the schema's CT_PPrBase.
///
/// Word for the web and Word's repair reject children out of schema order, while LibreOffice
/// takes anything; so the order lives here, in one place, and not in the callers.
struct ParagraphProperties {
    var style: String?
    var keepNext = false
    var widowControl: Bool?
    /// `w:autoSpaceDE` and `w:autoSpaceDN`: extra space between Chinese and Latin text or digits.
    var autoSpace: Bool?
    var spacing: LineSpacing?
    var indentation: Indentation?
    /// `w:jc`: "left", "center", "right", "both".
    var justification: String?
    var outlineLevel: Int?

    /// The children of `w:pPr` in schema order, as element names; the element-order test reads it.
    static let schemaOrder = [
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
        "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
        "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ]

    var isEmpty: Bool {
        style == nil && !keepNext && widowControl == nil && autoSpace == nil && spacing == nil
            && indentation == nil && justification == nil && outlineLevel == nil
    }

    func write(to xml: inout XMLWriter) {
        guard !isEmpty else { return }
        xml.start("w:pPr")
        if let style { xml.empty("w:pStyle", ["w:val": style]) }
        if keepNext { xml.empty("w:keepNext") }
        if let widowControl { xml.empty("w:widowControl", ["w:val": widowControl ? "1" : "0"]) }
        if let autoSpace {
            xml.empty("w:autoSpaceDE", ["w:val": autoSpace ? "1" : "0"])
            xml.empty("w:autoSpaceDN", ["w:val": autoSpace ? "1" : "0"])
        }
        spacing?.write(to: &xml)
        indentation?.write(to: &xml)
        if let justification { xml.empty("w:jc", ["w:val": justification]) }
        if let outlineLevel { xml.empty("w:outlineLvl", ["w:val": String(outlineLevel)]) }
        xml.end()
    }
}

/// `w:spacing` of a paragraph: space before and after, and the line pitch.
struct LineSpacing {
    var before = 0
    var after = 0
    /// Twips for "exact", 240ths of a line for "auto".
    var line: Int
    var rule: String

    static let exact = LineSpacing(line: GongwenLayout.linePitch, rule: "exact")
    static let single = LineSpacing(line: 240, rule: "auto")

    func write(to xml: inout XMLWriter) {
        xml.empty("w:spacing", ["w:before": String(before), "w:after": String(after),
                                "w:line": String(line), "w:lineRule": rule])
    }
}

/// `w:ind`: indents in twips, and in hundredths of a character where Word should follow the font size.
struct Indentation {
    var left: (twips: Int, hundredths: Int)?
    var right: (twips: Int, hundredths: Int)?
    var firstLine: (twips: Int, hundredths: Int)?

    /// Two characters at the start of the first line.
    static let firstLineTwoCharacters = Indentation(firstLine: (2 * GongwenLayout.bodyCharacter, 200))
    /// No first-line indent: cancels the body's for paragraphs that are placed another way.
    static let none = Indentation(firstLine: (0, 0))

    func write(to xml: inout XMLWriter) {
        // Attribute order is free; this one matches Word's own output.
        var attributes: [(String, String)] = []
        if let left {
            attributes += [("w:leftChars", String(left.hundredths)), ("w:left", String(left.twips))]
        }
        if let right {
            attributes += [("w:rightChars", String(right.hundredths)), ("w:right", String(right.twips))]
        }
        if let firstLine {
            attributes += [("w:firstLineChars", String(firstLine.hundredths)), ("w:firstLine", String(firstLine.twips))]
        }
        xml.empty("w:ind", attributes)
    }
}

/// Run properties (`w:rPr`), written in the order of the schema's EG_RPrBase.
struct RunProperties {
    var style: String?
    var fonts: Fonts?
    var color: String?
    var characterSpacing: Int?
    var kern: Int?
    /// Half-points; written as both `w:sz` and `w:szCs`.
    var size: Int?
    var language: (latin: String, eastAsia: String)?

    /// The children of `w:rPr` in schema order, as element names; the element-order test reads it.
    static let schemaOrder = [
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
        "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
        "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
        "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
        "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ]

    var isEmpty: Bool {
        style == nil && fonts == nil && color == nil && characterSpacing == nil && kern == nil
            && size == nil && language == nil
    }

    func write(to xml: inout XMLWriter) {
        guard !isEmpty else { return }
        xml.start("w:rPr")
        if let style { xml.empty("w:rStyle", ["w:val": style]) }
        fonts?.write(to: &xml)
        if let color { xml.empty("w:color", ["w:val": color]) }
        if let characterSpacing { xml.empty("w:spacing", ["w:val": String(characterSpacing)]) }
        if let kern { xml.empty("w:kern", ["w:val": String(kern)]) }
        if let size {
            xml.empty("w:sz", ["w:val": String(size)])
            xml.empty("w:szCs", ["w:val": String(size)])
        }
        if let language { xml.empty("w:lang", ["w:val": language.latin, "w:eastAsia": language.eastAsia]) }
        xml.end()
    }
}

/// `w:rFonts`: one font for Latin letters and digits, one for Chinese.
struct Fonts {
    var latin: String?
    var eastAsia: String?

    /// The same font for every script.
    static func all(_ name: String) -> Fonts { Fonts(latin: name, eastAsia: name) }
    /// Only the Chinese font; Latin letters and digits keep Times New Roman from the defaults.
    static func eastAsia(_ name: String) -> Fonts { Fonts(latin: nil, eastAsia: name) }

    func write(to xml: inout XMLWriter) {
        var attributes: [(String, String)] = []
        if let latin { attributes += [("w:ascii", latin), ("w:hAnsi", latin)] }
        if let eastAsia { attributes.append(("w:eastAsia", eastAsia)) }
        if let latin { attributes.append(("w:cs", latin)) }
        attributes.append(("w:hint", "eastAsia"))
        xml.empty("w:rFonts", attributes)
    }
}
