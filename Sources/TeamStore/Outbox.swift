import Foundation
import GRDB
import SessionModel
import SessionStore

/// Events written while the team server was out of reach, kept in a local
/// SQLite file until they are sent — in order, exactly once (each keeps its
/// event id, which the server holds unique). Payloads are stored sealed with
/// the session's cipher, so an encrypted session's outbox is encrypted too.
/// Events the server state no longer allows when they finally arrive are
/// moved to `rejected`, with the reason, and the user is told.
public final class Outbox: @unchecked Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// `$CONVENE_OUTBOX`, else `$XDG_CONFIG_HOME/convene/outbox.sqlite`, else `~/.config/convene/outbox.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["CONVENE_OUTBOX"], !p.isEmpty { return p }
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return config + "/convene/outbox.sqlite"
    }

    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try? FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var config = Configuration()
        config.busyMode = .timeout(5)
        // secure_delete: a sent or erased entry's bytes are overwritten, not left in free pages.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            var m = DatabaseMigrator()
            m.registerMigration("v1-outbox") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE pending (
                            n INTEGER PRIMARY KEY AUTOINCREMENT,
                            target TEXT NOT NULL,
                            id TEXT NOT NULL UNIQUE,
                            kind TEXT NOT NULL,
                            version INTEGER NOT NULL,
                            at_ms INTEGER NOT NULL,
                            actor TEXT NOT NULL,
                            payload BLOB NOT NULL
                        );
                        CREATE TABLE rejected (
                            id TEXT PRIMARY KEY NOT NULL,
                            target TEXT NOT NULL,
                            kind TEXT NOT NULL,
                            at_ms INTEGER NOT NULL,
                            actor TEXT NOT NULL,
                            reason TEXT NOT NULL
                        );
                        """)
            }
            try m.migrate(queue)
        } catch {
            throw StoreError.cannotOpen(path: path, detail: "the offline outbox cannot be opened (\(error))")
        }
        chmod(path, 0o600)
    }

    /// Keeps `events` for `target`, all or none.
    func add(_ events: [SessionEvent], target: String, cipher: any PayloadCipher) throws {
        try write { db in
            for e in events {
                let idText = e.id.uuidString.lowercased()
                let sealed = try cipher.seal(try EventCodec.encode(e.payload), context: Data(idText.utf8))
                try db.execute(
                    sql:
                        "INSERT INTO pending (target, id, kind, version, at_ms, actor, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [target, idText, e.kind, e.version, Self.ms(e.at), e.by, sealed])
            }
        }
    }

    /// What waits for `target`, oldest first.
    func pending(target: String, cipher: any PayloadCipher) throws -> [SessionEvent] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pending WHERE target = ? ORDER BY n", arguments: [target]).map {
                row in
                let idText: String = row["id"]
                guard let id = UUID(uuidString: idText) else {
                    throw StoreError.damaged(path: path, detail: "an outbox entry has no valid id")
                }
                let plain = try cipher.open(row["payload"], context: Data(idText.utf8))
                let payload = try EventCodec.decode(kind: row["kind"], version: row["version"], data: plain)
                let atMs: Int64 = row["at_ms"]
                return SessionEvent(
                    id: id, at: Date(timeIntervalSince1970: Double(atMs) / 1000), by: row["actor"], payload)
            }
        }
    }

    /// Forgets sent events and records the refused ones with their reasons.
    func settle(sent: [UUID], rejected: [(SessionEvent, String)], target: String) throws {
        try write { db in
            for id in sent {
                try db.execute(sql: "DELETE FROM pending WHERE id = ?", arguments: [id.uuidString.lowercased()])
            }
            for (e, reason) in rejected {
                let idText = e.id.uuidString.lowercased()
                try db.execute(sql: "DELETE FROM pending WHERE id = ?", arguments: [idText])
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO rejected (id, target, kind, at_ms, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [idText, target, e.kind, Self.ms(e.at), e.by, reason])
            }
        }
    }

    /// Refused events for `target` (kind, actor, reason), oldest first.
    public func rejected(target: String) throws -> [(kind: String, actor: String, reason: String)] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT kind, actor, reason FROM rejected WHERE target = ? ORDER BY at_ms", arguments: [target]
            )
            .map { ($0["kind"], $0["actor"], $0["reason"]) }
        }
    }

    public func pendingCount(target: String) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM pending WHERE target = ?", arguments: [target]) ?? 0
        }
    }

    private func write(_ body: (Database) throws -> Void) throws {
        do { try queue.write(body) } catch let e as StoreError { throw e } catch {
            throw StoreError.failed(
                "the offline outbox \(path) could not be written (\(error)); the event was not kept")
        }
    }

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
}
