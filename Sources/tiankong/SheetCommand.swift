import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongSheets

/// `tiankong sheet`: the data-entry sheet for a template, one column per field, to be filled by many
/// units and given back to `fill --data`.
struct SheetCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable, NamedInHelp { case csv }

    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: CommandText().t("写出模板的填报表（每个字段一列），各单位填好后用 fill --data 生成报告",
                                  "Write the template's data-entry sheet (a column per field), to fill and give to fill --data"))

    @OptionGroup var template: TemplateOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandText().t("输出文件，如 填报表.csv", "Output file, such as sheet.csv"), valueName: "OUT"))
    var output: String

    @Option(help: ArgumentHelp(CommandText().t("格式：csv（默认看文件扩展名）", "Format: csv (default: from the extension)")))
    var format: Format?

    @Flag(help: ArgumentHelp(CommandText().t("覆盖已存在的输出文件", "Overwrite an existing output file")))
    var force = false

    func run() throws {
        let say = CommandText()
        let messages = Messages()
        let (template, _) = try self.template.loadWithWord()
        guard format != nil || output.lowercased().hasSuffix(".csv") else {
            throw CommandFailure(message: say.t("不知道 \(output) 要写成什么格式；请用 .csv 结尾，或加 --format csv",
                                                "Cannot tell which format \(output) should be; end it in .csv, or add --format csv"), exitCode: 64)
        }
        let bytes = CSVSheet.bytes(SheetLayout(template: template, messages: messages))
        do {
            try AtomicFile.write(bytes, to: output, overwrite: force)
        } catch {
            throw CommandFailure(message: messages.text(for: error), exitCode: error.exitCode)
        }
        CommandText.printError(say.written(FillCommand.absolute(output)))
    }
}
