import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The small parts of the package: content types, relationships, settings, fonts, properties.
enum PackageParts {
    /// One part of the package: its path in the zip and its media type.
    struct Part {
        let path: String
        let contentType: String
    }

    /// A WordprocessingML part under `word/`, with the media type of its kind ("styles", "footer").
    private static func word(_ name: String, kind: String) -> Part {
        Part(path: "word/\(name).xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.\(kind)+xml")
    }

    static let document = word("document", kind: "document.main")
    static let styles = word("styles", kind: "styles")
    static let settings = word("settings", kind: "settings")
    static let fontTable = word("fontTable", kind: "fontTable")
    static let oddFooter = word("footer1", kind: "footer")
    static let evenFooter = word("footer2", kind: "footer")
    static let coreProperties = Part(path: "docProps/core.xml",
                                     contentType: "application/vnd.openxmlformats-package.core-properties+xml")
    static let appProperties = Part(path: "docProps/app.xml",
                                    contentType: "application/vnd.openxmlformats-officedocument.extended-properties+xml")

    /// Every part with an override in `[Content_Types].xml`.
    static let overridden = [document, styles, settings, fontTable, oddFooter, evenFooter, coreProperties, appProperties]

    // MARK: - Content types and relationships

    static func contentTypesXML() -> [UInt8] {
        var xml = XMLWriter()
        xml.start("Types", ["xmlns": Namespace.contentTypes])
        xml.empty("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        xml.empty("Default", ["Extension": "xml", "ContentType": "application/xml"])
        for part in overridden {
            xml.empty("Override", ["PartName": "/" + part.path, "ContentType": part.contentType])
        }
        xml.end()
        return xml.data
    }

    /// `_rels/.rels`: the main document and the two property parts.
    static func packageRelationshipsXML() -> [UInt8] {
        relationships([
            ("rIdDocument", Namespace.relationships + "/officeDocument", document.path),
            ("rIdCore", Namespace.packageRelationships + "/metadata/core-properties", coreProperties.path),
            ("rIdApp", Namespace.relationships + "/extended-properties", appProperties.path),
        ])
    }

    /// `word/_rels/document.xml.rels`; targets are relative to `word/`.
    static func documentRelationshipsXML() -> [UInt8] {
        relationships([
            ("rIdStyles", Namespace.relationships + "/styles", "styles.xml"),
            ("rIdSettings", Namespace.relationships + "/settings", "settings.xml"),
            ("rIdFontTable", Namespace.relationships + "/fontTable", "fontTable.xml"),
            (DocumentPart.oddFooterRelationship, Namespace.relationships + "/footer", "footer1.xml"),
            (DocumentPart.evenFooterRelationship, Namespace.relationships + "/footer", "footer2.xml"),
        ])
    }

    private static func relationships(_ entries: [(id: String, type: String, target: String)]) -> [UInt8] {
        var xml = XMLWriter()
        xml.start("Relationships", ["xmlns": Namespace.packageRelationships])
        for entry in entries {
            xml.empty("Relationship", ["Id": entry.id, "Type": entry.type, "Target": entry.target])
        }
        xml.end()
        return xml.data
    }

    // MARK: - Settings and fonts

    /// `word/settings.xml`; children in the order of CT_Settings.
    static func settingsXML() -> [UInt8] {
        var xml = XMLWriter()
        xml.start("w:settings", ["xmlns:w": Namespace.wordprocessingML])
        xml.empty("w:zoom", ["w:percent": "100"])
        xml.empty("w:defaultTabStop", ["w:val": String(GongwenLayout.bodyCharacter * 2)])
        // Odd pages take footer1 (type "default"), even pages footer2.
        xml.empty("w:evenAndOddHeaders")
        // Full-width punctuation keeps its full width, so the 28-character grid holds.
        xml.empty("w:characterSpacingControl", ["w:val": "doNotCompress"])
        xml.element("w:compat") {
            $0.empty("w:compatSetting", ["w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word",
                                         "w:val": "15"])
        }
        xml.empty("w:themeFontLang", ["w:val": "en-US", "w:eastAsia": "zh-CN"])
        xml.empty("w:decimalSymbol", ["w:val": "."])
        xml.empty("w:listSeparator", ["w:val": ","])
        xml.end()
        return xml.data
    }

    /// `word/fontTable.xml`: each font with the usual stand-in Word may take when it is missing.
    static func fontTableXML() -> [UInt8] {
        let fonts: [(name: String, alternative: String?, charset: String, family: String)] = [
            (GongwenLayout.latinFont, nil, "00", "roman"),
            (GongwenLayout.bodyFont, "仿宋", "86", "modern"),
            (GongwenLayout.titleFont, "宋体", "86", "auto"),
            (GongwenLayout.heading1Font, "SimHei", "86", "modern"),
            (GongwenLayout.heading2Font, "楷体", "86", "modern"),
            (GongwenLayout.pageNumberFont, "SimSun", "86", "auto"),
        ]
        var xml = XMLWriter()
        xml.start("w:fonts", ["xmlns:w": Namespace.wordprocessingML])
        for font in fonts {
            xml.start("w:font", ["w:name": font.name])
            if let alternative = font.alternative { xml.empty("w:altName", ["w:val": alternative]) }
            xml.empty("w:charset", ["w:val": font.charset])
            xml.empty("w:family", ["w:val": font.family])
            xml.empty("w:pitch", ["w:val": "variable"])
            xml.end()
        }
        xml.end()
        return xml.data
    }

    // MARK: - Document properties

    /// `docProps/core.xml`: the title, the author (the organisation), when it was written.
    static func corePropertiesXML(title: String?, author: String?, created: Date) -> [UInt8] {
        let timestamp = created.ISO8601Format()
        var xml = XMLWriter()
        xml.start("cp:coreProperties", [
            "xmlns:cp": Namespace.coreProperties, "xmlns:dc": Namespace.dublinCore,
            "xmlns:dcterms": Namespace.dublinCoreTerms, "xmlns:dcmitype": Namespace.dublinCoreTypes,
            "xmlns:xsi": Namespace.xmlSchemaInstance,
        ])
        if let title, !title.isEmpty { xml.element("dc:title", text: title) }
        if let author, !author.isEmpty {
            xml.element("dc:creator", text: author)
            xml.element("cp:lastModifiedBy", text: author)
        }
        xml.element("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: timestamp)
        xml.element("dcterms:modified", ["xsi:type": "dcterms:W3CDTF"], text: timestamp)
        xml.end()
        return xml.data
    }

    /// `docProps/app.xml`: the program that wrote it and a few counts.
    static func appPropertiesXML(structure: ReportStructure, company: String?) -> [UInt8] {
        let characters = structure.paragraphs.reduce(0) { $0 + characterCount($1.text) }
        var xml = XMLWriter()
        xml.start("Properties", ["xmlns": Namespace.extendedProperties, "xmlns:vt": Namespace.documentPropertiesTypes])
        xml.element("Application", text: "tiankong")
        xml.element("DocSecurity", text: "0")
        xml.element("Paragraphs", text: String(structure.paragraphs.count))
        xml.element("Characters", text: String(characters))
        if let company, !company.isEmpty { xml.element("Company", text: company) }
        xml.end()
        return xml.data
    }

    /// `text.count`, found without grapheme breaking when every scalar is one that never joins another
    /// (printable ASCII, CJK ideographs, CJK and full-width punctuation): then each scalar is a character.
    static func characterCount(_ text: String) -> Int {
        var scalars = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0x2010...0x2027, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: scalars += 1
            default: return text.count
            }
        }
        return scalars
    }
}
