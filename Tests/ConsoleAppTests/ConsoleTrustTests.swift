import ConveneTestSupport
import Foundation
import SessionModel
import SessionStore
import TerminalKit
import XCTest

@testable import ConsoleApp

/// Issue 15, on a real session file: visible modes, no silent action, the flag
/// follows the line, codes, room to read.
final class ConsoleTrustTests: XCTestCase {
    func harness(_ w: Int = 80, _ h: Int = 24, role: ConsoleRole = .lead, user: String = "Ira Notes") throws
        -> ConsoleHarness
    {
        let t = try ConsoleHarness(width: w, height: h, user: user, role: role)
        t.send(.sessionChanged(t.journal.state))
        return t
    }
    var statusRow: (ConsoleHarness) -> String { { $0.lines[$0.state.height - 3] } }

    // MARK: Modes

    func testTheStatusLineAlwaysNamesTheMode() throws {
        let t = try harness()
        XCTAssertTrue(statusRow(t).hasPrefix(" TYPING "), statusRow(t))
        t.key(.escape)
        XCTAssertTrue(statusRow(t).hasPrefix(" PANES "), statusRow(t))
        t.key(.char(":"))
        XCTAssertTrue(statusRow(t).hasPrefix(" PALETTE "), statusRow(t))
        t.key(.escape)
        XCTAssertTrue(statusRow(t).contains("Palette closed; nothing done"), statusRow(t))
        t.key(.function(1))
        XCTAssertTrue(statusRow(t).hasPrefix(" HELP "), statusRow(t))
    }

    func testColonFirstOnAnEmptyLineOpensThePaletteAndBackslashColonLogsIt() throws {
        let t = try harness()
        t.type(":round start 15")
        guard case .palette(let line) = t.state.overlay else {
            return XCTFail("`:` on an empty line opens the palette")
        }
        XCTAssertEqual(line.text, "round start 15")
        t.key(.enter)
        XCTAssertEqual(t.journal.state.contributions.count, 20, "nothing was logged")
        XCTAssertNotNil(t.journal.state.currentRound)
        XCTAssertTrue(t.state.status?.contains("Round 2 started: 15 minutes") == true, t.state.status ?? "")
        t.type("\\:-) smiles all round")
        t.key(.enter)
        XCTAssertEqual(t.journal.state.contributions.last?.text, ":-) smiles all round")
        t.type("Time: 10:15")
        XCTAssertEqual(t.state.input.text, "Time: 10:15", "a colon later in the line is typed")
        XCTAssertEqual(t.state.overlay, .none)
    }

    func testAnUnboundPrintableKeyInThePanesNeverBecomesText() throws {
        let t = try harness()
        t.key(.escape)
        let before = t.journal.state.contributions.count
        t.key(.char("z"))
        XCTAssertEqual(t.state.focus, .log)
        XCTAssertTrue(t.state.input.isEmpty)
        XCTAssertTrue(t.state.status?.contains("in typing mode it would type “z”") == true, t.state.status ?? "")
        t.key(.escape)
        XCTAssertEqual(t.state.focus, .log, "Esc in the panes stays in the panes")
        XCTAssertTrue(t.state.status?.contains("Still in the panes") == true, t.state.status ?? "")
        t.key(.char("q"))
        XCTAssertEqual(t.state.overlay, .confirmQuit, "q asks before leaving")
        t.key(.char("n"))
        XCTAssertEqual(t.state.overlay, .none)
        XCTAssertEqual(t.journal.state.contributions.count, before)
    }

