import Foundation
import Importers
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// Whole screens rendered into the grid and compared as text with files in
/// Snapshots/ (set SNAPSHOT_RECORD=1 to rewrite them after a deliberate change).
final class ConsoleSnapshotTests: XCTestCase {
    static let now = DemoSession.defaultStart.addingTimeInterval(1_500)

    func demoState(width: Int, height: Int, role: ConsoleRole = .lead) throws -> ConsoleState {
        let session = try SessionState.replay(DemoSession.events())
        return ConsoleState(
            session: session, context: ConsoleContext(role: role, user: "Sam Lead", location: "demo.convene"),
            width: width, height: height, now: Self.now)
    }

    func assertSnapshot(_ state: ConsoleState, _ name: String, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        try assertScreen(state, name, file: file, line: line)
    }

    func testMainScreenAt80x24() throws { try assertSnapshot(try demoState(width: 80, height: 24), "main-80x24") }
    func testMainScreenAt160x48() throws { try assertSnapshot(try demoState(width: 160, height: 48), "main-160x48") }

    func testHelpOverlay() throws {
        var s = try demoState(width: 160, height: 48)
        _ = update(&s, .key(.function(1)))
        try assertSnapshot(s, "help-160x48")
    }

    func testPaletteOverlay() throws {
        var s = try demoState(width: 80, height: 24)
        s.focus = .log
        for k: Key in [.char(":"), .char("r"), .char("o")] { _ = update(&s, .key(k)) }
        try assertSnapshot(s, "palette-80x24")
    }

    func testFlagOverlayAndRegister() throws {
        var s = try demoState(width: 80, height: 24)
        _ = update(&s, .key(.ctrl("g")))
        try assertSnapshot(s, "flag-category-80x24")
        _ = update(&s, .key(.escape))
        s.focus = .log
        _ = update(&s, .key(.char("R")))
        try assertSnapshot(s, "register-80x24")
    }

    func testObserverSeesNoConcernContent() throws {
        var s = try demoState(width: 80, height: 24, role: .observer)
        s.focus = .log
        _ = update(&s, .key(.char("R")))
        let text = view(s).text()
        XCTAssertFalse(text.contains("check whether already referred"))
        XCTAssertTrue(text.contains("not shown to observers"))
    }

    func testTooSmall() throws {
        try assertSnapshot(try demoState(width: 60, height: 20), "too-small-60x20")
        let tiny = view(try demoState(width: 3, height: 1))
        XCTAssertEqual(tiny.width, 3)
        _ = view(try demoState(width: 0, height: 0))
    }

    func testWideAndHostileTextIsDrawnInert() throws {
        var events = DemoSession.events()
        let last = events.last!.at
        events.append(
            SessionEvent(
                at: last.addingTimeInterval(5), by: "Ira",
                ContributionLogged(
                    source: .chat, speaker: "P02",
                    text: "日本語のテキスト 👩‍👩‍👧 e\u{301}cole \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}reversed "
                        + String(repeating: "W", count: 10_000))))
        let session = try SessionState.replay(events)
        let s = ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "x"), width: 160,
            height: 48, now: Self.now)
        let grid = view(s)
        for cell in grid.cells {
            XCTAssertFalse(
                cell.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E },
                "raw control in the grid")
        }
        try assertSnapshot(s, "hostile-160x48")
    }

    func testHeaderShowsCountdownRecordingAndAlerts() throws {
        var events = DemoSession.events()
        let t = events.last!.at
        events.append(SessionEvent(at: t, by: "Sam Lead", RoundStarted(minutes: 5)))
        events.append(
            SessionEvent(
                at: t, by: "Ira", ConcernRaised(category: .riskToParticipant, urgency: .immediate, description: "x")))
        let session = try SessionState.replay(events)
        var s = ConsoleState(
            session: session, context: ConsoleContext(role: .notetaker, user: "Ira", location: "x"), width: 160,
            height: 30, now: t.addingTimeInterval(250))
        let header = view(s).lines()[0]
        XCTAssertTrue(header.contains("Round 2 00:50 left ⏰ 1 MIN"), header)
        XCTAssertTrue(header.contains("● REC"), header)
        XCTAssertTrue(header.contains("⚑ 2 open (1 to ack: 1 immediate)"), header)
        // Narrower: the title is shortened first, then every item takes its short form.
        s.width = 80
        let narrow = view(s).lines()[0]
        for part in ["Convene · Hybrid", "⚑ 2 open 1 to ack", "R2 00:50 ⏰", "10:29"] {
            XCTAssertTrue(narrow.contains(part), narrow)
        }
        s.width = 160
        XCTAssertTrue(view(s).lines()[1].contains("SAFEGUARDING ALERT: concern #2"))
        let effects = update(&s, .sessionChanged(session))
        XCTAssertEqual(effects.map(\.description), ["bell"], "an immediate concern rings once")
        XCTAssertEqual(update(&s, .sessionChanged(session)).count, 0)
    }
}

