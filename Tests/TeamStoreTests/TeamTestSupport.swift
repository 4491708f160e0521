import ConveneTestSupport
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import TeamStore

/// The test server: `CONVENE_TEST_PG` (set by .ci/run), else a cluster started
/// here with scripts/pg-test-cluster.sh. Fails loudly if neither works.
enum TestServer {
    static let url: String? = {
        if let u = ProcessInfo.processInfo.environment["CONVENE_TEST_PG"], !u.isEmpty { return u }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-cluster.sh").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script)
        p.arguments = ["start"]
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0, text.hasPrefix("postgres://") else { return nil }
        // A cluster these tests started is theirs to stop.
        startedScript = script
        atexit {
            guard let script = TestServer.startedScript else { return }
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: script)
            stop.arguments = ["stop"]
            try? stop.run()
            stop.waitUntilExit()
        }
        return text
    }()
    nonisolated(unsafe) static var startedScript: String?

    /// The server URL or a failure that says how to get one.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let url else {
            XCTFail(
                """
                NO POSTGRESQL SERVER for the team tests: set CONVENE_TEST_PG=postgres://USER@127.0.0.1:PORT/DB \
                or make scripts/pg-test-cluster.sh start work (needs /usr/lib/postgresql/*/bin; apt-get install postgresql)
                """, file: file, line: line)
            throw TestRun.cannotRun("no PostgreSQL server")
        }
        return url
    }

    /// A fresh session address on the test server.
    static func session(_ prefix: String) throws -> String {
        try require() + "?session=\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A superuser link for administering the test server (terminating backends, roles).
    static func admin() throws -> PostgresLink {
        let target = try PostgresLocation(parsing: try require() + "?session=admin")
        let link = PostgresLink(location: target, password: nil)
        try link.connect()
        // The role groups come with the tables.
        if !(try PostgresSchema.isCurrent(link)) { try PostgresSchema.migrate(link) }
        return link
    }
}

enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func created(_ title: String = "Team session") -> SessionCreated {
        SessionCreated(sessionID: UUID(), title: title, date: "2026-12-01")
    }

    static func contribution(_ text: String, room: RoomID = 0) -> ContributionLogged {
        ContributionLogged(source: .chat, room: room, text: text)
    }

    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "convene-team-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func outbox() throws -> Outbox { try Outbox(path: tempDir() + "/outbox.sqlite") }
}
