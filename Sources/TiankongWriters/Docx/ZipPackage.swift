import CLibdeflate
import CMinizip
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// A zip archive written with minizip (zlib's contrib, Debian libminizip-dev), in memory or straight
/// into an open file: the .docx report's package, and a Word template's package filled in place, whose
/// unchanged entries are copied through as they were compressed.
public final class ZipWriter {
    /// What an entry's directory record says besides its name.
    public struct Attributes {
        /// MS-DOS date and time (date in the high 16 bits).
        public var dosDate: UInt
        public var internalAttributes: UInt = 0
        /// A regular file, rw-r--r--, as Unix zip writes it.
        public var externalAttributes: UInt = 0o100644 << 16

        public init(dosDate: UInt, internalAttributes: UInt = 0, externalAttributes: UInt = 0o100644 << 16) {
            self.dosDate = dosDate
            self.internalAttributes = internalAttributes
            self.externalAttributes = externalAttributes
        }
    }

    private let output = Output()
    /// The open file written into, when not in memory (on the heap: minizip keeps a pointer to it).
    private var file: UnsafeMutablePointer<tk_archive>?
    /// The file's name in messages.
    private var fileName = ""
    private var zip: zipFile?

    /// Starts an archive in memory expected to take about `capacity` bytes (room made for it at once).
    public init(capacity: Int = 0) throws(DocxWriterError) {
        output.bytes.reserveCapacity(capacity)
        var functions = Output.functions(output)
        zip = zipOpen2_64("", APPEND_STATUS_CREATE, nil, &functions)
        if zip == nil { throw .package("minizip could not start an archive") }
    }

    /// Starts an archive written into the new, empty file open at `descriptor` (seekable: an entry's
    /// sizes are filled in after its data), which stays open; `name` names it in messages.
    public init(descriptor: Int32, name: String) throws(DocxWriterError) {
        let file = UnsafeMutablePointer<tk_archive>.allocate(capacity: 1)
        file.initialize(to: tk_archive(descriptor: descriptor, bytes: nil, size: 0, position: 0, failed: 0, writable: 1))
        self.file = file
        fileName = name
        var functions = zlib_filefunc64_def()
        tk_archive_functions(&functions, file)
        zip = zipOpen2_64("", APPEND_STATUS_CREATE, nil, &functions)
        if zip == nil { throw .package("minizip could not start an archive") }
    }

    deinit {
        if let zip { zipClose(zip, nil) }
        file?.deallocate()
    }

    /// `failure`, or the file's own when a write into it failed (the disk is full): that is the cause.
    private func failed(_ failure: DocxWriterError) -> DocxWriterError {
        guard let file, file.pointee.failed != 0 else { return failure }
        return .output(.io(path: fileName, errno: file.pointee.failed))
    }

    /// Adds a file, deflated.
    public func add(path: String, contents: [UInt8], attributes: Attributes) throws(DocxWriterError) {
        try add(path: path, pieces: [contents[...]], attributes: attributes)
    }

    /// Adds a file made of `pieces` one after the other, deflated as they come (never joined in memory).
    public func add(path: String, pieces: [ArraySlice<UInt8>], attributes: Attributes) throws(DocxWriterError) {
        try add(path: path, attributes: attributes, large: pieces.reduce(0) { $0 + $1.count } >= 0xFFFF_FFFF) { (emit) throws(DocxWriterError) in
            for piece in pieces { try emit(piece) }
        }
    }

