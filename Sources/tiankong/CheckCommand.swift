import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// `tiankong check`: the blanks still left in a finished report.
struct CheckCommand: ParsableCommand {
    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: CommandText().t("检查写好的报告里还有没有没填的空；有则退出码为 1", "List the blanks still left in a finished report; exit 1 if any"))

    @Argument(help: ArgumentHelp(CommandText().t("写好的报告（文本文件）", "The finished report (a text file)"), valueName: "FILE"))
    var file: String

    func run() throws {
        let say = CommandText()
        let report: Template
        do throws(TemplateError) {
            report = try Template.load(path: file, options: Template.Options(keepBoilerplate: true))
        } catch .noBlanks {
            print(say.noBlanksLeft(file))
            return
        } catch {
            throw CommandFailure(message: Messages().text(for: error), exitCode: error.exitCode)
        }
        print(say.blanksLeft(report.blanks.count))
        for blank in report.blanks {
            print("  \(blank.line):\(blank.column)  \(blank.context)")
        }
        throw ExitCode(1)
    }
}
