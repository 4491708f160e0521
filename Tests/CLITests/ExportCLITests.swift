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
        try ConveneProcess.ok(["flag", file, "--contribution", "3", "--category", "unsafe-practice", "--urgency", "same-day", "--", description])
        try ConveneProcess.ok(["log", file, "--source", "chat", "--speaker", "P02", "--", "I spoke to avery quinlan and Tyler Brennan about it"])
        try ConveneProcess.ok(["log", file, "--source", "chat", "--speaker", "P02", "--", "Struck-words-here"])
        try ConveneProcess.ok(["strike", file, "22"])
        try ConveneProcess.ok(["participant", "add", file, "--code", "P07", "--role", "Youth worker"])
        try ConveneProcess.ok(["log", file, "--source", "verbal", "--speaker", "P07", "--", "Said-before-consent"])
        let forbidden = [description, "Avery", "Quinlan", "avery quinlan", "Tyler", "Brennan", "Shannon Okafor", "St Mary", "Struck-words-here",
                         "Said-before-consent", "Jordan Thistlewood", "Casey Ambrose"]
        for format in ["json", "csv", "quotes-csv", "markdown", "html", "qdc"] {
            let out = dir.appendingPathComponent("export.\(format)").path
            let run = try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
            // Privacy's implicit-identification check: a rare role beside a named school.
            XCTAssertTrue(run.stdout.contains("warning: #13"), "\(format): the implicit-identification warning is printed")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            XCTAssertFalse(text.isEmpty)
            for word in forbidden { XCTAssertFalse(text.localizedCaseInsensitiveContains(word), "\(format) export contains \(word)") }
            XCTAssertTrue(text.contains("[PERSON]") || ["quotes-csv", "markdown", "html", "qdc"].contains(format), "\(format): names are replaced")
        }
        // The zip formats (their contents are checked in ExportersTests).
        for format in ["docx", "qdpx"] {
            let out = dir.appendingPathComponent("export.\(format)").path
            try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
            XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: out)).starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(format) is a zip")
        }
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("export.json"))) as! [String: Any]
        let entries = record["contributions"] as! [[String: Any]]
        XCTAssertEqual(entries.first { $0["number"] as? Int == 6 }?["text"] as? String,
                       "But last month a mum called [PERSON 1] joined from her car outside [ORGANISATION 1] and could not speak freely.")
        XCTAssertNil(entries.first { $0["number"] as? Int == 15 }, "struck contributions are left out")
        XCTAssertEqual(entries.first { $0["number"] as? Int == 4 }?["speakerLabel"] as? String, "Participant", "anonymous level: no role")
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
}
