import ArgumentParser
import TiankongEngine

/// `tiankong [TEMPLATE]`: the full-screen wizard (a plain line-by-line mode without a terminal).
struct WizardCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "wizard",
            abstract: CommandText().t("逐个填写模板里的空（默认命令）", "Walk through the template's blanks and fill them (the default)"))
    }

    @OptionGroup var template: TemplateOptions

    @Flag(help: ArgumentHelp(CommandText().t("逐行问答，不用全屏界面（适合读屏软件和管道）", "Line-by-line questions instead of the full screen (for screen readers and pipes)")))
    var plain = false

    func run() throws {
        _ = try template.load()
        throw CommandFailure(message: CommandText().t("向导尚未接入", "The wizard is not wired yet"), exitCode: 70)
    }
}
