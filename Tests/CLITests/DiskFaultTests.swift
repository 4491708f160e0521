import ConveneTestSupport
import Foundation
import XCTest

/// A full disk and a read-only file system: a clear message, nothing partial,
/// and the file still passes `convene check`. These mount a small tmpfs, which
/// needs root; without it they fail loudly rather than pass silently.
final class DiskFaultTests: XCTestCase {
    var mountPoint: URL!

    override func setUpWithError() throws {
        guard getuid() == 0 else {
            XCTFail("DiskFaultTests need root to mount a tmpfs (run the suite as root, as CI does)")
            throw TestRun.cannotRun("not root")
        }
        mountPoint = try ConveneProcess.tempDir()
        try sh("mount -t tmpfs -o size=600k tmpfs '\(mountPoint.path)'")
    }

    override func tearDownWithError() throws {
        if let mountPoint { _ = try? sh("umount '\(mountPoint.path)'") }
    }

    @discardableResult
    func sh(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CLIFailure(command) }
        return p.terminationStatus
    }

    struct CLIFailure: Error {
        var command: String
        init(_ c: String) { command = c }
    }

    func testFullDisk() throws {
        let f = mountPoint.appendingPathComponent("full.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Full disk"])
        let chunk = String(repeating: "words ", count: 2_000)
        var acknowledged = 0
        var failure: ConveneProcess.Result?
        for i in 0..<400 {
            let r = try ConveneProcess.run(["log", f, "--source", "chat", "--", "\(i) \(chunk)"])
            if r.status == 0 {
                acknowledged += 1
            } else {
                failure = r
                break
            }
        }
        let refused = try XCTUnwrap(failure, "the disk never filled")
        XCTAssertTrue(refused.stderr.contains("full"), refused.stderr)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
        // Free space by removing a filler? There is none: read what was kept.
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines
        XCTAssertEqual(list.count, acknowledged, "no partial event, nothing acknowledged lost")
        XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0)
    }

    func testReadOnlyFileSystem() throws {
        let f = mountPoint.appendingPathComponent("ro.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Read only"])
        try ConveneProcess.ok(["log", f, "--source", "chat", "--", "before"])
        try sh("mount -o remount,ro '\(mountPoint.path)'")
        let r = try ConveneProcess.run(["log", f, "--source", "chat", "--", "after"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(
            r.stderr.contains("cannot be written") || r.stderr.contains("read-only")
                || r.stderr.contains("cannot open"), r.stderr)
        try sh("mount -o remount,rw '\(mountPoint.path)'")
        XCTAssertEqual(try ConveneProcess.ok(["list", f, "--json"]).lines.count, 1)
    }
}
