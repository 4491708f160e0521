import ConveneTestSupport
import Foundation
import XCTest

/// The console's privacy keys in a real terminal (tmux): a line with a real
/// name and a postcode is underlined as it is typed, one key accepts every
/// finding, and the log shows the placeholders; the session file agrees.
final class ConsolePrivacyEndToEndTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("privacy.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Privacy test"])
        try ConveneProcess.ok([
            "participant", "add", file, "--code", "P01", "--role", "Youth worker", "--name", "Harriet Okonjo",
        ])
        try ConveneProcess.ok(["consent", file, "P01", "--by", "Ira Notes"])
    }

    func testTypeANameAndPostcodeAcceptAllAndTheLogShowsPlaceholders() throws {
        let t = try Tmux(conveneCommand("open '\(file!)' --role lead", user: "Ira Notes"))
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Rooms"), t.screen())
        try t.type("P01: Harriet Okonjo said the family moved to M14 5RT in March")
        XCTAssertNotNil(try t.waitFor("◌ PERSON POSTCODE"), "findings are shown as you type:\n\(t.screen())")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("◌#1 "), "the new line is marked until resolved:\n\(t.screen())")
        XCTAssertTrue(t.screen().contains("◌ 2 to review"), t.screen())
        // One key accepts every finding of the line just logged.
        try t.send("C-y")
        XCTAssertNotNil(try t.waitFor("▒#1 "), t.screen())
        let screen = t.screen()
        // The log line (cut at the pane's width) and the detail under it (wrapped).
        XCTAssertTrue(screen.contains("say P01  [PERSON 1] said the fam"), screen)
        XCTAssertTrue(screen.contains("[PERSON 1] said the family moved to [POSTCODE 1] in"), screen)
        XCTAssertFalse(screen.contains("Harriet"), screen)
        XCTAssertFalse(screen.contains("M14 5RT"), screen)
        XCTAssertFalse(screen.contains("to review"), screen)

        // The session file holds the redactions: nothing left to review, and an export has the placeholders.
        let review = try ConveneProcess.ok(["review", file]).stdout
        XCTAssertTrue(review.contains("no unresolved findings"), review)
        let csv = dir.appendingPathComponent("out.csv").path
        try ConveneProcess.ok(["export", file, "--format", "csv", "-o", csv])
        let exported = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertTrue(exported.contains("[PERSON 1] said the family moved to [POSTCODE 1] in March"), exported)
        XCTAssertFalse(exported.contains("Okonjo"), exported)
    }

    func testReviewScreenAndExportFromTheConsole() throws {
        let t = try Tmux(conveneCommand("open '\(file!)' --role lead", user: "Ira Notes"))
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Rooms"), t.screen())
        try t.type("P01: her son Tyler has my number 07700 900123")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("◌#1 "), t.screen())
        try t.send("F5")
        XCTAssertNotNil(try t.waitFor("Privacy review: 2 unresolved findings"), t.screen())
        try t.send("Enter") // step through the first
        XCTAssertNotNil(try t.waitFor("Finding 1 of 2"), t.screen())
        try t.type("y")
        XCTAssertNotNil(try t.waitFor("Finding 1 of 1"), t.screen())
        try t.type("s") // skip: back to the review screen, still listed
        XCTAssertNotNil(try t.waitFor("Privacy review: 1 unresolved finding "), t.screen())
        try t.type("A")
        XCTAssertNotNil(try t.waitFor("Every finding in the session is resolved"), t.screen())
        try t.send("Escape")
        // :export from the panes: the picker, the suggested file, Enter writes it.
        try t.send("Escape")
        try t.type(":export")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Export the session"), t.screen())
        try t.type("5") // csv
        XCTAssertNotNil(try t.waitFor("privacy.csv"), t.screen())
        try t.send("Enter")
        let out = dir.appendingPathComponent("privacy.csv").path
        XCTAssertNotNil(try t.waitFor("Wrote "), t.screen())
        let exported = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(exported.contains("her son [PERSON 1] has my number [PHONE 1]"), exported)
        XCTAssertFalse(exported.contains("07700"), exported)
        XCTAssertFalse(exported.contains("Tyler"), exported)
    }

    func testImportAChatWithAPreviewAndANameToAnswer() throws {
        let chat = dir.appendingPathComponent("meeting_saved_chat.txt").path
        try
            "10:31:02 From Harriet Okonjo to Everyone:\n\tThe chair checked everyone online could hear\n10:31:40 From Dana Visitor to Everyone:\n\tCan the minutes come by email?\n"
            .write(toFile: chat, atomically: true, encoding: .utf8)
        let t = try Tmux(conveneCommand("open '\(file!)' --role lead", user: "Ira Notes"))
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Rooms"), t.screen())
        try t.send("Escape")
        try t.type(":import zoom-chat \(chat)")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Who is ‘Dana Visitor’?"), "an unknown name is asked for:\n\(t.screen())")
        try t.type("+")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Enter/y adds 2 contributions"), t.screen())
        let preview = t.screen()
        XCTAssertTrue(preview.contains("new participant P02: 'Dana Visitor'"), preview)
        XCTAssertTrue(preview.contains("cht P01  The chair checked everyone online could hear"), preview)
        XCTAssertEqual(try ConveneProcess.ok(["list", file, "--json"]).lines.count, 0, "nothing written before Enter")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor("Imported: zoom-chat meeting_saved_chat.txt"), t.screen())
        let list = try ConveneProcess.ok(["list", file, "--json"]).lines
        XCTAssertEqual(list.count, 2, list.joined(separator: "\n"))
        XCTAssertTrue(list[1].contains("\"speaker\":\"P02\""), list[1])
    }
}
