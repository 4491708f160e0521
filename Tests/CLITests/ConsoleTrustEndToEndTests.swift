import ConveneTestSupport
import Foundation
import XCTest

/// Issue 15 as a new note-taker meets it: the real binary in tmux at 80×24.
final class ConsoleTrustEndToEndTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("trust.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Hybrid child protection conferences — group 2"])
        try ConveneProcess.ok(["facilitator", "add", file, "Kit Safe", "--role", "safeguarding"])
        for (code, role) in [("P04", "Health visitor"), ("P05", "Police officer"), ("P06", "School lead")] {
            try ConveneProcess.ok(["participant", "add", file, "--code", code, "--role", role])
        }
        try ConveneProcess.ok(["codebook", file, "--use", "practice-principles"])
    }

    func console(_ user: String = "Ira Notes", role: String = "notetaker", after: String = "sleep 60") throws -> Tmux {
        let t = try Tmux(
            conveneCommand("open '\(file!)' --role \(role)", user: user, after: after), width: 80, height: 24)
        XCTAssertNotNil(try t.waitFor("TYPING"), t.screen())
        return t
    }

    func contributions() throws -> [[String: Any]] {
        try ConveneProcess.ok(["list", file, "--json"]).lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    func testColonOpensThePaletteFromAnEmptyLineAndNothingIsLogged() throws {
        let t = try console(role: "lead")
        defer { t.kill() }
        try t.type(":round start 15")
        XCTAssertNotNil(try t.waitFor("PALETTE"), t.screen())
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("started: 15 minutes"), t.screen())
        XCTAssertTrue(t.screen().contains("R1 ") || t.screen().contains("Round 1"), t.screen())
        XCTAssertEqual(try contributions().count, 0, "the palette line was not logged")
        try t.type("\\:) a line that starts with a colon")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        XCTAssertEqual(try contributions().first?["text"] as? String, ":) a line that starts with a colon")
    }

    func testInThePanesKeysNeverBecomeTextAndEscSaysWhereYouAre() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("6: first words")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.send("Escape")
        XCTAssertNotNil(try t.waitFor(" PANES "), t.screen())
        try t.send("Escape")
        XCTAssertNotNil(try t.waitFor("Still in the panes"), t.screen())
        try t.type("q")
        XCTAssertNotNil(try t.waitFor("Leave the console?"), t.screen())
        try t.type("n")
        XCTAssertNotNil(try t.waitFor("Staying in the console"), t.screen())
        try t.type("z")
        XCTAssertNotNil(try t.waitFor("it would type “z”"), t.screen())
        XCTAssertEqual(try contributions().count, 1, "no key in the panes became a contribution")
    }

    /// Session 12, found trying the console: left in the panes, it opened in the panes again, and a note-taker who
    /// typed at once had "P05: logs 2207, …" read as pane keys until a letter happened to start typing; the line
    /// was logged without its start and under the wrong speaker. It now always opens on the input line.
    func testTheConsoleOpensOnTheInputLineWhereverItWasLeft() throws {
        let first = try console()
        try first.type("P04: first words")
        try first.send("Enter")
        XCTAssertNotNil(try first.waitFor("#1 "), first.screen())
        try first.send("Escape")
        XCTAssertNotNil(try first.waitFor(" PANES "), first.screen())
        try first.type("q")
        XCTAssertNotNil(try first.waitFor("Leave the console?"), first.screen())
        try first.type("y")
        first.kill()
        let again = try console()
        defer { again.kill() }
        try again.type("P05: logs 2207, 2299 - mum Tina 34")
        try again.send("Enter")
        XCTAssertNotNil(try again.waitFor("#2 "), again.screen())
        let logged = try contributions()
        XCTAssertEqual(logged.count, 2, again.screen())
        XCTAssertEqual(logged.last?["text"] as? String, "logs 2207, 2299 - mum Tina 34")
        XCTAssertEqual(logged.last?["speaker"] as? String, "P05")
    }

    func testCtrlGFlagsTheSpeakerOfTheTypedLineWithACleanDescription() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("5: earlier words from P05")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.type("P04: she said she was not safe")
        try t.send("C-g")
        XCTAssertNotNil(try t.waitFor("Raise a safeguarding concern"), t.screen())
        try t.type("2")
        try t.type("1")
        try t.type("Possible exploitation")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("raised on #2 (P04)"), t.screen())
        let list = try contributions()
        XCTAssertEqual(list.count, 2, "the flagged line was logged first")
        XCTAssertEqual(list.last?["speaker"] as? String, "P04")
        let register =
            try JSONSerialization.jsonObject(with: ConveneProcess.ok(["register", file, "--json"]).stdoutData)
            as! [String: Any]
        let concern = try XCTUnwrap((register["concerns"] as? [[String: Any]])?.first, "\(register)")
        XCTAssertEqual(concern["participant"] as? String, "P04")
        XCTAssertEqual(concern["description"] as? String, "“she said she was not safe” — Possible exploitation")
    }

    func testCodesResolveAndStrikeAsksWhyAndUndoes() throws {
        let t = try console()
        defer { t.kill() }
        try t.type("4: parents should be partners in the plan")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.send("Escape")
        try t.type(":tag 1 PP3")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("tagged “PP3 Parents and carers as partners”"), t.screen())
        try t.type(":tag 1 Zebra")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("tag N +Zebra"), t.screen())
        try t.type("k")
        try t.type("x")
        XCTAssertNotNil(try t.waitFor("Strike #1 from the record?"), t.screen())
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Say why #1 is struck"), t.screen())
        try t.type("said twice")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 struck (said twice) — u to undo"), t.screen())
        try t.type("u")
        XCTAssertNotNil(try t.waitFor("#1 restored to the record"), t.screen())
        let c = try XCTUnwrap(try contributions().first)
        XCTAssertEqual(c["codes"] as? [String], ["PP3 Parents and carers as partners"], "\(c)")
        XCTAssertNotEqual(c["struck"] as? Bool, true, "\(c)")
    }

    func testRoomToReadHelpScrollsAndAWithdrawalShowsANotice() throws {
        let t = try console(role: "lead")
        defer { t.kill() }
        let words = "Health visitors often join by phone and miss the visual cues of the room entirely"
        try t.type("4: " + words)
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        let row = try XCTUnwrap(t.screen().split(separator: "\n").first { $0.contains("#1 ") })
        let shown = try XCTUnwrap(row.range(of: "Health")).lowerBound
        XCTAssertGreaterThanOrEqual(
            row[shown...].trimmingCharacters(in: CharacterSet(charactersIn: " │")).count, 45, String(row))
        let header = t.screen().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(header.contains("Convene · Hybrid"), header)
        XCTAssertNotNil(header.range(of: #"\d\d:\d\d"#, options: .regularExpression), header)
        try t.send("F1")
        XCTAssertNotNil(try t.waitFor("HELP"), t.screen())
        XCTAssertFalse(t.screen().contains("Anywhere"), t.screen())
        // Page by page until the Anywhere keys show (the palette's commands follow them).
        var reached = false
        for _ in 0..<12 where !reached {
            try t.send("NPage")
            reached = try t.waitFor("Ctrl-G", timeout: 0.5) != nil
        }
        XCTAssertTrue(reached, t.screen())
        try t.send("Escape")
        try ConveneProcess.ok(["withdraw", file, "P04"])
        XCTAssertNotNil(try t.waitFor("P04 withdrew: 1 contribution erased", timeout: 3), t.screen())
    }

    /// SIGTERM, SIGHUP, SIGINT: the console leaves promptly (within 3 s on a loaded machine; the
    /// figure is printed), the draft saved and the terminal modes exactly as before (`stty -a` compared).
    func testSignalsLeaveWithinASecondWithTheTerminalUnchanged() throws {
        for signal in ["TERM", "HUP", "INT"] {
            let before = dir.appendingPathComponent("stty-before-\(signal).txt").path
            let after = dir.appendingPathComponent("stty-after-\(signal).txt").path
            let command =
                "stty -a > '\(before)'; "
                + conveneCommand(
                    "open '\(file!)'", user: "Sig \(signal)",
                    after: "stty -a > '\(after)'; sleep 60")
            let t = try Tmux(command, width: 80, height: 24)
            defer { t.kill() }
            t.expect("TYPING")
            try t.type("unsent words \(signal)")
            t.expect("unsent words \(signal)")
            let sent = Date()
            XCTAssertTrue(try t.signalProgram(signal, named: "convene"), "no console process to signal")
            XCTAssertTrue(
                eventually(timeout: 10) { FileManager.default.fileExists(atPath: after) },
                "SIG\(signal): the console never left")
            let took = Date().timeIntervalSince(sent)
            print("SIG\(signal): the console left after \(Int(took * 1000)) ms (stty ran after it)")
            XCTAssertLessThan(took, 3.0, "SIG\(signal) took \(took) s")
            // stty writes its whole report at once; wait for the end of it rather than a fixed time.
            let modesAfter = expectFile(after, "stty -a after SIG\(signal)", holds: { $0.hasSuffix("\n") }) ?? ""
            let modesBefore = try String(contentsOfFile: before, encoding: .utf8)
            XCTAssertEqual(modesAfter, modesBefore, "stty -a differs after SIG\(signal)")
            let again = try Tmux(conveneCommand("open '\(file!)'", user: "Sig \(signal)"), width: 80, height: 24)
            defer { again.kill() }
            XCTAssertNotNil(
                try again.waitFor("unsent words \(signal)"), "draft lost after SIG\(signal):\n\(again.screen())")
        }
    }
}