/// Every screen and dialog at the three sizes the issue names (80×24, 120×40, 160×48).
final class ConsoleScreenSizeSnapshotTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40), (160, 48)]

    func state(width: Int, height: Int) throws -> ConsoleState {
        let session = try SessionState.replay(DemoSession.events())
        return ConsoleState(
            session: session, context: ConsoleContext(role: .lead, user: "Sam Lead", location: "demo.convene"),
            width: width, height: height, now: ConsoleSnapshotTests.now)
    }

    func check(
        _ name: String, _ setUp: (inout ConsoleState) -> Void, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for (w, h) in Self.sizes {
            var s = try state(width: w, height: h)
            setUp(&s)
            try assertScreen(s, "\(name)-\(w)x\(h)", file: file, line: line)
        }
    }

    func keys(_ s: inout ConsoleState, _ keys: [Key]) { for k in keys { _ = update(&s, .key(k)) } }

    func testMain() throws { try check("screen-main") { _ in } }

    /// docs/console.md shows the main screen at 80×24 as text: it must be the screen the console draws now.
    func testTheDocsShowTheCurrent80x24Screen() throws {
        let docs = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/console.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try XCTUnwrap(text.range(of: "## The screen"), "docs/console.md has no screen section")
        let open = try XCTUnwrap(text.range(of: "```\n", range: section.upperBound..<text.endIndex))
        let close = try XCTUnwrap(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        let shown = text[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) }
        let drawn = view(try state(width: 80, height: 24)).text().split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map(String.init)
        XCTAssertEqual(shown, drawn, "docs/console.md's 80×24 screen is not the one the console draws")
    }
    func testPanesWithASelection() throws { try check("screen-panes") { self.keys(&$0, [.escape, .up, .up]) } }
    func testRoomsPaneUnfolded() throws { try check("screen-rooms") { self.keys(&$0, [.escape, .backTab]) } }
    func testHelp() throws { try check("screen-help") { self.keys(&$0, [.function(1)]) } }
    func testHelpSearch() throws {
        try check("screen-help-search") { self.keys(&$0, [.function(1), .char("/")] + "tag".map { .char($0) }) }
    }
    func testPalette() throws { try check("screen-palette") { self.keys(&$0, [.char(":")] + "ta".map { .char($0) }) } }
    func testStrikeDialog() throws {
        try check("dialog-strike") { self.keys(&$0, [.escape, .up, .char("x")] + "dup".map { .char($0) }) }
    }
    func testEndRoundDialog() throws {
        try check("dialog-end-round") { s in
            s.session = try! SessionState.replay(
                DemoSession.events() + [
                    SessionEvent(at: ConsoleSnapshotTests.now, by: "Sam", RoundStarted(minutes: 10))
                ])
            self.keys(&s, [.char(":")] + "round end".map { .char($0) } + [.enter])
        }
    }
    func testCloseDialog() throws {
        try check("dialog-close") { self.keys(&$0, [.char(":")] + "close".map { .char($0) } + [.enter]) }
    }
    func testQuitDialog() throws { try check("dialog-quit") { self.keys(&$0, [.ctrl("q")]) } }
    func testFlagAskDialog() throws { try check("dialog-flag-who") { self.keys(&$0, [.ctrl("g")]) } }
    func testFlagCategoryDialog() throws {
        try check("dialog-flag-category") { s in
            s.speaker = "P04"
            self.keys(&s, [.ctrl("g")])
        }
    }
    func testSpeakerDialog() throws { try check("dialog-speaker") { self.keys(&$0, [.ctrl("p")]) } }
    func testSearchDialog() throws {
        try check("dialog-search") { self.keys(&$0, [.escape, .char("/")] + "chair".map { .char($0) }) }
    }
    func testRegisterDialog() throws { try check("dialog-register") { self.keys(&$0, [.escape, .char("R")]) } }
    func testExportDialog() throws {
        try check("dialog-export") { self.keys(&$0, [.char(":")] + "export".map { .char($0) } + [.enter]) }
    }
    func testImportDialog() throws {
        try check("dialog-import") { self.keys(&$0, [.char(":")] + "import".map { .char($0) } + [.enter]) }
    }
    func testReviewDialog() throws { try check("dialog-review") { self.keys(&$0, [.function(5)]) } }
    func testFindingsDialog() throws {
        // #13 has findings to review (with nothing selected, p said "#1: nothing to review" and drew no dialog).
        try check("dialog-findings") { s in
            self.keys(&s, [.escape])
            s.selected = 13
            self.keys(&s, [.char("p")])
        }
    }
    // The later steps of the dialogs that have several (session 5: each dialog at every size).
    func testFlagDescriptionDialog() throws {
        try check("dialog-flag-description") { s in
            self.keys(&s, [.escape])
            s.selected = 20 // P05's: the concern is about the speaker, so the box asks no name
            self.keys(&s, [.ctrl("g"), .char("2"), .char("1")] + "asked to stop".map { .char($0) })
        }
    }
    func testFindingsRejectDialog() throws {
        try check("dialog-findings-reject") { s in
            self.keys(&s, [.escape])
            s.selected = 13
            self.keys(&s, [.char("p"), .char("n")] + "a public place".map { .char($0) })
        }
    }
    func testExportFileDialog() throws {
        try check("dialog-export-file") {
            self.keys(&$0, [.char(":")] + "export".map { .char($0) } + [.enter, .down, .enter])
        }
    }
    func testExportProgressDialog() throws {
        try check("dialog-export-progress") { s in
            self.keys(&s, [.char(":")] + "export".map { .char($0) } + [.enter, .down, .enter, .enter])
            _ = update(&s, .exportProgress(0.5, "writing markdown"))
        }
    }
    func testImportNamesAndPreviewDialogs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convene-sizes-\(UUID().uuidString).txt"
        ).path
        try ConsoleTransferTests.chat.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        func planned(_ s: ConsoleState) -> Result<(ImportPlan, ImportPreview), ImportProblem>? {
            guard case .importer(let d) = s.overlay else { return nil }
            var request = d.request
            request.path = path
            return ConsoleImport.plan(request, into: s.session)
        }
        // The kind and file typed, the names the session does not know asked for.
        let named: (inout ConsoleState) -> Void = { s in
            self.keys(&s, [.char(":")] + "import".map { .char($0) } + [.enter, .char("1")])
            self.keys(&s, "meeting_saved_chat.txt".map { .char($0) } + [.enter])
            if case .failure(let problem) = planned(s) { _ = update(&s, .importPlanned(.failure(problem))) }
        }
        try check("dialog-import-names", named)
        try check("dialog-import-preview") { s in
            named(&s)
            self.keys(&s, [.char("+"), .enter, .char("s"), .enter])
            guard case .success(let (_, preview)) = planned(s) else { return XCTFail("a plan") }
            var shown = preview
            shown.summary = preview.summary.map {
                $0.replacingOccurrences(of: (path as NSString).lastPathComponent, with: "meeting_saved_chat.txt")
            }
            _ = update(&s, .importPlanned(.success(shown)))
        }
    }
    func testANoticeAndAnAlertTogether() throws {
        try check("screen-notice") { s in
            s.notice = Notice(
                text: "P06 withdrew: 2 contributions erased", until: ConsoleSnapshotTests.now.addingTimeInterval(60))
            s.status = "#12 struck (said off the record) — u to undo"
        }
    }
}

