import Foundation
import Privacy
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// Findings in the console: the input line, the log, accept all, stepping, the review screen.
final class ConsolePrivacyTests: XCTestCase {
    static let line = "her son Tyler moved to SW1A 1AA last spring"

    func testInputLineUnderlinesFindingsAsYouType() throws {
        let h = try ConsoleHarness(width: 100, height: 30)
        h.type("P04: " + Self.line)
        let labels = h.state.privacy.input.map(\.label)
        XCTAssertTrue(labels.contains(.person), "\(h.state.privacy.input)")
        XCTAssertTrue(labels.contains(.postcode), "\(h.state.privacy.input)")
        let grid = view(h.state)
        let row = grid.height - 2
        let text = grid.lines()[row]
        XCTAssertTrue(text.contains("◌ PERSON POSTCODE"), text)
        // "Tyler" is drawn underlined in the finding style; "moved" is not.
        let tyler = try XCTUnwrap(text.range(of: "Tyler")).lowerBound
        let x = text.distance(from: text.startIndex, to: tyler)
        XCTAssertEqual(grid[x, row].style.role, .finding)
        XCTAssertTrue(grid[x, row].style.underline)
        let moved = text.distance(from: text.startIndex, to: try XCTUnwrap(text.range(of: "moved")).lowerBound)
        XCTAssertEqual(grid[moved, row].style.role, .input)
        // Deleting the postcode removes its finding at once.
        for _ in 0..<"SW1A 1AA last spring".count { h.key(.backspace) }
        XCTAssertEqual(h.state.privacy.input.map(\.label), [.person])
    }

    func testAcceptAllReplacesEveryFindingWithNumberedPlaceholders() throws {
        let h = try ConsoleHarness(width: 118, height: 30)
        h.type("P04: " + Self.line)
        h.key(.enter)
        let n = h.state.session.contributions.count
        XCTAssertEqual(h.state.findings(n).count, 2, "the new line has two findings to review")
        let demo = PrivacyIndex(session: try SessionState.replay(DemoSession.events())).unresolvedCount
        let logRow = try XCTUnwrap(h.lines.first { $0.contains("#\(n) ") })
        XCTAssertTrue(logRow.contains("◌#\(n)"), "marked until resolved: \(logRow)")
        XCTAssertTrue(
            h.screen.contains("◌ \(demo + 2) to review"),
            "the header counts every unresolved finding (the demo's and these 2)")

        h.key(.ctrl("y")) // one key, from the input line: the line you just logged
        let c = try XCTUnwrap(h.state.session.contribution(n))
        XCTAssertEqual(c.redactions.map(\.label), [.person, .postcode])
        XCTAssertEqual(
            c.redactions.map(\.placeholder), ["[PERSON 2]", "[POSTCODE 1]"], "numbered per session: [PERSON 1] is in #6"
        )
        XCTAssertTrue(h.state.findings(n).isEmpty)
        let row = try XCTUnwrap(h.lines.first { $0.contains("#\(n) ") })
        XCTAssertTrue(row.contains("her son [PERSON 2] moved to [POSTCODE 1]"), row)
        XCTAssertTrue(row.contains("▒#\(n)"), row)
        XCTAssertFalse(h.screen.contains("Tyler"))
        XCTAssertFalse(h.screen.contains("SW1A"))
        // The same name later gets the same placeholder.
        h.type("P02: Tyler was at the meeting")
        h.key(.enter)
        h.key(.ctrl("y"))
        XCTAssertEqual(h.state.session.contributions.last?.redactions.map(\.placeholder), ["[PERSON 2]"])
    }

    func testStepThroughRejectWithReasonAndSkip() throws {
        let h = try ConsoleHarness(width: 80, height: 24)
        h.key(.escape) // to the log
        for _ in 0..<7 { h.key(.up) }
        XCTAssertEqual(h.state.selected, 13, "#13 has two findings in the demo")
        let before = h.state.findings(13)
        XCTAssertEqual(before.map(\.label), [.age, .organisationLocal])
        h.key(.char("p"))
        guard case .findings(let step) = h.state.overlay else { return XCTFail("p opens the step box") }
        XCTAssertEqual(step.number, 13)
        try assertScreen(h.state, "findings-80x24")

        // Reject the first with a reason: a RedactionRejected event, remembered session-wide.
        h.key(.char("n"))
        h.key(.enter)
        XCTAssertTrue(h.state.status?.contains("Say why") ?? false, "a rejection needs a reason")
        h.type("an age alone does not identify here")
        h.key(.enter)
        let c = try XCTUnwrap(h.state.session.contribution(13))
        XCTAssertEqual(c.rejections.map(\.reason), ["an age alone does not identify here"])
        XCTAssertEqual(h.state.findings(13).map(\.label), [.organisationLocal], "the next finding is now current")
        guard case .findings = h.state.overlay else { return XCTFail("still stepping") }
        // Skip the last: the box closes, the contribution stays marked.
        h.key(.char("s"))
        XCTAssertEqual(h.state.overlay, .none)
        XCTAssertTrue(h.state.status?.contains("1 finding left unresolved") ?? false, h.state.status ?? "")
        XCTAssertEqual(h.state.findings(13).count, 1)
        // Step again and accept it: resolved, and the box closes by itself.
        h.key(.char("p"))
        XCTAssertTrue(
            h.screen.contains("→ [ORGANISATION 2] if accepted"),
            "the placeholder is previewed by the session's numbering")
        h.key(.char("y"))
        XCTAssertEqual(h.state.overlay, .none)
        XCTAssertEqual(h.state.session.contribution(13)?.redactions.map(\.placeholder), ["[ORGANISATION 2]"])
        XCTAssertTrue(h.state.status?.contains("every finding resolved") ?? false)
    }

