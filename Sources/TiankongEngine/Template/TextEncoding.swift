import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The character encoding a template was read in, and that its report is written back in.
public enum TextEncoding: String, Sendable, Equatable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
}

/// How the lines of a template end; kept as found.
public enum LineEnding: String, Sendable, Equatable, Codable {
    case lf
    case crlf
    case mixed
    case none
}

/// The result of decoding a template's bytes: its text as UTF-8, and how it was stored.
public struct DecodedText: Sendable, Equatable {
    /// The text as UTF-8 bytes, without a byte-order mark.
    public var utf8: [UInt8]
    public var encoding: TextEncoding
    public var hasByteOrderMark: Bool
    public var lineEnding: LineEnding
}

/// Decodes template bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.
public enum TextDecoder {
    /// Decodes the bytes of a template file.
    /// - Throws: `TemplateError` for empty, binary or undecodable input (the path is filled in by the caller).
    public static func decode(_ bytes: [UInt8], path: String) throws(TemplateError) -> DecodedText {
        if bytes.isEmpty { throw .empty(path: path) }
        var text: [UInt8]
        var encoding = TextEncoding.utf8
        var bom = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = true
            text = Array(bytes[3...])
            if let offset = UTF8Validation.firstInvalidOffset(text) {
                throw .undecodable(path: path, byteOffset: offset + 3)
            }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bom = true
            encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            text = try utf16ToUTF8(Array(bytes[2...]), bigEndian: encoding == .utf16BigEndian, path: path)
        } else {
            if let nul = firstNUL(bytes) {
                throw looksLikeBOMlessUTF16(bytes) ? .utf16WithoutBOM(path: path) : .binary(path: path, byteOffset: nul)
            }
            if let invalidAt = UTF8Validation.firstInvalidOffset(bytes) {
                switch GB18030.decode(bytes) {
                case .success(let utf8):
                    text = utf8
                    encoding = .gb18030
                case .failure(let gbOffset):
                    throw .undecodable(path: path, byteOffset: max(invalidAt, gbOffset))
                }
            } else {
                text = bytes
            }
        }
        if text.isEmpty { throw .empty(path: path) }
        // UTF-8 without a BOM was checked for NUL above; decoded text (GB18030, UTF-16, BOM) is checked here.
        if encoding != .utf8 || bom, let nul = firstNUL(text) { throw .binary(path: path, byteOffset: nul) }
        return DecodedText(utf8: text, encoding: encoding, hasByteOrderMark: bom, lineEnding: lineEnding(of: text))
    }

    /// The offset of the first NUL byte, found with the C library's vector memchr.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let hit = memchr(base, 0, b.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Encodes UTF-8 text for writing in the given encoding, with a BOM when asked.
    public static func encode(_ utf8: [UInt8], as encoding: TextEncoding, byteOrderMark: Bool) -> [UInt8] {
        switch encoding {
        case .utf8:
            return byteOrderMark ? [0xEF, 0xBB, 0xBF] + utf8 : utf8
        case .gb18030:
            return GB18030.encode(utf8)
        case .utf16LittleEndian, .utf16BigEndian:
            let big = encoding == .utf16BigEndian
            var out: [UInt8] = byteOrderMark ? (big ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            out.reserveCapacity(out.count + utf8.count * 2)
            for unit in String(decoding: utf8, as: UTF8.self).utf16 {
                let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
                if big { out.append(hi); out.append(lo) } else { out.append(lo); out.append(hi) }
            }
            return out
        }
    }

    static func lineEnding(of text: [UInt8]) -> LineEnding {
        var crlf = 0, lf = 0
        text.withUnsafeBufferPointer { b in
            LineBytes.forEachNewline(in: b) { at in
                if at > 0 && b[at - 1] == 0x0D { crlf += 1 } else { lf += 1 }
            }
        }
        switch (crlf, lf) {
        case (0, 0): return .none
        case (_, 0): return .crlf
        case (0, _): return .lf
        default: return .mixed
        }
    }

    /// True when bytes with NULs read as UTF-16 text (either byte order): mostly ASCII, CJK and punctuation.
    private static func looksLikeBOMlessUTF16(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8, bytes.count % 2 == 0 else { return false }
        let sample = Array(bytes.prefix(8192))
        for bigEndian in [false, true] {
            var textLike = 0
            var total = 0
            var i = 0
            while i + 1 < sample.count {
                let unit = bigEndian ? UInt16(sample[i]) << 8 | UInt16(sample[i + 1]) : UInt16(sample[i + 1]) << 8 | UInt16(sample[i])
                total += 1
                switch unit {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x2000...0x206F, 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF: textLike += 1
                default: break
                }
                i += 2
            }
            if total > 0, textLike * 10 >= total * 9 { return true }
        }
        return false
    }

    private static func utf16ToUTF8(_ bytes: [UInt8], bigEndian: Bool, path: String) throws(TemplateError) -> [UInt8] {
        if bytes.count % 2 != 0 { throw .undecodable(path: path, byteOffset: bytes.count + 1) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 3)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var unitOffset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                UTF8.encode(scalar) { out.append($0) }
                unitOffset += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break loop
            case .error:
                throw .undecodable(path: path, byteOffset: 2 + unitOffset * 2)
            }
        }
        return out
    }
}

