import Foundation

/// A line removed from the report because it is reseller advertising.
public struct RemovedLine: Hashable, Sendable, Codable {
    /// 1-based line in the original file.
    public let line: Int
    public let text: String
}

/// Recognises reseller advertising ("仅供学习 禁止外传", "会员群：… 免费QQ群：", "某某整理，咨询QQ…")
/// from general signals kept in Resources/data/boilerplate.txt, never from a seller's name.
public struct Boilerplate: Sendable {
    public var maximumLength = 60
    public var words: [String] = []
    public var contactWords: [String] = []
    public var attributionWords: [String] = []
    public var titleWords: [String] = []

    /// The rules of Resources/data/boilerplate.txt.
    public static let bundled = Boilerplate(ruleLines: BundledResources.ruleLines("boilerplate.txt"))

    public init(ruleLines: [String]) {
        for line in ruleLines {
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch parts[0] {
            case "max-length": maximumLength = Int(value) ?? maximumLength
            case "word": words.append(value)
            case "contact": contactWords.append(value)
            case "attribution": attributionWords.append(value)
            case "title-word": titleWords.append(value)
            default: continue
            }
        }
        attributionWords.sort { $0.count > $1.count }
    }

    /// True when a line reads as advertising.
    public func isAdvert(_ raw: String) -> Bool {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}")))
        if line.isEmpty || line.unicodeScalars.count > maximumLength || Boilerplate.isHeading(line) { return false }
        if words.contains(where: { line.contains($0) }) { return true }
        if hasContact(line) { return true }
        return isAttribution(line)
    }

    /// True when a line can be the report's title: short, and ending with a document word such as 总结 or 报告,
    /// optionally followed by a bracketed note ("2020年党建工作总结（党组）").
    public func isTitle(_ raw: String) -> Bool {
        var line = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}")))
        if line.isEmpty || line.unicodeScalars.count > maximumLength || Boilerplate.isHeading(line) { return false }
        if line.hasSuffix("）") || line.hasSuffix(")"), let open = line.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            line = String(line[..<open])
        }
        line = line.trimmingCharacters(in: .whitespaces)
        return titleWords.contains { line.hasSuffix($0) }
    }

    /// "一、", "（一）", "(一)", "1.", "1．", "（1）": the report's own headings are never adverts.
    public static func isHeading(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars.prefix(6))
        guard let first = scalars.first else { return false }
        let numerals = Set("一二三四五六七八九十百零〇".unicodeScalars)
        func isNumeral(_ s: Unicode.Scalar) -> Bool { numerals.contains(s) || ("0"..."9").contains(s) || ("０"..."９").contains(s) }
        if first == "（" || first == "(" {
            var k = 1
            while k < scalars.count, isNumeral(scalars[k]) { k += 1 }
            return k > 1 && k < scalars.count && (scalars[k] == "）" || scalars[k] == ")")
        }
        var k = 0
        while k < scalars.count, isNumeral(scalars[k]) { k += 1 }
        guard k > 0, k < scalars.count else { return false }
        return ["、", ".", "．", "，"].contains(scalars[k])
    }

    private func hasContact(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        for word in contactWords {
            let w = Array(word.unicodeScalars)
            var i = 0
            while i + w.count <= scalars.count {
                if Array(scalars[i..<(i + w.count)]) == w {
                    var k = i + w.count
                    // Up to six characters of filler ("号", "：", "群", spaces) before the number.
                    var skipped = 0
                    while k < scalars.count, skipped < 6, !isDigit(scalars[k]) { k += 1; skipped += 1 }
                    var digits = 0
                    while k < scalars.count, isDigit(scalars[k]) || scalars[k] == "-" { if scalars[k] != "-" { digits += 1 }; k += 1 }
                    if digits >= 5 { return true }
                    // An empty contact slot: "QQ群：" followed by nothing but spaces.
                    var j = i + w.count
                    while j < scalars.count, !(scalars[j] == "：" || scalars[j] == ":"), j - i - w.count < 2 { j += 1 }
                    if j < scalars.count, scalars[j] == "：" || scalars[j] == ":" {
                        let rest = scalars[(j + 1)...]
                        if rest.allSatisfy({ $0 == " " || $0 == "\u{3000}" || $0 == "\t" }) || rest.isEmpty { return true }
                        if String(String.UnicodeScalarView(rest)).range(of: "：") != nil
                            && rest.prefix(while: { $0 == " " || $0 == "\u{3000}" }).count >= 4 { return true }
                    }
                }
                i += 1
            }
        }
        return false
    }

    private func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || ("０"..."９").contains(s) }

    /// "某某整理", "某某整理，咨询…": a short line crediting the text to whoever compiled it.
    private func isAttribution(_ line: String) -> Bool {
        guard line.unicodeScalars.count <= 24 else { return false }
        for word in attributionWords {
            guard let range = line.range(of: word) else { continue }
            let head = line[..<range.lowerBound]
            let tail = line[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ，,。、"))
            if head.unicodeScalars.count >= 2, head.unicodeScalars.count <= 10, tail.isEmpty { return true }
        }
        return false
    }
}
