import Foundation
import SessionModel
import XCTest

@testable import Importers

/// The hostile files of issue 8 for the transcript and board importers (the
/// Zoom chat has its own in ZoomChatParserTests and EncodingTests): 50 MB and
/// one 1 MB line, generated here in a temporary folder (never committed),
/// timestamps out of order, names with emoji, right-to-left text.
final class HostileFileTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Writes `chunk(i)` until the file holds `bytes`; returns the path and the chunks written.
    private func generate(_ name: String, header: String = "", bytes: Int, _ chunk: (Int) -> String) throws -> (
        String, Int
    ) {
        let path = dir.appendingPathComponent(name).path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(header.utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        var written = header.utf8.count
        var i = 0
        while written < bytes {
            var block = ""
            for _ in 0..<2_000 {
                block += chunk(i)
                i += 1
            }
            try handle.write(contentsOf: Data(block.utf8))
            written += block.utf8.count
        }
        try handle.close()
        return (path, i)
    }

    private static func clock(_ s: Double) -> String {
        String(format: "%02d:%02d:%06.3f", Int(s) / 3600, Int(s) / 60 % 60, s.truncatingRemainder(dividingBy: 60))
    }

    func testFiftyMegabyteTranscript() throws {
        let (path, cues) = try generate("big.vtt", header: "WEBVTT\n\n", bytes: 50 * 1_048_576) { i in
            let s = Double(i) * 2
            let who = i % 3 == 0 ? "Alex Rivera" : "Sam Okafor"
            return
                "\(Self.clock(s)) --> \(Self.clock(s + 1.5))\n<v \(who)>Cue \(i): thresholds, referrals and who owns them.</v>\n\n"
        }
        let started = Date()
        let vtt = WebVTTParser.parse(try ImportText.read(path: path))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(vtt.cues.count, cues)
        XCTAssertEqual(vtt.skipped, [])
        XCTAssertEqual(vtt.cues.last?.text, "Cue \(cues - 1): thresholds, referrals and who owns them.")
        print(
            "50 MB transcript: \(vtt.lineCount) lines, \(cues) cues in \(String(format: "%.1f", elapsed)) s (debug build)"
        )
    }

    func testFiftyMegabyteBoard() throws {
        let (path, rows) = try generate("big.csv", header: "Content,Type,Frame,Color\n", bytes: 50 * 1_048_576) { i in
            i % 10 == 0
                ? "\"Note \(i), with a comma\nand a second line\",sticky_note,Barriers,yellow\n"
                : "Note \(i) about information sharing,sticky_note,Barriers,yellow\n"
        }
        let board = MiroParser.parseCSV(try ImportText.read(path: path))
        XCTAssertEqual(board.notes.count, rows)
        XCTAssertEqual(board.skipped, [])
        XCTAssertEqual(board.notes[10].text, "Note 10, with a comma\nand a second line")
    }

    func testOneMegabyteLineInATranscriptAndABoard() throws {
        let big = String(repeating: "abcdefghij ", count: 100_000) // 1.1 MB, one line
        let vttText =
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Alex Rivera>short</v>\n\n00:00:03.000 --> 00:00:04.000\n<v Sam Okafor>\(big)</v>\n\n00:00:05.000 --> 00:00:06.000\n<v Alex Rivera>after</v>\n"
        try Data(vttText.utf8).write(to: dir.appendingPathComponent("line.vtt"))
        let vtt = WebVTTParser.parse(try ImportText.read(path: dir.appendingPathComponent("line.vtt").path))
        XCTAssertEqual(vtt.cues.map(\.speaker), ["Alex Rivera", "Sam Okafor", "Alex Rivera"])
        XCTAssertEqual(vtt.cues[1].text, big.trimmingCharacters(in: .whitespaces))
        // A 1 MB timing line is one broken cue, reported; the rest is read.
        let badTiming =
            "WEBVTT\n\n00:00:01.000 --> " + String(repeating: "9", count: 1_000_000)
            + "\ntext\n\n00:00:05.000 --> 00:00:06.000\n<v A>fine</v>\n"
        let v2 = WebVTTParser.parse(ImportText(badTiming))
        XCTAssertEqual(v2.cues.map(\.text), ["fine"])
        XCTAssertEqual(v2.skipped.count, 1)

        let csvText = "Content,Type\nshort,sticky_note\n\(big),sticky_note\nafter,sticky_note\n"
        let board = MiroParser.parseCSV(ImportText(csvText, fileName: "line.csv"))
        XCTAssertEqual(board.notes.count, 3)
        XCTAssertEqual(board.notes[1].text, big.trimmingCharacters(in: .whitespaces))
        // Through the planner: a note over the contribution limit is reported, not imported, not a crash.
        let huge = String(repeating: "x", count: 1_000_000)
        var options = ImportOptions()
        options.allowSkips = true
        let plan = try Importer.miro(
            ImportText("\(huge)\nsmall note\n", fileName: "list.txt"), into: TestSession.make(), options: options)
        XCTAssertEqual(plan.contributionTexts, ["small note"])
        XCTAssertEqual(plan.report.skipped.count, 1)
    }

    func testTranscriptOutOfOrderEmojiNamesAndRightToLeftText() throws {
        let text = """
            WEBVTT

            00:00:10.000 --> 00:00:12.000
            <v Priya 🌻 Shah>Emoji in my name 🙂</v>

            00:00:05.000 --> 00:00:07.000
            <v نور حداد>مرحبا بالجميع — hello everyone</v>

            00:00:20.000 --> 00:00:22.000
            <v Priya 🌻 Shah>שלום, עברית מימין לשמאל</v>

            00:00:15.000 --> 00:00:16.000
            ‮Ada Obi‬: an override hidden in the name
            """
        let vtt = WebVTTParser.parse(ImportText(text, fileName: "t.vtt"))
        XCTAssertEqual(
            vtt.cues.map(\.text).prefix(3),
            ["Emoji in my name 🙂", "مرحبا بالجميع — hello everyone", "שלום, עברית מימין לשמאל"])
        XCTAssertEqual(vtt.cues.map(\.speaker).prefix(3), ["Priya 🌻 Shah", "نور حداد", "Priya 🌻 Shah"])
        XCTAssertFalse(vtt.warnings.isEmpty, "a cue earlier than the one before is noted")

        // Names with emoji and RTL map like any other (case and spacing aside); words are kept as written.
        let names = try mapping("Priya 🌻 Shah,P01\nنور حداد,P02\n\u{202E}Ada Obi\u{202C},P03\n")
        let plan = try Importer.webVTT(
            ImportText(text, fileName: "t.vtt"), into: TestSession.make(), options: ImportOptions(mapping: names))
        let byText = Dictionary(plan.contributions.map { ($0.text, $0.speaker) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byText["Emoji in my name 🙂"] ?? nil, "P01")
        XCTAssertEqual(byText["مرحبا بالجميع — hello everyone"] ?? nil, "P02")
        XCTAssertTrue(
            plan.contributions.allSatisfy { c in !c.text.unicodeScalars.contains { $0.value == 0x202E } },
            "no bidi override reaches a contribution")
    }

    func testBoardEmojiRightToLeftAndDatesOutOfOrder() throws {
        let csv = """
            Content,Frame,Color,Created
            Less travel 🚌,Barriers 🚧,yellow,2026-03-12 14:30
            مرحبا بالجميع,حواجز,blue,2026-03-12 14:10
            "שלום\nעברית",Barriers 🚧,yellow,2026-03-12 14:20
            """
        let plan = try Importer.miro(ImportText(csv, fileName: "b.csv"), into: TestSession.make())
        XCTAssertEqual(plan.contributionTexts, ["Less travel 🚌", "مرحبا بالجميع", "שלום\nעברית"])
        XCTAssertTrue(plan.contributions.allSatisfy { $0.speaker == nil })
        XCTAssertEqual(
            plan.contributions.map(\.occurredAt),
            [TestSession.time("14:30:00"), TestSession.time("14:10:00"), TestSession.time("14:20:00")],
            "each note keeps its own time, in or out of order")
        let codes = plan.payloads.compactMap { $0 as? CodeTagged }.map(\.code)
        XCTAssertTrue(codes.contains("frame: Barriers 🚧") && codes.contains("frame: حواجز"), "\(codes)")
    }
}
