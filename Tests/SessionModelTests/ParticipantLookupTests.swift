import Foundation
import XCTest

@testable import SessionModel

/// `SessionState.participant(_:)` finds a participant by code in any case: a code already in upper case is
/// looked up as it is (no new string: an export asks once or more for every contribution), any other by its
/// upper case, exactly as before.
final class ParticipantLookupTests: XCTestCase {
    func testAParticipantIsFoundByItsCodeInAnyCaseAndOnlyByItsUpperCase() throws {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var s = try SessionState.replay([
            SessionEvent(at: t0, by: "Sam", SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01")),
            SessionEvent(at: t0, by: "Sam", ParticipantAdded(code: "P01", jobRole: "Youth worker")),
            SessionEvent(at: t0, by: "Sam", ParticipantAdded(code: "P02", jobRole: "Chair")),
        ])
        XCTAssertEqual(s.participant("P01")?.jobRole, "Youth worker")
        XCTAssertEqual(s.participant("p01")?.jobRole, "Youth worker")
        XCTAssertEqual(s.participant("p02")?.jobRole, "Chair")
        XCTAssertNil(s.participant("P03"))
        XCTAssertNil(s.participant("P01 "))
        XCTAssertNil(s.participant(""))
        // Keys no valid code gives, to hold the look-up to its old rule: an accented one is found by its upper
        // case; one in lower case never was, and is not now.
        s.participants["ÉQ1"] = Participant(code: "ÉQ1", jobRole: "Nurse", attribution: .role)
        s.participants["lc1"] = Participant(code: "lc1", jobRole: "Teacher", attribution: .role)
        XCTAssertEqual(s.participant("éq1")?.jobRole, "Nurse")
        XCTAssertEqual(s.participant("ÉQ1")?.jobRole, "Nurse")
        XCTAssertNil(s.participant("lc1"), "looked up in upper case, as it always was")
        XCTAssertNil(s.participant("LC1"))
    }
}