/// Finds the first byte that breaks UTF-8, in one pass (two halves on two cores for a megabyte or more).
enum UTF8Validation {
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        // The halves meet at the start of a character (a byte that is not a continuation), so no
        // valid character spans them and the first error of the first half is the first error.
        let n = bytes.count
        var start = n / 2
        while start < n, start < n / 2 + 4, bytes[start] & 0xC0 == 0x80 { start += 1 }
        let middle = start
        guard Parallel.pays(forBytes: n), middle < n, bytes[middle] & 0xC0 != 0x80 else {
            return bytes.withUnsafeBufferPointer { firstInvalidOffset($0, from: 0, to: n) }
        }
        let found = Found()
        Parallel.run(2) { half in
            bytes.withUnsafeBufferPointer { buffer in
                if half == 0 {
                    found.first = firstInvalidOffset(buffer, from: 0, to: middle)
                } else {
                    found.second = firstInvalidOffset(buffer, from: middle, to: n)
                }
            }
        }
        return found.first ?? found.second
    }

    /// Where the two halves leave what they found (each writes its own).
    private final class Found: @unchecked Sendable {
        var first: Int?
        var second: Int?
    }

    /// The first invalid offset in `buffer[from..<to]`, read as if the text ended at `to`.
    static func firstInvalidOffset(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to n: Int) -> Int? {
        var i = from
        let raw = UnsafeRawBufferPointer(buffer)
        while i < n {
            // The common case in Chinese text first: two three-byte characters (leads E1–EF but ED, each
            // followed by two continuation bytes) checked at once in a 64-bit word.
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0 {
                    let lead0 = word & 0xFF, lead1 = (word >> 24) & 0xFF
                    if lead0 != 0xE0, lead0 != 0xED, lead1 != 0xE0, lead1 != 0xED {
                        i += 6
                        continue
                    }
                }
            }
            let b0 = buffer[i]
            // One three-byte character of the BMP outside E0, ED.
            if b0 >= 0xE1, b0 <= 0xEF, b0 != 0xED, i + 2 < n,
               buffer[i + 1] & 0xC0 == 0x80, buffer[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            if b0 < 0x80 {
                // ASCII: eight bytes at a time where it runs on.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                } else {
                    i += 1
                }
                continue
            }
            let length: Int
            var minimumSecond: UInt8 = 0x80, maximumSecond: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minimumSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maximumSecond = 0x9F
            case 0xF0: length = 4; minimumSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maximumSecond = 0x8F
            default: return i
            }
            if i + length > n { return i }
            let b1 = buffer[i + 1]
            if b1 < minimumSecond || b1 > maximumSecond { return i }
            var k = 2
            while k < length {
                if buffer[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
