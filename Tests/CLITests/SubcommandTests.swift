import Foundation
import SessionModel
import XCTest

/// The subcommands no other test ran, each through the binary with its effect checked.
final class SubcommandTests: XCTestCase {
    private func session() throws -> String {
        let f = try ConveneProcess.tempDir().appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Subcommands", "--date", "2026-05-01"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Youth worker"])
        return f
    }

    private func show(_ f: String) throws -> [String: Any] {
        try XCTUnwrap(
            try JSONSerialization.jsonObject(with: ConveneProcess.ok(["show", f, "--json"]).stdoutData)
                as? [String: Any])
    }

    private func list(_ f: String) throws -> [[String: Any]] {
        try ConveneProcess.ok(["list", f, "--json"]).lines.map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func kinds(_ f: String) throws -> [String] {
        try ConveneProcess.ok(["events", f]).lines.compactMap {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["kind"] as? String
        }
    }

    func testScanMarksIdentifiersAndJsonlGivesSpans() throws {
        let plain = try ConveneProcess.ok(["scan"], stdin: Data("Call me on 07700 900123 please.\n".utf8))
        XCTAssertTrue(plain.stdout.contains("⟦PHONE: 07700 900123⟧"), plain.stdout)
        let line = #"{"id":"a","text":"Email sam@example.org now"}"# + "\n"
        let jsonl = try ConveneProcess.ok(["scan", "--jsonl"], stdin: Data(line.utf8))
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(o["id"] as? String, "a")
        let spans = try XCTUnwrap(o["spans"] as? [[String: Any]])
        let email = try XCTUnwrap(spans.first { $0["label"] as? String == "EMAIL" })
        XCTAssertEqual(email["text"] as? String, "sam@example.org")
        XCTAssertEqual(email["start"] as? Int, 6)
        XCTAssertEqual(email["end"] as? Int, 21)
        // A session's block-listed name is found too.
        let f = try session()
        try ConveneProcess.ok(["blocklist", "add", f, "Quilla"])
        let withSession = try ConveneProcess.ok(["scan", "--session", f], stdin: Data("ask quilla tomorrow\n".utf8))
        XCTAssertTrue(withSession.stdout.contains("quilla⟧"), withSession.stdout)
    }

    /// `scan --jsonl --memory` reads its lines as one session: an organisation named in full on a later line gives
    /// its short name on an earlier one the organisation's label; without the flag each line is read alone.
    func testScanJsonlWithMemoryReadsTheLinesAsOneSession() throws {
        let lines =
            #"{"id":"1","text":"and Quenbridge said no"}"# + "\n"
            + #"{"id":"2","text":"she started at Quenbridge Academy in September"}"# + "\n"
        func labels(_ args: [String]) throws -> [String] {
            try ConveneProcess.ok(args, stdin: Data(lines.utf8)).lines.flatMap { line -> [String] in
                let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let spans = try XCTUnwrap(o["spans"] as? [[String: Any]])
                return spans.map {
                    "\(o["id"] as? String ?? "?") \($0["label"] as? String ?? "?") \($0["text"] as? String ?? "?")"
                }
            }
        }
        XCTAssertEqual(
            try labels(["scan", "--jsonl", "--memory"]),
            ["1 ORGANISATION_LOCAL Quenbridge", "2 ORGANISATION_LOCAL Quenbridge Academy"])
        XCTAssertNotEqual(
            try labels(["scan", "--jsonl"]).first, "1 ORGANISATION_LOCAL Quenbridge", "each line alone without --memory"
        )
    }

    func testBlocklistAddRecordsTheNameAndKeepsItOutOfExports() throws {
        let f = try session()
        try ConveneProcess.ok(["blocklist", "add", f, "Marigold Vance"])
        XCTAssertEqual(try kinds(f).filter { $0 == EventKind.blocklistNameAdded.rawValue }.count, 1)
        try ConveneProcess.ok(["log", f, "--source", "chat", "--speaker", "P01", "--", "I told Marigold Vance."])
        let out = try ConveneProcess.tempDir().appendingPathComponent("e.json").path
        try ConveneProcess.ok(["export", f, "--format", "json", "-o", out])
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertFalse(text.contains("Marigold"), "a block-listed name reached an export")
        XCTAssertFalse(text.contains("Vance"))
        // Not printed back either.
        XCTAssertFalse(try ConveneProcess.ok(["show", f]).stdout.contains("Marigold"))
        XCTAssertNotEqual(try ConveneProcess.run(["blocklist", "add", f, " "]).status, 0)
    }

    func testRedactAcceptRejectAndByHand() throws {
        let f = try session()
        try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "P01", "--",
            "Ring 07700 900123 or write to sam@example.org.",
        ])
        let review = try ConveneProcess.ok(["review", f]).stdout
        XCTAssertTrue(review.contains("PHONE") && review.contains("EMAIL"), review)
        try ConveneProcess.ok(["redact", f, "1", "--accept", "1"])
        try ConveneProcess.ok(["redact", f, "1", "--reject", "1", "--reason", "a shared inbox"])
        try ConveneProcess.ok(["redact", f, "1", "--span", "0:4", "--as", "PERSON"])
        let c = try XCTUnwrap(try list(f).first)
        let spans = try XCTUnwrap(c["redactions"] as? Int ?? (c["redactions"] as? [Any])?.count, "\(c)")
        XCTAssertEqual(spans, 2, "one accepted, one by hand")
        let k = try kinds(f)
        XCTAssertEqual(k.filter { $0 == "redaction.accepted" }.count, 2)
        XCTAssertEqual(k.filter { $0 == "redaction.rejected" }.count, 1)
        XCTAssertTrue(try ConveneProcess.ok(["review", f]).stdout.contains("no unresolved findings"))
        XCTAssertNotEqual(try ConveneProcess.run(["redact", f, "1", "--span", "0:999", "--as", "PERSON"]).status, 0)
    }

    func testGuideSetShowAndGo() throws {
        let f = try session()
        let guide = try ConveneProcess.tempDir().appendingPathComponent("guide.md")
        try Data("# Opening\n- What works?\n# Barriers\n- What gets in the way?\n".utf8).write(to: guide)
        try ConveneProcess.ok(["guide", f, guide.path])
        try ConveneProcess.ok(["guide", f, "--go", "2"])
        let s = try show(f)
        XCTAssertEqual(s["guideSegments"] as? Int ?? (s["guideSegments"] as? [Any])?.count, 2)
        XCTAssertEqual(s["currentGuideSegment"] as? Int, 1, "the second segment (0-based in JSON)")
        XCTAssertTrue(try ConveneProcess.ok(["guide", f]).stdout.contains("Barriers"))
        XCTAssertNotEqual(try ConveneProcess.run(["guide", f, "--go", "9"]).status, 0)
        XCTAssertEqual(try kinds(f).filter { $0.hasPrefix("guide.") }, ["guide.set", "guide.advanced"])
    }

    func testUntagRemovesTheCode() throws {
        let f = try session()
        try ConveneProcess.ok(["log", f, "--source", "chat", "--speaker", "P01", "--", "Travel is easier"])
        try ConveneProcess.ok(["tag", f, "1", "Travel", "--emergent"])
        XCTAssertEqual(try list(f).first?["codes"] as? [String], ["Travel"])
        try ConveneProcess.ok(["untag", f, "1", "travel"])
        XCTAssertEqual(try list(f).first?["codes"] as? [String], [])
        XCTAssertNotEqual(try ConveneProcess.run(["untag", f, "1", "Travel"]).status, 0, "not tagged any more")
    }

    func testRecordingOnAndOff() throws {
        let f = try session()
        try ConveneProcess.ok(["recording", f, "on"])
        XCTAssertEqual(try show(f)["recording"] as? Bool, true)
        try ConveneProcess.ok(["recording", f, "off"])
        XCTAssertEqual(try show(f)["recording"] as? Bool, false)
        XCTAssertNotEqual(try ConveneProcess.run(["recording", f, "maybe"]).status, 0)
    }

    func testGroupRenameAndClose() throws {
        let f = try session()
        try ConveneProcess.ok(["group", "add", f, "Room A"])
        try ConveneProcess.ok(["group", "assign", f, "P01", "Room A"])
        try ConveneProcess.ok(["group", "rename", f, "Room A", "Chairs"])
        var rooms = try XCTUnwrap(try show(f)["rooms"] as? [[String: Any]])
        XCTAssertEqual(rooms.first { $0["id"] as? Int == 1 }?["name"] as? String, "Chairs")
        XCTAssertNotEqual(try ConveneProcess.run(["group", "rename", f, "Room A", "X"]).status, 0, "old name gone")
        XCTAssertNotEqual(try ConveneProcess.run(["group", "rename", f, "main", "X"]).status, 0, "main room stays")
        try ConveneProcess.ok(["group", "close", f, "Chairs"])
        let s = try show(f)
        rooms = try XCTUnwrap(s["rooms"] as? [[String: Any]])
        XCTAssertEqual(rooms.first { $0["id"] as? Int == 1 }?["closed"] as? Bool, true)
        XCTAssertNotEqual(
            try ConveneProcess.run(["log", f, "--source", "whiteboard", "--group", "Chairs", "--", "x"]).status, 0)
        XCTAssertEqual(
            try kinds(f).filter { $0.hasPrefix("group.") }, ["group.created", "group.renamed", "group.closed"])
    }

    func testThemeUnlink() throws {
        let f = try session()
        try ConveneProcess.ok(["log", f, "--source", "chat", "--speaker", "P01", "--", "one"])
        try ConveneProcess.ok(["log", f, "--source", "chat", "--speaker", "P01", "--", "two"])
        try ConveneProcess.ok(["theme", "add", f, "Attendance"])
        try ConveneProcess.ok(["theme", "link", f, "1", "1", "2"])
        try ConveneProcess.ok(["theme", "unlink", f, "1", "1"])
        let themes = try XCTUnwrap(try show(f)["themes"] as? [[String: Any]])
        XCTAssertEqual(themes.first?["contributions"] as? [Int], [2])
        XCTAssertNotEqual(try ConveneProcess.run(["theme", "unlink", f, "7", "1"]).status, 0, "no theme 7")
    }
}