/// What session 6's trial found cut at 80 columns (and the People pane's roles at 160×48): each is whole now,
/// in shorter words, on a second line, or with the least useful part dropped; no number or key name is cut.
final class EightyColumnSnapshotTests: XCTestCase {
    let t = DemoSession.events().last!.at

    func state(_ extra: [SessionEvent] = [], role: ConsoleRole = .notetaker, width: Int = 80, height: Int = 24)
        throws -> ConsoleState
    {
        let session = try SessionState.replay(DemoSession.events() + extra)
        return ConsoleState(
            session: session, context: ConsoleContext(role: role, user: "Ira Notes", location: "demo.convene"),
            width: width, height: height, now: ConsoleSnapshotTests.now)
    }

    /// Every row of the screen fits its width (nothing drawn past the edge is lost silently).
    func assertNoRowCut(_ lines: [String], width: Int, file: StaticString = #filePath, line: UInt = #line) {
        for l in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(l), width, l, file: file, line: line) }
    }

    func testTheAlertBannerKeepsItsNumberAndAckAt80Columns() throws {
        let raised = SessionEvent(
            at: t, by: "Ira Notes",
            ConcernRaised(room: 1, category: .riskToParticipant, urgency: .immediate, description: "x"))
        let s = try state([raised])
        let banner = view(s).lines()[1].trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(banner.hasSuffix("(:ack 2)"), banner)
        XCTAssertTrue(banner.contains("#2"), banner)
        XCTAssertTrue(banner.contains("immediate"), banner)
        try assertScreen(s, "alert-banner-80x24")
        var wide = s
        wide.width = 200
        XCTAssertTrue(view(wide).lines()[1].contains("raised by Ira Notes in Room A — awaiting the safeguarding lead"))
    }

    func testTheReviewScreensWarningAndHintsAreWholeAt80Columns() throws {
        var s = try state(role: .lead)
        _ = update(&s, .key(.function(5)))
        let lines = view(s).lines()
        let text = lines.joined(separator: "\n")
        let warning = try XCTUnwrap(s.implicitWarnings.first?.message)
        // The warning's words all appear, in order, across its lines inside the box (columns 4–75).
        let shown = lines.map { String(Array($0).dropFirst(4).prefix(71)) }.joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        XCTAssertTrue(shown.contains(warning.split(separator: " ").joined(separator: " ")), shown)
        for key in ["↑↓ select", "Enter/p step through it", "A accept all in it", "g go to it in the log", "Esc close"]
        {
            XCTAssertTrue(text.contains(key), "the hint \(key) is not whole:\n\(text)")
        }
        XCTAssertTrue(text.contains("Esc closes"), text)
        try assertScreen(s, "review-warning-80x24")
    }

    func testTheStatusLineKeepsTheNoteTakersRoleAt80Columns() throws {
        var s = try state()
        s.speaker = "P05"
        let status = view(s).lines()[21]
        XCTAssertTrue(status.contains("(notetaker)"), status)
        XCTAssertTrue(status.contains("speaker P05"), status)
        try assertScreen(s, "status-notetaker-80x24")
    }

    func testThePeoplePaneShowsWholeRolesAt160x48() throws {
        let s = try state(role: .lead, width: 160, height: 48)
        let text = view(s).lines().joined(separator: "\n")
        for p in s.session.orderedParticipants {
            for word in p.jobRole.split(separator: " ") {
                XCTAssertTrue(text.contains(word), "\(p.code)'s role word \(word) is not shown")
            }
        }
        try assertScreen(s, "people-roles-160x48")
    }
}
