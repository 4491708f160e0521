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

    public init(seq: Int, id: String, kind: String, version: Int, atMs: Int64, actor: String, restricted: Bool,
                payload: Data?, salt: Data?, commitment: Data, hash: Data) {
        self.seq = seq; self.id = id; self.kind = kind; self.version = version; self.atMs = atMs; self.actor = actor
        self.restricted = restricted; self.payload = payload; self.salt = salt; self.commitment = commitment; self.hash = hash
    }

    /// The hash this row must carry after `previous`; a mismatch means the row was altered.
    public func expectedHash(after previous: Data) -> Data? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return HashChain.link(previous: previous, seq: seq, id: uuid, kind: kind, version: version, atMs: atMs,
                              actor: actor, restricted: restricted, commitment: commitment)
    }

    /// Checks order and chain of `rows` from the first event; returns the first bad seq, if any.
    public static func firstBrokenLink(_ rows: [RawEventRow]) -> Int? {
        var previous = HashChain.genesis
        for (i, row) in rows.enumerated() {
            guard row.seq == i + 1, row.expectedHash(after: previous) == row.hash else { return row.seq }
            if let payload = row.payload, let salt = row.salt,
               HashChain.commitment(salt: salt, payload: payload) != row.commitment { return row.seq }
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
                    RawEventRow(seq: r["seq"], id: r["id"], kind: r["kind"], version: r["version"], atMs: r["at_ms"],
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
                try db.execute(sql: """
                    INSERT INTO events (seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r.seq, r.id, r.kind, r.version, r.atMs, r.actor, r.restricted, r.payload, r.salt, r.commitment, r.hash])
            }
        }
    }
}

