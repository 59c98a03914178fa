import Foundation
import Testing
@testable import TiankongEngine
import TiankongTestSupport

/// What each proof-reading rule must find in a report, and what it must leave alone.
@Suite("Proof-reading a finished report")
struct ProofreadingTests {
    static func findings(_ text: String, year: Int? = nil) -> [Finding] {
        Proofreader(reportYear: year).findings(in: Array(text.utf8))
    }

    /// (rule, found, fix) of each finding, for comparing with what a reader marked.
    static func marks(_ text: String, year: Int? = nil) -> [String] {
        findings(text, year: year).map { "\($0.rule.rawValue) \($0.found)→\($0.fix ?? "?")" }
    }

    static func fixed(_ text: String) -> String {
        String(decoding: Proofreader.applyingSafeFixes(findings(text), to: Array(text.utf8)).text, as: UTF8.self)
    }

    // MARK: - The bundled template, read by hand

    @Test("the bundled template's own mistakes: the doubled stop on the 党课 line, 17 ASCII commas, the half-width brackets of (一) and (二)")
    func bundledTemplate() throws {
        let bytes = Fixtures.seedBytes
        let found = Proofreader().findings(in: bytes)
        // Read from Resources/templates/2020年党建工作总结（党组）.txt: line → what is wrong there.
        let commas = [19: 5, 26: 2, 28: 1, 30: 3, 31: 1, 32: 2, 35: 3]
        for (line, count) in commas {
            let here = found.filter { $0.line == line && $0.rule == .halfWidthPunctuation && $0.found == "," }
            #expect(here.count == count, "line \(line)")
            #expect(here.allSatisfy { $0.fix == "，" && $0.isSafe })
        }
        let doubled = found.filter { $0.rule == .doubledPunctuation }
        #expect(doubled.map(\.line) == [21])
        #expect(doubled.first?.found == "，。" && doubled.first?.fix == "。")
        #expect(doubled.first?.excerpt.contains("上党课X次，。通过") == true)
        let brackets = found.filter { $0.rule == .halfWidthPunctuation && $0.found != "," }
        #expect(brackets.map { "\($0.line):\($0.column) \($0.found)→\($0.fix!)" } == ["24:1 (→（", "24:3 )→）", "25:1 (→（", "25:3 )→）"])
        #expect(found.count == 17 + 1 + 4, "nothing else: \(found.map { "\($0.line):\($0.column) \($0.rule) \($0.found)" })")

        // Fixed, the template reads clean, and only those characters changed.
        let fixed = Proofreader.applyingSafeFixes(found, to: bytes).text
        #expect(Proofreader().findings(in: fixed).isEmpty)
        let text = String(decoding: fixed, as: UTF8.self)
        #expect(text.contains("上党课X次。通过学习教育"))
        #expect(text.contains("（一）强化主体责任落实") && text.contains("（二）注重舆情管控"))
        #expect(text.contains("四中全会精神，以党的政治建设为统领，全面落实"))
        #expect(bytes.count - fixed.count == 3 - 17 * 2 - 4 * 2)   // ，。 → 。; , → ，and ( → （ each 2 bytes more
    }

    // MARK: - Doubled punctuation

    @Test("doubled or clashing marks are found and the stronger one kept")
    func doubledPunctuation() {
        #expect(Self.marks("上党课4次，。通过学习") == ["doubled-punctuation ，。→。"])
        #expect(Self.marks("加强学习。。提高认识") == ["doubled-punctuation 。。→。"])
        #expect(Self.marks("加强学习，，提高认识") == ["doubled-punctuation ，，→，"])
        #expect(Self.marks("学习、，讨论") == ["doubled-punctuation 、，→，"])
        #expect(Self.marks("学习，；讨论") == ["doubled-punctuation ，；→；"])
        #expect(Self.marks("完成任务,。下一步") == ["doubled-punctuation ,。→。"])
        #expect(Self.fixed("上党课4次，。通过学习") == "上党课4次。通过学习")
    }

