import Foundation
import XCTest

/// The real binary in real terminals (tmux).
final class ConsoleEndToEndTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("live.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Live test"])
        try ConveneProcess.ok(["facilitator", "add", file, "Kit Safe", "--role", "safeguarding"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P01", "--role", "Youth worker"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P02", "--role", "Conference chair"])
        try ConveneProcess.ok(["group", "add", file, "Room A"])
    }

    func testTypeMoveAndStartARound() throws {
        let t = try Tmux(conveneCommand("open '\(file!)' --role lead", user: "Ira Notes"))
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Rooms"), t.screen())
        try t.type("P01: Families find online easier")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("#1 "), t.screen())
        try t.send("Escape")
        try t.type(":move P02 Room A")
        try t.send("Enter")
        try t.type(":round start 10")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Round 1 "), t.screen())
        let screen = t.screen()
        XCTAssertTrue(screen.contains("Families find online easier"), screen)
        XCTAssertTrue(screen.contains("Room A (1)"), screen)

        let list = try ConveneProcess.ok(["list", file, "--json"]).lines
        XCTAssertEqual(list.count, 1)
        let c = try JSONSerialization.jsonObject(with: Data(list[0].utf8)) as! [String: Any]
        XCTAssertEqual(c["speaker"] as? String, "P01")
        XCTAssertEqual(c["text"] as? String, "Families find online easier")
        XCTAssertEqual(c["loggedBy"] as? String, "Ira Notes")
        let show = try JSONSerialization.jsonObject(with: ConveneProcess.ok(["show", file, "--json"]).stdoutData) as! [String: Any]
        let people = show["participants"] as! [[String: Any]]
        XCTAssertEqual(people.first { $0["code"] as? String == "P02" }?["room"] as? String, "Room A")
        XCTAssertEqual((show["rounds"] as? [[String: Any]])?.count, 1)
    }

    func testTwoConsolesSeeEachOther() throws {
        let a = try Tmux(conveneCommand("open '\(file!)'", user: "Ira Notes"))
        defer { a.kill() }
        let b = try Tmux(conveneCommand("open '\(file!)' --role safeguarding", user: "Kit Safe"))
        defer { b.kill() }
        XCTAssertNotNil(try a.waitFor("Rooms"))
        XCTAssertNotNil(try b.waitFor("Rooms"))
        try b.type("half-typed words")
        try a.type("2: Seen in the other console")
        try a.send("Enter")
        let seen = try XCTUnwrap(try b.waitFor("Seen in the other console", timeout: 3), "the second console never showed it:\n\(b.screen())")
        print("two consoles: contribution visible in the other console after \(Int(seen * 1000)) ms (capture polling adds up to 20 ms)")
        XCTAssertLessThan(seen, 1.0)
        XCTAssertTrue(b.screen().contains("half-typed words"), "the other console kept its unsent input")

        // A concern raised in one shows the banner in the other within a second.
        try a.send("C-g")
        try a.type("21")
        try a.type("A child may be at risk")
        try a.send("Enter")
        let alert = try XCTUnwrap(try b.waitFor("SAFEGUARDING ALERT", timeout: 3), b.screen())
        print("safeguarding banner in the other console after \(Int(alert * 1000)) ms")
        XCTAssertLessThan(alert, 1.0)
        // Acknowledging in the safeguarding console clears it everywhere.
        try b.send("C-u")
        try b.send("Escape")
        try b.type(":ack 1")
        try b.send("Enter")
        _ = try b.waitFor("acknowledged", timeout: 1)
        let start = Date()
        while Date().timeIntervalSince(start) < 3, a.screen().contains("SAFEGUARDING ALERT") { usleep(50_000) }
        XCTAssertFalse(a.screen().contains("SAFEGUARDING ALERT"), a.screen())
    }

    func testSignalsSaveTheDraftAndRestoreTheTerminal() throws {
        for signal in ["TERM", "HUP", "INT"] {
            let sttyOut = dir.appendingPathComponent("stty-\(signal).txt").path
            let t = try Tmux(conveneCommand("open '\(file!)'", user: "Sig \(signal)", after: "stty -a > '\(sttyOut)'; sleep 60"))
            defer { t.kill() }
            XCTAssertNotNil(try t.waitFor("Rooms"))
            try t.type("unsent words \(signal)")
            usleep(800_000) // the draft is saved at most every 0.5 s; the signal saves it too
            // Signal the console, the child of the pane's shell.
            let shell = try t.run(["list-panes", "-t", t.name, "-F", "#{pane_pid}"], capture: true).trimmingCharacters(in: .whitespacesAndNewlines)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            p.arguments = ["-\(signal)", "-P", shell, "convene"]
            try p.run(); p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "no console process to signal")
            var waited = 0
            while !FileManager.default.fileExists(atPath: sttyOut) && waited < 50 { usleep(100_000); waited += 1 }
            let modes = (try? String(contentsOfFile: sttyOut, encoding: .utf8)) ?? ""
            XCTAssertTrue(modes.contains(" icanon") && modes.contains(" echo "), "terminal left raw after SIG\(signal): \(modes)")
            // Reopen: the unsent line is back.
            let again = try Tmux(conveneCommand("open '\(file!)'", user: "Sig \(signal)"))
            defer { again.kill() }
            XCTAssertNotNil(try again.waitFor("unsent words \(signal)"), "draft lost after SIG\(signal):\n\(again.screen())")
        }
    }

    func testTooSmallTerminalSaysSo() throws {
        let t = try Tmux(conveneCommand("open '\(file!)'", user: "Ira"), width: 60, height: 20)
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Terminal too small"), t.screen())
        try t.run(["resize-window", "-t", t.name, "-x", "100", "-y", "30"])
        XCTAssertNotNil(try t.waitFor("TYPING"), t.screen())
    }
}
