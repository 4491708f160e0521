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
}
