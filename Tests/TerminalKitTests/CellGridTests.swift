import ConveneTestSupport
import Foundation
import XCTest

@testable import TerminalKit

/// Asserts the invariants every grid must keep, whatever was drawn.
func assertWellFormed(_ g: CellGrid, file: StaticString = #filePath, line: UInt = #line) {
    for y in 0..<g.height {
        var columns = 0
        for x in 0..<g.width {
            let c = g[x, y]
            if c.isContinuation {
                XCTAssertTrue(
                    x > 0 && g[x - 1, y].width == 2, "continuation without a wide glyph at \(x),\(y)", file: file,
                    line: line)
            } else {
                XCTAssertTrue(c.width == 1 || c.width == 2, "bad width \(c.width) at \(x),\(y)", file: file, line: line)
                if c.width == 2 {
                    XCTAssertTrue(
                        x + 1 < g.width && g[x + 1, y].isContinuation, "wide glyph without its right half at \(x),\(y)",
                        file: file, line: line)
                }
                columns += c.width
                XCTAssertFalse(c.text.isEmpty, file: file, line: line)
                assertInert(c.text, file: file, line: line)
            }
        }
        XCTAssertEqual(columns, g.width, "row \(y) does not add up to the grid width", file: file, line: line)
    }
}

/// No control, escape, bidi control or invisible character, except the joiners
/// and tags that belong inside a single emoji glyph.
func assertInert(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let emoji = text.count == 1 && DisplayWidth.of(text) == 2 && text.unicodeScalars.first!.properties.isEmoji
    for s in text.unicodeScalars {
        let v = s.value
        XCTAssertFalse(
            v < 0x20 || (0x7F...0x9F).contains(v), "control U+\(String(v, radix: 16)) in a cell", file: file, line: line
        )
        XCTAssertFalse(
            [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF].contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v),
            "bidi or separator U+\(String(v, radix: 16)) in a cell", file: file, line: line)
        if !emoji {
            XCTAssertFalse(InertText.isUnsafe(s), "unsafe U+\(String(v, radix: 16)) in a cell", file: file, line: line)
        }
    }
}

final class CellGridTests: XCTestCase {
    func testSnapshotWithBoxesSpansWideCharactersAndHostileText() {
        var g = CellGrid(width: 40, height: 8)
        g.box(x: 0, y: 0, width: 40, height: 8, title: "Log 日本")
        g.put(
            [Span("#1 ", CellStyle(.muted)), Span("P01 ", CellStyle(.speaker, bold: true)), Span("日本語のテキスト 👩‍👩‍👧 école")],
            x: 1, y: 1, maxWidth: 38)
        g.put("#2 " + String(repeating: "long", count: 2_500), x: 1, y: 2, maxWidth: 38)
        g.put("#3 \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}evil\u{202C} x\u{200B}y", x: 1, y: 3, maxWidth: 38)
        g.put("#4 wide at the edge: 日本語", x: 1, y: 4, maxWidth: 26)
        g.put("#5 flag 🇬🇧 heart ❤️ keycap 1️⃣ tone 👍🏽", x: 1, y: 5, maxWidth: 38)
        g.put("#6 tab\there, line\nbreak, del\u{7F} nul\u{0}", x: 1, y: 6, maxWidth: 38)
        XCTAssertEqual(
            g.text(),
            """
            ┌─ Log 日本 ───────────────────────────┐
            │#1 P01 日本語のテキスト 👩‍👩‍👧 école      │
            │#2 longlonglonglonglonglonglonglonglon│
            │#3 ␛[2J␛]0;pwned␇ �evil� x�y          │
            │#4 wide at the edge: 日本             │
            │#5 flag 🇬🇧 heart ❤️ keycap 1️⃣ tone 👍🏽 │
            │#6 tab here, line↵break, del␡ nul␀    │
            └──────────────────────────────────────┘
            """)
        assertWellFormed(g)
        XCTAssertEqual(g[4, 1].text, "P")
        XCTAssertEqual(g[4, 1].style, CellStyle(.speaker, bold: true))
    }

