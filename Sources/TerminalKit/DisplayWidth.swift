/// Display width of text in terminal columns, computed in pure Swift so tests
/// do not depend on the process locale: East Asian wide and fullwidth
/// characters and emoji take two columns, combining marks and joiners none.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 && scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) { return 2 }
        return of(first)
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 1 } // drawn as a visible marker
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        if s.properties.isEmojiPresentation { return 2 }
        for range in wide where range.contains(v) { return 2 }
        return 1
    }

    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

/// Makes text safe to draw: nothing in content may reach the terminal as a
/// control. Controls, escapes, bidi overrides and invisible characters become
/// visible stand-ins, so hostile text is shown, not obeyed.
public enum InertText {
    public static func character(_ c: Character) -> Character {
        guard let s = c.unicodeScalars.first else { return c }
        if c.unicodeScalars.count == 1 || isUnsafe(s) {
            if s.value == 0x1B { return "␛" }
            if s.value == 0x09 { return " " }
            if s.value == 0x0A || s.value == 0x0D { return "↵" }
            if s.value < 0x20 { return Character(Unicode.Scalar(0x2400 + s.value)!) } // ␀…␟
            if s.value == 0x7F { return "␡" }
            if isUnsafe(s) { return "�" }
        }
        // A cluster that carries a bidi control or joiner misuse: keep only safe scalars.
        if c.unicodeScalars.contains(where: isUnsafe) {
            var safe = String.UnicodeScalarView()
            for x in c.unicodeScalars where !isUnsafe(x) { safe.append(x) }
            return safe.isEmpty ? "�" : Character(String(safe))
        }
        return c
    }

    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C || v == 0xFEFF || v == 0x2028 || v == 0x2029
    }
}
