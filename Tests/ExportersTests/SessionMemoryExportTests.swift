import ConveneTestSupport
import Exporters
import Foundation
import Privacy
import SessionModel
import XCTest

/// The export gate's session memory (Privacy/SessionMemory.swift): a name found with a cue in one contribution is
/// redacted bare in another; an everyday word found once as a name is not; a rejected text stays in clear everywhere.
/// Names are invented for these tests.
final class SessionMemoryExportTests: XCTestCase {
    static func session(_ texts: [String], rejectFirst word: String? = nil) throws -> SessionState {
        let t0 = DemoSession.defaultStart
        var events: [SessionEvent] = []
        var t = 0.0
        func add(_ p: any EventPayload) {
            t += 10
            events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p))
        }
        add(SessionCreated(sessionID: DemoSession.sessionID, title: "Memory", date: "2026-05-14"))
        add(ParticipantAdded(code: "P01", jobRole: "Social worker"))
        add(ConsentRecorded(code: "P01", items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        add(GroupCreated(name: "Room"))
        for text in texts { add(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: text)) }
        if let word, let r = texts[0].range(of: word) {
            let start = texts[0].unicodeScalars.distance(
                from: texts[0].unicodeScalars.startIndex, to: r.lowerBound)
            let span = TextSpan(start: start, end: start + word.unicodeScalars.count)
            add(RedactionRejected(number: 1, span: span, label: .person, reason: "the name of a game"))
        }
        return try SessionState.replay(events)
    }

    func texts(_ s: SessionState) -> [String] { ResearchGate.record(s).contributions.map(\.text) }

    func testANameFoundWithACueIsRedactedBareInAnotherContribution() throws {
        let s = try Self.session([
            "her son Zorvek was picked up in a car again",
            "we only heard about zorvek last week",
            "Mrs Quarshiew rang the duty line twice",
            "and QUARSHIEW never came back to us",
        ])
        let out = texts(s)
        XCTAssertEqual(out[1], "we only heard about [PERSON] last week")
        XCTAssertEqual(out[3], "and [PERSON] never came back to us")
        for text in out { XCTAssertNil(text.range(of: "zorvek", options: .caseInsensitive), text) }
        for text in out { XCTAssertNil(text.range(of: "quarshiew", options: .caseInsensitive), text) }
    }

    func testAnEverydayWordFoundOnceAsANameIsNotHunted() throws {
        let s = try Self.session([
            "her daughter Grace was at the meeting",
            "there is no grace period for a referral",
        ])
        let out = texts(s)
        XCTAssertFalse(out[0].contains("Grace"), out[0])
        XCTAssertEqual(out[1], "there is no grace period for a referral")
    }

    /// The memory pass reads each entry's text in place (`EntryList.withQuotedText`): the same bytes and the same
    /// "may be quoted" as the entry made from the list, for every entry of the demo (rounds, guide segments,
    /// background material, speakers and none).
    func testTheQuotedTextIsReadInPlaceAsTheEntryHoldsIt() throws {
        let list = ResearchGate.record(try Fixture.demoState()).contributions
        XCTAssertGreaterThan(list.count, 10)
        for i in list.indices {
            let e = list[i]
            list.withQuotedText(at: i) { quotable, utf8 in
                XCTAssertEqual(quotable, e.quotable, "#\(e.number)")
                XCTAssertEqual(String(decoding: utf8, as: UTF8.self), e.text, "#\(e.number)")
            }
        }
    }

    func testARejectedTextStaysInClearEverywhere() throws {
        let texts = [
            "her son Zorvek was picked up in a car again",
            "we only heard about zorvek last week",
        ]
        let s = try Self.session(texts, rejectFirst: "Zorvek")
        XCTAssertEqual(self.texts(s), texts)
    }
}
