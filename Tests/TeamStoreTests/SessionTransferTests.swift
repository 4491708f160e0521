import ConveneTestSupport
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import TeamStore

/// push / pull against the real server: identical event for event.
final class SessionTransferTests: XCTestCase {
    /// A file with redactions, a concern, an edit, a struck line and a room.
    private func richFile(_ path: String, cipher: any PayloadCipher = PlainPayloads(), meta: [String: String] = [:])
        throws
    {
        let j = try SQLiteJournal.create(
            path: path, session: Fixture.created("Round trip"), by: "lead", at: Fixture.t0, cipher: cipher, meta: meta)
        try j.append(
            [ParticipantAdded(code: "P1", jobRole: "Social worker"), GroupCreated(name: "Room A")], by: "lead",
            at: Fixture.t0.addingTimeInterval(1))
        try j.append(
            [
                Fixture.contribution("Dave at Oakfield School said SW1A 1AA"),
                Fixture.contribution("second point ✓ naïve"),
            ], by: "nt", at: Fixture.t0.addingTimeInterval(2))
        try j.append(
            [RedactionAccepted(number: 1, span: TextSpan(start: 0, end: 4), label: .person)], by: "nt",
            at: Fixture.t0.addingTimeInterval(3))
        try j.append(
            [
                ContributionEdited(number: 2, text: "second point, edited"),
                ContributionStruck(number: 2, reason: "duplicate"),
            ], by: "lead", at: Fixture.t0.addingTimeInterval(4))
        try j.append(
            [
                ConcernRaised(
                    contributions: [1], room: 0, category: .riskToChildOrYoungPerson, urgency: .immediate,
                    description: "a child at risk")
            ], by: "nt", at: Fixture.t0.addingTimeInterval(5))
        try j.close()
    }

    func testPushThenPullIsIdenticalEventForEvent() throws {
        let dir = Fixture.tempDir()
        let url = try TestServer.session("roundtrip")
        try richFile(dir + "/a.convene")
        let pushed = try SessionTransfer.push(file: dir + "/a.convene", to: url)
        XCTAssertEqual(pushed.events, 9)
        try SessionTransfer.pull(from: url, to: dir + "/b.convene")
        let a = try SQLiteJournal.rawJournal(path: dir + "/a.convene")
        let b = try SQLiteJournal.rawJournal(path: dir + "/b.convene")
        XCTAssertEqual(b.rows, a.rows, "kinds, payload bytes, actors, times, salts, commitments and hashes survive")
        XCTAssertEqual(b.meta, a.meta)
        let opened = try SQLiteJournal.open(path: dir + "/b.convene")
        XCTAssertEqual(opened.state.contributions.first?.redactions.count, 1)
        XCTAssertEqual(opened.state.register.concerns.count, 1)
        XCTAssertTrue(try SQLiteJournal.check(path: dir + "/b.convene").isHealthy)
        // The team session continues where the file stopped.
        let team = try PostgresJournal.open(url)
        defer { team.close() }
        XCTAssertEqual(team.state.contributions.map(\.text), opened.state.contributions.map(\.text))
        try team.append(
            [Fixture.contribution("continued by the team")], by: "nt2", at: Fixture.t0.addingTimeInterval(60))
        try SessionTransfer.pull(from: url, to: dir + "/c.convene")
        let c = try SQLiteJournal.rawJournal(path: dir + "/c.convene")
        XCTAssertEqual(Array(c.rows.prefix(9)), a.rows)
        XCTAssertNil(RawEventRow.firstBrokenLink(c.rows), "the team's appends extend the same chain")
    }

    func testEncryptedSessionReachesTheServerOnlySealed() throws {
        let dir = Fixture.tempDir()
        let url = try TestServer.session("sealed")
        let (cipher, meta) = try EncryptedPayloads.create(passphrase: "correct horse", derivation: .fastForTests)
        try richFile(dir + "/s.convene", cipher: cipher, meta: meta)
        try SessionTransfer.push(file: dir + "/s.convene", to: url)
        let admin = try TestServer.admin()
        defer { admin.close() }
        let target = try PostgresLocation(parsing: url)
        let rows = try admin.run(
            """
            SELECT count(*) FROM convene_events e LEFT JOIN convene_restricted r USING (session, seq)
            WHERE session = $1 AND (position(convert_to('Oakfield', 'UTF8') in coalesce(e.payload, r.payload)) > 0
                                    OR position(convert_to('child at risk', 'UTF8') in coalesce(e.payload, r.payload)) > 0)
            """, [.text(target.session)])
        XCTAssertEqual(try rows.first?.decode(Int.self), 0, "no plaintext on the server")
        let plainCount = try admin.run(
            "SELECT count(*) FROM convene_events WHERE session = $1", [.text(target.session)])
        XCTAssertEqual(try plainCount.first?.decode(Int.self), 9)
        // A console with the passphrase reads it; one without is told it needs it.
        XCTAssertThrowsError(try PostgresJournal.open(url)) {
            XCTAssertEqual($0 as? StoreError, .passphraseNeeded(target.description))
        }
        let team = try PostgresJournal.open(
            url, cipherFor: { m in try EncryptedPayloads.unlock(meta: m, passphrase: "correct horse", path: url) })
        defer { team.close() }
        XCTAssertEqual(team.state.contributions.first?.text, "Dave at Oakfield School said SW1A 1AA")
        try SessionTransfer.pull(from: url, to: dir + "/t.convene")
        XCTAssertEqual(
            try SQLiteJournal.rawJournal(path: dir + "/t.convene").rows,
            try SQLiteJournal.rawJournal(path: dir + "/s.convene").rows)
    }

