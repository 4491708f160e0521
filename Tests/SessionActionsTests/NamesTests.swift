import Foundation
import SessionModel
import XCTest

@testable import SessionActions

/// Names are resolved once, the same way for every front end: never guessed.
final class NamesTests: XCTestCase {
    func demo() throws -> SessionState { try SessionState.replay(DemoSession.events()) }

    func testParticipantCodesByNumberAndCase() throws {
        let s = try demo()
        for typed in ["P03", "p03", "3", "03", "p3", " P3 "] {
            XCTAssertEqual(try Names.participant(typed, in: s), "P03", typed)
        }
        XCTAssertThrowsError(try Names.participant("P99", in: s)) { error in
            XCTAssertEqual(
                "\(error)", "no participant 'P99' in this session (participants: P01, P02, P03, P04, P05, P06)")
        }
    }

    func testRoomsByMainWordsNameAndUniquePrefix() throws {
        let s = try demo()
        XCTAssertEqual(try Names.room(.named("plenary"), in: s), 0)
        XCTAssertEqual(try Names.room(.named("Main"), in: s), 0)
        XCTAssertEqual(try Names.room(.named("room b"), in: s), 2)
        XCTAssertThrowsError(try Names.room(.named("Room"), in: s)) { error in
            XCTAssertEqual("\(error)", "'Room' could be the room Room A or Room B; type more of its name")
        }
        XCTAssertThrowsError(try Names.room(.named("Garden"), in: s)) { error in
            XCTAssertEqual("\(error)", "no room called 'Garden' in this session (rooms: Main room, Room A, Room B)")
        }
    }

    func testCodebookCodesByNameNumberAndUniquePrefix() throws {
        let s = try demo()
        XCTAssertEqual(try Names.code("PP3", in: s, emergent: false), "PP3 Parents and carers as partners")
        XCTAssertEqual(try Names.code("3", in: s, emergent: false), "PP3 Parents and carers as partners")
        XCTAssertEqual(
            try Names.code("pp3 parents and carers as partners", in: s, emergent: false),
            "PP3 Parents and carers as partners")
        XCTAssertThrowsError(try Names.code("PP", in: s, emergent: false)) { error in
            guard case ActionError.ambiguousCode(_, let candidates) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(candidates.count, 8)
        }
        XCTAssertThrowsError(try Names.code("Broadband", in: s, emergent: false)) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix("'Broadband' is not in the codebook; tag N +Broadband adds it"), "\(error)")
            XCTAssertTrue("\(error)".contains("(codes: PP1 Children"), "\(error)")
        }
        XCTAssertEqual(
            try Names.code("Broadband", in: s, emergent: true), "Broadband",
            "an emergent code only when the command says so")
    }
}
