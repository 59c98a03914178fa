import TiankongEngine
#if canImport(Glibc)
import Glibc
#endif

/// A sheet's file, read in pieces: regular files only, never blocking on a FIFO or a device, with the
/// same size limit as a sheet read whole.
final class SheetBytes {
    let path: String
    private let descriptor: Int32
    let size: Int

    init(path: String) throws(SheetError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            let error = errno
            switch error {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EISDIR: throw .unreadable(path: path, reason: .isDirectory(path: path))
            default: throw .unreadable(path: path, reason: .unreadable(path: path, errno: error))
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = errno
            close(descriptor)
            throw .unreadable(path: path, reason: .unreadable(path: path, errno: error))
        }
        size = Int(info.st_size)
        let reason: TemplateError?
        switch info.st_mode & S_IFMT {
        case S_IFDIR: reason = .isDirectory(path: path)
        case S_IFREG: reason = size > SheetFile.sizeLimit ? .tooLarge(path: path, bytes: size, limit: SheetFile.sizeLimit) : nil
        default: reason = .notRegularFile(path: path)
        }
        if let reason {
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
    }

    deinit { close(descriptor) }

    /// The first `count` bytes, or fewer in a shorter file.
    func prefix(_ count: Int) throws(SheetError) -> [UInt8] {
        var bytes: [UInt8] = []
        try chunks(size: count) { chunk, _ in
            bytes = Array(chunk)
            return false
        }
        return bytes
    }

    /// Gives the file from `offset` to `body` in pieces of `size` bytes, the last one marked, until
    /// `body` returns false.
    func chunks(size: Int, from offset: Int = 0,
                _ body: (UnsafeBufferPointer<UInt8>, _ last: Bool) throws(SheetError) -> Bool) throws(SheetError) {
        var buffer = [UInt8](repeating: 0, count: size)
        var position = offset
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, size, off_t(position)) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(path: path, reason: .unreadable(path: path, errno: errno))
            }
            position += n
            let last = n == 0 || position >= self.size
            let more = try buffer.withUnsafeBufferPointer { (all) throws(SheetError) -> Bool in
                try body(UnsafeBufferPointer(rebasing: all[0..<n]), last)
            }
            if !more || last { return }
        }
    }
}

/// Text in any encoding a sheet may have, turned into UTF-8 a piece at a time by the C library's iconv,
/// which checks every byte: a character cut between two pieces is kept for the next.
final class StreamDecoder {
    private let converter: iconv_t?
    private var held: [UInt8] = []
    /// Where iconv writes before the text is appended to the caller's.
    private let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
    /// Where the input not yet taken starts, for the offset of a bad byte.
    private var consumed = 0
    /// Line ends in the text given on so far, for the line of a bad byte.
    private var lineEnds = 0

    init(from encoding: TextEncoding) {
        let name: String
        switch encoding {
        case .utf8: name = "UTF-8"
        case .gb18030: name = "GB18030"
        case .utf16LittleEndian: name = "UTF-16LE"
        case .utf16BigEndian: name = "UTF-16BE"
        }
        let cd = iconv_open("UTF-8", name)
        converter = cd == iconv_t(bitPattern: -1) ? nil : cd
    }

    deinit {
        if let converter { iconv_close(converter) }
        scratch.deallocate()
    }

    /// Appends the UTF-8 of `piece` to `out`; the offset in the whole input of the first byte that is not
    /// text in the encoding, or nil.
    func convert(_ piece: UnsafeBufferPointer<UInt8>, last: Bool, into out: inout [UInt8]) -> Int? {
        guard held.isEmpty else {
            let joined = held + Array(piece)
            held = []
            return joined.withUnsafeBufferPointer { convert(whole: $0, last: last, into: &out) }
        }
        return convert(whole: piece, last: last, into: &out)
    }

    private func convert(whole input: UnsafeBufferPointer<UInt8>, last: Bool, into out: inout [UInt8]) -> Int? {
        guard let converter, let base = input.baseAddress else { return converter == nil ? consumed : nil }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var left = input.count
        while left > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch.baseAddress!).assumingMemoryBound(to: CChar.self)
            var room = scratch.count
            let result = iconv(converter, &inPointer, &left, &outPointer, &room)
            let error = errno
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<(scratch.count - room)]))
            if result != -1 || error == E2BIG { continue }
            if error == EINVAL && !last {
                // A character cut at the end of the piece: kept for the next one.
                held = Array(UnsafeRawBufferPointer(start: inPointer, count: left))
                break
            }
            return consumed + (input.count - left)
        }
        consumed += input.count - held.count
        return nil
    }

    /// Counts the line ends of text given on.
    func countLines(_ text: ArraySlice<UInt8>) { lineEnds += Self.count(0x0A, in: text) }

    /// The 1-based line at the end of `text`, text not yet counted.
    func line(after text: ArraySlice<UInt8>) -> Int { lineEnds + 1 + Self.count(0x0A, in: text) }

    /// How many times `byte` is in `bytes`, found with the C library's vector memchr.
    static func count(_ byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBytes { buffer in
            guard var at = buffer.baseAddress else { return 0 }
            let end = at + buffer.count
            var n = 0
            while at < end, let hit = memchr(at, Int32(byte), end - at) {
                n += 1
                at = UnsafeRawPointer(hit) + 1
            }
            return n
        }
    }
}
