import Foundation
import PostgresNIO
import SessionModel
import SessionStore

/// A team session on PostgreSQL: the same events, reducer and hash chain as a
/// file. Appends are ordered by the server — one transaction per append holds
/// the session's advisory lock, reads what others wrote, validates against
/// that latest state and inserts the next `seq` values (unique per session).
/// NOTIFY wakes the other consoles, which then read the events after the last
/// one they have; a poll every `pollInterval` covers a lost notification.
///
/// Offline first: when the server cannot be reached, appends are checked
/// against the local state and kept in the `Outbox`; `state` includes them.
/// They are sent, in order and exactly once, when the link comes back.
/// Conflict rule: the server's order wins. An edit or a move that arrives
/// later in server order simply applies after the others (last writer wins);
/// an event that the server's state no longer allows when it arrives (say, an
/// edit of a contribution someone struck meanwhile) is not stored: it is
/// recorded as rejected in the outbox and reported through `takeNotices()`.
public final class PostgresJournal: SessionJournal, @unchecked Sendable {
    public let location: String
    public let target: PostgresLocation
    public let cipher: any PayloadCipher
    public let meta: FileMeta
    /// Seconds between reads when no notification arrives.
    public var pollInterval: TimeInterval = 1
    /// Seconds between reconnection attempts while offline.
    public var retryInterval: TimeInterval = 1

    /// Replaced by a fresh one when the reconnection thread gets through.
    private(set) var link: PostgresLink
    private var reconnecting = false
    private var closed = false
    let outbox: Outbox?
    private let lock = NSLock()
    private var confirmed = SessionState()
    private var lastHash = HashChain.genesis
    private var knownIDs = Set<UUID>()
    private var pending: [SessionEvent] = []
    private var cached = SessionState()
    private var lastPoll = Date.distantPast
    private var offline = false
    private var notices: [String] = []
    /// Events confirmed since the last `refresh()`, reported by it.
    private var fresh: [StoredEvent] = []
    private let wake = NSCondition()
    private var poked = true
    /// The person the lead mapped to this database role in this session, if any.
    private var mappedPerson: String?

    /// The key of this session in the outbox (user, server, database, session).
    var outboxKey: String { "\(target.user)@\(target.host):\(target.port)/\(target.database)?session=\(target.session)" }

    public var state: SessionState { lock.withLock { cached } }
    /// Events the server has confirmed (the state without the outbox).
    public var confirmedCount: Int { lock.withLock { confirmed.eventCount } }
    /// Nil while connected; the number of events waiting in the outbox while offline.
    public var offlineWaiting: Int? { lock.withLock { offline ? pending.count : nil } }
    public var isOffline: Bool { lock.withLock { offline } }

    private init(location: String, target: PostgresLocation, link: PostgresLink, meta: FileMeta, cipher: any PayloadCipher, outbox: Outbox?) {
        self.location = location; self.target = target; self.link = link; self.meta = meta; self.cipher = cipher; self.outbox = outbox
    }

    /// Messages for the user about events the team session refused after an outage.
    public func takeNotices() -> [String] { lock.withLock { defer { notices = [] }; return notices } }

    // MARK: Opening and creating

