import Foundation
import SessionModel
import XCTest

@testable import SessionStore

/// A file written by the release before events became one enum (commit 98066f3, by
/// Fixtures/make-release-session.sh) must still open, check and replay to the same session.
final class ReleaseFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A copy, so opening (which may write a snapshot) never changes the committed fixture.
    func fixtureCopy() throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/release-1.convene")
        let target = dir.appendingPathComponent("release-1.convene")
        try FileManager.default.copyItem(at: source, to: target)
        return target.path
    }

    func testAFileWrittenByTheReleaseOpensChecksAndReplays() throws {
        let path = try fixtureCopy()
        let report = try SQLiteJournal.check(path: path)
        XCTAssertTrue(report.isHealthy, "\(report.problems)")
        XCTAssertEqual(report.events, 51)

        let journal = try SQLiteJournal.open(path: path, readOnly: true)
        let events = try journal.allEvents()
        let kinds = Set(events.map(\.event.body.kind))
        // Every kind that release's command line wrote (37 of its 38; `console.opened` only the
        // console writes). Kinds added since are, rightly, not in it.
        XCTAssertEqual(kinds.count, 37)
        XCTAssertFalse(kinds.contains(.consoleOpened))
        XCTAssertEqual(events.filter(\.event.isErased).count, 6)
        XCTAssertEqual(
            events.filter(\.event.isRestricted).map(\.event.body.kind),
            [.concernRaised, .concernAcknowledged, .concernActionTaken])

        let replayed = try SessionState.replay(events.map(\.event))
        let s = journal.state
        XCTAssertEqual(replayed.eventCount, s.eventCount)
        XCTAssertEqual(s.info?.title, "Release fixture")
        XCTAssertEqual(s.info?.closed, true)
        XCTAssertEqual(s.contributions.count, 6)
        XCTAssertEqual(s.contributions.map(\.erased), [false, true, false, false, false, false])
        XCTAssertEqual(s.contributions[0].text, "Families find the hybrid meetings easier, said Ada.")
        XCTAssertEqual(s.contributions[0].redactions.map(\.label), [.person])
        XCTAssertEqual(s.contributions[3].text, "Parents join from their work now.")
        XCTAssertEqual(s.contributions[3].attribution, .background)
        XCTAssertTrue(s.contributions[2].struck)
        XCTAssertEqual(s.contributions[4].rejections.count, 1)
        XCTAssertEqual(s.rooms.map(\.name), replayed.rooms.map(\.name))
        XCTAssertTrue(s.rooms.contains { $0.name == "Chairs" && $0.closed })
        XCTAssertEqual(s.themes.first?.contributions, [1])
        XCTAssertTrue(s.linkageDestroyed)
        XCTAssertTrue(s.linkage.isEmpty && s.blocklist.isEmpty)
        XCTAssertEqual(s.participant("P03")?.withdrawn, true)
        XCTAssertEqual(s.register.concerns.count, 1)
        XCTAssertEqual(s.register.concerns.first?.actions.map(\.kind), [.referred])
        XCTAssertEqual(s.imports.count, 1)
        XCTAssertEqual(s.exports.count, 1)
        XCTAssertEqual(s.guide.current, 1)
    }

    func testTheReleaseFileTakesNewEventsAndStillChecks() throws {
        let path = try fixtureCopy()
        let journal = try SQLiteJournal.open(path: path)
        // Closed, so a contribution is refused; a record of an export is not.
        XCTAssertThrowsError(
            try journal.append([ContributionLogged(source: .chat, text: "late")], by: "Sam", at: Date()))
        try journal.append([ExportRecorded(format: "json", fileName: "late.json")], by: "Sam", at: Date())
        try journal.close()
        let report = try SQLiteJournal.check(path: path)
        XCTAssertTrue(report.isHealthy, "\(report.problems)")
        XCTAssertEqual(report.events, 52)
    }
}
