import ArgumentParser
import TiankongEngine
import TiankongWizard
import TiankongWord

/// `tiankong [TEMPLATE]`: the full-screen wizard (a plain line-by-line mode without a terminal).
struct WizardCommand: ParsableCommand {
    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: CommandText().t("逐个填写模板里的空（默认命令）", "Walk through the template's blanks and fill them (the default)"))

    @OptionGroup var template: TemplateOptions

    @Flag(help: ArgumentHelp(CommandText().t("逐行问答，不用全屏界面（适合读屏软件和管道）", "Line-by-line questions instead of the full screen (for screen readers and pipes)")))
    var plain = false

    /// What to do with the answers saved last time, instead of asking.
    enum Earlier: String, EnumerableFlag {
        case resume, fresh

        static func help(for value: Earlier) -> ArgumentHelp? {
            switch value {
            case .resume: ArgumentHelp(CommandText().t("接着上次保存的答案填写，不再询问", "Go on from the answers saved last time without asking"))
            case .fresh: ArgumentHelp(CommandText().t("从头填写，不再询问（上次的答案另存备份）；答案从管道输入时默认如此",
                                                      "Start afresh without asking (the earlier answers are kept as a backup); the default when answers are piped in"))
            }
        }
    }

    @Flag var earlier: Earlier?

    func run() throws {
        try Self.open(template.template, plain: plain,
                      options: Template.Options(keepBoilerplate: template.keepBoilerplate, useSchema: !template.noSchema),
                      earlier: earlier.map { $0 == .resume ? .resume : .startAfresh })
    }

    /// Opens the wizard on the template at `path` (the bundled one when nil).
    static func open(_ path: String?, plain: Bool, options: Template.Options, earlier: EarlierAnswers? = nil) throws {
        // The template is read, and any mistake in it reported, before the screen is taken over.
        var options = options
        options.digestAlongside = true  // the autosave's name, worked out while the template is analysed
        // A Word template's report is its own package filled in place.
        var wordFile: WordFileMaker?
        let loaded: Template
        if let path, WordTemplate.isWordFile(path: path) {
            let word = try TemplateOptions.loadWord(path, options: options)
            loaded = word.template
            wordFile = { try word.filled(values: $0) }
        } else {
            loaded = try TemplateOptions.load(path, options: options)
        }
        let code = Wizard.run(template: loaded, options: WizardOptions(plain: plain, earlierAnswers: earlier, wordFile: wordFile))
        if code != .ok { throw ExitCode(code.rawValue) }
    }

    /// The commonest start, `tiankong` or `tiankong TEMPLATE` (no option, no subcommand), is recognised
    /// without the argument parser, whose reflection over every command's options would otherwise come
    /// before the wizard's first frame. Nil when the command line needs the parser.
    static func directStart(_ arguments: [String]) -> DirectStart? {
        switch arguments.count {
        case 1: return .bundledTemplate
        case 2:
            let argument = arguments[1]
            let subcommands = Tiankong.configuration.subcommands.map { $0.configuration.commandName }
            if argument.hasPrefix("-") || subcommands.contains(argument) || argument == "help" { return nil }
            return .template(path: argument)
        default: return nil
        }
    }

    /// The wizard started straight away, on the bundled template or the one named.
    enum DirectStart: Equatable {
        case bundledTemplate
        case template(path: String)

        var path: String? {
            if case .template(let path) = self { path } else { nil }
        }
    }
}
