import ConveneTestSupport
import Foundation
import Privacy
import SessionModel
import Study
import XCTest

@testable import Exporters
@testable import SessionActions
@testable import SessionStore

/// An export keeps each text's scan in the session file (`scan_memo`) and the
/// next export reads it instead of scanning again (issue 20). Every format must
/// be byte-identical with and without kept scans; any change that alters what a
/// scan would find (a name, the block list, an accepted finding, an edit, an
/// erasure) must make the next export scan again; a damaged or foreign row is
/// never trusted.
final class ScanMemoExportTests: XCTestCase {
    var dir = ""
    let t0 = DemoSession.defaultStart

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "convene-scan-memo-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The demo (names, redactions, struck, background, a rare role, a concern) and `extra` more
    /// contributions with identifiers, a place and a special-category detail, over several pages.
    func session(extra: Int, name: String = "memo") throws -> String {
        let path = dir + "/\(name).convene"
        let events = DemoSession.events(start: t0)
        let j = try SQLiteJournal.create(
            path: path, session: events[0].payload as! SessionCreated, by: events[0].by, at: events[0].at)
        for e in events.dropFirst() { try j.append([e.payload], by: e.by, at: e.at) }
        var batch: [any EventPayload] = []
        for k in 0..<extra {
            let text: String
            switch k % 4 {
            case 0: text = "Point \(k): the chair asked Shannon Okafor from LS6 2AB to call 0113 496 0000 back."
            case 1: text = "Point \(k): a girl with epilepsy at Oakridge Farm in Wigan was seen by Zephyrine."
            case 2: text = "Point \(k): we talked about thresholds and supervision, nothing more."
            default: text = "Point \(k): email tyler.b@example.org about Oakridge Farm before Friday."
            }
            batch.append(
                ContributionLogged(
                    source: k % 7 == 0 ? .chat : .verbal, room: 1 + k % 2, speaker: String(format: "P%02d", 1 + k % 6),
                    text: text))
            if batch.count >= 500 {
                try j.append(batch, by: "Sam Lead", at: t0.addingTimeInterval(4_000))
                batch = []
            }
        }
        if !batch.isEmpty { try j.append(batch, by: "Sam Lead", at: t0.addingTimeInterval(4_000)) }
        try j.writeSnapshot()
        try j.close()
        return path
    }

    /// Every research format as `convene export` makes it (opened with `openFile`, paged when it can be),
    /// and the warnings; the scans are read and kept as they are there.
    func exported(_ path: String) throws -> (formats: [ExportFormat: Data], warnings: [ImplicitIdentificationWarning]) {
        let journal = try SessionExport.openFile(path, format: .json)
        defer { try? journal.close() }
        let state = journal.state
        let prepared: PreparedExport
        if journal.pagedContributions {
            prepared = try Exporter.prepare(state, pages: SnapshotContributionPages(journal: journal))
        } else {
            if !journal.snapshotIsCurrent { try journal.writeSnapshot() }
            prepared = try Exporter.prepare(
                state, pages: JournalStatePages(contributions: state.contributions, journal: journal))
        }
        var out: [ExportFormat: Data] = [:]
        for format in ExportFormat.allCases where format.isResearch {
            let sink = ExportSink()
            try Exporter.write(state, format: format, prepared: prepared, to: sink)
            out[format] = sink.data
        }
        return (out, prepared.warnings)
    }

    /// The export of the whole state in memory: no kept scan is read.
    func fresh(_ path: String) throws -> (formats: [ExportFormat: Data], warnings: [ImplicitIdentificationWarning]) {
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        var out: [ExportFormat: Data] = [:]
        for format in ExportFormat.allCases where format.isResearch {
            out[format] = try Exporter.export(state, format: format)
        }
        return (out, try Exporter.prepare(state).warnings)
    }

    func assertSame(
        _ a: (formats: [ExportFormat: Data], warnings: [ImplicitIdentificationWarning]),
        _ b: (formats: [ExportFormat: Data], warnings: [ImplicitIdentificationWarning]), _ why: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(a.formats.count, ExportFormat.allCases.count - 1, file: file, line: line)
        for format in ExportFormat.allCases where format.isResearch {
            XCTAssertEqual(a.formats[format], b.formats[format], "\(format.rawValue): \(why)", file: file, line: line)
        }
        XCTAssertEqual(a.warnings, b.warnings, "warnings: \(why)", file: file, line: line)
    }

    func rows(_ path: String) throws -> [Int: StoredScan] {
        let j = try SQLiteJournal.open(path: path, readOnly: true)
        defer { try? j.close() }
        return try j.storedScans(0...Int.max)
    }

    func append(_ path: String, _ payloads: [any EventPayload]) throws {
        let j = try SQLiteJournal.open(path: path)
        try j.append(payloads, by: "Sam Lead", at: t0.addingTimeInterval(9_000))
        try j.close()
    }

    func text(_ path: String, _ number: Int) throws -> String {
        try SQLiteJournal.open(path: path, readOnly: true).state.contributions[number - 1].text
    }

