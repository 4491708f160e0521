import ConveneTestSupport
import Foundation
import XCTest

/// The session file changes under a running console: deleted, replaced by
/// another file, or read-only. SQLite would go on writing into a deleted or
/// replaced file nobody can find again, so every write first checks that the
/// path still names the file that was opened. Each case: one clear message in
/// the console, no crash, the unsent line kept, nothing written where it would be lost.
final class FileUnderConsoleTests: XCTestCase {
    var dir: URL!
    var file: String!

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        file = dir.appendingPathComponent("live.convene").path
        try ConveneProcess.ok(["new", file, "--title", "Under the console"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P01", "--role", "Youth worker"])
        try ConveneProcess.ok(["log", file, "--source", "chat", "--", "before"])
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func console(_ prefix: String = "") throws -> Tmux {
        let t = try Tmux(
            prefix + conveneCommand("open '\(file!)'", user: "Ira Notes", after: "echo CONSOLE-EXITED; sleep 60"))
        XCTAssertNotNil(try t.waitFor("Rooms", timeout: 10), t.screen())
        return t
    }

    private func logAndExpect(_ t: Tmux, _ words: String, message: String) throws {
        try t.type("1: \(words)")
        try t.send("Enter")
        XCTAssertNotNil(try t.waitFor(message, timeout: 5), "no clear message:\n\(t.screen())")
        // Keys are handled in order, so a mark typed after Enter lands after the refused line has been given back.
        // (The message alone can be seen too early: a read-only file's console already shows it from its own
        // opening, before the Enter is handled.)
        try t.type(" ~kept")
        let kept = eventually(timeout: 5) {
            t.screen().split(separator: "\n").contains { $0.hasPrefix("›") && $0.contains("\(words) ~kept") }
        }
        let screen = t.screen()
        XCTAssertFalse(screen.contains("CONSOLE-EXITED"), "the console ended:\n\(screen)")
        XCTAssertTrue(screen.contains("Rooms"), "the console is still drawn:\n\(screen)")
        XCTAssertTrue(kept, "the unsent line is kept:\n\(screen)")
    }

    func testFileDeletedUnderARunningConsole() throws {
        let t = try console()
        defer { t.kill() }
        try FileManager.default.removeItem(atPath: file)
        try logAndExpect(t, "said after the delete", message: "was deleted or moved away")
        // The message stays while the file is gone (every refresh checks), and the console does not crash on keys.
        try t.send("Escape")
        t.expect(" PANES ")
        try t.type("k")
        try t.type("i")
        t.expect("TYPING", "the keys were handled: back to typing")
        t.expect("deleted or moved away", "every refresh checks the file, so the message comes back after the keys")
        XCTAssertFalse(t.screen().contains("CONSOLE-EXITED"))
        let r = try ConveneProcess.run(["list", file])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no session file"), r.stderr)
    }

    func testFileMovedAwayUnderARunningConsoleIsNotWrittenBehindItsBack() throws {
        let t = try console()
        defer { t.kill() }
        let moved = dir.appendingPathComponent("moved.convene").path
        XCTAssertEqual(rename(file, moved), 0)
        try logAndExpect(t, "said after the move", message: "deleted or moved away")
        t.kill()
        let texts = try ConveneProcess.ok(["list", moved, "--json"]).stdout
        XCTAssertFalse(texts.contains("said after the move"), "written into a file the console no longer names")
        XCTAssertEqual(try ConveneProcess.run(["check", moved]).status, 0)
    }

    func testFileReplacedUnderARunningConsole() throws {
        let t = try console()
        defer { t.kill() }
        let other = dir.appendingPathComponent("other.convene").path
        try ConveneProcess.ok(["new", other, "--title", "Another session"])
        // Replace as a copy tool does: the new file renamed over the old name.
        XCTAssertEqual(rename(other, file), 0)
        try logAndExpect(t, "said after the replace", message: "replaced by another file")
        t.kill()
    }

    func testReadOnlyFile() throws {
        // Root ignores file modes: run the console and the CLI as `nobody`, in a folder it may write (-shm), on a 0444 file.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            XCTFail(
                "the read-only file test runs the console as `nobody` with setpriv, which needs root (CI runs as root)")
            return
        }
        try ConveneProcess.ok(["check", file]) // leaves the file whole, the WAL folded in
        chmod(dir.path, 0o777)
        for suffix in ["-wal", "-shm"] { chmod(file + suffix, 0o666) }
        chmod(file, 0o444)
        let asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups "
        let t = try console(asNobody)
        defer { t.kill() }
        try logAndExpect(t, "said into a read-only file", message: "cannot be written")
        t.kill()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", ConveneProcess.binary.path, "log", file, "--source",
            "chat", "--", "after",
        ]
        p.environment = ConveneProcess.environment([:])
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertEqual(message.split(separator: "\n").count, 1, message)
        XCTAssertTrue(message.contains("cannot be written"), message)
        let texts = try ConveneProcess.ok(["list", file, "--json"]).lines
        XCTAssertEqual(texts.count, 1, "nothing was added to the read-only file")
    }
}
