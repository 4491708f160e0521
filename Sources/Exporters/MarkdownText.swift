/// Session text inside the Markdown report is made inert: whatever a
/// contribution, room or theme says, it stays words inside its own line. No
/// raw HTML, link, image, emphasis or code span can start in it, and a line
/// break cannot open a heading, table, list or code fence, so the report's own
/// structure is the only structure (checked by rendering with pandoc and
/// python-markdown in `MarkdownInjectionTests`).
enum MarkdownText {
    /// One line of inert inline text. Line breaks of every kind become " / "
    /// (the text stays inside its block), `&`, `<` and `>` become entities (no
    /// raw HTML or autolink), and the characters that open inline constructs
    /// in CommonMark, pandoc and python-markdown are backslash-escaped: links
    /// and images (`[`, `]`), emphasis, code spans, and pandoc's attributes
    /// (`{…}` after a heading or span, which could add an `onclick`). Only
    /// characters both pandoc and python-markdown accept escaped are escaped,
    /// so the rendered words read the same in both. A `#` needs nothing: it
    /// opens a heading only at the start of a line, and session text never
    /// starts one.
    static func inline(_ s: String) -> String {
        // Fast path: most text needs nothing done.
        let needsWork =
            s.utf8.contains { $0 < 0x20 || $0 == 0x7F || specialBytes.contains($0) }
            || (s.utf8.contains { $0 >= 0x80 } && s.unicodeScalars.contains { lineBreaks.contains($0) })
        if !needsWork { return s }
        var out = String.UnicodeScalarView()
        var lastWasBreak = false
        for u in s.unicodeScalars {
            if lineBreaks.contains(u) {
                if !lastWasBreak { out.append(contentsOf: " / ".unicodeScalars) }
                lastWasBreak = true
                continue
            }
            lastWasBreak = false
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\t": out.append(" ")
            case "\\", "`", "*", "_", "[", "]", "{", "}":
                out.append("\\")
                out.append(u)
            default:
                // Other control characters carry no words and could confuse a renderer.
                if u.value < 0x20 || u.value == 0x7F { continue }
                out.append(u)
            }
        }
        return String(out)
    }

    private static let specialBytes: Set<UInt8> = Set("&<>\\`*_[]{}".utf8)
    static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]

    /// The longest run of backticks in `s`, so a code fence can be made longer than any of them.
    static func longestBacktickRun(_ s: String) -> Int {
        var longest = 0
        var run = 0
        for b in s.utf8 {
            if b == 0x60 {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return longest
    }
}
