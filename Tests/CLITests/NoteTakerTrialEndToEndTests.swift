import ConveneTestSupport
import Foundation
import XCTest

/// What a new note-taker's scripted session at 80×24 found (issue 15, session 5), each in the real
/// binary in tmux: an edit that dropped the unsent line, a room changed by a typed speaker without a
/// word, "u to undo" said where u types a letter, a stale "the lead is alerted" after the
/// acknowledgement, a stale line under the leave question, a help key cut short, and status
/// messages cut mid-word at 80 columns.
final class NoteTakerTrialEndToEndTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("trial.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Hybrid child protection conferences — group 3"])
        try ConveneProcess.ok(["facilitator", "add", file, "Kit Safe", "--role", "safeguarding"])
        for (code, role) in [("P04", "Health visitor"), ("P05", "Police officer"), ("P06", "School lead")] {
            try ConveneProcess.ok(["participant", "add", file, "--code", code, "--role", role])
        }
        try ConveneProcess.ok(["group", "add", file, "Room A"])
        try ConveneProcess.ok(["codebook", file, "--use", "practice-principles"])
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func console(_ user: String = "Nia Notes", role: String = "notetaker") throws -> Tmux {
        let t = try Tmux(conveneCommand("open '\(file!)' --role \(role)", user: user), width: 80, height: 24)
        XCTAssertNotNil(try t.waitFor("TYPING"), t.screen())
        return t
    }

    /// The status line (the row above the input line) and the row above it, where a long message starts.
    func statusRows(_ t: Tmux) -> String {
        let rows = t.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard rows.count >= 24 else { return rows.joined(separator: "\n") }
        return rows[20] + "\n" + rows[21]
    }

    func inputRow(_ t: Tmux) -> String {
        let rows = t.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rows.count >= 23 ? rows[22] : ""
    }

    func testEditingAContributionKeepsTheUnsentLine() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("4: parents join from the car")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.type("5: half a line still being typed")
        try t.send("Escape")
        try t.type("k")
        try t.type("e")
        t.expect("Editing #1", timeout: 5, "e edits the selected contribution")
        t.expect("comes back after", timeout: 5, "the status says the unsent line is kept")
        try t.send("End")
        try t.type(" (estimate)")
        try t.send("Enter")
        t.expect("#1 edited", timeout: 5)
        XCTAssertTrue(
            inputRow(t).contains("5: half a line still being typed"), "the unsent line came back:\n\(t.screen())")
        // Cancelled with Esc, the edit gives the line back too.
        try t.send("Escape")
        try t.type("k")
        try t.type("e")
        t.expect("Editing #1", timeout: 5)
        try t.send("Escape")
        t.expect("cancelled", timeout: 5)
        XCTAssertTrue(
            inputRow(t).contains("5: half a line still being typed"), "the unsent line came back:\n\(t.screen())")
        let list = try ConveneProcess.ok(["list", file]).stdout
        XCTAssertTrue(list.contains("parents join from the car (estimate)"), list)
        XCTAssertFalse(list.contains("half a line"), "the unsent line was not logged: \(list)")
    }

    func testARoomChangedByATypedSpeakerIsSaid() throws {
        let t = try console()
        defer { t.kill() }
        try t.send("C-r")
        t.expect("Logging in Room A", timeout: 5)
        // P04 sits in the main room: the line goes there, and the status line says so.
        try t.type("P04: we never see the young person")
        try t.send("Enter")
        t.expect("P04 is in Main room", timeout: 5, "the room change is said")
        let list = try ConveneProcess.ok(["list", file]).stdout
        XCTAssertTrue(list.contains("Main room  verbal  P04  we never see the young person"), list)
    }

    func testTheUndoHintInTypingModeSaysHowToUndo() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("4: parents should be partners in the plan")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.type(":tag 1 PP3")
        try t.send("Enter")
        t.expect("tagged “PP3 Parents and carers as partners”", timeout: 5)
        // In typing mode u types a letter: the hint names the way to the log's u.
        XCTAssertFalse(statusRows(t).contains("— u to undo"), statusRows(t))
        t.expect("Esc u undoes", timeout: 5)
        try t.send("Escape")
        try t.type("u")
        t.expect("removed", timeout: 5)
        let list = try ConveneProcess.ok(["list", file]).stdout
        XCTAssertFalse(list.contains("PP3"), list)
    }

    func testAnAcknowledgementReplacesTheAlertedLineOnTheNoteTakersConsole() throws {
        let notes = try console()
        defer { notes.kill() }
        try notes.type("P05: a boy said his uncle takes him to parties")
        try notes.send("C-g")
        notes.expect("Raise a safeguarding concern", timeout: 5)
        try notes.type("2")
        try notes.type("2")
        try notes.send("Enter")
        notes.expect("the safeguarding lead is alerted", timeout: 5)
        let lead = try Tmux(
            conveneCommand("open '\(file!)' --role safeguarding", user: "Kit Safe"), width: 80, height: 24)
        defer { lead.kill() }
        lead.expect("TYPING", timeout: 10)
        try lead.type(":ack 1")
        try lead.send("Enter")
        lead.expect("acknowledged", timeout: 5)
        notes.expect("acknowledged by Kit Safe", timeout: 5)
        XCTAssertFalse(
            statusRows(notes).contains("is alerted"), "the note-taker's status still says alerted:\n\(notes.screen())")
        XCTAssertFalse(notes.screen().contains("to ack"), notes.screen())
    }

    func testCtrlCInThePanesAsksWithoutAStaleLine() throws {
        let t = try console()
        defer { t.kill() }
        // A key with no meaning while typing says so.
        try t.send("F12")
        t.expect("does nothing while typing", timeout: 5)
        try t.send("Escape")
        try t.send("Escape")
        t.expect("Still in the panes", timeout: 5)
        try t.send("C-c")
        t.expect("Leave the console?", timeout: 5)
        XCTAssertFalse(statusRows(t).contains("Still in the panes"), statusRows(t))
        try t.send("Escape")
        t.expect("Staying in the console", timeout: 5)
    }

    func testHelpShowsLongKeysWhole() throws {
        let t = try console()
        defer { t.kill() }
        try t.send("F1")
        t.expect("HELP", timeout: 5)
        // The palette's key, "`:` (first on an empty line)", was cut to ": (first on an empty li".
        t.expect("(first on an empty", timeout: 5)
        XCTAssertTrue(t.screen().contains("line)"), t.screen())
        XCTAssertFalse(t.screen().contains("`"), "markdown backticks on the screen:\n\(t.screen())")
    }

    func testALongStatusMessageIsShownWhole() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("4: parents should be partners in the plan")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.type(":tag 1 Trust")
        try t.send("Enter")
        t.expect("+Trust", timeout: 5)
        // The refusal's sentence ends "…adds it as a new emergent code": all of it on screen at 80 columns.
        let shown = statusRows(t).replacingOccurrences(of: "\n", with: " ")
        XCTAssertNotNil(
            shown.range(of: #"new\s+emergent\s+code"#, options: .regularExpression), "the message was cut: \(shown)")
        // And the line where the next contribution goes drops who you are before it cuts a word.
        try t.type("6: ok")
        try t.send("Enter")
        t.expect("#2 ", timeout: 5)
        let status = statusRows(t).split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(!status.contains("as Nia Notes") || status.contains("(notetaker)"), status)
    }

    /// The rest of the scripted session's cases that had no end-to-end test: Tab completes a code in the
    /// palette, untagging an emergent code's last use removes it, `x` with nothing selected says why,
    /// the header keeps the concern count with the title and clock, the hint line keeps ^G at 80 columns,
    /// and an edit of a chat line says [chat] and keeps its accepted redactions.
    func testCodesHeaderHintsAndEditsAsTheScriptedSessionMeetsThem() throws {
        let t = try console()
        defer { t.kill() }
        let hints = t.screen().split(separator: "\n").last.map(String.init) ?? ""
        for key in ["Enter log", ": palette", "^G flag", "F1 help", "Esc panes"] {
            XCTAssertTrue(hints.contains(key), "the hint line at 80 columns lost \(key): \(hints)")
        }
        try t.send("C-s")
        t.expect("Source: chat", timeout: 5)
        try t.type("P06: her mum said call 07700 900123 after school")
        try t.send("Enter")
        t.expect("#1 ", timeout: 5)
        // Tab completes the codebook's code from a prefix.
        try t.type(":tag 1 PP")
        try t.send("Tab")
        t.expect("PP1 Children", timeout: 5, "Tab lists or completes the codebook's codes")
        try t.type("3")
        try t.send("Tab")
        t.expect(":tag 1 PP3 Parents and carers as partners", timeout: 5)
        try t.send("Enter")
        t.expect("#1 tagged “PP3 Parents and carers as partners”", timeout: 5)
        try t.type(":tag 1 +Online first")
        try t.send("Enter")
        t.expect("(emergent code)", timeout: 5)
        try t.type(":untag 1 Online first")
        try t.send("Enter")
        t.expect("the emergent code is gone", timeout: 5)
        XCTAssertFalse(try ConveneProcess.ok(["codebook", file]).stdout.contains("Online first"))
        // Back to logging speech: the editing banner below must name the chat line's own source.
        for _ in 0..<3 { try t.send("C-s") }
        t.expect("Source: verbal", timeout: 5)
        // x with nothing selected is refused with the reason.
        try t.send("Escape")
        try t.type("x")
        t.expect("Select a contribution first", timeout: 5)
        // Accept the line's findings, then edit around them.
        try t.type("k")
        try t.type("A")
        t.expect("replaced by placeholders", timeout: 5)
        try t.type("e")
        t.expect("Editing #1", timeout: 5)
        try t.send("End") // clears the status line: the editing banner shows
        t.expect("EDITING #1", timeout: 5)
        XCTAssertTrue(
            statusRows(t).contains("[chat]"), "the editing line names the line's own source:\n\(t.screen())")
        try t.send("End")
        try t.type(" (estimate)")
        try t.send("Enter")
        t.expect("#1 edited", timeout: 5)
        let list = try ConveneProcess.ok(["list", file]).stdout
        XCTAssertTrue(list.contains("(estimate)"), list)
        XCTAssertTrue(list.contains("redacted: [PHONE 1]"), "the accepted redaction survived the edit: \(list)")
        // A concern open: the header keeps the title, the count and the clock at 80 columns.
        try ConveneProcess.ok([
            "flag", file, "--contribution", "1", "--category", "risk-to-child-or-young-person", "--urgency", "same-day",
            "--", "worried about her",
        ])
        t.expect("⚑ 1 open", timeout: 5)
        let header = t.screen().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(header.contains("Convene · Hybrid"), header)
        XCTAssertNotNil(header.range(of: #"\d\d:\d\d"#, options: .regularExpression), header)
    }

    /// At 120×40 the log has at least 60% of the width (it had 54 of 120 columns) and shows at least
    /// 60 characters of a contribution.
    func testAt120ColumnsTheLogHasMostOfTheWidth() throws {
        let t = try Tmux(conveneCommand("open '\(file!)' --role notetaker", user: "Nia Notes"), width: 120, height: 40)
        defer { t.kill() }
        t.expect("TYPING", timeout: 10)
        let words = "Health visitors often join by phone and so they miss the visual cues of the whole room"
        try t.type("4: " + words)
        try t.send("Enter")
        t.expect("#1 ", timeout: 5)
        let rows = t.screen().split(separator: "\n").map(String.init)
        let top = try XCTUnwrap(rows.first { $0.contains("Log (") }, t.screen())
        // The log box runs from the ┌ before its title to the ┐ after it.
        let chars = Array(top)
        let title = try XCTUnwrap(chars.indices.first { String(chars[$0...]).hasPrefix("Log (") }, top)
        let start = try XCTUnwrap(chars[..<title].lastIndex(of: "┌"), top)
        let end = try XCTUnwrap(chars[title...].firstIndex(of: "┐"), top)
        XCTAssertGreaterThanOrEqual(end - start + 1, 72, "the log is \(end - start + 1) of 120 columns: \(top)")
        let row = try XCTUnwrap(rows.first { $0.contains("#1 ") }, t.screen())
        let shown = try XCTUnwrap(row.range(of: "Health")).lowerBound
        XCTAssertGreaterThanOrEqual(
            row[shown...].prefix { $0 != "│" }.trimmingCharacters(in: .whitespaces).count, 60, row)
    }
}
