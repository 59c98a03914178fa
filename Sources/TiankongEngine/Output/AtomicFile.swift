#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written.
public enum OutputError: Error, Equatable, Sendable {
    /// The file is there and overwriting was not asked for.
    case exists(path: String)
    case isDirectory(path: String)
    /// The folder is missing, read-only, or not ours (sysexits 73).
    case cannotCreate(path: String, errno: Int32)
    /// Writing failed half-way: disk full, I/O error (sysexits 74). Nothing was left behind.
    case io(path: String, errno: Int32)
    /// Writing into standard output, a pipe or a device failed half-way (sysexits 74): what went out
    /// before the failure stays out, and the reader may have a part of the report.
    case streamFailed(name: String, errno: Int32)

    public var exitStatus: ExitStatus {
        switch self {
        case .exists, .isDirectory, .cannotCreate: return .cannotCreate
        case .io, .streamFailed: return .io
        }
    }
}

/// A failure a file's maker reports, which can also be one of writing the file itself.
public protocol OutputFailure: Error {
    init(_ failure: OutputError)
}

extension OutputError: OutputFailure {
    public init(_ failure: OutputError) { self = failure }
}

/// Writes files so that a reader sees the old file or the whole new one, never a part:
/// a temporary file in the same folder, fsync, then rename (or link, when overwriting is not allowed).
public enum AtomicFile {
    /// - Parameter durable: false leaves out the fsyncs, for many files made durable at once by `flushAll`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool, durable: Bool = true) throws(OutputError) {
        if try target(path, overwrite: overwrite) == .stream { return try stream(bytes, to: path) }
        try create(path, overwrite: overwrite, durable: durable) { (fd) throws(OutputError) in
            if let failure = bytes.withUnsafeBytes({ writeAll($0, to: fd) }) { throw .io(path: path, errno: failure) }
        }
    }

    /// Writes the file that `produce` makes in the descriptor it is given: a new, empty regular file it
    /// may seek in (a zip writer goes back to fill in an entry's sizes). Readers see the old file or the
    /// whole new one, as with `write(_:to:overwrite:)`. A device or a pipe, which cannot seek, gets the
    /// file made in an unnamed temporary file first, then copied. What `produce` throws is passed on,
    /// and nothing is left behind. `durable` as for `write(_:to:overwrite:durable:)`.
    public static func write<Failure: OutputFailure>(to path: String, overwrite: Bool, durable: Bool = true,
                                                     produce: (Int32) throws(Failure) -> Void) throws(Failure) {
        let kind: Target
        do { kind = try target(path, overwrite: overwrite) } catch { throw Failure(error) }
        if kind == .stream { return try streamThroughTemporaryFile(to: path, produce) }
        try create(path, overwrite: overwrite, durable: durable, produce)
    }

    /// What a path names: nothing or a regular file, to be made anew, or a device or pipe, written into.
    private enum Target { case file, stream }

    private static func target(_ path: String, overwrite: Bool) throws(OutputError) -> Target {
        var info = stat()
        guard stat(path, &info) == 0 else { return .file }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw .isDirectory(path: path) }
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written into as it is: a temporary file
        // beside it and a rename would replace the device itself.
        if type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK { return .stream }
        if !overwrite { throw .exists(path: path) }
        return .file
    }

    /// The file made by `produce` in a temporary file beside `path`, synced (when `durable`), then given
    /// its name.
    private static func create<Failure: OutputFailure>(_ path: String, overwrite: Bool, durable: Bool,
                                                      _ produce: (Int32) throws(Failure) -> Void) throws(Failure) {
        let folder = AtomicFile.folder(of: path)
        let name = lastComponent(of: path)
        let temporary = folder + "/." + name + ".tiankong-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 { throw Failure(.cannotCreate(path: path, errno: errno)) }
        do {
            try produce(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        if durable && fsync(fd) != 0 && errno != EINVAL {
            let failure = errno
            close(fd)
            unlink(temporary)
            throw Failure(.io(path: path, errno: failure))
        }
        if close(fd) != 0 {
            let failure = errno
            unlink(temporary)
            throw Failure(.io(path: path, errno: failure))
        }
        do { try settle(temporary, as: path, overwrite: overwrite) } catch { throw Failure(error) }
        guard durable else { return }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Gives the finished temporary file the name `path`; the temporary name is gone either way.
    private static func settle(_ temporary: String, as path: String, overwrite: Bool) throws(OutputError) {
        if overwrite {
            if rename(temporary, path) != 0 {
                let error = errno
                unlink(temporary)
                if error == EISDIR { throw .isDirectory(path: path) }
                throw .cannotCreate(path: path, errno: error)
            }
            return
        }
        // link() fails when the name is taken, so a file that appeared meanwhile is never replaced.
        if link(temporary, path) == 0 { unlink(temporary); return }
        let error = errno
        if error == EEXIST { unlink(temporary); throw .exists(path: path) }
        guard error == EPERM || error == ENOTSUP || error == EXDEV || error == EMLINK else {
            unlink(temporary)
            throw .cannotCreate(path: path, errno: error)
        }
        if rename(temporary, path) != 0 {
            let renameError = errno
            unlink(temporary)
            throw .cannotCreate(path: path, errno: renameError)
        }
    }

    /// The file made by `produce` in an unnamed temporary file (in $TMPDIR, else /tmp), then copied into
    /// the device or pipe at `path`.
    private static func streamThroughTemporaryFile<Failure: OutputFailure>(to path: String,
                                                                          _ produce: (Int32) throws(Failure) -> Void) throws(Failure) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var name = Array((folder + "/.tiankong-tmp-XXXXXX").utf8CString)
        let fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw Failure(.cannotCreate(path: folder, errno: errno)) }
        // Nameless from here on: the system removes it when it is closed, however this ends.
        name.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        defer { close(fd) }
        try produce(fd)
        let target = open(path, O_WRONLY | O_CLOEXEC)
        if target < 0 { throw Failure(.cannotCreate(path: path, errno: errno)) }
        defer { close(target) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw Failure(.io(path: folder, errno: errno)) }
            if n == 0 { return }
            offset += n
            if let failure = buffer.withUnsafeBytes({ writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n]), to: target) }) {
                throw Failure(.streamFailed(name: path, errno: failure))
            }
        }
    }

    /// Makes durable everything written so far, on every file system (sync(2), which waits on Linux): one
    /// flush for the many files a batch wrote with `durable: false`, instead of two fsyncs each.
    public static func flushAll() {
        sync()
    }

    /// Writes into an existing device or pipe.
    static func stream(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 { throw .cannotCreate(path: path, errno: errno) }
        defer { close(fd) }
        try write(bytes, toDescriptor: fd, name: path)
    }

    /// Writes all of `bytes` to an open descriptor (standard output, a pipe), without copying them.
    public static func write(_ bytes: [UInt8], toDescriptor fd: Int32, name: String) throws(OutputError) {
        var failure: OutputError?
        bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw, toDescriptor: fd, name: name) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes all of `bytes` to an open descriptor.
    public static func write(_ bytes: UnsafeRawBufferPointer, toDescriptor fd: Int32, name: String) throws(OutputError) {
        if let failure = writeAll(bytes, to: fd) { throw .streamFailed(name: name, errno: failure) }
    }

    /// Writes all of `bytes` to an open descriptor: nil, or the errno of the write that failed.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return nil
    }

    /// The path's last non-empty component ("c" for "a/b/c" and "a/b/c/"), or the path itself when it
    /// has none. Found from the end: splitting the whole path made an array at every autosave.
    static func lastComponent(of path: String) -> String {
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        let start = path[..<end].lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return start < end ? String(path[start..<end]) : path
    }

    /// The folder a path is in ("." for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
