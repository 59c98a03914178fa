import CSHA256

/// SHA-256 (FIPS 180-4), for naming a template by its bytes.
public enum SHA256 {
    /// Who runs the compression function over the whole blocks.
    enum Rounds {
        /// The Swift code below: every processor.
        case portable
        /// The processor's SHA instructions (x86 SHA extensions), where there are some: twenty times
        /// fewer instructions (the wizard names its autosave by the template's digest before its
        /// first frame).
        case hardware

        static let fastest: Rounds = tk_sha256_hardware_available() != 0 ? .hardware : .portable
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]


    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest(bytes) { out += [Hex.digits[Int(byte >> 4)], Hex.digits[Int(byte & 0xF)]] }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] { digest(bytes, rounds: .fastest) }

    static func digest(_ bytes: [UInt8], rounds: Rounds) -> [UInt8] {
        var state = State()
        let whole = bytes.count - bytes.count % 64
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            state.process(base, blocks: whole / 64, rounds: rounds)
        }
        var tail = Array(bytes[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { buffer in
            state.process(buffer.baseAddress!, blocks: buffer.count / 64, rounds: rounds)
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in state.h {
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return out
    }

    private struct State {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var w = [UInt32](repeating: 0, count: 64)
        let constants = SHA256.k

        mutating func process(_ base: UnsafePointer<UInt8>, blocks: Int, rounds: Rounds) {
            switch rounds {
            case .hardware:
                h.withUnsafeMutableBufferPointer { tk_sha256_hardware_blocks($0.baseAddress!, base, blocks) }
            case .portable:
                for n in 0..<blocks { process(base + n &* 64) }
            }
        }

        mutating func process(_ block: UnsafePointer<UInt8>) {
            var (a, b, c, d, e, f, g, h) = (self.h[0], self.h[1], self.h[2], self.h[3], self.h[4], self.h[5], self.h[6], self.h[7])
            w.withUnsafeMutableBufferPointer { w in
                constants.withUnsafeBufferPointer { k in
                    for t in 0..<16 {
                        let o = t &* 4
                        w[t] = UInt32(block[o]) << 24 | UInt32(block[o &+ 1]) << 16 | UInt32(block[o &+ 2]) << 8 | UInt32(block[o &+ 3])
                    }
                    for t in 16..<64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                    }
                    for t in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
                    }
                }
            }
            self.h[0] &+= a; self.h[1] &+= b; self.h[2] &+= c; self.h[3] &+= d
            self.h[4] &+= e; self.h[5] &+= f; self.h[6] &+= g; self.h[7] &+= h
        }
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
}