    func span(of word: String, in text: String) throws -> TextSpan {
        let r = try XCTUnwrap(text.range(of: word))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        return TextSpan(start: start, end: start + word.unicodeScalars.count)
    }

    func testEveryFormatIsByteIdenticalWithKeptScansAndTheSecondExportScansNothing() throws {
        let path = try session(extra: 2_500)
        XCTAssertEqual(try rows(path).count, 0, "a new file keeps no scans")
        let uncached = try fresh(path)
        XCTAssertFalse(uncached.warnings.isEmpty, "the session has implicit-identification warnings to keep")
        let first = try exported(path)
        assertSame(first, uncached, "the first export (scanning, keeping the scans) differs from the fresh one")
        let kept = try rows(path)
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        let scanned = state.contributions.filter {
            !$0.erased && !$0.struck && !$0.directMessage && $0.attribution != .background
        }
        XCTAssertGreaterThan(scanned.count, 2_000)
        XCTAssertEqual(
            Set(kept.keys), Set(scanned.map(\.number)).intersection(kept.keys),
            "only exported, scanned contributions have kept scans")
        XCTAssertGreaterThan(kept.count, 2_000, "the first export kept its scans")
        XCTAssertTrue(
            kept.values.contains {
                TextScan(encoded: $0.scan, text: state.contributions[$0.number - 1].text)?.special != nil
            },
            "the special-category mentions the warning check asked for are kept too")
        // Nothing in a kept row is the identifier's text.
        for row in kept.values.prefix(200) {
            XCTAssertFalse(String(decoding: row.scan, as: UTF8.self).contains("Okafor"))
        }
        let second = try exported(path)
        assertSame(second, uncached, "the export from kept scans differs from the fresh one")
        XCTAssertEqual(try rows(path), kept, "the second export found every scan kept and rewrote none")
    }

    func testAKeptScanIsWhatTheExportReadsWhenItsCheckHolds() throws {
        // The positive control: a row with a valid check is used as it is (so the check is the only gate).
        let path = try session(extra: 40)
        _ = try exported(path)
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        let target = try XCTUnwrap(state.contributions.last { $0.text.contains("0113 496 0000") })
        let j = try SQLiteJournal.open(path: path)
        let scanner = IdentifierScanner(session: state)
        let forged = ScanMemoCheck(scanner: scanner).store(
            TextScan(findings: []), number: target.number, text: target.text)
        var batch = ScanBatch()
        batch.append(forged)
        XCTAssertTrue(try j.keepScans(batch))
        try j.close()
        let csv = String(decoding: try XCTUnwrap(exported(path).formats[.csv]), as: UTF8.self)
        XCTAssertTrue(csv.contains("0113 496 0000"), "a row whose check holds stands for the scan")
    }

    func testDamagedAndForeignRowsAreIgnored() throws {
        let path = try session(extra: 300)
        let uncached = try fresh(path)
        _ = try exported(path)
        let kept = try rows(path)
        XCTAssertFalse(kept.isEmpty)
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        // Rows made by another scanner (another version, other names): valid in themselves, foreign here.
        let foreign = ScanMemoCheck(scanner: IdentifierScanner(names: ["Someone Else"]))
        var rng = SeededRandom("scan-memo-damage")
        let j = try SQLiteJournal.open(path: path)
        var batch = ScanBatch()
        for (k, number) in kept.keys.sorted().enumerated() {
            let text = state.contributions[number - 1].text
            switch k % 4 {
            case 0: batch.append(foreign.store(TextScan(findings: []), number: number, text: text))
            case 1:
                // Flipped bytes in the scan, the check left as it was.
                var row = kept[number]!
                let at = Int(rng.next() % UInt64(row.scan.count))
                row.scan[at] ^= 0x5A
                batch.append(row)
            case 2:
                var row = kept[number]!
                row.check = (0..<16).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                batch.append(row)
            default: batch.append(StoredScan(number: number, check: [1, 2, 3], scan: [9, 9, 9, 9]))
            }
        }
        XCTAssertTrue(try j.keepScans(batch))
        try j.close()
        // And a row of the wrong shape altogether, written as another program would.
        let sqlite = try TestRun.tool("sqlite3", install: "apt-get install sqlite3")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: sqlite)
        p.arguments = [path, "INSERT OR REPLACE INTO scan_memo (number, check_hash, scan) VALUES (1, 'text', 42)"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertNotEqual(try rows(path), kept)
        assertSame(try exported(path), uncached, "a damaged or foreign kept scan was trusted")
        let rescanned = try rows(path)
        XCTAssertEqual(
            rescanned.filter { kept[$0.key] != nil }, kept,
            "every row that failed its check was scanned again and replaced")
    }

