import ConveneTestSupport
import Foundation
import XCTest

/// Team sessions end to end: the real binary, a real PostgreSQL server
/// (CONVENE_TEST_PG, else scripts/pg-test-cluster.sh), real terminals (tmux).
final class TeamConsoleTests: XCTestCase {
    static let server: String? = {
        if let u = ProcessInfo.processInfo.environment["CONVENE_TEST_PG"], !u.isEmpty { return u }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-cluster.sh").path
        let url = try? TeamConsoleTests.shell(script, ["start"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // A cluster these tests started is theirs to stop.
        if url != nil {
            startedScript = script
            atexit { if let s = TeamConsoleTests.startedScript { _ = try? TeamConsoleTests.shell(s, ["stop"]) } }
        }
        return url
    }()
    nonisolated(unsafe) static var startedScript: String?

    static func shell(_ tool: String, _ args: [String], env: [String: String] = [:]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: data, as: UTF8.self)
    }

    var dir: URL!
    var server: String!
    var url: String!

    override func setUpWithError() throws {
        guard let s = Self.server, s.hasPrefix("postgres://") else {
            XCTFail(
                "NO POSTGRESQL SERVER for the team console tests: set CONVENE_TEST_PG or make scripts/pg-test-cluster.sh start work"
            )
            throw TestRun.cannotRun("no PostgreSQL server")
        }
        server = s
        dir = try ConveneProcess.tempDir()
        let file = dir.appendingPathComponent("team.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Team test"])
        try ConveneProcess.ok(["facilitator", "add", file, "Kit Safe", "--role", "safeguarding"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P01", "--role", "Youth worker"])
        try ConveneProcess.ok(["group", "add", file, "Room A"])
        url = server + "?session=tmux-\(UUID().uuidString.prefix(8).lowercased())"
        try ConveneProcess.ok(["push", file, url])
    }

    /// psql as the test server's superuser.
    func sql(_ statement: String) throws {
        _ = try Self.shell("/usr/bin/psql", [server, "-v", "ON_ERROR_STOP=1", "-qAtc", statement])
    }

    func console(_ location: String, user: String, role: String, env: String = "") -> String {
        let outbox = dir.appendingPathComponent("outbox-\(user.prefix(3)).sqlite").path
        return
            "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color CONVENE_USER='\(user)' CONVENE_OUTBOX='\(outbox)' \(env) "
            + "'\(ConveneProcess.binary.path)' open '\(location)' --role \(role); sleep 60"
    }

    func testTwoConsolesOnOnePostgresSession() throws {
        let a = try Tmux(console(url, user: "Ira Notes", role: "lead"))
        defer { a.kill() }
        let b = try Tmux(console(url, user: "Kit Safe", role: "safeguarding"))
        defer { b.kill() }
        XCTAssertNotNil(try a.waitFor("Rooms", timeout: 10), a.screen())
        XCTAssertNotNil(try b.waitFor("Rooms", timeout: 10), b.screen())
        try a.type("P01: Seen elsewhere")
        try a.send("Enter")
        let seen = try XCTUnwrap(try b.waitFor("Seen elsewhere", timeout: 3), "never arrived:\n\(b.screen())")
        print("team session (PostgreSQL): contribution visible in the other console after \(Int(seen * 1000)) ms")
        XCTAssertLessThan(seen, 0.5)

        try a.send("C-g")
        try a.type("21")
        try a.type("A child may be at risk")
        try a.send("Enter")
        let alert = try XCTUnwrap(try b.waitFor("SAFEGUARDING ALERT", timeout: 3), b.screen())
        print("team session (PostgreSQL): safeguarding banner in the other console after \(Int(alert * 1000)) ms")
        XCTAssertLessThan(alert, 1.0)

        // What the consoles wrote is on the server: pull it into a file and read it.
        let pulled = dir.appendingPathComponent("pulled.convene").path
        try ConveneProcess.ok(["pull", url, pulled])
        let list = try ConveneProcess.ok(["list", pulled, "--json"]).lines
        XCTAssertEqual(list.count, 1)
        XCTAssertTrue(list.first?.contains("Seen elsewhere") == true, "\(list)")
        XCTAssertEqual(try ConveneProcess.run(["check", pulled]).status, 0)
    }

    /// Cut one console off the server: it keeps working, the header counts what
    /// waits, and on reconnection the other console receives it.
    func testOfflineConsoleShowsWaitingAndCatchesUp() throws {
        let role = "nt_tmux_\(UUID().uuidString.prefix(6).lowercased())"
        try sql("CREATE ROLE \(role) LOGIN PASSWORD 'tmux-pw' IN ROLE convene_notetaker")
        let roleURL = url.replacingOccurrences(of: "postgres://convene@", with: "postgres://\(role)@")
        let a = try Tmux(
            console(roleURL, user: "Ira Notes", role: "notetaker", env: "PGPASSWORD=tmux-pw PGPASSFILE=/nonexistent"))
        defer { a.kill() }
        let b = try Tmux(console(url, user: "Kit Safe", role: "lead"))
        defer { b.kill() }
        XCTAssertNotNil(try a.waitFor("Rooms", timeout: 10), a.screen())
        XCTAssertNotNil(try b.waitFor("Rooms", timeout: 10), b.screen())
        try sql("ALTER ROLE \(role) NOLOGIN")
        try sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
        try a.type("P01: Typed while offline")
        try a.send("Enter")
        XCTAssertNotNil(try a.waitFor("offline — 1 waiting", timeout: 5), a.screen())
        XCTAssertTrue(a.screen().contains("Typed while offline"), "the console keeps working:\n\(a.screen())")
        XCTAssertFalse(b.screen().contains("Typed while offline"))
        try sql("ALTER ROLE \(role) LOGIN")
        XCTAssertNotNil(try b.waitFor("Typed while offline", timeout: 8), "never delivered:\n\(b.screen())")
        a.expectGone("offline —", "the console is back online")
    }

    func testPushPullBadInputSaysSoPlainly() throws {
        let file = dir.appendingPathComponent("team.convene").path
        let withPassword = try ConveneProcess.run([
            "push", file, "postgres://alice:hunter2@127.0.0.1:5432/db?session=x",
        ])
        XCTAssertNotEqual(withPassword.status, 0)
        XCTAssertTrue(withPassword.stderr.contains("PGPASSWORD"), withPassword.stderr)
        XCTAssertFalse(withPassword.stderr.contains("hunter2"), "the password is never echoed")
        let noSession = try ConveneProcess.run(["pull", server, dir.appendingPathComponent("x.convene").path])
        XCTAssertNotEqual(noSession.status, 0)
        XCTAssertTrue(noSession.stderr.contains("?session=NAME"), noSession.stderr)
        let missing = try ConveneProcess.run([
            "pull", server + "?session=no-such-\(UUID().uuidString.prefix(6))",
            dir.appendingPathComponent("y.convene").path,
        ])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no team session"), missing.stderr)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: dir.appendingPathComponent("y.convene").path), "no half-written file"
        )
        let exists = try ConveneProcess.run(["push", file, url])
        XCTAssertNotEqual(exists.status, 0)
        XCTAssertTrue(exists.stderr.contains("already exists"), exists.stderr)
        // Every subcommand takes the address now: `list` reads the team session itself.
        let listed = try ConveneProcess.run(["list", url])
        XCTAssertEqual(listed.status, 0, listed.stderr)
    }

    /// The subcommands from separate processes while two consoles are open on
    /// the session: log, a followed Zoom chat, flag, export, then a withdrawal
    /// that leaves the withdrawn text in no row of any table and in no relation
    /// file of the test cluster.
    func testCommandsFromOtherProcessesWhileTwoConsolesAreOpen() throws {
        let marker = "Quokka\(UUID().uuidString.prefix(6))"
        let env = ["CONVENE_OUTBOX": dir.appendingPathComponent("outbox-cli.sqlite").path]
        func cli(_ args: [String], by: String = "Sam Lead") throws -> ConveneProcess.Result {
            var e = env
            e["CONVENE_USER"] = by
            return try ConveneProcess.ok(args, env: e)
        }
        try cli(["facilitator", "add", url, "Sam Lead", "--role", "lead"])
        try cli(["participant", "add", url, "--code", "P03", "--role", "Nurse", "--name", "Rowan \(marker)son"])
        // Consented, so the research export before the withdrawal carries their words.
        try cli(["consent", url, "3"])
        try cli(["consent", url, "P01"])
        let a = try Tmux(console(url, user: "Ira Notes", role: "lead"))
        defer { a.kill() }
        let b = try Tmux(console(url, user: "Kit Safe", role: "safeguarding"))
        defer { b.kill() }
        XCTAssertNotNil(try a.waitFor("Rooms", timeout: 10), a.screen())
        XCTAssertNotNil(try b.waitFor("Rooms", timeout: 10), b.screen())

        XCTAssertEqual(
            try cli(["log", url, "--source", "chat", "--speaker", "3", "--", "\(marker) said by P03"], by: "Ira Notes")
                .stdout, "#1\n")
        XCTAssertNotNil(try b.waitFor(marker, timeout: 3), b.screen())

        // A live Zoom chat followed into the team session.
        let chat = dir.appendingPathComponent("meeting_saved_chat.txt").path
        try "10:00:01 From P03 to Everyone:\n\tChat \(marker) from P03\n".write(
            toFile: chat, atomically: true, encoding: .utf8)
        let follow = try ConveneProcess.start(
            ["import", url, "--zoom-chat", chat, "--follow"], env: env.merging(["CONVENE_USER": "Ira Notes"]) { $1 })
        defer { if follow.isRunning { follow.terminate() } }
        XCTAssertNotNil(try a.waitFor("Chat \(marker)", timeout: 8), a.screen())
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: chat))
        handle.seekToEndOfFile()
        handle.write(
            Data(
                "10:00:30 From P01 to Everyone:\n\tReplying to \"Chat \(marker) from P03\"\n\n\tAnswer from P01\n10:00:40 From P01 to Everyone:\n\tLast line\n"
                    .utf8))
        try handle.close()
        XCTAssertNotNil(try b.waitFor("Answer from P01", timeout: 8), b.screen())
        follow.terminate()
        follow.waitUntilExit()

