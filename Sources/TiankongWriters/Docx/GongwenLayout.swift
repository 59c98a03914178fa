import TiankongEngine

/// The numbers of the GB/T 9704-2012 page, in WordprocessingML units.
///
/// Twips are 1/20 pt; font sizes are half-points. The reasons behind each figure are in
/// ../shared/notes/gongwen-docx.md.
enum GongwenLayout {
    // MARK: - Page: A4, the 156 × 225 mm text block
    static let pageWidth = 11906
    static let pageHeight = 16838
    /// 37 mm (天头).
    static let marginTop = 2098
    /// 35 mm.
    static let marginBottom = 1984
    /// 28 mm (订口).
    static let marginLeft = 1587
    /// 26 mm.
    static let marginRight = 1474
    static let headerDistance = 851
    /// Puts the page number about 7 mm below the text block.
    static let footerDistance = 1134

    // MARK: - Lines: 22 a page, 28 characters a line
    /// Exact line pitch: the largest whole twip that still fits 22 lines in 225 mm.
    static let linePitch = 579
    /// −0.3 pt a character, so 28 characters of 16 pt fit in 156 mm (28 × 15.7 pt = 439.6 pt of 442.2).
    /// −0.25 pt fits too, but then LibreOffice drops an ASCII comma that falls at a line's end.
    static let characterCondensing = -6

    // MARK: - Sizes (half-points)
    /// 2号.
    static let titleSize = 44
    /// 3号.
    static let bodySize = 32
    /// 4号.
    static let pageNumberSize = 28

    /// One 3号 character, for indents.
    static let bodyCharacter = 320
    /// One 4号 character: how far the page number sits in from the edge.
    static let pageNumberCharacter = 280

    // MARK: - Fonts
    static let latinFont = "Times New Roman"
    static let bodyFont = "仿宋_GB2312"
    static let titleFont = "方正小标宋简体"
    static let heading1Font = "黑体"
    static let heading2Font = "楷体_GB2312"
    static let pageNumberFont = "宋体"
}

/// A named style of the report: the name a user sees in Word and the id the XML refers to.
struct ReportStyle: Sendable {
    let id: String
    let name: String

    static let normal = ReportStyle(id: "Normal", name: "Normal")
    static let defaultCharacter = ReportStyle(id: "DefaultParagraphFont", name: "Default Paragraph Font")
    static let body = ReportStyle(id: "ReportBody", name: "正文")
    static let title = ReportStyle(id: "ReportTitle", name: "标题")
    static let heading1 = ReportStyle(id: "ReportHeading1", name: "一级标题")
    static let heading2 = ReportStyle(id: "ReportHeading2", name: "二级标题")
    /// A character style: the heading words of a level-2 heading that runs into its paragraph.
    static let heading2Words = ReportStyle(id: "ReportHeading2Words", name: "二级标题文字")
    static let heading3 = ReportStyle(id: "ReportHeading3", name: "三级标题")
    static let heading4 = ReportStyle(id: "ReportHeading4", name: "四级标题")
    static let signature = ReportStyle(id: "ReportSignature", name: "落款")
    static let date = ReportStyle(id: "ReportDate", name: "成文日期")
    static let pageNumber = ReportStyle(id: "PageNumber", name: "页码")

    /// The paragraph style for a role.
    static func paragraph(for role: ReportStructure.Role) -> ReportStyle {
        switch role {
        case .title: .title
        case .heading1: .heading1
        case .heading2: .heading2
        case .heading3: .heading3
        case .heading4: .heading4
        case .body: .body
        case .signature: .signature
        case .date: .date
        }
    }
}

/// The namespaces of the package.
enum Namespace {
    static let wordprocessingML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    static let coreProperties = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    static let extendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    static let documentPropertiesTypes = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dublinCoreTerms = "http://purl.org/dc/terms/"
    static let dublinCoreTypes = "http://purl.org/dc/dcmitype/"
    static let xmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance"
}
