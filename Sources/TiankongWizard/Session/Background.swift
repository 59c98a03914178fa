import Foundation

/// A value worked out on a thread of its own while the caller does something else.
///
/// The wizard cuts the report into paragraphs while the template's SHA-256 (the autosave's name) is
/// computed: on a 10 MB template each takes tens of milliseconds before the first frame.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?
    private var finished = false

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    /// The value, waiting for it if the work is not finished. Read from one thread only.
    var value: Value {
        if !finished {
            done.wait()
            finished = true
        }
        return result!
    }
}
