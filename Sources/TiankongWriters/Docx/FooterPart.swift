/// `word/footer1.xml` and `word/footer2.xml`: the page number "— 1 —", odd pages on the
/// right and even pages on the left, one 4号 character in from the edge (GB/T 9704-2012 §7.5).
enum FooterPart {
    enum Side { case odd, even }

    static func xml(_ side: Side) -> [UInt8] {
        var xml = XMLWriter()
        xml.start("w:ftr", ["xmlns:w": Namespace.wordprocessingML, "xmlns:r": Namespace.relationships])
        xml.start("w:p")
        var properties = ParagraphProperties(style: ReportStyle.pageNumber.id)
        var indentation = Indentation.none
        let oneCharacter = (GongwenLayout.pageNumberCharacter, 100)
        switch side {
        case .odd:
            indentation.right = oneCharacter
            properties.justification = "right"
        case .even:
            indentation.left = oneCharacter
            properties.justification = "left"
        }
        properties.indentation = indentation
        properties.write(to: &xml)
        DocumentPart.writeRun("— ", properties: nil, to: &xml)
        writePageField(placeholder: side == .odd ? "1" : "2", to: &xml)
        DocumentPart.writeRun(" —", properties: nil, to: &xml)
        xml.end()
        xml.end()
        return xml.data
    }

    /// The PAGE field as begin / instruction / separate / result / end.
    private static func writePageField(placeholder: String, to xml: inout XMLWriter) {
        xml.element("w:r") { $0.empty("w:fldChar", ["w:fldCharType": "begin"]) }
        xml.element("w:r") { $0.element("w:instrText", ["xml:space": "preserve"], text: " PAGE ") }
        xml.element("w:r") { $0.empty("w:fldChar", ["w:fldCharType": "separate"]) }
        DocumentPart.writeRun(placeholder, properties: nil, to: &xml)
        xml.element("w:r") { $0.empty("w:fldChar", ["w:fldCharType": "end"]) }
    }
}
