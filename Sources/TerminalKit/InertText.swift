/// Makes content safe to draw and cuts it into glyphs, one per cell.
///
/// Nothing in content may reach the terminal as a control: C0 controls become
/// their visible Control Pictures (ESC is `␛`), DEL is `␡`, line breaks `↵`,
/// a tab one space; C1 controls, bidi overrides/isolates/marks, zero-width and
/// other format characters, private-use and unassigned code points become `�`.
/// So hostile text is shown, never obeyed, and never reorders or hides what is
/// around it.
///
/// A glyph is what one terminal cell shows: one spacing character with at most
/// `maxMarks` combining marks, or a whole emoji sequence (ZWJ, skin tone,
/// flag, keycap, VS16) counted as two columns.
public enum InertText {
    /// Combining marks kept on one glyph (ncurses holds a base and four marks).
    public static let maxMarks = 4
    /// Emoji sequences longer than this are not real emoji: they are split up.
    static let maxEmojiScalars = 10
    /// Drawn for a combining mark that has nothing to sit on.
    static let dottedCircle: Unicode.Scalar = "\u{25CC}"

    /// The text as it will be drawn: every unsafe character replaced.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if let a = c.asciiValue, a >= 0x20, a < 0x7F {
                out.append(c)
                continue
            }
            forEachGlyph(of: c) { glyph, _ in out += glyph }
        }
        return out
    }

    /// The glyphs a string draws as, with their widths.
    public static func glyphs(of text: String) -> [(text: String, width: Int)] {
        var out: [(text: String, width: Int)] = []
        for c in text { forEachGlyph(of: c) { out.append(($0, $1)) } }
        return out
    }

    /// True for a scalar that must never reach the terminal as itself.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool { marker(for: s) != nil }

    /// Calls `body` with each glyph (safe text, width 1 or 2) of one character.
    static func forEachGlyph(of c: Character, _ body: (String, Int) -> Void) {
        let scalars = c.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return }
        guard let second = iterator.next() else {
            // The common case: a single scalar.
            if let m = marker(for: first) {
                body(m, 1)
                return
            }
            let w = DisplayWidth.of(first)
            if w == 0 { body(String(dottedCircle) + String(first), 1) } else { body(String(first), w) }
            return
        }
        if first == "\r" && second == "\n" && iterator.next() == nil {
            body("↵", 1)
            return
        }
        if isEmojiSequence(scalars) {
            body(String(c), 2)
            return
        }

        // Any other cluster is cut as a terminal would see it: each spacing
        // scalar starts a glyph, combining marks ride on the one before.
        var current = ""
        var currentWidth = 0
        var marks = 0
        func flush() {
            if currentWidth > 0 { body(current, currentWidth) }
            current = ""
            currentWidth = 0
            marks = 0
        }
        for s in scalars {
            if let m = marker(for: s) {
                flush()
                body(m, 1)
                continue
            }
            let w = DisplayWidth.of(s)
            if w == 0 {
                if currentWidth == 0 {
                    current = String(dottedCircle)
                    currentWidth = 1
                }
                if marks < maxMarks {
                    current.unicodeScalars.append(s)
                    marks += 1
                }
                continue
            }
            flush()
            current = String(s)
            currentWidth = w
        }
        flush()
    }

    /// An emoji ZWJ sequence, modifier sequence, flag, tag sequence or a
    /// character asked to be shown as emoji (VS16): one glyph two columns wide.
    static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        guard let first = scalars.first, first.properties.isEmoji else { return false }
        var count = 0
        var marked = false
        var regionalIndicators = 0
        for s in scalars {
            count += 1
            if count > maxEmojiScalars { return false }
            let v = s.value
            switch v {
            case 0xFE0F, 0x200D, 0x1F3FB...0x1F3FF: marked = true
            // Tags only spell a subdivision flag after a black flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿); anywhere else they hide text.
            case 0xE0020...0xE007F: if first.value == 0x1F3F4 { marked = true } else { return false }
            case 0x1F1E6...0x1F1FF: regionalIndicators += 1
            case 0xFE0E, 0x20E3: break
            default: if !s.properties.isEmoji { return false }
            }
        }
        return marked || regionalIndicators == 2
    }

    /// The visible stand-in for an unsafe scalar, or nil when it may be drawn.
    static func marker(for s: Unicode.Scalar) -> String? {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return nil }
        switch v {
        case 0x09: return " "
        case 0x0A, 0x0D, 0x2028, 0x2029, 0x85: return "↵"
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!) // ␀ … ␟, ESC is ␛
        case 0x7F: return "␡"
        case 0x80...0x9F: return "\u{FFFD}"
        case 0xAD: return "-" // soft hyphen: shown as the hyphen it stands for
        default: break
        }
        if v < 0xA0 { return nil }
        switch s.properties.generalCategory {
        case .format, .control, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator:
            // Bidi controls, zero-width characters, tags, BOM, invisible operators…
            return "\u{FFFD}"
        default:
            return nil
        }
    }
}