    @Test("marks written together on purpose are left alone")
    func doubledPunctuationLeftAlone() {
        #expect(Self.findings("难道不是吗？！真是这样？？").isEmpty)
        #expect(Self.findings("他说：“好。”我们走。").isEmpty)
        #expect(Self.findings("数据如下……。完毕").isEmpty)
        #expect(Self.findings("values 1,,2 and a;;b").isEmpty)
    }

    // MARK: - Half-width punctuation

    @Test("ASCII punctuation between Chinese characters is found, with its full-width mark")
    func halfWidth() {
        #expect(Self.marks("四中全会精神,以党的政治建设为统领") == ["half-width-punctuation ,→，"])
        #expect(Self.marks("情况如下:一是") == ["half-width-punctuation :→："])
        #expect(Self.marks("要做到哪些?要做到三点;一是学习!") == ["half-width-punctuation ?→？", "half-width-punctuation ;→；", "half-width-punctuation !→！"])
        #expect(Self.marks("(一)强化主体责任落实") == ["half-width-punctuation (→（", "half-width-punctuation )→）"])
        #expect(Self.marks("政策措施200余篇（条),积极回应") == ["half-width-punctuation )→）", "half-width-punctuation ,→，"])
        #expect(Self.marks("做到\"三个带头\"和\"三个亲自\"") == ["half-width-punctuation \"→“", "half-width-punctuation \"→”", "half-width-punctuation \"→“", "half-width-punctuation \"→”"])
        #expect(Self.marks("会议时间:2020年5月") == ["half-width-punctuation :→："])
        #expect(Self.marks("全年共3,其中2次") == ["half-width-punctuation ,→，"])
        #expect(Self.marks("增长15%,达到历史最好") == ["half-width-punctuation ,→，"])
        #expect(Self.marks("“四个意识”,坚定“四个自信”") == ["half-width-punctuation ,→，"])
    }

    @Test("ASCII punctuation in numbers, Latin text, URLs, e-mail addresses and file names is left alone")
    func halfWidthLeftAlone() {
        #expect(Self.findings("全年收入1,000万元，增长3.5%，").isEmpty)
        #expect(Self.findings("上午10:30在会议室召开，比例为1:2。").isEmpty)
        #expect(Self.findings("详见网站https://www.gov.cn/zhengce/a,b.html，欢迎访问。").isEmpty)
        #expect(Self.findings("请发邮件至office@example.gov.cn，或致电。").isEmpty)
        #expect(Self.findings("附件为《报告(终稿).docx》和report(final).docx。").count == 2)   // 终稿 is Chinese: （终稿）
        #expect(Self.marks("使用Word(2010版本)编辑，函数f(x)与Hello, world! It's fine.") == ["half-width-punctuation (→（", "half-width-punctuation )→）"])
        #expect(Self.findings("英文名为Gansu Party Building (GPB) APP，").isEmpty)
        #expect(Self.findings("他说'don't'。").isEmpty)
    }

    // MARK: - Unpaired brackets and quotes

    @Test("a bracket or quote without its partner is found")
    func unpaired() {
        #expect(Self.marks("学习《中国共产党章程，提高认识") == ["unpaired-mark 《→?"])
        #expect(Self.marks("做到“三个带头“，落实责任") == ["unpaired-mark “→?", "unpaired-mark “→?"])
        #expect(Self.marks("撰写心得（条，积极回应") == ["unpaired-mark （→?"])
        #expect(Self.marks("工作要点】研究") == ["unpaired-mark 】→?"])
        #expect(Self.findings("学习《中国共产党章程，提高认识").first?.detail == .unpaired(partner: "》"))
    }

