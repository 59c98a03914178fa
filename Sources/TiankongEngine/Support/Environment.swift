#if canImport(Glibc)
import Glibc
#endif

/// The process environment, read one variable at a time. (Foundation's
/// `ProcessInfo.processInfo.environment` copies every variable into a dictionary to read one.)
public enum Environment {
    /// The value of one variable, or nil when it is not set.
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// The user's home folder: $HOME, else the one the user database gives, else "/".
    public static var homeDirectory: String {
        if let home = value("HOME"), !home.isEmpty { return home }
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(getuid(), &entry, &buffer, buffer.count, &found) == 0, let found, let dir = found.pointee.pw_dir {
            return String(cString: dir)
        }
        return "/"
    }
}
