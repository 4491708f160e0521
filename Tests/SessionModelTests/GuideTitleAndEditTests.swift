import Foundation
import XCTest

@testable import SessionModel

final class GuideTitleAndEditTests: XCTestCase {
    func testALeadingTitleIsTheGuidesTitleNotASegment() {
        let text =
            "# Hybrid child protection conferences\n\n## 1. Welcome (5 min)\n- introductions\n## 2. Experiences\n- what works\n"
        let parsed = DiscussionGuideParser.parseWithTitle(text)
        XCTAssertEqual(parsed.title, "Hybrid child protection conferences")
        XCTAssertEqual(parsed.segments.map(\.title), ["Welcome", "Experiences"])
        XCTAssertEqual(parsed.segments.first?.minutes, 5)
        XCTAssertEqual(DiscussionGuideParser.parse(text).count, 2)
        // A lone heading is a segment (nothing else to be the title of).
        XCTAssertEqual(DiscussionGuideParser.parse("# Only one\n- a prompt").map(\.title), ["Only one"])
    }

    func testEditShiftKeepsSpansTheEditDidNotTouch() {
        let shift = TextSpan.editShift(from: "Ann lives in Leeds", to: "Ann now lives in Leeds")
        XCTAssertEqual(shift(TextSpan(start: 0, end: 3)), TextSpan(start: 0, end: 3), "before the change")
        XCTAssertEqual(shift(TextSpan(start: 13, end: 18)), TextSpan(start: 17, end: 22), "after the change, shifted")
        let appended = TextSpan.editShift(from: "Ann lives in Leeds", to: "Ann lives in Leeds (estimate)")
        XCTAssertEqual(
            appended(TextSpan(start: 13, end: 18)), TextSpan(start: 13, end: 18), "text added after a word boundary")
        let touched = TextSpan.editShift(from: "Ann lives in Leeds", to: "Anna lives in Leeds")
        XCTAssertNil(touched(TextSpan(start: 0, end: 3)), "a span the edit changed goes back to review")
    }

    func testRestoreUndoesAStrikeAndNeedsOne() throws {
        var events = DemoSession.events()
        let at = events.last!.at
        events.append(SessionEvent(at: at, by: "Ira", ContributionStruck(number: 3, reason: "off the record")))
        events.append(SessionEvent(at: at, by: "Ira", ContributionRestored(number: 3)))
        let state = try SessionState.replay(events)
        XCTAssertFalse(state.contribution(3)!.struck)
        events.append(SessionEvent(at: at, by: "Ira", ContributionRestored(number: 3)))
        XCTAssertThrowsError(try SessionState.replay(events))
    }

    func testUntaggingTheLastUseOfAnEmergentCodeRemovesIt() throws {
        var events = DemoSession.events()
        let at = events.last!.at
        events.append(SessionEvent(at: at, by: "Ira", CodeTagged(number: 3, code: "Transport")))
        events.append(SessionEvent(at: at, by: "Ira", CodeTagged(number: 4, code: "Transport")))
        events.append(SessionEvent(at: at, by: "Ira", CodeUntagged(number: 3, code: "Transport")))
        XCTAssertTrue(try SessionState.replay(events).codebook.contains("Transport"), "still used on #4")
        events.append(SessionEvent(at: at, by: "Ira", CodeUntagged(number: 4, code: "Transport")))
        XCTAssertFalse(try SessionState.replay(events).codebook.contains("Transport"))
    }
}

final class PlaceholderStabilityTests: XCTestCase {
    /// A withdrawal erases one person's redaction; the others keep their numbers.
    func testRecordedPlaceholderNumbersSurviveAnErasedRedaction() throws {
        var events = DemoSession.events()
        let at = events.last!.at
        events.append(
            SessionEvent(
                at: at, by: "Ira", ContributionLogged(source: .verbal, speaker: "P01", text: "Zelda Quint said so")))
        events.append(
            SessionEvent(
                at: at, by: "Ira", ContributionLogged(source: .verbal, speaker: "P02", text: "Yorick Pell agreed")))
        var state = try SessionState.replay(events)
        let first = state.contributions.count - 1
        let second = state.contributions.count
        let a = state.placeholderNumbers(for: [(.person, "Zelda Quint")])[0]
        events.append(
            SessionEvent(
                at: at, by: "Ira",
                RedactionAccepted(number: first, span: TextSpan(start: 0, end: 11), label: .person, placeholder: a)))
        state = try SessionState.replay(events)
        let b = state.placeholderNumbers(for: [(.person, "Yorick Pell")])[0]
        XCTAssertEqual(b, a + 1)
        events.append(
            SessionEvent(
                at: at, by: "Ira",
                RedactionAccepted(number: second, span: TextSpan(start: 0, end: 11), label: .person, placeholder: b)))
        let before = try SessionState.replay(events).contribution(second)!.redactions.first!.placeholder
        XCTAssertEqual(before, "[PERSON \(b)]")
        // As a withdrawal leaves the journal: the first redaction is a tombstone.
        let erased = events.firstIndex { ($0.payload as? RedactionAccepted)?.number == first }!
        events[erased].body = .erased(.redactionAccepted)
        let after = try SessionState.replay(events)
        XCTAssertEqual(
            after.contribution(second)!.redactions.first!.placeholder, before, "no renumbering after the erasure")
        // The batch numbering gives one new text one number, and a known text its own.
        XCTAssertEqual(
            after.placeholderNumbers(for: [(.person, "New Name"), (.person, "new name"), (.person, "Yorick Pell")]),
            [b + 1, b + 1, b])
    }
}
