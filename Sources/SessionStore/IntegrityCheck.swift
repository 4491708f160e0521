import Foundation
import GRDB
import SessionModel

/// What `convene check` found: nothing, or every damage it could name.
public struct CheckReport: Sendable, Equatable {
    public var events = 0
    public var erased = 0
    public var problems: [String] = []
    public var isHealthy: Bool { problems.isEmpty }
    public init() {}
}

extension SQLiteJournal {
    /// Checks the file as it is on disk: SQLite's own structure, the sequence,
    /// each payload against its commitment, the hash chain, and a full replay.
    /// It reads rows raw, so it can name damage that `open` would stop at.
    public static func check(path: String, cipher: (any PayloadCipher)? = nil) throws -> CheckReport {
        var report = CheckReport()
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
        } catch { throw map(error, path: path) }
        defer { try? queue.close() }
        do {
            try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    report.problems.append(contentsOf: integrity.prefix(20).map { "SQLite structure: \($0)" })
                }
                guard try db.tableExists("events") else {
                    report.problems.append("the events table is missing")
                    return
                }
                var previous = HashChain.genesis
                var state = SessionState()
                var expected = 1
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
                while let row = try rows.next() {
                    report.events += 1
                    let seq: Int = row["seq"]
                    if seq != expected { report.problems.append("event \(expected) is missing (next is \(seq))") }
                    expected = seq + 1
                    let idText: String = row["id"] ?? ""
                    let payload: Data? = row["payload"]
                    let salt: Data? = row["salt"]
                    let commitment: Data = row["commitment"] ?? Data()
                    if let payload, let salt {
                        if HashChain.commitment(salt: salt, payload: payload) != commitment {
                            report.problems.append("event \(seq): its content was changed after it was written")
                        }
                    } else if payload != nil || salt != nil {
                        report.problems.append("event \(seq): half-erased (payload and salt must go together)")
                    } else {
                        report.erased += 1
                    }
                    let atMs: Int64 = row["at_ms"] ?? 0
                    let actor: String = row["actor"] ?? ""
                    let kind: String = row["kind"] ?? ""
                    let version: Int = row["version"] ?? 0
                    let restricted: Bool = row["restricted"] ?? false
                    let storedHash: Data = row["hash"] ?? Data()
                    if let id = UUID(uuidString: idText) {
                        let link = HashChain.link(previous: previous, seq: seq, id: id, kind: kind, version: version,
                                                  atMs: atMs, actor: actor, restricted: restricted, commitment: commitment)
                        if link != storedHash {
                            report.problems.append("event \(seq): the hash chain breaks here (a row was altered, inserted or removed)")
                        }
                    } else {
                        report.problems.append("event \(seq): invalid event id")
                    }
                    previous = storedHash
                    // Replay: an encrypted payload is only readable with its key.
                    let contentCipher: (any PayloadCipher)? = payload == nil ? PlainPayloads() : cipher
                    if let contentCipher {
                        do {
                            let plain = try payload.map { try contentCipher.open($0, context: Data(idText.utf8)) }
                            let decoded = try EventCodec.decode(kind: kind, version: version, data: plain)
                            try state.apply(SessionEvent(id: UUID(uuidString: idText) ?? UUID(), at: Date(timeIntervalSince1970: Double(atMs) / 1000), by: actor, decoded))
                        } catch let e as SessionError {
                            report.problems.append("event \(seq) cannot be replayed: \(e)")
                        } catch {
                            report.problems.append("event \(seq) cannot be opened (tampered, or the wrong key)")
                        }
                    }
                }
                if let snap = try Row.fetchOne(db, sql: "SELECT seq, hash FROM snapshot WHERE id = 1") {
                    let seq: Int = snap["seq"]
                    let hash: Data = snap["hash"]
                    let chain = try Data.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq])
                    if chain != hash { report.problems.append("the snapshot does not match the journal (it will be ignored and rebuilt)") }
                }
            }
        } catch {
            let mapped = map(error, path: path)
            report.problems.append("the file cannot be read: \(mapped)")
        }
        return report
    }
}
