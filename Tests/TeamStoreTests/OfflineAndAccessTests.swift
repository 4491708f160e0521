import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import TeamStore

/// A login role of its own per test, so one console can be cut off
/// (NOLOGIN + pg_terminate_backend) while the others carry on.
struct TestRole {
    let name: String
    let password = "pw-" + UUID().uuidString.prefix(8)
    let admin: PostgresLink

    init(_ prefix: String, group: String, admin: PostgresLink) throws {
        name = "\(prefix)_\(UUID().uuidString.prefix(6).lowercased())"
        self.admin = admin
        try admin.run("CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE \(group)")
    }

    var environment: [String: String] { ["PGPASSWORD": password, "PGPASSFILE": "/nonexistent"] }

    /// `url` with this role as the user.
    func url(_ url: String) -> String {
        url.replacingOccurrences(of: "postgres://convene@", with: "postgres://\(name)@")
    }

    func cutOff() throws {
        try admin.run("ALTER ROLE \(name) NOLOGIN")
        try admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [.text(name)])
    }

    func restore() throws { try admin.run("ALTER ROLE \(name) LOGIN") }
}

final class OfflineOutboxTests: XCTestCase {
    private func waitOnline(_ j: PostgresJournal, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(10)
        j.pollInterval = 0
        repeat {
            try j.refresh()
            Thread.sleep(forTimeInterval: 0.05)
        } while (j.isOffline || j.offlineWaiting != nil) && Date() < deadline
        XCTAssertFalse(j.isOffline, "did not come back online", file: file, line: line)
        try j.refresh()
    }

