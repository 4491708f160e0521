import Foundation
import PostgresNIO
import Privacy
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
    var outboxKey: String {
        "\(target.user)@\(target.host):\(target.port)/\(target.database)?session=\(target.session)"
    }

    public var state: SessionState { lock.withLock { cached } }
    /// Events the server has confirmed (the state without the outbox).
    public var confirmedCount: Int { lock.withLock { confirmed.eventCount } }
    /// Nil while connected; the number of events waiting in the outbox while offline.
    public var offlineWaiting: Int? { lock.withLock { offline ? pending.count : nil } }
    public var isOffline: Bool { lock.withLock { offline } }

    private init(
        location: String, target: PostgresLocation, link: PostgresLink, meta: FileMeta, cipher: any PayloadCipher,
        outbox: Outbox?
    ) {
        self.location = location
        self.target = target
        self.link = link
        self.meta = meta
        self.cipher = cipher
        self.outbox = outbox
    }

    /// Messages for the user about events the team session refused after an outage.
    public func takeNotices() -> [String] {
        lock.withLock {
            defer { notices = [] }
            return notices
        }
    }

    // MARK: Opening and creating

    /// Connects, brings the server's tables up to date, and reads the session.
    /// `outbox: nil` turns offline working off (appends fail when the link is down).
    public static func open(
        _ text: String, cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil,
        outbox: Outbox? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresJournal {
        let target = try PostgresLocation(parsing: text, environment: environment)
        let link = try connect(target, environment: environment)
        let metaRows = try link.run(
            "SELECT key, value FROM convene_session_meta WHERE session = $1", [.text(target.session)])
        var values: [String: String] = [:]
        for row in metaRows {
            let (k, v) = try row.decode((String, String).self)
            values[k] = v
        }
        guard !values.isEmpty else {
            link.close()
            throw TeamStoreError.noSuchSession(target.description)
        }
        let meta = FileMeta(values: values)
        let cipher: any PayloadCipher
        if meta.encryption == "none" {
            cipher = PlainPayloads()
        } else if let cipherFor {
            cipher = try cipherFor(meta)
        } else {
            link.close()
            throw StoreError.passphraseNeeded(target.description)
        }
        let journal = PostgresJournal(
            location: text, target: target, link: link, meta: meta, cipher: cipher, outbox: outbox)
        link.onNotify = { [weak journal] payload in
            if payload == target.session { journal?.poke() }
        }
        try link.listen(PostgresSchema.channel)
        journal.mappedPerson = try? link.run(
            "SELECT person FROM convene_people WHERE session = $1 AND db_role = current_user",
            [.text(target.session)]
        ).first?.decode(String.self)
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
    public static func create(
        _ text: String, session: SessionCreated, by: String, at: Date,
        cipher: any PayloadCipher = PlainPayloads(), meta extra: [String: String] = [:],
        outbox: Outbox? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresJournal {
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
        let current = lock.withLock {
            closed = true
            return link
        }
        current.close()
    }

    // MARK: Waking

    private func poke() {
        wake.lock()
        poked = true
        wake.broadcast()
        wake.unlock()
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
        wake.lock()
        defer { wake.unlock() }
        let was = poked
        poked = false
        return was
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
                if case .connectionLost = e {
                    goOfflineLocked()
                    return []
                }
                if case .cannotConnect = e {
                    goOfflineLocked()
                    return []
                }
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
                } catch {
                    fresh.close()
                    continue
                }
                let old = journal.lock.withLock {
                    defer {
                        journal.link = fresh
                        journal.offline = false
                        journal.reconnecting = false
                    }
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
        let (seq, id, kind, version, atMs, actor, restricted) = try row.decode(
            (Int, UUID, String, Int, Int64, String, Bool).self)
        var cells = row.makeIterator()
        for _ in 0..<7 { _ = cells.next() }
        let payload = try cells.next()!.decode(Data?.self)
        let salt = try cells.next()!.decode(Data?.self)
        let commitment = try cells.next()!.decode(Data.self)
        let hash = try cells.next()!.decode(Data.self)
        return RawEventRow(
            seq: seq, id: id.uuidString.lowercased(), kind: kind, version: version, atMs: atMs, actor: actor,
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
            do { plain = try cipher.open(sealed, context: Data(raw.id.utf8)) } catch {
                throw StoreError.tampered(seq: raw.seq)
            }
        }
        let payload: any EventPayload
        do { payload = try EventCodec.decode(kind: raw.kind, version: raw.version, data: plain) } catch let e
            as SessionError
        {
            throw TeamStoreError.damaged("event \(raw.seq): \(e)")
        }
        guard let id = UUID(uuidString: raw.id) else {
            throw TeamStoreError.damaged("event \(raw.seq) has no valid id")
        }
        let event = SessionEvent(
            id: id, at: Date(timeIntervalSince1970: Double(raw.atMs) / 1000), by: raw.actor, payload)
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
        return try append(by: by, at: at) { _ in payloads }
    }

    @discardableResult
    public func append(
        by: String, at: Date,
        building build: (SessionState) throws -> [any EventPayload]
    ) throws -> [StoredEvent] {
        // The server refuses another person's name too; saying so here keeps it out of the outbox.
        if let person = lock.withLock({ mappedPerson }), person != by {
            throw TeamStoreError.forgedActor(role: target.user, person: person, claimed: by)
        }
        let when = Date(timeIntervalSince1970: Double(Outbox.ms(at)) / 1000)
        func events(_ state: SessionState) throws -> [SessionEvent] {
            do { return try build(state).map { SessionEvent(at: when, by: by, $0) } } catch {
                throw CallerError(error: error)
            }
        }
        do {
            return try lock.withLock { try appendLocked(events) }
        } catch let caller as CallerError {
            throw caller.error
        }
    }

    private func appendLocked(_ build: (SessionState) throws -> [SessionEvent]) throws -> [StoredEvent] {
        do {
            if !offline {
                do {
                    if !pending.isEmpty { try flushLocked() }
                    let stored = try sendLocked(build)
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
            let events = try build(cached)
            guard !events.isEmpty else { return [] }
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
    private func sendLocked(_ events: [SessionEvent], rejectInvalid: Bool = false) throws -> (
        stored: [StoredEvent], rejected: [(SessionEvent, String)]
    ) {
        try sendLocked({ _ in events }, rejectInvalid: rejectInvalid)
    }

    /// `build` makes the events from the latest confirmed state, inside the transaction.
    private func sendLocked(
        _ build: (SessionState) throws -> [SessionEvent],
        rejectInvalid: Bool = false
    ) throws -> (stored: [StoredEvent], rejected: [(SessionEvent, String)]) {
        do {
            // Round trip 1: open, lock the session, read what others wrote since.
            let opened = try link.pipeline([
                ("BEGIN", []),
                ("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("convene:" + target.session)]),
                (Self.selectEvents, [.text(target.session), .int(confirmed.eventCount)]),
            ])
            _ = try foldLocked(opened[2].map(Self.rawRow))
            let events = try build(confirmed)
            var sealed = try sealLocked(events, onto: confirmed, hash: lastHash, rejectInvalid: rejectInvalid)
            // Round trip 2: insert, wake the others, commit.
            if !sealed.stored.isEmpty {
                sealed.statements.append(
                    ("SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(target.session)]))
            }
            sealed.statements.append(("COMMIT", []))
            FaultPoint.beforeCommit.reach()
            try link.pipeline(sealed.statements)
            FaultPoint.afterCommit.reach()
            confirmed = sealed.next
            lastHash = sealed.hash
            for s in sealed.stored { knownIDs.insert(s.event.id) }
            fresh += sealed.stored
            return (sealed.stored, sealed.rejected)
        } catch {
            if link.isConnected { _ = try? link.run("ROLLBACK") }
            throw error
        }
    }

    /// Folds `events` onto `state`, seals them and chains them after `hash`:
    /// the new state and the INSERT statements, nothing sent yet.
    private func sealLocked(_ events: [SessionEvent], onto state: SessionState, hash start: Data, rejectInvalid: Bool)
        throws -> (
            next: SessionState, hash: Data, stored: [StoredEvent], rejected: [(SessionEvent, String)],
            statements: [(String, [Bind])]
        )
    {
        var next = state
        var hash = start
        var stored: [StoredEvent] = []
        var rejected: [(SessionEvent, String)] = []
        var statements: [(String, [Bind])] = []
        for event in events where !knownIDs.contains(event.id) {
            do { try next.apply(event) } catch let e as SessionError {
                if rejectInvalid {
                    rejected.append((event, e.description))
                    continue
                }
                throw StoreError.rejected(e)
            }
            let seq = next.eventCount
            let idText = event.id.uuidString.lowercased()
            let atMs = Outbox.ms(event.at)
            let plain = try EventCodec.encode(event.payload)
            let sealed = try cipher.seal(
                cipher is EncryptedPayloads ? PayloadPadding.padded(plain) : plain,
                context: Data(idText.utf8))
            let salt = HashChain.newSalt()
            let commitment = HashChain.commitment(salt: salt, payload: sealed)
            hash = HashChain.link(
                previous: hash, seq: seq, id: event.id, kind: event.kind, version: event.version,
                atMs: atMs, actor: event.by, restricted: event.isRestricted, commitment: commitment,
                key: HashChain.key(for: cipher, meta: meta))
            let row = RawEventRow(
                seq: seq, id: idText, kind: event.kind, version: event.version, atMs: atMs, actor: event.by,
                restricted: event.isRestricted, payload: sealed, salt: salt, commitment: commitment, hash: hash)
            statements += try Self.insertStatements(row, session: target.session)
            stored.append(StoredEvent(seq: seq, event: event, hash: hash, commitment: commitment))
        }
        return (next, hash, stored, rejected, statements)
    }

    /// The statements that store one row (a concern's payload goes to the register's table).
    static func insertStatements(_ r: RawEventRow, session: String) throws -> [(String, [Bind])] {
        guard let uuid = UUID(uuidString: r.id) else { throw TeamStoreError.damaged("event \(r.seq) has no valid id") }
        let isLinkage = r.kind == RealNameRecorded.kind
        let apart = r.restricted || isLinkage
        var out: [(String, [Bind])] = [
            (
                """
                INSERT INTO convene_events (session, seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """,
                [
                    .text(session), .int(r.seq), .uuid(uuid), .text(r.kind), .int(r.version), .int64(r.atMs),
                    .text(r.actor),
                    .bool(r.restricted), .bytes(apart ? nil : r.payload), .bytes(apart ? nil : r.salt),
                    .bytes(r.commitment), .bytes(r.hash),
                ]
            )
        ]
        if r.restricted {
            out.append(
                (
                    "INSERT INTO convene_restricted (session, seq, payload, salt) VALUES ($1, $2, $3, $4)",
                    [.text(session), .int(r.seq), .bytes(r.payload), .bytes(r.salt)]
                ))
        } else if isLinkage {
            // Real names are kept apart like concerns, readable by the lead only.
            out.append(
                (
                    "INSERT INTO convene_linkage (session, seq, payload, salt) VALUES ($1, $2, $3, $4)",
                    [.text(session), .int(r.seq), .bytes(r.payload), .bytes(r.salt)]
                ))
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
            _ = try link.run(
                """
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

// MARK: Erasure

extension PostgresJournal: ErasingJournal {
    /// Erases physically on the server, as `SQLiteJournal.erase` does in a file:
    /// 1. one transaction (holding the session's lock) reads every event, asks
    ///    `planner` what to clear, nulls those payloads and salts (the rows stay,
    ///    content-free, so numbering and the hash chain survive), replays the
    ///    journal from scratch (refusing the erasure if anything would no longer
    ///    replay) and appends the plan's events;
    /// 2. `VACUUM FULL` rewrites the event tables (events, register, linkage) without the dead row versions,
    ///    and `CHECKPOINT` lets the server recycle the WAL that still holds them.
    /// Needs the server: offline, it refuses (the outbox is flushed first, so
    /// anything queued for the participant is sent and then erased with the rest).
    @discardableResult
    public func erase(
        by actor: String, at: Date,
        plan planner: (SessionState, [StoredEvent]) throws -> ErasurePlan
    ) throws -> ErasureResult {
        do {
            return try eraseUnwrapped(by: actor, at: at, plan: planner)
        } catch let caller as CallerError {
            throw caller.error
        }
    }

    private func eraseUnwrapped(
        by actor: String, at: Date,
        plan planner: (SessionState, [StoredEvent]) throws -> ErasurePlan
    ) throws -> ErasureResult {
        let when = Date(timeIntervalSince1970: Double(Outbox.ms(at)) / 1000)
        var changes: [NameRewriteChange] = []
        let (cleared, appended): ([Int], [StoredEvent]) = try lock.withLock {
            if offline { throw TeamStoreError.connectionLost(target.description) }
            if !pending.isEmpty { try flushLocked() }
            do {
                let opened = try link.pipeline([
                    ("BEGIN", []),
                    ("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("convene:" + target.session)]),
                    (Self.selectEvents, [.text(target.session), .int(confirmed.eventCount)]),
                ])
                _ = try foldLocked(opened[2].map(Self.rawRow))
                let raws = try rawRowsLocked(after: 0)
                let events = try raws.map(decode)
                let plan: ErasurePlan
                do { plan = try planner(confirmed, events) } catch { throw CallerError(error: error) }
                let cleared = plan.clear.sorted()
                guard cleared.allSatisfy({ (1...max(1, events.count)).contains($0) }) else {
                    throw StoreError.failed("\(target): the erasure names events that are not in the journal")
                }
                // The rows that stay lose every name leaving the session (placeholders instead).
                let clearing = Set(cleared)
                var kept: [(seq: Int, event: SessionEvent)] = events.map { stored in
                    (
                        stored.seq,
                        clearing.contains(stored.seq)
                            ? SessionEvent(
                                id: stored.event.id, at: stored.event.at, by: stored.event.by,
                                body: .erased(stored.event.body.kind))
                            : stored.event
                    )
                }
                let rewrite = try NameReplacement.rewrite(kept, names: plan.names, state: confirmed)
                var rewrittenRows: [ErasureRecord.RewrittenRow] = []
                var updates: [(String, [Bind])] = []
                let rawBySeq = Dictionary(uniqueKeysWithValues: raws.map { ($0.seq, $0) })
                for (seq, payload) in rewrite.payloads.sorted(by: { $0.key < $1.key }) {
                    guard let raw = rawBySeq[seq] else { continue }
                    let plain = try EventCodec.encode(payload)
                    let sealed = try cipher.seal(
                        cipher is EncryptedPayloads ? PayloadPadding.padded(plain) : plain,
                        context: Data(raw.id.utf8))
                    let salt = HashChain.newSalt()
                    let table =
                        raw.restricted
                        ? "convene_restricted"
                        : raw.kind == RealNameRecorded.kind ? "convene_linkage" : "convene_events"
                    updates.append(
                        (
                            "UPDATE \(table) SET payload = $3, salt = $4 WHERE session = $1 AND seq = $2 RETURNING seq",
                            [.text(target.session), .int(seq), .bytes(sealed), .bytes(salt)]
                        ))
                    rewrittenRows.append(
                        .init(seq: seq, commitment: HashChain.hex(HashChain.commitment(salt: salt, payload: sealed))))
                    let old = kept[seq - 1].event
                    kept[seq - 1].event = SessionEvent(id: old.id, at: old.at, by: old.by, payload)
                }
                // Replay from nothing, as every console's next open will.
                var state = SessionState()
                for (seq, event) in kept {
                    do { try state.apply(event) } catch let e as SessionError {
                        throw StoreError.failed("the erasure was not made: event \(seq) would no longer replay (\(e))")
                    }
                }
                for raw in raws where clearing.contains(raw.seq) {
                    let table =
                        raw.restricted
                        ? "convene_restricted"
                        : raw.kind == RealNameRecorded.kind ? "convene_linkage" : "convene_events"
                    updates.append(
                        (
                            "UPDATE \(table) SET payload = NULL, salt = NULL WHERE session = $1 AND seq = $2 RETURNING seq",
                            [.text(target.session), .int(raw.seq)]
                        ))
                }
                // Row-level security lets only a lead erase; for anyone else the UPDATE
                // silently touches nothing, so each one must say it cleared its row.
                if !updates.isEmpty {
                    let done = try link.pipeline(updates)
                    guard done.allSatisfy({ $0.count == 1 }) else {
                        throw TeamStoreError.server(
                            "only a lead (a member of convene_lead) may erase on the team server; "
                                + "\(target.user) is not one, and nothing was erased")
                    }
                }
                changes = rewrite.changes
                var statements: [(String, [Bind])] = []
                let record = ErasureRecord(cleared: cleared, rewritten: rewrittenRows)
                let tombstones = [SessionEvent(at: when, by: actor, plan.tombstone(record))]
                var sealed = try sealLocked(tombstones, onto: state, hash: lastHash, rejectInvalid: false)
                statements += sealed.statements
                statements.append(("SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(target.session)]))
                statements.append(("COMMIT", []))
                sealed.statements = []
                try link.pipeline(statements)
                confirmed = sealed.next
                lastHash = sealed.hash
                for s in sealed.stored { knownIDs.insert(s.event.id) }
                fresh += sealed.stored
                rebuildLocked()
                return (cleared, sealed.stored)
            } catch {
                if link.isConnected { _ = try? link.run("ROLLBACK") }
                throw error
            }
        }
        return ErasureResult(
            cleared: cleared, rewritten: changes, draftsErased: 0, appended: appended,
            purged: try purge(), head: head)
    }

    /// `VACUUM FULL` of the event tables (events, register, linkage) and a `CHECKPOINT`: the erased
    /// payloads leave the tables' files; the WAL holding them can be recycled.
    /// Incomplete (false) when this login may not do both (it must own the
    /// tables; CHECKPOINT needs a superuser or `pg_checkpoint`): the operator
    /// runs them (docs/data-protection.md).
    @discardableResult
    public func purge() throws -> PurgeResult {
        try lock.withLock {
            let owns =
                try link.run(
                    """
                    SELECT count(*)::int FROM pg_class
                    WHERE oid IN ('convene_events'::regclass, 'convene_restricted'::regclass, 'convene_linkage'::regclass)
                      AND pg_has_role(current_user, relowner, 'USAGE')
                    """
                ).first?.decode(Int.self) ?? 0
            guard owns == 3 else { return PurgeResult(complete: false) }
            // A console's open read must not stall the link past its deadline: wait
            // a bounded time for the table lock, else report the compaction as pending.
            let deadline = link.timeout
            link.timeout = 120
            defer { link.timeout = deadline }
            do {
                try link.run("SET lock_timeout = '60s'")
                try link.run("VACUUM FULL convene_restricted")
                try link.run("VACUUM FULL convene_linkage")
                try link.run("VACUUM FULL convene_events")
                try link.run("CHECKPOINT")
                try link.run("RESET lock_timeout")
            } catch TeamStoreError.server {
                _ = try? link.run("RESET lock_timeout")
                return PurgeResult(complete: false)
            }
            return PurgeResult(complete: true)
        }
    }
}

// MARK: Where the journal ends

extension PostgresJournal {
    /// Where the team session ends now, for receipts.
    public var head: JournalHead? {
        lock.withLock {
            guard let id = confirmed.info?.sessionID, confirmed.eventCount > 0 else { return nil }
            return JournalHead(
                session: id.uuidString.lowercased(), seq: confirmed.eventCount,
                hash: HashChain.hex(lastHash), location: target.description)
        }
    }
}

// MARK: Checking

extension PostgresJournal {
    /// `convene check` on a team session: the sequence, each payload against its
    /// commitment, the hash chain and a full replay, as the server holds them.
    /// A payload this login may not read (the register, for an observer) counts as erased.
    public func check() throws -> CheckReport {
        try lock.withLock {
            var report = CheckReport()
            var previous = HashChain.genesis
            var state = SessionState()
            var expected = 1
            let key = HashChain.key(for: cipher, meta: meta)
            report.keyedChain = key != nil
            let raws = try rawRowsLocked(after: 0)
            // Rows an erasure rewrote (names replaced) carry the commitment its chained record lists.
            var rewrittenBy: [Int: String] = [:]
            for raw in raws where raw.kind == ParticipantWithdrawn.kind || raw.kind == LinkageDestroyed.kind {
                guard let event = try? decode(raw).event else { continue }
                switch event.body {
                case .participantWithdrawn(let w):
                    for r in w.record?.rewritten ?? [] { rewrittenBy[r.seq] = r.commitment }
                case .linkageDestroyed(let l): for r in l.record?.rewritten ?? [] { rewrittenBy[r.seq] = r.commitment }
                default: break
                }
            }
            for raw in raws {
                report.events += 1
                if raw.seq != expected { report.problems.append("event \(expected) is missing (next is \(raw.seq))") }
                expected = raw.seq + 1
                if let payload = raw.payload, let salt = raw.salt {
                    let now = HashChain.commitment(salt: salt, payload: payload)
                    if now != raw.commitment {
                        if rewrittenBy[raw.seq] == HashChain.hex(now) {
                            report.rewritten += 1
                        } else {
                            report.problems.append("event \(raw.seq): its content was changed after it was written")
                        }
                    }
                } else if raw.payload != nil || raw.salt != nil {
                    report.problems.append("event \(raw.seq): half-erased (payload and salt must go together)")
                } else {
                    report.erased += 1
                }
                guard let id = UUID(uuidString: raw.id) else {
                    report.problems.append("event \(raw.seq) has no valid id")
                    continue
                }
                let link = HashChain.link(
                    previous: previous, seq: raw.seq, id: id, kind: raw.kind, version: raw.version,
                    atMs: raw.atMs, actor: raw.actor, restricted: raw.restricted,
                    commitment: raw.commitment, key: key)
                if link != raw.hash { report.problems.append("event \(raw.seq): the hash chain is broken here") }
                previous = raw.hash
                do {
                    try state.apply(try decode(raw).event)
                    report.replayed += 1
                } catch {
                    report.problems.append("event \(raw.seq) cannot be replayed: \(error)")
                }
            }
            return report
        }
    }
}
