import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// One wizard at a time on a template: an exclusive `flock` on `<digest>.lock` in the state folder.
///
/// The kernel drops the lock when the process ends, however it ends (a kill -9 too), so a crash
/// never locks the next start out. The holder writes its process id into the file (padded to a
/// fixed width), so the one turned away can be told who has it.
final class StateLock {
    /// What trying to take the lock came to.
    enum Outcome {
        /// Held until this object goes away (or the process ends).
        case held(StateLock)
        /// Another process holds it; its id, when it wrote one.
        case busy(holder: Int32?)
        /// The state folder or the lock file cannot be made: no lock, and no autosave either.
        case unavailable(OutputError)
    }

    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    static func path(for store: AnswerStore) -> String { store.directory + "/" + store.digest + ".lock" }

    /// Takes the lock for the store's template without waiting.
    static func acquire(_ store: AnswerStore) -> Outcome {
        do { try store.makeDirectory() } catch { return .unavailable(error) }
        let path = path(for: store)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return .unavailable(.cannotCreate(path: path, errno: errno)) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            if code == EWOULDBLOCK {
                let holder = readHolder(fd)
                close(fd)
                return .busy(holder: holder)
            }
            close(fd)
            return .unavailable(.cannotCreate(path: path, errno: code))
        }
        // Only the holder writes, so the id read by the one turned away is whole. It is written over
        // the last holder's at a fixed width, never truncated first: on ext4 truncating the file frees
        // its block and has the rewrite forced out to disk at close, at every start.
        var id = Array(String(getpid()).utf8)
        id += [UInt8](repeating: UInt8(ascii: " "), count: max(0, 11 - id.count)) + [UInt8(ascii: "\n")]
        _ = id.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return .held(StateLock(descriptor: fd))
    }

    private static func readHolder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        // The first line: the holder's id, padded; an earlier holder's longer text may follow it.
        let line = buffer[0..<count].prefix { $0 != UInt8(ascii: "\n") }
        let text = String(decoding: line, as: UTF8.self).trimmed(where: \.isWhitespace)
        return Int32(text)
    }
}
