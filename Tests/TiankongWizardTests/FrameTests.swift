import Testing
@testable import TiankongWizard

/// The screen's cells: what is put is what is shown, whatever the character is made of.
@Suite struct FrameTests {
    @Test func cjkTakesTwoCellsAndACombinedLetterStaysWhole() {
        var frame = Frame(size: Size(columns: 10, rows: 1))
        let written = frame.put("党e\u{301}x", row: 0, column: 0)
        #expect(written == 4)  // 党 two columns, é one, x one
        #expect(frame[0, 0].scalar == "党" && frame[0, 1].isContinuation)
        #expect(frame[0, 2].scalar == nil && frame.character(0, 2) == "e\u{301}")
        #expect(frame[0, 3].scalar == "x")
        #expect(frame.line(0) == "党e\u{301}x")
    }

    @Test func cellsAreEqualWhenTheirBytesAndStyleAre() {
        let clusters = Clusters()
        let a = Cell(character: "党", style: .normal, isContinuation: false, clusters: clusters)
        #expect(a == Cell(scalar: "党", style: .normal, isContinuation: false))
        #expect(a != Cell(character: "党", style: .answer, isContinuation: false, clusters: clusters))
        #expect(a != Cell(character: "局", style: .normal, isContinuation: false, clusters: clusters))
        // Canonically equivalent but different bytes: a different cell (the terminal is sent bytes).
        #expect(Cell(character: "\u{E9}", style: .normal, isContinuation: false, clusters: clusters)
                != Cell(character: "e\u{301}", style: .normal, isContinuation: false, clusters: clusters))
        #expect(Cell(character: "e\u{301}", style: .normal, isContinuation: false, clusters: clusters)
                == Cell(character: "e\u{301}", style: .normal, isContinuation: false, clusters: clusters))
    }

    @Test func aCellKeepsItsCharacterStyleAndContinuationApart() {
        let clusters = Clusters()
        for style in Style.allCases {
            for continuation in [false, true] {
                var cell = Cell(scalar: "\u{10FFFF}", style: style, isContinuation: continuation)
                #expect(cell.scalar == "\u{10FFFF}" && cell.style == style && cell.isContinuation == continuation)
                cell.setCharacter("e\u{301}", clusters: clusters)
                #expect(cell.character(in: clusters) == "e\u{301}" && cell.style == style && cell.isContinuation == continuation)
                cell.style = .normal
                cell.isContinuation = !continuation
                #expect(cell.character(in: clusters) == "e\u{301}" && cell.style == .normal && cell.isContinuation == !continuation)
            }
        }
    }

    @Test func rowsCompareEqualExactlyWhenEveryCellDoes() {
        var a = Frame(size: Size(columns: 7, rows: 3))
        a.put("党建abc", row: 1, column: 0)
        var b = a
        #expect((0..<3).allSatisfy { a.row($0, equals: b) })
        for change in 0..<4 {
            b = a
            switch change {
            case 0: b[1, 6] = Cell(scalar: "x", style: .normal, isContinuation: false)  // the last cell
            case 1: b.paint(row: 1, from: 0, to: 1, style: .answer)                       // a style only
            case 2: b[1, 1].isContinuation = false                                        // a continuation only
            default: b[1, 4] = Cell(character: "e\u{301}", style: .normal, isContinuation: false, clusters: b.clusters)
            }
            #expect(!a.row(1, equals: b), "change \(change)")
            #expect(a.row(0, equals: b) && a.row(2, equals: b))
            #expect((0..<7).contains { a[1, $0] != b[1, $0] })
        }
    }

    @Test func reportPiecesKeepTheirScalarAndHangClosingPunctuation() {
        var pieces: [Piece] = []
        for character in "一二三四，" {
            pieces.append(Piece(character: character, width: 2, style: .normal, scalar: character.unicodeScalars.first, clusters: Clusters()))
        }
        // Eight columns of words, then a comma that hangs in the margin instead of starting a line.
        #expect(ReportWrap.wrap(pieces, width: 8).count == 1)
        #expect(pieces.last!.isClosing && !pieces.first!.isClosing)
    }
}

/// Widths walked scalar by scalar where that is the same as walking characters.
@Suite struct DisplayWidthTests {
    @Test func theScalarWalkAndTheCharacterWalkAgree() {
        let samples = ["市财政局党组", "abc，。：（１）", "e\u{301}x", "党e\u{301}建", "か\u{3099}き", "👨\u{200D}👩", "🇨🇳中国",
                       "中国🇨🇳", "\t党", "한국어", "—…“”", "a\u{301}", "x\r\ny", ""]
        for sample in samples {
            var walked: [(Character, Int)] = []
            DisplayWidth.forEachCharacter(of: sample) { scalar, character, width in
                #expect(scalar != nil || character != nil)
                #expect(scalar == nil || character == nil || character!.unicodeScalars.count == 1)
                walked.append((character ?? Character(scalar!), width))
                return true
            }
            #expect(walked.map(\.0) == Array(sample), "\(sample)")
            #expect(walked.map(\.1) == sample.map { DisplayWidth.of($0) }, "\(sample)")
        }
        #expect(DisplayWidth.of("党建abc") == 7)
        #expect(DisplayWidth.prefix("党建工作", fitting: 5) == ("党建", 4))
    }
}

/// Where the report pane scrolls to: the line of a paragraph where the current blank starts.
@Suite struct BlankLineTests {
    @Test("the line found for a blank is the line wrapping puts its first character on, at every width",
          arguments: [false, true])
    func blankLinesAgreeWithWrapping(schema: Bool) throws {
        var story = try Story(size: Size(columns: 100, rows: 30), schema: schema)
        // Answers with closing punctuation, which hangs in the margin rather than start a line.
        for (n, field) in story.state.fields.enumerated() { story.state.answers[field.id] = String(repeating: "甲，", count: n % 4 + 1) }
        let state = story.state
        let document = state.document
        var checked = 0
        for width in 6...60 {
            for p in 0..<document.paragraphs.count {
                let wrapped = ReportWrap.lines(state, paragraph: p, width: width)
                var before = 0  // the pieces ahead of the blank, as wrapping counts them
                for run in document.paragraphs[p] {
                    let text: String
                    switch run {
                    case .text(let range): text = document.string(range)
                    case .blank(let b):
                        // The wrapped line holding piece number `before`.
                        var line = 0, seen = 0
                        while line < wrapped.count - 1 && seen + wrapped[line].count <= before { seen += wrapped[line].count; line += 1 }
                        #expect(ReportWrap.line(ofBlank: b, state, paragraph: p, width: width) == line,
                                "blank \(b), paragraph \(p), width \(width)")
                        checked += 1
                        text = ReportWrap.blank(state, b).0
                    }
                    for character in text where character == "\t" || DisplayWidth.of(character) > 0 { before += 1 }
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test("the review scrolls by the lines the view draws: their number and their characters, at every width")
    func reviewLinesAgreeWithWrapping() throws {
        var story = try Story(size: Size(columns: 100, rows: 30))
        for (n, field) in story.state.fields.enumerated() { story.state.answers[field.id] = String(repeating: "甲，", count: n % 4 + 1) }
        story.state.screen = .review
        let state = story.state
        for width in 6...60 {
            for p in 0..<state.document.paragraphs.count {
                #expect(ReportLines.lengths(state, paragraph: p, width: width) == ReportWrap.lines(state, paragraph: p, width: width).map(\.count),
                        "paragraph \(p), width \(width)")
            }
        }
    }
}
