import Exporters
import Foundation
import Privacy
import SessionActions
import SessionModel
import SessionStore
import XCTest

@testable import ConsoleApp

/// The console's review screen keeps its scans (issue 20): what the console's index scans goes to
/// the session file's `scan_memo` (off the loop in the runner), so an export after a review reads the
/// rows instead of scanning again; a row is written only if its contribution still has the text
/// scanned; and the review screen reads kept rows before scanning.
final class ConsoleKeptScansTests: XCTestCase {
    /// The demo and `extra` more contributions with identifiers, places and plain talk.
    func harness(extra: Int) throws -> ConsoleHarness {
        let t = try ConsoleHarness()
        var batch: [any EventPayload] = []
        for k in 0..<extra {
            let text: String
            switch k % 3 {
            case 0: text = "Point \(k): Shannon Okafor from LS6 2AB asked us to call 0113 496 0000 back."
            case 1: text = "Point \(k): we talked about thresholds and supervision, nothing more."
            default: text = "Point \(k): email tyler.b@example.org about the farm in Wigan before Friday."
            }
            batch.append(
                ContributionLogged(source: .chat, room: 1, speaker: String(format: "P%02d", 1 + k % 6), text: text))
        }
        try t.journal.append(batch, by: "Ira Notes", at: DemoSession.defaultStart.addingTimeInterval(1_000))
        t.state = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 100, height: 30, now: t.state.now,
            eagerScan: 0)
        t.state.privacy.collectsScans = true
        return t
    }

    func rows(_ t: ConsoleHarness) throws -> [Int: StoredScan] { try t.journal.storedScans(0...Int.max) }

    /// Ticks (each performing its effects, as the runner does) until the index has scanned everything.
    func scanAll(_ t: ConsoleHarness) {
        var ticks = 0
        repeat {
            t.send(.tick(t.state.now))
            ticks += 1
        } while !t.state.privacy.isComplete && ticks < 10_000
        t.send(.tick(t.state.now)) // the last batch to keep
    }

    func testAReviewInTheConsoleIsKeptAndTheExportAfterItReadsTheRows() throws {
        let t = try harness(extra: 1_200)
        XCTAssertEqual(try rows(t).count, 0, "a new file keeps no scans")
        // An export first, as the session stood: every text scanned (the export keeps its own rows, which
        // the review below replaces with the console's: this console was opened without reading them).
        let first = t.dir.appendingPathComponent("before-review.csv").path
        t.command("export csv \(first)")
        t.key(.enter)
        XCTAssertTrue(FileManager.default.fileExists(atPath: first), t.state.status ?? "no status")
        t.key(.char("i"))
        t.key(.function(5))
        guard case .review = t.state.overlay else { return XCTFail("F5 opens the review screen") }
        scanAll(t)
        XCTAssertTrue(t.state.privacy.isComplete)
        let session = t.journal.state
        let live = session.contributions.filter { !$0.erased && !$0.struck }
        let kept = try rows(t)
        XCTAssertEqual(Set(kept.keys), Set(live.map(\.number)), "every live contribution the review scanned is kept")
        XCTAssertGreaterThan(t.state.privacy.unresolvedCount, 800)
        // The rows are what an export's own check accepts: made with the scanner an export builds.
        let memo = ScanMemoCheck(scanner: Redactor(session: session).scanner)
        for c in live {
            let scan = try XCTUnwrap(memo.read(kept[c.number], text: c.text), "#\(c.number)'s row fails the check")
            XCTAssertEqual(scan.findings, IdentifierScanner(session: session).scan(c.text), "#\(c.number)")
        }

        // `:export csv` from the console: the export reads the rows and writes none of them again,
        // except where the implicit-identification check asks a rare role's text for more.
        let out = t.dir.appendingPathComponent("after-review.csv").path
        t.key(.escape) // the review screen closes
        t.command("export csv \(out)")
        t.key(.enter)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out), t.state.status ?? "no status")
        // The same rows; only the journal head each export records (its last line) moved on.
        func body(_ path: String) throws -> [Substring] {
            try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
                .filter { !$0.hasPrefix("# convene-journal-head ") }
        }
        XCTAssertGreaterThan(try body(out).count, 1_200)
        XCTAssertEqual(
            try body(out), try body(first),
            "the export from the console's kept rows differs from the one that scanned every text")
        // Every row the review kept is the one the export read: none was written again (a rare role's
        // special-category mentions were kept by the console too, so the export had nothing to add).
        let after = try rows(t)
        let check = ImplicitIdentificationCheck(state: session, scanner: Redactor(session: session).scanner)
        XCTAssertGreaterThan(live.filter { check.applies(to: $0) }.count, 500, "rare roles in the session")
        for c in live { XCTAssertEqual(after[c.number], kept[c.number], "the export scanned #\(c.number) again") }
    }

    func testAnEditBetweenTheScanAndTheStoreIsNotKeptStale() throws {
        let t = try harness(extra: 50)
        t.state.privacy.scanOlder(t.state.session, count: Int.max)
        let scans = try XCTUnwrap(t.state.privacy.takeScansToKeep())
        let target = try XCTUnwrap(t.state.session.contributions.last { $0.text.contains("Okafor") })
        // The edit lands between the scan and the worker's store.
        _ = try SessionActions.perform(
            .edit(number: target.number, text: target.text + " (estimate)"),
            by: ActingUser(name: "Ira Notes", role: .lead), on: t.journal, at: t.state.now)
        XCTAssertEqual(ConsoleEffects.keep(scans, journal: t.journal), scans.count - 1)
        XCTAssertNil(try rows(t)[target.number], "the row of the text before the edit was written")
        XCTAssertEqual(try rows(t).count, scans.count - 1)

        // The console follows the edit, scans the new text, and that one is kept.
        t.send(.sessionChanged(t.journal.state))
        t.send(.tick(t.state.now))
        let edited = try XCTUnwrap(t.journal.state.contribution(target.number))
        let memo = ScanMemoCheck(scanner: Redactor(session: t.journal.state).scanner)
        XCTAssertNotNil(memo.read(try rows(t)[target.number], text: edited.text), "the edited text's scan is kept")

        // Another writer's event since this handle read: nothing is written at all.
        t.state.privacy.scanOlder(t.state.session, count: 0)
        let other = try SQLiteJournal.open(path: t.path)
        try other.append(
            [ContributionLogged(source: .chat, room: 1, speaker: "P02", text: "Kemi Obi rang")], by: "Other",
            at: t.state.now)
        try other.close()
        var one = ScanBatch()
        one.append(memo.store(TextScan(findings: []), number: 1, text: t.journal.state.contributions[0].text))
        XCTAssertEqual(try t.journal.keepScans(one, scannedTexts: [t.journal.state.contributions[0].text]), 0)
    }

    func testTheReviewScreenReadsKeptScansBeforeScanning() throws {
        let t = try harness(extra: 3_000)
        scanAll(t)
        let kept = try rows(t)
        XCTAssertGreaterThan(kept.count, 3_000)
        // A console opening the file afresh: nothing scanned yet, the kept rows read.
        var s = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 100, height: 30, now: t.state.now,
            eagerScan: 0)
        s.privacy.collectsScans = true
        s.privacy.adoptKept(try XCTUnwrap(s.privacy.requestKept(s.session)).perform(journal: t.journal))
        XCTAssertFalse(s.privacy.isComplete)
        _ = update(&s, .key(.function(5)))
        XCTAssertTrue(s.privacy.isComplete, "the review screen opened with every kept row read")
        XCTAssertNil(s.privacy.takeScansToKeep(), "nothing was scanned again")
        XCTAssertEqual(s.privacy.unresolved, t.state.privacy.unresolved, "kept rows give the findings a scan gives")
        XCTAssertEqual(s.implicitWarnings, ImplicitIdentification.warnings(in: s.session))
    }

    /// The kept rows are read and checked by a worker, off the loop (at 100 000 contributions that takes a good
    /// part of a second): `.fileKeepsScans` answers with an effect, the result comes back as an action, and the
    /// background scan waits for it rather than scan what it holds.
    func testKeptScansAreReadOffTheLoopAndComeBackAsAnAction() throws {
        let t = try harness(extra: 3_000)
        scanAll(t)
        var s = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 100, height: 30, now: t.state.now,
            eagerScan: 0)
        let effects = update(&s, .fileKeepsScans)
        XCTAssertEqual(effects.map(\.description), ["readKeptScans"])
        guard case .readKeptScans(let read) = effects.first else { return XCTFail("no read asked for") }
        XCTAssertTrue(s.privacy.collectsScans)
        XCTAssertTrue(s.privacy.awaitingKept)
        let pending = s.privacy.pending
        for _ in 0..<3 { XCTAssertTrue(update(&s, .tick(s.now)).isEmpty) }
        XCTAssertEqual(s.privacy.pending, pending, "the ticks scanned what the kept rows hold")

        // Meanwhile (the worker reading) one contribution is edited: its kept row is of the text before.
        let result = read.perform(journal: t.journal)
        XCTAssertGreaterThan(result.count, 3_000)
        let target = try XCTUnwrap(s.session.contributions.last { $0.text.contains("Okafor") })
        let before = s.session
        _ = try SessionActions.perform(
            .edit(number: target.number, text: "Point: nothing to see here after all."),
            by: ActingUser(name: "Ira Notes", role: .lead), on: t.journal, at: s.now)
        _ = update(&s, .sessionChanged(t.journal.state))
        XCTAssertEqual(s.session.contributions.count, before.contributions.count)

        XCTAssertTrue(update(&s, .keptScansRead(result)).isEmpty)
        XCTAssertFalse(s.privacy.awaitingKept)
        var fresh = 0
        var ticks = 0
        while !s.privacy.isComplete && ticks < 100 {
            for case .keepScans(let scans) in update(&s, .tick(s.now)) { fresh += scans.count }
            ticks += 1
        }
        XCTAssertTrue(s.privacy.isComplete)
        XCTAssertLessThanOrEqual(ticks, 2, "kept rows cost a small part of a scan each")
        XCTAssertEqual(fresh, 1, "only the edited contribution was scanned afresh")
        XCTAssertNil(s.privacy.unresolved[target.number], "the kept row of the text before the edit was used")
        XCTAssertTrue(s.privacy == PrivacyIndex(session: s.session, eager: .max), "a full scan differs")
        _ = update(&s, .key(.function(5)))
        XCTAssertEqual(s.implicitWarnings, ImplicitIdentification.warnings(in: s.session))
    }

    /// The review screen opened before the kept rows arrive waits for them (its warnings too, and L says so),
    /// then takes them in at once.
    func testTheReviewScreenOpenedWhileTheKeptRowsAreReadTakesThemInWhenTheyCome() throws {
        let t = try harness(extra: 3_000)
        scanAll(t)
        var s = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 100, height: 30, now: t.state.now,
            eagerScan: 0)
        guard case .readKeptScans(let read) = update(&s, .fileKeepsScans).first else { return XCTFail("no read") }
        _ = update(&s, .key(.function(5)))
        guard case .review = s.overlay else { return XCTFail("F5 opens the review screen") }
        XCTAssertFalse(s.privacy.isComplete)
        XCTAssertTrue(view(s).text().contains("Still scanning"), view(s).text())
        _ = update(&s, .key(.char("L")))
        XCTAssertEqual(s.status, "The warnings are still being worked out; press L again in a moment")
        _ = update(&s, .keptScansRead(read.perform(journal: t.journal)))
        guard case .review = s.overlay else { return XCTFail("the review screen stays open") }
        XCTAssertTrue(s.privacy.isComplete)
        XCTAssertFalse(view(s).text().contains("Still scanning"))
        XCTAssertNil(s.privacy.takeScansToKeep(), "nothing was scanned again")
        XCTAssertEqual(s.implicitWarnings, ImplicitIdentification.warnings(in: s.session))
        XCTAssertFalse(s.implicitWarnings.isEmpty, "rare roles in the session give warnings")
    }

    /// Kept rows checked against the scanner before a name was added are not used after it.
    func testKeptRowsReadForAnEarlierScannerAreDropped() throws {
        let t = try harness(extra: 1_600)
        scanAll(t)
        var s = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 100, height: 30, now: t.state.now,
            eagerScan: 0)
        guard case .readKeptScans(let read) = update(&s, .fileKeepsScans).first else { return XCTFail("no read") }
        let result = read.perform(journal: t.journal)
        XCTAssertGreaterThan(result.count, 1_600)
        _ = try SessionActions.perform(
            .blocklist(name: "Wigan"), by: ActingUser(name: "Ira Notes", role: .lead), on: t.journal, at: s.now)
        _ = update(&s, .sessionChanged(t.journal.state))
        _ = update(&s, .keptScansRead(result))
        _ = update(&s, .key(.function(5)))
        XCTAssertFalse(s.privacy.isComplete, "rows checked against the old scanner were taken in")
        while !s.privacy.isComplete { _ = update(&s, .tick(s.now)) }
        XCTAssertTrue(s.privacy == PrivacyIndex(session: s.session, eager: .max), "a full scan differs")
    }

    func testAnEncryptedSessionKeepsNoScans() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sealed.convene").path
        let events = DemoSession.events()
        let (cipher, meta) = try EncryptedPayloads.create(
            passphrase: "correct horse battery staple", derivation: .fastForTests)
        let j = try SQLiteJournal.create(
            path: path, session: events[0].payload as! SessionCreated, by: events[0].by, at: events[0].at,
            cipher: cipher, meta: meta)
        defer { try? j.close() }
        for e in events.dropFirst() { _ = try j.append([e.payload], by: e.by, at: e.at) }
        var s = ConsoleState(
            session: j.state, context: ConsoleContext(role: .lead, user: "Ira Notes", location: path), width: 100,
            height: 30, now: DemoSession.defaultStart, eagerScan: 0)
        s.privacy.collectsScans = true
        s.privacy.scanOlder(s.session, count: Int.max)
        let scans = try XCTUnwrap(s.privacy.takeScansToKeep())
        XCTAssertEqual(ConsoleEffects.keep(scans, journal: j), 0)
        XCTAssertEqual(try j.storedScanCount(), 0)
        XCTAssertEqual(try j.storedScanBatch().count, 0)
    }
}
