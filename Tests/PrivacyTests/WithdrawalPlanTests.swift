import Foundation
import Privacy
import SessionModel
import XCTest

/// The withdrawal planner (which contributions go, which stay and why), the
/// quote finder, and the physical replacement of names leaving a session.
final class WithdrawalPlanTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func session(_ build: ((any EventPayload) throws -> Void) throws -> Void) throws -> SessionState {
        var s = SessionState()
        func add(_ p: any EventPayload) throws { try s.apply(SessionEvent(at: t0, by: "Ira", p)) }
        try add(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
        for c in ["P01", "P02", "P03"] { try add(ParticipantAdded(code: c, jobRole: "Role")) }
        try build(add)
        return s
    }

    func request(_ code: String = "P01", keep: [KeptQuote] = [], cascade: Bool = false) -> WithdrawalRequest {
        WithdrawalRequest(code: code, requestedOn: "2026-05-02", cascade: cascade, keep: keep)
    }

    func testLinksGiveOwnDirectChainAndKeptWhiteboard() throws {
        let s = try session { add in
            try add(ContributionLogged(source: .verbal, speaker: "P01", text: "one")) // #1 own
            // #2 direct (mention)
            try add(ContributionLogged(source: .chat, speaker: "P02", text: "Responding to #1, I disagree"))
            // #3 direct (reply-to)
            try add(ContributionLogged(source: .verbal, speaker: "P03", text: "agree", replyTo: [1]))
            try add(ContributionLogged(source: .verbal, speaker: "P02", text: "and more", replyTo: [3])) // #4 chain
            try add(ContributionLogged(source: .whiteboard, text: "board", replyTo: [1])) // #5 kept whiteboard
            // #6 direct (aligned)
            try add(ContributionLogged(source: .verbal, speaker: nil, text: "transcript of one", alignsWith: 1))
        }
        let plan = try WithdrawalPlan.make(request(), state: s)
        XCTAssertEqual(plan.own, [1])
        XCTAssertEqual(plan.directResponses, [2, 3, 6])
        XCTAssertEqual(plan.chain, [4])
        XCTAssertEqual(plan.keptWhiteboard, [5])
        XCTAssertEqual(plan.erased, [1, 2, 3, 6])
        XCTAssertEqual(plan.chainForReview, [4])
        XCTAssertEqual(try WithdrawalPlan.make(request(cascade: true), state: s).erased, [1, 2, 3, 4, 6])
        XCTAssertEqual(plan.basedOnEventCount, s.eventCount)
    }

    func testQuotesOfEightWordsOrFiveInQuotationMarksAreFound() throws {
        let said = "the thresholds for early help keep moving every single year without warning"
        let s = try session { add in
            try add(ContributionLogged(source: .verbal, speaker: "P01", text: said)) // #1 own
            try add(
                ContributionLogged(
                    source: .chat, speaker: "P02",
                    // #2: 10 words in a row
                    text: "As P01 said, the thresholds for early help keep moving every single year."))
            try add(
                ContributionLogged(
                    // #3: 5 quoted
                    source: .verbal, speaker: "P03", text: "I liked “early help keep moving every” — yes."))
            try add(
                ContributionLogged(
                    // #4: 5, unquoted: no
                    source: .verbal, speaker: "P02", text: "Early help keep moving every time, honestly."))
            // #5: no
            try add(ContributionLogged(source: .chat, speaker: "P03", text: "Thresholds are fine where I work."))
            // #6: chain via quote
            try add(ContributionLogged(source: .verbal, speaker: "P03", text: "Agreed", replyTo: [2]))
            try add(
                ContributionLogged(
                    // #7 kept
                    source: .whiteboard, text: "the thresholds for early help keep moving every single year"))
        }
        let plan = try WithdrawalPlan.make(request(), state: s)
        XCTAssertEqual(plan.quotes.map(\.number), [2, 3])
        XCTAssertEqual(plan.quotes[0].sharedWords, 10)
        XCTAssertFalse(plan.quotes[0].quoted)
        XCTAssertEqual(plan.quotes[1].sharedWords, 5)
        XCTAssertTrue(plan.quotes[1].quoted)
        XCTAssertEqual(plan.quotes.map(\.quotes), [1, 1])
        XCTAssertEqual(plan.erased, [1, 2, 3])
        XCTAssertEqual(plan.chain, [6])
        XCTAssertEqual(plan.keptWhiteboard, [7])
    }

