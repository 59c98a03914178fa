import Foundation
import TiankongEngine

/// The line-by-line wizard on stdin and stdout: the same questions and checks, for screen readers,
/// pipes and terminals ncurses cannot drive.
struct PlainSession {
    let template: Template
    let store: AnswerStore
    let text: WizardText
    let messages: Messages
    let workingDirectory: String

    init(template: Template, language: Language, store: AnswerStore,
         workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.template = template
        self.store = store
        text = WizardText(language: language)
        messages = Messages(language: language)
        self.workingDirectory = workingDirectory
    }

    func run() -> Int32 {
        let fields = template.fields
        var answers: [String: String] = [:]
        write(text.plainIntro(template.title, fields.count) + "\n")

        let earlier = store.load().filter { !$0.value.isEmpty }
        if !earlier.isEmpty {
            write(text.resumeDetail(earlier.count) + "\n" + text.plainResume)
            guard let reply = readLine() else { return endOfInput(answers) }
            if reply.lowercased().hasPrefix("n") { store.backUp() } else { answers = earlier }
        }

        for (k, field) in fields.enumerated() {
            let suggestion = previousAnswer(k, answers)
            while true {
                write(text.plainAsk(k + 1, fields.count, field.label, messages.expectation(for: field)) + "\n")
                if let index = field.blankIndexes.first, let blank = template.blanks.first(where: { $0.index == index }) {
                    write(text.plainContext(blank.context) + "\n")
                }
                if let current = answers[field.id] {
                    write(text.plainCurrent(current) + "\n")
                } else if let suggestion {
                    write(text.plainDefault(suggestion) + "\n")
                }
                write(text.plainAnswerPrompt)
                guard var line = readLine() else { return endOfInput(answers) }
                line = String(LineEditor.printable(line))
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    if answers[field.id] != nil { break }
                    guard let suggestion else {
                        write(text.plainSkipped + "\n")
                        break
                    }
                    line = suggestion
                }
                var trial = answers
                trial[field.id] = line
                let verdict = Validation.check(line, for: field, answers: trial)
                if let failure = verdict.failure {
                    write(text.errorPrefix(messages.text(for: failure, field: field)) + "\n")
                    continue
                }
                answers[field.id] = line
                try? store.save(answers)
                for warning in verdict.warnings { write(text.warningPrefix(messages.text(for: warning)) + "\n") }
                break
            }
        }
        return save(answers)
    }

    /// An earlier valid answer to a text field with the same marker.
    private func previousAnswer(_ index: Int, _ answers: [String: String]) -> String? {
        let fields = template.fields
        guard fields[index].kind == .text else { return nil }
        for k in stride(from: index - 1, through: 0, by: -1) where fields[k].kind == .text && fields[k].marker == fields[index].marker {
            if let raw = answers[fields[k].id], let value = Validation.check(raw, for: fields[k], answers: answers).value {
                return value
            }
        }
        return nil
    }

    private func save(_ answers: [String: String]) -> Int32 {
        var values: [String: String] = [:]
        for field in template.fields {
            if let raw = answers[field.id], let value = Validation.check(raw, for: field, answers: answers).value {
                values[field.id] = value
            }
        }
        let left = template.fields.count - values.count
        let name = WizardState.defaultFileName(template)
        write(text.plainSaveAs(name))
        guard let reply = readLine() else { return endOfInput(answers) }
        var path = reply.trimmingCharacters(in: .whitespaces)
        if path.isEmpty { path = name }
        if left > 0 {
            write(text.plainBlanksLeft(left))
            guard let yes = readLine(), yes.lowercased().hasPrefix("y") else {
                write(text.plainNotSaved + "\n")
                return 1
            }
        }
        let full = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let bytes = Report.bytes(template: template, answers: values)
        var overwrite = false
        while true {
            do {
                try AtomicFile.write(bytes, to: full, overwrite: overwrite)
                write(text.saved((full as NSString).standardizingPath) + "\n")
                return 0
            } catch .exists {
                write(text.plainOverwrite(full))
                guard let yes = readLine(), yes.lowercased().hasPrefix("y") else {
                    write(text.plainNotSaved + "\n")
                    return 1
                }
                overwrite = true
            } catch {
                write(text.saveFailed(messages.text(for: error)) + "\n")
                return error.exitCode
            }
        }
    }

    private func endOfInput(_ answers: [String: String]) -> Int32 {
        if !answers.isEmpty { try? store.save(answers) }
        write("\n" + text.plainEndOfInput + "\n")
        return 1
    }

    private func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}
