import Foundation
import XCTest

/// Bad input: one clear line on stderr, a non-zero exit, and the file unchanged.
final class BadInputTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Bad input"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P01", "--role", "Social worker"])
        try ConveneProcess.ok(["log", file, "--source", "verbal", "--speaker", "P01", "--", "Baseline"])
    }

    private func fingerprint(_ path: String) -> Data {
        // The logical content: every event as listed. (SQLite may touch -shm on read.)
        (try? ConveneProcess.run(["events", path]).stdoutData) ?? Data()
    }

    private func assertRefused(
        _ args: [String], mentions: String, stdin: Data? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = fingerprint(self.file)
        let r = try ConveneProcess.run(args, stdin: stdin)
        XCTAssertNotEqual(r.status, 0, "should fail: \(args.prefix(4))", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(
            r.stderr.lowercased().contains(mentions.lowercased()), "\(r.stderr) should mention \(mentions)", file: file,
            line: line)
        XCTAssertEqual(fingerprint(self.file), before, "the session file changed", file: file, line: line)
    }

    func testMissingFile() throws {
        try assertRefused(["show", dir.appendingPathComponent("nope.convene").path], mentions: "no session file")
    }

    func testNotSQLite() throws {
        let other = dir.appendingPathComponent("notes.convene")
        try Data("just some notes\n".utf8).write(to: other)
        try assertRefused(["list", other.path], mentions: "not a Convene session file")
        XCTAssertEqual(try String(contentsOf: other, encoding: .utf8), "just some notes\n")
    }

    func testOtherSQLiteDatabase() throws {
        let other = dir.appendingPathComponent("other.db").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"]
        try p.run()
        p.waitUntilExit()
        try assertRefused(["log", other, "--source", "chat", "--", "x"], mentions: "not a Convene session file")
    }

    func testTruncatedFile() throws {
        // Make the main file carry everything, then cut it in half.
        try ConveneProcess.ok(["check", file])
        let copy = dir.appendingPathComponent("cut.convene")
        let full = try Data(contentsOf: URL(fileURLWithPath: file))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: file + "-wal"))) ?? Data()
        XCTAssertTrue(full.count > 4096 || wal.count > 0)
        try full.prefix(max(100, full.count / 2)).write(to: copy)
        let r = try ConveneProcess.run(["show", copy.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }

    func testNewerFormatIsRefused() throws {
        let newer = dir.appendingPathComponent("newer.convene").path
        try FileManager.default.copyItem(atPath: file, toPath: newer)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: file + suffix) {
            try FileManager.default.copyItem(atPath: file + suffix, toPath: newer + suffix)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [newer, "UPDATE meta SET value = '99' WHERE key = 'format';"]
        try p.run()
        p.waitUntilExit()
        let r = try ConveneProcess.run(["show", newer])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("newer Convene"), r.stderr)
    }

    func testEmptyAndHugeText() throws {
        try assertRefused(["log", file, "--source", "chat", "--", "   "], mentions: "empty")
        let huge = Data(String(repeating: "a", count: 1_000_000).utf8)
        try assertRefused(["log", file, "--source", "chat", "--", "-"], mentions: "longer than", stdin: huge)
    }

    func testUnknownCodesAndRooms() throws {
        try assertRefused(["log", file, "--source", "verbal", "--speaker", "P77", "--", "x"], mentions: "P77")
        try assertRefused(["group", "assign", file, "P01", "Garden"], mentions: "Garden")
        try assertRefused(["consent", file, "P42"], mentions: "P42")
    }

    func testInvalidUTF8OnTheCommandLine() throws {
        // Process takes Strings, so hand the raw bytes over through a shell.
        let before = fingerprint(file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [
            "-c", "\"$0\" log \"$1\" --source chat -- \"$(printf 'bad \\377\\376 bytes')\"", ConveneProcess.binary.path,
            file,
        ]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertTrue(message.contains("not valid UTF-8"), message)
        XCTAssertEqual(fingerprint(file), before)
    }

    func testControlCharactersAreStoredButNeverEchoed() throws {
        let hostile = "look \u{1B}[31mred\u{1B}[0m and \u{07}bell \u{202E}reversed \u{9B}2J"
        try ConveneProcess.ok(["log", file, "--source", "chat", "--", hostile])
        let human = try ConveneProcess.ok(["list", file])
        XCTAssertFalse(human.stdoutData.contains(0x1B), "raw ESC reached the terminal")
        XCTAssertFalse(human.stdoutData.contains(0x07), "raw BEL reached the terminal")
        XCTAssertFalse(human.stdout.unicodeScalars.contains("\u{202E}"))
        XCTAssertFalse(human.stdout.unicodeScalars.contains("\u{9B}"))
        let json = try ConveneProcess.ok(["list", file, "--json"])
        XCTAssertFalse(json.stdoutData.contains(0x1B))
        XCTAssertFalse(json.stdout.unicodeScalars.contains("\u{9B}"))
        let stored = try JSONSerialization.jsonObject(with: Data(json.lines[1].utf8)) as! [String: Any]
        XCTAssertEqual(stored["text"] as? String, hostile, "stored as given")
    }

    func testWriterThatDoesNotReleaseTheFile() throws {
        // Hold a write lock with sqlite3 for longer than convene waits.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [file]
        let input = Pipe()
        holder.standardInput = input
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'held';\n".utf8))
        // Wait until sqlite3 says it holds the lock, not a fixed time.
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            XCTAssertFalse(chunk.isEmpty, "sqlite3 ended before taking the lock")
            if chunk.isEmpty { return }
            said += chunk
        }
        let start = Date()
        let r = try ConveneProcess.run(["log", file, "--source", "chat", "--", "blocked"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("held by another program"), r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let list = try ConveneProcess.ok(["list", file, "--json"]).lines
        XCTAssertEqual(list.count, 1, "nothing partial was written")
    }
}