    private func waitOffline(_ j: PostgresJournal) throws {
        let deadline = Date().addingTimeInterval(5)
        j.pollInterval = 0
        while !j.isOffline && Date() < deadline {
            try j.refresh()
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Cut off, keep working (state includes the waiting events, counted for the
    /// header), then reconnect: sent in order, exactly once.
    func testOfflineAppendsWaitAndAreSentOnceInOrder() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("offline")
        let lead = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { lead.close() }
        let role = try TestRole("nt_off", group: "convene_notetaker", admin: admin)
        let outbox = try Fixture.outbox()
        let nt = try PostgresJournal.open(role.url(url), outbox: outbox, environment: role.environment)
        defer { nt.close() }
        nt.retryInterval = 0.1
        try nt.append([Fixture.contribution("online 1")], by: "nt", at: Fixture.t0)
        try role.cutOff()
        try waitOffline(nt)
        XCTAssertTrue(nt.isOffline)
        for i in 1...3 { try nt.append([Fixture.contribution("offline \(i)")], by: "nt", at: Fixture.t0) }
        XCTAssertEqual(nt.offlineWaiting, 3, "the header's count")
        XCTAssertEqual(
            nt.state.contributions.map(\.text), ["online 1", "offline 1", "offline 2", "offline 3"],
            "the console keeps working")
        try lead.append([Fixture.contribution("lead meanwhile")], by: "lead", at: Fixture.t0)
        XCTAssertEqual(try outbox.pendingCount(target: nt.outboxKey), 3)

        try role.restore()
        try waitOnline(nt)
        XCTAssertNil(nt.offlineWaiting)
        XCTAssertEqual(try outbox.pendingCount(target: nt.outboxKey), 0)
        lead.pollInterval = 0
        try lead.refresh()
        let expected = ["online 1", "lead meanwhile", "offline 1", "offline 2", "offline 3"]
        XCTAssertEqual(
            lead.state.contributions.map(\.text), expected, "the server's order: the offline lines arrive after")
        XCTAssertEqual(nt.state.contributions.map(\.text), expected)
        let (_, rows) = try SessionTransfer.raw(lead.target)
        XCTAssertEqual(Set(rows.map(\.id)).count, rows.count)
        XCTAssertNil(RawEventRow.firstBrokenLink(rows))
    }

    /// An outbox that survives the console quitting is sent by the next open,
    /// and an event the server already holds (sent before the link dropped at
    /// commit) is not sent twice.
    func testOutboxSurvivesRestartAndIsIdempotentByEventID() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("restart")
        let lead = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { lead.close() }
        let role = try TestRole("nt_rs", group: "convene_notetaker", admin: admin)
        let outboxPath = Fixture.tempDir() + "/outbox.sqlite"
        do {
            let nt = try PostgresJournal.open(
                role.url(url), outbox: try Outbox(path: outboxPath), environment: role.environment)
            try role.cutOff()
            try waitOffline(nt)
            try nt.append([Fixture.contribution("kept across restart")], by: "nt", at: Fixture.t0)
            nt.close()
        }
        // Simulate "commit reached the server but the reply was lost": the
        // same event (same id) is already there when the outbox is replayed.
        let outbox = try Outbox(path: outboxPath)
        let target = try PostgresLocation(parsing: role.url(url))
        let waiting = try outbox.pending(
            target: "\(target.user)@\(target.host):\(target.port)/\(target.database)?session=\(target.session)",
            cipher: PlainPayloads())
        XCTAssertEqual(waiting.count, 1)
        try role.restore()
        let nt2 = try PostgresJournal.open(role.url(url), outbox: outbox, environment: role.environment)
        defer { nt2.close() }
        try waitOnline(nt2)
        lead.pollInterval = 0
        try lead.refresh()
        XCTAssertEqual(lead.state.contributions.map(\.text), ["kept across restart"])
        XCTAssertEqual(try outbox.pendingCount(target: nt2.outboxKey), 0)
        // Replaying the same event id again changes nothing.
        try outbox.add(waiting, target: nt2.outboxKey, cipher: PlainPayloads())
        let nt3 = try PostgresJournal.open(role.url(url), outbox: outbox, environment: role.environment)
        defer { nt3.close() }
        try waitOnline(nt3)
        try lead.refresh()
        XCTAssertEqual(lead.state.contributions.map(\.text), ["kept across restart"], "idempotent by event id")
        XCTAssertEqual(try outbox.pendingCount(target: nt3.outboxKey), 0)
    }

    /// The documented conflict rules: server order wins; the later edit or move
    /// in server order stands; an offline event the server state no longer
    /// allows is rejected, recorded and reported.
    func testConflictRules() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("conflict")
        let lead = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { lead.close() }
        try lead.append(
            [
                ParticipantAdded(code: "P1", jobRole: "Teacher"), GroupCreated(name: "Room A"),
                GroupCreated(name: "Room B"),
                Fixture.contribution("one"), Fixture.contribution("two"),
            ], by: "lead", at: Fixture.t0)
        let role = try TestRole("nt_cf", group: "convene_notetaker", admin: admin)
        let outbox = try Fixture.outbox()
        let nt = try PostgresJournal.open(role.url(url), outbox: outbox, environment: role.environment)
        defer { nt.close() }
        nt.retryInterval = 0.1
        let roomA = try XCTUnwrap(lead.state.room(named: "Room A")).id
        let roomB = try XCTUnwrap(lead.state.room(named: "Room B")).id
        try role.cutOff()
        try waitOffline(nt)
        // Offline: edit #1, move P1 to A, edit #2.
        try nt.append(
            [ContributionEdited(number: 1, text: "one (note-taker)")], by: "nt", at: Fixture.t0.addingTimeInterval(10))
        try nt.append([ParticipantAssigned(code: "P1", room: roomA)], by: "nt", at: Fixture.t0.addingTimeInterval(11))
        try nt.append(
            [ContributionEdited(number: 2, text: "two (note-taker)")], by: "nt", at: Fixture.t0.addingTimeInterval(12))
        // Meanwhile, online: edit #1, move P1 to B, strike #2.
        try lead.append(
            [ContributionEdited(number: 1, text: "one (lead)")], by: "lead", at: Fixture.t0.addingTimeInterval(20))
        try lead.append(
            [ParticipantAssigned(code: "P1", room: roomB)], by: "lead", at: Fixture.t0.addingTimeInterval(21))
        try lead.append(
            [ContributionStruck(number: 2, reason: "off topic")], by: "lead", at: Fixture.t0.addingTimeInterval(22))
        try role.restore()
        try waitOnline(nt)
        lead.pollInterval = 0
        try lead.refresh()
        for s in [lead.state, nt.state] {
            XCTAssertEqual(s.contributions[0].text, "one (note-taker)", "later in server order wins")
            XCTAssertEqual(s.participant("P1")?.room, roomA, "later in server order wins")
            XCTAssertEqual(s.contributions[1].text, "two", "an edit of a line struck meanwhile is rejected")
            XCTAssertTrue(s.contributions[1].struck)
        }
        let notices = nt.takeNotices()
        XCTAssertEqual(notices.count, 1)
        XCTAssertTrue(notices.first?.contains("contribution.edited") == true, "\(notices)")
        let rejected = try outbox.rejected(target: nt.outboxKey)
        XCTAssertEqual(rejected.map(\.kind), ["contribution.edited"])
        XCTAssertEqual(try outbox.pendingCount(target: nt.outboxKey), 0)
    }
}

