import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// `tiankong check`: the blanks still left in a finished report, and what a proof-reader would mark.
struct CheckCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    // Stored, not computed: the parser asks for it a dozen times while reading the command line.
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: CommandText().t("检查写好的报告：没填的空、标点、括号引号、标题序号、重复的词、日期；有问题则退出码为 1",
                                  "Check a finished report: blanks left, punctuation, brackets and quotes, heading numbers, repeated words, dates; exit 1 if any"))

    @Argument(help: ArgumentHelp(CommandText().t("写好的报告（文本文件）", "The finished report (a text file)"), valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp(CommandText().t("输出格式：text 或 json", "Output format: text or json")))
    var format: Format = .text

    @Flag(help: ArgumentHelp(CommandText().t("写出改正后的副本：只改标点、全角数字等不改变意思的地方，其余列出留给人工",
                                             "Write a corrected copy: only fixes that change no meaning (punctuation, full-width digits); the rest are listed for a person")))
    var fix = false

    @Option(name: .shortAndLong, help: ArgumentHelp(CommandText().t("改正后的副本写到哪里（默认“报告-已改正.txt”）", "Where the corrected copy goes (default: FILE-corrected.txt)"), valueName: "OUT"))
    var output: String?

    @Flag(help: ArgumentHelp(CommandText().t("覆盖已存在的文件（包括报告本身）", "Overwrite an existing file (the report itself included)")))
    var force = false

    @Option(help: ArgumentHelp(CommandText().t("报告的年份：其他年份会被列出核对", "The report's year: other years are listed to check"), valueName: "YEAR"))
    var year: String?

    func validate() throws {
        let say = CommandText()
        if output != nil && !fix { throw ValidationError(say.fixNeedsAnOutput()) }
        if let year, Int(year).map({ (1949...2100).contains($0) }) != true { throw ValidationError(say.notAYear(year)) }
    }

    func run() throws {
        let say = CommandText()
        let messages = Messages()
        let check: ReportCheck
        let wordText = try CheckCommand.wordText(file, fix: fix)
        do throws(TemplateError) {
            let bytes = if let wordText { wordText } else { try InputFile.read(file) }
            check = try ReportCheck(bytes: bytes, source: file, reportYear: year.flatMap { Int($0) })
        } catch {
            throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
        }
        var written: String?
        var applied: [Finding] = []
        var left = check.all
        if fix {
            let destination = output ?? say.correctedName(file)
            let corrected = check.corrected()
            do {
                try AtomicFile.write(corrected.bytes, to: destination, overwrite: force)
            } catch {
                throw CommandFailure(message: messages.text(for: error), status: error.exitStatus)
            }
            written = destination
            (applied, left) = (corrected.applied, corrected.left)
        }
        if format == .json {
            print(CheckListing.json(file: file, check: check, written: written, applied: applied, left: left, messages: messages))
        } else {
            // Written out a megabyte at a time: a long report has hundreds of thousands of lines to list.
            var failure: OutputError?
            let emit = { (chunk: UnsafeRawBufferPointer) in
                guard failure == nil, chunk.count > 0 else { return }
                do throws(OutputError) { try AtomicFile.write(chunk, toDescriptor: 1, name: CommandText.standardOutput) } catch { failure = error }
            }
            var out = ListingWriter(emit: emit)
            writeText(check, applied: applied, left: left, say: say, messages: messages, to: &out, emit: emit)
            out.drain()
            if let failure { throw CommandFailure(message: messages.text(for: failure), status: failure.exitStatus) }
            if let written { CommandText.printError(say.written(FillCommand.absolute(written))) }
        }
        if !left.isEmpty { throw ExitCode(ExitStatus.notDone.rawValue) }
    }

    private func writeText(_ check: ReportCheck, applied: [Finding], left: [Finding], say: CommandText, messages: Messages,
                           to out: inout ListingWriter, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        if check.blanks.isEmpty && check.findings.isEmpty {
            out.line(say.nothingToCorrect(file))
            return
        }
        if !check.blanks.isEmpty {
            out.line(say.blanksLeft(check.blanks.count))
            for blank in check.blanks { out.line("  \(blank.line):\(blank.column)  \(blank.context)") }
        }
        if fix {
            if !applied.isEmpty {
                out.line(say.fixesApplied(applied.count))
                for finding in applied { out.line(say.findingLine(finding, messages: messages)) }
            }
            let notBlanks = left.filter { $0.rule != .blankLeft }
            if !notBlanks.isEmpty {
                out.line(say.leftForAPerson(notBlanks.count))
                for finding in notBlanks { out.line(say.findingLine(finding, messages: messages)) }
            }
        } else if !check.findings.isEmpty {
            out.line(say.findingsFound(file, check.findings.count, fixable: check.findings.filter(\.isAppliedAutomatically).count))
            out.drain()
            // Made on two cores for a long report: hundreds of thousands of lines.
            let findings = check.findings
            ListingWriter.lines(findings.count, parallel: Parallel.pays(forBytes: check.decoded.utf8.count), emit: emit) { range, out in
                for k in range {
                    CommandText.writeFinding(findings[k], messages: messages, to: &out)
                    out.byte(0x0A)
                }
            }
        }
    }
}

/// `check --format json`.
enum CheckListing {
    static func json(file: String, check: ReportCheck, written: String?, applied: [Finding], left: [Finding], messages: Messages) -> String {
        var out: [UInt8] = []
        func key(_ name: String) { JSONText.appendQuoted(name, to: &out); out.append(0x3A) }
        func string(_ s: String?) { if let s { JSONText.appendQuoted(s, to: &out) } else { out += "null".utf8 } }
        func list(_ findings: [Finding]) {
            out.append(0x5B)
            for (n, finding) in findings.enumerated() {
                if n > 0 { out += ",\n    ".utf8 }
                out += "{".utf8
                key("rule"); string(finding.rule.rawValue); out.append(0x2C)
                key("line"); out += "\(finding.line)".utf8; out.append(0x2C)
                key("column"); out += "\(finding.column)".utf8; out.append(0x2C)
                key("found"); string(finding.found); out.append(0x2C)
                key("fix"); string(finding.fix); out.append(0x2C)
                key("safe"); out += (finding.isAppliedAutomatically ? "true" : "false").utf8; out.append(0x2C)
                key("excerpt"); string(finding.excerpt); out.append(0x2C)
                key("message"); string(messages.text(for: finding))
                out += "}".utf8
            }
            out.append(0x5D)
        }
        out += "{\n  ".utf8
        key("file"); string(file); out += ",\n  ".utf8
        let structure = check.structure
        key("title"); string(structure.title); out += ",\n  ".utf8
        key("headings"); out.append(0x5B)
        for (n, heading) in structure.headings.enumerated() {
            if n > 0 { out += ",\n    ".utf8 }
            out += "{".utf8
            key("level"); out += "\(heading.mark?.level ?? 0)".utf8; out.append(0x2C)
            key("text"); string(heading.text)
            out += "}".utf8
        }
        out.append(0x5D); out += ",\n  ".utf8
        key("findings"); list(check.all); out += ",\n  ".utf8
        if let written {
            key("output"); string(written); out += ",\n  ".utf8
            key("applied"); list(applied); out += ",\n  ".utf8
            key("left"); list(left); out += ",\n  ".utf8
        }
        key("clean"); out += (left.isEmpty ? "true" : "false").utf8
        out += "\n}".utf8
        return String(decoding: out, as: UTF8.self)
    }
}