    func testPushRefusesAnExistingSessionAndATamperedFile() throws {
        let dir = Fixture.tempDir()
        let url = try TestServer.session("twice")
        try richFile(dir + "/a.convene")
        try SessionTransfer.push(file: dir + "/a.convene", to: url)
        XCTAssertThrowsError(try SessionTransfer.push(file: dir + "/a.convene", to: url)) { e in
            guard case TeamStoreError.sessionExists = e else { return XCTFail("\(e)") }
        }
        let pulledTwice = dir + "/a.convene"
        XCTAssertThrowsError(try SessionTransfer.pull(from: url, to: pulledTwice)) {
            XCTAssertEqual($0 as? StoreError, .fileExists(pulledTwice))
        }
    }
}

final class PostgresLocationTests: XCTestCase {
    func testParsesTheDocumentedShape() throws {
        let l = try PostgresLocation(
            parsing: "postgres://alice@db.example.org:6543/research?session=fg-03&sslmode=verify-full")
        XCTAssertEqual(l.user, "alice")
        XCTAssertEqual(l.host, "db.example.org")
        XCTAssertEqual(l.port, 6543)
        XCTAssertEqual(l.database, "research")
        XCTAssertEqual(l.session, "fg-03")
        XCTAssertEqual(l.sslMode, .verifyFull)
        XCTAssertEqual(try PostgresLocation(parsing: "postgres://a@h/d?session=s").port, 5432)
    }

    func testRefusesAPasswordInTheAddressWithoutEchoingIt() {
        XCTAssertThrowsError(try PostgresLocation(parsing: "postgres://alice:s3cret@h:5432/d?session=s")) { e in
            XCTAssertTrue("\(e)".contains("PGPASSWORD"), "\(e)")
            XCTAssertFalse("\(e)".contains("s3cret"), "the password must not be repeated in the message")
        }
        XCTAssertThrowsError(try PostgresLocation(parsing: "postgres://alice@h/d?session=s&password=x"))
    }

    func testRefusesIncompleteAddresses() {
        for bad in [
            "postgres://h/d?session=s", "postgres://a@h/?session=s", "postgres://a@h/d",
            "postgres://a@h/d?session=s&sslmode=maybe", "/tmp/x.convene",
        ] {
            XCTAssertThrowsError(try PostgresLocation(parsing: bad), bad)
        }
    }

    func testPasswordFromEnvironmentThenPgpassHonouringTheModeRule() throws {
        let l = try PostgresLocation(parsing: "postgres://alice@127.0.0.1:5544/research?session=s")
        XCTAssertEqual(try l.password(environment: ["PGPASSWORD": "fromenv", "PGPASSFILE": "/nonexistent"]), "fromenv")
        let file = Fixture.tempDir() + "/pgpass"
        try """
        # comment
        otherhost:*:*:alice:wrong
        127.0.0.1:5544:research:bob:wrong-user
        127.0.0.1:5544:*:alice:pa\\:ss\\\\word
        *:*:*:*:fallback
        """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        XCTAssertEqual(try l.password(environment: ["PGPASSFILE": file]), "pa:ss\\word")
        chmod(file, 0o644)
        XCTAssertThrowsError(try l.password(environment: ["PGPASSFILE": file])) { e in
            XCTAssertEqual(e as? TeamStoreError, .passwordFileNotPrivate(file))
        }
        XCTAssertNil(try l.password(environment: ["PGPASSFILE": file + ".missing"]))
    }
}

/// sslmode against the test server's self-signed certificate (from
/// scripts/pg-test-cluster.sh, which writes it for localhost and 127.0.0.1).
final class TLSTests: XCTestCase {
    private func caFile() throws -> String {
        if let ca = ProcessInfo.processInfo.environment["CONVENE_TEST_PG_CA"], !ca.isEmpty { return ca }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-cluster.sh").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script)
        p.arguments = ["ca"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let path = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else {
            throw TestRun.cannotRun(
                "the test server's certificate is not available (CONVENE_TEST_PG points at a server this script did not start, or openssl is missing)"
            )
        }
        return path
    }

    func testRequireAndVerifyFull() throws {
        let ca = try caFile()
        let url = try TestServer.session("tls")
        let j = try PostgresJournal.create(
            url + "&sslmode=require", session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { j.close() }
        let ssl = try j.link.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        XCTAssertEqual(try ssl.first?.decode(Bool.self), true, "sslmode=require must encrypt")
        let verified = try PostgresJournal.open(url + "&sslmode=verify-full&sslrootcert=\(ca)")
        defer { verified.close() }
        XCTAssertEqual(verified.state.eventCount, 1)
        // verify-full refuses a server whose certificate does not chain to a trusted root.
        XCTAssertThrowsError(try PostgresJournal.open(url + "&sslmode=verify-full")) { e in
            guard case TeamStoreError.cannotConnect = e else { return XCTFail("\(e)") }
        }
    }
}
