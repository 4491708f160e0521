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

/// A study withdrawal numbers the name redactions it adds exactly as a session withdrawal does (issue 15 item 7):
/// through the one erasure path (`SessionErasure`), so every session's console, `convene list` and CSV agree, and
/// no number already given moves, then or after a later withdrawal.
final class StudyPlaceholderNumberingTests: XCTestCase {
    func testAStudyWithdrawalNumbersItsRedactionsAndEveryViewOfEverySessionAgrees() throws {
        let dir = try ConveneProcess.tempDir().path
        let study = dir + "/numbers-study"
        let g1 = study + "/g1.convene"
        let g2 = study + "/g2.convene"
        @discardableResult
        func ok(_ args: [String]) throws -> ConveneProcess.Result {
            try ConveneProcess.ok(args, env: ["CONVENE_USER": "Sam Lead"])
        }
        try ok(["study", "new", study, "--title", "Numbers study"])
        for (file, title) in [(g1, "Group 1"), (g2, "Group 2")] {
            try ok(["new", file, "--title", title, "--strand", "chairs"])
            try ok(["facilitator", "add", file, "Sam Lead", "--role", "lead"])
        }
        for (file, code, role, name) in [
            (g1, "P01", "Social worker", "Alex Morgan"), (g1, "P02", "Social worker", "Bea Stone"),
            (g1, "P03", "Youth worker", "Cal Reid"), (g2, "P01", "Social worker", "Alex Morgan"),
            (g2, "P04", "Police officer", "Dee Hart"),
        ] {
            try ok(["participant", "add", file, "--code", code, "--role", role, "--name", name])
            try ok(["consent", file, code])
        }
        try ok(["blocklist", "add", g1, "Tyler Brennan"])
        try ok(["log", g1, "--source", "verbal", "--speaker", "P02", "--", "Tyler Brennan rang the team."])
        try ok(["log", g1, "--source", "verbal", "--speaker", "P01", "--", "I phoned the duty desk at noon."])
        try ok(["log", g1, "--source", "verbal", "--speaker", "P03", "--", "Alex Morgan told us the desk was slow."])
        try ok(["log", g1, "--source", "verbal", "--speaker", "P03", "--", "Tyler Brennan came up again."])
        try ok(["redact", g1, "1", "--accept-all"])
        try ok(["redact", g1, "4", "--accept-all"])
        try ok(["log", g2, "--source", "verbal", "--speaker", "P01", "--", "Our panel met twice."])
        try ok(["log", g2, "--source", "verbal", "--speaker", "P04", "--", "Alex Morgan chaired it well."])

        // P01 leaves the study: their real name, written by P03 in g1 and by P04 in g2, is redacted first.
        try ok(["study", "withdraw", study, "P01"])
        func recorded(_ file: String) throws -> [Int?] {
            try SQLiteJournal.open(path: file, readOnly: true).allEvents()
                .compactMap { $0.event.payload as? RedactionAccepted }.map(\.placeholder)
        }
        XCTAssertEqual(try recorded(g1), [1, 1, 2], "g1: the study's redaction records the next free number")
        XCTAssertEqual(try recorded(g2), [1], "g2: numbered in its own session")

        func views(_ file: String) throws -> [(name: String, text: String)] {
            let list = try ok(["list", file]).stdout
            let csv = dir + "/out-\(UUID().uuidString.prefix(6)).csv"
            try ok(["export", file, "--format", "csv", "-o", csv])
            let journal = try SQLiteJournal.open(path: file, readOnly: true)
            let console = view(
                ConsoleState(
                    session: journal.state, context: ConsoleContext(role: .lead, user: "Sam Lead", location: file),
                    width: 160, height: 48, now: Date())
            ).text()
            return [("list", list), ("csv", try String(contentsOfFile: csv, encoding: .utf8)), ("console", console)]
        }
        // `convene list` shows each text as stored, then the placeholders it gets; the CSV and the console
        // show the text with them.
        func expectEveryView(_ file: String, _ lines: [String], listed: [String], _ when: String) throws {
            for (name, text) in try views(file) {
                for line in name == "list" ? listed : lines {
                    XCTAssertTrue(text.contains(line), "\(when), \(name) of \(file) lacks '\(line)':\n\(text)")
                }
                XCTAssertFalse(text.contains("Alex Morgan"), "\(when), \(name): the real name is gone")
            }
        }
        try expectEveryView(
            g1, ["[PERSON 2] told us the desk was slow.", "[PERSON 1] came up again."],
            listed: ["told us the desk was slow.  [redacted: [PERSON 2]]", "came up again.  [redacted: [PERSON 1]]"],
            "after")
        try expectEveryView(
            g2, ["[PERSON 1] chaired it well."], listed: ["chaired it well.  [redacted: [PERSON 1]]"], "after")

        // A new name takes the next number; then P02 withdraws from g1 alone, erasing #1 and its [PERSON 1]
        // redaction: no placeholder of anyone else moves.
        try ok(["log", g1, "--source", "verbal", "--speaker", "P03", "--", "Then Casey Doyle joined us."])
        try ok(["blocklist", "add", g1, "Casey Doyle"])
        try ok(["redact", g1, "5", "--accept-all"])
        try ok(["withdraw", g1, "P02"])
        XCTAssertEqual(try recorded(g1), [1, 2, 3], "#1's redaction went with it; no recorded number changed")
        try expectEveryView(
            g1,
            [
                "[PERSON 2] told us the desk was slow.", "[PERSON 1] came up again.", "Then [PERSON 3] joined us.",
            ],
            listed: [
                "told us the desk was slow.  [redacted: [PERSON 2]]", "came up again.  [redacted: [PERSON 1]]",
                "joined us.  [redacted: [PERSON 3]]",
            ], "after a second withdrawal")
    }
}
