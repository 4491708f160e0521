import ConsoleApp
import Foundation
import SessionModel
import SessionStore
import TeamStore
import TerminalKit
import XCTest

/// One action layer: every action run twice on copies of one session — once as
/// a command line (the built `convene`), once as console input (palette text or
/// keys through the console's update and effects) — gives the same events
/// (kinds, payloads, what was erased; times and ids aside) or the same refusal
/// sentence. The table runs on a session file and on a PostgreSQL team session.
final class ActionParityTests: XCTestCase {
    /// Console input: a palette line, keys, or a palette line then more keys (a flow that asks).
    enum Input {
        case palette(String)
        case keys([Key])
        case paletteThen(String, [Key])
    }

    struct Row {
        var name: String
        var user: String
        var cli: [String] // after the subcommand's words, `F` stands for the session
        var console: Input
        /// nil: both succeed with the same events; else the sentence both must show.
        var refusal: String?
    }

    static func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func rows(_ dir: String) -> [Row] {
        let board = dir + "/board.csv"
        let lead = "Sam Lead"
        let notes = "Ira Notes"
        let safe = "Kit Safe"
        return [
            Row(
                name: "log", user: notes,
                cli: ["log", "F", "--source", "verbal", "--speaker", "3", "--", "Trust", "takes", "time"],
                console: .keys(Self.type("3: Trust takes time") + [.enter]), refusal: nil),
            Row(
                name: "edit", user: notes, cli: ["edit", "F", "2", "--", "Parents", "can", "attend"],
                console: .paletteThen("edit 2", [.ctrl("u")] + Self.type("Parents can attend") + [.enter]), refusal: nil
            ),
            Row(
                name: "tag by prefix", user: notes, cli: ["tag", "F", "2", "PP3"], console: .palette("tag 2 PP3"),
                refusal: nil),
            Row(
                name: "tag by number", user: notes, cli: ["tag", "F", "2", "5"], console: .palette("tag 2 5"),
                refusal: nil),
            Row(
                name: "tag emergent", user: notes, cli: ["tag", "F", "2", "--emergent", "Digital exclusion"],
                console: .palette("tag 2 +Digital exclusion"), refusal: nil),
            Row(
                name: "tag unknown", user: notes, cli: ["tag", "F", "2", "Digital"], console: .palette("tag 2 Digital"),
                refusal: "'Digital' is not in the codebook"),
            Row(
                name: "tag ambiguous", user: notes, cli: ["tag", "F", "2", "PP"], console: .palette("tag 2 PP"),
                refusal: "'PP' could be PP1 Children and young people first"),
            Row(
                name: "untag", user: notes, cli: ["untag", "F", "1", "PP1"], console: .palette("untag 1 PP1"),
                refusal: nil),
            Row(
                name: "strike", user: notes, cli: ["strike", "F", "2", "--reason", "off the record"],
                console: .palette("strike 2 off the record"), refusal: nil),
            Row(
                name: "attribution", user: notes, cli: ["attribution", "F", "2", "background"],
                console: .palette("attribution 2 background"), refusal: nil),
            Row(
                name: "theme add", user: lead, cli: ["theme", "add", "F", "Trust"],
                console: .palette("theme add Trust"), refusal: nil),
            Row(
                name: "theme link", user: lead, cli: ["theme", "link", "F", "1", "1", "2"],
                console: .palette("theme link 1 1 2"),
                refusal: nil),
            Row(
                name: "theme unlink", user: lead, cli: ["theme", "unlink", "F", "1", "1"],
                console: .palette("theme unlink 1 1"),
                refusal: nil),
            Row(
                name: "group add", user: lead, cli: ["group", "add", "F", "Room C"],
                console: .palette("group add Room C"), refusal: nil),
            Row(
                name: "group rename", user: lead, cli: ["group", "rename", "F", "room a", "Garden"],
                console: .palette("group rename room a to Garden"), refusal: nil),
            Row(
                name: "group close by prefix", user: lead, cli: ["group", "close", "F", "Room B"],
                console: .palette("group close Room B"),
                refusal: nil),
            Row(
                name: "move", user: lead, cli: ["group", "assign", "F", "3", "p4", "Room A"],
                console: .palette("move 3 p4 Room A"),
                refusal: nil),
            Row(
                name: "move to plenary", user: lead, cli: ["group", "assign", "F", "P01", "plenary"],
                console: .palette("move P01 plenary"),
                refusal: nil),
            Row(
                name: "move unknown participant", user: lead, cli: ["group", "assign", "F", "9", "Room A"],
                console: .palette("move 9 Room A"),
                refusal: "no participant '9' in this session (participants: P01, P02, P03, P04)"),
            Row(
                name: "move unknown room", user: lead, cli: ["group", "assign", "F", "P01", "Garden"],
                console: .palette("move P01 Garden"),
                refusal: "no room called 'Garden' in this session (rooms: Main room, Room A, Room B)"),
            Row(
                name: "round start", user: lead, cli: ["round", "start", "F", "--minutes", "10"],
                console: .palette("round start 10"),
                refusal: nil),
            Row(
                name: "round end refused", user: lead, cli: ["round", "end", "F"], console: .palette("round end"),
                refusal: "no breakout round is running"),
            Row(
                name: "guide", user: lead, cli: ["guide", "F", "--go", "2"], console: .palette("guide 2"), refusal: nil),
            Row(name: "consent", user: lead, cli: ["consent", "F", "4"], console: .palette("consent 4"), refusal: nil),
            Row(
                name: "participant add", user: lead,
                cli: ["participant", "add", "F", "--code", "P09", "--role", "Nurse"],
                console: .palette("participant add P09 Nurse"), refusal: nil),
            Row(
                name: "participant role", user: lead,
                cli: ["participant", "set", "F", "4", "--role", "Family support worker"],
                console: .palette("participant role 4 Family support worker"), refusal: nil),
            Row(
                name: "participant role unknown", user: lead,
                cli: ["participant", "set", "F", "P42", "--role", "Nurse"],
                console: .palette("participant role P42 Nurse"), refusal: "no participant 'P42'"),
            Row(
                name: "facilitator add", user: lead,
                cli: ["facilitator", "add", "F", "Jo Notes", "--role", "notetaker"],
                console: .palette("facilitator add notetaker Jo Notes"), refusal: nil),
            Row(
                name: "flag", user: notes,
                cli: [
                    "flag", "F", "--contribution", "2", "--participant", "P02", "--category", "risk-to-adult",
                    "--urgency", "same-day",
                    "--", "Worrying", "account",
                ],
                console: .keys(
                    [.escape, .char("g"), .char("j"), .ctrl("g"), .char("3"), .char("2")]
                        + Self.type("Worrying account") + [.enter]),
                refusal: nil),
            Row(
                name: "ack by safeguarding lead", user: safe, cli: ["concern", "ack", "F", "1"],
                console: .palette("ack 1"), refusal: nil),
            Row(
                name: "ack by note-taker refused", user: notes, cli: ["concern", "ack", "F", "1"],
                console: .palette("ack 1"),
                refusal:
                    "only the safeguarding lead or the lead facilitator can acknowledge a concern; Ira Notes is not one in this session"
            ),
            Row(
                name: "concern action", user: safe,
                cli: ["concern", "action", "F", "1", "--kind", "discussed", "--", "Talked", "it", "through"],
                console: .palette("action 1 discussed Talked it through"), refusal: nil),
            Row(name: "remind", user: notes, cli: ["remind", "F", "3"], console: .palette("remind 3"), refusal: nil),
            Row(
                name: "redact all", user: notes, cli: ["redact", "F", "3", "--accept-all"],
                console: .palette("redact 3 all"), refusal: nil),
            Row(
                name: "redact missing finding", user: notes, cli: ["redact", "F", "3", "--accept", "9"],
                console: .palette("redact 3 accept 9"),
                refusal: "contribution #3 has 2 unresolved finding(s), not 9"),
            Row(
                name: "blocklist", user: lead, cli: ["blocklist", "add", "F", "Tyler Brennan"],
                console: .palette("blocklist Tyler Brennan"),
                refusal: nil),
            Row(
                name: "recording", user: lead, cli: ["recording", "F", "on"], console: .palette("recording on"),
                refusal: nil),
            Row(
                name: "close", user: lead, cli: ["close", "F"], console: .paletteThen("close", [.enter]), refusal: nil),
            Row(
                name: "withdraw", user: lead, cli: ["withdraw", "F", "p1"], console: .palette("withdraw p1"),
                refusal: nil),
            Row(
                name: "withdraw unknown", user: lead, cli: ["withdraw", "F", "P77"], console: .palette("withdraw P77"),
                refusal: "no participant 'P77' in this session (participants: P01, P02, P03, P04)"),
            Row(
                name: "anonymise too early", user: lead, cli: ["anonymise", "F"], console: .palette("anonymise"),
                refusal: "the withdrawal window is open until"),
            // Keys and lines that used to build their own events, now one command each.
            Row(
                name: "restore", user: notes, cli: ["restore", "F", "4"], console: .palette("restore 4"), refusal: nil),
            Row(
                name: "restore refused", user: notes, cli: ["restore", "F", "2"], console: .palette("restore 2"),
                refusal: "contribution #2 is not struck"),
            Row(
                name: "speaker range", user: notes, cli: ["speaker", "F", "3", "P04"],
                console: .palette("speaker 3 P04"),
                refusal: nil),
            Row(
                name: "reply typed", user: notes,
                cli: ["log", "F", "--source", "verbal", "--reply-to", "1", "--", "Agreed"],
                console: .keys([.escape, .char("g"), .char("r")] + Self.type("Agreed") + [.enter]), refusal: nil),
            Row(
                name: "attribution key", user: notes, cli: ["attribution", "F", "2", "anonymous"],
                console: .keys([.escape, .char("g"), .char("j"), .char("a")]), refusal: nil),
            Row(
                name: "remind key", user: notes, cli: ["remind", "F", "2"],
                console: .keys([.escape, .char("g"), .char("j"), .char("c")]),
                refusal: nil),
            Row(
                name: "move key", user: lead, cli: ["group", "assign", "F", "P01", "main"],
                console: .keys([.escape, .tab, .char("m")]),
                refusal: nil),
            Row(
                name: "consent key", user: lead, cli: ["consent", "F", "P04"],
                console: .keys([.escape, .tab, .char("j"), .char("j"), .char("j"), .char("c")]), refusal: nil),
            Row(
                name: "redact all key", user: notes, cli: ["redact", "F", "3", "--accept-all"],
                console: .keys([.escape, .char("g"), .char("j"), .char("j"), .char("A")]), refusal: nil),
            Row(
                name: "redact accept in the step box", user: notes, cli: ["redact", "F", "3", "--accept", "1"],
                console: .keys([.escape, .char("g"), .char("j"), .char("j"), .char("p"), .char("y")]), refusal: nil),
            Row(
                name: "redact reject in the step box", user: notes,
                cli: ["redact", "F", "3", "--reject", "1", "--reason", "a public helpline"],
                console: .keys(
                    [.escape, .char("g"), .char("j"), .char("j"), .char("p"), .char("n")]
                        + Self.type("a public helpline")
                        + [.enter]), refusal: nil),
            Row(
                name: "import", user: lead, cli: ["import", "F", "--miro-csv", board],
                console: .paletteThen("import miro-csv \(board)", [.enter]), refusal: nil),
            Row(
                name: "export", user: lead, cli: ["export", "F", "--format", "json", "-o", "OUT/session.json"],
                console: .paletteThen("export json OUT/session.json", [.enter]), refusal: nil),
        ]
    }

