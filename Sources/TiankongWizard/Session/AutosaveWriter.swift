import TiankongEngine

/// What the autosave holds: the answers, and the fixes taken for the template's own words.
struct AutosaveContents: Sendable, Equatable {
    var answers: [String: String] = [:]
    var corrections = TemplateCorrections()
}

/// Writes the autosave on the worker's thread, so that a keystroke's echo never waits for the disk.
///
/// The newest answers are written as soon as the save before them is done; answers that were
/// waiting behind them are skipped. `finish()` waits until the newest answers are on disk: the
/// session calls it before it exits, suspends or writes the report.
final class AutosaveWriter: Sendable {
    private let worker: NewestWorker<AutosaveContents, OutputError?>

    /// - Parameter templateText: the template's text, which the corrections are made in.
    init(store: AnswerStore, templateText: [UInt8] = []) {
        worker = NewestWorker { contents in
            do throws(OutputError) {
                try store.save(contents.answers, corrections: contents.corrections, templateText: templateText)
            } catch { return error }
            return nil
        }
    }

    /// Hands over answers to be written; returns at once.
    func submit(_ contents: AutosaveContents) { worker.submit(contents) }

    /// Hands over answers, with no fixes of the template's words, to be written.
    func submit(_ answers: [String: String]) { submit(AutosaveContents(answers: answers)) }

    /// Waits until every answer handed over is written (or failed).
    func finish() { worker.finish() }

    /// The failure of a save since the last call, if any.
    func takeFailure() -> OutputError? {
        worker.take().compactMap { $0 }.last
    }
}
