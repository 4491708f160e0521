import Foundation
import Importers
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// `:export` and `:import` from the console, against a real session file.
final class ConsoleTransferTests: XCTestCase {
    // MARK: Export

    func testExportPickerWritesTheFileWholeAndRecordsIt() throws {
        let h = try ConsoleHarness(width: 100, height: 30)
        h.command("export")
        guard case .export(let draft) = h.state.overlay else { return XCTFail(":export opens the picker") }
        XCTAssertNil(draft.path)
        for name in ["json", "markdown", "html", "docx", "csv", "quotes-csv", "qdpx", "qdc"] {
            XCTAssertTrue(h.screen.contains(name), "the picker lists \(name)")
        }
        h.key(.char("2")) // markdown
        guard case .export(let withPath) = h.state.overlay, let path = withPath.path?.text else {
            return XCTFail("a file is asked for")
        }
        XCTAssertEqual(path, h.dir.appendingPathComponent("group2.md").path, "suggested next to the session file")
        h.key(.enter)
        XCTAssertEqual(h.state.overlay, .none)
        XCTAssertTrue(h.state.status?.hasPrefix("Wrote \(path) (markdown,") ?? false, h.state.status ?? "")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("Hybrid child protection conferences"))
        for real in h.state.session.linkage.values {
            XCTAssertFalse(text.contains(real), "a real name reached the export: \(real)")
        }
        XCTAssertEqual(h.state.session.exports.last?.kind, "markdown")
        XCTAssertEqual(h.state.session.exports.last?.detail, "group2.md")
        // The progress line was drawn while it ran, ending at 100 %.
        let fractions = h.drawn.compactMap { s -> Double? in
            if case .export(let d) = s.overlay { return d.progress?.fraction } else { return nil }
        }
        XCTAssertEqual(fractions.last, 1)
        XCTAssertGreaterThan(fractions.count, 2)
        let remains = try FileManager.default.contentsOfDirectory(atPath: h.dir.path).filter {
            $0.contains(".partial-")
        }
        XCTAssertEqual(remains, [], "no temporary file is left")
    }

    func testExportProgressLineSnapshot() throws {
        let session = try SessionState.replay(DemoSession.events())
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: 80, height: 24, now: ConsoleSnapshotTests.now)
        s.focus = .log
        for k: Key in [.char(":"), .char("e"), .char("x"), .char("p"), .char("o"), .char("r"), .char("t"), .enter] {
            _ = update(&s, .key(k))
        }
        try assertScreen(s, "export-picker-80x24")
        _ = update(&s, .key(.down))
        _ = update(&s, .key(.enter))
        guard case .export(let d) = s.overlay else { return XCTFail() }
        XCTAssertEqual(d.path?.text, "demo.md")
        let effects = update(&s, .key(.enter))
        XCTAssertEqual(effects.map(\.description), ["export(markdown)"])
        _ = update(&s, .exportProgress(0.5, "writing markdown"))
        try assertScreen(s, "export-progress-80x24")
    }

    func testEveryPickedFormatEitherAsksForAFileOrSaysItIsNotBuilt() throws {
        for (i, f) in ConsoleExport.formats.enumerated() {
            let h = try ConsoleHarness()
            h.command("export")
            h.key(.char(Character(String(i + 1))))
            guard case .export(let d) = h.state.overlay else { return XCTFail() }
            if ConsoleExport.isAvailable(f.name) {
                XCTAssertNotNil(d.path, f.name)
            } else {
                XCTAssertNil(d.path, f.name)
                XCTAssertEqual(
                    h.state.status, "the \(f.name) export is not available in this build; pick another format")
            }
        }
    }

    func testQDPXFromTheConsoleIsAZipWithTheProject() throws {
        let h = try ConsoleHarness()
        let target = h.dir.appendingPathComponent("coded.qdpx").path
        h.command("export qdpx \(target)")
        h.key(.enter)
        XCTAssertTrue(h.state.status?.hasPrefix("Wrote \(target) (qdpx,") ?? false, h.state.status ?? "")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        XCTAssertEqual(Array(bytes.prefix(2)), [0x50, 0x4B], "a REFI-QDA project is a zip")
        XCTAssertEqual(h.state.session.exports.last?.kind, "qdpx")
    }

    func testExportToAMissingFolderFailsClearlyAndWritesNothing() throws {
        let h = try ConsoleHarness()
        let target = h.dir.appendingPathComponent("no-such-folder/out.json").path
        h.command("export json \(target)")
        h.key(.enter)
        XCTAssertTrue(
            h.state.status?.hasPrefix("Export failed: cannot write \(target): no folder") ?? false, h.state.status ?? ""
        )
        guard case .export(let d) = h.state.overlay else { return XCTFail("the box stays open to fix the path") }
        XCTAssertNil(d.progress)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
        XCTAssertTrue(h.state.session.exports.isEmpty, "nothing recorded")
        XCTAssertEqual(h.bells, 1)
    }

    // MARK: Import

    static let chat = """
        10:31:02 From Avery Quinlan to Everyone:
        \tThe chair checked everyone online could hear
        10:31:40 From Dana Visitor to Everyone:
        \tCan the minutes come by email?
        10:32:05 From Sam Lead to Everyone:
        \tWe will send them the same day
        10:33:10 From Robin Guest to Everyone:
        \tAgree with Dana

        """

    func writeChat(_ h: ConsoleHarness) throws -> String {
        let path = h.dir.appendingPathComponent("meeting_saved_chat.txt").path
        try Self.chat.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testImportAsksForUnknownNamesPreviewsThenCommitsOnce() throws {
        let h = try ConsoleHarness(width: 110, height: 34)
        let path = try writeChat(h)
        let before = h.state.session.contributions.count
        h.command("import")
        h.key(.char("1")) // Zoom chat
        h.type(path)
        h.key(.enter)
        func current() -> ImportDraft? { if case .importer(let d) = h.state.overlay { return d } else { return nil } }
        var d = try XCTUnwrap(current())
        XCTAssertEqual(d.step, .names, "unknown names are asked for, never guessed")
        XCTAssertEqual(d.unknown, ["Dana Visitor", "Robin Guest"])
        XCTAssertEqual(h.state.session.contributions.count, before, "nothing is written before the preview is accepted")
        // A code that is not in the session is refused; + adds a new participant; 2 maps to P02.
        h.type("P99")
        h.key(.enter)
        d = try XCTUnwrap(current())
        XCTAssertEqual(d.message, "no participant P99 in this session; + adds 'Dana Visitor' as a new one")
        h.key(.ctrl("u"))
        h.type("+")
        h.key(.enter)
        h.type("2")
        h.key(.enter)
        d = try XCTUnwrap(current())
        let preview = try XCTUnwrap(d.preview, "then the preview")
        XCTAssertEqual(d.step, .preview)
        XCTAssertEqual(preview.added, 4)
        XCTAssertTrue(preview.names.contains("'Avery Quinlan' → P01 (linkage)"), "\(preview.names)")
        XCTAssertTrue(preview.names.contains("'Robin Guest' → P02 (mapping)"), "\(preview.names)")
        XCTAssertTrue(preview.names.contains { $0.hasPrefix("'Sam Lead' → facilitator") }, "\(preview.names)")
        XCTAssertTrue(h.screen.contains("new participant P07: 'Dana Visitor'"), h.screen)
        XCTAssertTrue(h.screen.contains("10:31 cht P01  The chair checked everyone online could hear"), h.screen)
        XCTAssertEqual(h.state.session.contributions.count, before, "still nothing written")

        h.key(.enter)
        XCTAssertEqual(h.state.overlay, .none)
        XCTAssertTrue(
            h.state.status?.hasPrefix("Imported: zoom-chat meeting_saved_chat.txt") ?? false, h.state.status ?? "")
        let added = Array(h.state.session.contributions.dropFirst(before))
        XCTAssertEqual(added.map(\.speaker), ["P01", "P07", nil, "P02"])
        XCTAssertEqual(added.map(\.source), [.chat, .chat, .facilitator, .chat])
        XCTAssertNotNil(h.state.session.participant("P07"))

        // The same file again adds nothing.
        h.command("import zoom-chat \(path)")
        let asked = try XCTUnwrap(current())
        XCTAssertEqual(
            asked.unknown, ["Robin Guest"], "the new participant is known now; a one-off mapping is asked again")
        h.type("2")
        h.key(.enter)
        let again = try XCTUnwrap(current())
        XCTAssertEqual(again.step, .preview)
        XCTAssertEqual(again.preview?.added, 0)
        XCTAssertTrue(h.screen.contains("Nothing new to add"), h.screen)
    }

    /// The import box reads every kind `convene import` reads, with the same flags: an SRT
    /// transcript with `--speaker` (cues that name nobody go to that participant), a Teams
    /// Word transcript, and `--speaker` refused for a chat in the command line's words.
    func testImportBoxReadsSRTAndTeamsWordWithTheCommandLinesFlags() throws {
        let h = try ConsoleHarness(width: 110, height: 34)
        let srt = h.dir.appendingPathComponent("talk.srt").path
        try """
        1
        00:00:00,500 --> 00:00:03,200
        We start with the safety plan.

        2
        00:00:03,200 --> 00:00:06,000
        It is reviewed every six weeks.

        """.write(toFile: srt, atomically: true, encoding: .utf8)
        let before = h.state.session.contributions.count
        h.command("import")
        h.key(.char("4")) // SRT
        h.type(srt + " --speaker P02")
        h.key(.enter)
        guard case .importer(let d) = h.state.overlay else { return XCTFail("the box closed: \(h.state.status ?? "")") }
        XCTAssertEqual(d.step, .preview, d.message ?? "")
        XCTAssertEqual(d.preview?.added, 2)
        h.key(.enter)
        XCTAssertEqual(h.state.overlay, .none, h.state.status ?? "")
        let added = Array(h.state.session.contributions.dropFirst(before))
        XCTAssertEqual(added.map(\.text), ["We start with the safety plan.", "It is reviewed every six weeks."])
        XCTAssertEqual(added.map(\.speaker), ["P02", "P02"], "--speaker names who speaks in cues with no speaker")

        // --speaker with a chat: refused before anything is read, as on the command line.
        let chat = try writeChat(h)
        h.command("import zoom-chat \(chat) --speaker P02")
        XCTAssertTrue(h.state.status?.contains("--speaker works with a transcript") ?? false, h.state.status ?? "")

        // A Teams transcript downloaded as Word: the kind the box lists fifth.
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ImportersTests/Fixtures/teams-transcript-2023.docx").path
        h.command("import")
        h.key(.char("5"))
        h.type(fixtures)
        h.key(.enter)
        guard case .importer(let t) = h.state.overlay else { return XCTFail("the box closed: \(h.state.status ?? "")") }
        XCTAssertTrue(
            t.step == .names || t.step == .preview, "a Word transcript is read and planned: \(t.message ?? "")")
        XCTAssertNil(t.message)
    }

    func testImportOfABinaryFileIsRefusedWithOneMessage() throws {
        let h = try ConsoleHarness()
        let path = h.dir.appendingPathComponent("photo.jpg").path
        FileManager.default.createFile(
            atPath: path, contents: Data([0xFF, 0xD8, 0x00, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]))
        h.command("import vtt \(path)")
        guard case .importer(let d) = h.state.overlay else { return XCTFail() }
        XCTAssertEqual(d.step, .path, "back to the file, to fix it")
        XCTAssertEqual(d.message, "photo.jpg looks like a binary file, not text; nothing was imported")
        XCTAssertTrue(h.screen.contains("looks like a binary file"))
        h.key(.escape)
        h.key(.escape)
        XCTAssertEqual(h.state.overlay, .none)
    }

    func testImportScreensSnapshot() throws {
        let session = try SessionState.replay(DemoSession.events())
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: 100, height: 30, now: ConsoleSnapshotTests.now)
        s.focus = .log
        for k: Key in [.char(":"), .char("i"), .char("m"), .char("p"), .char("o"), .char("r"), .char("t"), .enter] {
            _ = update(&s, .key(k))
        }
        try assertScreen(s, "import-kind-100x30")
        _ = update(&s, .key(.char("1")))
        for c in "meeting_saved_chat.txt" { _ = update(&s, .key(.char(c))) }
        let effects = update(&s, .key(.enter))
        XCTAssertEqual(effects.map(\.description), ["planImport(zoom-chat)"])
        // The planner's answer for the chat above, from the real Importers.
        guard case .importer(let d) = s.overlay else { return XCTFail() }
        var request = d.request
        request.path =
            FileManager.default.temporaryDirectory.appendingPathComponent("convene-snap-\(UUID().uuidString).txt").path
        try Self.chat.write(toFile: request.path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: request.path) }
        guard case .failure(let problem) = ConsoleImport.plan(request, into: s.session) else {
            return XCTFail("unknown names")
        }
        _ = update(&s, .importPlanned(.failure(problem)))
        try assertScreen(s, "import-names-100x30")
        for c in "+" { _ = update(&s, .key(.char(c))) }
        _ = update(&s, .key(.enter))
        for c in "s" { _ = update(&s, .key(.char(c))) }
        let replan = update(&s, .key(.enter))
        XCTAssertEqual(replan.map(\.description), ["planImport(zoom-chat)"])
        guard case .importer(let d2) = s.overlay else { return XCTFail() }
        var r2 = d2.request
        r2.path = request.path
        guard case .success(let (_, preview)) = ConsoleImport.plan(r2, into: s.session) else {
            return XCTFail("a plan")
        }
        // The preview names the file as typed, not the temporary copy.
        var shown = preview
        shown.summary = preview.summary.map {
            $0.replacingOccurrences(of: (request.path as NSString).lastPathComponent, with: "meeting_saved_chat.txt")
        }
        _ = update(&s, .importPlanned(.success(shown)))
        try assertScreen(s, "import-preview-100x30")
    }
}
