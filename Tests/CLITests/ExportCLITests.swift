import Foundation
import XCTest

/// Every research format goes through one gate: no concern description, no
/// real or block-listed name, nothing struck; the safeguarding export has it all.
final class ExportCLITests: XCTestCase {
    func testResearchExportsCarryNoRestrictedOrIdentifyingText() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("demo").path
        try ConveneProcess.ok(["demo", f, "--no-show"])
        let file = f + "/demo.convene"
        let description = "Restricted-\(UUID().uuidString.prefix(8))"
        try ConveneProcess.ok([
            "flag", file, "--contribution", "3", "--category", "unsafe-practice", "--urgency", "same-day", "--",
            description,
        ])
        try ConveneProcess.ok([
            "log", file, "--source", "chat", "--speaker", "P02", "--",
            "I spoke to avery quinlan and Tyler Brennan about it",
        ])
        try ConveneProcess.ok(["log", file, "--source", "chat", "--speaker", "P02", "--", "Struck-words-here"])
        try ConveneProcess.ok(["strike", file, "22"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P07", "--role", "Youth worker"])
        try ConveneProcess.ok(["log", file, "--source", "verbal", "--speaker", "P07", "--", "Said-before-consent"])
        let forbidden = [
            description, "Avery", "Quinlan", "avery quinlan", "Tyler", "Brennan", "Shannon Okafor", "St Mary",
            "Struck-words-here",
            "Said-before-consent", "Jordan Thistlewood", "Casey Ambrose",
        ]
        for format in ["json", "csv", "quotes-csv", "markdown", "html", "qdc"] {
            let out = dir.appendingPathComponent("export.\(format)").path
            let run = try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
            // Privacy's implicit-identification check: a rare role beside a named school, summarised
            // (one line per pairing), the school shown by its placeholder, never in clear.
            XCTAssertTrue(
                run.stdout.contains("warning: Health visitor (the only one in this session) beside ["),
                "\(format): the implicit-identification warning is printed: \(run.stdout)")
            XCTAssertTrue(run.stdout.contains(" in #13 "), "\(format): the warning names the contribution")
            XCTAssertFalse(run.stdout.contains("Oakfield"), "\(format): the place is never printed in clear")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            XCTAssertFalse(text.isEmpty)
            for word in forbidden {
                XCTAssertFalse(text.localizedCaseInsensitiveContains(word), "\(format) export contains \(word)")
            }
            XCTAssertTrue(
                text.contains("[PERSON]") || ["quotes-csv", "markdown", "html", "qdc"].contains(format),
                "\(format): names are replaced")
        }
        // The zip formats (their contents are checked in ExportersTests).
        for format in ["docx", "qdpx"] {
            let out = dir.appendingPathComponent("export.\(format)").path
            try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
            XCTAssertTrue(
                try Data(contentsOf: URL(fileURLWithPath: out)).starts(with: [0x50, 0x4B, 0x03, 0x04]),
                "\(format) is a zip")
        }
        let record =
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("export.json")))
            as! [String: Any]
        let entries = record["contributions"] as! [[String: Any]]
        XCTAssertEqual(
            entries.first { $0["number"] as? Int == 6 }?["text"] as? String,
            "But last month a mum called [PERSON 1] joined from her car outside [ORGANISATION 1] and could not speak freely."
        )
        XCTAssertNil(entries.first { $0["number"] as? Int == 15 }, "struck contributions are left out")
        XCTAssertEqual(
            entries.first { $0["number"] as? Int == 4 }?["speakerLabel"] as? String, "Participant",
            "anonymous level: no role")
        let csv = try String(contentsOfFile: dir.appendingPathComponent("export.csv").path, encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("number,time,room,"))
        XCTAssertTrue(csv.contains("\r\n"), "RFC 4180 line ends")