    // MARK: The shared session

    /// One session built with the command line: people, rooms, codebook, a guide, contributions, a concern.
    func buildBase(_ dir: String) throws -> String {
        let f = dir + "/base.convene"
        func ok(_ args: [String], by: String = "Sam Lead") throws {
            try ConveneProcess.ok(args, env: ["CONVENE_USER": by])
        }
        try ok(["new", f, "--title", "Parity"])
        try ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        try ok(["facilitator", "add", f, "Ira Notes", "--role", "notetaker"])
        try ok(["facilitator", "add", f, "Kit Safe", "--role", "safeguarding"])
        try ok(["codebook", f, "--use", "practice-principles"])
        for (code, role, name) in [
            ("P01", "Youth worker", "Avery Quinlan"), ("P02", "Conference chair", "Morgan Ellery"),
            ("P03", "Nurse", "Rowan Pellow"), ("P04", "Teacher", "Devon Marchetti"),
        ] {
            try ok(["participant", "add", f, "--code", code, "--role", role, "--name", name])
        }
        for code in ["P01", "P02", "P03"] { try ok(["consent", f, code]) }
        try ok(["group", "add", f, "Room A"])
        try ok(["group", "add", f, "Room B"])
        let guide = dir + "/guide.md"
        try "# Welcome\n- rules\n# Barriers\n- what gets in the way?\n".write(
            toFile: guide, atomically: true, encoding: .utf8)
        try ok(["guide", f, guide])
        try ok(
            ["log", f, "--source", "verbal", "--speaker", "P01", "--", "Families like joining online."], by: "Ira Notes"
        )
        try ok(
            [
                "log", f, "--source", "chat", "--speaker", "P02", "--reply-to", "1", "--",
                "Parents attend more often now.",
            ], by: "Ira Notes")
        try ok(
            ["log", f, "--source", "verbal", "--speaker", "P03", "--", "Ring 07700 900123 or visit SW1A 1AA."],
            by: "Ira Notes")
        try ok(
            ["log", f, "--source", "verbal", "--speaker", "P04", "--", "An aside about the weather."], by: "Ira Notes")
        try ok(["strike", f, "4", "--reason", "off topic"], by: "Ira Notes")
        try ok(["tag", f, "1", "PP1"], by: "Ira Notes")
        try ok(["theme", "add", f, "Access"])
        try ok(
            [
                "flag", f, "--contribution", "3", "--category", "other", "--urgency", "after-session", "--",
                "Check this",
            ], by: "Ira Notes")
        try "Content,Frame\nLess travel,Benefits\nNot every family has data,Barriers\n".write(
            toFile: dir + "/board.csv",
            atomically: true, encoding: .utf8)
        return f
    }

