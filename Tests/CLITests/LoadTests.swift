import ConveneTestSupport
import Foundation
import XCTest

/// Load: 8 writer processes at 50 events/s each on one SQLite session with two
/// consoles open (in tmux), run by `convene-bench load`: no writer error, no
/// acknowledged event lost, `check` passes, and the consoles' frame times are
/// printed (p99 goal < 50 ms; a figure, not an assertion — the suite runs on
/// shared machines). 10 s here; `FAULTS_LONG=1` runs the full 60 s.
final class LoadTests: XCTestCase {
    func testEightWritersWithTwoConsolesOpen() throws {
        guard Tmux.available else {
            XCTFail(
                "tmux is not installed: the load test needs two consoles in terminals (apt-get install tmux; .ci/run does this)"
            )
            return
        }
        let long = ProcessInfo.processInfo.environment["FAULTS_LONG"] == "1"
        let seconds = long ? 60 : 10
        let bench = ConveneProcess.binary.deletingLastPathComponent().appendingPathComponent("convene-bench")
        guard FileManager.default.isExecutableFile(atPath: bench.path) else {
            XCTFail("convene-bench is not built beside convene (\(bench.path)); run `swift build --build-tests`")
            return
        }
        let p = Process()
        p.executableURL = bench
        p.arguments = ["load", "8", "50", String(seconds)]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let errBox = DataBox()
        let errHandle = err.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.set(errHandle.readDataToEndOfFile())
            group.leave()
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        p.waitUntilExit()
        let stderr = String(decoding: errBox.get(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, stderr)
        XCTAssertEqual(stderr, "", "a writer reported an error")
        for line in text.split(separator: "\n") where line.hasPrefix("load:") { print(line) }
        let result = try XCTUnwrap(text.split(separator: "\n").last { $0.hasPrefix("load-result:") }, text)
        var fields = [String: String]()
        for kv in result.split(separator: " ").dropFirst() {
            let pair = kv.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        let expected = 8 * 50 * seconds
        XCTAssertEqual(fields["errors"], "0", "no writer error")
        XCTAssertEqual(fields["acknowledged"], String(expected), "every write acknowledged")
        XCTAssertEqual(fields["stored"], String(expected), "every acknowledged event stored, none twice")
        XCTAssertEqual(fields["lost"], "0")
        XCTAssertEqual(fields["check"], "ok", "convene check after the load")
        XCTAssertGreaterThan(
            Int(fields["frames"] ?? "") ?? 0, seconds * 4, "the consoles kept redrawing while the writers wrote")
    }
}