        XCTAssertEqual(
            try cli(
                [
                    "flag", url, "--contribution", "1", "--category", "other", "--urgency", "immediate", "--",
                    "Raised in the room",
                ], by: "Ira Notes"
            ).stdout, "concern 1\n")
        XCTAssertNotNil(try b.waitFor("SAFEGUARDING ALERT", timeout: 3), b.screen())
        let export = dir.appendingPathComponent("before.json").path
        try cli(["export", url, "--format", "json", "-o", export])
        XCTAssertGreaterThan(try Data(contentsOf: URL(fileURLWithPath: export)).count, 100, "the export was written")
        XCTAssertTrue(
            try ConveneProcess.run(["events", url], env: env).stdout.contains("export.recorded"),
            "and recorded in the session")

        let withdrawn = try cli(["withdraw", url, "P03"])
        XCTAssertTrue(withdrawn.stdout.contains("VACUUM FULL"), withdrawn.stdout)
        a.expectGone(marker, "the open console drops the erased text")
        b.expectGone(marker, "the open console drops the erased text")
        XCTAssertTrue(
            b.screen().contains("SAFEGUARDING") || b.screen().contains("⚑"), "the concern outlives the withdrawal")

        // Every row of every table, as the superuser reads them (bytea as text).
        let tables = try Self.shell(
            "/usr/bin/psql", [server, "-qAtc", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"]
        )
        .split(separator: "\n").map(String.init)
        XCTAssertTrue(tables.contains("convene_events") && tables.contains("convene_restricted"), "\(tables)")
        for table in tables {
            let rows = try Self.shell(
                "/usr/bin/psql",
                [
                    server, "-qAt", "-c", "SET bytea_output = 'escape'",
                    "-c", "COPY (SELECT * FROM \(table)) TO STDOUT",
                ])
            XCTAssertFalse(rows.contains(marker), "\(table) still holds the withdrawn text")
        }
        // And the relation files in the cluster's data directory.
        let pgDir = ProcessInfo.processInfo.environment["CONVENE_PG_DIR"] ?? ""
        let base = pgDir + "/data/base"
        let walker = try XCTUnwrap(
            FileManager.default.enumerator(atPath: base), "cannot read \(base): set CONVENE_PG_DIR")
        var files = 0
        for case let name as String in walker {
            guard let data = FileManager.default.contents(atPath: base + "/" + name) else { continue }
            files += 1
            XCTAssertNil(data.range(of: Data(marker.utf8)), "relation file \(name) still holds the withdrawn text")
        }
        XCTAssertGreaterThan(files, 10)
        print(
            "team session: withdrawal from another process left the text in 0 of \(tables.count) tables and 0 of \(files) relation files"
        )
        XCTAssertEqual(try ConveneProcess.run(["check", url], env: env).status, 0, "the hash chain still verifies")
    }
}
