import ArgumentParser
import TiankongEngine
import TiankongWizard

/// `tiankong [TEMPLATE]`: the full-screen wizard (a plain line-by-line mode without a terminal).
struct WizardCommand: ParsableCommand {
    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: CommandText().t("逐个填写模板里的空（默认命令）", "Walk through the template's blanks and fill them (the default)"))

    @OptionGroup var template: TemplateOptions

    @Flag(help: ArgumentHelp(CommandText().t("逐行问答，不用全屏界面（适合读屏软件和管道）", "Line-by-line questions instead of the full screen (for screen readers and pipes)")))
    var plain = false

    func run() throws {
        // The template is read, and any mistake in it reported, before the screen is taken over.
        let loaded = try template.load()
        let code = Wizard.run(template: loaded, options: WizardOptions(plain: plain))
        if code != 0 { throw ExitCode(code) }
    }
}
