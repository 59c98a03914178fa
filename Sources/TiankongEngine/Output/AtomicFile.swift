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

/// Writes files so that a reader sees the old file or the whole new one, never a part:
/// a temporary file in the same folder, fsync, then rename (or link, when overwriting is not allowed).
public enum AtomicFile {
    /// - Parameter durable: false leaves out the fsyncs, for many files made durable at once by `flushAll`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool, durable: Bool = true) throws(OutputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR { throw .isDirectory(path: path) }
            // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written into as it is: a temporary file
            // beside it and a rename would replace the device itself.
            if type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK { return try stream(bytes, to: path) }
            if !overwrite { throw .exists(path: path) }
        }
        let folder = AtomicFile.folder(of: path)
        let name = lastComponent(of: path)
        let temporary = folder + "/." + name + ".tiankong-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 { throw .cannotCreate(path: path, errno: errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(fd)
                unlink(temporary)
                throw .io(path: path, errno: failure)
            }
            written += n
        }
        if durable && fsync(fd) != 0 && errno != EINVAL {
            let failure = errno
            close(fd)
            unlink(temporary)
            throw .io(path: path, errno: failure)
        }
        if close(fd) != 0 {
            let failure = errno
            unlink(temporary)
            throw .io(path: path, errno: failure)
        }
        if overwrite {
            if rename(temporary, path) != 0 {
                let error = errno
                unlink(temporary)
                if error == EISDIR { throw .isDirectory(path: path) }
                throw .cannotCreate(path: path, errno: error)
            }
        } else {
            // link() fails when the name is taken, so a file that appeared meanwhile is never replaced.
            if link(temporary, path) != 0 {
                let error = errno
                if error == EEXIST { unlink(temporary); throw .exists(path: path) }
                if error == EPERM || error == ENOTSUP || error == EXDEV || error == EMLINK {
                    if rename(temporary, path) != 0 {
                        let renameError = errno
                        unlink(temporary)
                        throw .cannotCreate(path: path, errno: renameError)
                    }
                } else {
                    unlink(temporary)
                    throw .cannotCreate(path: path, errno: error)
                }
            } else {
                unlink(temporary)
            }
        }
        guard durable else { return }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
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
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                throw .streamFailed(name: name, errno: errno)
            }
            written += n
        }
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
