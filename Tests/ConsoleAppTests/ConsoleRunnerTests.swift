import Foundation
import SessionActions
import SessionModel
import SessionStore
import TerminalKit
import XCTest

@testable import ConsoleApp

/// The runner itself, on a `TestTerminal` (no pseudo-terminal): keys in, frames
/// out, a real session file, a termination signal, work off the loop.
final class ConsoleRunnerTests: XCTestCase {
    /// Runs the console on its own thread; returns the terminal and a wait for the end.
    func start(_ t: ConsoleHarness, terminal: TestTerminal, clock: @escaping @Sendable () -> Date = { Date() })
        -> (done: XCTestExpectation, signal: () -> Int32?)
    {
        let done = expectation(description: "the runner returned")
        let box = ResultBox()
        let path = t.path
        Thread.detachNewThread {
            do {
                let journal = try SQLiteJournal.open(path: path)
                let sig = try ConsoleRunner.run(
                    journal: journal, context: ConsoleContext(role: .lead, user: "Ira Notes", location: path),
                    terminal: terminal, clock: clock)
                try? journal.close()
                box.set(sig)
            } catch { box.set(-1) }
            done.fulfill()
        }
        return (done, { box.value })
    }

    func waitFor(_ terminal: TestTerminal, _ text: String, timeout: TimeInterval = 5) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if terminal.screen.contains(text) { return true }
            usleep(5_000)
        }
        return false
    }

    func testTypingALineLogsItWithTheInjectedClock() throws {
        let t = try ConsoleHarness()
        let terminal = TestTerminal(width: 80, height: 24)
        let fixed = Date(timeIntervalSince1970: 1_800_000_000)
        let run = start(t, terminal: terminal, clock: { fixed })
        XCTAssertTrue(waitFor(terminal, "TYPING"), terminal.screen)
        terminal.type("P02: logged by the runner")
        terminal.send([.enter])
        XCTAssertTrue(waitFor(terminal, "logged by the runner"), terminal.screen)
        terminal.send([.ctrl("q"), .char("y")])
        wait(for: [run.done], timeout: 5)
        XCTAssertNil(run.signal())
        _ = try t.journal.refresh()
        let c = try XCTUnwrap(t.journal.state.contributions.last)
        XCTAssertEqual(c.text, "logged by the runner")
        XCTAssertEqual(
            (try t.journal.allEvents().map(\.event)).last { $0.kind == ContributionLogged.kind }?.at, fixed,
            "events are dated by the injected clock")
        XCTAssertEqual(terminal.closes, 1, "the terminal was given back")
    }

    func testATerminationSignalSavesTheDraftAndLeavesQuickly() throws {
        for sig: Int32 in [SIGTERM, SIGHUP, SIGINT] {
            let t = try ConsoleHarness()
            let terminal = TestTerminal(width: 80, height: 24)
            let run = start(t, terminal: terminal)
            XCTAssertTrue(waitFor(terminal, "TYPING"))
            terminal.type("half a sentence")
            XCTAssertTrue(waitFor(terminal, "half a sentence"))
            let sent = Date()
            terminal.raise(sig)
            wait(for: [run.done], timeout: 10)
            let took = Date().timeIntervalSince(sent)
            print("runner left \(took * 1000) ms after signal \(sig)")
            // Leaving promptly is the point of the signal handling: a bound generous for a loaded machine.
            XCTAssertLessThan(took, 3, "the runner took \(took) s to leave after signal \(sig)")
            XCTAssertEqual(run.signal(), sig)
            XCTAssertEqual(terminal.closes, 1)
            let draft = try XCTUnwrap(try t.journal.loadDraft(user: "Ira Notes"))
            XCTAssertEqual(draft.0, "half a sentence", "the draft was saved")
        }
    }

    /// A half-typed line put aside while a contribution is edited (`e`) is saved with the draft as the
    /// console goes (not only on leaving), so a crash during the edit loses neither; the next console
    /// reopens the edit and gives the line back after it.
    func testALinePutAsideForAnEditIsInTheSavedDraftAndComesBackAfterACrash() throws {
        let t = try ConsoleHarness()
        let terminal = TestTerminal(width: 100, height: 30)
        let run = start(t, terminal: terminal)
        XCTAssertTrue(waitFor(terminal, "TYPING"))
        terminal.type("half a line about the late link")
        XCTAssertTrue(waitFor(terminal, "half a line about the late link"))
        terminal.send([.escape, .up, .char("e")])
        XCTAssertTrue(waitFor(terminal, "Editing #"), terminal.screen)
        terminal.type(" EDITED")
        // What a SIGKILL would leave: the draft as the loop saved it while the edit was open.
        var saved: (draft: String, view: String)?
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            saved = try t.journal.loadDraft(user: "Ira Notes")
            if saved?.draft.contains("EDITED") == true { break }
            usleep(20_000)
        }
        let draft = try XCTUnwrap(saved?.draft)
        let view = try JSONDecoder().decode(SavedView.self, from: Data(try XCTUnwrap(saved?.view).utf8))
        let number = try XCTUnwrap(view.editing, "the saved view says which contribution was being edited")
        let original = try XCTUnwrap(t.journal.state.contribution(number)?.text)
        XCTAssertEqual(draft, original + " EDITED" + "\u{1E}" + "half a line about the late link")
        // The console ends (a signal saves the draft again, the same one); a new console reads what was saved.
        terminal.raise(SIGTERM)
        wait(for: [run.done], timeout: 10)
        XCTAssertEqual(try t.journal.loadDraft(user: "Ira Notes")?.draft, draft)
        let again = TestTerminal(width: 100, height: 30)
        let second = start(t, terminal: again)
        XCTAssertTrue(waitFor(again, "Your edit of #\(number) was restored"), again.screen)
        XCTAssertTrue(waitFor(again, "EDITED"), again.screen)
        again.send([.escape])
        XCTAssertTrue(waitFor(again, "your unsent line is back"), again.screen)
        XCTAssertTrue(waitFor(again, "half a line about the late link"), again.screen)
        again.send([.ctrl("q"), .char("y")])
        wait(for: [second.done], timeout: 5)
        _ = try t.journal.refresh()
        XCTAssertEqual(t.journal.state.contribution(number)?.text, original, "a cancelled edit changed nothing")
    }

    /// A withdrawal erases a saved draft that touches it: the line put aside for an edit counts as much as the
    /// line being typed, in the file (one draft text) and in an open console (both lines dropped).
    func testALinePutAsideForAnEditGoesWithAWithdrawalItTouches() throws {
        let t = try ConsoleHarness()
        t.state.editing = 2
        t.state.input.set("Families tell us joining from home is easier.")
        t.state.parkedLine = "P04 said the phone line kept dropping"
        XCTAssertTrue(ConsoleRunner.save(t.state, t.journal))
        let before = t.journal.state
        try SessionActions.perform(
            .withdraw(WithdrawalOrder(participant: "P04", requestedOn: SessionDate.format(DemoSession.defaultStart))),
            by: ActingUser(name: "Sam Lead"), on: t.journal, at: DemoSession.defaultStart.addingTimeInterval(3_600))
        XCTAssertNil(try t.journal.loadDraft(user: "Ira Notes"), "the saved draft went with the withdrawal")
        var state = t.state
        state.session = before
        _ = update(&state, .sessionChanged(t.journal.state))
        XCTAssertEqual(state.input.text, "")
        XCTAssertNil(state.parkedLine, "the open console drops the line put aside too")
        XCTAssertNil(state.editing)
    }

    func testAnExportRunsOffTheLoopWhileKeysKeepWorking() throws {
        let t = try ConsoleHarness()
        let terminal = TestTerminal(width: 100, height: 30)
        let run = start(t, terminal: terminal)
        XCTAssertTrue(waitFor(terminal, "TYPING"))
        let out = t.dir.appendingPathComponent("out.json").path
        terminal.type(":export json \(out)")
        terminal.send([.enter, .enter, .escape])
        terminal.type("typed while exporting")
        XCTAssertTrue(waitFor(terminal, "typed while exporting"), terminal.screen)
        XCTAssertTrue(waitFor(terminal, "Wrote \(out)", timeout: 20), terminal.screen)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        terminal.send([.ctrl("q"), .char("y")])
        wait(for: [run.done], timeout: 5)
        _ = try t.journal.refresh()
        XCTAssertEqual(
            (try t.journal.allEvents().map(\.event)).last { $0.kind == ExportRecorded.kind }.map { _ in true }, true,
            "the export was recorded")
    }

    /// A withdrawal from the palette runs off the loop: while it waits for the file (another
    /// writer holds it), keys still work (F1 shows the help); then its result comes back to
    /// the status line and every contribution of the withdrawn participant is erased.
    func testAWithdrawalRunsOffTheLoopWhileKeysKeepWorking() throws {
        let t = try ConsoleHarness()
        let terminal = TestTerminal(width: 100, height: 30)
        let when = DemoSession.defaultStart.addingTimeInterval(1_500)
        let run = start(t, terminal: terminal, clock: { when })
        XCTAssertTrue(waitFor(terminal, "TYPING"), terminal.screen)
        XCTAssertTrue(waitFor(terminal, "as Ira Notes"), terminal.screen) // the console's open is recorded

        // Another writer holds the file: the withdrawal has to wait for it.
        let holder = try WriteLockHolder(path: t.path)
        terminal.type(":withdraw P02")
        terminal.send([.enter])
        XCTAssertTrue(waitFor(terminal, "Withdrawing P02"), terminal.screen)
        terminal.send([.function(1)])
        let helpShown = waitFor(terminal, "Help: every key", timeout: 1.5)
        let stillWaiting = holder.isHolding
        holder.release()
        XCTAssertTrue(helpShown, "F1 was not answered while the withdrawal waited:\n\(terminal.screen)")
        XCTAssertTrue(stillWaiting)
        XCTAssertTrue(waitFor(terminal, "P02 withdrawn", timeout: 10), terminal.screen)
        terminal.send([.escape, .ctrl("q"), .char("y")])
        wait(for: [run.done], timeout: 5)
        _ = try t.journal.refresh()
        XCTAssertEqual(t.journal.state.participant("P02")?.withdrawn, true)
        let left = t.journal.state.contributions.filter { $0.speaker == "P02" && !$0.erased }
        XCTAssertEqual(left.map(\.number), [], "every contribution of P02 is erased")
    }
}

/// Holds a write transaction on a session file from another process (sqlite3) until released.
final class WriteLockHolder {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private(set) var isHolding = false

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'holding';\n".utf8))
        // Wait until sqlite3 says it holds the lock.
        var seen = ""
        while !seen.contains("holding") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        isHolding = seen.contains("holding")
    }

    func release() {
        guard process.isRunning else { return }
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        isHolding = false
    }

    deinit { release() }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int32?
    func set(_ v: Int32?) {
        lock.lock()
        stored = v
        lock.unlock()
    }
    var value: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
