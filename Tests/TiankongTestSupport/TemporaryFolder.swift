import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A folder of its own for one test's files, removed with everything in it when the test lets go of it.
///
/// Keep it in a `let` for as long as its files are used (a suite's property lives as long as its test).
/// Folders a test made unwritable are opened again so that their files go too; whatever cannot be
/// removed fails the test that made it, rather than piling up in /tmp.
public final class TemporaryFolder {
    public let path: String

    /// A new folder under the system's temporary folder, only its owner's, named with a UUID (so its
    /// path is always as long: some tests lay out a message with it).
    public init() throws {
        path = NSTemporaryDirectory() + "tiankong-test-" + UUID().uuidString
        guard mkdir(path, 0o700) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    deinit {
        Self.makeRemovable(path)
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            Issue.record("the temporary folder \(path) was not removed: \(error)")
        }
    }

    /// Gives every folder below `path` (and `path`) back its owner's permissions, so that what is in it can go.
    private static func makeRemovable(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        chmod(path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            makeRemovable(path + "/" + name)
        }
    }
}
