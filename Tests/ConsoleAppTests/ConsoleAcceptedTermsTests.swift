import Foundation
import Privacy
import SessionActions
import SessionModel
import SessionStore
import XCTest

@testable import ConsoleApp

/// A finding accepted in the console teaches the scanner a term (IdentifierScanner's accepted terms, as the export
/// gate's scanner has them): the console's index rebuilds its scanner, so the name is found in the contributions
/// already on screen and in every one logged after, as an export finds it.
final class ConsoleAcceptedTermsTests: XCTestCase {
    func log(_ t: ConsoleHarness, _ speaker: String, _ text: String, by: String = "Kit Notes") throws {
        try t.journal.append(
            [ContributionLogged(source: .verbal, room: 1, speaker: speaker, text: text)], by: by,
            at: t.state.now)
        t.send(.sessionChanged(t.journal.state))
    }

    func persons(_ t: ConsoleHarness, _ n: Int) -> [String] {
        t.state.findings(n).filter { $0.label == .person }.map { $0.text.lowercased() }
    }

    func testANameAcceptedOnTheReviewScreenIsFoundOnScreenAndInEveryLaterContribution() throws {
        let t = try ConsoleHarness(width: 120, height: 40)
        let bare = t.state.session.contributions.count + 1
        try log(t, "P02", "we only heard about zorvek last week")
        try log(t, "P01", "her son Zorvek was picked up again")
        XCTAssertTrue(t.state.privacy.isComplete)
        XCTAssertEqual(persons(t, bare), ["zorvek"], "the session memory finds the bare name")

        // The lead accepts #(bare+1)'s Zorvek on the review screen.
        t.key(.function(5))
        let rows = Keymap.reviewRows(t.state)
        let row = try XCTUnwrap(rows.firstIndex { $0.number == bare + 1 && $0.finding.text == "Zorvek" })
        for _ in 0..<row { t.key(.char("j")) }
        t.key(.enter)
        guard case .findings(let step) = t.state.overlay else {
            return XCTFail("Enter opens the step box: \(t.state.overlay), \(t.state.status ?? "")")
        }
        XCTAssertEqual(step.number, bare + 1)
        t.key(.char("y"))
        XCTAssertEqual(t.journal.state.contribution(bare + 1)?.redactions.count, 1, t.state.status ?? "")

        // Resolved there, the name no longer comes from the memory; the taught scanner finds it.
        XCTAssertEqual(persons(t, bare), ["zorvek"], "the name accepted elsewhere is no longer found in #\(bare)")
        XCTAssertTrue(Keymap.reviewRows(t.state).contains { $0.number == bare && $0.finding.text == "zorvek" })
        for _ in 0..<3 where t.state.overlay != .none { t.key(.escape) }
        XCTAssertEqual(t.state.overlay, .none)
        // In the log on screen: still marked ◌ (a finding to review).
        let line = try XCTUnwrap(t.lines.first { $0.contains("heard about zorvek") }, t.screen)
        XCTAssertTrue(line.contains("◌#\(bare)"), line)

        // Logged after, by this console and another: found in each, and in the line as it is typed.
        try log(t, "P03", "zorvek turned up at the youth club on friday")
        XCTAssertEqual(persons(t, bare + 2), ["zorvek"])
        t.type("ZORVEK again")
        t.send(.scanInput)
        XCTAssertEqual(t.state.privacy.input.map(\.text), ["ZORVEK"])
        var full = PrivacyIndex(session: t.state.session, eager: .max)
        full.scanInput(t.state.input.text)
        XCTAssertTrue(t.state.privacy == full, "a full rescan differs")
    }

    /// In a log longer than the eager scan, what was scanned before the accept is scanned again newest first
    /// (shown as it was meanwhile), a chunk per tick, and ends where a full rescan ends.
    func testALongLogIsScannedAgainAfterAnAcceptThatTeachesATerm() throws {
        let t = try ConsoleHarness(width: 120, height: 40)
        var batch: [any EventPayload] = []
        let first = t.state.session.contributions.count + 1
        for k in 0..<1_800 {
            let text = k % 200 == 0 ? "zorvek was mentioned again (\(k))" : "we talked about thresholds (\(k))"
            batch.append(ContributionLogged(source: .verbal, room: 1, speaker: "P02", text: text))
        }
        batch.append(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: "her son Zorvek ran off"))
        try t.journal.append(batch, by: "Kit Notes", at: t.state.now)
        t.state = ConsoleState(
            session: t.journal.state, context: t.state.context, width: 120, height: 40, now: t.state.now)
        while !t.state.privacy.isComplete { t.send(.tick(t.state.now)) }
        let last = t.state.session.contributions.count
        XCTAssertEqual(persons(t, first), ["zorvek"], "the memory finds it")

        let zorvek = try XCTUnwrap(t.state.findings(last).first { $0.text == "Zorvek" })
        t.send(.sessionChanged(t.journal.state))
        t.run([.run(.redact(number: last, [.acceptFinding(zorvek.span, zorvek.label)]))])
        XCTAssertFalse(t.state.privacy.isComplete, "the older contributions are scanned again")
        XCTAssertEqual(t.state.privacy.pending, last - PrivacyIndex.eagerCount)
        XCTAssertEqual(persons(t, last - 1), [], "the newest thousand are scanned again at once")
        XCTAssertEqual(persons(t, first + 1_600), ["zorvek"])
        var ticks = 0
        while !t.state.privacy.isComplete {
            t.send(.tick(t.state.now))
            ticks += 1
        }
        XCTAssertEqual(ticks, (last - PrivacyIndex.eagerCount + PrivacyIndex.chunk - 1) / PrivacyIndex.chunk)
        XCTAssertEqual(persons(t, first), ["zorvek"])
        XCTAssertTrue(t.state.privacy == PrivacyIndex(session: t.state.session, eager: .max), "a full rescan differs")
    }
}
