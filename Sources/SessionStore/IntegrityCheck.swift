import Crypto
import Foundation
import GRDB
import SessionModel

/// What `convene check` found: nothing, or every damage it could name.
public struct CheckReport: Sendable, Equatable {
    public var events = 0
    /// Rows cleared by an erasure that a chained record lists.
    public var erased = 0
    /// Rows whose names an erasure replaced, as a chained record lists.
    public var rewritten = 0
    /// Events decoded and folded (all of them, when the file is healthy).
    public var replayed = 0
    /// True when the chain is keyed (an encrypted session): it cannot be recomputed without the passphrase.
    public var keyedChain = false
    /// Anchors and receipts the journal was compared with.
    public var anchorsCompared = 0
    public var problems: [String] = []
    /// Facts worth knowing that are not damage (copies elsewhere, older erasures).
    public var notes: [String] = []
    public var isHealthy: Bool { problems.isEmpty }
    public init() {}
}

extension SQLiteJournal {
    /// Checks the file as it is on disk: SQLite's own structure, the sequence,
    /// each payload against its commitment (or the erasure record that rewrote
    /// it), the hash chain (keyed for encrypted files), every erased row
    /// against the chained erasure record that must list it, a full replay of
    /// every event, and the journal's end against every anchor this machine
    /// kept and every head in `against` (receipts). It reads rows raw, so it can
    /// name damage that `open` would stop at.
    public static func check(
        path: String, cipher: (any PayloadCipher)? = nil, against: [JournalHead] = [],
        useAnchors: Bool = true
    ) throws -> CheckReport {
        var report = CheckReport()
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
        } catch { throw map(error, path: path) }
        defer { try? queue.close() }
        var rows: [RawEventRow] = []
        var meta = FileMeta(values: [:])
        var snapshot: (seq: Int, hash: Data, state: Data)?
        // Anchors are read before the journal: a writer records its anchor after it commits, so an
        // anchor read first can never be ahead of the journal read after it (writers may still be running).
        let sessionFirst = try? queue.read { db in
            try db.tableExists("meta")
                ? try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'session_id'") : nil
        }
        let anchorsFirst = useAnchors ? sessionFirst.flatMap { $0 }.map { Anchors.all(for: $0) } ?? [] : []
        do {
            try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] {
                    report.problems.append(contentsOf: integrity.prefix(20).map { "SQLite structure: \($0)" })
                }
                if try db.tableExists("meta") {
                    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                        meta.values[row["key"]] = row["value"]
                    }
                }
                guard try db.tableExists("events") else {
                    report.problems.append("the events table is missing")
                    return
                }
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
                while let r = try cursor.next() {
                    rows.append(
                        RawEventRow(
                            seq: r["seq"] ?? 0, id: r["id"] ?? "", kind: r["kind"] ?? "", version: r["version"] ?? 0,
                            atMs: r["at_ms"] ?? 0, actor: r["actor"] ?? "", restricted: r["restricted"] ?? false,
                            payload: r["payload"], salt: r["salt"], commitment: r["commitment"] ?? Data(),
                            hash: r["hash"] ?? Data()))
                }
                if try db.tableExists("snapshot"),
                    let snap = try Row.fetchOne(db, sql: "SELECT seq, hash, state FROM snapshot WHERE id = 1")
                {
                    snapshot = (snap["seq"], snap["hash"], snap["state"] ?? Data())
                }
            }
        } catch {
            let mapped = map(error, path: path)
            report.problems.append("the file cannot be read: \(mapped)")
            return report
        }
        let contentCipher: (any PayloadCipher)? = meta.encryption == PlainPayloads().name ? PlainPayloads() : cipher
        let replayed = JournalVerifier.verify(rows, meta: meta, cipher: contentCipher, into: &report)
        if let snapshot {
            let chain = rows.first { $0.seq == snapshot.seq }?.hash
            if chain != snapshot.hash {
                report.problems.append("the snapshot does not match the journal (it will be ignored and rebuilt)")
            } else if let contentCipher {
                // The snapshot is a cache the console opens from: its bytes are checked too, so damage inside it is
                // named here even though an open would quietly replay the journal instead.
                let plain = try? contentCipher.open(snapshot.state, context: Data("snapshot".utf8))
                let decoded = plain.flatMap { try? SnapshotCodec.decode($0) }
                if let plain, plain.count >= 4, plain.prefix(3) == Data("CSN".utf8),
                    plain.prefix(4) != SnapshotCodec.magic
                {
                    report.notes.append(
                        "the snapshot is in an older release's encoding (the next writable open rebuilds it)")
                } else if decoded?.eventCount != snapshot.seq {
                    report.problems.append("the snapshot is damaged (it will be ignored and rebuilt from the journal)")
                } else if let decoded, let replayed, snapshot.seq == rows.last?.seq, decoded != replayed {
                    report.problems.append(
                        "the snapshot differs from a replay of the journal (it will be ignored and rebuilt)")
                }
            }
        }
        // The journal's end against what this machine (and any receipt) recorded.
        if let session = meta.sessionID {
            let here = Anchors.canonical(path)
            let anchors =
                sessionFirst.flatMap({ $0 }) == session ? anchorsFirst : (useAnchors ? Anchors.all(for: session) : [])
            var othersApart = 0
            for anchor in anchors {
                if anchor.location == here {
                    report.anchorsCompared += 1
                    JournalVerifier.compare(
                        rows, with: anchor, authoritative: true, source: "this machine's anchor", into: &report)
                } else if !JournalVerifier.reaches(rows, anchor) {
                    othersApart += 1
                }
            }
            if othersApart > 0 {
                // Copies (pulls, backups, the demo made twice) share the session id and go their own way.
                report.notes.append(
                    "\(othersApart) cop\(othersApart == 1 ? "y" : "ies") of this session elsewhere on this machine moved on or changed separately from this file (their anchors); expected of copies, not damage to this one"
                )
            }
            for head in against {
                report.anchorsCompared += 1
                if head.session != session {
                    report.problems.append(
                        "the receipt given is for another session (\(head.session)), not this file's")
                    continue
                }
                JournalVerifier.compare(rows, with: head, authoritative: true, source: "the receipt", into: &report)
            }
        }
        return report
    }
}

