import Foundation
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// The people pane and the input line say what the checklist means: ✓ every
/// item, ◐ an optional item missing (with the items), ✗ a required item missing.
final class ConsoleConsentTests: XCTestCase {
    func testPeoplePaneShowsPartialAndMissingRequiredConsent() throws {
        var events = DemoSession.events()
        let at = events.last!.at
        let checklist = try ConsentChecklist.parse([
            "information-sheet-understood", "chatham-house-rule",
            "optional: quotes -> never quoted",
        ])
        events.append(SessionEvent(at: at, by: "Sam Lead", ConsentChecklist.event(checklist)))
        events.append(
            SessionEvent(
                at: at, by: "Sam Lead",
                ConsentRecorded(code: "P01", items: checklist.map(\.name), checkedBy: "Sam Lead")))
        events.append(
            SessionEvent(
                at: at, by: "Sam Lead",
                ConsentRecorded(
                    code: "P02", items: ["information-sheet-understood", "chatham-house-rule"], checkedBy: "Sam Lead")))
        // 2 of 3 items, but not the Chatham House item: not consented.
        events.append(
            SessionEvent(
                at: at, by: "Sam Lead",
                ConsentRecorded(
                    code: "P04", items: ["information-sheet-understood", "quotes"], checkedBy: "Sam Lead")))
        let session = try SessionState.replay(events)
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: 160, height: 48, now: DemoSession.defaultStart.addingTimeInterval(1_500))
        let lines = view(s).lines()
        XCTAssertTrue(lines.contains { $0.contains("P01 ✓") }, lines.joined(separator: "\n"))
        // The pane is narrow: the items follow the role and show when it is wide enough, and always on the input line.
        XCTAssertTrue(lines.contains { $0.contains("P02 ◐") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("P04 ✗") }, lines.joined(separator: "\n"))
        s.speaker = "P02"
        XCTAssertTrue(
            view(s).text().contains(
                "speaker P02 Children's social worker consent ◐ (not given: quotes → never quoted)"),
            view(s).text())
    }

    /// No silent action: a role corrected from the palette (`:participant role P03 …`) says what it did.
    func testACorrectedRoleIsConfirmedOnTheStatusLine() throws {
        let session = try SessionState.replay(DemoSession.events())
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: 80, height: 24, now: DemoSession.defaultStart.addingTimeInterval(1_500))
        _ = update(&s, .appended([ParticipantUpdated(code: "P03", jobRole: "Team manager")], before: session))
        XCTAssertEqual(s.status, "P03: role Team manager")
    }
}