    /// What a journal holds, comparable across copies: kind, erased, payload.
    func fingerprint(_ journal: any ErasingJournal) throws -> [String] {
        try journal.allEvents().map { stored in
            let payload =
                stored.event.isErased
                ? "-" : String(decoding: try EventCodec.encode(stored.event.payload), as: UTF8.self)
            return "\(stored.event.kind) by \(stored.event.by) \(stored.event.isErased ? "ERASED" : payload)"
        }
    }

    /// Runs `input` through the console's update and effects on `journal`; returns the status line.
    func runConsole(_ input: Input, user: String, on journal: any SessionJournal, location: String) -> String {
        var state = ConsoleState(
            session: journal.state, context: ConsoleContext(role: .lead, user: user, location: location),
            width: 120, height: 40, now: Date())
        func send(_ key: Key) {
            let effects = update(&state, .key(key))
            ConsoleEffects.perform(effects, &state, journal: journal, draw: { _ in }, bell: {}, quit: { _ in })
        }
        func palette(_ text: String) {
            if state.focus == .input { send(.escape) }
            send(.char(":"))
            for c in text { send(.char(c)) }
            send(.enter)
        }
        switch input {
        case .palette(let text): palette(text)
        case .keys(let keys): keys.forEach(send)
        case .paletteThen(let text, let keys):
            palette(text)
            keys.forEach(send)
        }
        return state.status ?? ""
    }

