import Foundation
import GRDB
import Privacy
import SessionModel

/// What one erasure does: which journal rows lose their payload, which names
/// leave every payload that still holds them, which console drafts go, and
/// the content-free event that records it. Decided inside the erasure's own
/// transaction, from the latest state, so an event another console appends
/// meanwhile (a tag on a contribution being erased) cannot slip past it.
public struct ErasurePlan: Sendable {
    /// Journal positions (`seq`) whose payload and salt are cleared.
    public var clear: Set<Int>
    /// Names replaced by their placeholders in every payload that is kept.
    public var names: [String]
    /// Whether a console draft (its plaintext) goes with the erasure.
    public var draftGoes: @Sendable (String) -> Bool
    /// The tombstone, given the chained record of what was cleared and rewritten.
    public var tombstone: @Sendable (ErasureRecord) -> any EventPayload
    public init(
        clear: Set<Int>, names: [String] = [], draftGoes: @escaping @Sendable (String) -> Bool = { _ in false },
        tombstone: @escaping @Sendable (ErasureRecord) -> any EventPayload
    ) {
        self.clear = clear
        self.names = names
        self.draftGoes = draftGoes
        self.tombstone = tombstone
    }
}

public struct ErasureResult: Sendable {
    /// The journal positions cleared, in order.
    public var cleared: [Int]
    /// Where names were replaced by placeholders.
    public var rewritten: [NameRewriteChange]
    public var draftsErased: Int
    public var appended: [StoredEvent]
    /// Whether the freed bytes are gone from the file, its WAL and shared memory.
    public var purged: PurgeResult
    /// Where the journal ends after the erasure (for the receipt).
    public var head: JournalHead?
    public init(
        cleared: [Int], rewritten: [NameRewriteChange], draftsErased: Int, appended: [StoredEvent],
        purged: PurgeResult, head: JournalHead?
    ) {
        self.cleared = cleared
        self.rewritten = rewritten
        self.draftsErased = draftsErased
        self.appended = appended
        self.purged = purged
        self.head = head
    }
}

/// The outcome of squeezing freed bytes out of a session file.
public struct PurgeResult: Sendable, Equatable {
    /// False when another program held the file and the WAL could not be
    /// emptied: the erased bytes may linger until `convene purge` succeeds.
    public var complete: Bool
    public init(complete: Bool) { self.complete = complete }
}

