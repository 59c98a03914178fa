#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work split into parts run at once: the one way the program uses more than one core.
///
/// Each part runs on a POSIX thread of its own (Threads.swift), the first on the calling thread, and
/// `run` returns when all are done. A template is split only from `threshold` bytes of text: below it,
/// starting a thread costs more than the second core saves.
public enum Parallel {
    /// The size of text, in bytes, from which its work is split over the cores.
    public static let threshold = 1 << 20

    /// The processors online: how many parts work that can use every core is split into.
    public static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// True when work on a text of `bytes` bytes is worth splitting.
    public static func pays(forBytes bytes: Int) -> Bool { bytes >= threshold }

    /// Runs `body(0)`, `body(1)`, … `body(parts - 1)` at once and waits for them all.
    public static func run(_ parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { body(0) }
            return
        }
        var threads: [pthread_t] = []
        threads.reserveCapacity(parts - 1)
        for part in 1..<parts {
            // No thread to be had: the part is run here, in turn.
            if let thread = ThreadStart.spawn({ body(part) }) { threads.append(thread) } else { body(part) }
        }
        body(0)
        for thread in threads { pthread_join(thread, nil) }
    }
}
