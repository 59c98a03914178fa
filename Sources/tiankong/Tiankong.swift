import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongWord

/// `tiankong`: fill a report template's blanks and write the finished report.
struct Tiankong: ParsableCommand {
    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration: CommandConfiguration = {
        let say = CommandText()
        return CommandConfiguration(
            commandName: "tiankong",
            abstract: say.t("填空：找出报告模板里的每一个空（XXX、X次、X月），逐个填写，生成可以上交的报告。",
                            "Fill every blank (XXX, X次, X月) of a Chinese report template and write the finished report."),
            discussion: say.t("不带子命令时打开填写向导；不给模板时使用自带的模板“2020年党建工作总结（党组）”。",
                              "Without a subcommand, the fill-in wizard opens; without a template, the bundled one is used."),
            version: "0.1.0",
            subcommands: [WizardCommand.self, FieldsCommand.self, FillCommand.self, SheetCommand.self, CheckCommand.self, SchemaCommand.self],
            defaultSubcommand: WizardCommand.self
        )
    }()
}

/// A failure the user can act on: one message, one exit status.
struct CommandFailure: Error {
    var message: String
    var status: ExitStatus
}

/// Options every command that reads a template shares.
struct TemplateOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(CommandText().t("模板文件（UTF-8、GB18030 或带 BOM 的 UTF-16 文本）；省略则用自带模板",
                                                 "The template (UTF-8, GB18030 or UTF-16 text with a BOM); the bundled one when left out"),
                                 valueName: "TEMPLATE"))
    var template: String?

    @Flag(name: .customLong("keep-boilerplate"),
          help: ArgumentHelp(CommandText().t("保留模板里的广告行，不删除", "Keep reseller advertising lines instead of removing them")))
    var keepBoilerplate = false

    @Flag(name: .customLong("no-schema"),
          help: ArgumentHelp(CommandText().t("不用模板旁的说明文件（模板.tiankong.yaml），只按推断提问", "Ignore the schema beside the template (TEMPLATE.tiankong.yaml); ask what inference finds")))
    var noSchema = false

    /// Loads the template named on the command line, or the bundled one.
    func load() throws -> Template {
        try Self.load(template, options: Template.Options(keepBoilerplate: keepBoilerplate, useSchema: !noSchema))
    }

    /// Loads the template at `path`, or the bundled one; a mistake in it is a `CommandFailure`.
    static func load(_ path: String?, options: Template.Options) throws -> Template {
        if let path, WordTemplate.isWordFile(path: path) { return try loadWord(path, options: options).template }
        do throws(TemplateError) {
            if let path { return try Template.load(path: path, options: options) }
            return try Template.bundled(options: options)
        } catch {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        }
    }
}

@main
enum Main {
    static func main() {
        do {
            if let start = WizardCommand.directStart(CommandLine.arguments) {
                if let template = start.path, let word = CommandLineMistake.commandLikeWord([template]) {
                    CommandLineMistake.unknownSubcommand(word).exit()
                }
                try WizardCommand.open(start.path, plain: false, options: Template.Options())
                Glibc.exit(0)
            }
            // `tiankong help WORD` for no subcommand: the parser would show the general help as if asked for it.
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.count == 2, arguments.first == "help", let word = CommandLineMistake.commandLikeWord([arguments.last!]) {
                CommandLineMistake.unknownSubcommand(word).exit()
            }
            var command = try Tiankong.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            CommandText.printError(failure.message)
            Glibc.exit(failure.status.rawValue)
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            if Tiankong.exitCode(for: error) == .success {  // --help, help, --version
                print(CommandText().help(Tiankong.fullMessage(for: error)))
                Glibc.exit(0)
            }
            CommandLineMistake(error: error, arguments: Array(CommandLine.arguments.dropFirst())).exit()
        }
    }
}
