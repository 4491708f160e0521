import Foundation
import SessionModel
import XCTest

final class ReducerTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ p: any EventPayload, at seconds: Int = 0, by: String = "Sam") -> SessionEvent {
        SessionEvent(at: t0.addingTimeInterval(TimeInterval(seconds)), by: by, p)
    }

    func base() throws -> SessionState {
        try SessionState.replay([
            event(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01", withdrawalDays: 14)),
            event(ParticipantAdded(code: "P01", jobRole: "Youth worker", attribution: .role)),
            event(ParticipantAdded(code: "P02", jobRole: "Chair", attribution: .noRole)),
            event(GroupCreated(name: "Room A")),
        ])
    }

    func testFoldNumbersContributionsAndRecordsWhoAndWhen() throws {
        var s = try base()
        try s.apply(event(ContributionLogged(source: .verbal, speaker: "P01", text: "one"), at: 10, by: "Ira"))
        try s.apply(
            event(ContributionLogged(source: .chat, room: 1, speaker: "P02", text: "two", replyTo: [1]), at: 20))
        XCTAssertEqual(s.contributions.map(\.number), [1, 2])
        XCTAssertEqual(s.contributions[0].loggedBy, "Ira")
        XCTAssertEqual(s.contributions[0].loggedAt, t0.addingTimeInterval(10))
        XCTAssertEqual(s.contributions[0].attribution, .role)
        XCTAssertEqual(s.contributions[1].attribution, .anonymous, "no-role preference defaults to anonymous")
        XCTAssertEqual(s.contributions[1].room, 1)
        XCTAssertEqual(s.eventCount, 6)
    }

    func testIllegalCommandsAreRejectedWithTypedErrors() throws {
        let s = try base()
        let cases: [(any EventPayload, SessionError)] = [
            (ParticipantAdded(code: "P01", jobRole: "x"), .duplicateParticipant("P01")),
            (ParticipantAdded(code: "p3", jobRole: "x"), .invalidParticipantCode("p3")),
            (ContributionLogged(source: .whiteboard, speaker: "P01", text: "x"), .speakerOnWhiteboard),
            (ContributionLogged(source: .verbal, speaker: "P09", text: "x"), .unknownParticipant("P09")),
            (ContributionLogged(source: .verbal, room: 7, text: "x"), .unknownRoom("#7")),
            (ContributionLogged(source: .chat, text: " "), .emptyText(field: "the contribution")),
            (ContributionLogged(source: .chat, text: "x", replyTo: [1]), .replyToSelfOrFuture(1)),
            (CodeTagged(number: 3, code: "A"), .unknownContribution(3)),
            (GroupCreated(name: "room a"), .duplicateRoom("room a")),
            (RoundEnded(), .noRoundRunning),
            (RoundStarted(minutes: 0), .invalidMinutes(0)),
            (ParticipantAssigned(code: "P01", room: 9), .unknownRoom("#9")),
            (ConcernActionTaken(concern: 1, action: .closed, note: "x"), .unknownConcern(1)),
            (GroupClosed(room: 0), .cannotCloseMainRoom),
            (SessionCreated(sessionID: UUID(), title: "again", date: "2026-01-01"), .sessionAlreadyCreated),
        ]
        for (payload, expected) in cases {
            XCTAssertThrowsError(try s.applying(event(payload))) { error in
                XCTAssertEqual(error as? SessionError, expected, "\(type(of: payload))")
                XCTAssertFalse((error as? SessionError)?.description.isEmpty ?? true)
            }
        }
    }

    func testNothingBeforeTheSessionAndNothingAfterClose() throws {
        XCTAssertThrowsError(try SessionState().applying(event(ContributionLogged(source: .chat, text: "x")))) {
            XCTAssertEqual($0 as? SessionError, .noSession)
        }
        var s = try base()
        try s.apply(event(SessionClosed()))
        XCTAssertThrowsError(try s.applying(event(ContributionLogged(source: .chat, text: "late")))) {
            XCTAssertEqual($0 as? SessionError, .sessionClosed)
        }
    }

    func testEmergentCodesAndCodebook() throws {
        var s = try base()
        try s.apply(event(CodebookSet(name: "pp", codes: BuiltInCodebook.practicePrinciples)))
        try s.apply(event(ContributionLogged(source: .chat, text: "x")))
        try s.apply(event(CodeTagged(number: 1, code: "pp1 children and young people first")))
        try s.apply(event(CodeTagged(number: 1, code: "Digital exclusion")))
        XCTAssertEqual(s.contributions[0].codes, ["PP1 Children and young people first", "Digital exclusion"])
        XCTAssertEqual(s.codebook.entries.filter(\.emergent).map(\.name), ["Digital exclusion"])
        XCTAssertThrowsError(
            try s.applying(
                event(CodebookSet(name: "dup", codes: [CodeDefinition(name: "A"), CodeDefinition(name: "a")]))))
        try s.apply(event(CodeUntagged(number: 1, code: "digital exclusion")))
        XCTAssertEqual(s.contributions[0].codes, ["PP1 Children and young people first"])
    }

    func testRedactionPlaceholdersAreNumberedPerSession() throws {
        var s = try base()
        try s.apply(event(ContributionLogged(source: .chat, text: "Tyler said hi to Tyler")))
        try s.apply(event(ContributionLogged(source: .chat, text: "then Amber came")))
        try s.apply(event(RedactionAccepted(number: 1, span: TextSpan(start: 0, end: 5), label: .person)))
        try s.apply(event(RedactionAccepted(number: 2, span: TextSpan(start: 5, end: 10), label: .person)))
        try s.apply(event(RedactionAccepted(number: 1, span: TextSpan(start: 17, end: 22), label: .person)))
        XCTAssertEqual(s.contributions[0].redactions.map(\.placeholder), ["[PERSON 1]", "[PERSON 1]"])
        XCTAssertEqual(s.contributions[1].redactions.map(\.placeholder), ["[PERSON 2]"])
        XCTAssertThrowsError(
            try s.applying(event(RedactionAccepted(number: 2, span: TextSpan(start: 10, end: 99), label: .person))))
    }

    func testRoundsAndRooms() throws {
        var s = try base()
        try s.apply(event(ParticipantAssigned(code: "P01", room: 1)))
        try s.apply(event(RoundStarted(minutes: 10), at: 100))
        XCTAssertEqual(s.currentRound?.remaining(at: t0.addingTimeInterval(160)), 540)
        XCTAssertThrowsError(try s.applying(event(RoundStarted(minutes: 5))))
        try s.apply(event(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: "in round")))
        XCTAssertEqual(s.contributions[0].round, 1)
        try s.apply(event(RoundEnded(), at: 200))
        XCTAssertNil(s.currentRound)
        try s.apply(event(GroupClosed(room: 1)))
        XCTAssertEqual(s.participant("P01")?.room, 0, "members of a closed room return to the main room")
        XCTAssertThrowsError(try s.applying(event(ParticipantAssigned(code: "P01", room: 1))))
    }

    func testSafeguardingRegisterIsAppendOnlyAndRoleFiltered() throws {
        var s = try base()
        try s.apply(event(ContributionLogged(source: .verbal, speaker: "P01", text: "disclosure")))
        try s.apply(
            event(
                ConcernRaised(
                    contributions: [1], participant: "P01", category: .riskToChildOrYoungPerson, urgency: .immediate,
                    description: "d"), by: "Ira"))
        XCTAssertEqual(s.register.unacknowledged.count, 1)
        try s.apply(event(ConcernAcknowledged(concern: 1), by: "Kit"))
        XCTAssertThrowsError(try s.applying(event(ConcernActionTaken(concern: 1, action: .referred, note: "sent")))) {
            XCTAssertEqual($0 as? SessionError, .referralNeedsBody)
        }
        try s.apply(
            event(ConcernActionTaken(concern: 1, action: .referred, to: "LADO", reference: "R-1", note: "sent")))
        try s.apply(event(ConcernActionTaken(concern: 1, action: .closed, note: "done")))
        XCTAssertThrowsError(try s.applying(event(ConcernActionTaken(concern: 1, action: .informed, note: "late")))) {
            XCTAssertEqual($0 as? SessionError, .concernClosed(1))
        }
        XCTAssertEqual(s.register.visible(to: .notetaker, name: "Ira").count, 1)
        XCTAssertEqual(s.register.visible(to: .notetaker, name: "Jo").count, 0)
        XCTAssertEqual(s.register.visible(to: .observer, name: "Ira").count, 0)
        XCTAssertEqual(s.register.visible(to: .safeguarding, name: "Kit").count, 1)
        XCTAssertEqual(s.contributions[0].concerns, [1])
    }

    func testWithdrawalErasesButKeepsNumbersAndConcerns() throws {
        var s = try base()
        try s.apply(event(ContributionLogged(source: .verbal, speaker: "P01", text: "mine")))
        try s.apply(event(ContributionLogged(source: .verbal, speaker: "P02", text: "reply", replyTo: [1])))
        try s.apply(event(ContributionLogged(source: .whiteboard, text: "note")))
        try s.apply(
            event(ConcernRaised(contributions: [1], category: .other, urgency: .afterSession, description: "d")))
        try s.apply(
            event(ParticipantWithdrawn(code: "P01", requestedOn: "2026-05-03", erased: [1, 2], keptWhiteboard: [3])))
        XCTAssertEqual(s.contributions.map(\.erased), [true, true, false])
        XCTAssertEqual(s.contributions[0].text, "")
        XCTAssertTrue(s.participant("P01")!.withdrawn)
        XCTAssertEqual(s.register.concerns.count, 1)
        XCTAssertThrowsError(try s.applying(event(ContributionLogged(source: .verbal, speaker: "P01", text: "again"))))
    }

    func testErasedEventsKeepTheirPlaceOnReplay() throws {
        let created = event(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
        let events = [
            created,
            event(ErasedEvent(wasKind: .contributionLogged)),
            event(ContributionLogged(source: .chat, text: "second")),
        ]
        let s = try SessionState.replay(events)
        XCTAssertEqual(s.contributions.count, 2)
        XCTAssertTrue(s.contributions[0].erased)
        XCTAssertEqual(s.contributions[1].number, 2)
    }

    func testWithdrawalWindowDate() throws {
        let s = try base()
        XCTAssertEqual(s.withdrawalClosesOn, "2026-05-15")
    }

    func testDemoScriptReplaysCleanly() throws {
        let s = try SessionState.replay(DemoSession.events())
        XCTAssertEqual(s.liveContributions.count, 20)
        XCTAssertEqual(s.register.concerns.count, 1)
        XCTAssertEqual(s.themes.count, 3)
        XCTAssertEqual(s.contributions[5].redactions.map(\.placeholder), ["[PERSON 1]", "[ORGANISATION 1]"])
    }

    func testGuideParser() {
        let g = DiscussionGuideParser.parse(
            """
            # Welcome (10 min)
            - Ground rules
            # Advantages [25 min]
            1. What works well?
            2) For whom?
            """)
        XCTAssertEqual(g.map(\.title), ["Welcome", "Advantages"])
        XCTAssertEqual(g.map(\.minutes), [10, 25])
        XCTAssertEqual(g[1].prompts, ["What works well?", "For whom?"])
        XCTAssertEqual(DiscussionGuideParser.parse("Intro\nThemes (5 min)\n").map(\.title), ["Intro", "Themes"])
    }
}
