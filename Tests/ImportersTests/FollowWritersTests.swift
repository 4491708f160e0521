import ConveneTestSupport
import Foundation
import SessionModel
import XCTest

@testable import Importers

/// A chat file written as Zoom and synced folders write it, a line or a random
/// piece at a time with pauses of 0.05–3 s, followed as `convene import
/// --follow` does: every message is stored once and whole (a message that
/// grows after it was stored is edited, never added twice, never cut mid-line),
/// and a plain import afterwards adds nothing.
final class FollowWritersTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testALineAtATimeWithPauses() throws {
        try follow(seed: seed(1), messages: 16, pieces: false, quiet: 0.4)
    }

    func testRandomPiecesWithPauses() throws {
        try follow(seed: seed(2), messages: 16, pieces: true, quiet: 0.4)
    }

    /// The same at the default quiet time of 2 s (fewer messages, for time).
    func testRandomPiecesAtTheDefaultQuietTime() throws {
        try follow(seed: seed(3), messages: 8, pieces: true, quiet: nil)
    }

    /// `CONVENE_TEST_SEED` replays a run; otherwise a fixed seed per test.
    private func seed(_ n: UInt64) -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["CONVENE_TEST_SEED"], let v = UInt64(s) { return v }
        return 0x5EED_0000 + n
    }

    private func follow(seed: UInt64, messages count: Int, pieces: Bool, quiet: TimeInterval?) throws {
        print("FollowWritersTests seed \(seed) (CONVENE_TEST_SEED=\(seed) replays it)")
        var rng = SplitMix(seed: seed)
        let path = dir.appendingPathComponent("meeting_saved_chat.txt").path
        let senders = ["Alex Rivera", "Sam Okafor", "Jordan Lee"]
        // Several messages share a second and a sender, as quick replies do.
        var expected = [String]()
        var file = ""
        var clock = 14 * 3600
        for k in 0..<count {
            if rng.next() % 3 != 0 { clock += 1 }
            let sender = senders[Int(rng.next() % 3)]
            let time = String(format: "%02d:%02d:%02d", clock / 3600, clock / 60 % 60, clock % 60)
            let lines = (0...Int(rng.next() % 3)).map {
                "message \(k) line \($0): what about the people who are completely new"
            }
            expected.append(lines.joined(separator: "\n"))
            if k % 4 == 0 {
                file += "\(time) From \(sender) : \(lines[0])\n" + lines.dropFirst().map { "\t\($0)\n" }.joined()
            } else {
                file += "\(time) From \(sender) to Everyone:\n" + lines.map { "\t\($0)\n" }.joined()
            }
        }
        // The writes: whole lines, or pieces cut anywhere; pauses mostly short, some past the quiet time.
        var writes = [(String, TimeInterval)]()
        var rest = Substring(file)
        while !rest.isEmpty {
            let end: Substring.Index
            if pieces {
                end = rest.index(rest.startIndex, offsetBy: min(rest.count, 1 + Int(rng.next() % 90)))
            } else {
                end = rest.index(after: rest.firstIndex(of: "\n")!)
            }
            let pause =
                rng.next() % 5 == 0 ? 0.05 + Double(rng.next() % 2950) / 1000 : 0.05 + Double(rng.next() % 150) / 1000
            writes.append((String(rest[..<end]), pause))
            rest = rest[end...]
        }
        let plan = writes
        let writer = Thread {
            for (piece, pause) in plan {
                Self.append(piece, to: path)
                Thread.sleep(forTimeInterval: pause)
            }
        }
        writer.start()

        var state = TestSession.make()
        let options = ImportOptions(mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02\nJordan Lee,P03"))
        var follower = ChatFollower(path: path)
        if let quiet { follower.quietSeconds = quiet }
        let total = writes.reduce(0) { $0 + $1.1 }
        let deadline = Date().addingTimeInterval(total + 30)
        var edits = 0
        // As `convene import --follow`: plan every complete message so far against the session.
        while Date() < deadline {
            let batch = try follower.poll()
            XCTAssertEqual(batch.skipped, [], "seed \(seed)")
            if !batch.messages.isEmpty {
                let plan = try Importer.followedChat(
                    ChatTranscript(messages: follower.messages), fileName: "chat", into: state, options: options)
                edits += plan.report.edited
                state = try TestSession.applying(plan, to: state)
            }
            if writer.isFinished && state.contributions.count == count
                && state.contributions.map(\.text) == expected
            {
                break
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let stored = state.contributions
        XCTAssertEqual(stored.count, count, "every message stored once (seed \(seed))")
        XCTAssertEqual(stored.map(\.text), expected, "every message whole (seed \(seed))")
        for c in stored {
            // Never cut mid-line: what was stored before it grew was whole lines of it.
            for edit in c.history {
                XCTAssertTrue(
                    c.text.hasPrefix(edit.previousText + "\n"),
                    "#\(c.number) was stored cut: '\(edit.previousText)' (seed \(seed))")
            }
        }
        print(
            "FollowWritersTests seed \(seed): \(count) messages, \(writes.count) writes, \(edits) grown after storing")

        // A plain import of the whole file afterwards adds nothing.
        let plain = try Importer.zoomChat(try ImportText.read(path: path), into: state, options: options)
        XCTAssertEqual(plain.report.added, 0, "seed \(seed)")
        XCTAssertEqual(plain.report.edited, 0, "seed \(seed)")
        XCTAssertEqual(plain.report.alreadyPresent, count, "seed \(seed)")
        XCTAssertTrue(plain.isEmpty)
    }

    /// A message header with nothing after it yet, then a long pause, then its
    /// words: nothing is stored until the words come.
    func testAHeaderAloneIsNotAMessage() throws {
        let path = dir.appendingPathComponent("chat.txt").path
        var follower = ChatFollower(path: path)
        follower.quietSeconds = 2
        Self.append("10:00:01 From Alex Rivera to Everyone:\n", to: path)
        XCTAssertEqual(try follower.poll(now: 100).messages, [])
        XCTAssertEqual(try follower.poll(now: 105).messages, [])
        Self.append("\tWhat about the people who are compl", to: path)
        XCTAssertEqual(try follower.poll(now: 106).messages, [])
        XCTAssertEqual(try follower.poll(now: 110).messages, [], "a line with no line break yet is never taken")
        Self.append("etely new?\n", to: path)
        XCTAssertEqual(try follower.poll(now: 111).messages, [])
        XCTAssertEqual(try follower.poll(now: 112.5).messages, [], "quiet for 1.5 s only")
        XCTAssertEqual(
            try follower.poll(now: 113.1).messages.map(\.text), ["What about the people who are completely new?"])
        // It grows: handed out again with the longer text (an edit, for the planner).
        Self.append("\tAnd their managers.\n", to: path)
        XCTAssertEqual(try follower.poll(now: 114).messages, [])
        XCTAssertEqual(
            try follower.poll(now: 116.5).messages.map(\.text),
            ["What about the people who are completely new?\nAnd their managers."])
        // The next header closes it as it is: nothing new to hand out.
        Self.append("10:00:09 From Sam Okafor : Agreed.\n", to: path)
        XCTAssertEqual(try follower.poll(now: 117).messages, [])
        XCTAssertEqual(follower.messages.map(\.sender), ["Alex Rivera"])
        XCTAssertEqual(try follower.poll(now: 119.5).messages.map(\.text), ["Agreed."])
    }

    /// `--follow` may start while Zoom is in the middle of a message: the
    /// check at the start reads the finished lines, and a header with no words yet is not a fault.
    func testAFollowStartsOnAFileInTheMiddleOfAMessage() throws {
        let state = TestSession.make()
        for partial in [
            "10:00:00 From P01 to", "10:00:00 From P01 to Everyone:\n", "10:00:00 From P01 to Everyone:\n\tHel",
        ] {
            let plan = try Importer.zoomChatSoFar(ImportText(partial, fileName: "chat.txt"), into: state)
            XCTAssertEqual(plan.report.read, 0, partial)
            XCTAssertEqual(plan.report.skippedTotal, 0, partial)
        }
        let plan = try Importer.zoomChatSoFar(
            ImportText("10:00:00 From P01 : one\n10:00:01 From P02 to Everyone:\n\tTw", fileName: "c"), into: state)
        XCTAssertEqual(plan.contributionTexts, ["one"])
        XCTAssertThrowsError(try Importer.zoomChatSoFar(ImportText("not a chat\nat all\n", fileName: "c"), into: state))
    }

    private static func append(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        precondition(fd >= 0)
        let bytes = Array(text.utf8)
        precondition(write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
    }
}