    // MARK: The table, on a file and on a team session

    func testEveryActionMeansTheSameOnTheCommandLineAndInTheConsoleOnAFile() throws {
        let dir = try ConveneProcess.tempDir().path
        let base = try buildBase(dir)
        var failures = 0
        for (i, row) in rows(dir).enumerated() {
            let cliFile = dir + "/cli-\(i).convene"
            let consoleFile = dir + "/console-\(i).convene"
            try FileManager.default.copyItem(atPath: base, toPath: cliFile)
            try FileManager.default.copyItem(atPath: base, toPath: consoleFile)
            let outCLI = dir + "/out-cli-\(i)"
            let outConsole = dir + "/out-console-\(i)"
            try FileManager.default.createDirectory(atPath: outCLI, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: outConsole, withIntermediateDirectories: true)
            let args = row.cli.map { $0 == "F" ? cliFile : $0.replacingOccurrences(of: "OUT/", with: outCLI + "/") }
            let cli = try ConveneProcess.run(args, env: ["CONVENE_USER": row.user])
            let journal = try SQLiteJournal.open(path: consoleFile)
            let input: Input
            switch row.console {
            case .paletteThen(let text, let keys):
                input = .paletteThen(text.replacingOccurrences(of: "OUT/", with: outConsole + "/"), keys)
            default: input = row.console
            }
            let status = runConsole(input, user: row.user, on: journal, location: consoleFile)
            try journal.refresh()
            let ours = try fingerprint(journal)
            let theirs = try fingerprint(try SQLiteJournal.open(path: cliFile, readOnly: true))
            failures += check(row, cli: cli, status: status, cliEvents: theirs, consoleEvents: ours) ? 0 : 1
        }
        print("action parity on a file: \(rows(dir).count) actions, \(failures) differing")
    }

