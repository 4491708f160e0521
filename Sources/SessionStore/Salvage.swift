import Foundation
import GRDB
import SessionModel

/// What `convene salvage` recovered.
public struct SalvageReport: Sendable, Equatable {
    public var recovered = 0
    /// Journal positions that could not be read, failed their commitment, or no longer replay.
    public var lost: [Int] = []
    public var lastSeq = 0
}

extension SQLiteJournal {
    /// Copies every intact event of a damaged file into a new file. Rows are read
    /// one at a time, so a corrupt page costs only the events stored on it; an
    /// event is kept if its payload matches its commitment and it still replays.
    /// The new file's chain is rebuilt (ids, times and actors are kept) and its
    /// `meta` names the positions that were lost.
    /// An encrypted file needs its key: `cipher`, or `cipherFor` given the
    /// file's meta (read leniently, so a damaged file still yields it).
    public static func salvage(
        from broken: String, to target: String, cipher: (any PayloadCipher)? = nil,
        cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil
    ) throws -> SalvageReport {
        if FileManager.default.fileExists(atPath: target) { throw StoreError.fileExists(target) }
        guard FileManager.default.fileExists(atPath: broken) else { throw StoreError.fileMissing(broken) }
        var report = SalvageReport()
        var config = configuration(readOnly: true)
        config.busyMode = .timeout(1)
        let source: DatabaseQueue
        do { source = try DatabaseQueue(path: broken, configuration: config) } catch { throw map(error, path: broken) }
        defer { try? source.close() }

        let maxSeq = (try? source.read { db in try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") }) ?? nil
        // If the index is damaged, probe a generous range instead.
        let upper = maxSeq ?? 10_000_000
        var meta: [String: String] = [:]
        if let rows = try? source.read({ db in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") }) {
            for row in rows { meta[row["key"]] = row["value"] }
        }
        var reader: any PayloadCipher = cipher ?? PlainPayloads()
        if cipher == nil, let cipherFor, FileMeta(values: meta).encryption != reader.name {
            reader = try cipherFor(FileMeta(values: meta))
        }
        var state = SessionState()
        var kept: [(event: SessionEvent, atMs: Int64, payload: Data, kind: String, version: Int)] = []
        var misses = 0
        var seq = 1
        while seq <= upper {
            defer { seq += 1 }
            let row: Row?
            do {
                row = try source.read { db in
                    try Row.fetchOne(db, sql: "SELECT * FROM events WHERE seq = ?", arguments: [seq])
                }
            } catch {
                report.lost.append(seq)
                continue
            }
            guard let row else {
                misses += 1
                if maxSeq == nil && misses > 1_000 { break }
                report.lost.append(seq)
                continue
            }
            misses = 0
            report.lastSeq = seq
            let idText: String = row["id"] ?? ""
            let kind: String = row["kind"] ?? ""
            let version: Int = row["version"] ?? 0
            let atMs: Int64 = row["at_ms"] ?? 0
            let actor: String = row["actor"] ?? ""
            let payload: Data? = row["payload"]
            let salt: Data? = row["salt"]
            let commitment: Data = row["commitment"] ?? Data()
            guard let id = UUID(uuidString: idText) else {
                report.lost.append(seq)
                continue
            }
            // Erased rows carry no payload: they are kept as erased.
            var stored = Data()
            var plain: Data?
            if let payload, let salt {
                guard HashChain.commitment(salt: salt, payload: payload) == commitment,
                    let opened = try? reader.open(payload, context: Data(idText.utf8))
                else {
                    report.lost.append(seq)
                    continue
                }
                stored = payload
                plain = opened
            }
            guard let decoded = try? EventCodec.decode(kind: kind, version: version, data: plain) else {
                report.lost.append(seq)
                continue
            }
            let event = SessionEvent(id: id, at: Date(timeIntervalSince1970: Double(atMs) / 1000), by: actor, decoded)
            do { try state.apply(event) } catch {
                report.lost.append(seq)
                continue
            }
            kept.append((event, atMs, stored, kind, version))
        }
        if maxSeq == nil { report.lost = report.lost.filter { $0 <= report.lastSeq } }
        guard let first = kept.first, first.event.payload is SessionCreated else {
            throw StoreError.damaged(path: broken, detail: "the session's first event cannot be recovered")
        }
        try writeSalvaged(kept, to: target, meta: meta, lost: report.lost)
        report.recovered = kept.count
        return report
    }

    private static func writeSalvaged(
        _ events: [(event: SessionEvent, atMs: Int64, payload: Data, kind: String, version: Int)],
        to target: String, meta original: [String: String], lost: [Int]
    ) throws {
        try buildNewFile(at: target) { db in
            var meta = original
            meta["format"] = String(Schema.formatVersion)
            meta["salvaged_lost"] = lost.map(String.init).joined(separator: ",")
            // The rescued chain is rebuilt unkeyed (and renumbered if events were lost).
            meta["chain"] = nil
            for (k, v) in meta { try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v]) }
            var previous = HashChain.genesis
            for (index, item) in events.enumerated() {
                let seq = index + 1
                let erased = item.event.isErased
                let salt: Data? = erased ? nil : HashChain.newSalt()
                let commitment =
                    erased
                    ? HashChain.commitment(salt: Data(), payload: Data())
                    : HashChain.commitment(salt: salt!, payload: item.payload)
                let restricted = item.event.isRestricted
                let hash = HashChain.link(
                    previous: previous, seq: seq, id: item.event.id, kind: item.kind, version: item.version,
                    atMs: item.atMs, actor: item.event.by, restricted: restricted, commitment: commitment)
                try db.execute(
                    sql: """
                        INSERT INTO events (seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        seq, item.event.id.uuidString.lowercased(), item.kind, item.version, item.atMs, item.event.by,
                        restricted, erased ? nil : item.payload, salt, commitment, hash,
                    ])
                previous = hash
            }
        }
    }
}
