import CDeflate
#if canImport(Glibc)
import Glibc
#endif

/// A zip archive of files, deflated, written in memory: what a .docx package is.
///
/// Written here on zlib rather than through a zip library: the one the project used needed all of
/// Foundation in the binary, which slows every start. A package is a few
/// files of kilobytes to megabytes, so no ZIP64 and no streaming are needed; anything past 4 GB is refused.
struct ZipPackage {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0
    /// MS-DOS time and date of every entry (local time, as zip tools read them).
    private let time: UInt16
    private let date: UInt16

    /// - Parameter modified: seconds since 1970, the entries' modification time.
    init(modified: Int) {
        var seconds = time_t(modified)
        var local = tm()
        localtime_r(&seconds, &local)
        let year = max(1980, min(2107, Int(local.tm_year) + 1900))
        time = UInt16(local.tm_hour) << 11 | UInt16(local.tm_min) << 5 | UInt16(local.tm_sec / 2)
        date = UInt16(year - 1980) << 9 | UInt16(local.tm_mon + 1) << 5 | UInt16(local.tm_mday)
    }

    /// Adds a file, deflated.
    mutating func add(path: String, contents: [UInt8]) throws(DocxWriterError) {
        let name = Array(path.utf8)
        let crc = contents.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let deflated = try ZipPackage.deflate(contents, path: path)
        let offset = bytes.count
        guard contents.count < Int(UInt32.max), offset + deflated.count + 30 + name.count < Int(UInt32.max), count < 0xFFFF else {
            throw .part(path, "too large for a zip archive")
        }
        // Bit 11: the name is UTF-8.
        let flags: UInt16 = name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
        // What the local header and the central directory record both say, from "version needed" to
        // the extra field's length.
        func describe(to out: inout [UInt8]) {
            append16(20, to: &out)  // version needed: 2.0 (deflate)
            append16(flags, to: &out)
            append16(8, to: &out)  // deflate
            append16(time, to: &out)
            append16(date, to: &out)
            append32(crc, to: &out)
            append32(UInt32(deflated.count), to: &out)
            append32(UInt32(contents.count), to: &out)
            append16(UInt16(name.count), to: &out)
            append16(0, to: &out)  // extra field
        }
        // Local file header, name and data.
        append32(0x0403_4B50, to: &bytes)
        describe(to: &bytes)
        bytes += name
        bytes += deflated
        // Its central directory record.
        append32(0x0201_4B50, to: &directory)
        append16(0x031E, to: &directory)  // made by: Unix, zip 3.0
        describe(to: &directory)
        append16(0, to: &directory)  // comment
        append16(0, to: &directory)  // disk
        append16(0, to: &directory)  // internal attributes
        append32(0o100644 << 16, to: &directory)  // a regular file, rw-r--r--
        append32(UInt32(offset), to: &directory)
        directory += name
        count += 1
    }

    /// The archive: the files, the central directory and its end record.
    func archive() throws(DocxWriterError) -> [UInt8] {
        guard bytes.count + directory.count < Int(UInt32.max) else { throw .package("too large for a zip archive") }
        var out = bytes
        out += directory
        append32(0x0605_4B50, to: &out)
        append16(0, to: &out)
        append16(0, to: &out)
        append16(UInt16(count), to: &out)
        append16(UInt16(count), to: &out)
        append32(UInt32(directory.count), to: &out)
        append32(UInt32(bytes.count), to: &out)
        append16(0, to: &out)
        return out
    }

    /// Raw deflate (no zlib header), as zip stores it.
    private static func deflate(_ input: [UInt8], path: String) throws(DocxWriterError) -> [UInt8] {
        var stream = z_stream()
        guard tk_deflate_init_raw(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else { throw .part(path, "zlib could not start") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CDeflate.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .part(path, "zlib could not compress it (\(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}

/// Zip numbers are little-endian.
private func append16(_ value: UInt16, to out: inout [UInt8]) {
    out.append(UInt8(value & 0xFF))
    out.append(UInt8(value >> 8))
}

private func append32(_ value: UInt32, to out: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
}
