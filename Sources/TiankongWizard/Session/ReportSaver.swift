import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine
import TiankongWriters

/// Writes the finished report under a typed name: the Word file and the text beside it (see
/// `ReportFiles`), each atomically, neither over an existing file unless asked to.
struct ReportSaver {
    let template: Template
    let messages: Messages
    /// Where a relative name is saved.
    let workingDirectory: String
    /// A Word template's own package filled in place; nil for the GB/T 9704 layout.
    var wordFile: WordFileMaker? = nil

    /// The full path a typed name stands for ("~/" is the home folder).
    func fullPath(_ name: String) -> String {
        let expanded = name.hasPrefix("~/") ? Environment.homeDirectory + name.dropFirst(1) : name
        let full = expanded.hasPrefix("/") ? expanded : workingDirectory + "/" + expanded
        return ReportSaver.standardized(full)
    }

    /// An absolute path without "." and ".." parts, doubled or trailing slashes.
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Writes the report with checked `values` (see `AnswerReview`) and the fixes taken for the
    /// template's words (none in a Word template, whose package is filled as it is).
    func save(name: String, values: [String: String], corrections: TemplateCorrections = TemplateCorrections(),
              overwrite: Bool) -> SaveOutcome {
        let text = Report.utf8(template: template, answers: values, corrections: corrections)
        let files = ReportFiles(name: name)
        if !overwrite {
            // Ask once for every file that is there, before writing any of them.
            let existing = files.all.filter { FileManager.default.fileExists(atPath: fullPath($0)) }
            if !existing.isEmpty { return .exists(path: name, existing: existing) }
        }
        var contents: [(name: String, bytes: [UInt8])] = []
        if let word = files.word {
            do {
                if let wordFile {
                    contents.append((word, try wordFile(values)))
                } else {
                    let report = WordReport(text: String(decoding: text, as: UTF8.self),
                                            author: WordReport.organisation(template: template, values: values))
                    contents.append((word, try DocxWriter.bytes(for: report)))
                }
            } catch {
                return .failed(message: String(describing: error))
            }
        }
        contents.append((files.text, Report.encoded(text, template: template)))
        var written: [String] = []
        for (file, bytes) in contents {
            let full = fullPath(file)
            do {
                try AtomicFile.write(bytes, to: full, overwrite: overwrite)
                written.append(full)
            } catch .exists {
                return .exists(path: name, existing: [file])
            } catch {
                return .failed(message: messages.text(for: error), status: error.exitStatus)
            }
        }
        return .saved(fullPaths: written)
    }
}