    func testANewNameOrBlockListedNameMakesEveryTextScannedAgain() throws {
        let path = try session(extra: 300)
        _ = try exported(path)
        let before = try rows(path)
        for change in [
            [RealNameRecorded(code: "P02", name: "Zephyrine Ashdown")] as [any EventPayload],
            [BlocklistNameAdded(name: "Tyler Brannigan")],
        ] {
            let old = try rows(path)
            try append(path, change)
            let after = try exported(path)
            assertSame(after, try fresh(path), "after \(type(of: change[0])) the export is not the fresh one")
            let now = try rows(path)
            XCTAssertTrue(
                now.allSatisfy { number, row in old[number].map { $0.check != row.check } ?? true },
                "after \(type(of: change[0])) every kept scan was made again")
        }
        XCTAssertEqual(Set(try rows(path).keys), Set(before.keys))
        let csv = String(decoding: try XCTUnwrap(exported(path).formats[.csv]), as: UTF8.self)
        XCTAssertFalse(csv.contains("Zephyrine"), "the new real name is redacted wherever it was said")
    }

    func testAnAcceptedFindingIsFoundAgainEverywhereAndARejectionAndAnEditTakeEffect() throws {
        let path = try session(extra: 300)
        _ = try exported(path)
        // Accept "Oakridge Farm" in one contribution: the session memory then finds it in every other.
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        let first = try XCTUnwrap(state.contributions.first { $0.text.contains("Oakridge Farm") })
        try append(
            path,
            [
                RedactionAccepted(
                    number: first.number, span: try span(of: "Oakridge Farm", in: first.text), label: .location,
                    manual: true)
            ])
        let accepted = try exported(path)
        assertSame(accepted, try fresh(path), "after an accepted finding")
        let csv = String(decoding: try XCTUnwrap(accepted.formats[.csv]), as: UTF8.self)
        XCTAssertFalse(csv.contains("Oakridge Farm"), "the accepted text is found again in every contribution")

        // Reject a finding in another contribution: the redactor's memory changes, not the scan.
        let other = try XCTUnwrap(state.contributions.last { $0.text.contains("LS6 2AB") })
        let beforeReject = try rows(path)
        try append(
            path,
            [
                RedactionRejected(
                    number: other.number, span: try span(of: "LS6 2AB", in: other.text), label: .postcode,
                    reason: "a test postcode")
            ])
        let rejected = try exported(path)
        assertSame(rejected, try fresh(path), "after a rejected finding")
        XCTAssertTrue(
            String(decoding: try XCTUnwrap(rejected.formats[.csv]), as: UTF8.self).contains("LS6 2AB"),
            "the rejected postcode is left in the text")
        XCTAssertEqual(try rows(path), beforeReject, "a rejection changes no scan")

        // Edit a contribution: its kept scan no longer holds, the others do.
        let edited = try XCTUnwrap(state.contributions.last { $0.text.contains("nothing more") })
        try append(path, [ContributionEdited(number: edited.number, text: "Later: Dana Whitfield rang 07700 900123.")])
        let afterEdit = try exported(path)
        assertSame(afterEdit, try fresh(path), "after an edit")
        XCTAssertFalse(
            String(decoding: try XCTUnwrap(afterEdit.formats[.csv]), as: UTF8.self).contains("07700 900123"),
            "the edited text is scanned again")
        let now = try rows(path)
        XCTAssertNotEqual(
            now[edited.number], beforeReject[edited.number], "the edited contribution's scan was replaced")
        XCTAssertEqual(
            now.filter { $0.key != edited.number }, beforeReject.filter { $0.key != edited.number },
            "the other contributions' scans still hold")
    }

    func testAnErasureDropsEveryKeptScan() throws {
        let path = try session(extra: 300)
        _ = try exported(path)
        XCTAssertFalse(try rows(path).isEmpty)
        let j = try SQLiteJournal.open(path: path)
        try j.withdraw(
            WithdrawalPlan.make(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), state: j.state),
            by: "Sam Lead", at: t0)
        try j.close()
        XCTAssertEqual(try rows(path).count, 0, "the withdrawal left kept scans behind")
        assertSame(try exported(path), try fresh(path), "after a withdrawal")
        XCTAssertFalse(try rows(path).isEmpty, "the export after the withdrawal keeps its scans again")
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        for (number, _) in try rows(path) {
            let c = state.contributions[number - 1]
            XCTAssertFalse(c.erased, "no kept scan is of an erased contribution (#\(number))")
        }
    }

    func testAnEncryptedSessionKeepsNoScans() throws {
        let path = dir + "/sealed.convene"
        let events = DemoSession.events(start: t0)
        let (cipher, meta) = try EncryptedPayloads.create(passphrase: "correct horse", derivation: .fastForTests)
        let j = try SQLiteJournal.create(
            path: path, session: events[0].payload as! SessionCreated, by: events[0].by, at: events[0].at,
            cipher: cipher, meta: meta)
        for e in events.dropFirst() { try j.append([e.payload], by: e.by, at: e.at) }
        XCTAssertFalse(j.keepsScans)
        let prepared = try Exporter.prepare(
            j.state, pages: JournalStatePages(contributions: j.state.contributions, journal: j))
        XCTAssertFalse(prepared.record.contributions.isEmpty)
        XCTAssertEqual(try j.storedScanCount(), 0, "an encrypted file holds no scan in clear")
        try j.close()
    }
}
