import ConveneTestSupport
import Foundation
import XCTest

/// The test helpers' wait for a child (ChildExit.swift): the status of an exit or a signal, and never forever.
final class ChildExitTests: XCTestCase {
    func shell(_ script: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        try p.run()
        return p
    }

    func testAnExitAndASignalAreReportedAsTheyHappened() throws {
        XCTAssertEqual(try shell("exit 3").waitForExit(), ChildExit(status: 3, signalled: false))
        XCTAssertEqual(try shell("kill -TERM $$").waitForExit(), ChildExit(status: SIGTERM, signalled: true))
    }

    func testAChildStillRunningAtTheDeadlineIsKilled() throws {
        let started = Date()
        let end = try shell("sleep 60").waitForExit(timeout: 0.5)
        XCTAssertEqual(end, ChildExit(status: SIGKILL, signalled: true))
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the wait ended at the deadline, not the child's end")
    }
}
