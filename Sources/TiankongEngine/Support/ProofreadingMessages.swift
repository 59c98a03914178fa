/// The words of proof-reading findings, with the rest of Messages.
extension Messages {
    /// A rule's name as a reader sees it: "标点重复", "doubled punctuation".
    public func name(of rule: ProofRule) -> String {
        let pick = language.pick
        switch rule {
        case .blankLeft: return pick("未填的空", "blank left")
        case .doubledPunctuation: return pick("标点重复", "doubled punctuation")
        case .halfWidthPunctuation: return pick("半角标点", "half-width punctuation")
        case .unpairedMark: return pick("括号引号不成对", "unpaired mark")
        case .headingNumbering: return pick("标题序号", "heading numbering")
        case .repeatedWord: return pick("词语重复", "repeated word")
        case .staleYear: return pick("年份不符", "stale year")
        case .impossibleDate: return pick("日期不存在", "impossible date")
        case .spaceBetweenChinese: return pick("汉字间空格", "space between Chinese")
        case .fullWidthAlphanumeric: return pick("全角数字字母", "full-width digits or letters")
        }
    }

    /// What is wrong and what to write: "“，。”改为“。”", "序号应为“三、”".
    public func text(for finding: Finding) -> String {
        let pick = language.pick
        let found = finding.found
        switch finding.detail {
        case .headingExpected(let expected):
            return pick("“\(found)”前后序号不连续，应为“\(expected)”", "“\(found)” is out of order; “\(expected)” is expected")
        case .headingMixed(let first):
            return pick("“\(found)”与前面的“\(first)”写法不一致，应为“\(finding.fix ?? "")”", "“\(found)” is written unlike “\(first)” before it; “\(finding.fix ?? "")” is expected")
        case .unpaired(let partner):
            return pick("“\(found)”没有配对的“\(partner)”", "“\(found)” has no “\(partner)”")
        case .yearDiffers(let year):
            return pick("“\(found)年”与报告年份 \(year) 年不同，请核对", "“\(found)” differs from the report's year \(year); check it")
        case .noSuchDate(let month, let day):
            let dayText = day.map { "\($0)日" } ?? ""
            return pick("没有\(month)月\(dayText)这一天", "There is no such date: month \(month)\(day.map { ", day \($0)" } ?? "")")
        case .none:
            if finding.rule == .blankLeft { return pick("“\(found)”还没有填", "“\(found)” is not filled in") }
            guard let fix = finding.fix else { return "“\(found)”" }
            if fix.isEmpty { return pick("删去“\(visible(found))”", "delete “\(visible(found))”") }
            return pick("“\(visible(found))”改为“\(fix)”", "“\(visible(found))” → “\(fix)”")
        }
    }

    /// "（需人工核对）" for a finding `--fix` leaves to a person.
    public func leftForAPerson(_ finding: Finding) -> String {
        finding.isAppliedAutomatically ? "" : language.pick("（需人工核对）", " (for a person)")
    }

    /// Spaces made visible in a message: "␣", "全角空格".
    private func visible(_ s: String) -> String {
        s.unicodeScalars.allSatisfy { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
            ? s.unicodeScalars.map { $0 == "\u{3000}" ? "□" : "␣" }.joined() : s
    }
}
