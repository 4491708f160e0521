import ConveneTestSupport
import Foundation
import XCTest

/// Every contribution whose `convene log` printed its number survives SIGKILL at any
/// moment of the durable write. The writer kills itself at fault points inside the
/// journal (`CONVENE_FAULT_POINT`, compiled into debug builds only): just before COMMIT,
/// inside it before the WAL is written and fsynced, just after the fsync, and after the
/// transaction before the number is printed. A build that printed the number before its
/// transaction committed fails here: its `before-commit` runs print a number whose text
/// is not in the file.
final class DurabilityTests: XCTestCase {
    /// Kills at each point (fixed, so every run exercises every point the same way).
    private let killsPerPoint = 6

    struct Outcome {
        var acknowledged: Int?
        var killed: Bool
    }

    /// Runs one `convene log` armed at `point` and reports what it said before dying.
    private func log(_ file: String, _ text: String, point: String? = nil, env: [String: String] = [:]) throws
        -> Outcome
    {
        var env = env
        if let point { env["CONVENE_FAULT_POINT"] = point }
        let r = try ConveneProcess.run(["log", file, "--source", "chat", "--", text], env: env)
        // An acknowledgement is a printed number: whatever else happened, that is what a user saw.
        let number = r.lines.lazy.compactMap { $0.hasPrefix("#") ? Int($0.dropFirst()) : nil }.first
        return Outcome(acknowledged: number, killed: r.reason == .uncaughtSignal && r.status == SIGKILL)
    }

    private func contributions(_ file: String) throws -> [Int: String] {
        var out: [Int: String] = [:]
        for line in try ConveneProcess.ok(["list", file, "--json"]).lines {
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            out[try XCTUnwrap(o["number"] as? Int)] = o["text"] as? String
        }
        return out
    }

