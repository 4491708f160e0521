import Foundation
import XCTest

final class ImportCLITests: XCTestCase {
    func testZoomChatImportMapsNamesAndIsIdempotent() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Import", "--date", "2026-05-14"])
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        let chat = dir.appendingPathComponent("meeting_saved_chat.txt")
        try Data(
            "\u{FEFF}10:01:02\t From  Alex Smith  to  Everyone:\r\n\tHello everyone\r\n10:02:10\t From  Sam Lead  to  Everyone:\r\n\tWelcome all\r\n10:03:00\t From  Bea Jones  to  Everyone:\r\n\tThe chair skipped us\r\n"
                .utf8
        ).write(to: chat)

        let refused = try ConveneProcess.run(["import", f, "--zoom-chat", chat.path])
        XCTAssertNotEqual(refused.status, 0, "unknown names are asked for, never guessed")
        XCTAssertTrue(refused.stderr.contains("Alex Smith"))
        XCTAssertEqual(try ConveneProcess.ok(["list", f, "--json"]).lines.count, 0, "nothing partial")

        let added = try ConveneProcess.ok(["import", f, "--zoom-chat", chat.path, "--add-unknown"])
        XCTAssertTrue(added.stdout.contains("P01"), added.stdout)
        let again = try ConveneProcess.ok(["import", f, "--zoom-chat", chat.path, "--add-unknown"])
        XCTAssertTrue(again.stdout.contains("0 contributions to add"), again.stdout)
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(list.count, 3)
        XCTAssertEqual(list.map { $0["source"] as? String }, ["chat", "facilitator", "chat"])
        XCTAssertEqual(list[0]["speaker"] as? String, "P01")
        XCTAssertEqual(list[0]["text"] as? String, "Hello everyone")
        XCTAssertNil(list[1]["speaker"] as? String, "a facilitator's chat carries no participant speaker")
        // The display names went to the linkage table, never to show/list output.
        XCTAssertFalse(try ConveneProcess.ok(["show", f, "--json"]).stdout.contains("Alex Smith"))
    }

    func testMiroNotesCarryNoSpeaker() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Board"])
        try ConveneProcess.ok(["group", "add", f, "Room A"])
        let notes = dir.appendingPathComponent("board.txt")
        try Data("Less travel\nMore parents attend\n".utf8).write(to: notes)
        try ConveneProcess.ok(["import", f, "--miro-csv", notes.path, "--room", "Room A"])
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(list.count, 2)
        XCTAssertTrue(
            list.allSatisfy {
                $0["source"] as? String == "whiteboard" && $0["speaker"] == nil && $0["room"] as? String == "Room A"
            })
    }

    private func listed(_ f: String) throws -> [[String: Any]] {
        try ConveneProcess.ok(["list", f, "--json"]).lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// A transcript with no speakers arrives unattributed and counted; `convene
    /// speaker` sets a range afterwards; a file with more than 5% unreadable
    /// is refused with nothing written, unless --allow-skips.
    func testTranscriptCountsSpeakerRangeAndRefusal() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Transcript", "--date", "2026-05-14"])
        for code in ["P01", "P02"] {
            try ConveneProcess.ok(["participant", "add", f, "--code", code, "--role", "Social worker"])
        }
        let vtt = dir.appendingPathComponent("t.vtt")
        try Data(
            """
            WEBVTT

            b05cbc69-aaaa/1-0
            0:0:1.5 --> 0:0:3.20
            First words with nobody named.

            b05cbc69-aaaa/2-0
            0:0:-6.-820 --> 0:0:4.0
            Second words.

            b05cbc69-aaaa/3-0
            0:0:5.0 --> 0:0:7.0
            Third words.

            """.utf8
        ).write(to: vtt)
        let json = try ConveneProcess.ok(["import", f, "--vtt", vtt.path, "--json"])
        let report = try JSONSerialization.jsonObject(with: json.stdoutData) as! [String: Any]
        XCTAssertEqual(report["read"] as? Int, 3, json.stdout)
        XCTAssertEqual(report["imported"] as? Int, 3)
        XCTAssertEqual(report["unattributed"] as? Int, 3)
        XCTAssertEqual(report["clampedTimes"] as? Int, 1)
        XCTAssertEqual(report["skipped"] as? Int, 0)
        XCTAssertEqual(report["refused"] as? Bool, false)
        XCTAssertEqual(try listed(f).map { $0["speaker"] as? String }, [nil, nil, nil])

        let set = try ConveneProcess.ok(["speaker", f, "2-3", "P02"])
        XCTAssertTrue(set.stdout.contains("#2-3: P02"), set.stdout)
        XCTAssertEqual(try listed(f).map { $0["speaker"] as? String }, [nil, "P02", "P02"])
        let events = try ConveneProcess.ok(["events", f]).stdout
        XCTAssertTrue(events.contains("contribution.speaker-set"), events)
        let bad = try ConveneProcess.run(["speaker", f, "2-9", "P02"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("#9"), bad.stderr)
        let again = try ConveneProcess.ok(["import", f, "--vtt", vtt.path])
        XCTAssertTrue(again.stdout.contains("read 3, imported 0, already present 3, skipped 0"), again.stdout)

        // One cue of three unreadable: refused, loudly, nothing written.
        let broken = dir.appendingPathComponent("broken.vtt")
        try Data(
            "WEBVTT\n\n00:00:10.000 --> 00:00:11.000\nMore words.\n\n00:00:xx --> 00:00:12.000\nLost words.\n\n".utf8
        ).write(to: broken)
        let before = try ConveneProcess.ok(["events", f]).stdout
        let refused = try ConveneProcess.run(["import", f, "--vtt", broken.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("1 of 2 entries"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--allow-skips"), refused.stderr)
        XCTAssertTrue(refused.stdout.contains("skipped 1 (1 unreadable)"), refused.stdout)
        XCTAssertEqual(try ConveneProcess.ok(["events", f]).stdout, before, "nothing written")
        let allowed = try ConveneProcess.ok(["import", f, "--vtt", broken.path, "--allow-skips"])
        XCTAssertTrue(allowed.stdout.contains("read 2, imported 1"), allowed.stdout)
        XCTAssertEqual(try listed(f).count, 4)
    }

    /// `--follow` on a chat written a piece at a time with pauses, through the
    /// real binary: every message once and whole; a plain import then adds nothing.
    func testFollowThenPlainImportAddsNothing() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        let chat = dir.appendingPathComponent("meeting_saved_chat.txt").path
        try ConveneProcess.ok(["new", f, "--title", "Follow", "--date", "2026-05-14"])
        for code in ["P01", "P02"] {
            try ConveneProcess.ok(["participant", "add", f, "--code", code, "--role", "Youth worker"])
        }
        let follow = Process()
        follow.executableURL = ConveneProcess.binary
        follow.arguments = ["import", f, "--zoom-chat", chat, "--follow", "--quiet-seconds", "0.5"]
        follow.environment = ConveneProcess.environment([:])
        let out = dir.appendingPathComponent("follow.out")
        let err = dir.appendingPathComponent("follow.err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        follow.standardOutput = try FileHandle(forWritingTo: out)
        follow.standardError = try FileHandle(forWritingTo: err)
        try follow.run()
        defer { if follow.isRunning { follow.terminate() } }
        var text = ""
        var expected = [String]()
        for k in 0..<10 {
            let who = k % 2 == 0 ? "P01" : "P02"
            let words = "message \(k) about the people who are completely new"
            expected.append(k % 3 == 0 ? words + "\nand a second line" : words)
            text +=
                String(format: "10:00:%02d From %@ to Everyone:\n\t", k / 2, who) + words + "\n"
                + (k % 3 == 0 ? "\tand a second line\n" : "")
        }
        // Pieces of 7 bytes, a pause now and then longer than the quiet time.
        var i = text.startIndex
        var n = 0
        while i < text.endIndex {
            let j = text.index(i, offsetBy: 7, limitedBy: text.endIndex) ?? text.endIndex
            let fd = open(chat, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            let bytes = Array(text[i..<j].utf8)
            XCTAssertEqual(write(fd, bytes, bytes.count), bytes.count)
            close(fd)
            n += 1
            Thread.sleep(forTimeInterval: n % 25 == 0 ? 0.8 : 0.02)
            i = j
        }
        let deadline = Date().addingTimeInterval(30)
        var texts = [String]()
        while Date() < deadline {
            texts = try listed(f).compactMap { $0["text"] as? String }
            if texts == expected { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        follow.interrupt()
        follow.waitUntilExit()
        let said = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let complained = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        XCTAssertEqual(texts, expected, "follow said: \(said) \(complained)")
        XCTAssertTrue(said.contains("added 1 contribution from meeting_saved_chat.txt"), said)
        let plain = try ConveneProcess.ok(["import", f, "--zoom-chat", chat])
        XCTAssertTrue(plain.stdout.contains("0 contributions to add; 10 already in the session"), plain.stdout)
        XCTAssertEqual(try listed(f).count, 10)
    }
}
