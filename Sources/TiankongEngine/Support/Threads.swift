#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Threads and a condition variable straight from POSIX: the standard library has a mutex
// (Synchronization.Mutex, used for locks everywhere else) but no threads and nothing to wait on, and
// Foundation's Thread and NSCondition would bring all of Foundation into the binary.

/// A lock with a condition to wait on (a pthread mutex and condition variable).
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits, the lock held, until another thread broadcasts.
    public func wait() { pthread_cond_wait(condition, mutex) }
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Starts `body` on a thread of its own, never joined.
    public static func detachThread(_ body: @escaping @Sendable () -> Void) {
        if let thread = ThreadStart.spawn(body) { pthread_detach(thread) } else { body() }
    }
}

/// The body of a new POSIX thread, handed over through the thread's one pointer of context.
final class ThreadStart {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts `body` on a new thread; nil when no thread could be had.
    static func spawn(_ body: @escaping () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        var handle = pthread_t()
        let started = pthread_create(&handle, nil, { context in
            Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()
            return nil
        }
        return handle
    }
}
