import ArgumentParser
import FoundationEssentials
import TiankongEngine
import TiankongSheets

/// `tiankong sheet`: the data-entry sheet for a template, one column per field, to be filled by many
/// units and given back to `fill --data`.
struct SheetCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable, NamedInHelp { case xlsx, csv }

    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: CommandText().t("写出模板的填报表（每个字段一列），各单位填好后用 fill --data 生成报告",
                                  "Write the template's data-entry sheet (a column per field), to fill and give to fill --data"))

    @OptionGroup var template: TemplateOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandText().t("输出文件，如 填报表.xlsx 或 填报表.csv", "Output file, such as sheet.xlsx or sheet.csv"), valueName: "OUT"))
    var output: String

    @Option(help: ArgumentHelp(CommandText().t("格式：xlsx 或 csv（默认看文件扩展名）", "Format: xlsx or csv (default: from the extension)")))
    var format: Format?

    @Flag(help: ArgumentHelp(CommandText().t("覆盖已存在的输出文件", "Overwrite an existing output file")))
    var force = false

    func run() throws {
        let say = CommandText()
        let messages = Messages()
        let (template, _) = try self.template.loadWithWord()
        let chosen = format ?? (output.lowercased().hasSuffix(".csv") ? .csv : output.lowercased().hasSuffix(".xlsx") ? .xlsx : nil)
        guard let chosen else {
            throw CommandFailure(message: say.t("不知道 \(output) 要写成什么格式；请用 .xlsx 或 .csv 结尾，或加 --format xlsx|csv",
                                                "Cannot tell which format \(output) should be; end it in .xlsx or .csv, or add --format xlsx|csv"), status: .usage)
        }
        let layout = SheetLayout(template: template, messages: messages)
        let bytes: [UInt8]
        switch chosen {
        case .csv:
            bytes = CSVSheet.bytes(layout)
        case .xlsx:
            do throws(WorkbookWriter.Failure) {
                bytes = try WorkbookWriter.bytes(layout, messages: messages)
            } catch .libraryMissing {
                throw CommandFailure(message: say.t("写 .xlsx 需要 libxlsxwriter（Debian/Ubuntu：apt install libxlsxwriter4）；也可以改写 CSV：-o 填报表.csv",
                                                    "Writing .xlsx needs libxlsxwriter (Debian/Ubuntu: apt install libxlsxwriter4); or write CSV: -o sheet.csv"), status: .cannotCreate)
            } catch {
                throw CommandFailure(message: say.t("无法生成 .xlsx 文件（libxlsxwriter：\(error)）", "Cannot make the .xlsx file (libxlsxwriter: \(error))"), status: .io)
            }
        }
        do {
            try AtomicFile.write(bytes, to: output, overwrite: force)
        } catch {
            throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
        }
        CommandText.printError(say.written(FillCommand.absolute(output)))
    }
}
