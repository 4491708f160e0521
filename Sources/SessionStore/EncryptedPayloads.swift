import Crypto
import CryptoExtras
import Foundation

/// Encryption at rest: every payload, the snapshot and the console drafts are
/// sealed with AES-256-GCM under a random 256-bit data key. (AES-GCM rather
/// than ChaCha20-Poly1305 because laptops have AES instructions: opening a
/// long session's snapshot decrypts twice as fast.)
///
/// Envelope encryption: the data key is stored in `meta`, itself sealed
/// ("wrapped") under a key derived from the passphrase with scrypt. Changing
/// the passphrase re-wraps the data key and touches no event, so the hash
/// chain (which covers the sealed bytes) is unchanged by `convene rekey`.
///
/// The wrapped key's authentication tag is the key check: a wrong passphrase
/// derives a key that cannot open it, which is reported as
/// `StoreError.wrongPassphrase` before a single event is read.
public struct EncryptedPayloads: PayloadCipher {
    /// The value of `meta.encryption` for files sealed this way. It names the
    /// layout too (nonce ‖ ciphertext ‖ tag): a different layout gets a new name.
    public static let cipherName = "aes-256-gcm/scrypt"
    public var name: String { Self.cipherName }

    private let dataKey: SymmetricKey

    /// The cost of deriving the passphrase key. Stored per file, so it can
    /// be raised later without breaking older files.
    public struct KeyDerivation: Sendable, Equatable {
        /// log2 of scrypt's N (rounds).
        public var logN: Int
        public var blockSize: Int
        public var parallelism: Int
        public init(logN: Int, blockSize: Int, parallelism: Int) {
            self.logN = logN
            self.blockSize = blockSize
            self.parallelism = parallelism
        }
        /// N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a second, once per open.
        public static let standard = KeyDerivation(logN: 15, blockSize: 8, parallelism: 1)
        /// For tests only: cheap, and still the same code path.
        public static let fastForTests = KeyDerivation(logN: 10, blockSize: 8, parallelism: 1)

        /// Bounds on what a file may ask for, so a doctored `meta` cannot make
        /// opening allocate gigabytes or spin for hours.
        var isReasonable: Bool {
            guard (10...20).contains(logN), (1...16).contains(blockSize), (1...4).contains(parallelism) else {
                return false
            }
            // scrypt needs 128·N·r bytes: at most 256 MiB.
            return 128 * (1 << logN) * blockSize <= 256 << 20
        }
    }

    enum MetaKey {
        static let kdf = "kdf"
        static let salt = "kdf_salt"
        static let logN = "kdf_log_n"
        static let blockSize = "kdf_r"
        static let parallelism = "kdf_p"
        static let wrappedKey = "wrapped_key"
    }

    /// Bound into the wrapped key's tag, so the blob cannot be mistaken for a payload.
    private static let wrapContext = Data("convene data key v1".utf8)

    private init(dataKey: SymmetricKey) { self.dataKey = dataKey }

    // MARK: Creating, unlocking, re-wrapping

    /// A cipher with a fresh random data key, and the `meta` entries that
    /// store it wrapped under `passphrase`.
    public static func create(passphrase: String, derivation: KeyDerivation = .standard) throws -> (
        cipher: EncryptedPayloads, meta: [String: String]
    ) {
        let cipher = EncryptedPayloads(dataKey: SymmetricKey(size: .bits256))
        return (cipher, try cipher.wrap(passphrase: passphrase, derivation: derivation))
    }

    /// Unwraps the data key of a file. A wrong passphrase is `wrongPassphrase`;
    /// missing or absurd settings are `damaged`; nothing here can trap.
    public static func unlock(meta: FileMeta, passphrase: String, path: String) throws -> EncryptedPayloads {
        guard meta.encryption == cipherName else {
            throw StoreError.cannotOpen(
                path: path, detail: "it is encrypted with '\(meta.encryption)', which this Convene does not know")
        }
        let v = meta.values
        guard v[MetaKey.kdf] == "scrypt",
            let salt = v[MetaKey.salt].flatMap({ Data(base64Encoded: $0) }), salt.count >= 16,
            let logN = v[MetaKey.logN].flatMap(Int.init), let r = v[MetaKey.blockSize].flatMap(Int.init),
            let p = v[MetaKey.parallelism].flatMap(Int.init),
            let wrapped = v[MetaKey.wrappedKey].flatMap({ Data(base64Encoded: $0) })
        else {
            throw StoreError.damaged(path: path, detail: "its encryption settings are missing or unreadable")
        }
        let derivation = KeyDerivation(logN: logN, blockSize: r, parallelism: p)
        guard derivation.isReasonable else {
            throw StoreError.damaged(path: path, detail: "its key-derivation settings are out of range")
        }
        guard let box = try? AES.GCM.SealedBox(combined: wrapped) else {
            throw StoreError.damaged(path: path, detail: "its wrapped data key is cut short")
        }
        let kek = try deriveKey(passphrase: passphrase, salt: salt, derivation: derivation)
        let raw: Data
        do {
            raw = try AES.GCM.open(box, using: kek, authenticating: wrapContext)
        } catch {
            throw StoreError.wrongPassphrase
        }
        guard raw.count == 32 else { throw StoreError.damaged(path: path, detail: "its data key has the wrong length") }
        return EncryptedPayloads(dataKey: SymmetricKey(data: raw))
    }

    /// The `meta` entries that store this cipher's data key under a new passphrase (fresh salt).
    public func wrap(passphrase: String, derivation: KeyDerivation = .standard) throws -> [String: String] {
        let salt = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        let kek = try Self.deriveKey(passphrase: passphrase, salt: salt, derivation: derivation)
        let raw = dataKey.withUnsafeBytes { Data($0) }
        guard let wrapped = try AES.GCM.seal(raw, using: kek, authenticating: Self.wrapContext).combined else {
            throw SealError.unknownLayout
        }
        return [
            MetaKey.kdf: "scrypt",
            MetaKey.salt: salt.base64EncodedString(),
            MetaKey.logN: String(derivation.logN),
            MetaKey.blockSize: String(derivation.blockSize),
            MetaKey.parallelism: String(derivation.parallelism),
            MetaKey.wrappedKey: wrapped.base64EncodedString(),
        ]
    }

    private static func deriveKey(passphrase: String, salt: Data, derivation: KeyDerivation) throws -> SymmetricKey {
        // The same words typed on another keyboard or input method must give the same key.
        let bytes = Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
        do {
            return try KDF.Scrypt.deriveKey(
                from: bytes, salt: salt, outputByteCount: 32, rounds: 1 << derivation.logN,
                blockSize: derivation.blockSize, parallelism: derivation.parallelism)
        } catch {
            throw StoreError.failed("the passphrase key could not be derived (\(error)); not enough memory?")
        }
    }

    /// The key of the session's keyed hash chain (HKDF-SHA-256 of the data key).
    public var chainKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: dataKey, info: Data("convene chain v1".utf8), outputByteCount: 32)
    }

    // MARK: Sealing

    /// `context` (the event id, or "snapshot") is authenticated with the
    /// payload: a sealed row copied onto another event does not open.
    public func seal(_ plain: Data, context: Data) throws -> Data {
        // `combined` is nil only for nonces of a non-standard size, which are never used here.
        guard let combined = try AES.GCM.seal(plain, using: dataKey, authenticating: context).combined else {
            throw SealError.unknownLayout
        }
        return combined
    }

    public func open(_ sealed: Data, context: Data) throws -> Data {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return try AES.GCM.open(box, using: dataKey, authenticating: context)
    }

    enum SealError: Error { case unknownLayout }
}