    /// Seeded: random printable keys, Esc and Enter in the panes never create a
    /// contribution, a code or a concern (nothing is confirmed without its dialog).
    func testKeyFuzzInThePanesCreatesNothingUnconfirmed() throws {
        // Printed, and CONVENE_SEED=N replays it.
        let seed = SeededRandom("pane key fuzz").seed
        var rng = SplitMix(seed: seed)
        let t = try harness()
        let before = t.journal.state
        let printable = Array(
            "abcdefhjklmnopqrstuvwxyzABCDEGHIJKLMNOQSTUVWXYZ0123456789 !\"#$%&'()*+,-./;<=>@[]^_`{|}~")
        var pressed = 0
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline && pressed < 20_000 {
            // Always back in the panes, never typing: i and Enter (to typing) are left out. Esc cancelling an
            // edit or a reply stays in typing (with the line put aside for the edit back): a second Esc leaves.
            for _ in 0..<3 where t.state.focus == .input { t.key(.escape) }
            // Enter only where it is not a dialog's confirmation (in the panes it goes to typing).
            let r = rng.next() % 10
            let enter = t.state.overlay == .none
            let key: Key =
                r == 0
                ? .escape
                : r == 1
                    ? (enter ? .enter : .escape)
                    : r == 2
                        ? .down
                        : .char(printable[Int(rng.next() % UInt64(printable.count))])
            t.key(key)
            pressed += 1
            if case .confirmQuit = t.state.overlay { t.key(.char("n")) }
        }
        let after = t.journal.state
        XCTAssertEqual(
            after.contributions.count, before.contributions.count, "a contribution was created (seed \(seed))")
        XCTAssertEqual(
            after.register.concerns.count, before.register.concerns.count, "a concern was raised (seed \(seed))")
        XCTAssertEqual(after.codebook.entries.count, before.codebook.entries.count, "a code was created (seed \(seed))")
        XCTAssertEqual(
            after.contributions.map(\.codes), before.contributions.map(\.codes), "a tag was added (seed \(seed))")
        print("pane key fuzz: \(pressed) keys")
    }

    // MARK: No silent action

    func testStrikeAsksWhyConfirmsAndUndoes() throws {
        let t = try harness()
        t.key(.escape)
        t.key(.char("x"))
        XCTAssertTrue(t.state.status?.contains("Select a contribution first") == true, "x without a selection says why")
        t.key(.up) // selects #19
        t.key(.char("x"))
        guard case .confirm = t.state.overlay else { return XCTFail("x asks for a reason") }
        XCTAssertTrue(statusRow(t).hasPrefix(" STRIKE "), statusRow(t))
        t.key(.enter)
        XCTAssertTrue(t.state.status?.contains("Say why #19 is struck") == true, t.state.status ?? "")
        XCTAssertFalse(t.journal.state.contribution(19)!.struck)
        t.type("said off the record")
        t.key(.enter)
        XCTAssertTrue(t.journal.state.contribution(19)!.struck)
        XCTAssertEqual(t.state.status, "#19 struck (said off the record) — u to undo")
        t.key(.char("u"))
        XCTAssertFalse(t.journal.state.contribution(19)!.struck, "u restores it with a compensating event")
        XCTAssertEqual((try t.journal.allEvents().map(\.event)).last?.kind, ContributionRestored.kind)
        XCTAssertEqual(t.state.status, "#19 restored to the record")
    }

    func testPaletteTagUntagAndAckSaySomething() throws {
        // Acknowledging is for the session's safeguarding lead (or lead facilitator), whatever the console's role.
        let t = try harness(role: .safeguarding, user: "Kit Safeguard")
        t.command("tag 12 PP3")
        XCTAssertEqual(
            t.journal.state.contribution(12)?.codes.last, "PP3 Parents and carers as partners",
            "a unique prefix resolves")
        XCTAssertTrue(
            t.state.status?.contains("#12 tagged “PP3 Parents and carers as partners”") == true, t.state.status ?? "")
        t.command("tag 12 Zebra")
        XCTAssertFalse(t.journal.state.codebook.contains("Zebra"), "an unknown code is refused, never made emergent")
        XCTAssertTrue(t.state.status?.contains("tag N +Zebra") == true, t.state.status ?? "")
        t.command("tag 12 +Zebra crossings")
        XCTAssertTrue(t.journal.state.codebook.contains("Zebra crossings"))
        XCTAssertTrue(t.state.status?.contains("(emergent code)") == true, t.state.status ?? "")
        t.command("untag 12 Zeb")
        XCTAssertFalse(
            t.journal.state.codebook.contains("Zebra crossings"), "untagging its last use removes an emergent code")
        XCTAssertTrue(t.state.status?.contains("the emergent code is gone") == true, t.state.status ?? "")
        try t.journal.append(
            [ConcernRaised(category: .riskToAdult, urgency: .sameDay, description: "x")], by: "Ira", at: Date())
        t.send(.sessionChanged(t.journal.state))
        XCTAssertTrue(t.lines[0].contains("⚑ 2 open 1 to ack"), t.lines[0])
        t.command("ack 2")
        XCTAssertTrue(t.state.status?.contains("Concern #2 acknowledged") == true, t.state.status ?? "")
        XCTAssertFalse(t.lines[0].contains("to ack"), t.lines[0])
        XCTAssertTrue(t.lines[0].contains("⚑ 2 open"), t.lines[0])
    }

