/// How one grid cell is written to a real terminal. ncurses (and the
/// terminal) measure characters with the C library's `wcwidth`, which can
/// disagree with the grid (emoji sequences, flags, VS16, newer Unicode). The
/// plan always fills exactly the cell's width by the terminal's measure, so a
/// disagreement costs a detail of one glyph, never the alignment of the row.
enum TerminalGlyph {
    /// The characters to write for a glyph the grid gives `width` columns.
    /// Each element is one ncurses `cchar_t`: a spacing scalar and at most four
    /// zero-width ones. `terminalWidth` is `wcwidth` (tests pass their own).
    static func plan(_ text: String, width: Int, terminalWidth: (UInt32) -> Int) -> [[UInt32]] {
        var out: [[UInt32]] = []
        var used = 0
        var baseWidth = 0
        for s in text.unicodeScalars {
            let v = s.value
            let w = terminalWidth(v)
            if w == 0 {
                guard !out.isEmpty, out[out.count - 1].count < 5 else { continue }
                // A joiner would glue to whatever is written next; VS16 would make
                // the terminal draw wider than ncurses counted.
                if v == 0x200D || (v == 0xFE0F && baseWidth < 2) { continue }
                out[out.count - 1].append(v)
                continue
            }
            if w < 0 || used + w > width {
                // The terminal cannot show it in the room the grid gave it: stop here.
                if out.isEmpty {
                    out.append([replacement(terminalWidth)])
                    used = 1
                }
                break
            }
            out.append([v])
            used += w
            baseWidth = w
        }
        while used < width {
            out.append([0x20])
            used += 1
        }
        return out
    }

    private static func replacement(_ terminalWidth: (UInt32) -> Int) -> UInt32 {
        terminalWidth(0xFFFD) == 1 ? 0xFFFD : 0x3F // "?" where the terminal cannot show U+FFFD
    }
}
