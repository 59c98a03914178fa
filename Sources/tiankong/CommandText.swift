import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// The command line's own words, Chinese or English, in one place.
struct CommandText {
    let language = CommandText.environmentLanguage

    /// Read once: every help text of every option makes a CommandText while the command line is
    /// parsed, and reading the environment each time cost milliseconds before the wizard's first frame.
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
}
