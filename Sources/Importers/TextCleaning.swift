import Foundation

/// What is kept of imported text: everything a person wrote, nothing a
/// terminal would act on. Escape sequences (colours, cursor moves, window
/// titles) and other control characters are dropped; tab and line breaks stay.
enum TextCleaning {
    /// A String from validated UTF-8 bytes with control characters removed
    /// (tab and line feed stay).
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var dirty = false
        for c in b where (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F || c == 0xC2 {
            dirty = true
            break
        }
        if !dirty { return Bytes.string(b) }
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x1B {
                i = skipEscape(b, from: i)
            } else if c == 0xC2, i + 1 < n, (0x80...0x9F).contains(b[i + 1]) {
                i += 2 // a C1 control
            } else if (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F {
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func string(_ a: [UInt8]) -> String { a.withUnsafeBufferPointer { string($0) } }

    static func clean(_ s: String) -> String {
        var copy = s
        return copy.withUTF8 { string($0) }
    }

    // Returns the index after the escape sequence starting at `i`.
    private static func skipEscape(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let n = b.count
        guard i + 1 < n else { return n }
        let kind = b[i + 1]
        var j = i + 2
        switch kind {
        case 0x5B: // CSI: parameters and intermediates, then one final byte
            while j < n, (0x20...0x3F).contains(b[j]) { j += 1 }
            return j < n && (0x40...0x7E).contains(b[j]) ? j + 1 : j
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // OSC, DCS, SOS, PM, APC: up to BEL or ESC \
            while j < n {
                if b[j] == 0x07 { return j + 1 }
                if b[j] == 0x1B, j + 1 < n, b[j + 1] == 0x5C { return j + 2 }
                j += 1
            }
            return i + 2 // unterminated: drop the introducer only, keep the words
        case 0x20...0x2F: // intermediates then a final byte
            while j < n, (0x20...0x2F).contains(b[j]) { j += 1 }
            return j < n ? j + 1 : j
        case 0x30...0x7E:
            return i + 2
        default:
            return i + 1
        }
    }

    /// A display name as one line: cleaned, tabs to spaces, runs of spaces collapsed.
    static func name(_ s: String) -> String {
        let cleaned = clean(s)
        var out = ""
        out.reserveCapacity(cleaned.utf8.count)
        var space = false
        for ch in cleaned.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\u{A0}" || ch == "\n" {
                space = true
            } else {
                if space && !out.isEmpty { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The key names are compared by: case, spacing and Unicode form ignored.
    static func nameKey(_ s: String) -> String { name(s).lowercased() }

    /// White space (and any of `also`) removed from both ends, in pure Swift:
    /// Foundation's trimming bridges to NSString, and the board parser trims every cell.
    static func trimmed(_ s: String, also: Set<Unicode.Scalar> = []) -> String {
        let u = s.unicodeScalars
        func trim(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace || also.contains(c) }
        guard let first = u.firstIndex(where: { !trim($0) }) else { return "" }
        let last = u.lastIndex(where: { !trim($0) })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return s }
        return String(u[first...last])
    }

    /// Trailing spaces of each line and blank lines at either end removed.
    static func tidyLines(_ lines: [String]) -> String {
        var ls = lines.map { line -> String in
            var s = Substring(line)
            while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
            return String(s)
        }
        while let f = ls.first, f.isEmpty { ls.removeFirst() }
        while let l = ls.last, l.isEmpty { ls.removeLast() }
        return ls.joined(separator: "\n")
    }
}

/// Markup some exports put in text: WebVTT cue tags (`<c>`, `<i>`, timestamps)
/// and the HTML Miro writes for sticky notes (`<p>`, `<br>`), plus entities.
enum Markup {
    static func plainText(_ s: String, lineBreakTags: Bool = false) -> String {
        guard s.contains("<") || s.contains("&") else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if ch == "<", let close = s[i...].firstIndex(of: ">"), looksLikeTag(s[s.index(after: i)..<close]) {
                let tag = s[s.index(after: i)..<close].lowercased()
                if lineBreakTags, tag.hasPrefix("br") || tag == "/p" || tag == "/div" || tag == "/li" {
                    out.append("\n")
                }
                i = s.index(after: close)
            } else if ch == "&", let semi = s[i...].prefix(12).firstIndex(of: ";"),
                let decoded = entity(s[s.index(after: i)..<semi])
            {
                out.append(decoded)
                i = s.index(after: semi)
            } else {
                out.append(ch)
                i = s.index(after: i)
            }
        }
        if lineBreakTags {
            return out.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: "\n")
        }
        return out
    }

    // `a < b` in plain text is not a tag: a tag starts with a letter, `/` or a digit (a timestamp).
    private static func looksLikeTag(_ inner: Substring) -> Bool {
        guard let f = inner.unicodeScalars.first else { return false }
        return f.properties.isAlphabetic || f == "/" || ("0"..."9").contains(f)
    }

    static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "lrm": return "\u{200E}"
        case "rlm": return "\u{200F}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let v = value, let scalar = Unicode.Scalar(v),
                (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v)) || v == 0x0A || v == 0x09
            else { return nil }
            return String(Character(scalar))
        }
    }
}
