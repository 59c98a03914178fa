/// A year other than the report's ("2020年" in a report for 2021), left from the template or an older
/// report. It runs only when the report's year is known (the schema's year field, or `check --year`).
/// A year compared with or counted from ("比2020年", "2020年以来", "截至2020年底") is meant, and left alone.
struct StaleYearRule: LineRule {
    let reportYear: Int

    /// Words before a year that make it an earlier year on purpose.
    static let comparingBefore: [[Unicode.Scalar]] = ["比", "较", "与", "同", "自", "从", "至", "到", "于", "截至", "去年", "和", "及", "、"].map { Array($0.unicodeScalars) }
    /// Words after a year's 年 that do the same.
    static let comparingAfter: [[Unicode.Scalar]] = ["以来", "底", "末", "同期", "相比", "以前", "前", "起", "开始", "至", "到", "、"].map { Array($0.unicodeScalars) }

    func check(_ line: ProofLine, into findings: inout [Finding]) {
        guard line.kinds.contains(.year) else { return }
        let s = line.scalars
        for y in s.indices where s[y] == "年" && y >= 4 {
            let start = y - 4
            guard s[start..<y].allSatisfy(ProofCharacter.isASCIIDigit), start == 0 || !ProofCharacter.isASCIIDigit(s[start - 1]),
                  let year = Int(line.string(start..<y)), (1949...2100).contains(year), year != reportYear else { continue }
            if Self.comparingBefore.contains(where: { start >= $0.count && s[(start - $0.count)..<start].elementsEqual($0) }) { continue }
            if Self.comparingAfter.contains(where: { s.count >= y + 1 + $0.count && s[(y + 1)..<(y + 1 + $0.count)].elementsEqual($0) }) { continue }
            findings.append(line.finding(.staleYear, start..<y, fix: "\(reportYear)", safe: false, detail: .yearDiffers(reportYear: reportYear)))
        }
    }
}
