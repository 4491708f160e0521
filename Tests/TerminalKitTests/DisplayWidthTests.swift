import XCTest

@testable import TerminalKit

final class DisplayWidthTests: XCTestCase {
    func testTableCases() {
        let cases: [(String, Int, String)] = [
            ("abc", 3, "ASCII"),
            ("日本", 4, "CJK ideographs are wide"),
            ("안녕", 4, "Hangul syllables are wide"),
            ("\u{1100}\u{1161}\u{11A8}", 2, "conjoining jamo: the vowel and final take no column"),
            ("Ａ", 2, "fullwidth Latin"),
            ("ｱ", 1, "halfwidth katakana"),
            ("\u{3000}", 2, "ideographic space"),
            ("𠀀", 2, "CJK extension B, plane 2"),
            ("\u{4DC0}", 2, "hexagram: wide in glibc, so wide here"),
            ("👍", 2, "emoji presentation"),
            ("👍🏽", 2, "skin-tone modifier sequence is one glyph"),
            ("👩‍👩‍👧", 2, "a ZWJ family is one glyph"),
            ("🇬🇧", 2, "a flag (two regional indicators) is one glyph"),
            ("\u{1F1EC}", 1, "a lone regional indicator is narrow, as in wcwidth"),
            ("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", 2, "a subdivision flag (tag sequence)"),
            ("1️⃣", 2, "keycap with VS16"),
            ("❤️", 2, "VS16 asks for emoji presentation"),
            ("❤", 1, "the heart alone is text presentation"),
            ("☺︎", 1, "VS15 keeps text presentation"),
            ("e\u{301}", 1, "combining acute takes no column"),
            ("\u{301}", 1, "a lone combining mark is drawn on a dotted circle"),
            ("a" + String(repeating: "\u{301}", count: 50), 1, "stacked marks stay in one column"),
            ("कि", 2, "Devanagari vowel sign I is a spacing mark"),
            ("\t", 1, "a tab is drawn as one space"),
            ("\u{1B}", 1, "ESC is drawn as ␛"),
            ("\u{200B}", 1, "a zero-width space is made visible"),
            ("\u{202E}", 1, "a bidi override is made visible"),
            ("\u{E000}", 1, "private use is made visible"),
            ("\r\n", 1, "CRLF is one ↵"),
        ]
        for (text, width, why) in cases {
            XCTAssertEqual(
                DisplayWidth.of(text), width, "\(why): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testWidthIsTheSumOfCharactersAndMatchesWhatIsDrawn() {
        let samples = [
            "日本語 ok", "👩‍👩‍👧 e\u{301}cole", "\u{1B}[31mred\u{07}", "कि x", "\u{202E}abc\u{200D}", "🇬🇧🇫🇷", "a\u{0600}b",
        ]
        for s in samples {
            XCTAssertEqual(DisplayWidth.of(s), s.reduce(0) { $0 + DisplayWidth.of($1) }, s)
            var g = CellGrid(width: 80, height: 1)
            XCTAssertEqual(g.put(s, x: 0, y: 0), DisplayWidth.of(s), s)
            XCTAssertEqual(InertText.glyphs(of: s).reduce(0) { $0 + $1.width }, DisplayWidth.of(s), s)
        }
    }

    func testWidthDoesNotDependOnTheLocale() {
        let text = "日本 👍 e\u{301} ❤️"
        let before = DisplayWidth.of(text)
        let saved = Terminal.characterLocale
        defer { _ = Terminal.setCharacterLocale(saved) }
        XCTAssertTrue(Terminal.setCharacterLocale("C"))
        XCTAssertEqual(DisplayWidth.of(text), before)
        XCTAssertEqual(before, 2 + 2 + 1 + 2 + 1 + 1 + 1 + 2 + 0)
    }

    static let knownUnicodeVersionChanges: Set<UInt32> = [0x1171E]

    /// The table must agree with the C library ncurses uses, or rows would
    /// drift on a real terminal. Checked for every code point glibc knows.
    func testAgreesWithGlibcWcwidthUnderUTF8() throws {
        let saved = Terminal.characterLocale
        defer { _ = Terminal.setCharacterLocale(saved) }
        guard Terminal.setCharacterLocale("C.UTF-8") else {
            XCTFail("the C.UTF-8 locale is missing: cannot compare with wcwidth")
            return
        }
        var disagreements: [String] = []
        var checked = 0
        for v in UInt32(0xA0)..<0x40000 {
            guard let s = Unicode.Scalar(v), !InertText.isUnsafe(s) else { continue }
            let libc = Terminal.libcWidth(v)
            guard libc >= 0 else { continue } // unknown to this glibc: the backend replaces it
            // Characters whose category changed after Unicode 14 (glibc's tables):
            // U+1171E AHOM CONSONANT SIGN MEDIAL RA became a spacing mark in 15.
            if Self.knownUnicodeVersionChanges.contains(v) { continue }
            checked += 1
            if libc != DisplayWidth.of(s) {
                disagreements.append(String(v, radix: 16) + " libc \(libc) ours \(DisplayWidth.of(s))")
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
        XCTAssertEqual(disagreements.count, 0, disagreements.prefix(20).joined(separator: ", "))
    }
}