    func testReviewScreenListsWhatTheRedactorCallsUnresolved() throws {
        let h = try ConsoleHarness(width: 100, height: 30)
        h.type("P03: my colleague Dave covers Meadowbank Primary, call 07700 900123")
        h.key(.enter)
        h.key(.function(5))
        guard case .review = h.state.overlay else { return XCTFail("F5 opens the review screen") }
        // The same list as `convene review` computes from scratch.
        let redactor = Redactor(session: h.state.session)
        let expected = h.state.session.contributions.filter { !$0.erased && !$0.struck }.flatMap { c in
            redactor.unresolved(c).map { (c.number, $0) }
        }
        let rows = Keymap.reviewRows(h.state)
        XCTAssertEqual(rows.map(\.number), expected.map(\.0))
        XCTAssertEqual(rows.map(\.finding), expected.map(\.1))
        XCTAssertGreaterThanOrEqual(rows.count, 5)
        let text = h.screen
        XCTAssertTrue(text.contains("Privacy review: \(rows.count) unresolved findings"), text)
        XCTAssertTrue(text.contains("“Dave”"), text)
        XCTAssertTrue(text.contains("“Oakfield Academy”"), text)
        // A on a row accepts all of that contribution's findings; the list shrinks.
        h.key(.char("A"))
        XCTAssertLessThan(Keymap.reviewRows(h.state).count, rows.count)
        // Resolve the rest: the screen says so.
        while let first = Keymap.reviewRows(h.state).first {
            h.state.overlay = .review(0)
            h.key(.char("A"))
            XCTAssertTrue(h.state.findings(first.number).isEmpty)
        }
        XCTAssertTrue(h.screen.contains("Every finding in the session is resolved"), h.screen)
        XCTAssertFalse(h.screen.contains("to review"), "the header count is gone")
    }

    func testReviewScreenListsImplicitIdentificationAndLowersAttribution() throws {
        let h = try ConsoleHarness(width: 120, height: 30)
        h.key(.function(5))
        let warning = try XCTUnwrap(
            h.state.implicitWarnings.first, "the demo's #13 pairs a one-off role with a named school")
        XCTAssertEqual(warning.contribution, 13)
        XCTAssertTrue(h.screen.contains("Implicit identification (\(h.state.implicitWarnings.count))"), h.screen)
        XCTAssertTrue(h.screen.contains("⚠ #13 names “Oakfield Academy”"), h.screen)
        h.key(.char("L"))
        XCTAssertEqual(h.state.session.contribution(13)?.attribution, warning.suggested)
        XCTAssertFalse(h.state.implicitWarnings.contains { $0.contribution == 13 }, "recomputed after the change")
        guard case .review = h.state.overlay else { return XCTFail("the review screen stays open") }
    }

