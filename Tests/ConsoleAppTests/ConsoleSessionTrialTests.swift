import Foundation
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// Keys that did the wrong thing without a word, found running a short session in tmux (session 7:
/// a note-taker at 80×24, the lead at 160×48). Each test failed before its fix.
final class ConsoleSessionTrialTests: XCTestCase {
    /// `:export` typed while typing, and Esc pressed to hide the progress box just after the export
    /// finished and closed it: the Esc must not move the note-taker into the panes.
    func testEscAfterAQuickExportLeavesTheFocusWhereItWas() throws {
        let t = try ConsoleHarness(width: 80, height: 24)
        XCTAssertEqual(t.state.focus, .input)
        let out = t.dir.appendingPathComponent("quick.csv").path
        t.key(.char(":"))
        t.type("export csv \(out)")
        t.key(.enter)
        t.key(.enter) // writes it (the harness performs the export at once: it is finished)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out), t.state.status ?? "")
        XCTAssertEqual(t.state.overlay, .none)
        t.key(.escape) // meant for the progress box, which has closed
        XCTAssertEqual(t.state.focus, .input, "the Esc meant for the export box moved the focus")
        XCTAssertTrue(t.screen.contains("TYPING"), t.screen)
        XCTAssertTrue(t.state.status?.contains("export") ?? false, t.state.status ?? "no word on the Esc")
        // Later, Esc goes to the panes as always.
        t.state.now = t.state.now.addingTimeInterval(5)
        t.key(.escape)
        XCTAssertEqual(t.state.focus, .log)
    }

    /// L on the review screen said "Esc u undoes": Esc closed the review screen and u was typed into the line.
    /// The hint now names the keys from where the user is, and following it undoes.
    func testTheUndoHintOnTheReviewScreenUndoesWhenFollowed() throws {
        let t = try ConsoleHarness(width: 160, height: 48)
        t.key(.function(5))
        let warned = try XCTUnwrap(t.state.implicitWarnings.first)
        t.key(.char("L"))
        XCTAssertEqual(t.state.session.contribution(warned.contribution)?.attribution, warned.suggested)
        let status = try XCTUnwrap(t.state.status)
        let hint = try XCTUnwrap(status.range(of: " — ")).upperBound
        let words = status[hint...].split(separator: " ")
        XCTAssertEqual(words.last, "undoes", status)
        for word in words.dropLast() {
            switch word {
            case "Esc": t.key(.escape)
            case "u": t.key(.char("u"))
            default: XCTFail("a key the test cannot press: \(word) in \(status)")
            }
        }
        XCTAssertEqual(t.state.input.text, "", "following the hint typed into the line")
        XCTAssertEqual(
            t.state.session.contribution(warned.contribution)?.attribution, warned.current,
            "following the hint did not undo: \(t.state.status ?? "")")
    }
}
