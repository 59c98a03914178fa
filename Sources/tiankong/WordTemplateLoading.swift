import TiankongEngine
import TiankongWord
import TiankongWriters

/// Word templates (.docx, .docm, .dotx) on the command line: read with their document beside the
/// template, so the report can be their own package filled in place.
extension TemplateOptions {
    /// The template named on the command line (the bundled one when none), and its Word document when it is one.
    func loadWithWord() throws -> (Template, WordTemplate?) {
        let options = Template.Options(keepBoilerplate: keepBoilerplate, useSchema: !noSchema)
        if let path = template, WordTemplate.isWordFile(path: path) {
            let word = try Self.loadWord(path, options: options)
            return (word.template, word)
        }
        return (try load(), nil)
    }

    /// Reads the Word template at `path`; a mistake in it is a `CommandFailure` with its exit code.
    static func loadWord(_ path: String, options: Template.Options) throws -> WordTemplate {
        do {
            return try WordTemplate.load(path: path, options: options)
        } catch let error as WordFileError {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        } catch let error as TemplateError {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        }
    }
}

extension WordOutput {
    /// A Word template's own package with the answers in place, written into the file at `path` as it
    /// is made, atomically (see `AtomicFile.write(to:overwrite:durable:produce:)`).
    static func write(_ word: WordTemplate, values: [String: String], to path: String, overwrite: Bool, durable: Bool = true) throws {
        do throws(DocxWriterError) {
            try AtomicFile.write(to: path, overwrite: overwrite, durable: durable) { (descriptor) throws(DocxWriterError) in
                try word.write(values: values, toDescriptor: descriptor, name: path)
            }
        } catch .output(let failure) {
            throw CommandFailure(message: Messages().text(for: failure), status: failure.exitStatus)
        } catch {
            let say = CommandText()
            throw CommandFailure(message: say.t("无法生成 Word 文件：\(error)", "Cannot make the Word file: \(error)"), status: .io)
        }
    }
}

extension FieldsListing {
    /// For a Word template: where each blank and each removed advert line is in the document.
    static func places(_ word: WordTemplate, say: CommandText, emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        let messages = Messages()
        var lines = [say.t("\n在 Word 文档中的位置：", "\nWhere they are in the Word document:")]
        for removed in word.template.removedLines {
            lines.append(say.t("  广告行（第 \(removed.line) 行）：", "  advert line (line \(removed.line)): ")
                         + messages.text(for: word.place(ofLine: removed.line - 1)))
        }
        for blank in word.template.blanks {
            lines.append(say.t("  空 \(blank.index)（\(blank.marker)）：", "  blank \(blank.index) (\(blank.marker)): ")
                         + messages.text(for: word.place(of: blank)))
        }
        var text = Array((lines.joined(separator: "\n") + "\n").utf8)
        text.withUnsafeMutableBytes { emit(UnsafeRawBufferPointer($0)) }
    }
}

extension CheckCommand {
    /// A Word report's visible text, to proof-read as a text report is; nil when `path` is not a Word
    /// file. `--fix` writes a corrected copy of a text file only.
    static func wordText(_ path: String, fix: Bool) throws -> [UInt8]? {
        guard WordTemplate.isWordFile(path: path) else { return nil }
        let say = CommandText()
        if fix {
            throw CommandFailure(message: say.t("--fix 只改文本文件；Word 文件请按列出的问题在 Word 里修改",
                                                "--fix corrects text files only; correct a Word file in Word from the list"), status: .usage)
        }
        do {
            return try WordTemplate.visibleText(path: path)
        } catch let error as WordFileError {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        } catch let error as TemplateError {
            throw CommandFailure(message: Messages().text(for: error), status: error.exitStatus)
        }
    }
}

extension FieldsListing {
    /// Where a Word template's blanks and lines are, for the JSON listing.
    static func places(_ word: WordTemplate) -> Places {
        let blanks = word.template.blanks
        return Places(blank: { word.place(of: blanks[$0]) }, line: { word.place(ofLine: $0) })
    }
}