extension SQLiteJournal: ErasingJournal {
    /// Erases physically, in three steps:
    /// 1. one transaction clears the payload and salt of `plan.clear`, rewrites
    ///    every other payload that still names `plan.names` (placeholders in
    ///    their place, new salt), deletes the snapshot and the drafts the plan
    ///    names, replays the whole journal from scratch (refusing the erasure if
    ///    anything would no longer replay) and appends the tombstone, which
    ///    carries the chained record of every row cleared or rewritten;
    /// 2. a fresh snapshot is written from the replayed state;
    /// 3. `purge()` checkpoints the WAL, VACUUMs and truncates the WAL, so no
    ///    byte of the erased payloads is left in `.convene`, `-wal` or `-shm`.
    /// The hash chain stays valid: it covers the first salted commitments, and
    /// the record commits to each rewritten payload.
    @discardableResult
    public func erase(
        by actor: String, at: Date,
        plan planner: (SessionState, [StoredEvent]) throws -> ErasurePlan
    ) throws -> ErasureResult {
        guard !readOnly else { throw StoreError.readOnly(location) }
        guard !pagedContributions else { throw PagingUnavailable.appendNeedsContributions }
        var cleared: [Int] = []
        var appended: [StoredEvent] = []
        var changes: [NameRewriteChange] = []
        var drafts = 0
        do {
            try dbQueue.writeWithoutTransaction { db in
                try lock.withLock {
                    try db.inTransaction(.immediate) {
                        try checkStillInPlace()
                        _ = try catchUp(db)
                        let events = try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq").map {
                            try decode($0)
                        }
                        let before = cached
                        let plan: ErasurePlan
                        do { plan = try planner(before, events) } catch { throw CallerError(error: error) }
                        cleared = plan.clear.sorted()
                        guard cleared.allSatisfy({ (1...events.count).contains($0) }) else {
                            throw StoreError.failed("\(location): the erasure names events that are not in the journal")
                        }
                        if let concern = cleared.first(where: { events[$0 - 1].event.isRestricted }) {
                            throw StoreError.failed(
                                "the erasure was not made: event \(concern) is a safeguarding concern, which is never erased"
                            )
                        }
                        for seq in cleared {
                            try db.execute(
                                sql: "UPDATE events SET payload = NULL, salt = NULL WHERE seq = ?", arguments: [seq])
                        }
                        let clearing = Set(cleared)
                        var kept: [(seq: Int, event: SessionEvent)] = events.map { stored in
                            let e =
                                clearing.contains(stored.seq)
                                ? SessionEvent(
                                    id: stored.event.id, at: stored.event.at, by: stored.event.by,
                                    body: .erased(stored.event.body.kind))
                                : stored.event
                            return (stored.seq, e)
                        }
                        // Names leaving the session leave every payload that is kept.
                        let rewrite = try NameReplacement.rewrite(kept, names: plan.names, state: before)
                        var rewritten: [ErasureRecord.RewrittenRow] = []
                        for (seq, payload) in rewrite.payloads.sorted(by: { $0.key < $1.key }) {
                            let idText = kept[seq - 1].event.id.uuidString.lowercased()
                            let sealed = try sealPayload(payload, id: idText)
                            let salt = HashChain.newSalt()
                            try db.execute(
                                sql: "UPDATE events SET payload = ?, salt = ? WHERE seq = ?",
                                arguments: [sealed, salt, seq])
                            rewritten.append(
                                .init(
                                    seq: seq,
                                    commitment: HashChain.hex(HashChain.commitment(salt: salt, payload: sealed))))
                            let old = kept[seq - 1].event
                            kept[seq - 1].event = SessionEvent(id: old.id, at: old.at, by: old.by, payload)
                        }
                        changes = rewrite.changes
                        if !rewritten.isEmpty {
                            // An older Convene would take a rewritten row for tampering.
                            try db.execute(
                                sql: "UPDATE meta SET value = ? WHERE key = 'format' AND CAST(value AS INTEGER) < ?",
                                arguments: [String(Schema.formatVersion), Schema.formatVersion])
                        }
                        try db.execute(sql: "DELETE FROM snapshot")
                        // Kept scans hold offsets and hashes of texts this erasure may change: all go.
                        if try db.tableExists("scan_memo") { try db.execute(sql: "DELETE FROM scan_memo") }
                        drafts = try eraseDrafts(db, where: plan.draftGoes)
                        // Replay from nothing, as the next open will: the state must
                        // hold nothing the cleared payloads carried (placeholder numbers,
                        // emergent codes, edit history) and every later event must still fold.
                        var state = SessionState()
                        for (seq, event) in kept {
                            do { try state.apply(event) } catch let e as SessionError {
                                throw StoreError.failed(
                                    "the erasure was not made: event \(seq) would no longer replay (\(e))")
                            }
                        }
                        cached = state
                        snapshotSeq = 0
                        let record = ErasureRecord(cleared: cleared, rewritten: rewritten)
                        appended = try appendLocked(db, [plan.tombstone(record)], by: actor, at: at)
                        FaultPoint.beforeEraseCommit.reach()
                        return .commit
                    }
                }
            }
        } catch {
            // Nothing was committed: re-read so the cache matches the file.
            lock.withLock {
                cached = SessionState()
                lastHash = HashChain.genesis
                snapshotSeq = 0
            }
            try? loadSnapshot()
            _ = try? refresh()
            // A planner's refusal reaches the caller as it was thrown.
            if let caller = error as? CallerError { throw caller.error }
            throw Self.map(error, path: location)
        }
        recordAnchor()
        FaultPoint.afterEraseCommit.reach()
        try writeSnapshot()
        let purged = try purge()
        return ErasureResult(
            cleared: cleared, rewritten: changes, draftsErased: drafts, appended: appended,
            purged: purged, head: head)
    }

    /// Deletes the console drafts whose plaintext `goes` names; a draft that
    /// cannot be opened goes too (it cannot be checked). Returns how many.
    func eraseDrafts(_ db: Database, where goes: (String) -> Bool) throws -> Int {
        guard try db.tableExists("console_drafts") else { return 0 }
        var count = 0
        for row in try Row.fetchAll(db, sql: "SELECT user, draft FROM console_drafts") {
            let user: String = row["user"]
            let sealed: Data = row["draft"] ?? Data()
            let plain = try? cipher.open(sealed, context: Data("draft:\(user)".utf8))
            if plain == nil || goes(String(decoding: plain ?? Data(), as: UTF8.self)) {
                try db.execute(sql: "DELETE FROM console_drafts WHERE user = ?", arguments: [user])
                count += 1
            }
        }
        return count
    }

    /// Rewrites the file without free space and empties the WAL. Run after
    /// every erasure; safe to run again (`convene purge`) if another program
    /// held the file the first time.
    @discardableResult
    public func purge() throws -> PurgeResult {
        guard !readOnly else { throw StoreError.readOnly(location) }
        do {
            return try dbQueue.writeWithoutTransaction { db in
                // VACUUM's scratch copy stays in memory, never in a temporary file.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                // Keep the WAL short before VACUUM writes a whole copy into it…
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                try db.execute(sql: "VACUUM")
                FaultPoint.afterVacuum.reach()
                // …then copy that into the file and truncate the WAL to nothing.
                return PurgeResult(complete: try checkpoint(db))
            }
        } catch {
            throw Self.map(error, path: location)
        }
    }

    /// Copies the WAL into the file and truncates it to nothing. False if a
    /// reader elsewhere kept part of it in use.
    func checkpoint(_ db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return false }
        let busy: Int = row[0]
        return busy == 0
    }

    /// Puts the data key under a new passphrase. Events are untouched (they
    /// are sealed with the data key), so the chain and every commitment stay
    /// as they were; the old wrapped key is checkpointed out of the WAL.
    public func changePassphrase(
        to passphrase: String,
        derivation: EncryptedPayloads.KeyDerivation = .standard
    ) throws -> PurgeResult {
        guard !readOnly else { throw StoreError.readOnly(location) }
        guard let sealed = cipher as? EncryptedPayloads else {
            throw StoreError.failed("\(location) is not encrypted, so it has no passphrase to change")
        }
        let entries = try sealed.wrap(passphrase: passphrase, derivation: derivation)
        do {
            try dbQueue.write { db in
                for (key, value) in entries {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            return try dbQueue.writeWithoutTransaction { db in PurgeResult(complete: try checkpoint(db)) }
        } catch {
            throw Self.map(error, path: location)
        }
    }
}

/// Which journal rows an erasure clears. Pure: events in, positions out.
public enum ErasureRules {
    /// What a withdrawal or anonymisation must know about one event's payload.
    enum Subject: Equatable {
        /// A new contribution: it takes the next number.
        case newContribution
        /// About one contribution (`number`): its text, edits, strike reason, attribution,
        /// tags, theme links, redactions and confidentiality reminders. Cleared with it.
        case aboutContribution(Int)
        /// A participant's real name (linkage table): cleared when they withdraw.
        case realName(code: String)
        /// A block-listed name: cleared when the linkage is destroyed.
        case blockedName
        /// Nothing an erasure clears. Concerns are here: the safeguarding register
        /// outlives a withdrawal.
        case none
    }

    /// One arm per kind: a kind added to `EventBody` does not compile until it says
    /// what an erasure does with it.
    static func subject(of body: EventBody) -> Subject {
        switch body {
        case .contributionLogged: return .newContribution
        case .contributionEdited(let e): return .aboutContribution(e.number)
        case .contributionStruck(let e): return .aboutContribution(e.number)
        case .contributionRestored(let e): return .aboutContribution(e.number)
        case .attributionSet(let e): return .aboutContribution(e.number)
        case .codeTagged(let e): return .aboutContribution(e.number)
        case .codeUntagged(let e): return .aboutContribution(e.number)
        case .themeLinked(let e): return .aboutContribution(e.number)
        case .themeUnlinked(let e): return .aboutContribution(e.number)
        case .redactionAccepted(let e): return .aboutContribution(e.number)
        case .redactionRejected(let e): return .aboutContribution(e.number)
        case .confidentialityReminderGiven(let e): return e.number.map { .aboutContribution($0) } ?? .none
        case .realNameRecorded(let e): return .realName(code: e.code)
        case .blocklistNameAdded: return .blockedName
        case .sessionCreated, .sessionClosed, .recordingToggled, .consoleOpened, .facilitatorAdded,
            .participantAdded, .participantUpdated, .consentRecorded, .consentChecklistSet, .linkageDestroyed,
            .groupCreated, .groupRenamed, .groupClosed, .participantAssigned, .roundStarted, .roundEnded,
            .guideSet, .guideAdvanced, .codebookSet, .themeCreated,
            // Who spoke a range: numbers and a code, no words; its contributions go on their own.
            .speakerSet,
            .concernRaised, .concernAcknowledged, .concernActionTaken,
            .participantWithdrawn, .importRecorded, .exportRecorded:
            return .none
        case .erased(let kind):
            // An erased contribution still takes its number.
            return kind == .contributionLogged ? .newContribution : .none
        }
    }

    /// The rows a withdrawal of `code` clears when `contributions` are erased:
    /// each erased contribution's `contribution.logged` and every event about
    /// it, and the participant's `participant.real-name`. Rows already erased
    /// are skipped. Whiteboard notes are never passed in; concerns never match.
    public static func withdrawal(of code: String, erasing contributions: Set<Int>, in events: [StoredEvent]) -> Set<
        Int
    > {
        var clear = Set<Int>()
        var number = 0
        for stored in events {
            let erased = stored.event.isErased
            switch subject(of: stored.event.body) {
            case .newContribution:
                number += 1
                if contributions.contains(number), !erased { clear.insert(stored.seq) }
            case .aboutContribution(let n):
                if contributions.contains(n), !erased { clear.insert(stored.seq) }
            case .realName(let owner):
                if owner == code, !erased { clear.insert(stored.seq) }
            case .blockedName, .none:
                break
            }
        }
        return clear
    }

    /// Every real name and block-listed name still in the journal (for `anonymise`).
    public static func linkage(in events: [StoredEvent]) -> Set<Int> {
        Set(
            events.filter { stored in
                switch subject(of: stored.event.body) {
                case .realName, .blockedName: return !stored.event.isErased
                case .newContribution, .aboutContribution, .none: return false
                }
            }.map(\.seq))
    }
}
