import ConveneTestSupport
import Foundation
import GRDB
import Privacy
import SessionModel
import XCTest

@testable import SessionStore

/// Encryption at rest, physical erasure (withdrawal, anonymise) and rekeying,
/// checked against the raw bytes of the session file, its WAL and shared memory.
final class DataProtectionTests: XCTestCase {
    var dir: URL!
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let passphrase = "heron lantern 42 quietly"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("dataprot-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String = "s.convene") -> String { dir.appendingPathComponent(name).path }

    func makeSession(encrypted: Bool = false, name: String = "s.convene") throws -> SQLiteJournal {
        let created = SessionCreated(
            sessionID: UUID(), title: "Data protection", date: "2026-05-01", withdrawalDays: 14)
        guard encrypted else { return try SQLiteJournal.create(path: path(name), session: created, by: "Sam", at: t0) }
        let (cipher, meta) = try EncryptedPayloads.create(passphrase: passphrase, derivation: .fastForTests)
        return try SQLiteJournal.create(
            path: path(name), session: created, by: "Sam", at: t0, cipher: cipher, meta: meta)
    }

    /// A distinctive string that cannot occur by chance.
    func marker(_ tag: String) -> String { "ZQX\(tag)-\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))" }

    /// The bytes of the file, its WAL and its shared memory, whichever exist.
    func rawBytes(_ p: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] {
            if let d = FileManager.default.contents(atPath: p + suffix) {
                out[(p as NSString).lastPathComponent + suffix] = d
            }
        }
        return out
    }

    func assertAbsent(_ strings: [String], in p: String, file: StaticString = #filePath, line: UInt = #line) {
        for (name, data) in rawBytes(p) {
            for s in strings {
                XCTAssertNil(data.range(of: Data(s.utf8)), "\(s) is still in \(name)", file: file, line: line)
            }
        }
    }

    func assertPresent(_ strings: [String], in p: String, file: StaticString = #filePath, line: UInt = #line) {
        let all = rawBytes(p).values.reduce(Data(), +)
        for s in strings {
            XCTAssertNotNil(
                all.range(of: Data(s.utf8)), "\(s) should be readable in the raw bytes", file: file, line: line)
        }
    }

    // MARK: Encryption at rest

    func testEncryptedSessionKeepsEveryStringOutOfTheRawBytes() throws {
        let j = try makeSession(encrypted: true)
        let name = marker("name")
        let blocked = marker("block")
        let text = marker("text")
        let edit = marker("edit")
        let concern = marker("concern")
        let title = marker("theme")
        let draft = marker("draft")
        try j.append(
            [
                ParticipantAdded(code: "P01", jobRole: "Youth worker"), RealNameRecorded(code: "P01", name: name),
                BlocklistNameAdded(name: blocked),
            ], by: "Sam", at: t0)
        try j.append([ContributionLogged(source: .verbal, speaker: "P01", text: text)], by: "Ira", at: t0)
        try j.append(
            [
                ContributionEdited(number: 1, text: edit + " " + text), ThemeCreated(title: title),
                ConcernRaised(
                    contributions: [1], participant: "P01", category: .riskToChildOrYoungPerson, urgency: .sameDay,
                    description: concern),
            ],
            by: "Ira", at: t0)
        try j.saveDraft(user: "Ira", draft: draft, view: "main")
        try j.writeSnapshot()
        // While open (WAL in use) and after closing.
        assertAbsent([name, blocked, text, edit, concern, title, draft], in: path())
        try j.close()
        assertAbsent([name, blocked, text, edit, concern, title, draft], in: path())

        let again = try SQLiteJournal.open(path: path(), passphrase: passphrase)
        XCTAssertEqual(again.state.contributions[0].text, edit + " " + text)
        XCTAssertEqual(again.state.linkage["P01"], name)
        XCTAssertEqual(again.state.register.concerns[0].description, concern)
        XCTAssertEqual(try again.loadDraft(user: "Ira")?.draft, draft)
        XCTAssertEqual(try again.meta().encryption, EncryptedPayloads.cipherName)
        XCTAssertTrue(try SQLiteJournal.check(path: path(), cipher: again.cipher).isHealthy)
    }

