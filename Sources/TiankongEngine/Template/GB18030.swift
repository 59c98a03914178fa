#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 conversion through the C library's iconv, which implements the full standard.
enum GB18030 {
    enum Outcome {
        case success([UInt8])
        case failure(Int)
    }

    /// Decodes GB18030 bytes to UTF-8, or gives the offset of the first byte that is not GB18030.
    static func decode(_ bytes: [UInt8]) -> Outcome {
        switch convert(bytes, from: "GB18030", to: "UTF-8") {
        case .converted(let out): return .success(out)
        case .stopped(let offset): return .failure(offset)
        }
    }

    /// Encodes UTF-8 text as GB18030, which can hold every Unicode character.
    static func encode(_ utf8: [UInt8]) -> [UInt8] {
        switch convert(utf8, from: "UTF-8", to: "GB18030") {
        case .converted(let out): return out
        case .stopped: return utf8  // unreachable for valid UTF-8: GB18030 maps all of Unicode
        }
    }

    private enum Result {
        case converted([UInt8])
        case stopped(Int)
    }

    private static func convert(_ input: [UInt8], from: String, to: String) -> Result {
        guard let cd = iconv_open(to, from), cd != iconv_t(bitPattern: -1) else { return .stopped(0) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var input = input
        let inputCount = input.count
        var produced = 0
        var consumed = 0
        var stoppedAt: Int?
        input.withUnsafeMutableBufferPointer { inBuffer in
            while consumed < inputCount {
                if output.count - produced < 64 { output += [UInt8](repeating: 0, count: output.count) }
                var inLeft = inputCount - consumed
                var outLeft = output.count - produced
                let result: Int = output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return r
                }
                let newConsumed = inputCount - inLeft
                produced = output.count - outLeft
                if result == -1 {
                    let error = errno
                    if error == E2BIG {
                        consumed = newConsumed
                        output += [UInt8](repeating: 0, count: output.count)
                        continue
                    }
                    stoppedAt = newConsumed
                    return
                }
                consumed = newConsumed
            }
        }
        if let stoppedAt { return .stopped(stoppedAt) }
        output.removeSubrange(produced...)
        return .converted(output)
    }
}
