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
            XCTFail("NO POSTGRESQL SERVER for the team console tests: set CONVENE_TEST_PG or make scripts/pg-test-cluster.sh start work")
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
        return "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color CONVENE_USER='\(user)' CONVENE_OUTBOX='\(outbox)' \(env) "
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
        let a = try Tmux(console(roleURL, user: "Ira Notes", role: "notetaker", env: "PGPASSWORD=tmux-pw PGPASSFILE=/nonexistent"))
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
        let start = Date()
        while Date().timeIntervalSince(start) < 5, a.screen().contains("offline —") { usleep(50_000) }
        XCTAssertFalse(a.screen().contains("offline —"), a.screen())
    }

    func testPushPullBadInputSaysSoPlainly() throws {
        let file = dir.appendingPathComponent("team.convene").path
        let withPassword = try ConveneProcess.run(["push", file, "postgres://alice:hunter2@127.0.0.1:5432/db?session=x"])
        XCTAssertNotEqual(withPassword.status, 0)
        XCTAssertTrue(withPassword.stderr.contains("PGPASSWORD"), withPassword.stderr)
        XCTAssertFalse(withPassword.stderr.contains("hunter2"), "the password is never echoed")
        let noSession = try ConveneProcess.run(["pull", server, dir.appendingPathComponent("x.convene").path])
        XCTAssertNotEqual(noSession.status, 0)
        XCTAssertTrue(noSession.stderr.contains("?session=NAME"), noSession.stderr)
        let missing = try ConveneProcess.run(["pull", server + "?session=no-such-\(UUID().uuidString.prefix(6))", dir.appendingPathComponent("y.convene").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no team session"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("y.convene").path), "no half-written file")
        let exists = try ConveneProcess.run(["push", file, url])
        XCTAssertNotEqual(exists.status, 0)
        XCTAssertTrue(exists.stderr.contains("already exists"), exists.stderr)
        let fileCommand = try ConveneProcess.run(["list", url])
        XCTAssertNotEqual(fileCommand.status, 0)
        XCTAssertTrue(fileCommand.stderr.contains("convene pull"), fileCommand.stderr)
    }
}
