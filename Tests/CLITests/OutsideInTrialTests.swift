import Foundation
import XCTest

/// Findings of an outside-in trial of the command line (session 6): a study of three sessions run from the
/// docs alone. Each test failed on the build the trial ran against.
final class OutsideInTrialTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try ConveneProcess.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A study of two sessions, one contribution in the first.
    private func study() throws -> String {
        let study = path("st")
        try ConveneProcess.ok(["study", "new", study, "--title", "Trial study", "--withdrawal-days", "28"])
        for (name, date) in [("g1", "2026-12-01"), ("g2", "2026-12-02")] {
            try ConveneProcess.ok(["new", "\(study)/\(name).convene", "--title", name, "--date", date])
        }
        let g1 = study + "/g1.convene"
        try ConveneProcess.ok(["participant", "add", g1, "--code", "P01", "--role", "Social worker"])
        try ConveneProcess.ok(["consent", g1, "P01"])
        try ConveneProcess.ok(["log", g1, "--source", "verbal", "--speaker", "P01", "--", "Trust comes first"])
        return study
    }

    /// `study export -o` named one of the study's own files: the export was written over a session file (its
    /// journal gone) or over the manifest. It is refused now, before any work, and the file is untouched.
    func testAStudyExportIsNeverWrittenOverTheStudysOwnFiles() throws {
        let study = try study()
        let manifest = try Data(contentsOf: URL(fileURLWithPath: study + "/study.json"))
        for (target, says) in [
            (study + "/g2.convene", "is a Convene session file"), (study + "/g1.convene-wal", "session"),
            (study + "/study.json", "is the study's manifest"),
        ] {
            let r = try ConveneProcess.run(["study", "export", study, "--format", "json", "-o", target])
            XCTAssertEqual(r.status, 1, "refused: \(target)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(says), r.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: study + "/study.json")), manifest)
        for name in ["g1", "g2"] {
            let check = try ConveneProcess.ok(["check", "\(study)/\(name).convene"])
            XCTAssertTrue(check.stdout.hasPrefix("ok:"), check.stdout)
        }
        XCTAssertFalse(
            try ConveneProcess.ok(["events", study + "/g2.convene"]).stdout.contains("study-json"),
            "a refused export is not recorded")
    }

    /// A study export is research data like a session's: created 0600 whatever the umask.
    func testAStudyExportIsReadableByItsOwnerOnly() throws {
        let study = try study()
        for format in ["csv", "qdpx"] {
            let out = path("study.\(format)")
            try ConveneProcess.ok(["study", "export", study, "--format", format, "-o", out])
            let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600, "\(format): \(String(mode ?? 0, radix: 8))")
        }
    }

    /// docs/cli.md: "2 for bad arguments"; argument errors exited 64.
    func testBadArgumentsExitWithStatus2() throws {
        let file = path("s.convene")
        try ConveneProcess.ok(["new", file, "--title", "Bad arguments"])
        for args in [["log", file, "--bogus"], ["log", file, "--source", "nope", "--", "x"], ["blocklist", file]] {
            let r = try ConveneProcess.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty)
        }
    }

    /// `check --against` a file that is not there said it "holds no journal head".
    func testCheckAgainstAFileThatIsNotThereSaysSo() throws {
        let study = try study()
        let missing = path("no-such-receipt.json")
        for args in [
            ["check", study + "/g1.convene", "--against", missing], ["study", "check", study, "--against", missing],
        ] {
            let r = try ConveneProcess.run(args)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("there is no file \(missing)"), r.stderr)
            XCTAssertFalse(r.stderr.contains("holds no journal head"), r.stderr)
        }
    }

    /// `redact N --accept K` numbers findings as `review` shows them now, so the numbers move after each one is
    /// resolved; the command said only "1 change(s) recorded", so a script that used the numbers it had read
    /// resolved another finding without a word. It now says which finding it resolved and how many are left.
    func testRedactSaysWhichFindingItResolvedAndWhatIsLeft() throws {
        let file = path("r.convene")
        try ConveneProcess.ok(["new", file, "--title", "Redact"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P01", "--role", "Social worker"])
        try ConveneProcess.ok([
            "log", file, "--source", "verbal", "--speaker", "P01", "--",
            "We met Kayleigh Jones at 12 Station Road, and a 14-year-old at Oakfield Academy",
        ])
        let review = try ConveneProcess.ok(["review", file]).stdout
        XCTAssertTrue(review.contains("#1 finding 2: LOCATION “12 Station Road”"), review)
        let accepted = try ConveneProcess.ok(["redact", file, "1", "--accept", "2"]).stdout
        XCTAssertTrue(accepted.contains("LOCATION “12 Station Road” accepted"), accepted)
        XCTAssertTrue(accepted.contains("3 findings left to review, numbered afresh"), accepted)
        let rejected = try ConveneProcess.ok([
            "redact", file, "1", "--reject", "2", "--reason", "an age alone",
        ]).stdout
        XCTAssertTrue(rejected.contains("AGE “14-year-old” rejected (an age alone)"), rejected)
        let all = try ConveneProcess.ok(["redact", file, "1", "--accept-all"]).stdout
        XCTAssertTrue(all.contains("PERSON “Kayleigh Jones” accepted"), all)
        XCTAssertTrue(all.contains("no finding left to review"), all)
    }

    /// An import's `--add-unknown` adds people as "role not recorded", and docs/imports.md sent the user to a
    /// `convene people` that does not exist: every quote of theirs stayed "role not recorded" in every export.
    /// `participant set` corrects the role (a `participant.updated` event), checked like `participant add`.
    func testARoleNotRecordedByAnImportCanBeSetAndReachesTheExport() throws {
        let file = path("chat.convene")
        try ConveneProcess.ok(["new", file, "--title", "Chat", "--date", "2026-12-04"])
        let chat = path("chat.txt")
        try "14:02:11 From Zed Quinn : We lose them when the worker changes\n".write(
            toFile: chat, atomically: true, encoding: .utf8)
        let imported = try ConveneProcess.ok(["import", file, "--zoom-chat", chat, "--add-unknown"]).stdout
        XCTAssertTrue(imported.contains("new participant P01"), imported)
        try ConveneProcess.ok(["consent", file, "P01"])
        XCTAssertTrue(try ConveneProcess.ok(["show", file]).stdout.contains("P01  role not recorded"))

        let set = try ConveneProcess.ok([
            "participant", "set", file, "1", "--role", "Youth worker", "--org-type", "voluntary",
        ])
        XCTAssertEqual(set.stdout, "P01: job role Youth worker, organisation type voluntary\n")
        let show = try ConveneProcess.ok(["show", file]).stdout
        XCTAssertTrue(show.contains("P01  Youth worker"), show)
        XCTAssertTrue(try ConveneProcess.ok(["events", file]).stdout.contains("participant.updated"))
        let csv = path("chat.csv")
        try ConveneProcess.ok(["export", file, "--format", "csv", "-o", csv])
        let rows = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertTrue(rows.contains(",P01,role,Youth worker,"), rows)
        XCTAssertFalse(rows.contains("role not recorded"), rows)

        // Nothing to change is a bad argument; an unknown code is refused with the candidates.
        XCTAssertEqual(try ConveneProcess.run(["participant", "set", file, "P01"]).status, 2)
        let unknown = try ConveneProcess.run(["participant", "set", file, "P09", "--role", "Nurse"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no participant 'P09'"), unknown.stderr)
    }

    /// A code is one person across a study: a role set in one session may not contradict another session's.
    func testARoleSetInAStudySessionIsCheckedAgainstTheStudy() throws {
        let study = try study()
        let g2 = study + "/g2.convene"
        try ConveneProcess.ok(["participant", "add", g2, "--code", "P01", "--role", "Social worker"])
        let refused = try ConveneProcess.run(["participant", "set", g2, "P01", "--role", "Police officer"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("P01 is a Social worker in g1 of this study"), refused.stderr)
        XCTAssertFalse(try ConveneProcess.ok(["events", g2]).stdout.contains("participant.updated"))
        // The attribution preference is the session's own to change.
        try ConveneProcess.ok(["participant", "set", g2, "P01", "--attribution", "no-role"])
    }

    /// `study show` said "participants:  · consent: all ✓" of a session nobody had joined yet.
    func testAStudyOverviewSaysWhenASessionHasNobodyYet() throws {
        let study = try study()
        let show = try ConveneProcess.ok(["study", "show", study]).stdout
        XCTAssertTrue(show.contains("participants: P01 · consent: all ✓"), show)
        XCTAssertTrue(show.contains("participants: none yet"), show)
        XCTAssertFalse(show.contains("participants:  ·"), show)
    }

    /// A study export is recorded in every session's journal; the study withdrawal listed the one file once per
    /// session ("exports … (30)" for 16 files). It is listed once, with the sessions it holds.
    func testAStudyWithdrawalListsAStudyExportOnce() throws {
        let study = try study()
        let g2 = study + "/g2.convene"
        try ConveneProcess.ok(["participant", "add", g2, "--code", "P01", "--role", "Social worker"])
        try ConveneProcess.ok(["study", "export", study, "--format", "csv", "-o", path("study.csv")])
        try ConveneProcess.ok(["export", study + "/g1.convene", "--format", "json", "-o", path("g1.json")])
        let receipt = try ConveneProcess.ok(["study", "withdraw", study, "P01", "--dry-run"]).stdout
        XCTAssertTrue(
            receipt.contains("exports of any session made before this withdrawal (2 files)"), receipt)
        let lines = receipt.split(separator: "\n").filter { $0.contains("study-csv  study.csv") }
        XCTAssertEqual(lines.filter { $0.hasPrefix("  g1, g2  ") }.count, 1, receipt)
    }

    /// A study export to docx said "the export could not be packaged: a study exports to …".
    func testAStudyExportToASessionOnlyFormatSaysWhereThatFormatIs() throws {
        let study = try study()
        let r = try ConveneProcess.run(["study", "export", study, "--format", "docx", "-o", path("study.docx")])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("docx is for one session (convene export SESSION --format docx)"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("study.docx")))
    }
}