        let register = dir.appendingPathComponent("register.json").path
        try ConveneProcess.ok(["export", file, "--format", "safeguarding", "-o", register])
        XCTAssertTrue(try String(contentsOfFile: register, encoding: .utf8).contains(description))
        let shown = try ConveneProcess.ok(["show", file, "--json"])
        let show = try XCTUnwrap(try JSONSerialization.jsonObject(with: shown.stdoutData) as? [String: Any])
        XCTAssertEqual(show["contributions"] as? Int, 23, "the demo's 20 and the three logged here")
        XCTAssertGreaterThanOrEqual(show["openConcerns"] as? Int ?? 0, 1, "the concern raised here is open")
        for word in [description, "Avery", "Quinlan", "Tyler Brennan"] {
            XCTAssertFalse(shown.stdout.localizedCaseInsensitiveContains(word), "show --json prints \(word)")
        }
        // Exports are recorded for the withdrawal receipt.
        XCTAssertTrue(try ConveneProcess.ok(["events", file]).stdout.contains("export.recorded"))
    }

    func testAnExportIsNeverWrittenOverASessionFileOrItsInputAndIsPrivateToItsOwner() throws {
        let dir = try ConveneProcess.tempDir()
        try ConveneProcess.ok(["demo", dir.appendingPathComponent("a").path, "--no-show"])
        try ConveneProcess.ok(["demo", dir.appendingPathComponent("b").path, "--no-show"])
        let file = dir.appendingPathComponent("a/demo.convene").path
        let other = dir.appendingPathComponent("b/demo.convene").path
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let otherBefore = try Data(contentsOf: URL(fileURLWithPath: other))
        // The input itself, another path to it, another session file, its -wal: all refused before any work.
        let link = dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        for (target, says) in [
            (file, "is the session being exported"), (link, "is the session being exported"),
            (other, "is a Convene session file"), (file + "-wal", "is the session being exported"),
        ] {
            for format in ["csv", "qdpx", "safeguarding"] {
                let r = try ConveneProcess.run(["export", file, "--format", format, "-o", target])
                XCTAssertNotEqual(r.status, 0, "export -o \(target) must be refused")
                XCTAssertTrue(r.stderr.contains(says), "\(target): \(r.stderr)")
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one clear message: \(r.stderr)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before, "the session file is untouched")
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: other)), otherBefore, "the other session file is untouched")
        XCTAssertFalse(ExportFileCheck.isCSV(file + "-wal"), "no export was written as the -wal")
        try ConveneProcess.ok(["check", file])
        // Exports are created 0600 whatever the umask, and an existing world-readable file is replaced by a private one.
        for format in ["csv", "json", "qdpx", "safeguarding"] {
            let out = dir.appendingPathComponent("out.\(format)").path
            FileManager.default.createFile(
                atPath: out, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
            try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o777, 0o600, "\(format) export is 0600")
        }
        XCTAssertTrue(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".partial-") },
            "no temporary file is left behind")
    }

    func testTheDemoSessionsEventsCarryItsDate() throws {
        let dir = try ConveneProcess.tempDir()
        try ConveneProcess.ok(["demo", dir.path, "--no-show"])
        let file = dir.appendingPathComponent("demo.convene").path
        let show =
            try JSONSerialization.jsonObject(with: ConveneProcess.ok(["show", file, "--json"]).stdoutData)
            as! [String: Any]
        let date = try XCTUnwrap(
            (show["session"] as? [String: Any])?["date"] as? String ?? show["date"] as? String, "\(show)")
        let lines = try ConveneProcess.ok(["events", file]).stdout.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 50)
        for line in lines {
            let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let at = try XCTUnwrap(event["at"] as? String)
            XCTAssertTrue(at.hasPrefix(date), "event at \(at) is not on the session's date \(date)")
            XCTAssertLessThanOrEqual(at, ISO8601DateFormatter().string(from: Date()), "no event is in the future")
        }
    }
}

enum ExportFileCheck {
    /// Whether a file starts like our CSV export.
    static func isCSV(_ path: String) -> Bool {
        (try? String(contentsOfFile: path, encoding: .utf8))?.hasPrefix("number,time,") ?? false
    }
}