    /// Adds a file whose bytes `contents` hands piece by piece to the function it is given, each deflated
    /// as it comes (never joined with the others); `large` when they may come to 4 GB or more (zip64).
    public func add(path: String, attributes: Attributes, large: Bool,
                    contents: ((ArraySlice<UInt8>) throws(DocxWriterError) -> Void) throws(DocxWriterError) -> Void) throws(DocxWriterError) {
        try open(path, attributes: attributes, method: Z_DEFLATED, level: Z_DEFAULT_COMPRESSION, raw: false, large: large)
        try contents { (piece) throws(DocxWriterError) in
            // A piece past 4 GB is written in parts: minizip takes a 32-bit length.
            var start = piece.startIndex
            while start < piece.endIndex {
                let end = min(piece.endIndex, start + (1 << 30))
                let written = piece[start..<end].withUnsafeBytes { zipWriteInFileInZip(self.zip, $0.baseAddress, UInt32($0.count)) }
                guard written == ZIP_OK else { throw self.failed(.part(path, "minizip could not compress it")) }
                start = end
            }
        }
        guard zipCloseFileInZip(zip) == ZIP_OK else { throw failed(.part(path, "minizip could not compress it")) }
    }

    /// Adds a file deflated beforehand (`Deflated`): a part made once for every package, or made whole.
    public func add(path: String, deflated: Deflated, attributes: Attributes) throws(DocxWriterError) {
        try open(path, attributes: attributes, method: Z_DEFLATED, level: Z_DEFAULT_COMPRESSION, raw: true,
                 large: deflated.size >= 0xFFFF_FFFF || deflated.compressed.count >= 0xFFFF_FFFF)
        let written = deflated.compressed.withUnsafeBytes { zipWriteInFileInZip(zip, $0.baseAddress, UInt32($0.count)) }
        guard written == ZIP_OK, zipCloseFileInZipRaw64(zip, UInt64(deflated.size), uLong(deflated.crc)) == ZIP_OK else {
            throw .part(path, "minizip could not write it")
        }
    }

    /// A file's contents deflated whole by libdeflate at its default level (zlib's sizes in about half
    /// zlib's time), with its CRC.
    public struct Deflated: Sendable {
        public let compressed: [UInt8]
        public let crc: UInt
        public let size: Int

        public init(_ contents: [UInt8]) throws(DocxWriterError) {
            precondition(contents.count < 1 << 30, "a part deflated whole is small")
            guard let compressor = libdeflate_alloc_compressor(6) else { throw .package("libdeflate could not start") }
            defer { libdeflate_free_compressor(compressor) }
            var output = [UInt8](repeating: 0, count: libdeflate_deflate_compress_bound(compressor, contents.count))
            let count = contents.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { libdeflate_deflate_compress(compressor, input.baseAddress, input.count, $0.baseAddress, $0.count) }
            }
            guard count > 0 else { throw .package("libdeflate could not deflate a part") }
            output.removeSubrange(count...)
            compressed = output
            crc = contents.withUnsafeBytes { UInt(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
            size = contents.count
        }
    }

    /// Adds an entry's data as it was compressed, with its method, CRC and size: `read` fills a buffer
    /// with the next compressed bytes and returns how many (0 at the end, negative on failure).
    public func addCompressed(path: String, method: Int32, level: Int32, crc: UInt, size: UInt64, compressedSize: UInt64,
                              attributes: Attributes, read: (UnsafeMutableRawBufferPointer) -> Int32) throws(DocxWriterError) {
        try open(path, attributes: attributes, method: method, level: level, raw: true,
                 large: size >= 0xFFFF_FFFF || compressedSize >= 0xFFFF_FFFF)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes(read)
            if n < 0 { throw .part(path, "its data could not be read") }
            if n == 0 { break }
            guard buffer.withUnsafeBytes({ zipWriteInFileInZip(zip, $0.baseAddress, UInt32(n)) }) == ZIP_OK else {
                throw failed(.part(path, "minizip could not write it"))
            }
        }
        guard zipCloseFileInZipRaw64(zip, size, uLong(crc)) == ZIP_OK else { throw failed(.part(path, "minizip could not close it")) }
    }

