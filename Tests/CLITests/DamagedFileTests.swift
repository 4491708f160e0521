import Foundation
import XCTest

/// Damaged and hand-crafted session files: a clear message, no crash, `check`
/// names the damage, `salvage` recovers every intact event.
final class DamagedFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try ConveneProcess.tempDir() }

    func sqlite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, sql)
    }

    /// The rows sqlite3 prints for a query, one string per row.
    func sqliteRows(_ path: String, _ sql: String) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, sql)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A session of `n` contributions, checkpointed so the main file holds it all.
    func makeSession(_ name: String, contributions n: Int) throws -> String {
        let f = dir.appendingPathComponent(name).path
        try ConveneProcess.ok(["new", f, "--title", "Damage"])
        for i in 1...n {
            try ConveneProcess.ok([
                "log", f, "--source", "chat", "--",
                "Contribution number \(i) with enough words to fill pages \(String(repeating: "x", count: 300))",
            ])
        }
        try sqlite(f, "PRAGMA wal_checkpoint(TRUNCATE);")
        return f
    }

    func testFlippedBytesAreNamedByCheckAndSalvaged() throws {
        let f = try makeSession("flip.convene", contributions: 60)
        let copy = dir.appendingPathComponent("copy.convene").path
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f)))
        let pageSize = 4096
        XCTAssertGreaterThan(bytes.count, pageSize * 6)
        // Flip bytes in the middle of the journal's middle page (a page of the events table: other tables, such as
        // the kept scans, may have pages with nothing in them where a flip damages no content).
        let pages = try sqliteRows(
            f, "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno")
        XCTAssertGreaterThan(pages.count, 4, "the journal spans several pages")
        let page = (Int(pages[pages.count / 2]) ?? 1) - 1
        for i in 0..<64 { bytes[page * pageSize + 1000 + i] ^= 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: copy))

        let check = try ConveneProcess.run(["check", copy])
        XCTAssertNotEqual(check.status, 0, "check must name the damage")
        XCTAssertTrue(check.stdout.contains("damage:"), check.stdout + check.stderr)

        let opened = try ConveneProcess.run(["list", copy])
        if opened.status != 0 { XCTAssertEqual(opened.stderr.split(separator: "\n").count, 1, opened.stderr) }

        let rescued = dir.appendingPathComponent("rescued.convene").path
        let salvage = try ConveneProcess.ok(["salvage", copy, rescued])
        XCTAssertTrue(salvage.stdout.contains("recovered"), salvage.stdout)
        XCTAssertEqual(try ConveneProcess.run(["check", rescued]).status, 0, "the salvaged file is healthy")
        let recovered = try ConveneProcess.ok(["list", rescued, "--json"]).lines.count
        XCTAssertGreaterThan(recovered, 30, "most contributions survive one bad page")
        XCTAssertLessThanOrEqual(recovered, 60)
    }

    /// The snapshot is a cache an open quietly rebuilds, but damage inside it is still damage to the file: named.
    func testDamageInsideTheSnapshotIsNamedByCheck() throws {
        let demo = dir.appendingPathComponent("demo").path
        try ConveneProcess.ok(["demo", demo, "--no-show"])
        let name = try XCTUnwrap(
            try FileManager.default.contentsOfDirectory(atPath: demo).first { $0.hasSuffix(".convene") })
        let f = "\(demo)/\(name)"
        XCTAssertEqual(try sqliteRows(f, "SELECT count(*) FROM snapshot"), ["1"], "the demo keeps a snapshot")
        XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0, "healthy before")
        try sqlite(f, "UPDATE snapshot SET state = substr(state, 1, 40) || randomblob(8) || substr(state, 49)")
        let check = try ConveneProcess.run(["check", f])
        XCTAssertNotEqual(check.status, 0, check.stdout)
        XCTAssertTrue(
            check.stdout.contains("the snapshot is damaged") || check.stdout.contains("the snapshot differs"),
            check.stdout)
        // An open does not fail on it: it replays the journal.
        XCTAssertEqual(try ConveneProcess.run(["list", f]).status, 0)
    }

    func testSalvageOfAHealthyFileKeepsEverything() throws {
        let f = try makeSession("ok.convene", contributions: 5)
        let out = dir.appendingPathComponent("same.convene").path
        let r = try ConveneProcess.ok(["salvage", f, out])
        XCTAssertTrue(r.stdout.contains("nothing was lost"), r.stdout)
        XCTAssertEqual(
            try ConveneProcess.ok(["list", out, "--json"]).stdout, try ConveneProcess.ok(["list", f, "--json"]).stdout)
        XCTAssertNotEqual(try ConveneProcess.run(["salvage", f, out]).status, 0, "never overwrites")
    }

    func testHandCraftedFilesAreRefusedOrReadSafely() throws {
        let base = try makeSession("base.convene", contributions: 3)
        func variant(_ name: String, _ sql: String) throws -> String {
            let p = dir.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: base, toPath: p)
            try sqlite(p, "DROP TRIGGER events_append_only; DROP TRIGGER events_no_delete; " + sql)
            return p
        }
        let cases: [(String, String)] = [
            ("gap.convene", "DELETE FROM events WHERE seq = 2;"),
            ("order.convene", "UPDATE events SET seq = 99 WHERE seq = 3;"),
            ("unknown.convene", "UPDATE events SET kind = 'teleport.started' WHERE seq = 4;"),
            ("newer.convene", "UPDATE events SET version = 7 WHERE seq = 4;"),
            ("garbage.convene", "UPDATE events SET payload = X'00FF00FF' WHERE seq = 3;"),
            (
                "giant.convene",
                "UPDATE events SET payload = CAST(printf('{\"source\":\"chat\",\"room\":0,\"form\":\"verbatim\",\"replyTo\":[],\"text\":\"%s\"}', hex(zeroblob(3000000))) AS BLOB) WHERE seq = 3;"
            ),
        ]
        for (name, sql) in cases {
            let p = try variant(name, sql)
            let r = try ConveneProcess.run(["list", p, "--json"])
            // Either refused with one clear line, or read; never a crash.
            // A crash is a signal (Foundation reports it as the reason, never as a status over 128).
            XCTAssertEqual(r.reason, .exit, "\(name) died of signal \(r.status): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal error"), "\(name) crashed: \(r.stderr)")
            if r.status != 0 { XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(name): \(r.stderr)") }
            let check = try ConveneProcess.run(["check", p])
            XCTAssertNotEqual(check.status, 0, "\(name) must fail check")
        }
    }
}
