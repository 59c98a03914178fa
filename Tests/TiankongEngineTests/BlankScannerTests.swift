import Testing
@testable import TiankongEngine

/// Finding blanks and knowing what each asks for, on sentences like the ones templates are made of.
@Suite("Blanks and their kinds")
struct BlankScannerTests {
    /// The blanks of one line of text (adverts kept, so nothing is dropped).
    func blanks(_ text: String) throws -> [Blank] {
        try Template(bytes: Array((text + "\n").utf8), source: "t.txt", options: .init(keepBoilerplate: true)).blanks
    }

    func kind(_ text: String) throws -> (Kind, String?) {
        let found = try blanks(text)
        try #require(found.count == 1, "\(text): \(found.map(\.marker))")
        return (found[0].kind, found[0].unit)
    }

    @Test("X, Ｘ and × runs, and the decimal form X.X")
    func markers() throws {
        #expect(try blanks("XXX党组和ＸＸ局、××党支部").map(\.marker) == ["XXX", "ＸＸ", "××"])
        #expect(try blanks("增长X.X个百分点").map(\.marker) == ["X.X"])
        #expect(try blanks("收入XX．X万元").map(\.marker) == ["XX．X"])
    }

    @Test("a run touching an ASCII letter or digit is part of a word, not a blank")
    func notBlanksNearLetters() throws {
        #expect(try blanks("用Excel和XML在Windows XP上，X11，3×4，XX次").map(\.marker) == ["XX"])
    }

    @Test("X光, X射线, X线 are words (Resources/data/not-blanks.txt)")
    func exceptionWords() throws {
        #expect(try blanks("拍X光片，做X射线检查，X线，开展XX线上培训X次").map(\.marker) == ["XX", "X"])
    }

    @Test("columns count characters, not bytes")
    func columns() throws {
        let found = try blanks("第一行\n今年以来，XXX党组，学习X次")
        #expect(found.map(\.line) == [2, 2])
        #expect(found.map(\.column) == [6, 14])
    }

    @Test("counts, decimals, percentages, years, months, days, quarters and names", arguments: [
        ("学习X次", Kind.integer, "次"), ("问题X件", .integer, "件"), ("X名党员", .integer, "名"),
        ("谈话X人次", .integer, "人次"), ("X余篇", .integer, "篇"), ("X个支部", .integer, "个支部"),
        ("X项制度", .integer, "项"), ("X期培训", .integer, "期"), ("X场讲座", .integer, "场"), ("X家企业", .integer, "家"),
        ("X篇文章", .integer, "篇"), ("X条意见", .integer, "条"), ("X天", .integer, "天"),
        ("共X", .integer, nil), ("累计X", .integer, nil),
        ("X.X万元", .decimal, "万元"), ("X.X亿元", .decimal, "亿元"), ("增长X.X个百分点", .decimal, "个百分点"),
        ("完成X%", .percent, "%"), ("达到X％", .percent, "％"),
        ("XXXX年", .year, "年"), ("ＸＸ年", .year, "年"), ("X个月", .integer, "个月"),
        ("X月初", .month, "月"), ("X月份", .month, "月"), ("X日", .day, "日"), ("5月X号", .day, "号"),
        ("第X季度", .quarter, "季度"), ("第X名", .integer, "名"), ("第X次", .integer, "次"), ("第X批", .integer, "批"),
        ("对X局党组", .text, nil), ("XXX党组", .text, nil), ("XX人民医院", .text, nil), ("XX等权威机构", .text, nil),
    ] as [(String, Kind, String?)])
    func kinds(sentence: String, kind: Kind, unit: String?) throws {
        let (found, foundUnit) = try self.kind(sentence)
        #expect(found == kind, "\(sentence)")
        #expect(foundUnit == unit, "\(sentence)")
    }

    @Test("第X名 asks for 1 or more; a month for 1–12")
    func ranges() throws {
        let rank = try blanks("获得第X名")[0]
        #expect(rank.minimum == 1)
        let month = try blanks("X月初")[0]
        #expect(month.minimum == 1 && month.maximum == 12)
    }

    @Test("XXXX年X月X日 links the day to its month and year")
    func dates() throws {
        let template = try Template(bytes: Array("会议于XXXX年X月X日召开\n".utf8), source: "t.txt")
        #expect(template.fields.map(\.kind) == [.year, .month, .day])
        #expect(template.fields[2].date == Field.DateGroup(year: "f1", month: "f2", day: "f3"))
    }
}