    func testAQuoteIsKeptOnlyWithAReasonAndOnlyIfItIsAQuote() throws {
        let said = "we lost three young people to county lines in one summer"
        let s = try session { add in
            try add(ContributionLogged(source: .verbal, speaker: "P01", text: said))
            try add(
                ContributionLogged(
                    source: .chat, speaker: "P02",
                    text: "'lost three young people to county' is the line I keep thinking of"))
            try add(ContributionLogged(source: .chat, speaker: "P03", text: "unrelated point about schools"))
            try add(ContributionLogged(source: .verbal, speaker: "P03", text: "yes", replyTo: [2]))
        }
        let kept = try WithdrawalPlan.make(
            request(keep: [KeptQuote(number: 2, reason: "general statement, agreed with the lead")]), state: s)
        XCTAssertEqual(kept.erased, [1])
        XCTAssertEqual(kept.keptQuotes.map(\.number), [2])
        XCTAssertEqual(kept.chain, [], "a kept quote starts no chain")
        XCTAssertThrowsError(try WithdrawalPlan.make(request(keep: [KeptQuote(number: 3, reason: "x")]), state: s)) {
            XCTAssertEqual($0 as? WithdrawalPlanError, .keepNotAQuote(number: 3, quotes: [2]))
            XCTAssertTrue("\($0)".contains("#3 does not repeat"), "\($0)")
        }
        XCTAssertThrowsError(try WithdrawalPlan.make(request(keep: [KeptQuote(number: 2, reason: "  ")]), state: s)) {
            XCTAssertEqual($0 as? WithdrawalPlanError, .keepNeedsReason(2))
        }
        let erased = try WithdrawalPlan.make(request(), state: s)
        XCTAssertEqual(erased.erased, [1, 2])
        XCTAssertEqual(erased.chain, [4])
    }

    func testAQuoteOfAnEarlierWordingIsFound() throws {
        let s = try session { add in
            try add(
                ContributionLogged(
                    source: .verbal, speaker: "P01", text: "first wording of a remark about the night time economy here"
                ))
            try add(ContributionEdited(number: 1, text: "a shorter remark"))
            try add(
                ContributionLogged(
                    source: .chat, speaker: "P02", text: "a remark about the night time economy here, as was said"))
        }
        XCTAssertEqual(try WithdrawalPlan.make(request(), state: s).quotes.map(\.number), [2])
    }

    func testUnknownAndWithdrawnParticipantsAreRefused() throws {
        let s = try session { _ in }
        XCTAssertThrowsError(try WithdrawalPlan.make(request("P09"), state: s)) {
            XCTAssertEqual($0 as? WithdrawalPlanError, .unknownParticipant("P09"))
        }
    }

    func testWordsAndQuotedSegments() {
        XCTAssertEqual(QuoteFinder.words("Don't STOP, café—now!"), ["don't", "stop", "cafe", "now"])
        XCTAssertEqual(
            QuoteFinder.quotedSegments("he said 'we don't know' and \"nothing else\""),
            ["we don't know", "nothing else"])
        XCTAssertEqual(QuoteFinder.longestSharedRun(["a", "b", "c", "d"], ["x", "b", "c", "d", "y"]), 3)
    }

    // MARK: Names

    func testNameOccurrencesIgnoreCaseAndAccentsAndKeepWordEdges() {
        let text = "Zoë Quillfeather told QUILLFEATHER's team; zoe was there, not Zoetrope"
        let found = NameOccurrences.find(["Zoë Quillfeather"], in: text)
        let scalars = Array(text.unicodeScalars)
        let words = found.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        XCTAssertEqual(words, ["Zoë Quillfeather", "QUILLFEATHER", "zoe"])
        // Decomposed accents stay inside the occurrence.
        let decomposed = "Zoe\u{0308} said so"
        XCTAssertEqual(NameOccurrences.find(["Zoë"], in: decomposed), [NameOccurrence(start: 0, end: 4)])
    }

