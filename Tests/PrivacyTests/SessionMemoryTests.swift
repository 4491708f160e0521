/// Session memory across contributions (Privacy/SessionMemory.swift): a name found confidently in one contribution
/// is found bare in every other; an everyday word found once as a name, and a text a person rejected, are not.
/// Names here are invented for these tests.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class SessionMemoryTests: XCTestCase {
    /// A session of `texts`, one contribution each, by consented participants; `rejected`: (number, text) pairs a
    /// person rejected as not identifying.
    static func session(_ texts: [String], rejected: [(Int, String)] = []) throws -> SessionState {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var events: [SessionEvent] = []
        var t = 0.0
        func add(_ p: any EventPayload) {
            t += 10
            events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p))
        }
        add(SessionCreated(sessionID: UUID(), title: "Memory", date: "2026-05-14"))
        add(ParticipantAdded(code: "P01", jobRole: "Social worker"))
        add(ConsentRecorded(code: "P01", items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        add(GroupCreated(name: "Room"))
        for text in texts { add(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: text)) }
        for (n, word) in rejected {
            let text = texts[n - 1]
            guard let r = text.range(of: word) else { throw NSError(domain: "test", code: 1) }
            let span = IdentifierScanner.scalarSpan(text, r)
            add(RedactionRejected(number: n, span: span, label: .person, reason: "a word in a game"))
        }
        return try SessionState.replay(events)
    }

    func person(_ findings: [Finding]?) -> [String] {
        (findings ?? []).filter { $0.label == .person }.map(\.text)
    }

    func testANameFoundWithACueIsFoundBareInAnotherContribution() throws {
        let texts = [
            "her son Zorvek was picked up in a car again",
            "we only heard about zorvek last week",
            "Mrs Quarshiew rang the duty line twice",
            "and quarshiew never came back to us",
        ]
        // The scanner alone misses the bare mentions: each text is read on its own.
        let scanner = IdentifierScanner()
        XCTAssertEqual(person(scanner.scan(texts[1])), [])
        XCTAssertEqual(person(scanner.scan(texts[3])), [])
        let s = try Self.session(texts)
        let (found, memory) = Redactor(session: s).sessionFindings(s)
        XCTAssertEqual(memory.remembered, ["quarshiew", "zorvek"], "the title is the cue, not the name")
        XCTAssertEqual(person(found[2]), ["zorvek"])
        XCTAssertEqual(person(found[4]), ["quarshiew"])
        // Where the text found it itself, the memory adds nothing (listed once, not twice).
        XCTAssertEqual(person(found[1]), ["Zorvek"])
        // Any case; a whole word only ("zorveks" is another word, "zorvek99" a handle's business).
        let m = SessionMemory(names: ["Zorvek"])
        XCTAssertEqual(m.findings(in: "ZORVEK and Zorvek, zorvek's bike").map(\.text), ["ZORVEK", "Zorvek", "zorvek"])
        XCTAssertEqual(m.findings(in: "zorveks and zorvek99 and xzorvek").map(\.text), [])
        XCTAssertEqual(m.hide("is zorvek ok?"), "is [PERSON] ok?")
    }

    func testAFullNameIsFoundWholeAndByItsPartsThatAreNoWords() {
        let m = SessionMemory(names: ["Dashel Quarshiew", "Grace Oyelaran"])
        XCTAssertEqual(m.findings(in: "dashel quarshiew came").map(\.text), ["dashel quarshiew"])
        XCTAssertEqual(m.findings(in: "then oyelaran said").map(\.text), ["oyelaran"])
        // "grace" is an everyday word: alone it is never hunted, even as a part of a remembered name.
        XCTAssertEqual(m.findings(in: "a grace period").map(\.text), [])
        XCTAssertEqual(m.findings(in: "Grace Oyelaran again").map(\.text), ["Grace Oyelaran"])
    }

    func testAnEverydayWordFoundOnceAsANameIsNotHuntedElsewhere() throws {
        let texts = [
            "her daughter Grace was at the meeting",
            "there is no grace period for a referral",
            "the Will was read out",
        ]
        let s = try Self.session(texts)
        let (found, memory) = Redactor(session: s).sessionFindings(s)
        XCTAssertEqual(person(found[1]), ["Grace"], "found where a name stands")
        XCTAssertTrue(memory.isEmpty, "an everyday word is not remembered: \(memory.remembered)")
        XCTAssertEqual(person(found[2]), [])
        XCTAssertEqual(SessionMemory(names: ["Grace", "Will", "Rose Hall"]).remembered, [])
    }

    func testARejectedTextStaysQuietEverywhere() throws {
        let texts = [
            "her son Zorvek was picked up in a car again",
            "we only heard about zorvek last week",
        ]
        let s = try Self.session(texts, rejected: [(1, "Zorvek")])
        let redactor = Redactor(session: s)
        let (found, memory) = redactor.sessionFindings(s)
        XCTAssertTrue(memory.isEmpty, "\(memory.remembered)")
        XCTAssertEqual(person(found[1]), [])
        XCTAssertEqual(person(found[2]), [])
        // The parts of a rejected text are not hunted either.
        XCTAssertEqual(SessionMemory(names: ["Zorvek Quarshiew"], rejected: ["zorvek quarshiew"]).remembered, [])
    }

    func testTheCheapTestNeverMissesANameTheSearchWouldFind() {
        let m = SessionMemory(names: ["Zorvek", "Siân Quarshiew"])
        for text in ["zorvek", "a ZORVEK b", "x,zorvek.", "siân", "Sian", "quarshiew!"] {
            XCTAssertTrue(m.mayOccur(text), text)
            XCTAssertFalse(m.findings(in: text).isEmpty, text)
        }
        for text in ["zorveks", "zorvek99", "nothing here", ""] { XCTAssertTrue(m.findings(in: text).isEmpty, text) }
        XCTAssertFalse(m.mayOccur("nothing here at all"))
        XCTAssertFalse(SessionMemory.empty.mayOccur("zorvek"))
    }
}