    @Test("paired marks, list numbers and apostrophes are left alone")
    func unpairedLeftAlone() {
        #expect(Self.findings("学习《关于新形势下党内政治生活的若干准则》（2016年）“三会一课”【重点】‘一岗双责’。").isEmpty)
        #expect(Self.findings("1）加强理论学习，提高认识。").isEmpty)
        #expect(Self.findings("a)建立台账，按月更新。").isEmpty)
        #expect(Self.findings("赴Xi’an学习考察。").isEmpty)
        #expect(Self.findings("表情:) 和公式 f(x 不是我们的事").filter { $0.rule == .unpairedMark }.isEmpty)
    }

    @Test("a mark paired over lines a PDF broke is left alone; one left open at a paragraph's end is found")
    func unpairedOverBrokenLines() {
        #expect(Self.findings("根据《中共\n××\n区组织部关于召开组织生活会的通知》（\n组通〔2019〕5\n号）要求，现报告如下。").isEmpty)
        #expect(Self.marks("学习《中国共产党章程。\n提高认识。") == ["unpaired-mark 《→?"])
        #expect(Self.findings("学习《中国共产党章程。\n提高认识。").first?.line == 1)
        #expect(Self.marks("一、学习《党章\n（一）强化理论武装。") == ["unpaired-mark 《→?"])
    }

    // MARK: - Heading numbering

    @Test("headings out of order are found with the number expected")
    func headings() {
        let report = """
        一、强化政治引领
        （一）强化理论武装。
        （三）夯实党建主体责任。
        二、狠抓意识形态工作
        四、严明党内纪律
        1.开展谈话提醒。
        3.集体约谈。
        """
        let found = Self.findings(report)
        #expect(found.map { "\($0.line) \($0.found)→\($0.fix!)" } == ["3 （三）→（二）", "5 四、→三、", "7 3.→2."])
        #expect(found.allSatisfy { $0.rule == .headingNumbering && !$0.isSafe })
        #expect(found[1].detail == .headingExpected("三、"))
    }

    @Test("a level-3 number written \"1.\" then \"2、\" is mixed")
    func headingsMixed() {
        let found = Self.findings("1.开展谈话提醒。\n2、集体约谈。\n")
        #expect(found.map { "\($0.line) \($0.found)→\($0.fix!)" } == ["2 2、→2."])
        #expect(found.first?.detail == .headingMixed(first: "1."))
    }

    @Test("numbering that restarts under a new heading, numbers that open a line, and 一是 are left alone")
    func headingsLeftAlone() {
        let report = """
        一、强化政治引领
        （一）强化理论武装。
        1.学习。
        2.讨论。
        （二）夯实责任。
        1.制定要点。
        二、狠抓意识形态工作
        （一）强化主体责任。
        3.5亿元的投资已到位。
        1、2月份完成了全部任务。
        一、二季度经济平稳。
        一是加强学习，二是严格管理。
        三、聚焦固本强基
        """
        #expect(Self.findings(report).isEmpty)
        #expect(Self.findings("（二）从第二条开始的摘录。\n（三）接着。").isEmpty)
    }

    // MARK: - Repeated words

    @Test("a word a filled blank doubled is found, and written once by the fix")
    func repeatedWords() {
        #expect(Self.marks("今年以来，市财政局党组党组坚持以习近平新时代") == ["repeated-word 党组党组→党组"])
        #expect(Self.marks("对市财政局局党组工作进行安排") == ["repeated-word 局局→局"])
        #expect(Self.fixed("今年以来，市财政局党组党组坚持") == "今年以来，市财政局党组坚持")
    }

    @Test("doubles that are right are left alone: 党组党组成员, 公安局局长, 全局局面")
    func repeatedWordsLeftAlone() {
        #expect(Self.findings("省财政厅党组党组成员、副厅长张三，市公安局局长李四，").isEmpty)
        #expect(Self.findings("从全局局面出发，优化布局局部，看看人人天天学习，").isEmpty)
        #expect(Self.findings("大厅厅内整洁，").isEmpty)
    }

    // MARK: - Years and dates