    func testTabCompletesCodebookCodesInThePalette() throws {
        let t = try harness()
        t.key(.escape)
        t.key(.char(":"))
        t.type("tag 12 PP3")
        t.key(.tab)
        guard case .palette(let line) = t.state.overlay else { return XCTFail() }
        XCTAssertEqual(line.text, "tag 12 PP3 Parents and carers as partners")
        t.key(.ctrl("u"))
        t.type("tag 12 P")
        t.key(.tab)
        XCTAssertTrue(t.state.status?.hasPrefix("Codes: PP1") == true, t.state.status ?? "")
    }

    func testAcknowledgementAndWithdrawalReachEveryConsole() throws {
        let t = try harness()
        let other = try SQLiteJournal.open(path: t.path)
        defer { try? other.close() }
        try other.append(
            [ConcernRaised(category: .riskToAdult, urgency: .immediate, description: "x")], by: "Ira", at: Date())
        _ = try t.journal.refresh()
        t.send(.sessionChanged(t.journal.state))
        XCTAssertTrue(t.lines[1].contains("SAFEGUARDING ALERT: concern #2"), t.lines[1])
        try other.append([ConcernAcknowledged(concern: 2)], by: "Kit Safe", at: Date())
        _ = try t.journal.refresh()
        t.send(.sessionChanged(t.journal.state))
        XCTAssertTrue(t.lines[1].contains("Concern #2 acknowledged by Kit Safe"), t.lines[1])
        let erase = t.journal.state.contributions.filter { $0.speaker == "P06" }.map(\.number)
        try other.append(
            [ParticipantWithdrawn(code: "P06", requestedOn: "2026-12-06", erased: erase)], by: "Sam Lead", at: Date())
        _ = try t.journal.refresh()
        t.send(.sessionChanged(t.journal.state))
        XCTAssertTrue(t.lines[1].contains("P06 withdrew: \(erase.count) contributions erased"), t.lines[1])
    }

    // MARK: The flag follows the line

    func testCtrlGWhileTypingFlagsTheSpeakerOfTheLineAndLogsItFirst() throws {
        let t = try harness()
        t.type("5: earlier words")
        t.key(.enter)
        XCTAssertEqual(t.state.speaker, "P05")
        t.type("P04: she said she was not")
        t.key(.ctrl("g"))
        let logged = try XCTUnwrap(t.journal.state.contributions.last)
        XCTAssertEqual(logged.speaker, "P04")
        XCTAssertEqual(logged.text, "she said she was not")
        guard case .flag(let draft) = t.state.overlay else { return XCTFail("the flag box is open") }
        XCTAssertEqual(draft.participant, "P04", "the speaker of the line being typed, not the previous one")
        XCTAssertEqual(draft.contributions, [logged.number])
        t.type("2")
        t.type("1")
        t.type("Possible exploitation")
        t.key(.enter)
        let concern = try XCTUnwrap(t.journal.state.register.concerns.last)
        XCTAssertEqual(concern.participant, "P04")
        XCTAssertEqual(concern.contributions, [logged.number])
        XCTAssertEqual(concern.description, "“she said she was not” — Possible exploitation")
        XCTAssertTrue(t.state.status?.contains("raised on #\(logged.number) (P04)") == true, t.state.status ?? "")
    }

    func testCtrlGWithNoSpeakerAsksWho() throws {
        let t = try harness()
        t.type("someone mentioned a bruise")
        t.key(.ctrl("g"))
        guard case .flag(let draft) = t.state.overlay else { return XCTFail() }
        XCTAssertNotNil(draft.askParticipant)
        XCTAssertTrue(t.screen.contains("Who is it about?"), t.screen)
        t.type("3")
        t.key(.enter)
        guard case .flag(let next) = t.state.overlay else { return XCTFail() }
        XCTAssertEqual(next.participant, "P03")
    }

