/// Reading a session's contributions from its snapshot a page at a time, for
/// a handle opened with `pagedContributions`: an export of 100 000 events then
/// holds one page of contributions, not the whole folded session. The snapshot
/// blob is read through SQLite's incremental blob I/O in pieces of
/// `SnapshotBlob.pieceSize`, never whole.
import Foundation
import GRDB
import GRDBSQLite
import Privacy
import SessionModel

/// Why a session cannot be read a page at a time; the caller opens it whole instead.
public enum PagingUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// An encrypted snapshot is sealed as one piece.
    case encrypted
    /// No snapshot, or one the chain no longer ends at.
    case noSnapshot
    /// Events after the snapshot change contributions (or the snapshot was replaced while reading).
    case changedSinceSnapshot
    /// A paged handle was asked to append or erase what needs the contributions.
    case appendNeedsContributions

    public var description: String {
        switch self {
        case .encrypted: return "an encrypted session is read whole, not a page at a time"
        case .noSnapshot: return "the session has no current snapshot to read a page at a time"
        case .changedSinceSnapshot: return "the session changed since its snapshot, so it is read whole"
        case .appendNeedsContributions: return "this change needs the whole session, which this handle does not hold"
        }
    }
}

/// The snapshot a paged handle folded: where its contributions start, how many there are,
/// and the tables their records refer to.
struct PagedSnapshot: Sendable {
    var seq: Int
    var hash: Data
    var count: Int
    var contributionsOffset: Int
    var tables: SnapshotTables
}

extension SQLiteJournal {
    /// Events whose fold never reads or changes a contribution: a paged handle
    /// folds and appends only these (the export's own record among them).
    public static func foldsWithoutContributions(_ event: SessionEvent) -> Bool {
        switch event.body {
        case .exportRecorded, .importRecorded, .consoleOpened, .recordingToggled, .sessionClosed, .facilitatorAdded:
            return true
        default:
            return false
        }
    }

    /// Whether the snapshot holds every event read so far.
    public var snapshotIsCurrent: Bool { lock.withLock { snapshotSeq == cached.eventCount } }

    /// How many contributions the paged snapshot holds.
    public var pagedContributionCount: Int { lock.withLock { pagedSnapshot?.count ?? 0 } }

    /// The state without its contributions, from the snapshot's JSON part, read in pieces.
    /// Anything unreadable is `PagingUnavailable`: the whole open then reads (or replays) it as it always did.
    func loadPagedSnapshot() throws {
        let loaded: (SessionState, PagedSnapshot)
        do { loaded = try readPagedSnapshot() } catch let e as PagingUnavailable { throw e } catch {
            throw PagingUnavailable.noSnapshot
        }
        lock.withLock {
            cached = loaded.0
            lastHash = loaded.1.hash
            snapshotSeq = loaded.1.seq
            pagedSnapshot = loaded.1
        }
    }

    private func readPagedSnapshot() throws -> (SessionState, PagedSnapshot) {
        try dbQueue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM snapshot WHERE id = 1") else {
                throw PagingUnavailable.noSnapshot
            }
            let seq: Int = row["seq"]
            let hash: Data = row["hash"]
            let chainHash = try Data.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = ?", arguments: [seq])
            guard chainHash == hash else { throw PagingUnavailable.noSnapshot }
            var blob = try SnapshotBlob(db)
            defer { blob.close() }
            guard try blob.take(4) == Array(SnapshotCodec.magic) else { throw SnapshotError.unreadable }
            let jsonLength = Int(try blob.u32())
            let json = try blob.take(jsonLength)
            let tables = try blob.decode { try SnapshotTables.read(&$0) }
            let count = Int(try blob.u32())
            _ = try blob.take(12) // where the second half starts: pages are read from the first on
            let d = JSONDecoder()
            d.dateDecodingStrategy = .secondsSince1970
            let state = try d.decode(SessionState.self, from: Data(json))
            guard state.eventCount == seq, state.contributions.isEmpty else { throw SnapshotError.unreadable }
            return (
                state,
                PagedSnapshot(
                    seq: seq, hash: hash, count: count, contributionsOffset: blob.offset, tables: tables)
            )
        }
    }

    /// Calls `body` with the snapshot's contributions in number order, `pageSize` at a time.
    public func forEachContributionPage(pageSize: Int = 2_048, _ body: ([Contribution]) throws -> Void) throws {
        try forEachContributionPage(pageSize: pageSize, withScans: false) { page, _ in try body(page) }
    }

    /// The same, with the scans kept for each page's contributions (`ScanMemoStore.swift`; none when
    /// `withScans` is false or the file keeps none), read in the same transaction as the page.
    public func forEachContributionPage(
        pageSize: Int = 2_048, withScans: Bool, _ body: ([Contribution], [Int: StoredScan]) throws -> Void
    ) throws {
        let scans = withScans && keepsScans
        try readContributions { reader, db in
            var page: [Contribution] = []
            page.reserveCapacity(pageSize)
            func flush() throws {
                guard let first = page.first?.number, let last = page.last?.number else { return }
                try body(page, scans ? Self.storedScans(db, min(first, last)...max(first, last)) : [:])
                page.removeAll(keepingCapacity: true)
            }
            while let c = try reader.next() {
                page.append(c)
                if page.count == pageSize { try flush() }
            }
            try flush()
        }
    }

    /// The contributions with an accepted redaction or a rejected finding, in number order
    /// (the others are skimmed over without being built).
    public func markedContributions() throws -> [Contribution] {
        var marked: [Contribution] = []
        try readContributions { reader, _ in
            while let c = try reader.nextMarked() { marked.append(c) }
        }
        return marked
    }

    private func readContributions(_ body: (inout ContributionStream, Database) throws -> Void) throws {
        guard pagedContributions, let snapshot = lock.withLock({ pagedSnapshot }) else {
            throw PagingUnavailable.noSnapshot
        }
        do {
            try dbQueue.read { db in
                // The snapshot read must be the one folded: another writer may have replaced it since.
                let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM snapshot WHERE id = 1")
                guard let row, row["seq"] as Int == snapshot.seq, row["hash"] as Data == snapshot.hash else {
                    throw PagingUnavailable.changedSinceSnapshot
                }
                var blob = try SnapshotBlob(db)
                defer { blob.close() }
                try blob.skip(to: snapshot.contributionsOffset)
                var stream = ContributionStream(blob: blob, remaining: snapshot.count, tables: snapshot.tables)
                try body(&stream, db)
            }
        } catch let e as PagingUnavailable {
            throw e
        } catch let e as SnapshotError {
            throw StoreError.damaged(path: location, detail: "the snapshot cannot be read (\(e))")
        } catch {
            throw Self.map(error, path: location)
        }
    }
}

