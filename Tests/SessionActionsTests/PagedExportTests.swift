import Exporters
import Foundation
import Privacy
import SessionModel
import Study
import XCTest

@testable import SessionActions
@testable import SessionStore

/// `convene export` reads a long session's contributions from its snapshot a
/// page at a time (`SQLiteJournal.open(…, pagedContributions: true)`): the
/// bytes of every format must be those of the export from the whole state.
final class PagedExportTests: XCTestCase {
    var dir = ""
    let t0 = DemoSession.defaultStart

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "convene-paged-export-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The demo (names, accepted redactions, struck, background, a concern) with a rejected
    /// finding and `extra` more contributions (every fifth tagged), so there are several pages.
    func session(extra: Int) throws -> String {
        let path = dir + "/paged.convene"
        let events = DemoSession.events(start: t0)
        let j = try SQLiteJournal.create(
            path: path, session: events[0].payload as! SessionCreated, by: events[0].by, at: events[0].at)
        for e in events.dropFirst() { try j.append([e.payload], by: e.by, at: e.at) }
        let text = j.state.contributions[5].text
        let start = text.unicodeScalars.count - 13
        try j.append(
            [
                RedactionRejected(
                    number: 6, span: TextSpan(start: start, end: start + 6), label: .location,
                    reason: "a road, not a place")
            ],
            by: "Sam Lead", at: t0.addingTimeInterval(3_000))
        var batch: [any EventPayload] = []
        var number = j.state.contributions.count
        let code = BuiltInCodebook.practicePrinciples[0].name
        for k in 0..<extra {
            number += 1
            batch.append(
                ContributionLogged(
                    source: k % 7 == 0 ? .chat : .verbal, room: 1 + k % 2, speaker: String(format: "P%02d", 1 + k % 6),
                    text: "Point \(k): the chair asked Shannon Okafor from LS6 2AB to call 0113 496 0000 back."))
            if k % 5 == 0 { batch.append(CodeTagged(number: number, code: code)) }
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

    func pagedBytes(_ journal: SQLiteJournal, _ format: ExportFormat) throws -> (Data, [ImplicitIdentificationWarning])
    {
        let prepared = try Exporter.prepare(journal.state, pages: SnapshotContributionPages(journal: journal))
        let sink = ExportSink()
        try Exporter.write(journal.state, format: format, prepared: prepared, to: sink)
        return (sink.data, prepared.warnings)
    }

    func testEveryFormatIsByteIdenticalToTheExportOfTheWholeState() throws {
        let path = try session(extra: 4_500)
        let whole = try SQLiteJournal.open(path: path, readOnly: true).state
        XCTAssertGreaterThan(whole.contributions.count, 2 * 2_048, "more than two pages")
        let paged = try SessionExport.openFile(path, format: .json)
        XCTAssertTrue(paged.pagedContributions, "a plain file with a current snapshot is read a page at a time")
        XCTAssertTrue(paged.state.contributions.isEmpty, "the paged state holds no contributions")
        XCTAssertEqual(paged.pagedContributionCount, whole.contributions.count)
        XCTAssertEqual(
            try paged.markedContributions(),
            whole.contributions.filter { !$0.redactions.isEmpty || !$0.rejections.isEmpty })
        XCTAssertFalse(try paged.markedContributions().isEmpty)
        var read: [Contribution] = []
        try paged.forEachContributionPage(pageSize: 1_000) { read += $0 }
        XCTAssertEqual(read, whole.contributions, "the pages are the contributions, in order")
        let expectedWarnings = try Exporter.prepare(whole).warnings
        for format in ExportFormat.allCases where format.isResearch {
            let (bytes, warnings) = try pagedBytes(paged, format)
            XCTAssertEqual(bytes, try Exporter.export(whole, format: format), "\(format.rawValue) differs when paged")
            XCTAssertEqual(warnings, expectedWarnings, "\(format.rawValue): the warnings differ when paged")
        }
    }

    func testEventsAfterTheSnapshotThatChangeContributionsAreFoldedWholeOnceThenPagedAgain() throws {
        let path = try session(extra: 300)
        let j = try SQLiteJournal.open(path: path)
        try j.append(
            [ExportRecorded(format: "json", fileName: "a.json")], by: "Sam Lead", at: t0.addingTimeInterval(5_000))
        try j.close()
        // An export's own record after the snapshot touches no contribution: still paged.
        XCTAssertTrue(try SessionExport.openFile(path, format: .csv).pagedContributions)
        let j2 = try SQLiteJournal.open(path: path)
        try j2.append(
            [ContributionStruck(number: 7, reason: "off the record")], by: "Sam Lead", at: t0.addingTimeInterval(5_001))
        try j2.close()
        XCTAssertThrowsError(try SQLiteJournal.open(path: path, pagedContributions: true)) { error in
            XCTAssertEqual(error as? PagingUnavailable, .changedSinceSnapshot)
        }
        let whole = try SessionExport.openFile(path, format: .csv)
        XCTAssertFalse(whole.pagedContributions, "a struck contribution after the snapshot needs the whole fold")
        XCTAssertTrue(whole.snapshotIsCurrent, "and the export brings the snapshot up to date")
        let expected = try Exporter.export(whole.state, format: .csv)
        let again = try SessionExport.openFile(path, format: .csv)
        XCTAssertTrue(again.pagedContributions, "so the next export pages again")
        XCTAssertEqual(try pagedBytes(again, .csv).0, expected)
        XCTAssertFalse(
            String(decoding: expected, as: UTF8.self).contains("\r\n7,"), "the struck contribution is left out")
    }

    func testAPagedHandleAppendsOnlyWhatNeedsNoContributionsAndNeverWritesTheSnapshot() throws {
        let path = try session(extra: 10)
        let paged = try SQLiteJournal.open(path: path, pagedContributions: true)
        let before = paged.lastSeq
        XCTAssertThrowsError(
            try paged.append(
                [ContributionLogged(source: .chat, room: 1, speaker: "P01", text: "x")], by: "Sam Lead", at: t0))
        XCTAssertThrowsError(
            try paged.append(
                [CodeTagged(number: 1, code: BuiltInCodebook.practicePrinciples[0].name)], by: "Sam Lead", at: t0))
        XCTAssertEqual(paged.lastSeq, before, "nothing was written")
        try paged.append(
            [ExportRecorded(format: "csv", fileName: "b.csv")], by: "Sam Lead", at: t0.addingTimeInterval(6_000))
        try paged.writeSnapshot()
        XCTAssertFalse(paged.snapshotIsCurrent, "a state without contributions never becomes the snapshot")
        let whole = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(whole.lastSeq, before + 1)
        XCTAssertEqual(whole.state.exports.last?.detail, "b.csv")
        XCTAssertEqual(whole.state.contributions.count, paged.pagedContributionCount)
    }
}
