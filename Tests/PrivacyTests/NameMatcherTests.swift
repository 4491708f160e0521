import ConveneTestSupport
/// One rule for names that leave a session (issue 19): the physical replacement that withdrawal and anonymisation
/// do (`NameReplacement`) replaces exactly what the export gate (`Redactor`) hides, by the same matcher — an
/// everyday-word part of a name only where it stands as a name, everything else anywhere.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class NameMatcherTests: XCTestCase {
    static let names = ["Pablo Fab Lab Leon", "Tyler Brennan", "Will Hope", "Zoë Quillfeather"]

    /// Texts with no identifier but the session's names, so the gate's output and the replacement's can be compared
    /// character for character.
    static let texts = [
        "the fab lab was great and the lab was busy",
        "I asked Fab about it",
        "tyler99 said so",
        "PABLO FAB LAB LEON came in",
        "we will hope for the best",
        "Will said he would come",
        "brennan was there, and so was zoe",
        "the quillfeather file",
        "Fab Lab World is a shop",
        "no names here at all",
    ]

    func state(_ text: String) throws -> SessionState {
        let t = Date(timeIntervalSince1970: 0)
        var events: [SessionEvent] = [
            SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
            SessionEvent(at: t, by: "x", ParticipantAdded(code: "P01", jobRole: "Youth worker")),
        ]
        for (k, n) in Self.names.enumerated() {
            events.append(SessionEvent(at: t, by: "x", ParticipantAdded(code: "P0\(k + 2)", jobRole: "Youth worker")))
            events.append(SessionEvent(at: t, by: "x", RealNameRecorded(code: "P0\(k + 2)", name: n)))
        }
        events.append(SessionEvent(at: t, by: "x", ContributionLogged(source: .verbal, speaker: "P01", text: text)))
        return try SessionState.replay(events)
    }

    func testThePhysicalReplacementAndTheExportGateReplaceTheSameWords() throws {
        for text in Self.texts {
            let s = try state(text)
            let gate = Redactor(session: s).exportText(s.contributions[0])
            let physical = NameReplacement.replaced(text, names: Self.names, state: s).text
            XCTAssertEqual(physical, gate, "withdrawal/anonymisation and the export gate disagree on “\(text)”")
        }
    }

    func testEverydayWordPartsStayWhereTheyAreWordsAndGoWhereTheyAreNames() throws {
        let s = try state("x")
        func replaced(_ text: String) -> String { NameReplacement.replaced(text, names: Self.names, state: s).text }
        XCTAssertEqual(
            replaced("the fab lab was great and the lab was busy"), "the fab lab was great and the lab was busy")
        XCTAssertEqual(replaced("I asked Fab about it"), "I asked [PERSON] about it")
        XCTAssertEqual(replaced("we hope for the best"), "we hope for the best")
        // The full name goes anywhere, in any case, even when every part of it is an everyday word.
        XCTAssertEqual(replaced("we will hope for the best"), "we [PERSON] for the best")
        XCTAssertEqual(replaced("Will said he would come"), "[PERSON] said he would come")
        // Parts that are not everyday words go anywhere, in any case, even glued to digits.
        XCTAssertEqual(replaced("tyler99 said so"), "[PERSON]99 said so")
        XCTAssertEqual(replaced("PABLO FAB LAB LEON came in"), "[PERSON] came in")
        XCTAssertEqual(replaced("brennan was there, and so was zoe"), "[PERSON] was there, and so was [PERSON]")
    }
}
