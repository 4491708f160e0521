import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import TeamStore

/// The PostgreSQL journal against a real server: ordering under concurrent
/// writers, validation, wake-ups, and a backend killed mid-session.
final class PostgresJournalTests: XCTestCase {
    func testCreateAppendReopenKeepsStateAndChain() throws {
        let url = try TestServer.session("basic")
        let j = try PostgresJournal.create(url, session: Fixture.created("Basic"), by: "lead", at: Fixture.t0)
        defer { j.close() }
        try j.append(
            [Fixture.contribution("first"), Fixture.contribution("second")], by: "nt",
            at: Fixture.t0.addingTimeInterval(5))
        XCTAssertEqual(j.state.contributions.map(\.text), ["first", "second"])

        let again = try PostgresJournal.open(url)
        defer { again.close() }
        XCTAssertEqual(again.state.contributions.map(\.text), ["first", "second"])
        XCTAssertEqual(again.state.info?.title, "Basic")
        let (_, rows) = try SessionTransfer.raw(again.target)
        XCTAssertEqual(rows.map(\.seq), [1, 2, 3])
        XCTAssertNil(RawEventRow.firstBrokenLink(rows), "the server's chain must verify like a file's")
    }

    func testInvalidAppendIsRefusedAndStoresNothing() throws {
        let url = try TestServer.session("invalid")
        let j = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { j.close() }
        XCTAssertThrowsError(
            try j.append(
                [Fixture.contribution("ok"), ContributionEdited(number: 9, text: "x")], by: "nt", at: Fixture.t0)
        ) { e in
            guard case StoreError.rejected = e else { return XCTFail("expected a rejection, got \(e)") }
        }
        XCTAssertEqual(j.state.eventCount, 1, "all or none")
        let other = try PostgresJournal.open(url)
        defer { other.close() }
        XCTAssertEqual(other.state.eventCount, 1)
    }

    func testOpeningAMissingSessionSaysHowToCreateOne() throws {
        let url = try TestServer.session("missing")
        XCTAssertThrowsError(try PostgresJournal.open(url)) { e in
            XCTAssertTrue("\(e)".contains("convene push"), "\(e)")
        }
    }

    func testNotificationWakesAnotherConsole() throws {
        let url = try TestServer.session("notify")
        let writer = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        defer { writer.close() }
        let reader = try PostgresJournal.open(url)
        defer { reader.close() }
        reader.pollInterval = 3600 // only a notification can make it read
        _ = try reader.refresh()
        XCTAssertTrue(try reader.refresh().isEmpty)
        try writer.append([Fixture.contribution("hello")], by: "nt", at: Fixture.t0)
        let start = Date()
        var got: [StoredEvent] = []
        // With polling an hour apart, only the notification can bring the event in; how fast it
        // does is a figure for convene-bench (TeamBench), not an assertion on a loaded machine.
        while got.isEmpty && Date().timeIntervalSince(start) < 30 {
            reader.waitForChange(timeout: 0.5)
            got = try reader.refresh()
        }
        XCTAssertEqual(got.map(\.seq), [2], "NOTIFY did not wake the reader")
    }

    func testTwoConcurrentWriters() throws { try concurrentWriters(2, each: 40) }
    func testEightConcurrentWriters() throws { try concurrentWriters(8, each: 25) }

