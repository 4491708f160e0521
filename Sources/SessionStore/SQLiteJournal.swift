import Crypto
import Foundation
import GRDB
import SessionModel

/// The embedded default: one session in one SQLite file. Several processes on
/// one machine may hold the same file; SQLite's locks order their appends and
/// `refresh()` picks up what the others wrote.
public final class SQLiteJournal: SessionJournal, @unchecked Sendable {
    public let location: String
    public let readOnly: Bool
    public let cipher: any PayloadCipher
    let dbQueue: DatabaseQueue
    // Internal, not private: Erasure.swift works under the same lock.
    let lock = NSLock()
    var cached = SessionState()
    var lastHash = HashChain.genesis
    var snapshotSeq = 0
    /// Device and inode of the file when it was opened: SQLite keeps writing to
    /// an open file that was deleted or replaced, so each write checks first.
    var identity: (dev: UInt64, ino: UInt64)?
    /// The key of an encrypted session's keyed hash chain; nil for an unkeyed (plain or older) chain.
    var chainKey: SymmetricKey?
    /// From `meta`, for the anchors this writer keeps.
    var sessionID: String?
    /// Opened for reading contributions a page at a time (`open(…, pagedContributions: true)`):
    /// `state` holds everything but the contributions, which stay in the snapshot.
    public internal(set) var pagedContributions = false
    /// Where the paged contributions are: the snapshot's seq and hash, its contribution count and their offset in it.
    var pagedSnapshot: PagedSnapshot?
    /// The file holds a snapshot this version cannot use (an older encoding): the open
    /// replayed the journal instead, and a writable open stores a fresh snapshot.
    var snapshotUnusable = false

    /// Events between snapshots before opening writes a fresh one.
    public static let snapshotInterval = 2_000

    public var state: SessionState { lock.withLock { cached } }
    public var lastSeq: Int { lock.withLock { cached.eventCount } }

    private init(path: String, queue: DatabaseQueue, readOnly: Bool, cipher: any PayloadCipher) {
        self.location = path
        self.dbQueue = queue
        self.readOnly = readOnly
        self.cipher = cipher
    }

    // MARK: Creating and opening