/// The checks on a journal's rows, shared by files and by copies in transit.
public enum JournalVerifier {
    /// Returns the state the replay reached when every event replayed, for comparison with the snapshot.
    @discardableResult
    public static func verify(
        _ rows: [RawEventRow], meta: FileMeta, cipher: (any PayloadCipher)?, into report: inout CheckReport
    ) -> SessionState? {
        let chainKey: SymmetricKey?
        if meta.values["chain"] == HashChain.keyedName {
            report.keyedChain = true
            chainKey = cipher.flatMap { HashChain.key(for: $0, meta: meta) }
            if chainKey == nil {
                report.notes.append("the hash chain is keyed and cannot be verified without the passphrase")
            }
        } else {
            chainKey = nil
        }
        var previous = HashChain.genesis
        var state = SessionState()
        var expected = 1
        // Erasure records, read as the replay meets them: seq -> (record seq, commitment).
        var clearedBy: [Int: Int] = [:]
        var rewrittenBy: [Int: (record: Int, commitment: String)] = [:]
        var legacyRecords: [Int] = []
        var nulled: [RawEventRow] = []
        var changed: [(row: RawEventRow, commitment: String)] = []
        for row in rows {
            report.events += 1
            let seq = row.seq
            if seq != expected { report.problems.append("event \(expected) is missing (next is \(seq))") }
            expected = seq + 1
            if let payload = row.payload, let salt = row.salt {
                let c = HashChain.commitment(salt: salt, payload: payload)
                if c != row.commitment { changed.append((row, HashChain.hex(c))) }
            } else if row.payload != nil || row.salt != nil {
                report.problems.append("event \(seq): half-erased (payload and salt must go together)")
            } else {
                nulled.append(row)
            }
            if let id = UUID(uuidString: row.id) {
                if chainKey != nil || !report.keyedChain {
                    let link = HashChain.link(
                        previous: previous, seq: seq, id: id, kind: row.kind, version: row.version,
                        atMs: row.atMs, actor: row.actor, restricted: row.restricted,
                        commitment: row.commitment, key: chainKey)
                    if link != row.hash {
                        report.problems.append(
                            "event \(seq): the hash chain breaks here (a row was altered, inserted or removed)")
                    }
                }
            } else {
                report.problems.append("event \(seq): invalid event id")
            }
            previous = row.hash
            // Replay: an encrypted payload is only readable with its key.
            let contentCipher: (any PayloadCipher)? = row.payload == nil ? PlainPayloads() : cipher
            guard let contentCipher else { continue }
            do {
                let plain = try row.payload.map { try contentCipher.open($0, context: Data(row.id.utf8)) }
                let decoded = try EventCodec.decode(kind: row.kind, version: row.version, data: plain)
                if let plain, let unknown = unknownField(plain, decoded: decoded) {
                    report.problems.append(
                        "event \(seq) (\(row.kind)) has a field Convene never writes ('\(unknown)'): its content was edited"
                    )
                }
                try state.apply(
                    SessionEvent(
                        id: UUID(uuidString: row.id) ?? UUID(),
                        at: Date(timeIntervalSince1970: Double(row.atMs) / 1000), by: row.actor, decoded))
                report.replayed += 1
                let record: ErasureRecord?
                switch decoded {
                case let w as ParticipantWithdrawn:
                    record = w.record
                    if w.record == nil { legacyRecords.append(seq) }
                case let l as LinkageDestroyed:
                    record = l.record
                    if l.record == nil { legacyRecords.append(seq) }
                default: record = nil
                }
                if let record {
                    for c in record.cleared where c < seq { clearedBy[c] = seq }
                    for r in record.rewritten where r.seq < seq { rewrittenBy[r.seq] = (seq, r.commitment) }
                }
            } catch let e as SessionError {
                report.problems.append("event \(seq) (\(row.kind)) cannot be replayed: \(e)")
            } catch {
                report.problems.append("event \(seq) cannot be opened (tampered, or the wrong key)")
            }
        }
        let replayable = cipher != nil
        let withheld = Int(meta.values["withheld_restricted"] ?? "") ?? 0
        var withheldSeen = 0
        for row in nulled {
            if clearedBy[row.seq] == nil, withheldSeen < withheld, row.restricted || row.kind == RealNameRecorded.kind {
                withheldSeen += 1
                continue
            }
            if row.restricted {
                report.problems.append(
                    "event \(row.seq) (\(row.kind)): a safeguarding concern's content was deleted; concerns are never erased, so it was destroyed outside Convene"
                )
            } else if clearedBy[row.seq] != nil {
                report.erased += 1
            } else if legacyRecords.contains(where: { $0 > row.seq }) {
                report.erased += 1
                report.notes.append(
                    "event \(row.seq) was erased by an older Convene, whose withdrawal record does not list the rows it cleared"
                )
            } else if meta.values["salvaged_lost"].map({ !$0.isEmpty }) == true {
                report.erased += 1
                report.notes.append(
                    "event \(row.seq) is erased; this salvaged copy was renumbered, so its erasure records cannot be matched"
                )
            } else if replayable {
                report.problems.append(
                    "event \(row.seq) (\(row.kind)) has lost its content, but no withdrawal or anonymisation lists it: it was deleted outside Convene"
                )
            }
        }
        if withheld > 0 {
            report.notes.append(
                "\(withheldSeen) safeguarding concern\(withheldSeen == 1 ? " or real name is" : "s or real names are") withheld from this copy (pulled by someone who may not read them)"
            )
        }
        for (row, commitment) in changed {
            if let r = rewrittenBy[row.seq], r.commitment == commitment {
                report.rewritten += 1
            } else if replayable || rewrittenBy[row.seq] != nil {
                report.problems.append("event \(row.seq) (\(row.kind)): its content was changed after it was written")
            } else {
                report.problems.append(
                    "event \(row.seq) (\(row.kind)): its content does not match its commitment (changed after it was written, or rewritten by an erasure this check cannot read without the passphrase)"
                )
            }
        }
        return report.replayed == report.events ? state : nil
    }