    func testNamesAreReplacedEverywhereAndTheNumberingFoldsTheSame() throws {
        let name = "Bartholomew Quenby"
        var events: [SessionEvent] = []
        func add(_ p: any EventPayload) { events.append(SessionEvent(at: t0, by: "Ira", p)) }
        add(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
        add(ParticipantAdded(code: "P01", jobRole: "Role"))
        add(ParticipantAdded(code: "P02", jobRole: "Role"))
        add(RealNameRecorded(code: "P01", name: name))
        // #1
        add(ContributionLogged(source: .chat, speaker: "P02", text: "Ask Bartholomew Quenby and Dana Smith about it"))
        // Bartholomew Quenby -> PERSON 1
        add(RedactionAccepted(number: 1, span: TextSpan(start: 4, end: 22), label: .person))
        add(RedactionAccepted(number: 1, span: TextSpan(start: 27, end: 37), label: .person)) // Dana Smith -> PERSON 2
        add(ContributionLogged(source: .verbal, speaker: "P02", text: "quenby said no")) // #2, never redacted
        add(
            ConcernRaised(
                contributions: [1], category: .riskToChildOrYoungPerson, urgency: .afterSession,
                description: "Bartholomew mentioned a child"))
        add(ContributionLogged(source: .verbal, speaker: "P02", text: "old text with Quenby")) // #3
        add(ContributionEdited(number: 3, text: "new text, no name"))
        var before = SessionState()
        for e in events { try before.apply(e) }
        let rewrite = try NameReplacement.rewrite(
            events.enumerated().map { ($0.offset + 1, $0.element) }, names: [name], state: before)
        var after = SessionState()
        for (i, e) in events.enumerated() {
            let p = rewrite.payloads[i + 1] ?? e.payload
            try after.apply(SessionEvent(id: e.id, at: e.at, by: e.by, p))
        }
        XCTAssertEqual(after.contributions[0].text, "Ask [PERSON 1] and Dana Smith about it")
        XCTAssertEqual(after.contributions[0].redactions.map(\.placeholder), ["[PERSON 1]", "[PERSON 2]"])
        XCTAssertEqual(
            after.contributions[0].redactions.map(\.span), [TextSpan(start: 4, end: 14), TextSpan(start: 19, end: 29)])
        XCTAssertEqual(
            after.contributions[1].text, "[PERSON 1] said no",
            "a part of the name takes the number the whole name was given")
        XCTAssertEqual(after.register.concerns[0].description, "[PERSON 1] mentioned a child")
        XCTAssertEqual(after.contributions[2].history.map(\.previousText), ["old text with [PERSON 1]"])
        XCTAssertEqual(after.placeholderCounters, before.placeholderCounters)
        // Every rewritten payload is free of every part of the name.
        for (_, p) in rewrite.payloads {
            let json = String(decoding: try EventCodec.encode(p), as: UTF8.self).lowercased()
            XCTAssertFalse(json.contains("bartholomew") || json.contains("quenby"), json)
        }
        XCTAssertEqual(
            Set(rewrite.changes.map(\.what)),
            [
                "contribution #1", "a redaction record of #1", "contribution #2",
                "safeguarding concern 1", "contribution #3",
            ])
    }

    func testDraftsThatTouchAWithdrawalAreFound() {
        let erased = "we lost three young people to county lines"
        func touches(_ d: String) -> Bool {
            DraftErasure.touches(
                d, code: "P01", names: ["Bartholomew Quenby"], erasedNumbers: [4], erasedTexts: [erased])
        }
        XCTAssertTrue(touches("P01 asked to withdraw"))
        XCTAssertTrue(touches("note for quenby"))
        XCTAssertTrue(touches("see #4 later"))
        XCTAssertTrue(touches("three young people to county"))
        XCTAssertFalse(touches("see #40 later"))
        XCTAssertFalse(touches("an unrelated line about schools"))
        XCTAssertFalse(touches(""))
    }
}
