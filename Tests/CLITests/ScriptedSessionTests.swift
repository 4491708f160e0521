import Foundation
import XCTest

/// A session driven entirely through the command line, read back through
/// `show --json` and `list --json`.
final class ScriptedSessionTests: XCTestCase {
    func testEverySubcommandRoundTrips() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok([
            "new", f, "--title", "Hybrid CPC group 1", "--study", "CPC", "--strand", "chairs",
            "--platform", "zoom", "--withdrawal-days", "28", "--date", "2026-05-01",
        ])
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        try ConveneProcess.ok(["facilitator", "add", f, "Ira Notes", "--role", "notetaker"])
        try ConveneProcess.ok([
            "participant", "add", f, "--code", "P01", "--role", "Youth worker", "--org-type", "voluntary",
            "--name", "Alexandra Brightwater", "--attribution", "role",
        ])
        try ConveneProcess.ok([
            "participant", "add", f, "--code", "P02", "--role", "Conference chair", "--org-type", "local-authority",
            "--attribution", "no-role",
        ])
        try ConveneProcess.ok(["consent", f, "P01", "--by", "Sam Lead"])
        try ConveneProcess.ok([
            "consent", f, "P02", "--by", "Sam Lead", "--item", "recording", "--item", "chatham-house-rule",
        ])
        try ConveneProcess.ok(["codebook", f, "--use", "practice-principles"])
        try ConveneProcess.ok(["group", "add", f, "Room A"])
        try ConveneProcess.ok(["group", "assign", f, "P01", "P02", "Room A"])
        try ConveneProcess.ok(["round", "start", f, "--minutes", "15"])
        let first = try ConveneProcess.ok([
            "log", f, "--source", "verbal", "--speaker", "P01", "--", "Families", "like", "joining", "online.",
        ])
        XCTAssertEqual(first.stdout, "#1\n")
        let second = try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "p02", "--reply-to", "1", "--summary", "--", "Agree with that",
        ])
        XCTAssertEqual(second.stdout, "#2\n")
        try ConveneProcess.ok(["log", f, "--source", "whiteboard", "--group", "Room A", "--", "Less travel"])
        try ConveneProcess.ok(["round", "end", f])
        try ConveneProcess.ok(["tag", f, "1", "PP3 Parents and carers as partners"])
        let emergent = try ConveneProcess.ok(["tag", f, "3", "--emergent", "Digital exclusion"])
        XCTAssertTrue(emergent.stdout.contains("emergent"))
        try ConveneProcess.ok(["strike", f, "3"])
        try ConveneProcess.ok(["attribution", f, "1", "background"])

        let show =
            try JSONSerialization.jsonObject(with: ConveneProcess.ok(["show", f, "--json"]).stdoutData)
            as! [String: Any]
        XCTAssertEqual(show["title"] as? String, "Hybrid CPC group 1")
        XCTAssertEqual(show["platform"] as? String, "zoom")
        XCTAssertEqual(show["withdrawalDays"] as? Int, 28)
        XCTAssertEqual(show["withdrawalClosesOn"] as? String, "2026-05-29")
        XCTAssertEqual(show["contributions"] as? Int, 3)
        XCTAssertEqual(show["emergentCodes"] as? [String], ["Digital exclusion"])
        XCTAssertEqual((show["codes"] as? [String])?.count, 8)
        let participants = show["participants"] as! [[String: Any]]
        XCTAssertEqual(participants.map { $0["code"] as? String }, ["P01", "P02"])
        XCTAssertEqual(participants.map { $0["room"] as? String }, ["Room A", "Room A"])
        // P02 gave 2 of the 5 default items, all required: not consented (issue 17).
        XCTAssertEqual(participants.map { $0["consented"] as? Bool }, [true, false])
        XCTAssertEqual(participants.map { $0["consent"] as? String }, ["full", "missing-required"])
        XCTAssertEqual((show["rounds"] as? [[String: Any]])?.count, 1)
        XCTAssertFalse(
            String(decoding: try JSONSerialization.data(withJSONObject: show), as: UTF8.self).contains("Brightwater"),
            "show must never print a real name")

        let list = try ConveneProcess.ok(["list", f, "--json"]).lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(list.count, 3)
        XCTAssertEqual(list[0]["text"] as? String, "Families like joining online.")
        XCTAssertEqual(list[0]["speaker"] as? String, "P01")
        XCTAssertEqual(list[0]["speakerRole"] as? String, "Youth worker")
        XCTAssertEqual(list[0]["room"] as? String, "Room A")
        XCTAssertEqual(list[0]["round"] as? Int, 1)
        XCTAssertEqual(list[0]["attribution"] as? String, "background")
        XCTAssertEqual(list[0]["codes"] as? [String], ["PP3 Parents and carers as partners"])
        XCTAssertEqual(list[1]["replyTo"] as? [Int], [1])
        XCTAssertEqual(list[1]["form"] as? String, "summary")
        XCTAssertEqual(list[1]["attribution"] as? String, "anonymous", "a no-role participant defaults to anonymous")
        XCTAssertEqual(list[2]["speaker"] as? String, nil)
        XCTAssertEqual(list[2]["struck"] as? Bool, true)

        let chat = try ConveneProcess.ok(["list", f, "--source", "chat", "--json"]).lines
        XCTAssertEqual(chat.count, 1)
        let bySpeaker = try ConveneProcess.ok(["list", f, "--speaker", "P01"]).lines
        XCTAssertEqual(bySpeaker.count, 1)
        XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.hasPrefix("ok:"))
    }

    func testDemoCreatesAWorkingSession() throws {
        let dir = try ConveneProcess.tempDir()
        let r = try ConveneProcess.ok(["demo", dir.path])
        XCTAssertTrue(r.stdout.contains("Hybrid child protection conferences"))
        let f = dir.appendingPathComponent("demo.convene").path
        XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.hasPrefix("ok:"))
        XCTAssertEqual(try ConveneProcess.ok(["list", f, "--json"]).lines.count, 20)
        XCTAssertFalse(r.stdout.contains("Avery Quinlan"), "the demo's real names stay in the linkage table")
    }

    func testModelRulesAreEnforcedAtTheCommandLine() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "T"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Social worker"])
        let cases: [([String], String)] = [
            (["participant", "add", f, "--code", "P01", "--role", "x"], "already"),
            (["participant", "add", f, "--code", "bad code", "--role", "x"], "not a participant code"),
            (["log", f, "--source", "whiteboard", "--speaker", "P01", "--", "x"], "anonymous"),
            (["log", f, "--source", "verbal", "--speaker", "P09", "--", "x"], "P09"),
            (["log", f, "--source", "verbal", "--group", "Nowhere", "--", "x"], "Nowhere"),
            (["log", f, "--source", "chat", "--reply-to", "5", "--", "x"], "earlier"),
            (["tag", f, "7", "Code"], "#7"),
            (["round", "end", f], "no breakout round"),
            (["group", "assign", f, "P01", "Room Z"], "Room Z"),
        ]
        for (args, expected) in cases {
            let r = try ConveneProcess.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args) should fail")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one clear line: \(r.stderr)")
        }
        try ConveneProcess.ok(["close", f])
        let closed = try ConveneProcess.run(["log", f, "--source", "chat", "--", "late"])
        XCTAssertNotEqual(closed.status, 0)
        XCTAssertTrue(closed.stderr.contains("closed"))
    }
}
