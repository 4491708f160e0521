import Foundation
@testable import TerminalKit
import XCTest

final class CellGridTests: XCTestCase {
    func testWidths() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.of("👍"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "combining mark takes no column")
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2, "a ZWJ family is one glyph")
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "emoji presentation selector")
        XCTAssertEqual(DisplayWidth.of("안녕"), 4)
    }

    func testPutClipsWideCharactersAtTheEdge() {
        var g = CellGrid(width: 5, height: 1)
        let used = g.put("ab日本", x: 0, y: 0)
        XCTAssertEqual(used, 4)
        XCTAssertEqual(g.lines(), ["ab日 "], "the second wide char does not fit: a space")
        var h = CellGrid(width: 6, height: 1)
        h.put("x日本語", x: 0, y: 0, maxWidth: 4)
        XCTAssertEqual(h.lines(), ["x日   "], "x + 日 fill 3 columns; 本 would pass the limit of 4: a space")
    }

    func testContentIsInert() {
        var g = CellGrid(width: 40, height: 1)
        g.put("a\u{1B}[31mred\u{07}\u{202E}evil\u{9B}2J", x: 0, y: 0)
        let text = g.lines()[0]
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E || $0.value == 0x9B })
        XCTAssertTrue(text.hasPrefix("a␛[31mred␇"), text)
        for cell in g.cells { XCTAssertFalse(cell.text.unicodeScalars.contains { $0.value < 0x20 }) }
    }

    func testLongWordIsClipped() {
        var g = CellGrid(width: 10, height: 2)
        g.put(String(repeating: "w", count: 10_000), x: 2, y: 1)
        XCTAssertEqual(g.lines()[1], "  wwwwwwww")
    }

    func testDiffSendsOnlyChanges() {
        var a = CellGrid(width: 10, height: 3)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("J", x: 0, y: 0)
        b.put("x", x: 9, y: 2)
        let runs = GridDiff.changes(from: a, to: b)
        XCTAssertEqual(runs.map { "\($0.x),\($0.y):\($0.cells.map(\.text).joined())" }, ["0,0:J", "9,2:x"])
        XCTAssertEqual(GridDiff.changes(from: a, to: a), [])
        XCTAssertEqual(GridDiff.changes(from: nil, to: a).count, 3, "first frame: every row")
    }

    func testDiffNeverStartsInsideAWideCharacter() {
        var a = CellGrid(width: 6, height: 1)
        a.put("日本", x: 0, y: 0)
        var b = a
        b[1, 0] = Cell(text: "", style: CellStyle(.flag), isContinuation: true)
        let runs = GridDiff.changes(from: a, to: b)
        XCTAssertEqual(runs.first?.x, 0)
    }

    func testBox() {
        var g = CellGrid(width: 8, height: 3)
        g.box(x: 0, y: 0, width: 8, height: 3, title: "Hi")
        XCTAssertEqual(g.lines(), ["┌─ Hi ─┐", "│      │", "└──────┘"])
    }
}

final class KeyDecoderTests: XCTestCase {
    func testSequences() {
        let d = KeyDecoder()
        XCTAssertEqual(d.decode(Array("a€".utf8)), [.char("a"), .char("€")])
        XCTAssertEqual(d.decode([0x1B, 0x5B, 0x41]), [.up])
        XCTAssertEqual(d.decode([0x1B, 0x5B, 0x33, 0x7E]), [.delete])
        XCTAssertEqual(d.decode([0x1B, 0x4F, 0x50]), [.function(1)])
        XCTAssertEqual(d.decode([0x1B, 0x5B, 0x31, 0x35, 0x7E]), [.function(5)])
        XCTAssertEqual(d.decode([0x07, 0x0D, 0x7F, 0x09]), [.ctrl("g"), .enter, .backspace, .tab])
        XCTAssertEqual(d.decode([0x1B]), [.escape])
        XCTAssertEqual(d.decode([0x1B, 0x78]), [.alt("x")])
        XCTAssertEqual(d.decode([0x1B, 0x5B, 0x5A]), [.backTab])
    }

    func testFuzzNeverCrashesAndAlwaysProgresses() {
        var rng = SystemRandomNumberGenerator()
        let deadline = Date().addingTimeInterval(2)
        var runs = 0
        while Date() < deadline {
            let n = Int.random(in: 0...64, using: &rng)
            var bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random() { bytes.insert(0x1B, at: 0) }
            let keys = KeyDecoder().decode(bytes)
            XCTAssertLessThanOrEqual(keys.count, bytes.count)
            if !bytes.isEmpty { XCTAssertFalse(keys.isEmpty) }
            runs += 1
        }
        XCTAssertGreaterThan(runs, 1000)
    }
}

final class ThemeTests: XCTestCase {
    func testBadEntriesAreReportedWithTheirLine() {
        let (theme, problems) = ColourTheme.parse("# ok\nflag = red bold\nbogus = red\nheader = purple\nalert\n", name: "t")
        XCTAssertEqual(problems.map(\.line), [3, 4, 5])
        XCTAssertTrue(problems[1].message.contains("purple"))
        XCTAssertEqual(theme.entry(.flag).foreground, .red)
        XCTAssertTrue(theme.entry(.flag).bold)
    }

    func testShippedThemeFilesMatchTheEmbeddedOnes() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")
        for name in ColourTheme.builtInNames {
            let text = try String(contentsOf: dir.appendingPathComponent("\(name).theme"), encoding: .utf8)
            let (parsed, problems) = ColourTheme.parse(text, name: name)
            XCTAssertEqual(problems, [], name)
            let embedded = ColourTheme.builtIn(name)
            for role in StyleRole.allCases { XCTAssertEqual(parsed.entry(role), embedded.entry(role), "\(name) \(role)") }
            XCTAssertEqual(parsed.usesColour, embedded.usesColour, name)
        }
    }

    func testNoColorForcesMonochrome() {
        let (theme, _) = ColourTheme.resolve(requested: "high-contrast", environment: ["NO_COLOR": "1"])
        XCTAssertEqual(theme.name, "monochrome")
        XCTAssertFalse(theme.usesColour)
        let (missing, problems) = ColourTheme.resolve(requested: "nope", environment: [:])
        XCTAssertEqual(missing.name, "default")
        XCTAssertEqual(problems.count, 1)
    }
}
