import ConveneTestSupport
import Foundation
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

/// The one key table drives dispatch, help, hints and the docs: these tests fail
/// when they part ways.
final class KeyTableTests: XCTestCase {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/console.md")

    /// docs/console.md holds the generated tables between markers; KEYS_RECORD=1 rewrites them.
    func testDocsKeyTablesAreTheKeyTable() throws {
        let text = try String(contentsOf: Self.docs, encoding: .utf8)
        let begin =
            "<!-- keys:begin (generated from KeyTable.swift: KEYS_RECORD=1 swift test --filter KeyTableTests) -->\n"
        let end = "<!-- keys:end -->"
        guard let b = text.range(of: begin), let e = text.range(of: end), b.upperBound <= e.lowerBound else {
            return XCTFail("docs/console.md has no generated key tables between the markers")
        }
        let documented = String(text[b.upperBound..<e.lowerBound])
        let generated = KeyTable.markdown + "\n"
        if ProcessInfo.processInfo.environment["KEYS_RECORD"] == "1" {
            try text.replacingCharacters(in: b.upperBound..<e.lowerBound, with: generated).write(
                to: Self.docs, atomically: true, encoding: .utf8)
            return TestRun.recorded("the key tables in docs/console.md", by: "KEYS_RECORD")
        }
        // Row by row, so a failure names the key that is missing on one side.
        let docRows = Set(
            documented.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| key") }.map(String.init))
        let tableRows = Set(
            generated.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| key") }.map(String.init))
        for row in docRows.subtracting(tableRows).sorted() {
            XCTFail("documented in docs/console.md but not in the key table: \(row)")
        }
        for row in tableRows.subtracting(docRows).sorted() {
            XCTFail("in the key table but not in docs/console.md: \(row)")
        }
        XCTAssertEqual(
            documented, generated, "docs/console.md's key tables are out of date (KEYS_RECORD=1 regenerates them)")
    }

    func testNoKeyIsBoundTwiceInOneMode() {
        for mode in KeyMode.allCases {
            var seen: [Key: ConsoleCommand] = [:]
            for b in KeyTable.bindings where b.mode == mode {
                for k in b.keys {
                    XCTAssertNil(
                        seen[k], "\(k) is bound twice in \(mode): \(seen[k].map { "\($0)" } ?? "") and \(b.command)")
                    seen[k] = b.command
                }
            }
        }
        // The panes' shared keys must not be shadowed by a pane's own keys.
        for pane in [KeyMode.log, .rooms, .people] {
            for b in KeyTable.bindings where b.mode == pane {
                for k in b.keys {
                    XCTAssertNil(KeyTable.binding(for: k, in: .panes), "\(k) in \(pane) shadows a key of every pane")
                }
            }
        }
    }

    func testEveryCommandHasAKeyOrIsAConvention() {
        let bound = Set(KeyTable.bindings.map(\.command))
        let unused = ConsoleCommand.allCases.filter { !bound.contains($0) && $0 != .colonLine }
        XCTAssertEqual(unused, [], "commands no key reaches")
    }

    func testHintLineKeepsTheEssentialKeysAt80Columns() throws {
        let typing = KeyTable.hintLine(modes: [.typing, .anywhere], width: 80)
        for hint in ["Enter log", "^G flag", ": palette", "F1 help", "Esc panes"] {
            XCTAssertTrue(typing.contains(hint), typing)
        }
        XCTAssertLessThanOrEqual(DisplayWidth.of(typing), 80, typing)
        let panes = KeyTable.hintLine(modes: [.log, .panes, .anywhere], width: 80)
        for hint in ["i type", "^G flag", ": palette", "F1 help", "x strike"] {
            XCTAssertTrue(panes.contains(hint), panes)
        }
        XCTAssertLessThanOrEqual(DisplayWidth.of(panes), 80, panes)
        // Wider terminals get more of the table, never fewer.
        XCTAssertGreaterThan(KeyTable.hintLine(modes: [.typing, .anywhere], width: 160).count, typing.count)
    }

    /// Every key of the table does what it says through `update` (no binding is dead):
    /// pressed in its mode, it changes the state or answers in the status line.
    func testEveryBoundKeyReactsInItsMode() throws {
        let session = try SessionState.replay(DemoSession.events())
        for b in KeyTable.bindings where !b.keys.isEmpty && b.mode != .anywhere {
            for k in b.keys {
                var s = ConsoleState(
                    session: session, context: ConsoleContext(role: .lead, user: "Ira", location: "x"),
                    width: 100, height: 30, now: Date())
                switch b.mode {
                case .typing:
                    s.input.set("P01: some words")
                    s.input.left()
                case .log, .panes:
                    s.focus = .log
                    s.selected = 10
                case .rooms:
                    s.focus = .rooms
                    s.room = 1
                case .people:
                    s.focus = .participants
                    s.selectedParticipant = 1
                case .anywhere: break
                }
                let before = s
                let effects = update(&s, .key(k))
                XCTAssertTrue(s != before || !effects.isEmpty, "\(k) (\(b.command)) did nothing visible in \(b.mode)")
            }
        }
    }
}
