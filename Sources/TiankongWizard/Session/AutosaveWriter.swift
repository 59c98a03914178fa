import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// Writes the autosave on a thread of its own, so that a keystroke's echo never waits for the disk
/// (a save syncs the file and its folder, which a busy disk is slow to do).
///
/// The newest answers are written as soon as the save before them is done; answers that were
/// waiting behind them are skipped. `finish()` waits until the newest answers are on disk: the
/// session calls it before it exits, suspends or writes the report.
final class AutosaveWriter: @unchecked Sendable {
    private let store: AnswerStore
    private let condition = Condition()
    private var waiting: [String: String]?
    private var writing = false
    private var started = false
    /// A failure not yet taken by the session.
    private var failure: OutputError?

    init(store: AnswerStore) {
        self.store = store
    }

    /// Hands over answers to be written; returns at once.
    func submit(_ answers: [String: String]) {
        condition.lock()
        waiting = answers
        if !started {
            started = true
            Condition.detachThread { [self] in run() }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every answer handed over is written (or failed).
    func finish() {
        condition.lock()
        while waiting != nil || writing { condition.wait() }
        condition.unlock()
    }

    /// The failure of a save since the last call, if any.
    func takeFailure() -> OutputError? {
        condition.lock()
        defer { failure = nil; condition.unlock() }
        return failure
    }

    private func run() {
        condition.lock()
        while true {
            while waiting == nil { condition.wait() }
            let answers = waiting!
            waiting = nil
            writing = true
            condition.unlock()
            var failed: OutputError?
            do { try store.save(answers) } catch { failed = error }
            condition.lock()
            writing = false
            if let failed { failure = failed }
            condition.broadcast()
        }
    }
}
