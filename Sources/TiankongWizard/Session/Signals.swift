import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The last terminating signal received (0 for none). The handler only stores it; the loop acts.
private let pendingSignal = Atomic<Int32>(0)
/// Set by SIGTSTP sent from outside (Ctrl-Z itself arrives as a key in raw mode).
private let pendingStop = Atomic<Bool>(false)

/// INT, TERM and HUP end the session in order: the loop saves, restores the terminal, exits 128+n.
enum Signals {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers (before ncurses starts, so it keeps them) and unblocks the signals
    /// a parent may have blocked, or KEY_RESIZE and the handlers never see them.
    static func install() {
        _ = pendingSignal.load(ordering: .relaxed)
        _ = pendingStop.load(ordering: .relaxed)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for s in terminating + [SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&unblock, s) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for s in terminating {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { pendingSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = { _ in pendingStop.store(true, ordering: .relaxed) }
        sigemptyset(&stop.sa_mask)
        stop.sa_flags = 0
        sigaction(SIGTSTP, &stop, nil)
    }

    /// The terminating signal received since the last call, if any.
    static func takeTerminating() -> Int32? {
        let s = pendingSignal.exchange(0, ordering: .relaxed)
        return s == 0 ? nil : s
    }

    static func takeStop() -> Bool {
        pendingStop.exchange(false, ordering: .relaxed)
    }
}
