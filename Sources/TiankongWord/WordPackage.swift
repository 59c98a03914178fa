import CMinizip
import TiankongEngine
import TiankongWriters
#if canImport(Glibc)
import Glibc
#endif

/// A Word file's zip package, read with minizip from an open file (or from memory): its entries in order,
/// each part read with a cap on what it inflates to, and the package written again with some parts
/// replaced and every other entry's compressed bytes copied through unchanged.
final class WordPackage {
    /// An entry of the package, in the archive's order.
    struct Entry {
        var name: String
        var info: unz_file_info64
        var position: unz64_file_pos
    }

    /// More entries than any Word file has (a package holds tens, a big one hundreds).
    static let entryLimit = 10_000
    /// No part inflates past this, nor past `ratioLimit` times its compressed size.
    static let partLimit = 500 << 20
    static let ratioLimit = 200
    /// A small part may inflate this far whatever its ratio (a kilobyte of repeated XML packs tightly).
    static let ratioFloor = 1 << 20

    let path: String
    private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]
    /// Where minizip reads the archive from (on the heap: minizip keeps a pointer to it).
    private enum Source {
        /// Bytes held in memory, or an open file read as minizip asks (a big picture is never held,
        /// only copied through).
        case archive(UnsafeMutablePointer<tk_archive>)
        /// A file minizip opens by its path.
        case path
    }
    private let source: Source
    private var handle: unzFile?

    /// Opens the package in `bytes`; `path` names it in messages.
    convenience init(bytes: [UInt8], path: String) throws(WordFileError) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { storage.initialize(from: base, count: $0.count) } }
        try self.init(tk_archive(descriptor: -1, bytes: storage, size: ZPOS64_T(bytes.count), position: 0,
                                 failed: 0, writable: 0), path: path)
    }

    /// Opens the package in the open file `descriptor` of `size` bytes, which it closes when done with it.
    convenience init(descriptor: Int32, size: Int, path: String) throws(WordFileError) {
        try self.init(tk_archive(descriptor: descriptor, bytes: nil, size: ZPOS64_T(size), position: 0,
                                 failed: 0, writable: 0), path: path)
    }

    /// Opens the package in `archive`, which it owns from now on (its bytes freed, its file closed).
    private init(_ archive: tk_archive, path: String) throws(WordFileError) {
        self.path = path
        let file = UnsafeMutablePointer<tk_archive>.allocate(capacity: 1)
        file.initialize(to: archive)
        source = .archive(file)
        var functions = zlib_filefunc64_def()
        tk_archive_functions(&functions, file)
        handle = unzOpen2_64("", &functions)
        try listEntries()
    }

    /// Opens the package in the file at `path`, read from disk as its parts are (a big workbook is not
    /// held in memory).
    init(path: String) throws(WordFileError) {
        self.path = path
        source = .path
        handle = unzOpen64(path)
        try listEntries()
    }

    /// Reads the central directory and checks every entry's stored bytes.
    private func listEntries() throws(WordFileError) {
        guard let handle else { throw .damagedZip(path: path, detail: "no central directory") }
        var global = unz_global_info64()
        guard unzGetGlobalInfo64(handle, &global) == UNZ_OK else { throw .damagedZip(path: path, detail: "no central directory") }
        if global.number_entry > UInt64(Self.entryLimit) {
            throw .tooManyParts(path: path, count: Int(global.number_entry), limit: Self.entryLimit)
        }
        var status = unzGoToFirstFile(handle)
        while status == UNZ_OK {
            var info = unz_file_info64()
            var name = [CChar](repeating: 0, count: 65_536)
            guard unzGetCurrentFileInfo64(handle, &info, &name, uLong(name.count), nil, 0, nil, 0) == UNZ_OK else {
                throw .damagedZip(path: path, detail: "an unreadable directory record")
            }
            let entryName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard Self.isSafe(entryName) else { throw .unsafeName(path: path, part: entryName) }
            guard positions[entryName] == nil else { throw .duplicatePart(path: path, part: entryName) }
            var position = unz64_file_pos()
            unzGetFilePos64(handle, &position)
            positions[entryName] = entries.count
            entries.append(Entry(name: entryName, info: info, position: position))
            status = unzGoToNextFile(handle)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else { throw .damagedZip(path: path, detail: "a broken directory (\(status))") }
        // Every entry's stored bytes must be there to be copied through when the report is written: a
        // damaged one is refused now, named, not found only when the filled report is saved.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        for var entry in entries {
            guard unzGoToFilePos64(handle, &entry.position) == UNZ_OK else { throw .damagedPart(path: path, part: entry.name) }
            var method: Int32 = 0, level: Int32 = 0
            guard unzOpenCurrentFile2(handle, &method, &level, 1) == UNZ_OK else { throw .damagedPart(path: path, part: entry.name) }
            var total: UInt64 = 0
            while true {
                let n = chunk.withUnsafeMutableBytes { unzReadCurrentFile(handle, $0.baseAddress, UInt32($0.count)) }
                if n < 0 { unzCloseCurrentFile(handle); throw .damagedPart(path: path, part: entry.name) }
                if n == 0 { break }
                total += UInt64(n)
            }
            unzCloseCurrentFile(handle)
            guard total == entry.info.compressed_size else { throw .damagedPart(path: path, part: entry.name) }
        }
    }

    deinit {
        if let handle { unzClose(handle) }
        if case .archive(let file) = source {
            if file.pointee.descriptor >= 0 { close(file.pointee.descriptor) } else { file.pointee.bytes.deallocate() }
            file.deallocate()
        }
    }

    /// The archive's size in bytes (0 when minizip opened it by its path).
    var archiveSize: UInt64 {
        if case .archive(let file) = source { file.pointee.size } else { 0 }
    }

    /// A name inside the package: not absolute, no "..", no drive letter, no backslash, no NUL.
    static func isSafe(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains(":") { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    func contains(_ name: String) -> Bool { positions[name] != nil }

    /// The inflated bytes of the part `name`, or nil when there is none.
    func read(_ name: String) throws(WordFileError) -> [UInt8]? {
        var out: [UInt8] = []
        if let index = positions[name] { out.reserveCapacity(Int(min(entries[index].info.uncompressed_size, UInt64(Self.partLimit)))) }
        let found = try read(name) { (chunk: UnsafeBufferPointer<UInt8>) throws(WordFileError) -> Bool in
            out += chunk
            return true
        }
        return found ? out : nil
    }

    /// Gives the part `name` to `body` as it inflates, 64 KB at a time, until `body` returns false; false
    /// when there is no such part. The part is checked as `read` checks it, so a zip bomb is stopped.
    func read(_ name: String, chunks body: (UnsafeBufferPointer<UInt8>) throws(WordFileError) -> Bool) throws(WordFileError) -> Bool {
        guard let index = positions[name], let handle else { return false }
        var entry = entries[index]
        guard unzGoToFilePos64(handle, &entry.position) == UNZ_OK else { throw .damagedPart(path: path, part: name) }
        if entry.info.flag & 1 != 0 { throw .encryptedEntry(path: path, part: name) }
        let limit = Self.limit(compressed: Int(clamping: entry.info.compressed_size))
        if entry.info.uncompressed_size > UInt64(limit) { throw .partTooLarge(path: path, part: name, limit: Self.partLimit) }
        guard unzOpenCurrentFile(handle) == UNZ_OK else { throw .damagedPart(path: path, part: name) }
        // Read no further than the cap whatever the directory claims: its sizes may lie.
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { unzReadCurrentFile(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 { unzCloseCurrentFile(handle); throw .damagedPart(path: path, part: name) }
            if n == 0 { break }
            total += Int(n)
            if total > limit { unzCloseCurrentFile(handle); throw .partTooLarge(path: path, part: name, limit: Self.partLimit) }
            let more: Bool
            do throws(WordFileError) {
                more = try chunk.withUnsafeBufferPointer { (buffer) throws(WordFileError) -> Bool in try body(UnsafeBufferPointer(rebasing: buffer[0..<Int(n)])) }
            } catch {
                unzCloseCurrentFile(handle)
                throw error
            }
            if !more { unzCloseCurrentFile(handle); return true }
        }
        // A wrong checksum is reported on closing.
        guard unzCloseCurrentFile(handle) == UNZ_OK else { throw .damagedPart(path: path, part: name) }
        return true
    }

    /// The part `name` as UTF-8 XML, or nil when there is none: a part in UTF-16 (with its byte-order
    /// mark, as XML wants it) is decoded, and its declaration made to say UTF-8, so that it is read, and
    /// written again when it changes, as UTF-8.
    func readXML(_ name: String) throws(WordFileError) -> [UInt8]? {
        guard let bytes = try read(name) else { return nil }
        guard bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) else { return bytes }
        let decoded: DecodedText
        do { decoded = try TextDecoder.decode(bytes, path: path) } catch {
            throw .badXML(path: path, part: name, line: 1, detail: "UTF-16 that does not decode")
        }
        return WordXML.declaringUTF8(decoded.utf8)
    }

    static func limit(compressed: Int) -> Int {
        min(partLimit, max(ratioFloor, compressed.multipliedReportingOverflow(by: ratioLimit).overflow ? partLimit : compressed * ratioLimit))
    }

    /// A part written anew: at most `sizeBound` bytes (4 GB or more make a zip64 entry), which
    /// `contents` hands piece by piece to the function it is given.
    struct NewPart {
        var sizeBound: Int
        var contents: ((ArraySlice<UInt8>) throws(DocxWriterError) -> Void) throws(DocxWriterError) -> Void
    }

    /// The package again, into `zip` in the same order, with the parts in `replacing` deflated anew as
    /// they are made and every other entry's compressed bytes, checksum and sizes copied through as they
    /// were.
    func write(into zip: ZipWriter, replacing: [String: NewPart]) throws(DocxWriterError) {
        guard let handle else { throw .package("no package") }
        for var entry in entries {
            let attributes = ZipWriter.Attributes(dosDate: UInt(entry.info.dosDate), internalAttributes: UInt(entry.info.internal_fa),
                                                  externalAttributes: UInt(entry.info.external_fa))
            if let part = replacing[entry.name] {
                try zip.add(path: entry.name, attributes: attributes, large: part.sizeBound >= 0xFFFF_FFFF, contents: part.contents)
                continue
            }
            var method: Int32 = 0, level: Int32 = 0
            guard unzGoToFilePos64(handle, &entry.position) == UNZ_OK, unzOpenCurrentFile2(handle, &method, &level, 1) == UNZ_OK else {
                throw .part(entry.name, "its data could not be read")
            }
            defer { unzCloseCurrentFile(handle) }
            try zip.addCompressed(path: entry.name, method: method, level: level, crc: UInt(entry.info.crc),
                                  size: entry.info.uncompressed_size, compressedSize: entry.info.compressed_size,
                                  attributes: attributes) { buffer in
                unzReadCurrentFile(handle, buffer.baseAddress, UInt32(buffer.count))
            }
        }
    }
}