    /// Creates `path` with its first event. The file appears whole or not at all:
    /// it is built under a temporary name and renamed into place.
    public static func create(
        path: String, session: SessionCreated, by: String, at: Date,
        cipher: any PayloadCipher = PlainPayloads(), meta extra: [String: String] = [:]
    ) throws -> SQLiteJournal {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { throw StoreError.fileExists(path) }
        try buildNewFile(at: path) { db in
            var meta = extra
            meta["format"] = String(Schema.formatVersion)
            meta["session_id"] = session.sessionID.uuidString.lowercased()
            meta["encryption"] = cipher.name
            // Encrypted sessions key their chain: removing events and recomputing it needs the passphrase.
            if cipher is EncryptedPayloads { meta["chain"] = HashChain.keyedName }
            for (k, v) in meta { try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v]) }
        }
        let journal = try open(path: path, cipher: cipher)
        do {
            try journal.append([session], by: by, at: at)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
            throw error
        }
        return journal
    }

    /// Builds a new session file under a temporary name — schema, then `fill` in
    /// one transaction, then WAL mode — and renames it into place, so a crash
    /// never leaves a half-made file at `path`.
    static func buildNewFile(at path: String, _ fill: (Database) throws -> Void) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp =
            (dir.isEmpty ? "." : dir)
            + "/.\((path as NSString).lastPathComponent).creating-\(UUID().uuidString.prefix(8))"
        do {
            // Only its owner may read a session file (SQLite gives the -wal and -shm the same mode).
            guard FileManager.default.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o600])
            else {
                throw StoreError.cannotOpen(path: path, detail: "cannot create a file in \(dir.isEmpty ? "." : dir)")
            }
            let queue = try DatabaseQueue(path: temp, configuration: configuration(readOnly: false))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try Schema.migrator().migrate(queue)
            try queue.inTransaction { db in
                try fill(db)
                return .commit
            }
            // Switch to WAL only once the file is complete, then move it into place.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
            guard rename(temp, path) == 0 else {
                throw StoreError.cannotOpen(path: path, detail: String(cString: strerror(errno)))
            }
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: temp + suffix)
            }
            throw map(error, path: path)
        }
    }

    /// Opens an existing session file. A read-only handle never changes the file.
    ///
    /// `pagedContributions`: fold everything but the contributions, which are
    /// read from the snapshot a page at a time (`forEachContributionPage`), so a
    /// long session is never whole in memory (exports). Possible only for a plain
    /// file whose snapshot is current, up to events that never touch a
    /// contribution (`foldsWithoutContributions`); otherwise `PagingUnavailable`.
    /// Such a handle appends only those events, and never writes a snapshot or erases.
    public static func open(
        path: String, readOnly: Bool = false, cipher: (any PayloadCipher)? = nil,
        cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil,
        pagedContributions: Bool = false
    ) throws -> SQLiteJournal {
        try preflight(path)
        let queue: DatabaseQueue
        let meta: FileMeta
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly))
            meta = try queue.read { db in try readMeta(db, path: path) }
        } catch {
            throw map(error, path: path)
        }
        guard let format = Int(meta.values["format"] ?? "") else { throw StoreError.notASessionFile(path) }
        if format > Schema.formatVersion {
            throw StoreError.newerFormat(path: path, found: format, supported: Schema.formatVersion)
        }
        let chosen: any PayloadCipher
        if meta.encryption == "none" {
            chosen = PlainPayloads()
        } else if let cipher, cipher.name == meta.encryption {
            chosen = cipher
        } else if let cipherFor {
            chosen = try cipherFor(meta)
        } else {
            throw StoreError.passphraseNeeded(path)
        }
        let journal = SQLiteJournal(path: path, queue: queue, readOnly: readOnly, cipher: chosen)
        journal.identity = fileIdentity(path)
        journal.chainKey = HashChain.key(for: chosen, meta: meta)
        journal.sessionID = meta.sessionID
        if pagedContributions {
            guard chosen.name == "none" else { throw PagingUnavailable.encrypted }
            journal.pagedContributions = true
        }
        do {
            if !readOnly {
                // Later migrations (never destructive) run only on writable handles.
                try Schema.migrator().migrate(queue)
            }
            try journal.loadSnapshot()
            try journal.refresh()
            if !readOnly, !pagedContributions,
                journal.lastSeq - journal.snapshotSeq >= snapshotInterval || journal.snapshotUnusable
            {
                try journal.writeSnapshot()
            }
        } catch let e as PagingUnavailable {
            throw e
        } catch {
            throw map(error, path: path)
        }
        return journal
    }

    /// Opens a session file, unlocking it with `passphrase` if it is encrypted
    /// (a wrong one is `StoreError.wrongPassphrase`; a plain file ignores it).
    public static func open(path: String, readOnly: Bool = false, passphrase: String) throws -> SQLiteJournal {
        try open(
            path: path, readOnly: readOnly,
            cipherFor: { meta in
                try EncryptedPayloads.unlock(meta: meta, passphrase: passphrase, path: path)
            })
    }

    /// The file's `meta` without opening the session (to learn whether it is
    /// encrypted before asking for a passphrase, or to check a damaged file).
    public static func readMeta(path: String) throws -> FileMeta {
        try preflight(path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            defer { try? queue.close() }
            return try queue.read { db in try readMeta(db, path: path) }
        } catch {
            throw map(error, path: path)
        }
    }

    private static func readMeta(_ db: Database, path: String) throws -> FileMeta {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard appID == Schema.applicationID,
            try db.tableExists("meta"), try db.tableExists("events")
        else { throw StoreError.notASessionFile(path) }
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta")
        var values: [String: String] = [:]
        for row in rows { values[row["key"]] = row["value"] }
        return FileMeta(values: values)
    }

    /// Refuses what SQLite would otherwise misread or create: a missing, empty
    /// or truncated file, or one that is not SQLite at all.
    private static func preflight(_ path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw StoreError.fileMissing(path)
        }
        guard !isDir.boolValue else { throw StoreError.notASessionFile(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path: path, detail: "permission denied")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        guard header.count == 100, header.starts(with: Data("SQLite format 3\0".utf8)) else {
            throw StoreError.notASessionFile(path)
        }
        // Page size × page count from the header must fit in the file, or it was
        // cut short. The count is only valid when the change counter matches
        // version-valid-for, and a WAL may still hold pages not yet copied back.
        let pageSizeRaw = Int(header[16]) << 8 | Int(header[17])
        let pageSize = pageSizeRaw == 1 ? 65_536 : pageSizeRaw
        let pages = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        let countValid = header[24..<28] == header[92..<96]
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if countValid, walSize == 0, pages > 0, size < pages * pageSize {
            throw StoreError.damaged(path: path, detail: "the file is shorter than its header says (truncated copy?)")
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        // Wait up to about 5 s for another writer, polling every 1–3 ms. SQLite's own
        // timeout backs off to 100 ms sleeps, so under many writers a waiting one
        // kept losing the race and gave up (8 writers × 50 events/s: 39 refusals a minute).
        config.busyMode = .callback(Self.busyWait)
        config.label = "convene"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        return config
    }

    public func close() throws { try dbQueue.close() }

    /// The busy handler: `attempts` counts calls for one lock; false gives up (SQLITE_BUSY).
    @Sendable static func busyWait(_ attempts: Int) -> Bool {
        guard attempts < busyAttempts else { return false }
        usleep(UInt32.random(in: 1_000...3_000))
        return true
    }
    static let busyAttempts = 2_500

    static func fileIdentity(_ path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// Throws if the path no longer names the file this journal opened.
    public func checkStillInPlace() throws {
        guard let identity else { return }
        guard let now = Self.fileIdentity(location) else { throw StoreError.fileGone(location) }
        guard now == identity else { throw StoreError.fileReplaced(location) }
    }

    // MARK: Reading

    @discardableResult
    public func refresh() throws -> [StoredEvent] {
        try checkStillInPlace()
        do {
            let added = try dbQueue.read { db in try lock.withLock { try catchUp(db) } }
            // An erasure elsewhere rewrote and cleared rows this handle folded before:
            // fold again from the file so nothing erased stays in memory (or on screen).
            if added.contains(where: {
                $0.event.payload is ParticipantWithdrawn || $0.event.payload is LinkageDestroyed
            }) {
                lock.withLock {
                    cached = SessionState()
                    lastHash = HashChain.genesis
                    snapshotSeq = 0
                }
                try loadSnapshot()
                _ = try dbQueue.read { db in try lock.withLock { try catchUp(db) } }
            }
            return added
        } catch let e as PagingUnavailable {
            throw e
        } catch {
            throw Self.map(error, path: location)
        }
    }

    /// Reads and folds events after the cached state. Caller holds `lock`.
    func catchUp(_ db: Database) throws -> [StoredEvent] {
        let from = cached.eventCount
        var added: [StoredEvent] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq", arguments: [from])
        var expected = from + 1
        while let row = try rows.next() {
            let stored = try decode(row)
            guard stored.seq == expected else {
                throw StoreError.damaged(path: location, detail: "event \(expected) is missing from the journal")
            }
            // Without its contributions the state can fold only what never touches one.
            if pagedContributions && !Self.foldsWithoutContributions(stored.event) {
                throw PagingUnavailable.changedSinceSnapshot
            }
            do { try cached.apply(stored.event) } catch let e as SessionError {
                throw StoreError.damaged(path: location, detail: "event \(stored.seq) cannot be replayed: \(e)")
            }
            lastHash = stored.hash
            added.append(stored)
            expected += 1
        }
        return added
    }

    /// Every stored event, in order (for export, check and copying).
    public func allEvents() throws -> [StoredEvent] {
        do {
            return try dbQueue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq").map { try decode($0) }
            }
        } catch { throw Self.map(error, path: location) }
    }

    func decode(_ row: Row) throws -> StoredEvent {
        let seq: Int = row["seq"]
        let idText: String = row["id"]
        guard let id = UUID(uuidString: idText) else {
            throw StoreError.damaged(path: location, detail: "event \(seq) has no valid id")
        }
        let kind: String = row["kind"]
        let version: Int = row["version"]
        let atMs: Int64 = row["at_ms"]
        let stored: Data? = row["payload"]
        var plain: Data?
        if let stored {
            do { plain = try cipher.open(stored, context: Data(idText.utf8)) } catch {
                throw StoreError.tampered(seq: seq)
            }
        }
        let payload: any EventPayload
        do { payload = try EventCodec.decode(kind: kind, version: version, data: plain) } catch let e as SessionError {
            throw StoreError.damaged(path: location, detail: "event \(seq): \(e)")
        }
        let event = SessionEvent(
            id: id, at: Date(timeIntervalSince1970: Double(atMs) / 1000), by: row["actor"], payload)
        return StoredEvent(seq: seq, event: event, hash: row["hash"], commitment: row["commitment"])
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
        guard !readOnly else { throw StoreError.readOnly(location) }
        do {
            let stored = try dbQueue.writeWithoutTransaction { db in
                try lock.withLock {
                    var result: [StoredEvent] = []
                    FaultPoint.watchNextCommit(db)
                    try db.inTransaction(.immediate) {
                        // Checked under the write lock, so no write lands in a deleted file.
                        try checkStillInPlace()
                        // The latest state: every other writer's events are folded first.
                        _ = try catchUp(db)
                        let payloads: [any EventPayload]
                        do { payloads = try build(cached) } catch { throw CallerError(error: error) }
                        guard !payloads.isEmpty else { return .rollback }
                        result = try appendLocked(db, payloads, by: by, at: at)
                        FaultPoint.beforeCommit.reach()
                        return .commit
                    }
                    return result
                }
            }
            recordAnchor()
            FaultPoint.afterCommit.reach()
            return stored
        } catch let caller as CallerError {
            // The caller refused: nothing was written and the cache only caught up.
            throw caller.error
        } catch StoreError.fileGone(let p) {
            throw StoreError.fileGone(p) // nothing was written; the cache still matches what was read
        } catch StoreError.fileReplaced(let p) {
            throw StoreError.fileReplaced(p)
        } catch {
            // A failed transaction leaves nothing behind; re-read so the cache matches the file.
            lock.withLock {
                cached = SessionState()
                lastHash = HashChain.genesis
                snapshotSeq = 0
            }
            try? loadSnapshot()
            _ = try? refresh()
            throw Self.map(error, path: location)
        }
    }

    func appendLocked(_ db: Database, _ payloads: [any EventPayload], by: String, at: Date) throws -> [StoredEvent] {
        let others = try catchUp(db)
        var next = cached
        var hash = lastHash
        var stored: [StoredEvent] = []
        let atMs = Int64((at.timeIntervalSince1970 * 1000).rounded())
        let when = Date(timeIntervalSince1970: Double(atMs) / 1000)
        for payload in payloads {
            let event = SessionEvent(at: when, by: by, payload)
            if pagedContributions && !Self.foldsWithoutContributions(event) {
                throw PagingUnavailable.appendNeedsContributions
            }
            do { try next.apply(event) } catch let e as SessionError { throw StoreError.rejected(e) }
            let seq = next.eventCount
            let idText = event.id.uuidString.lowercased()
            let sealed = try sealPayload(payload, id: idText)
            let salt = HashChain.newSalt()
            let commitment = HashChain.commitment(salt: salt, payload: sealed)
            hash = HashChain.link(
                previous: hash, seq: seq, id: event.id, kind: event.kind, version: event.version,
                atMs: atMs, actor: by, restricted: event.isRestricted, commitment: commitment, key: chainKey)
            try db.execute(
                sql: """
                    INSERT INTO events (seq, id, kind, version, at_ms, actor, restricted, payload, salt, commitment, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    seq, idText, event.kind, event.version, atMs, by, event.isRestricted, sealed, salt, commitment,
                    hash,
                ])
            stored.append(StoredEvent(seq: seq, event: event, hash: hash, commitment: commitment))
        }
        cached = next
        lastHash = hash
        _ = others
        return stored
    }

    /// A payload as stored: JSON, padded to a length bucket and sealed when the file is encrypted.
    func sealPayload(_ payload: any EventPayload, id idText: String) throws -> Data {
        let plain = try EventCodec.encode(payload)
        guard cipher is EncryptedPayloads else { return plain }
        return try cipher.seal(PayloadPadding.padded(plain), context: Data(idText.utf8))
    }

    /// Where the journal ends now, as an anchor or a receipt records it.
    public var head: JournalHead? {
        lock.withLock {
            guard let sessionID, cached.eventCount > 0 else { return nil }
            return JournalHead(
                session: sessionID, seq: cached.eventCount, hash: HashChain.hex(lastHash), at: Date(),
                location: Anchors.canonical(location))
        }
    }

    /// Moves this machine's anchor for the file forward (best effort).
    func recordAnchor() {
        if let head { Anchors.record(head) }
    }

    // MARK: Snapshot

    func loadSnapshot() throws {
        if pagedContributions { return try loadPagedSnapshot() }
        guard let (seq, hash, plain) = try openedSnapshot() else { return }
        guard let state = try? SnapshotCodec.decode(plain), state.eventCount == seq else {
            lock.withLock { snapshotUnusable = true }
            return
        }
        lock.withLock {
            cached = state
            lastHash = hash
            snapshotSeq = seq
        }
    }

    /// The snapshot's plaintext, if the chain still ends at it where it says.
    /// A separate function so the sealed copy is freed before decoding (an
    /// encrypted long session would otherwise hold both at its peak).
    private func openedSnapshot() throws -> (seq: Int, hash: Data, plain: Data)? {
        let row = try dbQueue.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash, state FROM snapshot WHERE id = 1")
        }
        guard let row else { return nil }
        let seq: Int = row["seq"]
        let hash: Data = row["hash"]
        let chainHash = try dbQueue.read { db in
            try Data.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq])
        }
        guard chainHash == hash, let plain = try? cipher.open(row["state"], context: Data("snapshot".utf8)) else {
            return nil
        }
        return (seq, hash, plain)
    }

    /// Stores the current state so the next open replays only what came after.
    public func writeSnapshot() throws {
        // A paged handle's state has no contributions: it must never become the snapshot.
        guard !readOnly, !pagedContributions else { return }
        let (state, hash) = lock.withLock { (cached, lastHash) }
        guard state.eventCount > 0 else { return }
        let blob = try cipher.seal(try SnapshotCodec.encode(state), context: Data("snapshot".utf8))
        do {
            try dbQueue.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO snapshot (id, seq, hash, state) VALUES (1, ?, ?, ?)",
                    arguments: [state.eventCount, hash, blob])
            }
        } catch { throw Self.map(error, path: location) }
        lock.withLock {
            snapshotSeq = state.eventCount
            snapshotUnusable = false
        }
    }

    // MARK: Meta

    public func meta() throws -> FileMeta {
        try dbQueue.read { db in
            var values: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { values[row["key"]] = row["value"] }
            return FileMeta(values: values)
        }
    }

    // MARK: Errors

    static func map(_ error: any Error, path: String) -> any Error {
        if error is StoreError || error is SessionError { return error }
        guard let db = error as? DatabaseError else { return StoreError.failed("\(path): \(error)") }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path)
        case .SQLITE_FULL: return StoreError.diskFull(path)
        case .SQLITE_READONLY: return StoreError.readOnly(path)
        case .SQLITE_NOTADB: return StoreError.notASessionFile(path)
        case .SQLITE_CORRUPT: return StoreError.damaged(path: path, detail: "the database structure is corrupt")
        case .SQLITE_CANTOPEN: return StoreError.cannotOpen(path: path, detail: db.message ?? "cannot open")
        case .SQLITE_IOERR:
            return StoreError.failed(
                "\(path): a disk error stopped the write (\(db.message ?? "I/O error")); nothing partial was saved")
        default: return StoreError.failed("\(path): \(db.message ?? "database error \(db.resultCode.rawValue)")")
        }
    }
}

/// The key–value facts a file carries about itself.
public struct FileMeta: Sendable, Equatable {
    public var values: [String: String]
    public init(values: [String: String]) { self.values = values }
    public var encryption: String { values["encryption"] ?? "none" }
    public var sessionID: String? { values["session_id"] }
}