    // MARK: Room to read

    func testAt80x24TheLogShowsAtLeast45CharactersOfText() throws {
        let t = try harness()
        let line = try XCTUnwrap(t.lines.first { $0.contains("#10 ") })
        let text = "Health often joins by phone"
        let start = try XCTUnwrap(line.range(of: "Health"))
        let shown = line[start.lowerBound...].trimmingCharacters(in: CharacterSet(charactersIn: " │"))
        XCTAssertGreaterThanOrEqual(shown.count, 45, line)
        XCTAssertTrue(line.contains(text))
    }

    func testAt120ColumnsTheLogHasAtLeast60PercentOfTheWidth() throws {
        for width in [120, 140, 160, 200] {
            let t = try harness(width, 40)
            let layout = Layout(t.state)
            XCTAssertGreaterThanOrEqual(Double(width - layout.left - layout.right), 0.6 * Double(width), "at \(width)")
        }
    }

    func testTheHeaderKeepsTitleClockAndConcernsAtEveryWidth() throws {
        let t = try harness()
        t.command("round start 15")
        try t.journal.append(
            [ConcernRaised(category: .riskToParticipant, urgency: .immediate, description: "x")], by: "Ira", at: Date())
        t.send(.sessionChanged(t.journal.state))
        for width in [80, 100, 120, 160] {
            t.send(.resize(width: width, height: 24))
            let header = t.lines[0]
            XCTAssertTrue(header.contains("Convene · Hybrid"), "title at \(width): \(header)")
            XCTAssertTrue(header.contains("10:25"), "clock at \(width): \(header)")
            XCTAssertTrue(header.contains("⚑ 2 open"), "concerns at \(width): \(header)")
            XCTAssertTrue(header.contains("R2 ") || header.contains("Round 2"), "round at \(width): \(header)")
        }
    }

    func testHelpScrollsAndSearches() throws {
        let t = try harness()
        t.key(.function(1))
        XCTAssertTrue(t.screen.contains("Typing"), t.screen)
        XCTAssertFalse(t.screen.contains("Anywhere"), "at 80×24 the help does not fit on one screen")
        var reached = false
        for _ in 0..<12 {
            t.key(.pageDown)
            reached = reached || t.screen.contains("Ctrl-G")
        }
        XCTAssertTrue(reached, "the Anywhere keys are reached by scrolling: \(t.screen)")
        t.key(.char("/"))
        t.type("strike")
        XCTAssertTrue(t.screen.contains("strike the selected contribution"), t.screen)
        XCTAssertFalse(t.screen.contains("caret left"), t.screen)
        t.key(.enter)
        t.key(.escape) // clears the search first
        guard case .help(let h) = t.state.overlay else { return XCTFail("Esc cleared the search, help stays") }
        XCTAssertNil(h.search)
        t.key(.escape)
        XCTAssertEqual(t.state.overlay, .none)
    }

    func testRedactionsSurviveAnEditThatLeavesThemAlone() throws {
        let t = try harness()
        let n = 13
        let findings = t.state.findings(n)
        XCTAssertFalse(findings.isEmpty)
        t.command("redact \(n) all")
        let redacted = t.journal.state.contribution(n)!.redactions
        XCTAssertFalse(redacted.isEmpty)
        let text = t.journal.state.contribution(n)!.text
        try t.journal.append([ContributionEdited(number: n, text: text + " (estimate)")], by: "Ira", at: Date())
        XCTAssertEqual(t.journal.state.contribution(n)!.redactions, redacted, "an edit after them keeps the redactions")
        try t.journal.append(
            [ContributionEdited(number: n, text: "Earlier: " + text + " (estimate)")], by: "Ira", at: Date())
        XCTAssertEqual(
            t.journal.state.contribution(n)!.redactions.map(\.placeholder), redacted.map(\.placeholder),
            "an edit before them shifts them")
        let shifted = t.journal.state.contribution(n)!.redactions.map { $0.span.start }
        XCTAssertEqual(shifted, redacted.map { $0.span.start + 9 })
    }
}