    func testNoEscapeByteEverReachesTheGrid() {
        var g = CellGrid(width: 60, height: 3)
        let hostile =
            "a\u{1B}[31mred\u{1B}[0m \u{9B}2J \u{1B}P+q\u{1B}\\ \u{07}\u{08}\u{7F} \u{2066}iso\u{2069} \u{FEFF}bom \u{E0041}tag \u{85}nel"
        g.put(hostile, x: 0, y: 0)
        g[0, 1] = Cell(text: "\u{1B}")
        g.put(hostile, x: -3, y: 2)
        let bytes = Array(g.lines().joined(separator: "\n").utf8)
        XCTAssertFalse(bytes.contains(0x1B), "a raw ESC reached the grid")
        XCTAssertFalse(bytes.contains { $0 < 0x20 && $0 != 0x0A })
        XCTAssertFalse(g.text().unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        XCTAssertTrue(g.lines()[0].hasPrefix("a␛[31mred␛[0m �2J ␛P+q␛\\ ␇␈␡ �iso� �bom �tag ↵nel"), g.lines()[0])
        XCTAssertEqual(g[0, 1].text, "␛")
        assertWellFormed(g)
    }

    func testClipping() {
        var g = CellGrid(width: 5, height: 1)
        XCTAssertEqual(g.put("ab日本", x: 0, y: 0), 5)
        XCTAssertEqual(g.lines(), ["ab日 "], "the second wide char does not fit at the edge: a space")
        var h = CellGrid(width: 6, height: 1)
        h.put("x日本語", x: 0, y: 0, maxWidth: 4)
        XCTAssertEqual(h.lines(), ["x日   "], "本 would pass the limit of 4 columns: a space")
        var k = CellGrid(width: 6, height: 1)
        k.put("日本語", x: -1, y: 0)
        XCTAssertEqual(k.lines(), [" 本語 "], "a wide char cut by the left edge leaves a space")
        var l = CellGrid(width: 10, height: 2)
        l.put(String(repeating: "w", count: 10_000), x: 2, y: 1)
        XCTAssertEqual(l.lines()[1], "  wwwwwwww")
        l.put("ignored", x: 0, y: 5)
        l.put("ignored", x: 20, y: 0)
        l.put("nothing", x: 0, y: 0, maxWidth: 0)
        XCTAssertEqual(l.text(), "\n  wwwwwwww")
        assertWellFormed(l)
    }

    func testASCIIFollowedByACombiningMarkStaysOneCharacter() {
        var g = CellGrid(width: 8, height: 1)
        XCTAssertEqual(g.put("ae\u{301}b\r\nc", x: 0, y: 0), 5)
        XCTAssertEqual(g[1, 0].text, "e\u{301}")
        XCTAssertEqual(g.lines(), ["ae\u{301}b↵c   "])
    }

    func testOverwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var g = CellGrid(width: 6, height: 1)
        g.put("日本語", x: 0, y: 0)
        g.put("x", x: 1, y: 0) // the right half of 日
        XCTAssertEqual(g.lines(), [" x本語"])
        g.put("y", x: 2, y: 0) // the left half of 本
        XCTAssertEqual(g.lines(), [" xy 語"])
        g.put("本", x: 3, y: 0) // a wide char over the left half of 語
        XCTAssertEqual(g.lines(), [" xy本 "])
        g[5, 0] = Cell(text: "", isContinuation: true) // a continuation with no wide char before it
        XCTAssertFalse(g[5, 0].isContinuation)
        g.fill(x: 4, y: 0, width: 2, height: 1) // cuts 本 in half
        XCTAssertEqual(g.lines(), [" xy   "])
        assertWellFormed(g)
    }

    func testBoxFillAndLines() {
        var g = CellGrid(width: 8, height: 4)
        g.box(x: 0, y: 0, width: 8, height: 4, title: "Hi")
        g.hline(x: 1, y: 2, width: 6)
        XCTAssertEqual(g.lines(), ["┌─ Hi ─┐", "│      │", "│──────│", "└──────┘"])
        g.fill(x: 2, y: 1, width: 100, height: 100, style: CellStyle(.selected))
        XCTAssertEqual(g.lines(), ["┌─ Hi ─┐", "│       ", "│─      ", "└─      "])
        XCTAssertEqual(g[5, 3].style.role, .selected)
        var tiny = CellGrid(width: 0, height: 0)
        tiny.box(x: 0, y: 0, width: 5, height: 5, title: "x")
        tiny.put("x", x: 0, y: 0)
        XCTAssertEqual(tiny.text(), "")
        g.box(x: -3, y: -1, width: 6, height: 3)
        assertWellFormed(g)
    }