    /// `n` writers, each on its own connection and thread, append at once;
    /// every reader then sees every event, in one and the same order.
    private func concurrentWriters(_ n: Int, each: Int) throws {
        let url = try TestServer.session("writers\(n)")
        let first = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0)
        first.close()
        let writers = try (0..<n).map { _ in try PostgresJournal.open(url) }
        defer { for writer in writers { writer.close() } }
        let failures = Failures()
        let total = 1 + n * each
        // A console following live while the writers write.
        let follower = try PostgresJournal.open(url)
        defer { follower.close() }
        let followed = Failures()
        let following = DispatchGroup()
        following.enter()
        Thread.detachNewThread {
            defer { following.leave() }
            let deadline = Date().addingTimeInterval(120)
            var seen = 1
            while seen < total && Date() < deadline {
                follower.waitForChange(timeout: 0.2)
                do {
                    for e in try follower.refresh() {
                        if e.seq != seen + 1 { failures.add("the follower got seq \(e.seq) after \(seen)") }
                        seen = e.seq
                        followed.add(e.event.id.uuidString)
                    }
                } catch { failures.add("follower: \(error)") }
            }
        }
        let go = DispatchGroup()
        for (w, journal) in writers.enumerated() {
            go.enter()
            Thread.detachNewThread {
                defer { go.leave() }
                for i in 0..<each {
                    do {
                        try journal.append([Fixture.contribution("w\(w) #\(i)")], by: "writer\(w)", at: Fixture.t0)
                    } catch { failures.add("writer \(w) append \(i): \(error)") }
                }
            }
        }
        XCTAssertEqual(go.wait(timeout: .now() + 120), .success, "writers did not finish")
        XCTAssertEqual(following.wait(timeout: .now() + 120), .success, "the follower did not catch up")
        XCTAssertEqual(failures.all, [])
        let reader = try PostgresJournal.open(url)
        defer { reader.close() }
        let order = reader.state.contributions.map(\.text)
        XCTAssertEqual(order.count, n * each)
        XCTAssertEqual(Set(order).count, n * each, "no duplicates")
        for w in 0..<n {
            let mine = order.filter { $0.hasPrefix("w\(w) ") }
            XCTAssertEqual(mine, (0..<each).map { "w\(w) #\($0)" }, "each writer's events keep their own order")
        }
        for journal in writers {
            journal.pollInterval = 0
            try journal.refresh()
            XCTAssertEqual(journal.state.eventCount, total)
            XCTAssertEqual(journal.state.contributions.map(\.text), order, "every console sees the same order")
        }
        let (_, rows) = try SessionTransfer.raw(reader.target)
        XCTAssertEqual(rows.map(\.seq), Array(1...total))
        XCTAssertEqual(
            followed.all, rows.dropFirst().map { $0.id.uppercased() },
            "the live follower saw every event, in the server's order")
        XCTAssertNil(RawEventRow.firstBrokenLink(rows))
    }

    /// The server kills the console's backend between appends: the console
    /// reconnects (or queues in its outbox) and nothing is lost or doubled.
    func testTerminatedBackendLosesAndDuplicatesNothing() throws {
        let url = try TestServer.session("terminate")
        let outbox = try Fixture.outbox()
        let j = try PostgresJournal.create(url, session: Fixture.created(), by: "lead", at: Fixture.t0, outbox: outbox)
        defer { j.close() }
        j.retryInterval = 0
        let admin = try TestServer.admin()
        defer { admin.close() }
        var sent: [String] = []
        for i in 0..<30 {
            if i % 7 == 3 {
                // Kill the backend of a live link (wait for the previous reconnection first).
                let back = Date().addingTimeInterval(5)
                while j.isOffline && Date() < back {
                    try j.refresh()
                    Thread.sleep(forTimeInterval: 0.02)
                }
                let pid = try j.backendPID()
                try admin.run("SELECT pg_terminate_backend($1::int)", [.int(pid)])
                Thread.sleep(forTimeInterval: 0.05)
            }
            try j.append([Fixture.contribution("line \(i)")], by: "nt", at: Fixture.t0)
            sent.append("line \(i)")
        }
        XCTAssertEqual(j.state.contributions.map(\.text), sent, "the console's own view keeps every line")
        let deadline = Date().addingTimeInterval(10)
        j.pollInterval = 0
        while (j.isOffline || j.confirmedCount < 31) && Date() < deadline {
            try j.refresh()
            Thread.sleep(forTimeInterval: 0.05)
        }
        let reader = try PostgresJournal.open(url)
        defer { reader.close() }
        XCTAssertEqual(
            reader.state.contributions.map(\.text), sent, "the server holds every line exactly once, in order")
        XCTAssertEqual(try outbox.pendingCount(target: j.outboxKey), 0)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}
