import XCTest

@testable import TerminalKit

/// How cells are written when the terminal's widths (wcwidth) differ from the grid's.
final class TerminalGlyphTests: XCTestCase {
    /// A glibc-like width: regional indicators and U+2764 narrow, emoji wide,
    /// marks and joiners zero, U+1FAE8 (newer than this "libc") unknown.
    func libc(_ v: UInt32) -> Int {
        switch v {
        case 0x1FAE8: return -1
        case 0x300...0x36F, 0x200D, 0xFE0F, 0xFE0E, 0x20E3: return 0
        case 0x1F1E6...0x1F1FF, 0x2764: return 1
        case 0x1F300...0x1FAFF, 0x4E00...0x9FFF: return 2
        default: return 1
        }
    }

    func plan(_ s: String, _ width: Int) -> [String] {
        let cell = Cell(text: s)
        XCTAssertEqual(cell.width, width, s)
        return TerminalGlyph.plan(cell.text, width: width, terminalWidth: libc).map {
            String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init)))
        }
    }

    func testPlans() {
        XCTAssertEqual(plan("a", 1), ["a"])
        XCTAssertEqual(plan("日", 2), ["日"])
        XCTAssertEqual(plan("e\u{301}", 1), ["e\u{301}"])
        XCTAssertEqual(plan("👩‍👩‍👧", 2), ["👩"], "only the first person fits the two columns; the joiner is dropped")
        XCTAssertEqual(plan("🇬🇧", 2), ["🇬", "🇧"], "two narrow indicators fill the two columns")
        XCTAssertEqual(plan("❤️", 2), ["❤", " "], "VS16 dropped where the terminal counts the heart narrow")
        XCTAssertEqual(plan("👍🏽", 2), ["👍"])
        XCTAssertEqual(plan("1️⃣", 2), ["1\u{20E3}", " "])
        XCTAssertEqual(plan("\u{1FAE8}", 2), ["\u{FFFD}", " "], "unknown to the terminal: a replacement, padded")
    }

    func testEveryPlanFillsExactlyItsWidth() {
        let samples = ["a", "日", "👩‍👩‍👧", "🇬🇧", "❤️", "👍🏽", "1️⃣", "\u{1FAE8}", "e\u{301}\u{302}\u{303}\u{304}", "\u{301}", "कि"]
        for s in samples {
            for (text, width) in InertText.glyphs(of: s) {
                let groups = TerminalGlyph.plan(text, width: width, terminalWidth: libc)
                XCTAssertEqual(groups.reduce(0) { $0 + max(0, libc($1[0])) }, width, s)
                for g in groups {
                    XCTAssertLessThanOrEqual(g.count, 5, "ncurses holds a base and four marks")
                    XCTAssertGreaterThan(libc(g[0]), 0, "a cchar starts with a spacing character")
                }
            }
        }
    }
}