/// Row-level security on the real server: observers never read the register;
/// note-takers read only the concerns they raised; leads read everything.
final class AccessTests: XCTestCase {
    func testRegisterIsHiddenByRole() throws {
        let admin = try TestServer.admin()
        defer { admin.close() }
        let url = try TestServer.session("rls")
        let lead = try TestRole("lead", group: "convene_lead", admin: admin)
        let sg = try TestRole("sg", group: "convene_safeguarding", admin: admin)
        let bob = try TestRole("nt_bob", group: "convene_notetaker", admin: admin)
        let dee = try TestRole("nt_dee", group: "convene_notetaker", admin: admin)
        let obs = try TestRole("obs", group: "convene_observer", admin: admin)
        let leadJ = try PostgresJournal.create(
            lead.url(url), session: Fixture.created(), by: "lead", at: Fixture.t0, environment: lead.environment)
        defer { leadJ.close() }
        try leadJ.append([Fixture.contribution("something worrying")], by: "lead", at: Fixture.t0)
        let bobJ = try PostgresJournal.open(bob.url(url), environment: bob.environment)
        defer { bobJ.close() }
        try bobJ.append(
            [
                ConcernRaised(
                    contributions: [1], category: .riskToChildOrYoungPerson, urgency: .immediate,
                    description: "bob's concern")
            ],
            by: "bob", at: Fixture.t0)
        try leadJ.append(
            [ConcernRaised(category: .unsafePractice, urgency: .afterSession, description: "lead's concern")],
            by: "lead", at: Fixture.t0)

        func concerns(_ role: TestRole) throws -> [String] {
            let j = try PostgresJournal.open(role.url(url), environment: role.environment)
            defer { j.close() }
            XCTAssertEqual(j.state.eventCount, 4, "\(role.name) sees every event's place in the chain")
            return j.state.register.concerns.map(\.description)
        }
        XCTAssertEqual(try concerns(lead), ["bob's concern", "lead's concern"])
        XCTAssertEqual(try concerns(sg), ["bob's concern", "lead's concern"])
        XCTAssertEqual(try concerns(bob), ["bob's concern"])
        XCTAssertEqual(try concerns(dee), [])
        XCTAssertEqual(try concerns(obs), [])
        // Straight SQL as the observer: not a single row of the register.
        let obsLink = PostgresLink(location: try PostgresLocation(parsing: obs.url(url)), password: obs.password)
        try obsLink.connect()
        defer { obsLink.close() }
        XCTAssertEqual(try obsLink.run("SELECT count(*) FROM convene_restricted").first?.decode(Int.self), 0)
        XCTAssertEqual(
            try obsLink.run("SELECT count(*) FROM convene_events WHERE restricted AND payload IS NOT NULL").first?
                .decode(Int.self), 0)
        // An observer cannot write; a note-taker cannot write in another's name.
        let obsJ = try PostgresJournal.open(obs.url(url), environment: obs.environment)
        defer { obsJ.close() }
        XCTAssertThrowsError(try obsJ.append([Fixture.contribution("x")], by: "obs", at: Fixture.t0))
        XCTAssertThrowsError(
            try obsLink.run(
                "INSERT INTO convene_events (session, seq, id, kind, version, at_ms, actor, restricted, commitment, hash, db_user) VALUES ('x', 1, gen_random_uuid(), 'k', 1, 0, 'a', false, '', '', 'convene')"
            ))
        // A pulled copy by a note-taker holds the others' concerns only as erased events, and still verifies.
        let file = Fixture.tempDir() + "/dee.convene"
        try SessionTransfer.pull(from: dee.url(url), to: file, environment: dee.environment)
        let pulled = try SQLiteJournal.rawJournal(path: file)
        XCTAssertNil(RawEventRow.firstBrokenLink(pulled.rows))
        XCTAssertEqual(pulled.rows.filter(\.restricted).map { $0.payload == nil }, [true, true])
    }
}

