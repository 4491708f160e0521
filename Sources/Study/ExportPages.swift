/// Where an export reads a session's contributions from, for `convene export`,
/// the console's `:export` (through SessionActions) and a study export alike:
/// a session file's snapshot a page at a time, or the session folded in memory,
/// each with the scans the file keeps between exports (docs/exports.md, "Kept scans").
import Exporters
import Foundation
import Privacy
import SessionModel
import SessionStore

/// How every export opens a session and reads its contributions.
public enum ExportPages {
    /// Opens a session file for an export: research formats read its
    /// contributions from the snapshot a page at a time when they can (a plain
    /// file whose snapshot is current), else the whole session is folded and,
    /// when it was behind, a fresh snapshot written so the next export pages.
    public static func openFile(
        _ path: String, research: Bool, cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil
    ) throws -> SQLiteJournal {
        let plain = (try? SQLiteJournal.readMeta(path: path))?.encryption == "none"
        if research && plain {
            do { return try SQLiteJournal.open(path: path, pagedContributions: true) } catch is PagingUnavailable {}
        }
        let whole = try SQLiteJournal.open(path: path, cipherFor: cipherFor)
        if research && plain && !whole.snapshotIsCurrent { try? whole.writeSnapshot() }
        return whole
    }

    /// The contributions of `state`, as read through `journal`: a paged file's
    /// snapshot, a file's folded state with the scans it keeps, or (a team
    /// session) the state alone. A file's next page is read on another thread
    /// while the gate works on this one (`ReadAheadPages`): every export reads
    /// ahead here, a session's (`convene export`, the console's `:export`) and each
    /// session of a study's alike.
    public static func of(_ journal: any SessionJournal, state: SessionState) -> any ContributionPageSource {
        guard let file = journal as? SQLiteJournal else { return StatePages(contributions: state.contributions) }
        if file.pagedContributions { return ReadAheadPages(SnapshotContributionPages(journal: file)) }
        return ReadAheadPages(JournalStatePages(contributions: state.contributions, journal: file))
    }
}

/// How many contributions an export's page holds. Read ahead, three pages are held at once (the one the gate works
/// on, the one waiting, the one being read): 1 024 keeps that to about what one page of 2 048 held before pages
/// were read ahead (about 0.75 KB a contribution with its kept scan).
let exportPageSize = 1_024

/// A paged session file's contributions, as the export gate reads them.
public struct SnapshotContributionPages: ContributionPageSource {
    let journal: SQLiteJournal
    public init(journal: SQLiteJournal) { self.journal = journal }
    public var count: Int { journal.pagedContributionCount }
    public func marked() throws -> [Contribution] { try journal.markedContributions() }
    public func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        try journal.forEachContributionPage(pageSize: exportPageSize, body)
    }
    public func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws {
        try journal.forEachContributionPage(pageSize: exportPageSize, withScans: true, body)
    }
    public func keepScans(_ scans: ScanBatch) throws { try journal.keepScans(scans) }
}

/// A whole session's contributions (folded in memory) with the scans its file keeps.
public struct JournalStatePages: ContributionPageSource {
    let contributions: [Contribution]
    let journal: SQLiteJournal
    var pageSize = exportPageSize
    public init(contributions: [Contribution], journal: SQLiteJournal) {
        self.contributions = contributions
        self.journal = journal
    }
    public var count: Int { contributions.count }
    public func marked() -> [Contribution] {
        contributions.filter { !$0.redactions.isEmpty || !$0.rejections.isEmpty }
    }
    public func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        try forEachPageWithScans({ page, _ in try body(page) })
    }
    public func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws {
        for start in stride(from: 0, to: contributions.count, by: pageSize) {
            let page = Array(contributions[start..<min(contributions.count, start + pageSize)])
            guard let first = page.first?.number, let last = page.last?.number else { continue }
            // Unreadable kept scans are no kept scans: the page is scanned as if there were none.
            try body(page, (try? journal.storedScans(min(first, last)...max(first, last))) ?? [:])
        }
    }
    public func keepScans(_ scans: ScanBatch) throws { try journal.keepScans(scans) }
}

/// Another source's pages, each read on a thread of its own while the caller works on the one before (one page at
/// most waits, and one is being read: reading is quicker than the gate, so one waiting keeps the gate fed): an export reads a session's pages and their kept scans from SQLite while the gate (and a
/// study's merge) works on the page before, on the second core. The pages, their order and their scans are the
/// inner source's.
public struct ReadAheadPages: ContributionPageSource {
    let inner: any ContributionPageSource
    public init(_ inner: any ContributionPageSource) { self.inner = inner }
    public var count: Int { inner.count }
    public func marked() throws -> [Contribution] { try inner.marked() }
    public func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        try forEachPageWithScans { page, _ in try body(page) }
    }
    public func keepScans(_ scans: ScanBatch) throws { try inner.keepScans(scans) }

    public func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws {
        let queue = PageQueue()
        let source = UncheckedBox(inner)
        let reader = Thread {
            do {
                try source.value.forEachPageWithScans { page, scans in
                    guard queue.put(page, scans) else { throw PageQueue.Stopped() }
                }
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        reader.start()
        // The reader always ends before this returns: the inner source (its file) is the caller's to close.
        defer { queue.stopAndWait() }
        while let (page, scans) = try queue.take() { try body(page, scans) }
    }
}

/// A value handed to the reading thread: it is used there alone until the reader ends.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Pages between the reading thread and the caller, at most `limit` waiting.
final class PageQueue: @unchecked Sendable {
    struct Stopped: Error {}
    private let condition = NSCondition()
    private var pages: [([Contribution], [Int: StoredScan])] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    private let limit = 1

    /// Waits for room; false once the caller has stopped reading.
    func put(_ page: [Contribution], _ scans: [Int: StoredScan]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while pages.count >= limit && !stopped { condition.wait() }
        guard !stopped else { return false }
        pages.append((page, scans))
        condition.broadcast()
        return true
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        if !(error is Stopped) { failure = error }
        condition.broadcast()
    }

    /// The next page; nil after the last; the reader's error once the pages before it are taken.
    func take() throws -> ([Contribution], [Int: StoredScan])? {
        condition.lock()
        defer { condition.unlock() }
        while pages.isEmpty && !finished { condition.wait() }
        if !pages.isEmpty {
            condition.broadcast()
            return pages.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the reader to stop and waits until it has.
    func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        pages.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
    }
}