    func testWrongPassphraseIsOneClearErrorAndChangesNothing() throws {
        let j = try makeSession(encrypted: true)
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path()))
        XCTAssertThrowsError(try SQLiteJournal.open(path: path(), passphrase: "heron lantern 42 quietlY")) {
            XCTAssertEqual($0 as? StoreError, .wrongPassphrase)
            XCTAssertEqual("\($0)", "wrong passphrase for this session file")
        }
        XCTAssertThrowsError(try SQLiteJournal.open(path: path())) {
            XCTAssertEqual($0 as? StoreError, .passphraseNeeded(path()))
        }
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: path())), before, "a refused open leaves the file as it was")
        XCTAssertEqual(try SQLiteJournal.open(path: path(), passphrase: passphrase).state.participants.count, 1)
    }

    func testPassphraseIsNormalisedSoComposedAndDecomposedAccentsAgree() throws {
        let created = SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01")
        let (cipher, meta) = try EncryptedPayloads.create(passphrase: "caf\u{E9} au lait!", derivation: .fastForTests)
        try SQLiteJournal.create(path: path(), session: created, by: "Sam", at: t0, cipher: cipher, meta: meta).close()
        XCTAssertNoThrow(try SQLiteJournal.open(path: path(), passphrase: "cafe\u{301} au lait!"))
    }

    func testDoctoredKeyDerivationSettingsAreRefusedNotObeyed() throws {
        try makeSession(encrypted: true).close()
        let q = try DatabaseQueue(path: path())
        try q.write { db in try db.execute(sql: "UPDATE meta SET value = '40' WHERE key = 'kdf_log_n'") }
        try q.close()
        XCTAssertThrowsError(try SQLiteJournal.open(path: path(), passphrase: passphrase)) {
            guard case .damaged = $0 as? StoreError else { return XCTFail("expected damaged, got \($0)") }
        }
        let q2 = try DatabaseQueue(path: path())
        try q2.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'wrapped_key'") }
        try q2.close()
        XCTAssertThrowsError(try SQLiteJournal.open(path: path(), passphrase: passphrase)) {
            guard case .damaged = $0 as? StoreError else { return XCTFail("expected damaged, got \($0)") }
        }
    }

    /// Flips one byte in the middle of a sealed payload in the file itself.
    func flipByte(ofPayloadAt seq: Int, in p: String) throws {
        let q = try DatabaseQueue(path: p)
        let sealed = try q.read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = ?", arguments: [seq])
        }!
        try q.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: p))
        let range = try XCTUnwrap(
            bytes.range(of: sealed), "the sealed payload must sit in the file once the WAL is checkpointed")
        let at = range.lowerBound + sealed.count / 2
        bytes[at] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: p))
    }

    func testAFlippedByteInASealedRowIsTamperingNotShown() throws {
        let j = try makeSession(encrypted: true)
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.append(
            [ContributionLogged(source: .verbal, speaker: "P01", text: "The chair asked everyone to turn cameras on.")],
            by: "Ira", at: t0)
        try j.close()
        try flipByte(ofPayloadAt: 3, in: path())
        XCTAssertThrowsError(try SQLiteJournal.open(path: path(), passphrase: passphrase)) {
            XCTAssertEqual($0 as? StoreError, .tampered(seq: 3))
        }
        let cipher = try EncryptedPayloads.unlock(
            meta: try SQLiteJournal.readMeta(path: path()), passphrase: passphrase, path: path())
        let report = try SQLiteJournal.check(path: path(), cipher: cipher)
        XCTAssertFalse(report.isHealthy)
        XCTAssertTrue(report.problems.contains { $0.contains("event 3") }, "\(report.problems)")
    }

    func testAFlippedByteInASealedSnapshotFallsBackToReplay() throws {
        let j = try makeSession(encrypted: true)
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.append(
            (1...20).map { ContributionLogged(source: .chat, speaker: "P01", text: "message \($0)") }, by: "Ira", at: t0
        )
        try j.writeSnapshot()
        let expected = j.state
        try j.close()
        let q = try DatabaseQueue(path: path())
        let blob = try q.read { db in try Data.fetchOne(db, sql: "SELECT state FROM snapshot") }!
        try q.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path()))
        let range = try XCTUnwrap(bytes.range(of: blob.prefix(64)))
        bytes[range.lowerBound + 40] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path()))
        XCTAssertEqual(try SQLiteJournal.open(path: path(), readOnly: true, passphrase: passphrase).state, expected)
    }

    func testASealedRowCopiedOntoAnotherEventDoesNotOpen() throws {
        let (cipher, _) = try EncryptedPayloads.create(passphrase: passphrase, derivation: .fastForTests)
        let sealed = try cipher.seal(Data("hello".utf8), context: Data("event-a".utf8))
        XCTAssertEqual(try cipher.open(sealed, context: Data("event-a".utf8)), Data("hello".utf8))
        XCTAssertThrowsError(try cipher.open(sealed, context: Data("event-b".utf8)))
        XCTAssertNotEqual(
            try cipher.seal(Data("hello".utf8), context: Data("event-a".utf8)), sealed, "a fresh nonce every time")
    }

    func testRekeyRewrapsTheDataKeyAndLeavesEveryEventAsItWas() throws {
        let j = try makeSession(encrypted: true)
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.append(
            [ContributionLogged(source: .verbal, speaker: "P01", text: "kept through rekey")], by: "Ira", at: t0)
        let before = try j.allEvents().map { [$0.hash, $0.commitment] }
        let oldWrapped = try j.meta().values["wrapped_key"]!
        let result = try j.changePassphrase(to: "new words for a new term", derivation: .fastForTests)
        XCTAssertTrue(result.complete)
        try j.close()
        XCTAssertNil(
            rawBytes(path()).values.reduce(Data(), +).range(of: Data(oldWrapped.utf8)),
            "the old wrapped key is gone from the file and WAL")
        XCTAssertThrowsError(try SQLiteJournal.open(path: path(), passphrase: passphrase)) {
            XCTAssertEqual($0 as? StoreError, .wrongPassphrase)
        }
        let again = try SQLiteJournal.open(path: path(), passphrase: "new words for a new term")
        XCTAssertEqual(again.state.contributions[0].text, "kept through rekey")
        XCTAssertEqual(try again.allEvents().map { [$0.hash, $0.commitment] }, before)
        XCTAssertTrue(try SQLiteJournal.check(path: path(), cipher: again.cipher).isHealthy)
        XCTAssertThrowsError(try makeSession(name: "plain.convene").changePassphrase(to: "whatever words")) {
            guard case .failed = $0 as? StoreError else { return XCTFail("\($0)") }
        }
    }

    // MARK: Erasure

    /// A session of five participants with reply links, an edit, tags, a theme,
    /// redactions, a concern and whiteboard notes; P03's texts carry markers.
    struct Generated {
        var markersP03: [String] = []
        var markersOthers: [String] = []
        var realName = ""
    }

    func buildGenerated(_ j: SQLiteJournal, seed: UInt64) throws -> Generated {
        var g = Generated()
        var rng = SplitMix(seed: seed)
        g.realName = marker("realname")
        var setup: [any EventPayload] = (1...5).map { ParticipantAdded(code: "P0\($0)", jobRole: "Role \($0)") }
        setup.append(RealNameRecorded(code: "P03", name: g.realName))
        setup.append(RealNameRecorded(code: "P01", name: "Other Person Name"))
        setup.append(ThemeCreated(title: "Cameras"))
        try j.append(setup, by: "Sam", at: t0)
        for n in 1...60 {
            let roll = rng.next() % 10
            let speaker = "P0\(rng.next() % 5 + 1)"
            let replyTo = n > 1 && rng.next() % 10 < 4 ? [Int(rng.next() % UInt64(n - 1)) + 1] : []
            let m = marker("c\(n)")
            let payload: ContributionLogged
            if roll == 0 {
                payload = ContributionLogged(source: .whiteboard, text: "note \(m)", replyTo: replyTo)
                g.markersOthers.append(m)
            } else if roll == 1 {
                payload = ContributionLogged(source: .facilitator, text: "prompt \(m)", replyTo: replyTo)
                g.markersOthers.append(m)
            } else {
                payload = ContributionLogged(
                    source: rng.next() % 2 == 0 ? .verbal : .chat, speaker: speaker, text: "said \(m)", replyTo: replyTo
                )
                if speaker == "P03" { g.markersP03.append(m) } else { g.markersOthers.append(m) }
            }
            try j.append([payload], by: "Ira", at: t0.addingTimeInterval(Double(n)))
        }
        // Make sure every shape occurs: a direct response, a chain, a whiteboard note.
        if !j.state.contributions.contains(where: { $0.speaker == "P03" }) {
            let m = marker("p03")
            try j.append([ContributionLogged(source: .verbal, speaker: "P03", text: "said \(m)")], by: "Ira", at: t0)
            g.markersP03.append(m)
        }
        let firstP03 = j.state.contributions.first { $0.speaker == "P03" }!.number
        let direct = marker("direct")
        let chain = marker("chain")
        let board = marker("board")
        try j.append(
            [ContributionLogged(source: .chat, speaker: "P01", text: "direct \(direct)", replyTo: [firstP03])],
            by: "Ira", at: t0)
        let directNumber = j.state.contributions.count
        try j.append(
            [
                ContributionLogged(source: .chat, speaker: "P02", text: "chain \(chain)", replyTo: [directNumber]),
                ContributionLogged(source: .whiteboard, text: "board \(board)", replyTo: [firstP03]),
            ], by: "Ira", at: t0)
        g.markersOthers += [direct, chain, board]

        // Events about contributions: every fifth is tagged, linked, redacted.
        for c in j.state.contributions where c.number % 5 == 0 {
            try j.append(
                [
                    CodeTagged(number: c.number, code: "Trust \(c.number)"), ThemeLinked(theme: 1, number: c.number),
                    RedactionAccepted(number: c.number, span: TextSpan(start: 0, end: 4), label: .person),
                ], by: "Ira", at: t0)
        }
        if let first = j.state.contributions.first(where: { $0.speaker == "P03" }) {
            let m = marker("edit")
            g.markersP03.append(m)
            try j.append(
                [
                    ContributionEdited(number: first.number, text: "corrected \(m)"),
                    ConfidentialityReminderGiven(number: first.number, note: "names again"),
                    ConcernRaised(
                        contributions: [first.number], participant: "P03", category: .riskToChildOrYoungPerson,
                        urgency: .sameDay,
                        description: "kept concern"),
                ], by: "Ira", at: t0)
        }
        // A note-taker's unsent input, half-way through typing P03's words.
        let draft = marker("draft")
        g.markersP03.append(draft)
        try j.saveDraft(user: "Ira", draft: "P03 said \(draft)", view: "main")
        try j.writeSnapshot()
        return g
    }

    /// The closure computed the slow way, as a fixpoint over reply-to links.
    func expectedScope(_ s: SessionState, _ code: String) -> (
        own: Set<Int>, direct: Set<Int>, chain: Set<Int>, whiteboard: Set<Int>
    ) {
        let own = Set(s.contributions.filter { $0.speaker == code }.map(\.number))
        let linked = { (targets: Set<Int>) in
            Set(s.contributions.filter { !$0.replyTo.filter(targets.contains).isEmpty }.map(\.number))
        }
        let directAll = linked(own).subtracting(own)
        let whiteboard1 = Set(directAll.filter { s.contributions[$0 - 1].source == .whiteboard })
        let direct = directAll.subtracting(whiteboard1)
        var reach = direct
        var whiteboard = whiteboard1
        while true {
            let next = linked(reach).subtracting(own).subtracting(direct).subtracting(whiteboard1)
            let wb = Set(next.filter { s.contributions[$0 - 1].source == .whiteboard })
            whiteboard.formUnion(wb)
            let grown = reach.union(next.subtracting(wb))
            if grown == reach { break }
            reach = grown
        }
        return (own, direct, reach.subtracting(direct), whiteboard)
    }

    func testWithdrawalErasesExactlyTheirContributionsAndDirectResponses() throws {
        for cascade in [false, true] {
            let name = cascade ? "cascade.convene" : "direct.convene"
            let j = try makeSession(name: name)
            let g = try buildGenerated(j, seed: 7)
            let before = j.state
            let expected = expectedScope(before, "P03")
            XCTAssertFalse(expected.own.isEmpty)
            XCTAssertFalse(expected.direct.isEmpty)
            XCTAssertFalse(expected.chain.isEmpty)
            XCTAssertFalse(expected.whiteboard.isEmpty)
            XCTAssertGreaterThan(g.markersP03.count, 3)
            let receipt = try j.withdraw(
                WithdrawalRequest(code: "P03", requestedOn: "2026-05-05", cascade: cascade), by: "Sam", at: t0)
            let erased = expected.own.union(expected.direct).union(cascade ? expected.chain : [])
            XCTAssertEqual(Set(receipt.erased), erased)
            XCTAssertEqual(Set(receipt.plan.own), expected.own)
            XCTAssertEqual(Set(receipt.plan.directResponses), expected.direct)
            XCTAssertEqual(Set(receipt.chainForReview), cascade ? [] : expected.chain)
            XCTAssertTrue(receipt.realNameErased)
            XCTAssertTrue(receipt.purged)
            XCTAssertEqual(receipt.concernsKept, [1])

            let after = j.state
            for c in after.contributions {
                if erased.contains(c.number) {
                    XCTAssertTrue(c.erased, "#\(c.number) should be erased")
                    XCTAssertEqual(c.text, "")
                } else {
                    XCTAssertEqual(c, before.contributions[c.number - 1], "#\(c.number) must be untouched")
                }
            }
            XCTAssertEqual(after.contributions.count, before.contributions.count, "numbers are kept")
            XCTAssertTrue(
                after.contributions.filter { $0.source == .whiteboard }.allSatisfy { !$0.erased },
                "whiteboard notes stay")
            XCTAssertEqual(after.register, before.register, "the register is untouched")
            XCTAssertNil(after.linkage["P03"])
            XCTAssertEqual(after.linkage["P01"], "Other Person Name")
            XCTAssertTrue(after.participants["P03"]!.withdrawn)
            XCTAssertEqual(
                after.themes[0].contributions, before.themes[0].contributions.filter { !erased.contains($0) })
            XCTAssertEqual(after.withdrawals.count, 1)
            XCTAssertEqual(Set(after.withdrawals[0].erased), erased)

            // The file replays to the same state, with and without its snapshot, and checks clean.
            let report = try SQLiteJournal.check(path: path(name))
            XCTAssertTrue(report.isHealthy, "\(report.problems)")
            XCTAssertEqual(report.erased, receipt.eventsCleared)
            XCTAssertEqual(try SQLiteJournal.open(path: path(name), readOnly: true).state, after)
            let events = try j.allEvents().map(\.event)
            XCTAssertEqual(try SessionState.replay(events), after)

            // Not one byte of what P03 said, nor of their real name, is left; others' words are.
            assertAbsent(g.markersP03 + [g.realName], in: path(name))
            let keptMarkers = g.markersOthers.enumerated().filter { _, _ in true }.map(\.element).filter { m in
                after.contributions.contains { $0.text.contains(m) }
            }
            XCTAssertFalse(keptMarkers.isEmpty)
            assertPresent(keptMarkers, in: path(name))
            try j.close()
            assertAbsent(g.markersP03 + [g.realName], in: path(name))
        }
    }

    func testErasureSeesEventsAnotherHandleAppendedMeanwhile() throws {
        let a = try makeSession()
        try a.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try a.append([ContributionLogged(source: .verbal, speaker: "P01", text: "first")], by: "Ira", at: t0)
        let b = try SQLiteJournal.open(path: path())
        let late = marker("late")
        try b.append(
            [
                CodeTagged(number: 1, code: late),
                ContributionLogged(source: .chat, speaker: nil, text: "responding to #1: agreed"),
            ],
            by: "Ira", at: t0)
        // `a` has not seen the tag or the response; the erasure plans inside its transaction.
        let receipt = try a.withdraw(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), by: "Sam", at: t0)
        XCTAssertEqual(receipt.erased, [1, 2])
        XCTAssertTrue(try SQLiteJournal.check(path: path()).isHealthy)
        try b.refresh()
        XCTAssertThrowsError(try b.append([CodeTagged(number: 1, code: "again")], by: "Ira", at: t0)) {
            XCTAssertEqual($0 as? StoreError, .rejected(.contributionErased(1)))
        }
        try a.close()
        try b.close()
        assertAbsent([late], in: path())
    }

    func testAnErasureThatWouldBreakReplayIsRefusedAndChangesNothing() throws {
        let j = try makeSession()
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.append(
            [ContributionLogged(source: .verbal, speaker: "P01", text: "said"), CodeTagged(number: 1, code: "Trust")],
            by: "Ira", at: t0)
        let events = try j.allEvents().map(\.hash)
        // Clearing the contribution but not its tag would leave a tag on an erased contribution.
        XCTAssertThrowsError(
            try j.erase(by: "Sam", at: t0) { _, _ in
                ErasurePlan(clear: [3], tombstone: { LinkageDestroyed(record: $0) })
            }
        ) {
            XCTAssertTrue("\($0)".contains("would no longer replay"), "\($0)")
        }
        XCTAssertEqual(j.state.contributions[0].text, "said")
        XCTAssertEqual(try j.allEvents().map(\.hash), events)
        XCTAssertEqual(try SQLiteJournal.open(path: path()).state.contributions[0].text, "said")
    }

    func testWithdrawingTwiceIsRefused() throws {
        let j = try makeSession()
        try j.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "Sam", at: t0)
        try j.withdraw(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), by: "Sam", at: t0)
        XCTAssertThrowsError(
            try j.withdraw(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), by: "Sam", at: t0)
        ) {
            XCTAssertEqual($0 as? StoreError, .rejected(.nothingToWithdraw("P01")))
        }
    }

    func testDryRunChangesNothing() throws {
        let j = try makeSession()
        _ = try buildGenerated(j, seed: 3)
        let before = try Data(contentsOf: URL(fileURLWithPath: path()))
        let events = j.state.eventCount
        let dry = try j.withdraw(
            WithdrawalRequest(code: "P03", requestedOn: "2026-05-02"),
            by: "Sam", at: t0, dryRun: true)
        XCTAssertTrue(dry.dryRun)
        XCTAssertEqual(j.state.eventCount, events)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path())), before)
        let real = try j.withdraw(
            WithdrawalRequest(code: "P03", requestedOn: "2026-05-02"),
            by: "Sam", at: t0)
        XCTAssertEqual(real.erased, dry.erased)
        XCTAssertEqual(real.eventsCleared, dry.eventsCleared)
    }

    func testEncryptedWithdrawalStillErasesAndReplays() throws {
        let j = try makeSession(encrypted: true)
        let g = try buildGenerated(j, seed: 11)
        let sealedP03 = try j.dbQueue.read { db in
            try Data.fetchAll(db, sql: "SELECT payload FROM events WHERE kind = 'participant.real-name'")
        }
        try j.withdraw(WithdrawalRequest(code: "P03", requestedOn: "2026-05-02"), by: "Sam", at: t0)
        XCTAssertTrue(try SQLiteJournal.check(path: path(), cipher: j.cipher).isHealthy)
        try j.close()
        assertAbsent(g.markersP03 + [g.realName], in: path())
        // The sealed bytes of P03's real name are gone too, not merely unreadable.
        let all = rawBytes(path()).values.reduce(Data(), +)
        XCTAssertEqual(sealedP03.filter { all.range(of: $0) != nil }.count, 1, "only P01's sealed name remains")
        XCTAssertTrue(try SQLiteJournal.open(path: path(), passphrase: passphrase).state.participants["P03"]!.withdrawn)
    }

    func testAnonymiseDestroysEveryRealAndBlocklistedNamePhysically() throws {
        let j = try makeSession()
        let names = (1...3).map { marker("name\($0)") }
        let blocked = (1...2).map { marker("blocked\($0)") }
        try j.append((1...3).map { ParticipantAdded(code: "P0\($0)", jobRole: "Role") }, by: "Sam", at: t0)
        try j.append(
            zip(1...3, names).map { RealNameRecorded(code: "P0\($0)", name: $1) }
                + blocked.map { BlocklistNameAdded(name: $0) },
            by: "Sam", at: t0)
        try j.append(
            [ContributionLogged(source: .verbal, speaker: "P01", text: "a point about cameras")], by: "Ira", at: t0)
        try j.writeSnapshot()
        assertPresent(names + blocked, in: path())
        let result = try j.anonymise(by: "Sam", at: t0)
        XCTAssertEqual(result.realNames, 3)
        XCTAssertEqual(result.blocklisted, 2)
        XCTAssertTrue(result.purged)
        XCTAssertTrue(j.state.linkageDestroyed)
        XCTAssertEqual(j.state.linkage, [:])
        XCTAssertEqual(j.state.blocklist, [])
        XCTAssertEqual(j.state.contributions[0].text, "a point about cameras")
        assertAbsent(names + blocked, in: path())
        XCTAssertThrowsError(try j.anonymise(by: "Sam", at: t0)) {
            XCTAssertEqual($0 as? StoreError, .rejected(.linkageDestroyed))
        }
        XCTAssertTrue(try SQLiteJournal.check(path: path()).isHealthy)
        try j.close()
        assertAbsent(names + blocked, in: path())
    }

    // MARK: The window and the interim closure

    func testWithdrawalWindow() throws {
        var s = SessionState()
        try s.apply(
            SessionEvent(
                at: t0, by: "Sam", SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01", withdrawalDays: 14)
            ))
        try s.apply(SessionEvent(at: t0, by: "Sam", FacilitatorAdded(name: "Sam", role: .lead)))
        try s.apply(SessionEvent(at: t0, by: "Sam", FacilitatorAdded(name: "Ira", role: .notetaker)))
        XCTAssertNoThrow(
            try WithdrawalWindow.check(
                WithdrawalRequest(code: "P01", requestedOn: "2026-05-15"), in: s, actor: "Ira", today: "2026-06-01"))
        XCTAssertThrowsError(
            try WithdrawalWindow.check(
                WithdrawalRequest(code: "P01", requestedOn: "2026-05-16"), in: s, actor: "Ira", today: "2026-06-01")
        ) {
            XCTAssertEqual($0 as? WithdrawalRefusal, .windowClosed(closedOn: "2026-05-15", requestedOn: "2026-05-16"))
            XCTAssertTrue("\($0)".contains("closed on 2026-05-15"))
        }
        let late = WithdrawalRequest(code: "P01", requestedOn: "2026-05-20", overrideReason: "ethics committee agreed")
        XCTAssertThrowsError(try WithdrawalWindow.check(late, in: s, actor: "Ira", today: "2026-06-01")) {
            XCTAssertEqual($0 as? WithdrawalRefusal, .overrideNeedsLead(actor: "Ira"))
        }
        XCTAssertNoThrow(try WithdrawalWindow.check(late, in: s, actor: "Sam", today: "2026-06-01"))
        XCTAssertThrowsError(
            try WithdrawalWindow.check(
                WithdrawalRequest(code: "P01", requestedOn: "2026-05-20", overrideReason: "  "),
                in: s, actor: "Sam", today: "2026-06-01")
        ) {
            XCTAssertEqual($0 as? WithdrawalRefusal, .overrideNeedsReason)
        }
        XCTAssertThrowsError(
            try WithdrawalWindow.check(
                WithdrawalRequest(code: "P01", requestedOn: "2026-07-01"), in: s, actor: "Sam", today: "2026-06-01")
        ) {
            XCTAssertEqual($0 as? WithdrawalRefusal, .requestInFuture("2026-07-01"))
        }
        XCTAssertThrowsError(
            try WithdrawalWindow.check(
                WithdrawalRequest(code: "P01", requestedOn: "1 May"), in: s, actor: "Sam", today: "2026-06-01"))
    }

    func testInterimClosureFollowsReplyToAlignmentAndRespondingToMentions() throws {
        var s = SessionState()
        func add(_ p: any EventPayload) throws { try s.apply(SessionEvent(at: t0, by: "Ira", p)) }
        try add(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
        for c in ["P01", "P02", "P03"] { try add(ParticipantAdded(code: c, jobRole: "Role")) }
        try add(ContributionLogged(source: .verbal, speaker: "P01", text: "one")) // #1 own
        // #2 direct (mention)
        try add(ContributionLogged(source: .chat, speaker: "P02", text: "Responding to #1, I disagree"))
        // #3 direct (reply-to)
        try add(ContributionLogged(source: .verbal, speaker: "P03", text: "agree", replyTo: [1]))
        try add(ContributionLogged(source: .verbal, speaker: "P02", text: "and more", replyTo: [3])) // #4 chain
        try add(ContributionLogged(source: .whiteboard, text: "board", replyTo: [1])) // #5 kept whiteboard
        // #6 not reached through whiteboard
        try add(ContributionLogged(source: .chat, speaker: "P03", text: "re board", replyTo: [5]))
        // #7 direct (aligned)
        try add(ContributionLogged(source: .verbal, speaker: nil, text: "transcript of one", alignsWith: 1))
        try add(ContributionLogged(source: .verbal, speaker: "P03", text: "unrelated, replying to #12")) // #8 unrelated
        try add(ContributionLogged(source: .chat, speaker: "P02", text: "deep", replyTo: [4])) // #9 chain
        let scope = try WithdrawalPlan.make(WithdrawalRequest(code: "P01", requestedOn: "2026-05-01"), state: s)
        XCTAssertEqual(scope.own, [1])
        XCTAssertEqual(scope.directResponses, [2, 3, 7])
        XCTAssertEqual(scope.chain, [4, 9])
        XCTAssertEqual(scope.keptWhiteboard, [5])
    }
}

extension SQLiteJournal {
    /// Plans with Privacy's planner and carries the plan out, as the command line does.
    @discardableResult
    func withdraw(_ request: WithdrawalRequest, by: String, at: Date, dryRun: Bool = false) throws -> WithdrawalReceipt
    {
        try refresh()
        let plan: WithdrawalPlan
        do { plan = try WithdrawalPlan.make(request, state: state) } catch WithdrawalPlanError.alreadyWithdrawn(let c) {
            throw StoreError.rejected(.nothingToWithdraw(c))
        }
        return dryRun ? try previewWithdrawal(plan) : try withdraw(plan, by: by, at: at)
    }
}
