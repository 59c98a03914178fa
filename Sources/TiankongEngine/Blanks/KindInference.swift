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
        "余篇", "余条", "余人", "余次", "余件", "余个", "余场", "余名", "余项", "余家", "余期", "余户", "余份", "余万",
        "小时", "课时", "学时", "批次", "场次", "户次", "家次", "件次",
        "次", "件", "名", "人", "个", "项", "期", "场", "家", "篇", "条", "天", "户", "所", "处", "批", "轮", "份",
        "本", "册", "节", "堂", "支", "位", "届", "座", "台", "辆", "套", "起", "例", "封", "张", "部", "首", "类",
        "周", "岁", "遍", "回", "趟", "盘", "幅", "株", "棵", "头", "只",
    ]

    /// Units after which a number may have a fraction.
    static let decimalUnits: [String] = [
        "个百分点", "万元", "亿元", "千元", "百万元", "万美元", "元", "万吨", "吨", "公斤", "千克", "万人",
        "万平方米", "平方米", "平方公里", "公顷", "亩", "公里", "千米", "米", "万千瓦时", "千瓦时", "倍",
    ]

    /// Words that begin with a unit character but name something: "XX人民医院", "XX支部", "XX项目".
    static let wordsNotUnits: [String] = [
        "人民", "人员", "人大", "人社", "人事", "人才", "个人", "家园", "家庭", "家属", "部门", "部署", "部长",
        "场所", "处室", "处长", "条例", "条件", "项目", "期间", "期刊", "名单", "名称", "台账", "批示", "届时",
        "座谈", "本部", "本单位", "本级", "支部", "位于", "所长", "天然", "户籍", "份额", "起草", "例会", "张贴",
        "周边", "周年庆", "类别", "回应", "首位", "节日", "节约", "套餐", "次要", "件事", "篇章", "条线", "场景",
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
            if runLength >= 2 { return Guess(.year, unit: "年", minimum: 1949, maximum: 2100) }
            return Guess(.integer, unit: "年", minimum: 0)
        }
        if starts(Words.months) { return Guess(.integer, unit: "个月", minimum: 0) }
        if starts(Words.month) { return Guess(.month, unit: "月", minimum: 1, maximum: 12) }
        if starts(Words.day) { return Guess(.day, unit: "日", minimum: 1, maximum: 31) }
        if starts(Words.dayNumber) && ends(Words.month) { return Guess(.day, unit: "号", minimum: 1, maximum: 31) }
        if let unit = unitPrefix(of: after, among: Words.decimalUnits) {
            return Guess(.decimal, unit: unit, minimum: 0)
        }
        if let unit = unitPrefix(of: after, among: Words.countUnits) {
            return Guess(.integer, unit: unit, minimum: 0)
        }
        if Words.countPrefixes.contains(where: { ends($0) }) {
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
