import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// `tiankong schema`: the inferred schema, commented, as a start for TEMPLATE.tiankong.yaml.
struct SchemaCommand: ParsableCommand {
    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: CommandText().t("输出推断出的模板说明（YAML，带注释），可另存为 模板.tiankong.yaml 后修改",
                                  "Print the inferred schema (commented YAML), to save as TEMPLATE.tiankong.yaml and edit"))

    @OptionGroup var template: TemplateOptions

    func run() throws {
        let template = try template.load()
        do {
            try AtomicFile.write(Array(SchemaWriter.yaml(for: template, language: Language.fromEnvironment()).utf8),
                                 toDescriptor: 1, name: CommandText.standardOutput)
        } catch {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        }
    }
}
