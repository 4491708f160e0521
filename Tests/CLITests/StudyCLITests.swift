import ConveneTestSupport
import Exporters
import Foundation
import SessionStore
import XCTest

/// `convene study …` and checklist consent through the built binary.
final class StudyCLITests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try ConveneProcess.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    func raw(_ p: String) -> Data {
        ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: p + $0) }.reduce(Data(), +)
    }

    func testAStudyFromTheCommandLine() throws {
        let checklist = path("consent.txt")
        try
            "# the study's checklist\ninformation-sheet-understood\nchatham-house-rule\noptional: quotes -> never quoted\noptional: recording -> verbal withheld\n"
            .write(toFile: checklist, atomically: true, encoding: .utf8)
        let study = path("hybrid")
        try ConveneProcess.ok([
            "study", "new", study, "--title", "Hybrid CPC", "--withdrawal-days", "14",
            "--codebook", "practice-principles", "--consent-checklist", checklist,
        ])
        // A new session inside the folder joins the study and takes its checklist.
        let g1 = study + "/group1.convene"
        let g2 = study + "/group2.convene"
        let joined = try ConveneProcess.ok(["new", g1, "--title", "Group 1", "--strand", "chairs", "--by", "Sam Lead"])
        XCTAssertTrue(joined.stdout.contains("joined the study Hybrid CPC"), joined.stdout)
        try ConveneProcess.ok(["new", path("outside.convene"), "--title", "Group 2", "--by", "Sam Lead"])
        try FileManager.default.moveItem(atPath: path("outside.convene"), toPath: g2)
        try ConveneProcess.ok(["study", "add", study, g2, "--strand", "parents"])
        for (file, code, role, name) in [
            (g1, "P01", "Conference chair", "Ann Quorn"), (g1, "P02", "Social worker", "Bo Partial"),
            (g1, "P03", "Youth worker", "Cai Missing"), (g2, "P03", "Youth worker", "Cai Missing"),
        ] {
            try ConveneProcess.ok(["participant", "add", file, "--code", code, "--role", role, "--name", name])
        }
        try ConveneProcess.ok(["consent", g1, "P01", "--by", "Sam Lead"])
        try ConveneProcess.ok([
            "consent", g1, "P02", "--by", "Sam Lead", "--item", "information-sheet-understood",
            "--item", "chatham-house-rule", "--item", "recording",
        ])
        // 3 of 4 items, but not the Chatham House item (required): not consented.
        try ConveneProcess.ok([
            "consent", g1, "P03", "--by", "Sam Lead", "--item", "information-sheet-understood",
            "--item", "quotes", "--item", "recording",
        ])
        try ConveneProcess.ok(["consent", g2, "P03", "--by", "Sam Lead"])
        try ConveneProcess.ok([
            "log", g2, "--source", "chat", "--speaker", "P03", "--", "ZQS-P03-WORDS families join late",
        ])
        try ConveneProcess.ok([
            "log", g1, "--source", "chat", "--speaker", "P02", "--", "ZQS-P02-WORDS the link is sent early",
        ])

        let show = try ConveneProcess.ok(["show", g1]).stdout
        XCTAssertTrue(show.contains("P01  Conference chair  [Main room]  consent ✓"), show)
        XCTAssertTrue(show.contains("consent ◐ (not given: quotes → never quoted)"), show)
        XCTAssertTrue(show.contains("NO CONSENT ✗ (required item not given: chatham-house-rule)"), show)

        let overview = try ConveneProcess.ok(["study", "show", study]).stdout
        XCTAssertTrue(overview.contains("consent ✗: P03; ◐: P02 (not given: quotes)"), overview)
        XCTAssertTrue(overview.contains("in more than one session: P03 (group1, group2)"), overview)
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(
                with: try ConveneProcess.ok(["study", "show", study, "--json"]).stdoutData) as? [String: Any])
        XCTAssertEqual((json["sessions"] as? [[String: Any]])?.map { $0["strand"] as? String }, ["chairs", "parents"])

        let exported = try ConveneProcess.ok(["study", "export", study, "--format", "qdpx", "-o", path("study.qdpx")])
        XCTAssertTrue(exported.stdout.contains("wrote"), exported.stdout)

        let dry = try ConveneProcess.ok(["study", "withdraw", study, "P03", "--dry-run", "--json"])
        let receipt = try XCTUnwrap(try JSONSerialization.jsonObject(with: dry.stdoutData) as? [String: Any])
        XCTAssertEqual(
            (receipt["sessions"] as? [[String: Any]])?.map { $0["session"] as? String }, ["group1", "group2"])
        XCTAssertEqual(
            (receipt["exportsBefore"] as? [[String: Any]])?.count, 2, "the study export, recorded in both sessions")
        XCTAssertNotNil(raw(g2).range(of: Data("ZQS-P03-WORDS".utf8)), "a dry run changes nothing")
        let done = try ConveneProcess.ok(["study", "withdraw", study, "P03", "--by", "Sam Lead"])
        XCTAssertTrue(done.stdout.contains("study-qdpx  study.qdpx"), done.stdout)
        XCTAssertNil(raw(g2).range(of: Data("ZQS-P03-WORDS".utf8)))
        XCTAssertNil(raw(g1).range(of: Data("Cai Missing".utf8)))

        let refused = try ConveneProcess.run(["study", "anonymise", study])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("group1") && refused.stderr.contains("group2"), refused.stderr)
    }

    /// `participant add` on a session of a study checks the study's codes (the action layer's check).
    func testParticipantAddChecksTheStudysCodes() throws {
        let study = path("codes")
        try ConveneProcess.ok(["study", "new", study, "--title", "Codes study"])
        let g1 = study + "/group1.convene"
        let g2 = study + "/group2.convene"
        for (file, title) in [(g1, "Group 1"), (g2, "Group 2")] {
            try ConveneProcess.ok(["new", file, "--title", title, "--by", "Sam Lead"])
        }
        try ConveneProcess.ok([
            "participant", "add", g1, "--code", "P03", "--role", "Social worker", "--name", "Jo Marsh",
        ])
        // The file itself (its -wal and -shm come and go with each open; a closed session has an empty WAL).
        let before = FileManager.default.contents(atPath: g2)
        let refused = try ConveneProcess.run([
            "participant", "add", g2, "--code", "P03", "--role", "Youth worker", "--name", "Mo Brand",
        ])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(
            refused.stderr.contains("P03 is already someone else in group1 of this study (a Social worker there)")
                && refused.stderr.contains("add this participant as P01, the next free code"), refused.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: g2), before, "nothing was written")
        let linked = try ConveneProcess.ok([
            "participant", "add", g2, "--code", "P03", "--role", "Social worker", "--name", "Jo Marsh",
        ])
        XCTAssertTrue(
            linked.stdout.contains("added P03 (the same person as P03 in group1 of the study)"), linked.stdout)
    }

    /// A study export records every session's journal head; `convene check SESSION --against EXPORT` holds each
    /// session to its own, in every study format, and names a session whose journal was cut back since; so does
    /// `convene study check DIR --against EXPORT` for every session at once.
    func testAStudyExportRecordsEverySessionsHeadAndCheckHoldsEachToIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            XCTFail("this test cuts a journal with the sqlite3 command-line tool: apt-get install sqlite3")
            throw TestRun.cannotRun("sqlite3 is not installed (apt-get install sqlite3)")
        }
        // The writers keep their anchors in the test's folder and `check` looks elsewhere: only the export's
        // heads are compared.
        @discardableResult
        func ok(_ args: [String]) throws -> ConveneProcess.Result {
            try ConveneProcess.ok(args, env: ["CONVENE_ANCHORS": path("anchors"), "CONVENE_USER": "Sam Lead"])
        }
        func check(_ file: String, against export: String) throws -> ConveneProcess.Result {
            try ConveneProcess.run(
                ["check", file, "--against", export], env: ["CONVENE_ANCHORS": path("no-anchors-here")])
        }
        let study = path("heads")
        try ok(["study", "new", study, "--title", "Heads study"])
        let g1 = study + "/group1.convene"
        let g2 = study + "/group2.convene"
        for (file, code, text) in [
            (g1, "P01", "the hybrid link kept dropping"), (g2, "P02", "parents join from home"),
        ] {
            try ok(["new", file, "--title", "Group of \(code)", "--strand", "chairs"])
            try ok(["participant", "add", file, "--code", code, "--role", "Social worker"])
            try ok(["consent", file, code])
            try ok(["log", file, "--source", "chat", "--speaker", code, "--", text])
        }
        let outside = path("outside.convene")
        try ok(["new", outside, "--title", "Not in the study"])

        func sessionID(_ file: String) throws -> String {
            try XCTUnwrap(try SQLiteJournal.readMeta(path: file).sessionID)
        }
        var exports: [String] = []
        for format in ["json", "csv", "quotes-csv", "markdown", "html", "qdpx", "qdc"] {
            let out = path("study-\(format)")
            try ok(["study", "export", study, "--format", format, "-o", out])
            exports.append(out)
            let heads = ExportJournalHead.readAll(exportAt: out)
            XCTAssertEqual(heads.map(\.session), [try sessionID(g1), try sessionID(g2)], "\(format): one per session")
            for file in [g1, g2] {
                let r = try check(file, against: out)
                XCTAssertEqual(r.status, 0, "\(format), \(file): \(r.stdout) \(r.stderr)")
                XCTAssertTrue(r.stdout.contains("its end matches the receipt given"), "\(format): \(r.stdout)")
            }
            // A session that is not in the study has no head there: refused in one sentence.
            let other = try check(outside, against: out)
            XCTAssertEqual(other.status, 1, "\(format): \(other.stdout)")
            XCTAssertTrue(other.stderr.contains("records the journal heads of other sessions"), other.stderr)
        }
        // The study-level equivalent: every session against its own head, in one command.
        let whole = try ConveneProcess.run(
            ["study", "check", study, "--against", exports[1]], env: ["CONVENE_ANCHORS": path("no-anchors-here")])
        XCTAssertEqual(whole.status, 0, whole.stdout + whole.stderr)
        XCTAssertTrue(whole.stdout.contains("study ok: 2 sessions checked"), whole.stdout)
        XCTAssertEqual(whole.stdout.components(separatedBy: "its end matches the receipt given").count, 3, whole.stdout)
        // Two exports of the same state are the same bytes: the heads are part of what was exported.
        let again = path("again.json")
        try ok(["study", "export", study, "--format", "json", "-o", again])
        XCTAssertNotEqual(
            FileManager.default.contents(atPath: again), FileManager.default.contents(atPath: exports[0]),
            "recording the first export moved every journal on, so the second records later heads")

        // group1 changes behind Convene's back: its tail (everything from its first study export on) is cut.
        let cut = Process()
        cut.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        cut.arguments = [
            g1,
            "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq >= (SELECT min(seq) FROM events WHERE kind = 'export.recorded') - 1; DELETE FROM snapshot;",
        ]
        try cut.run()
        cut.waitUntilExit()
        XCTAssertEqual(cut.terminationStatus, 0)
        for out in exports {
            let damaged = try check(g1, against: out)
            XCTAssertEqual(damaged.status, 3, "\(out): \(damaged.stdout)")
            XCTAssertTrue(damaged.stdout.contains("damage:"), "\(out): \(damaged.stdout)")
            let intact = try check(g2, against: out)
            XCTAssertEqual(intact.status, 0, "group2 did not change: \(intact.stdout) \(intact.stderr)")
        }
        let cutStudy = try ConveneProcess.run(
            ["study", "check", study, "--against", exports[0]], env: ["CONVENE_ANCHORS": path("no-anchors-here")])
        XCTAssertEqual(cutStudy.status, 3, cutStudy.stdout)
        XCTAssertTrue(cutStudy.stdout.contains("study damaged: group1\n"), cutStudy.stdout)
        let blocks = cutStudy.stdout.components(separatedBy: "== group2")
        XCTAssertTrue(blocks[0].contains("damage:"), "group1's block names the damage: \(cutStudy.stdout)")
        XCTAssertTrue(blocks.last?.contains("ok: ") == true, "group2's block is clean: \(cutStudy.stdout)")
    }
}
