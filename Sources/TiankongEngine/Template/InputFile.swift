#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file's bytes safely (a template, a schema, an answers file, a sheet): regular files
/// only, never blocking on a FIFO or a device, with a size limit.
public enum InputFile {
    /// The largest template tiankong reads (512 MiB).
    public static let sizeLimit = 512 << 20

    /// Reads the whole file at `path`.
    public static func read(_ path: String, limit: Int = sizeLimit) throws(TemplateError) -> [UInt8] {
        let (fd, size) = try open(path, limit: limit)
        defer { close(fd) }
        // Read straight into the array's storage: no zero-filling of a 100 MB buffer first.
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            // A large template's memory in 2 MB pages where the kernel allows it: a page fault for every
            // 4 KB of a 100 MB file costs more than reading it.
            if size >= 4 << 20, let base = buffer.baseAddress {
                let page = 2 << 20
                let start = (Int(bitPattern: base) + page - 1) / page * page
                let end = (Int(bitPattern: base) + size) / page * page
                if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            }
            var filled = 0
            while filled < size {
                let n = Glibc.read(fd, buffer.baseAddress! + filled, size - filled)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        if let failure { throw .unreadable(path: path, errno: failure) }
        return bytes
    }

    /// Opens the file at `path` for reading, once it is known to be a regular file no larger than
    /// `limit`: its descriptor (the caller closes it) and its size. Never blocks on a FIFO or a device.
    public static func open(_ path: String, limit: Int = sizeLimit) throws(TemplateError) -> (descriptor: Int32, size: Int) {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            switch error {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EISDIR: throw .isDirectory(path: path)
            default: throw .unreadable(path: path, errno: error)
            }
        }
        var info = stat()
        var refusal: TemplateError?
        if fstat(fd, &info) != 0 {
            refusal = .unreadable(path: path, errno: errno)
        } else if info.st_mode & S_IFMT == S_IFDIR {
            refusal = .isDirectory(path: path)
        } else if info.st_mode & S_IFMT != S_IFREG {
            refusal = .notRegularFile(path: path)
        } else if Int(info.st_size) > limit {
            refusal = .tooLarge(path: path, bytes: Int(info.st_size), limit: limit)
        }
        if let refusal { close(fd); throw refusal }
        return (fd, Int(info.st_size))
    }
}