    func testKillsAtEveryPointOfTheCommitLoseNothingAcknowledged() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("d.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Durability"])
        // What each point must leave: the death comes before the commit is durable, or after.
        let points: [(name: String, durable: Bool)] = [
            ("before-commit", false), ("during-commit", false), ("after-wal-fsync", true), ("after-commit", true),
        ]
        var acknowledged: [Int: String] = [:]
        var summary: [String] = []
        for (point, durable) in points {
            var present = 0
            for k in 0..<killsPerPoint {
                // An ordinary write between kills: the file must keep taking them.
                let plain = "ack-\(point)-\(k)"
                let ok = try log(f, plain)
                XCTAssertFalse(ok.killed, "an unarmed writer died")
                acknowledged[try XCTUnwrap(ok.acknowledged, "unarmed log printed no number")] = plain

                let text = "killed-\(point)-\(k)-é👩🏽‍⚕️"
                let victim = try log(f, text, point: point)
                XCTAssertTrue(victim.killed, "\(point): the writer did not die at its fault point (debug build?)")
                if let n = victim.acknowledged { acknowledged[n] = text }
                let now = try contributions(f)
                let found = now.filter { $0.value.hasPrefix("killed-\(point)-\(k)-") }
                // Unacknowledged: absent, or there whole (never a fragment, never twice).
                XCTAssertLessThanOrEqual(found.count, 1, "\(point): logged twice")
                for value in found.values { XCTAssertEqual(value, text, "\(point): a torn contribution") }
                XCTAssertEqual(
                    !found.isEmpty, durable,
                    "\(point): a death here must \(durable ? "keep" : "lose") the write")
                present += found.count
                for (n, t) in acknowledged { XCTAssertEqual(now[n], t, "\(point): acknowledged #\(n) lost or changed") }
            }
            summary.append("\(point): \(killsPerPoint) killed, \(present) present")
        }
        let final = try contributions(f)
        XCTAssertEqual(final.keys.sorted(), Array(1...final.count), "numbers are contiguous")
        for (n, t) in acknowledged { XCTAssertEqual(final[n], t, "acknowledged #\(n) was lost") }
        let check = try ConveneProcess.run(["check", f])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        print("durability: " + summary.joined(separator: "; ") + "; \(acknowledged.count) acknowledged, all present")
    }

    /// Withdrawal killed after its erasure committed but before the VACUUM (or before the WAL
    /// is truncated): the withdrawal stands, the file checks, and `purge` leaves no byte of
    /// the erased text in the file, its WAL or shared memory. Killed before the erasure's
    /// commit: nothing was erased and the withdrawal can simply be run again.
    func testWithdrawalKilledBetweenEraseAndVacuum() throws {
        for point in ["before-erase-commit", "after-erase-commit", "after-vacuum"] {
            let dir = try ConveneProcess.tempDir()
            let f = dir.appendingPathComponent("w.convene").path
            try ConveneProcess.ok(["new", f, "--title", "Erasure"])
            try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Youth worker"])
            try ConveneProcess.ok(["participant", "add", f, "--code", "P02", "--role", "Nurse"])
            let secret = "Withdrawn-\(UUID().uuidString.prefix(8))"
            try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", secret])
            try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P02", "--", "Stays here"])
            let r = try ConveneProcess.run(["withdraw", f, "P01"], env: ["CONVENE_FAULT_POINT": point])
            XCTAssertTrue(r.reason == .uncaughtSignal && r.status == SIGKILL, "\(point): withdraw did not die there")
            XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0, "\(point): the file must check")
            let texts = try contributions(f)
            XCTAssertEqual(texts[2], "Stays here")
            if point == "before-erase-commit" {
                XCTAssertEqual(texts[1], secret, "nothing is erased before the commit")
                try ConveneProcess.ok(["withdraw", f, "P01"])
            } else {
                XCTAssertNil(texts[1], "\(point): the committed erasure stands")
                try ConveneProcess.ok(["purge", f])
            }
            XCTAssertNil(try contributions(f)[1])
            for suffix in ["", "-wal", "-shm"] {
                guard let bytes = FileManager.default.contents(atPath: f + suffix) else { continue }
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(point): the erased text is still in \(f + suffix)")
            }
        }
    }

    /// The PostgreSQL append: `convene push` writes a whole session in one transaction; killed
    /// just before its COMMIT the server holds nothing (the session can be pushed again), killed
    /// just after it the server holds every event, intact (pulled back and checked).
    func testTeamSessionAppendKilledAroundCommit() throws {
        guard let server = TeamConsoleTests.server, server.hasPrefix("postgres://") else {
            throw TestRun.cannotRun("no PostgreSQL server (CONVENE_TEST_PG, or scripts/pg-test-cluster.sh)")
        }
        let dir = try ConveneProcess.tempDir()
        for (point, durable) in [("before-commit", false), ("after-commit", true)] {
            for k in 0..<3 {
                // A fresh file each time: its events' ids may be on the server once only.
                let f = dir.appendingPathComponent("team-\(point)-\(k).convene").path
                try ConveneProcess.ok(["new", f, "--title", "Team kill"])
                for i in 0..<3 { try ConveneProcess.ok(["log", f, "--source", "chat", "--", "team line \(i) 👩🏽‍⚕️"]) }
                let local = try contributions(f)
                let url = server + "?session=kill-\(UUID().uuidString.prefix(8).lowercased())"
                let r = try ConveneProcess.run(["push", f, url], env: ["CONVENE_FAULT_POINT": point])
                XCTAssertTrue(
                    r.reason == .uncaughtSignal && r.status == SIGKILL, "\(point): push did not die there: \(r.stderr)")
                let pulled = dir.appendingPathComponent("pulled-\(point)-\(k).convene").path
                let pull = try ConveneProcess.run(["pull", url, pulled])
                if durable {
                    XCTAssertEqual(
                        pull.status, 0, "\(point): the committed session is not on the server: \(pull.stderr)")
                    XCTAssertEqual(try contributions(pulled), local, "\(point): the server's copy differs")
                    XCTAssertEqual(try ConveneProcess.run(["check", pulled]).status, 0)
                } else {
                    XCTAssertNotEqual(pull.status, 0, "\(point): an uncommitted push left a session on the server")
                    try ConveneProcess.ok(["push", f, url])
                }
            }
        }
    }

    /// The PostgreSQL append through `convene log postgres://…`: the writer dies just before its
    /// transaction's COMMIT (the rows not yet sent) or just after it, before it prints the number.
    /// Every number a writer printed is on the server with its text; a killed writer's line is
    /// absent (before) or there once and whole (after); numbers stay contiguous and `check` passes.
    func testTeamLogKilledAroundCommit() throws {
        guard let server = TeamConsoleTests.server, server.hasPrefix("postgres://") else {
            throw TestRun.cannotRun("no PostgreSQL server (CONVENE_TEST_PG, or scripts/pg-test-cluster.sh)")
        }
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("team-log.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Team log kills"])
        let url = server + "?session=logkill-\(UUID().uuidString.prefix(8).lowercased())"
        try ConveneProcess.ok(["push", f, url])
        // An outbox of this test's own, so no other test's pending events are replayed here.
        let env = ["CONVENE_OUTBOX": dir.appendingPathComponent("outbox.sqlite").path]
        var acknowledged: [Int: String] = [:]
        var summary: [String] = []
        for (point, durable) in [("before-commit", false), ("after-commit", true)] {
            var present = 0
            for k in 0..<4 {
                let plain = "team-ack-\(point)-\(k)"
                let ok = try log(url, plain, env: env)
                XCTAssertFalse(ok.killed, "an unarmed writer died")
                acknowledged[try XCTUnwrap(ok.acknowledged, "unarmed team log printed no number")] = plain

                let text = "team-killed-\(point)-\(k)-é👩🏽‍⚕️"
                let victim = try log(url, text, point: point, env: env)
                XCTAssertTrue(victim.killed, "\(point): the team writer did not die at its fault point (debug build?)")
                if let n = victim.acknowledged { acknowledged[n] = text }
                let now = try contributions(url)
                let found = now.filter { $0.value.hasPrefix("team-killed-\(point)-\(k)-") }
                XCTAssertLessThanOrEqual(found.count, 1, "\(point): logged twice")
                for value in found.values { XCTAssertEqual(value, text, "\(point): a torn contribution") }
                XCTAssertEqual(
                    !found.isEmpty, durable, "\(point): a death here must \(durable ? "keep" : "lose") the write")
                present += found.count
                for (n, t) in acknowledged { XCTAssertEqual(now[n], t, "\(point): acknowledged #\(n) lost or changed") }
            }
            summary.append("\(point): 4 killed, \(present) present")
        }
        let final = try contributions(url)
        XCTAssertEqual(final.keys.sorted(), Array(1...max(1, final.count)), "numbers are contiguous")
        XCTAssertEqual(final.count, acknowledged.count + 4, "the acknowledged lines and the four committed victims")
        let check = try ConveneProcess.run(["check", url], env: env)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        print(
            "team durability: " + summary.joined(separator: "; ") + "; \(acknowledged.count) acknowledged, all present")
    }

    func testSeveralWritersAtOnceWithKills() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("w.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Writers"])
        let writers = 4
        let each = 15
        let box = StringsBox()
        let points = ["before-commit", "during-commit", "after-wal-fsync", "after-commit"]
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for i in 0..<each {
                let text = "w\(w)-\(i)"
                if let r = try? ConveneProcess.run(["log", f, "--source", "chat", "--", text]), r.status == 0 {
                    box.append(text)
                }
                if i % 3 == 0 {
                    // A victim dies at a fault point while the others write.
                    _ = try? ConveneProcess.run(
                        ["log", f, "--source", "chat", "--", "victim-\(w)-\(i)"],
                        env: ["CONVENE_FAULT_POINT": points[(w + i) % points.count]])
                }
            }
        }
        let acknowledged = box.all
        XCTAssertEqual(acknowledged.count, writers * each, "a writer was refused while others wrote")
        let list = try contributions(f)
        let texts = Set(list.values)
        for text in acknowledged { XCTAssertTrue(texts.contains(text), "lost \(text)") }
        XCTAssertEqual(list.keys.sorted(), Array(1...list.count), "numbers are contiguous")
        XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0)
    }
}