    /// Connects, brings the server's tables up to date, and reads the session.
    /// `outbox: nil` turns offline working off (appends fail when the link is down).
    public static func open(_ text: String, cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil,
                            outbox: Outbox? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresJournal {
        let target = try PostgresLocation(parsing: text, environment: environment)
        let link = try connect(target, environment: environment)
        let metaRows = try link.run("SELECT key, value FROM convene_session_meta WHERE session = $1", [.text(target.session)])
        var values: [String: String] = [:]
        for row in metaRows { let (k, v) = try row.decode((String, String).self); values[k] = v }
        guard !values.isEmpty else { link.close(); throw TeamStoreError.noSuchSession(target.description) }
        let meta = FileMeta(values: values)
        let cipher: any PayloadCipher
        if meta.encryption == "none" { cipher = PlainPayloads() }
        else if let cipherFor { cipher = try cipherFor(meta) }
        else { link.close(); throw StoreError.passphraseNeeded(target.description) }
        let journal = PostgresJournal(location: text, target: target, link: link, meta: meta, cipher: cipher, outbox: outbox)
        link.onNotify = { [weak journal] payload in
            if payload == target.session { journal?.poke() }
        }
        try link.listen(PostgresSchema.channel)
        journal.mappedPerson = try? link.run("SELECT person FROM convene_people WHERE session = $1 AND db_role = current_user",
                                             [.text(target.session)]).first?.decode(String.self)
        try journal.lock.withLock {
            if let outbox { journal.pending = try outbox.pending(target: journal.outboxKey, cipher: cipher) }
            _ = try journal.catchUpLocked()
            journal.fresh = []
            journal.rebuildLocked()
            if !journal.pending.isEmpty { try? journal.flushLocked() }
        }
        return journal
    }

    /// Creates a new, empty team session with its first event.
    public static func create(_ text: String, session: SessionCreated, by: String, at: Date,
                              cipher: any PayloadCipher = PlainPayloads(), meta extra: [String: String] = [:],
                              outbox: Outbox? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresJournal {
        let target = try PostgresLocation(parsing: text, environment: environment)
        var meta = extra
        meta["format"] = "1"
        meta["session_id"] = session.sessionID.uuidString.lowercased()
        meta["encryption"] = cipher.name
        if cipher is EncryptedPayloads { meta["chain"] = HashChain.keyedName }
        try SessionTransfer.createSession(target, meta: meta, rows: [], environment: environment)
        let journal = try open(text, cipherFor: { _ in cipher }, outbox: outbox, environment: environment)
        try journal.append([session], by: by, at: at)
        return journal
    }

    static func connect(_ target: PostgresLocation, environment: [String: String]) throws -> PostgresLink {
        let link = PostgresLink(location: target, password: try target.password(environment: environment))
        try link.connect()
        if !(try PostgresSchema.isCurrent(link)) { try PostgresSchema.migrate(link) }
        return link
    }

    public func close() {
        let current = lock.withLock { closed = true; return link }
        current.close()
    }

    // MARK: Waking

    private func poke() {
        wake.lock(); poked = true; wake.broadcast(); wake.unlock()
    }

    /// Blocks until a notification arrives or `timeout` passes (for followers
    /// that have nothing else to do); then call `refresh()`.
    public func waitForChange(timeout: TimeInterval) {
        wake.lock()
        let deadline = Date().addingTimeInterval(timeout)
        while !poked, wake.wait(until: deadline) {}
        wake.unlock()
    }

    private func takePoke() -> Bool {
        wake.lock(); defer { wake.unlock() }
        let was = poked; poked = false; return was
    }

    // MARK: Reading

    @discardableResult
    public func refresh() throws -> [StoredEvent] {
        try lock.withLock {
            let now = Date()
            // Offline: never block the console; the reconnection thread works in the background.
            if offline { return [] }
            if !takePoke() && now.timeIntervalSince(lastPoll) < pollInterval && link.isConnected { return [] }
            lastPoll = now
            do {
                if !pending.isEmpty { try flushLocked() }
                _ = try catchUpLocked()
                rebuildLocked()
                defer { fresh = [] }
                return fresh
            } catch let e as TeamStoreError {
                if case .connectionLost = e { goOfflineLocked(); return [] }
                if case .cannotConnect = e { goOfflineLocked(); return [] }
                throw e
            }
        }
    }

    private func goOfflineLocked() {
        offline = true
        guard !reconnecting, !closed else { return }
        reconnecting = true
        let (location, password, interval) = (link.location, link.password, retryInterval)
        Thread.detachNewThread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: max(0.05, interval))
                guard let journal = self, !journal.lock.withLock({ journal.closed }) else { return }
                let fresh = PostgresLink(location: location, password: password)
                fresh.onNotify = { [weak journal] payload in if payload == location.session { journal?.poke() } }
                do {
                    try fresh.connect()
                    try fresh.listen(PostgresSchema.channel)
                } catch { fresh.close(); continue }
                let old = journal.lock.withLock {
                    defer { journal.link = fresh; journal.offline = false; journal.reconnecting = false }
                    return journal.link
                }
                old.close()
                journal.poke()
                return
            }
        }
    }

    static let selectEvents = """
        SELECT e.seq, e.id, e.kind, e.version, e.at_ms, e.actor, e.restricted,
               CASE WHEN e.restricted THEN r.payload WHEN e.kind = 'participant.real-name' THEN l.payload ELSE e.payload END,
               CASE WHEN e.restricted THEN r.salt WHEN e.kind = 'participant.real-name' THEN l.salt ELSE e.salt END,
               e.commitment, e.hash
        FROM convene_events e LEFT JOIN convene_restricted r ON r.session = e.session AND r.seq = e.seq
             LEFT JOIN convene_linkage l ON l.session = e.session AND l.seq = e.seq
        WHERE e.session = $1 AND e.seq > $2 ORDER BY e.seq
        """

    /// Rows after `seq`, as stored.
    func rawRowsLocked(after seq: Int) throws -> [RawEventRow] {
        try link.run(Self.selectEvents, [.text(target.session), .int(seq)]).map(Self.rawRow)
    }

    static func rawRow(_ row: PostgresRow) throws -> RawEventRow {
        let (seq, id, kind, version, atMs, actor, restricted) = try row.decode((Int, UUID, String, Int, Int64, String, Bool).self)
        var cells = row.makeIterator()
        for _ in 0..<7 { _ = cells.next() }
        let payload = try cells.next()!.decode(Data?.self)
        let salt = try cells.next()!.decode(Data?.self)
        let commitment = try cells.next()!.decode(Data.self)
        let hash = try cells.next()!.decode(Data.self)
        return RawEventRow(seq: seq, id: id.uuidString.lowercased(), kind: kind, version: version, atMs: atMs, actor: actor,
                           restricted: restricted, payload: payload, salt: salt, commitment: commitment, hash: hash)
    }

    /// Reads and folds the server's events after the confirmed state. Caller holds `lock`.
    private func catchUpLocked() throws -> [StoredEvent] {
        try foldLocked(try rawRowsLocked(after: confirmed.eventCount))
    }

    private func foldLocked(_ rows: [RawEventRow]) throws -> [StoredEvent] {
        var added: [StoredEvent] = []
        var expected = confirmed.eventCount + 1
        for raw in rows {
            guard raw.seq == expected else { throw TeamStoreError.damaged("event \(expected) is missing") }
            let stored = try decode(raw)
            do { try confirmed.apply(stored.event) } catch let e as SessionError {
                throw TeamStoreError.damaged("event \(raw.seq) cannot be replayed: \(e)")
            }
            lastHash = stored.hash
            knownIDs.insert(stored.event.id)
            added.append(stored)
            fresh.append(stored)
            expected += 1
        }
        return added
    }

    private func eventsLocked(after seq: Int) throws -> [StoredEvent] {
        try rawRowsLocked(after: seq).map(decode)
    }

    /// Every stored event, in order (for export and checks).
    public func allEvents() throws -> [StoredEvent] {
        try lock.withLock { try eventsLocked(after: 0) }
    }

    func decode(_ raw: RawEventRow) throws -> StoredEvent {
        var plain: Data?
        if let sealed = raw.payload {
            do { plain = try cipher.open(sealed, context: Data(raw.id.utf8)) } catch { throw StoreError.tampered(seq: raw.seq) }
        }
        let payload: any EventPayload
        do { payload = try EventCodec.decode(kind: raw.kind, version: raw.version, data: plain) } catch let e as SessionError {
            throw TeamStoreError.damaged("event \(raw.seq): \(e)")
        }
        guard let id = UUID(uuidString: raw.id) else { throw TeamStoreError.damaged("event \(raw.seq) has no valid id") }
        let event = SessionEvent(id: id, at: Date(timeIntervalSince1970: Double(raw.atMs) / 1000), by: raw.actor, payload)
        return StoredEvent(seq: raw.seq, event: event, hash: raw.hash, commitment: raw.commitment)
    }

    /// The confirmed state with the outbox folded on top; an entry the state
    /// no longer allows is left for the server to refuse.
    private func rebuildLocked() {
        var next = confirmed
        for e in pending { try? next.apply(e) }
        cached = next
    }

    // MARK: Appending

    @discardableResult
    public func append(_ payloads: [any EventPayload], by: String, at: Date) throws -> [StoredEvent] {
        guard !payloads.isEmpty else { return [] }
        // The server refuses another person's name too; saying so here keeps it out of the outbox.
        if let person = lock.withLock({ mappedPerson }), person != by {
            throw TeamStoreError.forgedActor(role: target.user, person: person, claimed: by)
        }
        let when = Date(timeIntervalSince1970: Double(Outbox.ms(at)) / 1000)
        let events = payloads.map { SessionEvent(at: when, by: by, $0) }
        return try lock.withLock {
            if !offline {
                do {
                    if !pending.isEmpty { try flushLocked() }
                    let stored = try sendLocked(events)
                    rebuildLocked()
                    return stored.stored
                } catch let e as TeamStoreError {
                    switch e {
                    case .connectionLost, .cannotConnect: goOfflineLocked()
                    default: throw e
                    }
                }
            }
            guard let outbox else { throw TeamStoreError.connectionLost(target.description) }
            // Offline: check against what this console knows, then keep for later.
            var next = cached
            var stored: [StoredEvent] = []
            for e in events {
                do { try next.apply(e) } catch let err as SessionError { throw StoreError.rejected(err) }
                stored.append(StoredEvent(seq: next.eventCount, event: e, hash: Data(), commitment: Data()))
            }
            try outbox.add(events, target: outboxKey, cipher: cipher)
            pending += events
            cached = next
            return stored
        }
    }

    /// One transaction: lock the session, catch up, validate, insert, notify.
    /// `rejectInvalid`: skip events the latest state refuses (outbox replay)
    /// instead of failing the whole append. Events the server already holds
    /// (sent before a connection dropped at commit) are skipped.
    private func sendLocked(_ events: [SessionEvent], rejectInvalid: Bool = false) throws -> (stored: [StoredEvent], rejected: [(SessionEvent, String)]) {
        do {
            // Round trip 1: open, lock the session, read what others wrote since.
            let opened = try link.pipeline([
                ("BEGIN", []),
                ("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("convene:" + target.session)]),
                (Self.selectEvents, [.text(target.session), .int(confirmed.eventCount)]),
            ])
            _ = try foldLocked(opened[2].map(Self.rawRow))
            var next = confirmed
            var hash = lastHash
            var stored: [StoredEvent] = []
            var rejected: [(SessionEvent, String)] = []
            var statements: [(String, [Bind])] = []
            for event in events where !knownIDs.contains(event.id) {
                do { try next.apply(event) } catch let e as SessionError {
                    if rejectInvalid { rejected.append((event, e.description)); continue }
                    throw StoreError.rejected(e)
                }
                let seq = next.eventCount
                let idText = event.id.uuidString.lowercased()
                let atMs = Outbox.ms(event.at)
                let plain = try EventCodec.encode(event.payload)
                let sealed = try cipher.seal(cipher is EncryptedPayloads ? PayloadPadding.padded(plain) : plain,
                                             context: Data(idText.utf8))
                let salt = HashChain.newSalt()
                let commitment = HashChain.commitment(salt: salt, payload: sealed)
                hash = HashChain.link(previous: hash, seq: seq, id: event.id, kind: event.kind, version: event.version,
                                      atMs: atMs, actor: event.by, restricted: event.isRestricted, commitment: commitment,
                                      key: HashChain.key(for: cipher, meta: meta))
                let row = RawEventRow(seq: seq, id: idText, kind: event.kind, version: event.version, atMs: atMs, actor: event.by,
                                      restricted: event.isRestricted, payload: sealed, salt: salt, commitment: commitment, hash: hash)
                statements += try Self.insertStatements(row, session: target.session)
                stored.append(StoredEvent(seq: seq, event: event, hash: hash, commitment: commitment))
            }
            // Round trip 2: insert, wake the others, commit.
            if !stored.isEmpty { statements.append(("SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(target.session)])) }
            statements.append(("COMMIT", []))
            try link.pipeline(statements)
            confirmed = next
            lastHash = hash
            for s in stored { knownIDs.insert(s.event.id) }
            fresh += stored
            return (stored, rejected)
        } catch {
            if link.isConnected { _ = try? link.run("ROLLBACK") }
            throw error
        }
    }

    /// The statements that store one row (a concern's payload goes to the register's table).
    static func insertStatements(_ r: RawEventRow, session: String) throws -> [(String, [Bind])] {
        guard let uuid = UUID(uuidString: r.id) else { throw TeamStoreError.damaged("event \(r.seq) has no valid id") }
        let isLinkage = r.kind == RealNameRecorded.kind
        let apart = r.restricted || isLinkage
        var out: [(String, [Bind])] = [("""
            INSERT INTO convene_events (session, seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, [.text(session), .int(r.seq), .uuid(uuid), .text(r.kind), .int(r.version), .int64(r.atMs), .text(r.actor),
                  .bool(r.restricted), .bytes(apart ? nil : r.payload), .bytes(apart ? nil : r.salt),
                  .bytes(r.commitment), .bytes(r.hash)])]
        if r.restricted {
            out.append(("INSERT INTO convene_restricted (session, seq, payload, salt) VALUES ($1, $2, $3, $4)",
                        [.text(session), .int(r.seq), .bytes(r.payload), .bytes(r.salt)]))
        } else if isLinkage {
            // Real names are kept apart like concerns, readable by the lead only.
            out.append(("INSERT INTO convene_linkage (session, seq, payload, salt) VALUES ($1, $2, $3, $4)",
                        [.text(session), .int(r.seq), .bytes(r.payload), .bytes(r.salt)]))
        }
        return out
    }

    /// Sends the outbox in one transaction, then forgets what was sent.
    private func flushLocked() throws {
        guard !pending.isEmpty else { return }
        let (_, rejected) = try sendLocked(pending, rejectInvalid: true)
        let refused = Set(rejected.map { $0.0.id })
        let sent = pending.map(\.id).filter { !refused.contains($0) }
        try outbox?.settle(sent: sent, rejected: rejected, target: outboxKey)
        for (e, reason) in rejected {
            notices.append("Not accepted by the team session (written offline): \(e.kind) by \(e.by) — \(reason)")
        }
        pending = []
        rebuildLocked()
    }

    // MARK: People

    /// Maps a database role to the person whose name its events carry (lead only;
    /// from then on the server refuses any other name from that role in this session).
    public func mapPerson(role: String, to person: String) throws {
        try lock.withLock {
            _ = try link.run("""
                INSERT INTO convene_people (session, db_role, person) VALUES ($1, $2, $3)
                ON CONFLICT (session, db_role) DO UPDATE SET person = EXCLUDED.person
                """, [.text(target.session), .text(role), .text(person)])
            if role == target.user { mappedPerson = person }
        }
    }

    // MARK: For tests

    /// The server process serving this journal (tests terminate it).
    public func backendPID() throws -> Int { try lock.withLock { try link.backendPID() } }
}
