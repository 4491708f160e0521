/// SHA-1 (FIPS 180-4) of two byte runs one after the other, for the name-based GUIDs of the REFI-QDA
/// formats (`StableGUID`): a qdpx makes seven a contribution, and swift-crypto's `Insecure.SHA1` spends
/// more on its boxed context than on the hash at that size. Written from the standard; checked against
/// swift-crypto in `REFIQDATests`. Not for security: a name-based UUID only needs SHA-1's bytes.
enum SHA1Digest {
    /// The 20-byte digest of `a` followed by `b`, passed to `body`.
    static func digest<R>(
        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        let length = a.count + b.count
        // The message, 0x80, zeros, and its length in bits: a whole number of 64-byte blocks.
        let blocks = (length + 8) / 64 + 1
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blocks * 64) { message in
            let base = message.baseAddress!
            if a.count > 0 { UnsafeMutableRawPointer(base).copyMemory(from: a.baseAddress!, byteCount: a.count) }
            if b.count > 0 {
                UnsafeMutableRawPointer(base + a.count).copyMemory(from: b.baseAddress!, byteCount: b.count)
            }
            base[length] = 0x80
            (base + length + 1).initialize(repeating: 0, count: blocks * 64 - length - 1)
            let bits = UInt64(length) &* 8
            for k in 0..<8 { base[blocks * 64 - 1 - k] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k))) }
            var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
                0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
            )
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
                for block in 0..<blocks {
                    let p = base + block * 64
                    for t in 0..<16 {
                        w[t] =
                            UInt32(p[4 * t]) << 24 | UInt32(p[4 * t + 1]) << 16 | UInt32(p[4 * t + 2]) << 8
                            | UInt32(p[4 * t + 3])
                    }
                    for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
                    var (a, b, c, d, e) = h
                    for t in 0..<80 {
                        let f: UInt32
                        let k: UInt32
                        switch t {
                        case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                        case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                        }
                        let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                        (e, d, c, b, a) = (d, c, rotl(b, 30), a, temp)
                    }
                    h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
                }
            }
            var out: (UInt64, UInt64, UInt32) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &out) { d in
                func store(_ word: UInt32, _ i: Int) {
                    d[4 * i] = UInt8(word >> 24)
                    d[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 16)
                    d[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 8)
                    d[4 * i + 3] = UInt8(truncatingIfNeeded: word)
                }
                store(h.0, 0)
                store(h.1, 1)
                store(h.2, 2)
                store(h.3, 3)
                store(h.4, 4)
                return body(UnsafeRawBufferPointer(rebasing: d[..<20]))
            }
        }
    }

    @inline(__always) private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}
