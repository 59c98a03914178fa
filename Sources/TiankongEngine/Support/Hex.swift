/// Hexadecimal digits, as UTF-8 bytes: written by the digest and the JSON escapes, read by the JSON and
/// YAML readers' escapes.
enum Hex {
    /// Lowercase digits, by value.
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of a hex digit (either case), or nil for any other byte.
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
