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

    public static func link(previous: Data, seq: Int, id: UUID, kind: String, version: Int,
                            atMs: Int64, actor: String, restricted: Bool, commitment: Data) -> Data {
        var h = SHA256()
        func field(_ d: Data) {
            var n = UInt32(d.count).bigEndian
            h.update(data: Data(bytes: &n, count: 4))
            h.update(data: d)
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
        return Data(h.finalize())
    }
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
