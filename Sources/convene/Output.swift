import Foundation

/// Printing that never lets text from a session drive the terminal.
enum Output {
    /// Control characters, escapes and bidi controls become visible `\u{…}` marks.
    static func inert(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        // Bidi embeddings, overrides and isolates; zero-width characters that hide text.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F { return true }
        if v == 0x200B || v == 0x2060 || v == 0xFEFF || v == 0x061C { return true }
        return false
    }

    static func line(_ text: String) { print(inert(text)) }

    /// JSON with stable, sorted keys; characters a terminal could act on are escaped.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        let text = String(decoding: try e.encode(value), as: UTF8.self)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0x7F && isUnsafe(s) {
                out.append(contentsOf: String(format: "\\u%04x", s.value).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    static func printJSON<T: Encodable>(_ value: T) throws { print(try json(value)) }
}
