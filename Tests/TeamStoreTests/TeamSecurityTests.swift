import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import TeamStore

/// Team-session security: real names for the lead only, actors checked against
/// the role the lead mapped, the register's append-only trigger, and libpq's
/// TLS environment variables.
final class TeamSecurityTests: XCTestCase {
    func link(_ role: TestRole, _ url: String) throws -> PostgresLink {
        let l = PostgresLink(
            location: try PostgresLocation(parsing: role.url(url), environment: [:]), password: role.password)
        try l.connect()
        return l
    }

    func testRealNamesAreReadableByTheLeadOnly() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("names")
        let lead = try TestRole("lead", group: "convene_lead", admin: admin)
        let sg = try TestRole("sg", group: "convene_safeguarding", admin: admin)
        let bob = try TestRole("nt_bob", group: "convene_notetaker", admin: admin)
        let obs = try TestRole("obs", group: "convene_observer", admin: admin)
        let leadJ = try PostgresJournal.create(
            lead.url(url), session: Fixture.created(), by: "lead", at: Fixture.t0, environment: lead.environment)
        defer { leadJ.close() }
        let secret = "Quorlinda Vexhampton"
        try leadJ.append(
            [ParticipantAdded(code: "P01", jobRole: "Youth worker"), RealNameRecorded(code: "P01", name: secret)],
            by: "lead", at: Fixture.t0)
        XCTAssertEqual(leadJ.state.linkage["P01"], secret)
        for role in [sg, bob, obs] {
            let j = try PostgresJournal.open(role.url(url), environment: role.environment)
            XCTAssertEqual(j.state.eventCount, 3, "\(role.name) sees the event's place in the chain")
            XCTAssertNil(j.state.linkage["P01"], "\(role.name) must not read the real name")
            j.close()
            // Straight SQL, every table: no row holds the name's bytes.
            let l = try link(role, url)
            defer { l.close() }
            for table in ["convene_events", "convene_linkage", "convene_restricted"] {
                let n = try l.run(
                    "SELECT count(*) FROM \(table) WHERE position(convert_to($1, 'UTF8') in coalesce(payload, ''::bytea)) > 0",
                    [.text("Vexhampton")]
                ).first?.decode(Int.self)
                XCTAssertEqual(n, 0, "\(role.name) reads the real name in \(table)")
            }
        }
        let leadLink = try link(lead, url)
        defer { leadLink.close() }
        let session = try PostgresLocation(parsing: url, environment: [:]).session
        XCTAssertEqual(
            try leadLink.run("SELECT count(*) FROM convene_linkage WHERE session = $1", [.text(session)]).first?.decode(
                Int.self), 1)
        // A note-taker's pull says the name was withheld, and `check` does not take it for damage.
        let file = Fixture.tempDir() + "/bob.convene"
        try SessionTransfer.pull(from: bob.url(url), to: file, environment: bob.environment)
        let report = try SQLiteJournal.check(path: file, useAnchors: false)
        XCTAssertTrue(report.isHealthy, "\(report.problems)")
        XCTAssertTrue(report.notes.contains { $0.contains("withheld") }, "\(report.notes)")
    }

    func testAForgedActorIsRefusedOnceTheLeadMapsRoles() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("actors")
        let lead = try TestRole("lead", group: "convene_lead", admin: admin)
        let bob = try TestRole("nt_bob", group: "convene_notetaker", admin: admin)
        let leadJ = try PostgresJournal.create(
            lead.url(url), session: Fixture.created(), by: "Sam Lead", at: Fixture.t0, environment: lead.environment)
        defer { leadJ.close() }
        try leadJ.mapPerson(role: lead.name, to: "Sam Lead")
        try leadJ.mapPerson(role: bob.name, to: "Bob Notes")
        try leadJ.append(
            [ConcernRaised(category: .unsafePractice, urgency: .sameDay, description: "lead's concern")],
            by: "Sam Lead", at: Fixture.t0)
        let bobJ = try PostgresJournal.open(bob.url(url), environment: bob.environment)
        defer { bobJ.close() }
        try bobJ.append([Fixture.contribution("bob's own line")], by: "Bob Notes", at: Fixture.t0)
        // The client refuses to write in another's name…
        XCTAssertThrowsError(
            try bobJ.append(
                [ConcernActionTaken(concern: 1, action: .closed, note: "closed")], by: "Sam Lead", at: Fixture.t0)
        ) {
            XCTAssertEqual(
                $0 as? TeamStoreError, .forgedActor(role: bob.name, person: "Bob Notes", claimed: "Sam Lead"))
            XCTAssertTrue("\($0)".contains("cannot be written as Sam Lead"), "\($0)")
        }
        // …and so does the server, to a client that skips the check (straight SQL).
        let l = try link(bob, url)
        defer { l.close() }
        let session = try PostgresLocation(parsing: url, environment: [:]).session
        XCTAssertThrowsError(
            try l.run(
                """
                INSERT INTO convene_events (session, seq, id, kind, version, at_ms, actor, restricted, commitment, hash)
                VALUES ($1, 99, gen_random_uuid(), 'concern.action', 1, 0, 'Sam Lead', true, '\\x00', '\\x00')
                """, [.text(session)])
        ) {
            XCTAssertTrue("\($0)".contains("another person's name is refused"), "\($0)")
        }
        // Only the lead maps people.
        XCTAssertThrowsError(try bobJ.mapPerson(role: bob.name, to: "Sam Lead"))
        leadJ.pollInterval = 0
        try leadJ.refresh()
        XCTAssertEqual(leadJ.state.register.concerns.first?.isClosed, false)
        XCTAssertEqual(leadJ.state.contributions.map(\.loggedBy), ["Bob Notes"])
    }

    func testTheRegisterTriggerRefusesErasureInASentenceAndAllowsARewrite() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("register")
        let lead = try TestRole("lead", group: "convene_lead", admin: admin)
        let leadJ = try PostgresJournal.create(
            lead.url(url), session: Fixture.created(), by: "lead", at: Fixture.t0, environment: lead.environment)
        defer { leadJ.close() }
        try leadJ.append(
            [ConcernRaised(category: .unsafePractice, urgency: .sameDay, description: "kept")], by: "lead",
            at: Fixture.t0)
        let l = try link(lead, url)
        defer { l.close() }
        let session = try PostgresLocation(parsing: url, environment: [:]).session
        XCTAssertThrowsError(
            try l.run("UPDATE convene_restricted SET payload = NULL, salt = NULL WHERE session = $1", [.text(session)])
        ) {
            XCTAssertFalse("\($0)".contains("has no field"), "\($0)")
            XCTAssertTrue("\($0)".contains("never erased"), "\($0)")
        }
        XCTAssertNoThrow(
            try l.run(
                "UPDATE convene_restricted SET payload = payload || '\\x20'::bytea, salt = salt WHERE session = $1",
                [.text(session)]))
        XCTAssertThrowsError(try l.run("DELETE FROM convene_restricted WHERE session = $1", [.text(session)]))
        XCTAssertThrowsError(
            try l.run(
                "UPDATE convene_events SET payload = NULL, salt = NULL WHERE session = $1 AND restricted",
                [.text(session)]))
        // An ordinary row may still be cleared by the lead (erasure), but its chained columns never change.
        XCTAssertNoThrow(
            try l.run(
                "UPDATE convene_events SET payload = NULL, salt = NULL WHERE session = $1 AND seq = 1", [.text(session)]
            ))
        XCTAssertThrowsError(
            try l.run("UPDATE convene_events SET actor = 'x' WHERE session = $1 AND seq = 1", [.text(session)]))
    }

    func testLibpqTLSEnvironmentIsHonoured() throws {
        let base = "postgres://alice@db.example.org:5432/research?session=fg"
        let fromEnv = try PostgresLocation(
            parsing: base,
            environment: [
                "PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/etc/ca.crt",
                "PGSSLCERT": "/c.crt", "PGSSLKEY": "/c.key",
            ])
        XCTAssertEqual(fromEnv.sslMode, .verifyFull)
        XCTAssertEqual(fromEnv.rootCertificate, "/etc/ca.crt")
        XCTAssertEqual(fromEnv.clientCertificate, "/c.crt")
        XCTAssertEqual(fromEnv.clientKey, "/c.key")
        let urlWins = try PostgresLocation(
            parsing: base + "&sslmode=require", environment: ["PGSSLMODE": "verify-full"])
        XCTAssertEqual(urlWins.sslMode, .require)
        XCTAssertEqual(try PostgresLocation(parsing: base, environment: ["PGSSLMODE": "verify-ca"]).sslMode, .verifyCA)
        XCTAssertThrowsError(try PostgresLocation(parsing: base, environment: ["PGSSLMODE": "sometimes"])) {
            XCTAssertTrue("\($0)".contains("PGSSLMODE must be"), "\($0)")
        }
        // Against the test cluster (self-signed): verify-full from the environment fails without its CA, passes with it.
        let url = try TestServer.session("tls")
        let admin = try TestServer.admin()
        defer { admin.close() }
        let role = try TestRole("tls", group: "convene_lead", admin: admin)
        let created = try PostgresJournal.create(
            role.url(url), session: Fixture.created(), by: "lead", at: Fixture.t0, environment: role.environment)
        defer { created.close() }
        guard let ca = ProcessInfo.processInfo.environment["CONVENE_TEST_PG_CA"], !ca.isEmpty else {
            XCTFail("CONVENE_TEST_PG_CA is not set: export CONVENE_TEST_PG_CA=$(scripts/pg-test-cluster.sh ca)")
            return
        }
        var env = role.environment
        env["PGSSLMODE"] = "verify-full"
        env["HOME"] = "/nonexistent"
        XCTAssertThrowsError(
            try PostgresJournal.open(role.url(url), environment: env).close(),
            "a self-signed server must fail verify-full")
        env["PGSSLROOTCERT"] = ca
        let j = try PostgresJournal.open(role.url(url), environment: env)
        XCTAssertEqual(
            try j.link.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.decode(Bool.self), true)
        j.close()
    }
}
