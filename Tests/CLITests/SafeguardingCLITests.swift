import Foundation
import XCTest

final class SafeguardingCLITests: XCTestCase {
    func testRaiseActCloseAndWhoSeesWhat() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "SG"])
        try ConveneProcess.ok(["facilitator", "add", f, "Lee Lead", "--role", "lead"])
        try ConveneProcess.ok(["facilitator", "add", f, "Kit Safe", "--role", "safeguarding"])
        try ConveneProcess.ok(["facilitator", "add", f, "Ira Notes", "--role", "notetaker"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Youth worker"])
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "Something worrying was said"])
        let description = "Secret-disclosure-\(UUID().uuidString.prefix(8))"
        let raised = try ConveneProcess.ok([
            "flag", f, "--contribution", "1", "--participant", "P01", "--category", "risk-to-child-or-young-person",
            "--urgency", "immediate", "--by", "Ira Notes", "--", description,
        ])
        XCTAssertEqual(raised.stdout, "concern 1\n")
        try ConveneProcess.ok([
            "flag", f, "--category", "other", "--urgency", "after-session", "--by", "Lee Lead", "--", "Seen, not said",
        ])

        // Only the safeguarding lead (or lead) may acknowledge.
        XCTAssertNotEqual(try ConveneProcess.run(["concern", "ack", f, "1", "--by", "Ira Notes"]).status, 0)
        try ConveneProcess.ok(["concern", "ack", f, "1", "--by", "Kit Safe"])
        try ConveneProcess.ok([
            "concern", "action", f, "1", "--kind", "discussed", "--by", "Kit Safe", "--",
            "Talked with P01 after the group",
        ])
        let noBody = try ConveneProcess.run([
            "concern", "action", f, "1", "--kind", "referred", "--by", "Kit Safe", "--", "sent",
        ])
        XCTAssertNotEqual(noBody.status, 0)
        XCTAssertTrue(noBody.stderr.contains("--to"))
        try ConveneProcess.ok([
            "concern", "action", f, "1", "--kind", "referred", "--to", "LADO", "--ref", "L-42", "--by", "Kit Safe",
            "--", "Referred",
        ])
        try ConveneProcess.ok([
            "concern", "action", f, "1", "--kind", "closed", "--by", "Kit Safe", "--", "Referral accepted",
        ])
        let late = try ConveneProcess.run([
            "concern", "action", f, "1", "--kind", "informed", "--by", "Kit Safe", "--", "late",
        ])
        XCTAssertNotEqual(late.status, 0, "a closed concern's record cannot change")

        let full =
            try JSONSerialization.jsonObject(
                with: ConveneProcess.ok(["register", f, "--role", "safeguarding", "--json"]).stdoutData)
            as! [String: Any]
        let concerns = full["concerns"] as! [[String: Any]]
        XCTAssertEqual(concerns.count, 2)
        XCTAssertEqual(concerns[0]["description"] as? String, description)
        XCTAssertEqual(concerns[0]["status"] as? String, "closed")
        XCTAssertEqual(
            (concerns[0]["actions"] as? [[String: Any]])?.map { $0["kind"] as? String },
            ["discussed", "referred", "closed"])
        XCTAssertEqual((concerns[0]["actions"] as? [[String: Any]])?[1]["reference"] as? String, "L-42")

        let own =
            try JSONSerialization.jsonObject(
                with: ConveneProcess.ok(["register", f, "--role", "notetaker", "--by", "Ira Notes", "--json"])
                    .stdoutData) as! [String: Any]
        XCTAssertEqual(
            (own["concerns"] as? [[String: Any]])?.map { $0["number"] as? Int }, [1], "a note-taker sees their own")
        let observer = try ConveneProcess.ok(["register", f, "--role", "observer"])
        XCTAssertFalse(observer.stdout.contains(description))

        // Research views never carry the description.
        XCTAssertFalse(try ConveneProcess.ok(["list", f, "--json"]).stdout.contains(description))
        XCTAssertFalse(try ConveneProcess.ok(["show", f, "--json"]).stdout.contains(description))
        XCTAssertTrue(try ConveneProcess.ok(["list", f, "--json"]).stdout.contains("\"flagged\":true"))
    }

    func testCheckDetectsARowChangedByHand() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Tamper"])
        try ConveneProcess.ok(["log", f, "--source", "chat", "--", "The original record"])
        try ConveneProcess.ok(["log", f, "--source", "chat", "--", "Another"])
        XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0)
        for sql in [
            "DROP TRIGGER events_append_only; UPDATE events SET actor = 'Someone Else' WHERE seq = 2;",
            "UPDATE events SET at_ms = at_ms + 60000 WHERE seq = 3;",
        ] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [f, sql]
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
            let check = try ConveneProcess.run(["check", f])
            XCTAssertNotEqual(check.status, 0)
            XCTAssertTrue(check.stdout.contains("hash chain breaks"), check.stdout)
        }
    }
}
