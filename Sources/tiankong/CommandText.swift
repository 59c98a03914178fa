import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The command line's own words, Chinese or English, in one place.
struct CommandText {
    let language = CommandText.environmentLanguage

    /// Read once: every help text of every option makes a CommandText while the command line is
    /// parsed, and the environment need not be read for each.
    private static let environmentLanguage = Language.fromEnvironment()

    func t(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    /// Standard output, as messages name it.
    static var standardOutput: String { CommandText().t("标准输出", "standard output") }

    static func printError(_ line: String) {
        // Nowhere is left to report a failure to write to standard error.
        try? AtomicFile.write(Array((line + "\n").utf8), toDescriptor: 2, name: "stderr")
    }

    func kindName(_ kind: Kind) -> String {
        switch kind {
        case .text: return t("文字", "text")
        case .integer: return t("整数", "integer")
        case .decimal: return t("小数", "decimal")
        case .percent: return t("百分比", "percent")
        case .year: return t("年份", "year")
        case .month: return t("月份", "month")
        case .day: return t("日", "day")
        case .quarter: return t("季度", "quarter")
        }
    }

    func encodingName(_ encoding: TextEncoding) -> String { encoding.rawValue.uppercased() }

    func written(_ path: String) -> String { t("已写入：\(path)", "Written: \(path)") }

    func digestMismatch(_ file: String) -> String {
        t("提醒：答案文件 \(file) 是为另一个版本的模板保存的，请核对每个字段。",
          "Note: the answers in \(file) were saved for another version of this template; check every field.")
    }

    func invalidAnswers(_ count: Int) -> String {
        t("有 \(count) 个答案不能使用，没有写出报告：", "\(count) answers cannot be used; no report was written:")
    }

    /// "  f2  学习次数：…", or "  f9：…" for a field the template does not have.
    func answerProblem(_ id: String, _ label: String?, _ text: String) -> String {
        guard let label, !label.isEmpty else { return "  \(id)" + t("：", ": ") + text }
        return "  \(id)  \(label)" + t("：", ": ") + text
    }

    var partialHint: String {
        t("没有答案的空若要原样留着，加 --partial。", "To leave the unanswered blanks as they are, add --partial.")
    }

    func warningLine(_ id: String, _ label: String, _ text: String) -> String {
        t("提醒 \(id)（\(label)）：\(text)", "Warning \(id) (\(label)): \(text)")
    }

    func blanksLeft(_ count: Int) -> String {
        t("还有 \(count) 个空没有填：", "\(count) blanks are still unfilled:")
    }

    func noBlanksLeft(_ path: String) -> String { t("\(path)：所有的空都已填好。", "\(path): every blank is filled.") }

    func cannotReadAnswers(_ path: String, _ reason: String) -> String {
        t("无法读取答案文件 \(path)：\(reason)", "Cannot read the answers file \(path): \(reason)")
    }

    func unknownFormat(_ path: String) -> String {
        t("不知道 \(path) 要写成什么格式；请用 .txt 或 .docx 结尾，或加 --format txt|docx",
          "Cannot tell which format \(path) should be; end it in .txt or .docx, or add --format txt|docx")
    }

    func docxToStdout() -> String {
        t("Word 文件不能写到终端；请用 -o 给出 .docx 文件名", "A Word file cannot be written to the terminal; give a .docx name with -o")
    }

    // MARK: - Mistakes on the command line, and the help

    var usageErrorPrefix: String { t("命令行有误：", "Usage error: ") }
    func usageLine(_ usage: String) -> String { t("用法：", "Usage: ") + usage }
    func seeHelp(_ command: String) -> String { t("用 \(command) --help 查看详细说明。", "See \(command) --help.") }

    func mistake(_ kind: CommandLineMistake.Kind) -> String {
        switch kind {
        case .missing(let what):
            return t("缺少 \(what)", "\(what) is missing")
        case .missingValue(let option):
            return t("\(option) 后面缺少值", "\(option) needs a value")
        case .unknownOption(let option, let suggestion?):
            return t("不认识的选项 \(option)；是不是 \(suggestion)？", "unknown option \(option); did you mean \(suggestion)?")
        case .unknownOption(let option, nil):
            return t("不认识的选项 \(option)", "unknown option \(option)")
        case .badValue(let value, let option, let help):
            return t("“\(value)”不是 \(option) 能用的值（\(help)）", "'\(value)' is not a value \(option) takes (\(help))")
        case .unexpectedValue(let option, let value):
            return t("\(option) 后面不带值（给了“\(value)”）", "\(option) takes no value ('\(value)' was given)")
        case .extraArguments(let words):
            return t("多余的参数：" + words.map { "“\($0)”" }.joined(separator: "、"),
                     "unexpected " + (words.count == 1 ? "argument " : "arguments ") + words.map { "'\($0)'" }.joined(separator: ", "))
        case .unknownSubcommand(let word, let names):
            return t("“\(word)”不是子命令，也没有叫这个名字的模板文件；子命令有 " + names.joined(separator: "、"),
                     "'\(word)' is neither a subcommand nor a template file; the subcommands are " + names.joined(separator: ", "))
        case .exclusive(let first, let second):
            return t("\(first) 和 \(second) 只能给一个", "give \(first) or \(second), not both")
        case .other(let message):
            return message
        }
    }

    /// The argument parser's help, its headings and its own options' words in the user's language.
    func help(_ text: String) -> String {
        guard language == .chinese else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each heading and each of the parser's phrases, with the columns after it kept in place.
        let phrases: [(String, String)] = [
            ("OVERVIEW: ", "简介："), ("USAGE: ", "用法： "), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
            ("SUBCOMMANDS:", "子命令："), ("Show the version.", "显示版本号。"), ("Show help information.", "显示这份说明。"),
            (" (default)", "（默认）  "),
            ("See 'tiankong help <subcommand>' for detailed help.", "用 tiankong help <子命令> 查看子命令的详细说明。"),
        ]
        for k in lines.indices {
            for (english, chinese) in phrases { lines[k] = lines[k].replacing(english, with: chinese) }
            // "(default: text)" after an option's help.
            if let range = lines[k].firstRange(of: " (default: "), lines[k].hasSuffix(")") {
                let value = lines[k][range.upperBound...].dropLast()
                lines[k] = lines[k][..<range.lowerBound] + "（默认：\(value)）"
            }
        }
        return lines.joined(separator: "\n")
    }
}
