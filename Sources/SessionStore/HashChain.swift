import Crypto
import Foundation

/// The audit chain: each event's hash covers the previous hash, its header and
/// a salted commitment to its payload. Erasing a payload erases its salt too,
/// so the commitment that stays reveals nothing, yet the chain still verifies.
public enum HashChain {
    public static let genesis = Data(repeating: 0, count: 32)

    public static func newSalt() -> Data {
        var bytes = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = rng.next() }
        return Data(bytes)
    }

    public static func commitment(salt: Data, payload: Data) -> Data {
        var h = SHA256()
        h.update(data: salt)
        h.update(data: payload)
        return Data(h.finalize())
    }

    /// The link after `previous`. With `key` (encrypted sessions) it is an
    /// HMAC-SHA-256 under a key derived from the session's data key, so nobody
    /// without the passphrase can recompute a chain after removing events.
    public static func link(
        previous: Data, seq: Int, id: UUID, kind: String, version: Int,
        atMs: Int64, actor: String, restricted: Bool, commitment: Data,
        key: SymmetricKey? = nil
    ) -> Data {
        var message = Data()
        func field(_ d: Data) {
            var n = UInt32(d.count).bigEndian
            message.append(Data(bytes: &n, count: 4))
            message.append(d)
        }
        field(previous)
        field(Data(String(seq).utf8))
        field(Data(id.uuidString.lowercased().utf8))
        field(Data(kind.utf8))
        field(Data(String(version).utf8))
        field(Data(String(atMs).utf8))
        field(Data(actor.utf8))
        field(Data(restricted ? [1] : [0]))
        field(commitment)
        if let key { return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)) }
        return Data(SHA256.hash(data: message))
    }

    /// The `meta.chain` value of a keyed chain.
    public static let keyedName = "hmac-sha256"

    /// The chain key of a session: derived (HKDF) from its data key, never stored.
    public static func key(for cipher: any PayloadCipher, meta: FileMeta) -> SymmetricKey? {
        guard meta.values["chain"] == keyedName, let sealed = cipher as? EncryptedPayloads else { return nil }
        return sealed.chainKey
    }

    public static func hex(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }
}

/// How payloads are stored: as written, or sealed (see EncryptedPayloads).
public protocol PayloadCipher: Sendable {
    /// Recorded in the file's meta table.
    var name: String { get }
    func seal(_ plain: Data, context: Data) throws -> Data
    func open(_ sealed: Data, context: Data) throws -> Data
}

public struct PlainPayloads: PayloadCipher {
    public init() {}
    public var name: String { "none" }
    public func seal(_ plain: Data, context: Data) throws -> Data { plain }
    public func open(_ sealed: Data, context: Data) throws -> Data { sealed }
}

/// Payload lengths are hidden in buckets: plain JSON is padded with spaces
/// (which JSON ignores) to the next bucket before sealing, so a sealed row
/// tells roughly, not exactly, how long its content is.
public enum PayloadPadding {
    public static func padded(_ plain: Data) -> Data {
        let n = plain.count
        let bucket: Int
        if n <= 256 {
            bucket = 256
        } else if n <= 4_096 {
            bucket = 1 << Int((Double(n)).log2.rounded(.up))
        } else {
            bucket = (n + 4_095) / 4_096 * 4_096
        }
        return plain + Data(repeating: 0x20, count: bucket - n)
    }
}

extension Double {
    fileprivate var log2: Double { Foundation.log2(self) }
}