    /// Ends the archive with its central directory and end record; its bytes when it was made in memory
    /// (none when it was written into a file).
    @discardableResult
    public func finish() throws(DocxWriterError) -> [UInt8] {
        let status = zipClose(zip, nil)
        zip = nil
        guard status == ZIP_OK else { throw failed(.package("minizip could not finish the archive")) }
        defer { output.bytes = [] }
        return output.bytes
    }

    private func open(_ path: String, attributes: Attributes, method: Int32, level: Int32, raw: Bool, large: Bool) throws(DocxWriterError) {
        var info = zip_fileinfo()
        info.dosDate = uLong(attributes.dosDate)
        info.internal_fa = uLong(attributes.internalAttributes)
        info.external_fa = uLong(attributes.externalAttributes)
        // Bit 11: the name is UTF-8. Made by Unix (3), zip 3.0 (30), so the external attributes read as Unix modes.
        let utf8: uLong = path.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
        let status = zipOpenNewFileInZip4_64(zip, path, &info, nil, 0, nil, 0, nil, method, level, raw ? 1 : 0,
                                             -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, nil, 0, 0x031E, utf8, large ? 1 : 0)
        guard status == ZIP_OK else { throw failed(.part(path, "minizip could not start the entry (\(status))")) }
    }

    /// The MS-DOS date and time of `seconds` since 1970, in local time (as zip tools read them).
    public static func dosDate(seconds: Int) -> UInt {
        var time = time_t(seconds)
        var local = tm()
        localtime_r(&time, &local)
        let year = max(1980, min(2107, Int(local.tm_year) + 1900))
        let date = UInt(year - 1980) << 9 | UInt(local.tm_mon + 1) << 5 | UInt(local.tm_mday)
        let clock = UInt(local.tm_hour) << 11 | UInt(local.tm_min) << 5 | UInt(local.tm_sec / 2)
        return date << 16 | clock
    }

    /// The archive as minizip writes it: a Swift array it writes into (and back into, to fill in an
    /// entry's sizes), so the finished archive is handed over, never copied out of a C buffer.
    private final class Output {
        var bytes: [UInt8] = []
        var position = 0

        static func functions(_ output: Output) -> zlib_filefunc64_def {
            var functions = zlib_filefunc64_def()
            functions.opaque = Unmanaged.passUnretained(output).toOpaque()
            functions.zopen64_file = { opaque, _, _ in opaque }
            functions.zread_file = { _, _, _, _ in 0 }
            functions.zwrite_file = { _, stream, buffer, size in
                let output = Unmanaged<Output>.fromOpaque(stream!).takeUnretainedValue()
                guard size > 0, let buffer else { return 0 }
                let source = UnsafeRawBufferPointer(start: buffer, count: Int(size))
                let end = output.position + source.count
                if output.position == output.bytes.count {
                    output.bytes.append(contentsOf: source)
                } else {
                    if end > output.bytes.count { output.bytes.append(contentsOf: repeatElement(0, count: end - output.bytes.count)) }
                    output.bytes.withUnsafeMutableBytes { ($0.baseAddress! + output.position).copyMemory(from: source.baseAddress!, byteCount: source.count) }
                }
                output.position = end
                return size
            }
            functions.ztell64_file = { _, stream in
                ZPOS64_T(Unmanaged<Output>.fromOpaque(stream!).takeUnretainedValue().position)
            }
            functions.zseek64_file = { _, stream, offset, origin in
                let output = Unmanaged<Output>.fromOpaque(stream!).takeUnretainedValue()
                let base: Int
                switch origin {
                case ZLIB_FILEFUNC_SEEK_SET: base = 0
                case ZLIB_FILEFUNC_SEEK_CUR: base = output.position
                case ZLIB_FILEFUNC_SEEK_END: base = output.bytes.count
                default: return -1
                }
                output.position = base + Int(offset)
                return 0
            }
            functions.zclose_file = { _, _ in 0 }
            functions.zerror_file = { _, _ in 0 }
            return functions
        }
    }
}
