import Foundation
import SessionModel
import XCTest

/// `contribution.speaker-set`: who spoke a range, set after a transcript was
/// imported with no speakers.
final class SpeakerSetTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ p: any EventPayload, at seconds: Int = 0) -> SessionEvent {
        SessionEvent(at: t0.addingTimeInterval(TimeInterval(seconds)), by: "Sam", p)
    }

    func events() -> [SessionEvent] {
        [
            event(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01", withdrawalDays: 14)),
            event(ParticipantAdded(code: "P01", jobRole: "Youth worker", attribution: .role)),
            event(ParticipantAdded(code: "P02", jobRole: "Chair")),
            event(ContributionLogged(source: .verbal, text: "one")),
            event(ContributionLogged(source: .verbal, text: "two")),
            event(ContributionLogged(source: .verbal, text: "three")),
            event(ContributionLogged(source: .chat, speaker: "P02", text: "four")),
        ]
    }

    func testARangeTakesItsSpeakerAndAttribution() throws {
        var s = try SessionState.replay(events())
        try s.apply(event(SpeakerSet(first: 1, last: 2, speaker: "P01"), at: 5))
        XCTAssertEqual(s.contributions.map(\.speaker), ["P01", "P01", nil, "P02"])
        XCTAssertEqual(s.contributions[0].attribution, .role, "P01 agreed to be quoted by role")
        try s.apply(event(SpeakerSet(first: 2, last: 3, speaker: nil, facilitator: true), at: 6))
        XCTAssertEqual(s.contributions.map(\.source), [.verbal, .facilitator, .facilitator, .chat])
        XCTAssertEqual(s.contributions[1].speaker, nil)
        try s.apply(event(SpeakerSet(first: 2, last: 2, speaker: nil), at: 7))
        XCTAssertEqual(s.contributions[1].source, .verbal)
        XCTAssertEqual(s.contributions[1].speaker, nil)
    }

    func testRefusals() throws {
        let s = try SessionState.replay(events())
        XCTAssertThrowsError(try s.applying(event(SpeakerSet(first: 3, last: 4, speaker: "P01")))) {
            XCTAssertEqual($0 as? SessionError, .notSpoken(4))
        }
        XCTAssertThrowsError(try s.applying(event(SpeakerSet(first: 2, last: 1, speaker: "P01")))) {
            XCTAssertEqual($0 as? SessionError, .invalidRange(first: 2, last: 1))
        }
        XCTAssertThrowsError(try s.applying(event(SpeakerSet(first: 1, last: 9, speaker: "P01")))) {
            XCTAssertEqual($0 as? SessionError, .unknownContribution(9))
        }
        XCTAssertThrowsError(try s.applying(event(SpeakerSet(first: 1, last: 1, speaker: "P07")))) {
            XCTAssertEqual($0 as? SessionError, .unknownParticipant("P07"))
        }
        XCTAssertThrowsError(try s.applying(event(SpeakerSet(first: 1, last: 1, speaker: "P01", facilitator: true))))
    }

    /// After a withdrawal erases contributions in the range, the journal still replays.
    func testReplaysAfterTheRangeWasErased() throws {
        var all = events()
        all.append(event(SpeakerSet(first: 1, last: 3, speaker: "P01"), at: 5))
        all.append(event(ParticipantWithdrawn(code: "P01", requestedOn: "2026-05-02", erased: [1, 2, 3]), at: 6))
        let s = try SessionState.replay(all)
        XCTAssertTrue(s.contributions[0...2].allSatisfy(\.erased))
        // The stored journal keeps erased contributions as content-free records.
        var stored = all
        for i in 3...5 { stored[i].body = .erased(.contributionLogged) }
        let again = try SessionState.replay(stored)
        XCTAssertEqual(again.contributions.map(\.erased), [true, true, true, false])
        let data = try EventCodec.encode(SpeakerSet(first: 1, last: 3, speaker: "P01"))
        XCTAssertEqual(
            try EventCodec.decode(kind: SpeakerSet.kind, version: 1, data: data) as? SpeakerSet,
            SpeakerSet(first: 1, last: 3, speaker: "P01"))
    }
}