    @Test("a date that does not exist is found")
    func impossibleDates() {
        #expect(Self.marks("于2月30日召开") == ["impossible-date 2月30日→?"])
        #expect(Self.marks("于2021年2月29日召开") == ["impossible-date 2021年2月29日→?"])
        #expect(Self.marks("于四月三十一日召开") == ["impossible-date 四月三十一日→?"])
        #expect(Self.marks("于13月5日召开") == ["impossible-date 13月5日→?"])
        #expect(Self.findings("于6月31日召开").first?.detail == .noSuchDate(month: 6, day: 31))
    }

    @Test("real dates and months without days are left alone")
    func realDates() {
        #expect(Self.findings("于2020年2月29日、12月31日、二〇二一年十二月三十一日、5月4号召开，X月初，三个月，每月30日，1-12月。").isEmpty)
    }

    @Test("a year other than the report's is found when the report's year is known, not when it is compared with")
    func staleYears() {
        #expect(Self.marks("研究制定《2020年党建工作要点》", year: 2021) == ["stale-year 2020→2021"])
        #expect(Self.findings("研究制定《2020年党建工作要点》").isEmpty)   // year unknown: the rule does not run
        #expect(Self.findings("比2020年增长5%，2019年以来，截至2020年底，与2020年同期相比，2021年工作要点", year: 2021).isEmpty)
    }

    // MARK: - Spaces and full-width characters

    @Test("a space between Chinese characters in body text is found and removed")
    func spaces() {
        #expect(Self.marks("今年，我们加强 学习，提高认识。") == ["space-between-chinese  →"])
        #expect(Self.fixed("今年，我们加强　学习，提高认识。") == "今年，我们加强学习，提高认识。")
        #expect(Self.marks("今年,还与广播 电视部门合作。") == ["half-width-punctuation ,→，", "space-between-chinese  →"])
    }

    @Test("indentation, spaced titles, padded names and Latin words are left alone")
    func spacesLeftAlone() {
        #expect(Self.findings("　　一是加强学习，提高认识。").isEmpty)
        #expect(Self.findings("通    知").isEmpty)
        #expect(Self.findings("参会人员：王  伟、李  明，张三丰。").isEmpty)
        #expect(Self.findings("使用 Word 编辑，用 WPS 排版。").isEmpty)
        // A slogan, and a title run into the first line of the text (as web pages store them).
        #expect(Self.findings("导语：强化监管 保障阳光工程规范运行，取得实效。").isEmpty)
        #expect(Self.findings("建党节活动总结 为热烈庆祝中国共产党成立100周年，我们开展了活动。").isEmpty)
    }

    @Test("full-width digits and letters are found and made half-width")
    func fullWidth() {
        #expect(Self.marks("上党课１２次，用好ＡＰＰ，增长１．５%") == ["full-width-alphanumeric １２→12", "full-width-alphanumeric ＡＰＰ→APP", "full-width-alphanumeric １．５→1.5"])
        #expect(Self.findings("（一）全角括号、，逗号、“引号”和％是中文的。").filter { $0.rule == .fullWidthAlphanumeric }.isEmpty)
    }

    // MARK: - Positions

    @Test("line and column count characters, and the byte range covers what was found")
    func positions() {
        let text = "第一行\r\n二、加强学习,提高认识。\n"
        let found = Self.findings(text)
        #expect(found.count == 1)
        let f = found[0]
        #expect(f.line == 2 && f.column == 7)
        #expect(Array(text.utf8)[f.byteRange] == Array(",".utf8)[...])
        #expect(f.excerpt == "二、加强学习,提高认识。")
    }

    @Test("a report without mistakes has no findings")
    func cleanReport() throws {
        let golden = try String(decoding: Fixtures.data("report-complete.txt"), as: UTF8.self)
        let fixed = Self.fixed(golden)
        #expect(Self.findings(fixed).isEmpty)
        #expect(fixed.contains("党组织书记上党课4次。通过学习教育"))
    }

    // MARK: - A long report read in parts