    func testReviewScreenSnapshot() throws {
        let session = try SessionState.replay(DemoSession.events())
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: 100, height: 24, now: ConsoleSnapshotTests.now)
        s.focus = .log
        _ = update(&s, .key(.char("P")))
        try assertScreen(s, "review-100x24")
    }

    func testBlocklistFromThePaletteFindsTheNameEverywhere() throws {
        let h = try ConsoleHarness()
        // A name on no list, after a determiner, where no rule says it is a name (so only the block list finds it
        // for sure; the sequence labeller may take it for a `possible` name, never a `likely` one).
        h.type("P01: the chair helped a Quilla")
        h.key(.enter)
        let n = h.state.session.contributions.count
        XCTAssertFalse(h.state.findings(n).contains { $0.text == "Quilla" && $0.confidence == .likely })
        h.command("blocklist Quilla")
        XCTAssertTrue(h.state.session.blocklist.contains("Quilla"))
        XCTAssertTrue(
            h.state.findings(n).contains { $0.text == "Quilla" && $0.label == .person && $0.confidence == .likely },
            "rescanned with the new name")
        h.key(.char("i"))
        h.type("and Quilla again")
        XCTAssertTrue(h.state.privacy.input.contains { $0.text == "Quilla" }, "the input line uses the rebuilt scanner")
        h.command("redact \(n) all")
        XCTAssertTrue(h.state.findings(n).isEmpty)
        XCTAssertTrue(h.state.session.contribution(n)?.redactions.contains { $0.label == .person } ?? false)
    }

    /// The index follows the session event by event; it must equal a rebuild from scratch.
    func testIncrementalIndexEqualsAFullRescan() throws {
        var events = DemoSession.events()
        var state = try SessionState.replay(events)
        var index = PrivacyIndex(session: state)
        let t = events.last!.at
        let steps: [any EventPayload] = [
            ContributionLogged(source: .verbal, speaker: "P02", text: "Mrs Okafor at Hillside Surgery rang me"),
            ContributionLogged(source: .chat, speaker: "P05", text: "Email me at dana@example.org"),
            RedactionRejected(
                number: 21, span: TextSpan(start: 0, end: 10), label: .person, reason: "a colleague's surname, public"),
            ContributionEdited(number: 22, text: "Email me at the team inbox instead"),
            BlocklistNameAdded(name: "Okafor"),
            ContributionStruck(number: 13),
            ContributionLogged(source: .verbal, speaker: "P01", text: "Okafor again, at Hillside Surgery"),
        ]
        for (i, payload) in steps.enumerated() {
            events.append(SessionEvent(at: t.addingTimeInterval(Double(i + 1)), by: "Ira Notes", payload))
            let next = try SessionState.replay(events)
            index.update(from: state, to: next)
            state = next
            XCTAssertEqual(index, PrivacyIndex(session: state), "after step \(i + 1) (\(type(of: payload).kind))")
        }
        XCTAssertNil(index.unresolved[13], "struck: nothing to review")
        XCTAssertNil(index.unresolved[22], "edited away")
    }

    /// The review list holds the session's memory (Privacy/SessionMemory.swift): a name found with a cue in one
    /// contribution is listed where another says it bare, and goes from everywhere once rejected; the incremental
    /// index equals a full rescan at every step.
    func testReviewListHuntsANameFoundInAnotherContribution() throws {
        var events = DemoSession.events()
        var state = try SessionState.replay(events)
        var index = PrivacyIndex(session: state)
        let t = events.last!.at
        let first = state.contributions.count + 1
        let steps: [any EventPayload] = [
            ContributionLogged(source: .verbal, speaker: "P02", text: "we only heard of zorvek last week"),
            ContributionLogged(source: .verbal, speaker: "P01", text: "her son Zorvek was picked up again"),
            RedactionRejected(
                number: first + 1, span: TextSpan(start: 8, end: 14), label: .person, reason: "a game's name"),
        ]
        var bare: [[String]] = []
        for (i, payload) in steps.enumerated() {
            events.append(SessionEvent(at: t.addingTimeInterval(Double(i + 1)), by: "Ira Notes", payload))
            let next = try SessionState.replay(events)
            index.update(from: state, to: next)
            state = next
            XCTAssertEqual(index, PrivacyIndex(session: state), "after step \(i + 1) (\(type(of: payload).kind))")
            bare.append(index.findings(first, in: state).filter { $0.label == .person }.map(\.text))
        }
        XCTAssertEqual(bare, [[], ["zorvek"], []], "found once the cue is said elsewhere; quiet once rejected")
        XCTAssertFalse(index.contributionsToReview.contains(first))
    }

    /// A long log is scanned newest first, the rest a chunk per tick; the result equals a scan of everything.
    func testLongLogIsScannedNewestFirstThenOnTicks() throws {
        var events = DemoSession.events()
        let t = events.last!.at
        for i in 0..<1_500 {
            events.append(
                SessionEvent(
                    at: t.addingTimeInterval(Double(i)), by: "Ira Notes",
                    ContributionLogged(
                        source: .verbal, speaker: "P02",
                        text: i % 7 == 0
                            ? "Mrs Okafor at Hillside Surgery called (\(i))"
                            : "The chair brought everyone in by name (\(i))")))
        }
        let session = try SessionState.replay(events)
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Ira Notes", location: "x"), width: 100,
            height: 30, now: t)
        XCTAssertFalse(s.privacy.isComplete)
        XCTAssertEqual(s.privacy.pending, session.contributions.count - PrivacyIndex.eagerCount)
        XCTAssertTrue(view(s).lines()[0].contains("+ to review"), "the header count is a floor while scanning")
        // A contribution the scan has not reached is still answered (scanned on demand).
        XCTAssertEqual(s.findings(13).map(\.label), [.age, .organisationLocal])
        var ticks = 0
        while !s.privacy.isComplete {
            _ = update(&s, .tick(t))
            ticks += 1
        }
        XCTAssertEqual(
            ticks, (session.contributions.count - PrivacyIndex.eagerCount + PrivacyIndex.chunk - 1) / PrivacyIndex.chunk
        )
        XCTAssertEqual(s.privacy, PrivacyIndex(session: session, eager: .max))
        XCTAssertFalse(view(s).lines()[0].contains("+ to review"))
    }

    func testHelpListsThePrivacyKeys() throws {
        let h = try ConsoleHarness(width: 120, height: 48)
        // The help is searchable: each privacy key is found by its words.
        for key in ["accept every finding", "step through its findings", "privacy review screen", ":export", ":import"]
        {
            h.key(.function(1))
            h.key(.char("/"))
            h.type(key)
            XCTAssertTrue(h.screen.contains(key), "help lacks \(key)")
            h.key(.escape)
            h.key(.escape)
            h.key(.escape)
        }
    }
}