/// The contributions of a snapshot, one after another.
struct ContributionStream {
    var blob: SnapshotBlob
    var remaining: Int
    let tables: SnapshotTables

    mutating func next() throws -> Contribution? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let tables = tables
        return try blob.decode { try ContributionWriter.read(&$0, tables) }
    }

    /// The next contribution with a redaction or a rejection, skimming over the rest.
    mutating func nextMarked() throws -> Contribution? {
        let tables = tables
        while remaining > 0 {
            remaining -= 1
            if let c = try blob.decode({ (r: inout ByteReader) -> Contribution? in
                var probe = r
                guard try ContributionWriter.isMarked(&probe) else {
                    r = probe
                    return nil
                }
                return try ContributionWriter.read(&r, tables)
            }) {
                return c
            }
        }
        return nil
    }
}

/// The snapshot blob, read forwards through a window of bytes refilled from SQLite.
struct SnapshotBlob {
    static let pieceSize = 1 << 20
    private var handle: OpaquePointer?
    private let size: Int
    /// The window's buffer, used again for every piece (a new buffer a piece, and the copy joining it to the
    /// unread bytes, was a fresh megabyte or two for the kernel to zero: a tenth of reading a page). Its first
    /// `filled` bytes are the blob's from `windowStart`; `at` is the read position within them.
    private var buffer: [UInt8] = []
    private var filled = 0
    private var windowStart = 0
    private var at = 0

    init(_ db: Database) throws {
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(db.sqliteConnection, "main", "snapshot", "state", 1, 0, &blob)
        guard rc == SQLITE_OK, let blob else { throw PagingUnavailable.noSnapshot }
        handle = blob
        size = Int(sqlite3_blob_bytes(blob))
    }

    mutating func close() {
        if let handle { sqlite3_blob_close(handle) }
        handle = nil
    }

    /// Where reading has got to, from the blob's start.
    var offset: Int { windowStart + at }

    /// Keeps the unread bytes (moved to the buffer's front) and reads at least `need` more after them, or to the
    /// blob's end.
    private mutating func refill(_ need: Int) throws {
        let from = windowStart + filled
        let n = min(size - from, max(need, Self.pieceSize))
        guard n > 0 else { throw SnapshotError.unreadable }
        let unread = filled - at
        if at > 0 && unread > 0 {
            buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + at, unread) }
        }
        windowStart += at
        at = 0
        filled = unread
        if buffer.count < unread + n { buffer += [UInt8](repeating: 0, count: unread + n - buffer.count) }
        let rc = buffer.withUnsafeMutableBytes {
            sqlite3_blob_read(handle, $0.baseAddress! + unread, Int32(n), Int32(from))
        }
        guard rc == SQLITE_OK else { throw SnapshotError.unreadable }
        filled += n
    }

    mutating func skip(to offset: Int) throws {
        while windowStart + filled < offset {
            at = filled
            try refill(offset - windowStart - filled)
        }
        at = offset - windowStart
    }

    mutating func take(_ n: Int) throws -> [UInt8] {
        guard n >= 0, offset + n <= size else { throw SnapshotError.unreadable }
        if filled - at < n { try refill(n - (filled - at)) }
        defer { at += n }
        return Array(buffer[at..<(at + n)])
    }

    mutating func u32() throws -> UInt32 {
        try take(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Decodes one value from the window; one that runs past it is decoded
    /// again after the window is refilled (decoding changes nothing until it succeeds).
    mutating func decode<T>(_ read: (inout ByteReader) throws -> T) throws -> T {
        while true {
            let attempt: (T, Int)? = try buffer.withUnsafeBytes { raw in
                var r = ByteReader(UnsafeRawBufferPointer(rebasing: raw[at..<filled]))
                do {
                    let value = try read(&r)
                    return (value, r.position)
                } catch SnapshotError.unreadable where windowStart + filled < size {
                    return nil
                }
            }
            if let (value, used) = attempt {
                at += used
                return value
            }
            // Not enough bytes in the window: double what is read, so a contribution of any length fits.
            try refill(max(Self.pieceSize, (filled - at) * 2))
        }
    }
}
