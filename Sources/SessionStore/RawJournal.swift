import Crypto
import Foundation
import GRDB
import SessionModel

/// The journal's rows exactly as stored — sealed payload, salt, commitment,
/// hash — for moving a session between backends (`convene push` / `pull`)
/// without re-sealing or re-hashing anything, so the chain survives the trip.
public struct RawEventRow: Sendable, Equatable {
    public var seq: Int
    public var id: String
    public var kind: String
    public var version: Int
    public var atMs: Int64
    public var actor: String
    public var restricted: Bool
    /// Sealed bytes (plain JSON for an unencrypted session); nil once erased.
    public var payload: Data?
    public var salt: Data?
    public var commitment: Data
    public var hash: Data

    public init(
        seq: Int, id: String, kind: String, version: Int, atMs: Int64, actor: String, restricted: Bool,
        payload: Data?, salt: Data?, commitment: Data, hash: Data
    ) {
        self.seq = seq
        self.id = id
        self.kind = kind
        self.version = version
        self.atMs = atMs
        self.actor = actor
        self.restricted = restricted
        self.payload = payload
        self.salt = salt
        self.commitment = commitment
        self.hash = hash
    }

    /// The hash this row must carry after `previous`; a mismatch means the row was altered.
    public func expectedHash(after previous: Data, key: SymmetricKey? = nil) -> Data? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return HashChain.link(
            previous: previous, seq: seq, id: uuid, kind: kind, version: version, atMs: atMs,
            actor: actor, restricted: restricted, commitment: commitment, key: key)
    }

    /// Checks order, chain and commitments of `rows` from the first event;
    /// returns the first bad seq, if any. A keyed chain (`keyed`) is verified
    /// only with its `key`; a payload an erasure rewrote is held against the
    /// commitment its erasure record gives (when the record can be read).
    public static func firstBrokenLink(
        _ rows: [RawEventRow], keyed: Bool = false, key: SymmetricKey? = nil,
        cipher: (any PayloadCipher)? = PlainPayloads()
    ) -> Int? {
        var rewritten: [Int: String] = [:]
        var unreadableRecordAt = 0
        for row in rows where row.kind == ParticipantWithdrawn.kind || row.kind == LinkageDestroyed.kind {
            guard let payload = row.payload else { continue }
            let plain = cipher.flatMap { try? $0.open(payload, context: Data(row.id.utf8)) }
            guard let plain, let decoded = try? EventCodec.decode(kind: row.kind, version: row.version, data: plain)
            else {
                unreadableRecordAt = max(unreadableRecordAt, row.seq)
                continue
            }
            let record = (decoded as? ParticipantWithdrawn)?.record ?? (decoded as? LinkageDestroyed)?.record
            for r in record?.rewritten ?? [] { rewritten[r.seq] = r.commitment }
        }
        var previous = HashChain.genesis
        for (i, row) in rows.enumerated() {
            guard row.seq == i + 1 else { return row.seq }
            if !keyed || key != nil {
                guard row.expectedHash(after: previous, key: key) == row.hash else { return row.seq }
            }
            if let payload = row.payload, let salt = row.salt {
                let c = HashChain.commitment(salt: salt, payload: payload)
                if c != row.commitment, rewritten[row.seq] != HashChain.hex(c), row.seq >= unreadableRecordAt {
                    return row.seq
                }
            }
            previous = row.hash
        }
        return nil
    }
}

extension SQLiteJournal {
    /// The meta and every row of a session file, untouched.
    public static func rawJournal(path: String) throws -> (meta: FileMeta, rows: [RawEventRow]) {
        let meta = try readMeta(path: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            defer { try? queue.close() }
            let rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq").map { r in
                    RawEventRow(
                        seq: r["seq"], id: r["id"], kind: r["kind"], version: r["version"], atMs: r["at_ms"],
                        actor: r["actor"], restricted: r["restricted"], payload: r["payload"], salt: r["salt"],
                        commitment: r["commitment"], hash: r["hash"])
                }
            }
            return (meta, rows)
        } catch { throw map(error, path: path) }
    }

    /// Writes a new session file holding exactly `rows` (whole or not at all).
    public static func createFromRaw(path: String, meta: [String: String], rows: [RawEventRow]) throws {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.fileExists(path) }
        try buildNewFile(at: path) { db in
            for (k, v) in meta { try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v]) }
            for r in rows {
                try db.execute(
                    sql: """
                        INSERT INTO events (seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.seq, r.id, r.kind, r.version, r.atMs, r.actor, r.restricted, r.payload, r.salt, r.commitment,
                        r.hash,
                    ])
            }
        }
        if let session = meta["session_id"], let last = rows.last {
            Anchors.record(
                JournalHead(
                    session: session, seq: last.seq, hash: HashChain.hex(last.hash), at: Date(),
                    location: Anchors.canonical(path)))
        }
    }
}