    func testEveryActionMeansTheSameOnTheCommandLineAndInTheConsoleOnATeamSession() throws {
        guard let server = ProcessInfo.processInfo.environment["CONVENE_TEST_PG"], server.hasPrefix("postgres://")
        else {
            return XCTFail("NO POSTGRESQL SERVER: export CONVENE_TEST_PG=$(scripts/pg-test-cluster.sh start)")
        }
        let dir = try ConveneProcess.tempDir().path
        let base = try buildBase(dir)
        let outbox = dir + "/outbox.sqlite"
        var failures = 0
        // Event ids are unique per database, so each copy of the session gets a database of its own.
        let tag = UUID().uuidString.prefix(6).lowercased()
        var databases: [String] = []
        func database(_ name: String) throws -> String {
            let db = "parity_\(tag)_\(name)"
            _ = try TeamConsoleTests.shell("/usr/bin/psql", [server, "-qAtc", "CREATE DATABASE \(db)"])
            databases.append(db)
            let head = server.prefix(upTo: server.lastIndex(of: "/")!)
            return head + "/\(db)?session=parity"
        }
        defer {
            for db in databases {
                _ = try? TeamConsoleTests.shell("/usr/bin/psql", [server, "-qAtc", "DROP DATABASE \(db) WITH (FORCE)"])
            }
        }
        for (i, row) in rows(dir).enumerated() {
            let cliURL = try database("cli\(i)")
            let consoleURL = try database("console\(i)")
            try ConveneProcess.ok(["push", base, cliURL])
            try ConveneProcess.ok(["push", base, consoleURL])
            let outCLI = dir + "/out-cli-\(i)"
            let outConsole = dir + "/out-console-\(i)"
            try FileManager.default.createDirectory(atPath: outCLI, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: outConsole, withIntermediateDirectories: true)
            let args = row.cli.map { $0 == "F" ? cliURL : $0.replacingOccurrences(of: "OUT/", with: outCLI + "/") }
            let cli = try ConveneProcess.run(args, env: ["CONVENE_USER": row.user, "CONVENE_OUTBOX": outbox])
            let journal = try PostgresJournal.open(consoleURL, outbox: try Outbox(path: outbox))
            defer { journal.close() }
            let input: Input
            switch row.console {
            case .paletteThen(let text, let keys):
                input = .paletteThen(text.replacingOccurrences(of: "OUT/", with: outConsole + "/"), keys)
            default: input = row.console
            }
            let status = runConsole(input, user: row.user, on: journal, location: consoleURL)
            let theirsJournal = try PostgresJournal.open(cliURL, outbox: nil)
            defer { theirsJournal.close() }
            failures +=
                check(
                    row, cli: cli, status: status, cliEvents: try fingerprint(theirsJournal),
                    consoleEvents: try fingerprint(journal)) ? 0 : 1
        }
        print("action parity on a team session: \(rows(dir).count) actions, \(failures) differing")
    }

    /// Same events, or the same refusal sentence on both sides.
    func check(_ row: Row, cli: ConveneProcess.Result, status: String, cliEvents: [String], consoleEvents: [String])
        -> Bool
    {
        var same = true
        if let refusal = row.refusal {
            same = cli.status != 0 && cli.stderr.contains(refusal) && status.contains(refusal)
            XCTAssertNotEqual(cli.status, 0, "\(row.name): the command line should refuse")
            XCTAssertTrue(cli.stderr.contains(refusal), "\(row.name): command line said \(cli.stderr)")
            XCTAssertTrue(status.contains(refusal), "\(row.name): console said \(status)")
            XCTAssertEqual(cliEvents, consoleEvents, "\(row.name): a refusal changes nothing on either side")
        } else {
            XCTAssertEqual(cli.status, 0, "\(row.name): \(cli.stderr)")
            XCTAssertFalse(status.hasPrefix("Not saved"), "\(row.name): console said \(status)")
            XCTAssertEqual(cliEvents.count, consoleEvents.count, "\(row.name): event counts differ")
            for (a, b) in zip(cliEvents, consoleEvents) where a != b {
                XCTFail("\(row.name):\n  cli:     \(a)\n  console: \(b)")
                same = false
            }
            same = same && cli.status == 0 && cliEvents.count == consoleEvents.count
        }
        return same
    }
}
