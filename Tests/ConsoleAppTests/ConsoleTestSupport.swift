import Foundation
import SessionModel
import SessionStore
import TerminalKit
import XCTest

@testable import ConsoleApp

/// A real demo session in a temporary SQLite file, and a console on it whose
/// effects are performed by the runner's own `ConsoleEffects`.
final class ConsoleHarness {
    let dir: URL
    let path: String
    let journal: SQLiteJournal
    var state: ConsoleState
    /// Frames drawn mid-effect (export progress, "reading…").
    var drawn: [ConsoleState] = []
    var bells = 0

    init(width: Int = 100, height: Int = 30, user: String = "Ira Notes", role: ConsoleRole = .lead) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("group2.convene").path
        let events = DemoSession.events()
        let created = events[0].payload as! SessionCreated
        journal = try SQLiteJournal.create(path: path, session: created, by: events[0].by, at: events[0].at)
        for e in events.dropFirst() { _ = try journal.append([e.payload], by: e.by, at: e.at) }
        state = ConsoleState(
            session: journal.state, context: ConsoleContext(role: role, user: user, location: path),
            width: width, height: height, now: DemoSession.defaultStart.addingTimeInterval(1_500))
    }

    deinit {
        try? journal.close()
        try? FileManager.default.removeItem(at: dir)
    }

    /// One action, then its effects, as the runner does them.
    func send(_ action: ConsoleAction) {
        let effects = update(&state, action)
        run(effects)
    }

    func run(_ effects: [ConsoleEffect]) {
        // Events are dated by the console's own clock, as the runner's injected clock does.
        ConsoleEffects.perform(
            effects, &state, journal: journal, clock: { [now = state.now] in now }, draw: { self.drawn.append($0) },
            bell: { self.bells += 1 }, quit: { _ in })
    }

    func key(_ k: Key) { send(.key(k)) }
    func type(_ text: String) { for c in text { key(.char(c)) } }
    func command(_ text: String) {
        if state.focus == .input && state.overlay == .none { key(.escape) }
        key(.char(":"))
        type(text)
        key(.enter)
    }

    var screen: String { view(state).text() }
    var lines: [String] { view(state).lines() }
}

/// Compares a rendered screen with Snapshots/NAME.txt (SNAPSHOT_RECORD=1 rewrites).
func assertScreen(_ state: ConsoleState, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let text = view(state).lines().joined(separator: "\n") + "\n"
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent(
        "Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
        || !FileManager.default.fileExists(atPath: url.path)
    {
        try text.write(to: url, atomically: true, encoding: .utf8)
        // Recording never passes: a run with SNAPSHOT_RECORD set cannot go green by rewriting.
        XCTFail(
            "recorded Snapshots/\(name).txt; check it and run again without SNAPSHOT_RECORD", file: file, line: line)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    XCTAssertEqual(text, expected, "screen \(name) differs from Snapshots/\(name).txt", file: file, line: line)
}
