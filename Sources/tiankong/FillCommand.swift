import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// `tiankong fill`: check every answer of an answers file and write the finished report.
struct FillCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable, NamedInHelp { case txt, docx }
    enum OutputEncoding: String, ExpressibleByArgument, CaseIterable, NamedInHelp {
        case utf8 = "utf-8"
        case gb18030

        var textEncoding: TextEncoding { self == .utf8 ? .utf8 : .gb18030 }
    }

    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: CommandText().t("用答案文件填好模板，写出报告（.txt 或 .docx）", "Fill the template from an answers file and write the report (.txt or .docx)"))

    @OptionGroup var template: TemplateOptions

    @Option(name: .long, help: ArgumentHelp(CommandText().t("答案文件（JSON：{\"f1\": \"…\"}）", "The answers file (JSON: {\"f1\": \"…\"})"), valueName: "FILE"))
    var answers: String?

    @OptionGroup var batch: BatchOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandText().t("输出文件；- 表示标准输出；默认是“标题.txt”", "Output file; - for standard output; default: the title plus .txt"), valueName: "OUT"))
    var output: String?

    @Option(help: ArgumentHelp(CommandText().t("输出格式：txt 或 docx（默认看文件扩展名）", "Output format: txt or docx (default: from the extension)")))
    var format: Format?

    @Option(help: ArgumentHelp(CommandText().t("文本输出的编码：utf-8 或 gb18030（默认与模板相同）", "Encoding of text output: utf-8 or gb18030 (default: the template's)")))
    var encoding: OutputEncoding?

    @Flag(help: ArgumentHelp(CommandText().t("允许有没回答的字段，那些空保持原样", "Allow unanswered fields; their blanks stay as they were")))
    var partial = false

    @Flag(help: ArgumentHelp(CommandText().t("覆盖已存在的输出文件", "Overwrite an existing output file")))
    var force = false

    @Flag(help: ArgumentHelp(CommandText().t("写出前改正标点、全角数字等不改变意思的地方，其余列出留给人工",
                                             "Correct what changes no meaning (punctuation, full-width digits) before writing; list the rest for a person")))
    var fix = false

    func run() throws {
        let say = CommandText()
        let messages = Messages()
        guard let answers = try batch.answersOrRun(answers, fill: self) else { return }
        let (template, word) = try self.template.loadWithWord()
        let answerSet = try readAnswers(answers, messages: messages, say: say)
        if let digest = answerSet.templateDigest, digest != template.digest {
            CommandText.printError(say.digestMismatch(answers))
        }

        let review = AnswerReview(answers: answerSet.answers, template: template, partial: partial)
        if !review.isValid {
            var lines = [say.invalidAnswers(review.problems.count)]
            for entry in review.problems {
                let field = template.field(entry.fieldID)
                lines.append(say.answerProblem(entry.fieldID, field?.label, messages.text(for: entry.problem, field: field)))
            }
            if review.problems.contains(where: { $0.problem == .missing }) { lines.append(say.partialHint) }
            throw CommandFailure(message: lines.joined(separator: "\n"), status: .data)
        }
        for entry in review.warnings {
            let label = template.field(entry.fieldID)?.label ?? ""
            CommandText.printError(say.warningLine(entry.fieldID, label, messages.text(for: entry.warning)))
        }

        let title = Report.title(template: template, answers: review.values)
        let destination = output ?? Report.fileStem(title: title) + "." + (format ?? (word == nil ? .txt : .docx)).rawValue
        let chosenFormat: Format
        if let format {
            chosenFormat = format
        } else if destination == "-" || destination.lowercased().hasSuffix(".txt") {
            chosenFormat = .txt
        } else if destination.lowercased().hasSuffix(".docx") {
            chosenFormat = .docx
        } else {
            throw CommandFailure(message: say.unknownFormat(destination), status: .usage)
        }

        if chosenFormat == .docx && destination == "-" { throw CommandFailure(message: say.docxToStdout(), status: .usage) }
        if chosenFormat == .docx, let word {
            if fix { CommandText.printError(say.fixNotInWordTemplates()) }
            // The template's own package, written into the file as it is made (a Word template may be large).
            try WordOutput.write(word, values: review.values, to: destination, overwrite: force)
            CommandText.printError(say.written(FillCommand.absolute(destination)))
            return
        }
        var text = Report.utf8(template: template, answers: review.values)
        if fix { text = FillCommand.proofread(text, template: template, values: review.values, say: say, messages: messages) }
        let bytes: [UInt8]
        switch chosenFormat {
        case .txt:
            bytes = Report.encoded(text, template: template, encoding: encoding?.textEncoding)
        case .docx:
            bytes = try WordOutput.bytes(text: String(decoding: text, as: UTF8.self), template: template, values: review.values)
        }

        if destination == "-" {
            do {
                try AtomicFile.write(bytes, toDescriptor: 1, name: CommandText.standardOutput)
            } catch {
                throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
            }
            return
        }
        do {
            try AtomicFile.write(bytes, to: destination, overwrite: force)
        } catch {
            throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
        }
        CommandText.printError(say.written(FillCommand.absolute(destination)))
    }

    private func readAnswers(_ answers: String, messages: Messages, say: CommandText) throws -> AnswerSet {
        let bytes: [UInt8]
        do throws(TemplateError) {
            bytes = try InputFile.read(answers, limit: 64 << 20)
        } catch {
            throw CommandFailure(message: say.cannotReadAnswers(answers, messages.readProblem(error)), status: .input)
        }
        do {
            return try AnswerSet.decode(bytes)
        } catch {
            throw CommandFailure(message: messages.text(for: error, path: answers), status: .data)
        }
    }

    /// The report with its safe fixes applied; what is left for a person goes to standard error.
    /// The report with proof-reading's safe fixes made; what was fixed and what is left, told on standard
    /// error. In a batch the notes name their `row`, and come in one piece so that writers at once do
    /// not mix their lines.
    static func proofread(_ text: [UInt8], template: Template, values: [String: String], say: CommandText, messages: Messages,
                          row: Int? = nil) -> [UInt8] {
        let findings = Proofreader(reportYear: Proofreader.reportYear(template: template, values: values)).findings(in: text)
        let (fixed, applied) = Proofreader.applyingSafeFixes(findings, to: text)
        let left = findings.filter { finding in !applied.contains { $0.byteRange == finding.byteRange } }
        var notes: [String] = []
        if !applied.isEmpty { notes.append(say.correctedCount(applied.count)) }
        if !left.isEmpty {
            notes.append(say.leftForAPerson(left.count))
            notes += left.map { say.findingLine($0, messages: messages) }
        }
        if let row, !notes.isEmpty { notes[0] = say.t("第 \(row) 行：", "Row \(row): ") + notes[0] }
        if !notes.isEmpty { CommandText.printError(notes.joined(separator: "\n")) }
        return fixed
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
