#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value worked out on a thread of its own while the caller does something else.
///
/// For a big template only (a small one's work is done inline, quicker than a thread starts): its
/// schema is parsed and its SHA-256 (the autosave's name) worked out while it is analysed, and the
/// wizard cuts the report into paragraphs while it looks up the autosave: each is slow on a template
/// of megabytes, and all come before the first frame.
///
/// A bare POSIX thread (Threads.swift), joined for the value.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private var thread: pthread_t?
    private let work: @Sendable () -> Value

    /// Worth it only for work that takes longer than starting a thread does.
    public init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        // No thread to be had: the work is done when the value is asked for.
        thread = ThreadStart.spawn { [self] in result = work() }
    }

    deinit {
        // Never asked for: the finished thread is let go of rather than joined.
        if let thread { pthread_detach(thread) }
    }

    /// The value, waiting for it if the work is not finished. Read from one thread only.
    public var value: Value {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        if result == nil { result = work() }
        return result!
    }
}
