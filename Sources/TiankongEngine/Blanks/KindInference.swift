/// Infers what a blank asks for from the characters around it.
///
/// "学习X次" is a count, "X月初" a month, "XXXX年" a year, "X.X万元" a decimal, "X%" a percent,
/// "第X季度" a quarter; "对X局党组" and "XXX党组" are names (text).
public enum KindInference {
    public struct Guess: Equatable, Sendable {
        public var kind: Kind
        public var unit: String?
        public var minimum: Int?
        public var maximum: Int?

        init(_ kind: Kind, unit: String? = nil, minimum: Int? = nil, maximum: Int? = nil) {
            self.kind = kind
            self.unit = unit
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    /// Units after which a number is a count, longest first so "人次" wins over "人".
    static let countUnits: [String] = [
        "人次", "个单位", "个支部", "个党支部",
        "小时", "课时", "学时", "批次", "场次", "户次", "家次", "件次",
        "次", "件", "名", "人", "个", "项", "期", "场", "家", "篇", "条", "天", "户", "所", "处", "批", "轮", "份",
        "本", "册", "节", "堂", "支", "位", "届", "座", "台", "辆", "套", "起", "例", "封", "张", "部", "首", "类",
        "周年", "周", "岁", "遍", "回", "趟", "盘", "幅", "株", "棵", "头", "只",
        "分钟", "时", "分", "号", "层", "副", "把", "双", "块", "间", "栋",
    ]

    /// Units after which a number may have a fraction.
    static let decimalUnits: [String] = [
        "个百分点", "万元", "亿元", "千元", "百万元", "万美元", "元", "万吨", "吨", "公斤", "千克", "万人",
        "万平方米", "平方米", "平方公里", "公顷", "万亩", "亩", "公里", "千米", "米", "万千瓦时", "千瓦时", "倍", "斤", "公斤",
        "萬元", "億元", "萬人", "萬畝", "萬噸", "萬",
    ]

    /// Words that begin with a unit character but name something: "XX人民医院", "XX支部", "XX项目".
    static let wordsNotUnits: [String] = [
        "人民", "人员", "人大", "人社", "人事", "人才", "个人", "家园", "家庭", "家属", "部门", "部署", "部长",
        "场所", "处室", "处长", "条例", "条件", "项目", "期间", "期刊", "名单", "名称", "台账", "批示", "届时",
        "座谈", "本部", "本单位", "本级", "支部", "位于", "所长", "天然", "户籍", "份额", "起草", "例会", "张贴",
        "周边", "类别", "回应", "首位", "节日", "节约", "套餐", "次要", "件事", "篇章", "条线", "场景",
        "时间", "时期", "时代", "时候", "时刻", "时任", "时尚", "时效", "时节",
        "分局", "分公司", "分行", "分会", "分部", "分管", "分析", "分别", "分类", "分工", "分配", "分享", "分组",
        "分校", "分院", "分中心", "分队", "分厂", "分场", "分所",
        "号召", "号码", "层面", "层级", "层次", "间隔", "块状", "双方", "双向", "双拥",
        "副书记", "副主任", "副镇长", "副县长", "副市长", "副局长", "副主席", "副部长", "副校长", "副院长", "副总",
        "副科", "副处", "副所长", "副组长", "副经理", "副秘书长", "副区长", "副乡长", "副村长", "副厅", "副职", "副队长",
    ]

    static let countPrefixes: [String] = ["共计", "合计", "总计", "累计", "共有", "共", "计"]

    /// The guess for a blank with `marker`, preceded by `before` and followed by `after` on its line.
    public static func guess(marker: String, before: String, after: String) -> Guess {
        let marker = Array(marker.utf8), before = Array(before.utf8), after = Array(after.utf8)
        return marker.withUnsafeBufferPointer { m in
            before.withUnsafeBufferPointer { b in
                after.withUnsafeBufferPointer { a in guess(marker: m[...], before: b[...], after: a[...]) }
            }
        }
    }

    /// The guess from UTF-8 bytes: no strings are made, so a template with a million blanks stays fast.
    static func guess(marker: Slice<UnsafeBufferPointer<UInt8>>, before: Slice<UnsafeBufferPointer<UInt8>>,
                      after: Slice<UnsafeBufferPointer<UInt8>>) -> Guess {
        // "研讨 X 次", "XX 年": text pasted from a PDF puts spaces between a blank and its words.
        let before = withoutTrailingSpaces(before), after = withoutLeadingSpaces(after)
        var isDecimalForm = false
        var runLength = 0
        // One pass over the marker's bytes (a while loop: a slice's `indices` is not free here).
        var k = marker.startIndex
        while k < marker.endIndex {
            let c = marker[k]
            if c & 0xC0 != 0x80 { runLength += 1 }
            // "." or "．" (EF BC 8E)
            if c == 0x2E || (c == 0x8E && k - 2 >= marker.startIndex && marker[k - 2] == 0xEF && marker[k - 1] == 0xBC) {
                isDecimalForm = true
            }
            k += 1
        }
        func starts(_ word: [UInt8]) -> Bool { hasPrefix(after, word) }
        func ends(_ word: [UInt8]) -> Bool {
            guard before.count >= word.count else { return false }
            var k = 0
            let base = before.endIndex - word.count
            while k < word.count { if before[base + k] != word[k] { return false }; k += 1 }
            return true
        }

        // "20XX", "202x": a year with digits hidden.
        let first = marker.first ?? 0
        let hasDigits = (first >= 0x30 && first <= 0x39) || marker.contains { $0 >= 0x30 && $0 <= 0x39 }
        let followedByWord = (after.first.map { $0 >= 0xE4 && $0 <= 0xE9 } ?? false) && !starts(Words.year)
        if hasDigits, runLength == 4, first == 0x31 || first == 0x32, !isDecimalForm, !followedByWord {
            return Guess(.year, unit: starts(Words.year) ? "年" : nil, minimum: 1949, maximum: 2100)
        }
        if starts(Words.percent) || starts(Words.fullWidthPercent) || ends(Words.hundredParts) {
            let unit: String? = starts(Words.fullWidthPercent) ? "％" : (ends(Words.hundredParts) ? nil : "%")
            return Guess(.percent, unit: unit, minimum: 0)
        }
        if ends(Words.ordinal) {
            if starts(Words.quarter) { return Guess(.quarter, unit: "季度", minimum: 1, maximum: 4) }
            return Guess(.integer, unit: unitPrefix(of: after, among: Words.countUnits), minimum: 1)
        }
        if isDecimalForm {
            return Guess(.decimal, unit: unitPrefix(of: after, among: Words.decimalOrCountUnits), minimum: 0)
        }
        if starts(Words.quarter) { return Guess(.quarter, unit: "季度", minimum: 1, maximum: 4) }
        if starts(Words.year) {
            // "XX年", and "X年X月X日" (a date, whatever the year's length).
            if runLength >= 2 || startsMonthAfterYear(after) { return Guess(.year, unit: "年", minimum: 1949, maximum: 2100) }
            return Guess(.integer, unit: "年", minimum: 0)
        }
        if starts(Words.months) { return Guess(.integer, unit: "个月", minimum: 0) }
        if runLength <= 2, starts(Words.month), Words.notMonths.firstPrefix(of: after) == nil {
            return Guess(.month, unit: "月", minimum: 1, maximum: 12)
        }
        if runLength <= 2, starts(Words.day), Words.notDays.firstPrefix(of: after) == nil {
            return Guess(.day, unit: "日", minimum: 1, maximum: 31)
        }
        // "XX:XX", "XX时XX分": the hour and the minute of a time.
        if startsColon(after) && startsNumberOrMarker(after.dropFirst(colonLength(after))) {
            return Guess(.integer, unit: "时", minimum: 0, maximum: 24)
        }
        if endsColon(before) && endsNumberOrMarker(before.dropLast(colonLengthAtEnd(before))) {
            return Guess(.integer, unit: "分", minimum: 0, maximum: 59)
        }
        if starts(Words.dayNumber) && ends(Words.month) { return Guess(.day, unit: "号", minimum: 1, maximum: 31) }
        // "×月×————×日", "X月X至X日": the first day of a range of days.
        if ends(Words.month) && startsRangeJoiner(after) { return Guess(.day, unit: "日", minimum: 1, maximum: 31) }
        // "X余篇", "X多次": more than so many; the unit is the word after 余 or 多.
        let counted = startsMoreThan(after) ? after.dropFirst(3) : after
        if let unit = unitPrefix(of: counted, among: Words.decimalUnits) {
            return Guess(.decimal, unit: unit, minimum: 0)
        }
        if let unit = unitPrefix(of: counted, among: Words.countUnits) {
            return Guess(.integer, unit: unit, minimum: 0)
        }
        // "共X项", but not "中共XX乡委员会" (the Party, not a total).
        if Words.countPrefixes.contains(where: { ends($0) }), !ends(Words.party) {
            return Guess(.integer, minimum: 0)
        }
        // "〔201×〕": the rest of a number whose first digits are written ("201" + a hard line break + "×");
        // "20xx县" is a name with its digits hidden.
        if (hasDigits && !followedByWord) || (!hasDigits && before.last.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
            return Guess(.integer, minimum: 0)
        }
        return Guess(.text)
    }

    /// The words above as UTF-8, compared byte for byte (one pass per blank, whatever the template's size).
    enum Words {
        static let percent = Array("%".utf8), fullWidthPercent = Array("％".utf8), hundredParts = Array("百分之".utf8)
        static let ordinal = Array("第".utf8), quarter = Array("季度".utf8), year = Array("年".utf8)
        static let months = Array("个月".utf8), month = Array("月".utf8), day = Array("日".utf8), dayNumber = Array("号".utf8)
        static let countUnits = WordTable(KindInference.countUnits)
        static let decimalUnits = WordTable(KindInference.decimalUnits)
        static let decimalOrCountUnits = WordTable(KindInference.decimalUnits + KindInference.countUnits)
        static let wordsNotUnits = WordTable(KindInference.wordsNotUnits)
        static let countPrefixes = KindInference.countPrefixes.map { Array($0.utf8) }
        static let more = Array("余".utf8), many = Array("多".utf8), party = Array("中共".utf8)
        static let wideColon = Array("：".utf8), wideX = Array("Ｘ".utf8), times = Array("×".utf8)
        /// Words that begin with 日 or 月 but are no date: "XXXXXXX 日期", "XX月刊".
        static let notDays = WordTable(["日期", "日常", "日报", "日益", "日趋", "日后", "日程", "日志"])
        static let notMonths = WordTable(["月刊", "月报", "月度", "月饼"])
        static let rangeJoiners = ["—", "–", "－", "～", "至", "到"].map { Array($0.utf8) }
    }

    /// A list of words, looked up by the text they start: only the words sharing its first character
    /// are compared, in the list's order, so the first match is the list's first match.
    struct WordTable: Sendable {
        let words: [String]
        let bytes: [[UInt8]]
        /// Word positions by a hash of their first character's bytes, each bucket in list order.
        let buckets: [[Int]]

        init(_ words: [String]) {
            self.words = words
            bytes = words.map { Array($0.utf8) }
            var buckets = [[Int]](repeating: [], count: 256)
            for (k, word) in bytes.enumerated() where !word.isEmpty {
                buckets[WordTable.bucket(word[...])].append(k)
            }
            self.buckets = buckets
        }

        /// The bucket of the character that `text` starts with (not empty).
        @inline(__always)
        static func bucket<C: Collection>(_ text: C) -> Int where C.Element == UInt8, C.Index == Int {
            let start = text.startIndex
            let lead = text[start]
            let length = min(LineBytes.scalarLength(lead), text.count)
            var hash = Int(lead)
            var k = 1
            while k < length { hash = hash &* 31 &+ Int(text[start + k]); k += 1 }
            return hash & 255
        }

        /// The position of the first word that `text` starts with.
        func firstPrefix(of text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !text.isEmpty else { return nil }
            for k in buckets[WordTable.bucket(text)] where KindInference.hasPrefix(text, bytes[k]) { return k }
            return nil
        }
    }

    /// True when "年" is followed by a month: "X年X月", "X年12月".
    static func startsMonthAfterYear(_ after: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var rest = withoutLeadingSpaces(after.dropFirst(3))
        var length = 0
        while let c = rest.first, c == 0x58 || c == 0x78 || (c >= 0x30 && c <= 0x39) || c == 0xC3 || c == 0x97 || c == 0xEF || c == 0xBC || c == 0xB8 {
            rest = rest.dropFirst(); length += 1
        }
        return length > 0 && hasPrefix(withoutLeadingSpaces(rest), Words.month)
    }

    private static func colonLength(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        if text.first == 0x3A { return 1 }
        return hasPrefix(text, Words.wideColon) ? 3 : 0
    }

    private static func colonLengthAtEnd(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        if text.last == 0x3A { return 1 }
        return text.count >= 3 && text.suffix(3).elementsEqual(Words.wideColon) ? 3 : 0
    }

    private static func startsColon(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool { colonLength(text) > 0 }
    private static func endsColon(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool { colonLengthAtEnd(text) > 0 }

    /// True when an ASCII digit, X, x, Ｘ or × is first.
    private static func startsNumberOrMarker(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let c = text.first else { return false }
        return (c >= 0x30 && c <= 0x39) || c == 0x58 || c == 0x78 || hasPrefix(text, Words.wideX) || hasPrefix(text, Words.times)
    }

    /// True when an ASCII digit, X, x, Ｘ or × is last.
    private static func endsNumberOrMarker(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let c = text.last else { return false }
        return (c >= 0x30 && c <= 0x39) || c == 0x58 || c == 0x78 || text.suffix(3).elementsEqual(Words.wideX) || text.suffix(2).elementsEqual(Words.times)
    }

    /// True when the text starts with 余 or 多 ("X余篇", "X多次").
    static func startsMoreThan(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        hasPrefix(text, Words.more) || hasPrefix(text, Words.many)
    }

    /// True when the text starts with what joins the two ends of a range: —, -, ~, ～, 至, 到.
    static func startsRangeJoiner(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = text.first else { return false }
        if first == 0x2D || first == 0x7E { return true }
        return Words.rangeJoiners.contains { hasPrefix(text, $0) }
    }

    /// The text without spaces (ASCII, ideographic, no-break, tabs) at its start.
    static func withoutLeadingSpaces(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var text = text
        while let length = spaceLength(text, at: text.startIndex) { text = text.dropFirst(length) }
        return text
    }

    /// The text without spaces at its end.
    static func withoutTrailingSpaces(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var text = text
        while true {
            if let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast(); continue }
            if text.count >= 3, spaceLength(text, at: text.endIndex - 3) == 3 { text = text.dropLast(3); continue }
            if text.count >= 2, spaceLength(text, at: text.endIndex - 2) == 2 { text = text.dropLast(2); continue }
            return text
        }
    }

    /// The length of the space character at `k` (" ", tab, U+00A0, U+3000), or nil.
    private static func spaceLength(_ text: Slice<UnsafeBufferPointer<UInt8>>, at k: Int) -> Int? {
        guard k < text.endIndex else { return nil }
        let c = text[k]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xC2, k + 1 < text.endIndex, text[k + 1] == 0xA0 { return 2 }
        if c == 0xE3, k + 2 < text.endIndex, text[k + 1] == 0x80, text[k + 2] == 0x80 { return 3 }
        return nil
    }

    private static func unitPrefix(of after: Slice<UnsafeBufferPointer<UInt8>>, among units: WordTable) -> String? {
        if Words.wordsNotUnits.firstPrefix(of: after) != nil { return nil }
        return units.firstPrefix(of: after).map { units.words[$0] }
    }

    @inline(__always)
    static func hasPrefix(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ word: [UInt8]) -> Bool {
        guard text.count >= word.count else { return false }
        var k = 0
        let base = text.startIndex
        while k < word.count { if text[base + k] != word[k] { return false }; k += 1 }
        return true
    }
}
