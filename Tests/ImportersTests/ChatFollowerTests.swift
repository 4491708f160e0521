import ConveneTestSupport
import Foundation
import XCTest

@testable import Importers

final class ChatFollowerTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A follower that takes the last message at the first quiet poll.
    private func quickFollower(_ path: String) -> ChatFollower {
        var f = ChatFollower(path: path)
        f.quietSeconds = 0
        return f
    }

    /// Two polls: one reads, the next (the file quiet) completes the last message.
    private func poll(_ follower: inout ChatFollower) throws -> ChatTranscript {
        var a = try follower.poll()
        let b = try follower.poll()
        a.messages += b.messages
        a.skipped += b.skipped
        return a
    }

    private static func append(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        precondition(fd >= 0)
        let bytes = Array(text.utf8)
        precondition(write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
    }

    /// A writer thread appends in bursts (some torn mid-line) while the test
    /// polls as `convene import --follow` does: every message arrives once, within a second.
    func testBurstsFromAnotherThreadArriveExactlyOnceWithinASecond() throws {
        let path = dir.appendingPathComponent("meeting_saved_chat.txt").path
        let log = WriteLog()
        let total = 120
        let seed: UInt64 = ProcessInfo.processInfo.environment["CONVENE_TEST_SEED"].flatMap { UInt64($0) } ?? 0xB0125
        print("testBurstsFromAnotherThreadArriveExactlyOnceWithinASecond seed \(seed)")
        let writer = Thread {
            var rng = SplitMix(seed: seed)
            var k = 0
            var seconds = 14 * 3600
            while k < total {
                let burst = min(total - k, Int.random(in: 1...12, using: &rng))
                var text = ""
                var ids = [Int]()
                for _ in 0..<burst {
                    seconds += 1
                    let clock = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    text +=
                        k % 3 == 0
                        ? "\(clock) From Alex Rivera : one-line message \(k)\n"
                        : "\(clock) From Sam Okafor to Everyone:\n\tmessage \(k)\n\tsecond line of \(k)\n"
                    ids.append(k)
                    k += 1
                }
                if Bool.random(using: &rng) {
                    // A torn write: the reader may see half a line first.
                    let cut = text.index(text.startIndex, offsetBy: Int.random(in: 1..<text.count, using: &rng))
                    Self.append(String(text[..<cut]), to: path)
                    Thread.sleep(forTimeInterval: 0.05)
                    Self.append(String(text[cut...]), to: path)
                } else {
                    Self.append(text, to: path)
                }
                log.wrote(ids, at: Date())
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.4, using: &rng))
            }
            log.finish()
        }
        var follower = ChatFollower(path: path)
        follower.quietSeconds = 0.3
        var received = [Int: Date]()
        var duplicates = [Int]()
        var skipped = [LineIssue]()
        writer.start()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let batch = try follower.poll()
            let now = Date()
            skipped += batch.skipped
            for m in batch.messages {
                guard let id = Int(m.text.split(separator: "\n")[0].split(separator: " ").last!) else { continue }
                if received[id] != nil { duplicates.append(id) }
                received[id] = now
            }
            if log.isFinished && received.count >= total { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(skipped, [])
        XCTAssertEqual(duplicates, [])
        XCTAssertEqual(Set(received.keys), Set(0..<total))
        // How soon is a figure (printed; convene-bench measures it): here a message must arrive while the
        // meeting is live, a bound generous for a loaded machine.
        var late = [(Int, TimeInterval)]()
        var slowest: TimeInterval = 0
        for (id, written) in log.times {
            guard let got = received[id] else { continue }
            slowest = max(slowest, got.timeIntervalSince(written))
            if got.timeIntervalSince(written) > 10 { late.append((id, got.timeIntervalSince(written))) }
        }
        print("chat follower: slowest message arrived \(Int(slowest * 1000)) ms after it was written")
        XCTAssertTrue(late.isEmpty, "arrived later than ten seconds: \(late)")
    }

    /// A separate process appends with `printf >>`, as Zoom appends to its file.
    func testAWriterProcessAppendingInBursts() throws {
        let path = dir.appendingPathComponent("chat.txt").path
        var script = ""
        var expected = [String]()
        for burst in 0..<6 {
            for i in 0..<5 {
                let n = burst * 5 + i
                script +=
                    "printf '10:%02d:%02d From Jordan Lee to Everyone:\\n\\tline %d\\n' \(burst) \(i) \(n) >> '\(path)'\n"
                expected.append("line \(n)")
            }
            script += "sleep 0.3\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        var follower = ChatFollower(path: path)
        follower.quietSeconds = 0.1
        var texts = [String]()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            texts += try follower.poll().messages.map(\.text)
            if !process.isRunning && texts.count >= expected.count { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        process.waitUntilExit()
        texts += try follower.poll().messages.map(\.text)
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(texts, expected)
    }

    func testRewrittenReplacedAndTruncatedFiles() throws {
        let path = dir.appendingPathComponent("chat.txt").path
        let three = "10:00:01 From A : one\n10:00:02 From A : two\n10:00:03 From A : three\n"
        Self.append(three, to: path)
        var follower = quickFollower(path)
        XCTAssertEqual(try poll(&follower).messages.map(\.text), ["one", "two", "three"])
        XCTAssertEqual(try poll(&follower).messages, [])

        // Replaced by a new file (a new inode) holding the same and more.
        let tmp = dir.appendingPathComponent("tmp.txt").path
        Self.append(three + "10:00:04 From A : four\n", to: tmp)
        XCTAssertEqual(rename(tmp, path), 0)
        XCTAssertEqual(try poll(&follower).messages.map(\.text), ["four"])

        // Rewritten in place to the same length with a different start.
        let fd = open(path, O_WRONLY)
        let changed = Array("10:00:01 From A : ONE\n".utf8)
        XCTAssertEqual(pwrite(fd, changed, changed.count, 0), changed.count)
        close(fd)
        XCTAssertEqual(try poll(&follower).messages.map(\.text), ["ONE"])

        // Truncated and started again.
        XCTAssertEqual(truncate(path, 0), 0)
        XCTAssertEqual(try poll(&follower).messages, [])
        Self.append("10:00:05 From A : five\n", to: path)
        XCTAssertEqual(try poll(&follower).messages.map(\.text), ["five"])
    }

    func testMissingFileIsWaitedForAndBadLinesAreReported() throws {
        let path = dir.appendingPathComponent("later.txt").path
        var follower = quickFollower(path)
        XCTAssertEqual(try poll(&follower), ChatTranscript())
        Self.append("garbage first line\n10:00:01 From A : ok\n", to: path)
        var batch = try poll(&follower)
        XCTAssertEqual(batch.messages.map(\.text), ["ok"])
        XCTAssertEqual(batch.skipped.map(\.line), [1])
        let fd = open(path, O_WRONLY | O_APPEND)
        let bad: [UInt8] = Array("10:00:02 From A : caf".utf8) + [0xE9, 0x0A] + Array("10:00:03 From A : fine\n".utf8)
        XCTAssertEqual(write(fd, bad, bad.count), bad.count)
        close(fd)
        batch = try poll(&follower)
        XCTAssertEqual(batch.messages.map(\.text), ["fine"])
        XCTAssertEqual(batch.skipped, [LineIssue(line: 3, reason: "not UTF-8 text")])
    }

    /// A line still being written (no line break yet) is never taken, however
    /// long the pause: the rest of it may come. The line break completes it.
    func testALastLineWithoutLineBreakWaitsForItsLineBreak() throws {
        let path = dir.appendingPathComponent("nolf.txt").path
        Self.append("10:00:01 From A : no line break", to: path)
        var follower = quickFollower(path)
        var got = [String]()
        for i in 0..<6 { got += try follower.poll(now: Double(i) * 10).messages.map(\.text) }
        XCTAssertEqual(got, [])
        Self.append(" yet\n", to: path)
        got += try follower.poll(now: 100).messages.map(\.text)
        got += try follower.poll(now: 101).messages.map(\.text)
        XCTAssertEqual(got, ["no line break yet"])
    }

    /// Fed in any chunks, the follower finds exactly what a whole-file parse finds.
    func testChunkedFeedingMatchesAWholeParse() throws {
        for name in ["zoom-old-oneline.txt", "zoom-new-multiline.txt", "zoom-crlf-bom.txt", "zoom-hostile.txt"] {
            let bytes = try Fixture.data(name)
            let whole = ZoomChatParser.parse(try Fixture.text(name))
            var rng = SplitMix(seed: 0xC4A7 &+ UInt64(name.utf8.count))
            for _ in 0..<20 {
                var follower = quickFollower("/unused")
                var messages = [ChatMessage]()
                var skipped = [LineIssue]()
                var i = 0
                while i < bytes.count {
                    let n = Int.random(in: 1...40, using: &rng)
                    follower.feed(Array(bytes[i..<min(bytes.count, i + n)]))
                    let b = follower.settle(grew: true)
                    messages += b.messages
                    skipped += b.skipped
                    i += n
                }
                for _ in 0..<6 {
                    let b = follower.settle(grew: false)
                    messages += b.messages
                    skipped += b.skipped
                }
                XCTAssertEqual(messages, whole.messages, name)
                XCTAssertEqual(skipped, whole.skipped, name)
            }
        }
    }
}

/// What the writer thread wrote and when.
private final class WriteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _times = [Int: Date]()
    private var _finished = false
    func wrote(_ ids: [Int], at: Date) { lock.withLock { for id in ids { _times[id] = at } } }
    func finish() { lock.withLock { _finished = true } }
    var isFinished: Bool { lock.withLock { _finished } }
    var times: [Int: Date] { lock.withLock { _times } }
}
