import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// Runs jobs on a thread of its own, so that a keystroke's echo never waits for them: the autosave
/// (a save syncs the file and its folder, which a busy disk is slow to do) and the review's
/// proof-reading (seconds on a report of a hundred megabytes).
///
/// Only the newest job matters: one handed over while another runs replaces any still waiting. The
/// results wait, in order, until the session takes them.
final class NewestWorker<Job: Sendable, Result: Sendable>: @unchecked Sendable {
    private let work: @Sendable (Job) -> Result
    private let condition = Condition()
    private var waiting: Job?
    private var running = false
    private var started = false
    private var results: [Result] = []

    init(_ work: @escaping @Sendable (Job) -> Result) {
        self.work = work
    }

    /// Hands over a job; returns at once.
    func submit(_ job: Job) {
        condition.lock()
        waiting = job
        if !started {
            started = true
            Condition.detachThread { [self] in run() }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every job handed over is done.
    func finish() {
        condition.lock()
        while waiting != nil || running { condition.wait() }
        condition.unlock()
    }

    /// True while a job waits or runs.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return waiting != nil || running
    }

    /// The results not taken yet, oldest first.
    func take() -> [Result] {
        condition.lock()
        defer { results = []; condition.unlock() }
        return results
    }

    /// The results not taken yet, after waiting up to `milliseconds` for the jobs to be done: a quick
    /// job's result comes with the next frame, a slow one's later.
    func take(within milliseconds: Int) -> [Result] {
        var left = milliseconds
        while isBusy, left > 0 {
            usleep(1000)
            left -= 1
        }
        return take()
    }

    private func run() {
        condition.lock()
        while true {
            while waiting == nil { condition.wait() }
            let job = waiting!
            waiting = nil
            running = true
            condition.unlock()
            let result = work(job)
            condition.lock()
            running = false
            results.append(result)
            condition.broadcast()
        }
    }
}
