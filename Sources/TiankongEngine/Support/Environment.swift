#if canImport(Glibc)
import Glibc
#endif

/// The process environment, read one variable at a time. (Foundation's
/// `ProcessInfo.processInfo.environment` copies every variable into a dictionary, which cost about
/// a third of a millisecond before the wizard's first frame.)
public enum Environment {
    /// The value of one variable, or nil when it is not set.
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }
}