    /// A top-level key of the stored JSON that re-encoding the decoded payload does not produce.
    static func unknownField(_ plain: Data, decoded: any EventPayload) -> String? {
        guard let stored = (try? JSONSerialization.jsonObject(with: plain)) as? [String: Any],
            let again = try? EventCodec.encode(decoded),
            let known = (try? JSONSerialization.jsonObject(with: again)) as? [String: Any]
        else { return nil }
        return stored.keys.sorted().first { known[$0] == nil }
    }

    /// Whether the journal holds `head`'s event with `head`'s hash.
    public static func reaches(_ rows: [RawEventRow], _ head: JournalHead) -> Bool {
        rows.first { $0.seq == head.seq }.map { HashChain.hex($0.hash) == head.hash.lowercased() } ?? false
    }

    /// Reports a journal that ends before `head`, or holds another event where `head` was.
    public static func compare(
        _ rows: [RawEventRow], with head: JournalHead, authoritative: Bool, source: String,
        into report: inout CheckReport
    ) {
        let when = head.at.map { " on " + ISO8601DateFormatter().string(from: $0) } ?? ""
        guard let row = rows.first(where: { $0.seq == head.seq }) else {
            let last = rows.last?.seq ?? 0
            if authoritative {
                report.problems.append(
                    "the journal ends at event \(last), but \(source) says it reached event \(head.seq)\(when): the last \(head.seq - last) event\(head.seq - last == 1 ? " was" : "s were") removed"
                )
            } else {
                report.notes.append(
                    "a copy at \(head.location ?? "another place") reached event \(head.seq)\(when); this file ends at event \(last)"
                )
            }
            return
        }
        guard HashChain.hex(row.hash) != head.hash.lowercased() else { return }
        if authoritative {
            report.problems.append(
                "the journal differs from what \(source) recorded at event \(head.seq)\(when): events were changed or replaced and the hash chain recomputed"
            )
        } else {
            report.notes.append(
                "a copy at \(head.location ?? "another place") has a different event \(head.seq): it was changed separately from this file"
            )
        }
    }
}