    /// Finding `f` as it is in a copy `lines` lines and `bytes` bytes further down the report.
    static func shifted(_ f: Finding, lines: Int, bytes: Int) -> Finding {
        var moved = f
        moved.line += lines
        moved.byteRange = (f.byteRange.lowerBound + bytes)..<(f.byteRange.upperBound + bytes)
        return moved
    }

    @Test("the bundled template copied 110 times (over a megabyte, read on two cores) has each copy's 22 mistakes, 38 lines apart")
    func manyCopies() {
        // The template's 38 lines end with an empty one and its first heading ("一、") starts its numbering
        // afresh: a copy reads the same whatever copy comes before it.
        let one = Fixtures.seedBytes
        let single = Proofreader().findings(in: one)
        #expect(single.count == 22)
        for copies in [110, 111] {
            let report = Array([[UInt8]](repeating: one, count: copies).joined())
            #expect(Parallel.pays(forBytes: report.count))
            let expected = (0..<copies).flatMap { c in single.map { Self.shifted($0, lines: 38 * c, bytes: one.count * c) } }
            let found = Proofreader().findings(in: report)
            #expect(found.count == 22 * copies)
            #expect(found == expected, "\(copies) copies")
        }
        // Split at each line of the second of three copies, read in two and in three parts.
        let three = Array([[UInt8]](repeating: one, count: 3).joined())
        let expected = (0..<3).flatMap { c in single.map { Self.shifted($0, lines: 38 * c, bytes: one.count * c) } }
        let lineStarts = [0] + three.indices.filter { three[$0] == 0x0A }.map { $0 + 1 }
        three.withUnsafeBufferPointer { text in
            for start in lineStarts where start > one.count && start <= 2 * one.count {
                #expect(Proofreader().findings(in: text, partsStartingAt: [0, start]) == expected, "split at byte \(start)")
                #expect(Proofreader().findings(in: text, partsStartingAt: [0, one.count, start]) == expected, "split at byte \(start)")
            }
        }
    }

    @Test("a report split at any line or two finds what it finds read whole: heading numbers and open marks carried over the split")
    func splitAnywhere() {
        // 1 一、 starts the numbering afresh; 2 opens 《 and goes on; 3 closes it; 4 (三) after (一),
        // and an opening “ the sentence ends without; 5 an empty line.
        let chapters = "一、加强学习\n（一）学习《党章\n和准则》，深化认识\n（三）落实“两个责任。\n\n"
        Self.expectSameInParts(String(repeating: chapters, count: 3), (0..<3).flatMap { c in
            ["\(5 * c + 4):1 heading-numbering （三）→（二）", "\(5 * c + 4):6 unpaired-mark “→?"]
        })
        // Numbered 1. only, 3. after 1.: no level-1 heading ever starts the numbering afresh.
        let points = "1.加强学习。\n3.落实责任。\n"
        Self.expectSameInParts(String(repeating: points, count: 4), (0..<4).map { c in "\(2 * c + 2):1 heading-numbering 3.→2." })
    }

    /// `report` read whole, and in two and in three parts split at every line, finds `expected`.
    static func expectSameInParts(_ report: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(report.utf8)
        func marks(_ found: [Finding]) -> [String] { found.map { "\($0.line):\($0.column) \($0.rule.rawValue) \($0.found)→\($0.fix ?? "?")" } }
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        bytes.withUnsafeBufferPointer { text in
            #expect(marks(Proofreader().findings(in: text, partsStartingAt: [0])) == expected, sourceLocation: sourceLocation)
            for (n, first) in lineStarts.enumerated() where first > 0 {
                #expect(marks(Proofreader().findings(in: text, partsStartingAt: [0, first])) == expected, "split at line \(n + 1)",
                        sourceLocation: sourceLocation)
                for (m, second) in lineStarts.enumerated() where second > first {
                    #expect(marks(Proofreader().findings(in: text, partsStartingAt: [0, first, second])) == expected,
                            "split at lines \(n + 1) and \(m + 1)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
