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
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let error = errno
            switch error {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EISDIR: throw .isDirectory(path: path)
            default: throw .unreadable(path: path, errno: error)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, errno: errno) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw .isDirectory(path: path) }
        if type != S_IFREG { throw .notRegularFile(path: path) }
        let size = Int(info.st_size)
        if size > limit { throw .tooLarge(path: path, bytes: size, limit: limit) }
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
}
