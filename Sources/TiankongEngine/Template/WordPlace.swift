/// Where a line of a Word template's text is in the document: which part, and which paragraph, table
/// row and cell, or text box.
public struct WordPlace: Hashable, Sendable {
    public enum Story: String, Sendable { case body, header, footer, footnotes, endnotes }

    public var story: Story
    /// The part inside the package ("word/header1.xml").
    public var part: String
    /// The footnote's or endnote's number, as the reader sees it (1-based, separators not counted).
    public var note: Int?
    /// The paragraph's number in its part (in its note, for a note), outside tables and text boxes (1-based).
    public var paragraph: Int?
    /// The table's number in its part and the row's in its table (1-based).
    public var table: Int?
    public var row: Int?
    /// The cell's number in its row (1-based), when a blank's place is asked for.
    public var cell: Int?
    public var inTextBox = false

    public init(story: Story, part: String, note: Int? = nil, paragraph: Int? = nil, table: Int? = nil, row: Int? = nil, cell: Int? = nil,
                inTextBox: Bool = false) {
        self.story = story
        self.part = part
        self.note = note
        self.paragraph = paragraph
        self.table = table
        self.row = row
        self.cell = cell
        self.inTextBox = inTextBox
    }
}
