import ConveneTestSupport
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
        let show =
            try JSONSerialization.jsonObject(with: ConveneProcess.ok(["show", file, "--json"]).stdoutData)
            as! [String: Any]
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
        // How fast is a figure for convene-bench; here it must arrive.
        let seen = try XCTUnwrap(
            try b.waitFor("Seen in the other console", timeout: 10),
            "the second console never showed it:\n\(b.screen())")
        print(
            "two consoles: contribution visible in the other console after \(Int(seen * 1000)) ms (capture polling adds up to 20 ms)"
        )
        XCTAssertTrue(b.screen().contains("half-typed words"), "the other console kept its unsent input")

        // A concern raised in one shows the banner in the other: the alert's meaning is time, so it keeps
        // a bound, generous for a loaded machine (the figure is printed).
        try a.send("C-g")
        try a.type("21")
        try a.type("A child may be at risk")
        try a.send("Enter")
        let alert = try XCTUnwrap(try b.waitFor("SAFEGUARDING ALERT", timeout: 10), b.screen())
        print("safeguarding banner in the other console after \(Int(alert * 1000)) ms")
        XCTAssertLessThan(alert, 3.0, "the safeguarding banner took \(alert) s to reach the other console")
        // Acknowledging in the safeguarding console clears it everywhere.
        try b.send("C-u")
        try b.send("Escape")
        try b.type(":ack 1")
        try b.send("Enter")
        b.expect("acknowledged")
        a.expectGone("SAFEGUARDING ALERT", "the acknowledgement clears the banner in the other console")
    }

    func testSignalsSaveTheDraftAndRestoreTheTerminal() throws {
        for signal in ["TERM", "HUP", "INT"] {
            let sttyOut = dir.appendingPathComponent("stty-\(signal).txt").path
            let t = try Tmux(
                conveneCommand("open '\(file!)'", user: "Sig \(signal)", after: "stty -a > '\(sttyOut)'; sleep 60"))
            defer { t.kill() }
            t.expect("Rooms")
            try t.type("unsent words \(signal)")
            // Signalled as soon as the words are drawn: the signal saves the draft, whatever the save interval.
            t.expect("unsent words \(signal)")
            XCTAssertTrue(try t.signalProgram(signal, named: "convene"), "no console process to signal")
            let modes = expectFile(sttyOut, "stty -a after the console left", holds: { $0.hasSuffix("\n") }) ?? ""
            XCTAssertTrue(
                modes.contains(" icanon") && modes.contains(" echo "), "terminal left raw after SIG\(signal): \(modes)")
            // Reopen: the unsent line is back.
            let again = try Tmux(conveneCommand("open '\(file!)'", user: "Sig \(signal)"))
            defer { again.kill() }
            XCTAssertNotNil(
                try again.waitFor("unsent words \(signal)"), "draft lost after SIG\(signal):\n\(again.screen())")
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
