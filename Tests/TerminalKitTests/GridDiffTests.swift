import ConveneTestSupport
import XCTest

@testable import TerminalKit

final class GridDiffTests: XCTestCase {
    private func describe(_ runs: [CellRun]) -> [String] {
        runs.map { "\($0.x),\($0.y):" + $0.cells.map { $0.isContinuation ? "+" : $0.text }.joined() }
    }

    func testOnlyChangedCellsAreSent() {
        var a = CellGrid(width: 10, height: 3)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("J", x: 0, y: 0)
        b.put("x", x: 9, y: 2)
        b.put("ll", x: 2, y: 0) // same text as before: not a change
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: b)), ["0,0:J", "9,2:x"])
        XCTAssertEqual(GridDiff.changes(from: a, to: a), [])
    }

    func testStyleOnlyChangeIsAChange() {
        var a = CellGrid(width: 6, height: 1)
        a.put("abc", x: 0, y: 0)
        var b = a
        b.put("b", x: 1, y: 0, style: CellStyle(.flag))
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: b)), ["1,0:b"])
    }

    func testFirstFrameAndResizeAreFullRedraws() {
        var a = CellGrid(width: 4, height: 3)
        a.put("ab", x: 0, y: 0)
        XCTAssertTrue(GridDiff.needsFullRedraw(from: nil, to: a))
        XCTAssertEqual(describe(GridDiff.changes(from: nil, to: a)), ["0,0:ab  ", "0,1:    ", "0,2:    "])
        let bigger = CellGrid(width: 5, height: 3)
        XCTAssertTrue(GridDiff.needsFullRedraw(from: a, to: bigger))
        XCTAssertEqual(GridDiff.changes(from: a, to: bigger).map(\.cells.count), [5, 5, 5])
        XCTAssertFalse(GridDiff.needsFullRedraw(from: a, to: a))
        XCTAssertEqual(GridDiff.changes(from: nil, to: CellGrid(width: 0, height: 5)), [])
    }

    func testRunsNeverStartInsideAWideCharacter() {
        var a = CellGrid(width: 6, height: 1)
        a.put("日本", x: 0, y: 0)
        var b = a
        b[1, 0] = Cell(text: "", style: CellStyle(.flag), isContinuation: true) // only the right half's style changes
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: b)), ["0,0:日+"])
        var c = a
        c.put("本", x: 0, y: 0) // the left half changes, the continuation is equal
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: c)), ["0,0:本+"])
    }

    func testWideCharacterReplacedByNarrowOnes() {
        var a = CellGrid(width: 6, height: 1)
        a.put("日本語", x: 0, y: 0)
        var b = a
        b.put("ab", x: 2, y: 0)
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: b)), ["2,0:ab"])
        var c = a
        c.put("a", x: 2, y: 0) // 本's right half becomes a space
        XCTAssertEqual(describe(GridDiff.changes(from: a, to: c)), ["2,0:a "])
    }

    /// Applying the runs to the old frame always gives the new one.
    func testApplyingTheRunsReproducesTheFrame() {
        var rng = SeededRandom("grid diff")
        let words = ["日本", "ab", "👍", "x", "  ", "e\u{301}", "\u{1B}"]
        for _ in 0..<300 {
            var a = CellGrid(width: 12, height: 3)
            for _ in 0..<6 {
                a.put(
                    words.randomElement(using: &rng)!, x: Int.random(in: 0..<12, using: &rng),
                    y: Int.random(in: 0..<3, using: &rng))
            }
            var b = a
            for _ in 0..<4 {
                b.put(
                    words.randomElement(using: &rng)!, x: Int.random(in: 0..<12, using: &rng),
                    y: Int.random(in: 0..<3, using: &rng),
                    style: Bool.random(using: &rng) ? .normal : CellStyle(.flag))
            }
            var replay = a
            for run in GridDiff.changes(from: a, to: b) {
                XCTAssertFalse(run.cells.first!.isContinuation)
                for (i, cell) in run.cells.enumerated() where !cell.isContinuation { replay[run.x + i, run.y] = cell }
            }
            XCTAssertEqual(replay.lines(), b.lines())
            XCTAssertEqual(replay, b)
        }
    }
}
