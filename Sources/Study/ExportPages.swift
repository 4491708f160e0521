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
    /// session) the state alone.
    public static func of(_ journal: any SessionJournal, state: SessionState) -> any ContributionPageSource {
        guard let file = journal as? SQLiteJournal else { return StatePages(contributions: state.contributions) }
        if file.pagedContributions { return SnapshotContributionPages(journal: file) }
        return JournalStatePages(contributions: state.contributions, journal: file)
    }
}

/// A paged session file's contributions, as the export gate reads them.
public struct SnapshotContributionPages: ContributionPageSource {
    let journal: SQLiteJournal
    public init(journal: SQLiteJournal) { self.journal = journal }
    public var count: Int { journal.pagedContributionCount }
    public func marked() throws -> [Contribution] { try journal.markedContributions() }
    public func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        try journal.forEachContributionPage(body)
    }
    public func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws {
        try journal.forEachContributionPage(withScans: true, body)
    }
    public func keepScans(_ scans: ScanBatch) throws { try journal.keepScans(scans) }
}

/// A whole session's contributions (folded in memory) with the scans its file keeps.
public struct JournalStatePages: ContributionPageSource {
    let contributions: [Contribution]
    let journal: SQLiteJournal
    var pageSize = 2_048
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
