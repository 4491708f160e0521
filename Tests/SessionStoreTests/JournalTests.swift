import Foundation
import SessionModel
import XCTest

@testable import SessionStore

final class JournalTests: XCTestCase {
    var dir: URL!
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String = "s.convene") -> String { dir.appendingPathComponent(name).path }

    func makeSession(_ name: String = "s.convene") throws -> SQLiteJournal {
        try SQLiteJournal.create(
            path: path(name), session: SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"), by: "Sam",
            at: t0)
    }

    func testCreateAppendReopen() throws {
        let j = try makeSession()
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        let stored = try j.append(
            [ContributionLogged(source: .verbal, speaker: "P01", text: "hello")], by: "Ira",
            at: t0.addingTimeInterval(5))
        XCTAssertEqual(stored.map(\.seq), [3])
        try j.close()
        let again = try SQLiteJournal.open(path: path())
        XCTAssertEqual(again.state.contributions.first?.text, "hello")
        XCTAssertEqual(again.state.contributions.first?.loggedBy, "Ira")
        XCTAssertEqual(again.state.eventCount, 3)
        XCTAssertTrue(try SQLiteJournal.check(path: path()).isHealthy)
    }

    func testFileSettings() throws {
        let j = try makeSession()
        try j.dbQueue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 2, "FULL")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA secure_delete"), 1)
        }
    }

    func testCreateRefusesAnExistingFileAndLeavesNoTemporaryFiles() throws {
        _ = try makeSession()
        XCTAssertThrowsError(try makeSession()) { XCTAssertEqual($0 as? StoreError, .fileExists(path())) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("creating") }
        XCTAssertEqual(leftovers, [])
    }

    func testRejectedAppendLeavesNothing() throws {
        let j = try makeSession()
        XCTAssertThrowsError(
            try j.append(
                [ParticipantAdded(code: "P01", jobRole: "a"), ParticipantAdded(code: "P01", jobRole: "b")], by: "x",
                at: t0)
        ) {
            XCTAssertEqual($0 as? StoreError, .rejected(.duplicateParticipant("P01")))
        }
        XCTAssertEqual(j.state.eventCount, 1)
        XCTAssertEqual(try SQLiteJournal.open(path: path()).state.eventCount, 1, "all or none")
    }

    func testTwoHandlesSeeEachOthersEvents() throws {
        let a = try makeSession()
        let b = try SQLiteJournal.open(path: path())
        try a.append([ContributionLogged(source: .chat, text: "from a")], by: "A", at: t0)
        let seen = try b.refresh()
        XCTAssertEqual(seen.map { ($0.event.payload as? ContributionLogged)?.text }, ["from a"])
        // b appends after catching up inside its transaction: numbering stays contiguous.
        try b.append([ContributionLogged(source: .chat, text: "from b")], by: "B", at: t0)
        try a.append([ContributionLogged(source: .chat, text: "from a again")], by: "A", at: t0)
        XCTAssertEqual(a.state.contributions.map(\.text), ["from a", "from b", "from a again"])
        try b.refresh()
        XCTAssertEqual(b.state, a.state)
    }

    func testSnapshotIsUsedAndMatchesReplay() throws {
        let j = try makeSession()
        for i in 0..<50 { try j.append([ContributionLogged(source: .chat, text: "c\(i)")], by: "x", at: t0) }
        try j.writeSnapshot()
        try j.append([ContributionLogged(source: .chat, text: "after")], by: "x", at: t0)
        let reopened = try SQLiteJournal.open(path: path())
        let replayed = try SessionState.replay(try reopened.allEvents().map(\.event))
        XCTAssertEqual(reopened.state, replayed)
        XCTAssertEqual(reopened.state.contributions.count, 51)
    }

    func testTamperingIsDetectedByCheck() throws {
        let j = try makeSession()
        try j.append([ContributionLogged(source: .chat, text: "original words")], by: "x", at: t0)
        try j.append([ContributionLogged(source: .chat, text: "next")], by: "x", at: t0)
        try j.close()
        XCTAssertTrue(try SQLiteJournal.check(path: path()).isHealthy)
        // What someone with sqlite3 could do: drop the guard, rewrite a payload.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [
            path(),
            """
            DROP TRIGGER events_append_only;
            UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'original', 'altered!') AS BLOB) WHERE seq = 2;
            """,
        ]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let report = try SQLiteJournal.check(path: path())
        XCTAssertFalse(report.isHealthy)
        XCTAssertTrue(report.problems.contains { $0.contains("event 2") }, "\(report.problems)")
    }

    func testReorderedOrDeletedRowsBreakTheChain() throws {
        let j = try makeSession()
        for i in 0..<3 { try j.append([ContributionLogged(source: .chat, text: "c\(i)")], by: "x", at: t0) }
        try j.close()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path(), "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3;"]
        try p.run()
        p.waitUntilExit()
        let report = try SQLiteJournal.check(path: path())
        XCTAssertTrue(report.problems.contains { $0.contains("missing") || $0.contains("chain") }, "\(report.problems)")
        XCTAssertThrowsError(try SQLiteJournal.open(path: path()))
    }

    func testTheJournalRefusesUpdatesAndDeletes() throws {
        let j = try makeSession()
        XCTAssertThrowsError(try j.dbQueue.write { db in try db.execute(sql: "UPDATE events SET actor = 'mallory'") })
        XCTAssertThrowsError(try j.dbQueue.write { db in try db.execute(sql: "DELETE FROM events") })
        // The one permitted change: erasure of payload and salt together.
        XCTAssertNoThrow(
            try j.dbQueue.write { db in
                try db.execute(sql: "UPDATE events SET payload = NULL, salt = NULL WHERE seq = 1")
            })
    }
}
