import ConsoleApp
import Foundation
import SessionModel
import SessionStore
import TerminalKit
import XCTest

/// One placeholder numbering: a redaction accepted with `convene redact` and one
/// accepted with the console's keys both record their number (the action layer
/// numbers them), so the console, `convene list` and an export show the same
/// `[PERSON N]`, and a withdrawal that erases an earlier redaction renumbers none.
final class PlaceholderNumberingTests: XCTestCase {
    func testConsoleListAndExportShowOneNumberingThatAWithdrawalKeeps() throws {
        let dir = try ConveneProcess.tempDir().path
        let f = dir + "/numbers.convene"
        func ok(_ args: [String], by: String = "Sam Lead") throws {
            try ConveneProcess.ok(args, env: ["CONVENE_USER": by])
        }
        try ok(["new", f, "--title", "Numbers"])
        try ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        for code in ["P01", "P02", "P03"] {
            try ok(["participant", "add", f, "--code", code, "--role", "Social worker"])
        }
        for code in ["P01", "P02", "P03"] { try ok(["consent", f, code]) }
        try ok(["blocklist", "add", f, "Tyler Brennan"])
        try ok(["blocklist", "add", f, "Casey Doyle"])
        try ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "Tyler Brennan rang the team."])
        try ok(["log", f, "--source", "verbal", "--speaker", "P02", "--", "Casey Doyle rang back later."])
        try ok(["log", f, "--source", "verbal", "--speaker", "P03", "--", "Then Casey Doyle and Tyler Brennan met."])
        // #1 on the command line: Tyler Brennan becomes [PERSON 1].
        try ok(["redact", f, "1", "--accept-all"])

        // #2 and #3 in the console, with the A key on the selected contribution.
        let journal = try SQLiteJournal.open(path: f)
        var state = ConsoleState(
            session: journal.state, context: ConsoleContext(role: .lead, user: "Sam Lead", location: f),
            width: 120, height: 40, now: Date())
        func send(_ key: Key) {
            let effects = update(&state, .key(key))
            ConsoleEffects.perform(effects, &state, journal: journal, draw: { _ in }, bell: {}, quit: { _ in })
        }
        for key: Key in [.escape, .char("g"), .char("j"), .char("A"), .char("j"), .char("A")] { send(key) }
        XCTAssertEqual(state.session.contribution(2)?.redactions.map(\.placeholder), ["[PERSON 2]"], state.status ?? "")

        let recorded = try journal.allEvents().compactMap { $0.event.payload as? RedactionAccepted }.map(\.placeholder)
        XCTAssertEqual(recorded, [1, 2, 2, 1], "every accepted redaction records its number, from either front end")

        func shown() throws -> (list: String, csv: String, console: String) {
            let list = try ConveneProcess.ok(["list", f]).stdout
            let csv = dir + "/out-\(UUID().uuidString.prefix(4)).csv"
            try ok(["export", f, "--format", "csv", "-o", csv])
            let reopened = try SQLiteJournal.open(path: f, readOnly: true)
            let console = view(
                ConsoleState(
                    session: reopened.state, context: ConsoleContext(role: .lead, user: "Sam Lead", location: f),
                    width: 160, height: 48, now: Date())
            ).text()
            return (list, try String(contentsOfFile: csv, encoding: .utf8), console)
        }
        // `convene list` shows the text as logged, with the placeholders it gets.
        func listed(_ list: String) -> [String] {
            list.split(separator: "\n").map { line in
                line.range(of: "redacted: ").map { String(line[$0.upperBound...]) } ?? ""
            }
        }
        let before = try shown()
        XCTAssertEqual(listed(before.list), ["[PERSON 1]]", "[PERSON 2]]", "[PERSON 2], [PERSON 1]]"], before.list)
        for (name, text) in [("csv", before.csv), ("console", before.console)] {
            XCTAssertTrue(text.contains("[PERSON 2] rang back later."), "\(name) before the withdrawal:\n\(text)")
            XCTAssertTrue(
                text.contains("Then [PERSON 2] and [PERSON 1] met."), "\(name) before the withdrawal:\n\(text)")
        }

        // P01 withdraws: #1 (and its [PERSON 1] redaction) is erased; nobody else's placeholder moves.
        try ok(["withdraw", f, "P01"])
        let after = try shown()
        XCTAssertEqual(listed(after.list), ["", "[PERSON 2]]", "[PERSON 2], [PERSON 1]]"], after.list)
        for (name, text) in [("csv", after.csv), ("console", after.console)] {
            XCTAssertFalse(text.contains("rang the team"), "\(name): the withdrawn words are gone")
            XCTAssertTrue(text.contains("[PERSON 2] rang back later."), "\(name) after the withdrawal:\n\(text)")
            XCTAssertTrue(
                text.contains("Then [PERSON 2] and [PERSON 1] met."), "\(name) after the withdrawal:\n\(text)")
        }
    }
}
