import Foundation
import GRDB
import Privacy
import SessionModel
import XCTest

@testable import SessionStore

/// Erasure records, keyed chains, anchors, padding and sealed draft views,
/// through the store (the attacks from outside are in CLITests/TamperEvidenceCLITests).
final class IntegrityTests: XCTestCase {
    var dir: URL!
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let passphrase = "heron lantern 42 quietly"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("integrity-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        setenv("CONVENE_ANCHORS", dir.appendingPathComponent("anchors").path, 1)
    }

    override func tearDownWithError() throws {
        unsetenv("CONVENE_ANCHORS")
        try? FileManager.default.removeItem(at: dir)
    }

    func path(_ name: String = "s.convene") -> String { dir.appendingPathComponent(name).path }

    func makeSession(encrypted: Bool, name: String = "s.convene") throws -> SQLiteJournal {
        let created = SessionCreated(sessionID: UUID(), title: "Integrity", date: "2026-05-01", withdrawalDays: 14)
        guard encrypted else { return try SQLiteJournal.create(path: path(name), session: created, by: "Sam", at: t0) }
        let (cipher, meta) = try EncryptedPayloads.create(passphrase: passphrase, derivation: .fastForTests)
        return try SQLiteJournal.create(
            path: path(name), session: created, by: "Sam", at: t0, cipher: cipher, meta: meta)
    }

    func testWithdrawalRecordsWhatItClearedAndRewroteAndCheckHoldsItToThat() throws {
        for encrypted in [false, true] {
            let j = try makeSession(encrypted: encrypted, name: "w\(encrypted).convene")
            try j.append(
                [
                    ParticipantAdded(code: "P01", jobRole: "Youth worker"),
                    ParticipantAdded(code: "P02", jobRole: "Nurse"),
                    RealNameRecorded(code: "P01", name: "Ottoline Brackwater"),
                ], by: "Sam", at: t0)
            try j.append(
                [
                    ContributionLogged(source: .chat, speaker: "P01", text: "mine"),
                    ContributionLogged(source: .chat, speaker: "P02", text: "Brackwater is right about this"),
                ], by: "Ira", at: t0)
            let plan = try WithdrawalPlan.make(
                WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), state: j.state)
            let receipt = try j.withdraw(plan, by: "Sam", at: t0)
            XCTAssertEqual(receipt.erased, [1])
            XCTAssertEqual(receipt.rewritten.map(\.what), ["contribution #2"])
            XCTAssertEqual(j.state.contributions[1].text, "[PERSON] is right about this")
            let tomb = try XCTUnwrap(try j.allEvents().last?.event.payload as? ParticipantWithdrawn)
            XCTAssertEqual(tomb.record?.cleared.count, 2, "the contribution and the real name")
            XCTAssertEqual(tomb.record?.rewritten.map(\.seq), [receipt.rewritten[0].seq])
            let report = try SQLiteJournal.check(path: path("w\(encrypted).convene"), cipher: j.cipher)
            XCTAssertTrue(report.isHealthy, "\(report.problems)")
            XCTAssertEqual(report.erased, 2)
            XCTAssertEqual(report.rewritten, 1)
            XCTAssertEqual(report.keyedChain, encrypted)
            XCTAssertEqual(report.anchorsCompared, 1)
            XCTAssertEqual(report.replayed, report.events)
            XCTAssertEqual(try j.meta().values["format"], "2")
            try j.close()
        }
    }

    func testAPayloadRewrittenOutsideAnErasureIsDamage() throws {
        let j = try makeSession(encrypted: false)
        try j.append([ContributionLogged(source: .chat, text: "original words")], by: "Ira", at: t0)
        try j.dbQueue.write { db in
            try db.execute(
                sql:
                    "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'original', 'changed') AS BLOB), salt = salt WHERE seq = 2"
            )
        }
        let report = try SQLiteJournal.check(path: path())
        XCTAssertTrue(
            report.problems.contains { $0.contains("event 2") && $0.contains("changed after it was written") },
            "\(report.problems)")
    }

    func testEncryptedFilesKeyTheirChainPadPayloadsAndSealTheDraftView() throws {
        let j = try makeSession(encrypted: true)
        XCTAssertEqual(try j.meta().values["chain"], HashChain.keyedName)
        try j.append(
            [ParticipantAdded(code: "P07", jobRole: "Youth worker"), ContributionLogged(source: .chat, text: "x")],
            by: "Ira", at: t0)
        let lengths = try j.dbQueue.read { db in try Int.fetchAll(db, sql: "SELECT length(payload) FROM events") }
        // nonce (12) + padded plaintext + tag (16): every payload in a bucket.
        XCTAssertTrue(
            lengths.allSatisfy { [256, 512, 1024, 2048, 4096].contains($0 - 28) || ($0 - 28) % 4096 == 0 }, "\(lengths)"
        )
        try j.saveDraft(user: "Ira", draft: "about P07", view: #"{"speaker":"P07"}"#)
        let view = try j.dbQueue.read { db in try String.fetchOne(db, sql: "SELECT view FROM console_drafts") } ?? ""
        XCTAssertFalse(view.contains("P07"), view)
        XCTAssertEqual(try j.loadDraft(user: "Ira")?.view, #"{"speaker":"P07"}"#)
        // The chain is an HMAC: the unkeyed link does not match.
        let first = try XCTUnwrap(try j.allEvents().first)
        let unkeyed = HashChain.link(
            previous: HashChain.genesis, seq: 1, id: first.event.id, kind: first.event.kind,
            version: first.event.version, atMs: Int64((first.event.at.timeIntervalSince1970 * 1000).rounded()),
            actor: first.event.by, restricted: false, commitment: first.commitment)
        XCTAssertNotEqual(unkeyed, first.hash)
        XCTAssertTrue(try SQLiteJournal.check(path: path(), cipher: j.cipher).isHealthy)
    }

    func testTheAnchorCatchesACutJournalAndIgnoresACopyElsewhere() throws {
        let j = try makeSession(encrypted: false)
        for i in 1...5 { try j.append([ContributionLogged(source: .chat, text: "line \(i)")], by: "Ira", at: t0) }
        let head = try XCTUnwrap(j.head)
        XCTAssertEqual(head.seq, 6)
        try j.close()
        try FileManager.default.copyItem(atPath: path(), toPath: path("copy.convene"))
        let copy = try SQLiteJournal.open(path: path("copy.convene"))
        try copy.append([ContributionLogged(source: .chat, text: "only in the copy")], by: "Ira", at: t0)
        try copy.close()
        let original = try SQLiteJournal.check(path: path())
        XCTAssertTrue(original.isHealthy, "\(original.problems)")
        XCTAssertTrue(original.notes.contains { $0.contains("1 copy of this session elsewhere") }, "\(original.notes)")
        let queue = try DatabaseQueue(path: path())
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq > 4; DELETE FROM snapshot")
        }
        try queue.close()
        let cut = try SQLiteJournal.check(path: path())
        XCTAssertTrue(cut.problems.contains { $0.contains("the last 2 events were removed") }, "\(cut.problems)")
        let receipt = try SQLiteJournal.check(path: path(), against: [head], useAnchors: false)
        XCTAssertTrue(
            receipt.problems.contains { $0.contains("the receipt says it reached event 6") }, "\(receipt.problems)")
    }
}
