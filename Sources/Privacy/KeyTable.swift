/// A table from token keys to bit sets, for the look-ups a scan makes for every token (the gazetteer's lists,
/// `TokenVocab`'s word sets). A `[String: …]` dictionary hashed each key with SipHash through the generic `Hasher`
/// (a tenth of a scan with the sets' `contains`), and loading the gazetteer made a String per line before hashing it.
/// Here an ASCII key is hashed over its bytes with a multiply-and-xor hash and found by open addressing in one flat
/// array; its bytes sit in one arena. A key with other scalars (a few in the lists, rare in text) is put in its
/// canonical (NFC) form first, as String equality compares, and kept in a dictionary unless that form is ASCII:
/// so `bits(k)` answers exactly as `dictionary[k]` did, canonical equivalence included.
import Foundation

struct KeyTable: Sendable {
    /// Per slot: 0 for empty, else the entry's index + 1 in the low half and its hash's high half above.
    private var slots: [UInt64]
    private var mask: Int
    /// Entry `e`'s bytes are `arena[starts[e]..<starts[e + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [UInt32] = [0]
    private var values: [UInt32] = []
    private var hashes: [UInt64] = []
    /// Keys whose canonical form is not ASCII.
    private var other: [String: UInt32] = [:]

    /// `capacity`: the number of keys expected (the table grows past it).
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
        starts.reserveCapacity(capacity + 1)
        values.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// The number of keys.
    var count: Int { values.count + other.count }

    @inline(__always) private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(key.count)
        var k = 0
        // Eight bytes at a time where there are eight; the rest one at a time.
        while k + 8 <= key.count {
            let word = UnsafeRawPointer(key.baseAddress! + k).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            k += 8
        }
        while k < key.count {
            h = (h ^ UInt64(key[k])) &* 0x100_0000_01b3
            k += 1
        }
        h ^= h >> 32
        h = h &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    @inline(__always) private static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in key where c >= 0x80 { return false }
        return true
    }

    /// The entry of the ASCII key `key` with hash `h`, nil when absent.
    @inline(__always) private func find(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> Int? {
        // Read through the arrays' buffers: indices come from the table itself, and the checks on every slot and
        // byte were a third of building the gazetteer's table.
        slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                arena.withUnsafeBufferPointer { arena in
                    var i = Int(truncatingIfNeeded: h) & mask
                    let tag = h >> 32
                    while true {
                        let s = slots[i]
                        if s == 0 { return nil }
                        if s >> 32 == tag {
                            let e = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                            let a = Int(starts[e])
                            let b = Int(starts[e + 1])
                            if b - a == key.count {
                                var same = true
                                for k in 0..<key.count where arena[a + k] != key[k] {
                                    same = false
                                    break
                                }
                                if same { return e }
                            }
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// The bits of `key`, 0 when it is in no set.
    @inline(__always) func bits(_ key: String) -> UInt32 {
        let fast = key.utf8.withContiguousStorageIfAvailable { buffer -> UInt32? in
            guard Self.isASCII(buffer) else { return nil }
            guard let e = find(buffer, Self.hash(buffer)) else { return 0 }
            return values[e]
        }
        if let fast = fast ?? nil { return fast }
        return otherBits(key)
    }

    /// `(first.bits(key), second.bits(key))`, an ASCII key's bytes checked and hashed once for both tables (the
    /// two look-ups `ScanContext` makes for every token; both tables hash alike).
    @inline(__always) static func bits(_ key: String, _ first: KeyTable, _ second: KeyTable) -> (UInt32, UInt32) {
        let fast = key.utf8.withContiguousStorageIfAvailable { buffer -> (UInt32, UInt32)? in
            guard isASCII(buffer) else { return nil }
            let h = hash(buffer)
            let a = first.find(buffer, h).map { first.values[$0] } ?? 0
            let b = second.find(buffer, h).map { second.values[$0] } ?? 0
            return (a, b)
        }
        if let fast = fast ?? nil { return fast }
        return (first.otherBits(key), second.otherBits(key))
    }

    private func otherBits(_ key: String) -> UInt32 {
        var canonical = key.precomposedStringWithCanonicalMapping
        if canonical.utf8.allSatisfy({ $0 < 0x80 }) {
            return canonical.withUTF8 { buffer in find(buffer, Self.hash(buffer)).map { values[$0] } ?? 0 }
        }
        return other[canonical] ?? 0
    }

    /// Adds `bits` to the bits of the key spelled by `bytes` (UTF-8).
    mutating func insert(bytes: UnsafeBufferPointer<UInt8>, _ bits: UInt32) {
        if Self.isASCII(bytes) {
            insertASCII(bytes, bits)
        } else {
            insert(String(decoding: bytes, as: UTF8.self), bits)
        }
    }

    /// Adds `bits` to the bits of `key`.
    mutating func insert(_ key: String, _ bits: UInt32) {
        var key = key
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            key.withUTF8 { insertASCII($0, bits) }
            return
        }
        var canonical = key.precomposedStringWithCanonicalMapping
        if canonical.utf8.allSatisfy({ $0 < 0x80 }) {
            canonical.withUTF8 { insertASCII($0, bits) }
        } else {
            other[canonical, default: 0] |= bits
        }
    }

    private mutating func insertASCII(_ key: UnsafeBufferPointer<UInt8>, _ bits: UInt32) {
        let h = Self.hash(key)
        if let e = find(key, h) {
            values[e] |= bits
            return
        }
        if (values.count + 1) * 2 > slots.count { grow() }
        arena.append(contentsOf: key)
        starts.append(UInt32(arena.count))
        values.append(bits)
        hashes.append(h)
        place(values.count - 1, h)
    }

    private mutating func place(_ e: Int, _ h: UInt64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = (h >> 32) << 32 | UInt64(e + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for e in hashes.indices { place(e, hashes[e]) }
    }
}
