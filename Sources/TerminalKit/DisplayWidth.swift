/// Display width in terminal columns, computed in pure Swift so that layout
/// never depends on the process locale or the C library: East Asian Wide and
/// Fullwidth characters and emoji take two columns, combining marks none.
///
/// The wide table comes from Unicode 14 EastAsianWidth (W and F, assigned code
/// points, plus the CJK ideograph planes), with glibc's two extra wide blocks
/// (U+3248–324F, U+4DC0–4DFF) so the grid agrees with the `wcwidth` ncurses
/// uses. Emoji_Presentation and general categories come from the Swift
/// standard library (fixed for a given toolchain). Regenerating the table is
/// described in docs/terminal-kit.md.
public enum DisplayWidth {
    /// The width of one scalar as content: 0 for combining marks and Hangul
    /// medial/final jamo, 2 for wide characters, 1 otherwise (controls count 1
    /// because they are drawn as a visible marker).
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x300 { return 1 } // Latin-1 and controls (drawn as markers)
        if isZeroWidth(s) { return 0 }
        return isWide(s) ? 2 : 1
    }

    /// The columns a character takes once drawn (after `InertText` has made it safe).
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue, a >= 0x20, a < 0x7F { return 1 }
        var total = 0
        InertText.forEachGlyph(of: c) { _, width in total += width }
        return total
    }

    /// The columns a string takes once drawn: the sum of its characters.
    public static func of(_ text: String) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x1100 { return false }
        // A lone regional indicator is narrow, as in wcwidth; a pair is a flag,
        // one two-column emoji glyph (see InertText).
        if (0x1F1E6...0x1F1FF).contains(v) { return false }
        if s.properties.isEmojiPresentation { return true }
        // Binary search over the sorted, disjoint ranges.
        var low = 0
        var high = wide.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < wide[mid].lowerBound {
                high = mid - 1
            } else if v > wide[mid].upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide/Fullwidth ranges that are not already Emoji_Presentation
    /// (those are wide through the property), merged across emoji gaps.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFB,
        0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3,
        0x31F0...0x321E, 0x3220...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3,
        0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B150...0x1B152, 0x1B164...0x1B167,
        0x1B170...0x1B2FB,
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F260...0x1F265, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
