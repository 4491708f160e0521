/// The `scan_memo` table: scans an export keeps so the next export of the
/// same text reads them instead of scanning again (Privacy/ScanMemo.swift
/// says what a row holds; Exporters checks each row before using it). Plain
/// files only: an encrypted file would hold offsets and hashes of its text in
/// clear. An erasure deletes every row (Erasure.swift), so nothing derived from
/// an erased text stays; a row written back is dropped if the file moved meanwhile.
import Foundation
import GRDB
import Privacy

extension SQLiteJournal {
    /// Whether this file keeps scans between exports.
    public var keepsScans: Bool { cipher.name == "none" }

    /// The scans kept for contributions numbered in `numbers`, by number.
    public func storedScans(_ numbers: ClosedRange<Int>) throws -> [Int: StoredScan] {
        guard keepsScans else { return [:] }
        do { return try dbQueue.read { db in try Self.storedScans(db, numbers) } } catch {
            throw Self.map(error, path: location)
        }
    }

    static func storedScans(_ db: Database, _ numbers: ClosedRange<Int>) throws -> [Int: StoredScan] {
        guard try db.tableExists("scan_memo") else { return [:] }
        var out: [Int: StoredScan] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT number, check_hash, scan FROM scan_memo WHERE number BETWEEN ? AND ?",
            arguments: [numbers.lowerBound, numbers.upperBound])
        while let row = try rows.next() {
            // A row of the wrong shape is no scan: the reader then scans the text as if nothing were kept.
            guard let number = Int.fromDatabaseValue(row[0]), let check = Data.fromDatabaseValue(row[1]),
                let scan = Data.fromDatabaseValue(row[2])
            else { continue }
            out[number] = StoredScan(number: number, check: Array(check), scan: Array(scan))
        }
        return out
    }

    /// Keeps `scans`, replacing any kept for the same contributions, if the
    /// file still ends where this handle read it (else nothing is written: an
    /// erasure may have removed the texts meanwhile). Returns whether they were kept.
    @discardableResult
    public func keepScans(_ scans: ScanBatch) throws -> Bool {
        guard keepsScans, !readOnly, scans.count > 0 else { return false }
        try checkStillInPlace()
        let expected = lock.withLock { lastHash }
        do {
            return try dbQueue.write { db in
                let head = try Data.fetchOne(db, sql: "SELECT hash FROM events ORDER BY seq DESC LIMIT 1")
                guard head == expected, try db.tableExists("scan_memo") else { return false }
                let insert = try db.makeStatement(
                    sql: "INSERT OR REPLACE INTO scan_memo (number, check_hash, scan) VALUES (?, ?, ?)")
                for k in 0..<scans.count {
                    let s = scans[k]
                    try insert.execute(arguments: [s.number, Data(s.check), Data(s.scan)])
                }
                return true
            }
        } catch { throw Self.map(error, path: location) }
    }

    /// The scans the file keeps for contributions numbered in `numbers` (every one by default), in number order,
    /// held compactly (the console reads them a page at a time when it opens, off its loop, so a session an
    /// export or an earlier console scanned is not scanned again).
    public func storedScanBatch(_ numbers: ClosedRange<Int> = 0...Int.max) throws -> ScanBatch {
        guard keepsScans else { return ScanBatch() }
        do {
            return try dbQueue.read { db in
                var out = ScanBatch()
                guard try db.tableExists("scan_memo") else { return out }
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT number, check_hash, scan FROM scan_memo WHERE number BETWEEN ? AND ? ORDER BY number",
                    arguments: [numbers.lowerBound, numbers.upperBound])
                while let row = try rows.next() {
                    guard let number = Int.fromDatabaseValue(row[0]), let check = Data.fromDatabaseValue(row[1]),
                        let scan = Data.fromDatabaseValue(row[2])
                    else { continue }
                    out.append(StoredScan(number: number, check: Array(check), scan: Array(scan)))
                }
                return out
            }
        } catch { throw Self.map(error, path: location) }
    }

    /// Keeps scans made while the session is open (the console's), each only if its contribution's text is
    /// still `texts[k]`, the text `scans[k]` was made from, as of the last event this handle read, and only if
    /// the file still ends there (else nothing: someone wrote meanwhile). An edit between the scan and this
    /// call leaves that contribution's row unwritten, never stale. Returns how many rows were written.
    @discardableResult
    public func keepScans(_ scans: ScanBatch, scannedTexts texts: [String]) throws -> Int {
        guard keepsScans, !readOnly, scans.count > 0, texts.count == scans.count else { return 0 }
        try checkStillInPlace()
        let (expected, current) = lock.withLock { (lastHash, cached) }
        do {
            return try dbQueue.write { db in
                let head = try Data.fetchOne(db, sql: "SELECT hash FROM events ORDER BY seq DESC LIMIT 1")
                guard head == expected, try db.tableExists("scan_memo") else { return 0 }
                let insert = try db.makeStatement(
                    sql: "INSERT OR REPLACE INTO scan_memo (number, check_hash, scan) VALUES (?, ?, ?)")
                var written = 0
                for k in 0..<scans.count {
                    let s = scans[k]
                    guard let c = current.contribution(s.number), !c.erased, c.text == texts[k] else { continue }
                    try insert.execute(arguments: [s.number, Data(s.check), Data(s.scan)])
                    written += 1
                }
                return written
            }
        } catch { throw Self.map(error, path: location) }
    }

    /// How many scans the file keeps (tests, `check`).
    public func storedScanCount() throws -> Int {
        try dbQueue.read { db in
            try db.tableExists("scan_memo") ? Int.fetchOne(db, sql: "SELECT count(*) FROM scan_memo") ?? 0 : 0
        }
    }
}