    func testCellInitialiserMakesTextInert() {
        XCTAssertEqual(Cell(text: "\u{1B}[2J").text, "␛")
        XCTAssertEqual(Cell(text: "日本").width, 2)
        XCTAssertEqual(Cell(text: "").text, " ")
        XCTAssertEqual(Cell(text: "\u{202E}").text, "\u{FFFD}")
    }

    /// Random text of every kind of character, drawn anywhere: never crashes,
    /// never breaks an invariant, never lets an unsafe character in.
    func testFuzzDrawing() {
        var rng = SeededRandom("cell grid")
        let pool: [UInt32] = [
            0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x5B, 0x41, 0x7F, 0x85, 0x9B, 0xAD, 0x301, 0x93F, 0x915, 0x1100, 0x1161,
            0x200B, 0x200D, 0x202E, 0x2066, 0x2764, 0xFE0E, 0xFE0F, 0x20E3, 0x3000, 0x65E5, 0xD7B0, 0xE000, 0xFEFF,
            0xFFFD, 0x1F1EC, 0x1F1E7, 0x1F3F4, 0x1F3FD, 0x1F44D, 0x1F469, 0xE0041, 0xE007F, 0x10FFFF, 0x20000,
        ]
        // A fixed number of rounds, not a time: the same seed draws the same grids on any machine.
        var rounds = 0
        for _ in 0..<5_000 {
            var g = CellGrid(width: Int.random(in: 0...20, using: &rng), height: Int.random(in: 0...4, using: &rng))
            for _ in 0..<8 {
                var s = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 0...30, using: &rng) {
                    let v =
                        Bool.random(using: &rng)
                        ? pool.randomElement(using: &rng)! : UInt32.random(in: 0...0x10FFFF, using: &rng)
                    if let scalar = Unicode.Scalar(v) { s.append(scalar) }
                }
                let text = String(s)
                let x = Int.random(in: -5...25, using: &rng)
                let y = Int.random(in: -1...4, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: g.put(text, x: x, y: y, maxWidth: Int.random(in: -1...20, using: &rng))
                case 1: g[x, y] = Cell(text: text)
                case 2: g.fill(x: x, y: y, width: Int.random(in: 0...6, using: &rng), height: 2)
                default: g.box(x: x, y: y, width: Int.random(in: 0...12, using: &rng), height: 3, title: text)
                }
            }
            assertWellFormed(g)
            rounds += 1
        }
        XCTAssertEqual(rounds, 5_000)
    }
}

final class CellGridExtremeTests: XCTestCase {
    /// A layout bug with absurd numbers clips; it never traps.
    func testAbsurdPositionsAndSizesDoNotTrap() {
        var g = CellGrid(width: 10, height: 3)
        g.put("abc", x: 2, y: 0, maxWidth: Int.max)
        g.put("def", x: Int.min, y: 1, maxWidth: Int.max)
        g.put("ghi", x: Int.max, y: 1, maxWidth: Int.max)
        g.put([Span("x"), Span("y")], x: 5, y: 2, maxWidth: Int.max)
        g.fill(x: Int.max, y: Int.max, width: Int.max, height: Int.max)
        g.fill(x: 8, y: 2, width: Int.max, height: Int.max, style: CellStyle(.selected))
        g.hline(x: Int.min, y: 0, width: Int.max) // ends at -1: nothing
        g.hline(x: -5, y: 1, width: Int.max)
        g.vline(x: 0, y: Int.max, height: Int.max)
        g.box(x: Int.min, y: Int.min, width: Int.max, height: Int.max, title: "t")
        g.box(x: Int.max, y: 0, width: 5, height: 5)
        g[Int.max, Int.min] = Cell(text: "z")
        XCTAssertEqual(g.lines(), ["  abc     ", "──────────", "     xy   "])
        XCTAssertEqual(g[9, 2].style.role, .selected)
        assertWellFormed(g)
    }
}
