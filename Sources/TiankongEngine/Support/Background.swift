import Foundation

/// A value worked out on a thread of its own while the caller does something else.
///
/// A template's schema is parsed while the template is analysed; the wizard cuts the report into
/// paragraphs while the template's SHA-256 (the autosave's name) is computed. Each is a millisecond on
/// the bundled template and tens of milliseconds on a 10 MB one, all before the first frame.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?
    private var finished = false

    public init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    /// The value, waiting for it if the work is not finished. Read from one thread only.
    public var value: Value {
        if !finished {
            done.wait()
            finished = true
        }
        return result!
    }
}
