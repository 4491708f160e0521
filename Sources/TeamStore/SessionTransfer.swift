import Foundation
import SessionStore

/// Moving a whole session between a file and a team server, row for row:
/// sealed payloads, salts, commitments and hashes are copied, never
/// recomputed, so the chain (and every redaction and erasure in it) survives
/// a round trip. The server never needs the passphrase of an encrypted
/// session: it receives the sealed bytes and the wrapped data key.
public enum SessionTransfer {
    public struct Summary: Sendable, Equatable {
        public var events: Int
        public var encrypted: Bool
    }

    /// `convene push FILE postgres://…`: uploads `file` as a new team session.
    @discardableResult
    public static func push(
        file: String, to text: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Summary {
        let target = try PostgresLocation(parsing: text, environment: environment)
        let (meta, rows) = try SQLiteJournal.rawJournal(path: file)
        guard !rows.isEmpty else { throw StoreError.damaged(path: file, detail: "it holds no events") }
        if let bad = RawEventRow.firstBrokenLink(
            rows, keyed: meta.values["chain"] == HashChain.keyedName,
            cipher: meta.encryption == "none" ? PlainPayloads() : nil)
        {
            throw StoreError.damaged(path: file, detail: "its hash chain breaks at event \(bad); nothing was uploaded")
        }
        try createSession(target, meta: meta.values, rows: rows, environment: environment)
        return Summary(events: rows.count, encrypted: meta.encryption != "none")
    }

    /// `convene pull postgres://… FILE`: writes the team session into a new file.
    @discardableResult
    public static func pull(
        from text: String, to file: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Summary {
        let target = try PostgresLocation(parsing: text, environment: environment)
        if FileManager.default.fileExists(atPath: file) { throw StoreError.fileExists(file) }
        var (meta, rows) = try raw(target, environment: environment)
        if let bad = RawEventRow.firstBrokenLink(
            rows, keyed: meta["chain"] == HashChain.keyedName,
            cipher: (meta["encryption"] ?? "none") == "none" ? PlainPayloads() : nil)
        {
            throw TeamStoreError.damaged("its hash chain breaks at event \(bad); no file was written")
        }
        // Concerns this role may not read arrive without payload; the copy says so, so
        // `check` does not take them for concerns destroyed in the file.
        let withheld = rows.filter { ($0.restricted || $0.kind == "participant.real-name") && $0.payload == nil }.count
        if withheld > 0 { meta["withheld_restricted"] = String(withheld) }
        try SQLiteJournal.createFromRaw(path: file, meta: meta, rows: rows)
        return Summary(events: rows.count, encrypted: (meta["encryption"] ?? "none") != "none")
    }

    /// The session's meta and rows as the server holds them (what this role may read).
    public static func raw(
        _ target: PostgresLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (meta: [String: String], rows: [RawEventRow]) {
        let link = try PostgresJournal.connect(target, environment: environment)
        defer { link.close() }
        try link.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        var meta: [String: String] = [:]
        for row in try link.run(
            "SELECT key, value FROM convene_session_meta WHERE session = $1", [.text(target.session)])
        {
            let (k, v) = try row.decode((String, String).self)
            meta[k] = v
        }
        guard !meta.isEmpty else { throw TeamStoreError.noSuchSession(target.description) }
        let rows = try link.run(PostgresJournal.selectEvents, [.text(target.session), .int(0)]).map(
            PostgresJournal.rawRow)
        try link.run("COMMIT")
        return (meta, rows)
    }

    /// Creates the session row, its meta and `rows` in one transaction.
    static func createSession(
        _ target: PostgresLocation, meta: [String: String], rows: [RawEventRow],
        environment: [String: String]
    ) throws {
        let link = try PostgresJournal.connect(target, environment: environment)
        defer { link.close() }
        try link.run("BEGIN")
        do {
            let exists = try link.run("SELECT 1 FROM convene_sessions WHERE name = $1", [.text(target.session)])
            guard exists.isEmpty else { throw TeamStoreError.sessionExists(target.description) }
            try link.run("INSERT INTO convene_sessions (name) VALUES ($1)", [.text(target.session)])
            for (k, v) in meta.sorted(by: { $0.key < $1.key }) {
                try link.run(
                    "INSERT INTO convene_session_meta (session, key, value) VALUES ($1, $2, $3)",
                    [.text(target.session), .text(k), .text(v)])
            }
            // Pipelined in batches: a long session uploads in a few round trips.
            var batch: [(String, [Bind])] = []
            for r in rows {
                batch += try PostgresJournal.insertStatements(r, session: target.session)
                if batch.count >= 500 {
                    try link.pipeline(batch)
                    batch = []
                }
            }
            if !batch.isEmpty { try link.pipeline(batch) }
            if !rows.isEmpty {
                try link.run("SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(target.session)])
            }
            FaultPoint.beforeCommit.reach()
            try link.run("COMMIT")
            FaultPoint.afterCommit.reach()
        } catch {
            if link.isConnected { _ = try? link.run("ROLLBACK") }
            if case TeamStoreError.server(let m) = error, m.contains("duplicate key") {
                throw TeamStoreError.sessionExists(target.description)
            }
            throw error
        }
    }
}