/// The whole server stopped for ten seconds mid-session (a cluster of the
/// test's own, so the other tests' server is untouched): the console keeps
/// appending into its outbox and, once the server is back, everything is on
/// it exactly once, in order.
final class ServerOutageTests: XCTestCase {
    func testServerStoppedForTenSecondsLosesAndDuplicatesNothing() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-cluster.sh").path
        let dir = NSTemporaryDirectory() + "convene-pg-outage-\(UUID().uuidString.prefix(6))"
        let outFile = dir + ".out"
        // posix_spawn + waitpid with output to a file: pg_ctl leaves a daemon
        // behind, and Foundation's Process waits on it (as the tmux harness notes).
        func spawn(_ args: [String]) throws -> pid_t {
            let command =
                ([script] + args).map { "'\($0)'" }.joined(separator: " ") + " > '\(outFile)' 2>&1 < /dev/null"
            let argv = ["/bin/sh", "-c", "CONVENE_PG_DIR='\(dir)' exec " + command]
            var pid: pid_t = 0
            let cArgs = argv.map { strdup($0) } + [nil]
            defer { for a in cArgs { free(a) } }
            guard posix_spawn(&pid, argv[0], nil, nil, cArgs, environ) == 0 else { throw CocoaError(.executableLoad) }
            return pid
        }
        func finished(_ pid: pid_t, wait: Bool) -> Int32? {
            var status: Int32 = 0
            let r = waitpid(pid, &status, wait ? 0 : WNOHANG)
            return r == pid ? (status >> 8) & 0xff : nil
        }
        let started = finished(try spawn(["start"]), wait: true)
        let server = ((try? String(contentsOfFile: outFile, encoding: .utf8)) ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard started == 0, server.hasPrefix("postgres://") else {
            XCTFail(
                "COULD NOT START A POSTGRESQL CLUSTER with scripts/pg-test-cluster.sh (needs /usr/lib/postgresql/*/bin): \(server)"
            )
            return
        }
        defer { _ = finished((try? spawn(["stop"])) ?? 0, wait: true) }
        let url = server + "?session=outage"
        let outbox = try Fixture.outbox()
        let j = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0, outbox: outbox)
        defer { j.close() }
        j.retryInterval = 0.5
        j.pollInterval = 0
        let restart = try spawn(["restart-after", "10"])
        var restartStatus: Int32?
        var sent: [String] = []
        var sawOffline = false
        let begin = Date()
        var i = 0
        while restartStatus == nil {
            try j.append([Fixture.contribution("line \(i)")], by: "nt", at: Fixture.t0)
            sent.append("line \(i)")
            i += 1
            try j.refresh()
            sawOffline = sawOffline || j.isOffline
            Thread.sleep(forTimeInterval: 0.25)
            restartStatus = finished(restart, wait: false)
            if Date().timeIntervalSince(begin) > 60 {
                XCTFail("the restart never finished")
                break
            }
        }
        XCTAssertEqual(restartStatus, 0)
        XCTAssertTrue(sawOffline, "the console should have noticed the server was gone")
        XCTAssertEqual(j.state.contributions.map(\.text), sent, "the console kept every line while the server was down")
        let deadline = Date().addingTimeInterval(15)
        repeat {
            try j.refresh()
            Thread.sleep(forTimeInterval: 0.1)
        } while (j.isOffline || j.offlineWaiting != nil || j.confirmedCount < sent.count + 1) && Date() < deadline
        let reader = try PostgresJournal.open(url)
        defer { reader.close() }
        XCTAssertEqual(reader.state.contributions.map(\.text), sent, "every line on the server exactly once, in order")
        XCTAssertEqual(try outbox.pendingCount(target: j.outboxKey), 0)
        print("server outage: \(sent.count) lines appended across a 10 s stop, all delivered once")
    }
}
