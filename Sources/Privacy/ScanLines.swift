/// The `convene scan --jsonl` line format, read and written by hand: one
/// `JSONDecoder` and `JSONEncoder` per line cost as much as scanning the line
/// (issue 18: 20 000 lines a second). The output is byte for byte what
/// `JSONEncoder` with sorted keys writes, with characters a terminal could act
/// on escaped (the command line's `Output.json`); a line the fast reader does
/// not take is left to `JSONDecoder`, so errors stay the same.
import Foundation

/// One input line: `{"id": …, "text": …}` (other keys are skipped).
public struct ScanLine: Equatable, Sendable {
    /// The id as JSON text (a number or a string literal), written back as it came.
    public var idJSON: String
    public var text: String
    public init(idJSON: String, text: String) {
        self.idJSON = idJSON
        self.text = text
    }
}

public enum ScanLines {
    /// The line's id and text, or nil when it is not a plain object with an integer or string `id` and a string
    /// `text` (the caller then asks `JSONDecoder`, for the same answer and the same error).
    public static func parse(_ line: Substring.UTF8View) -> ScanLine? {
        var r = Reader(bytes: Array(line))
        return r.object()
    }

    /// The same, from the line's bytes.
    public static func parse(bytes line: ArraySlice<UInt8>) -> ScanLine? {
        var r = Reader(bytes: Array(line))
        return r.object()
    }

    /// The non-empty lines of `data`, split on line feeds (bytes, not characters: no grapheme breaking).
    public static func lines(_ data: [UInt8]) -> [ArraySlice<UInt8>] {
        // `data.split(separator: 0x0A)` by hand: the same non-empty runs between newlines, without the library's
        // closure per byte (28 instructions a byte).
        var out: [ArraySlice<UInt8>] = []
        data.withUnsafeBufferPointer { b in
            var start = 0
            var k = 0
            while k < b.count {
                if b[k] == 0x0A {
                    if k > start { out.append(data[start..<k]) }
                    start = k + 1
                }
                k += 1
            }
            if b.count > start { out.append(data[start..<b.count]) }
        }
        return out
    }

    /// `{"id":ID,"spans":[{"end":E,"label":"L","start":S,"text":"T"},…]}` for `findings`.
    public static func output(idJSON: String, findings: [Finding], into out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        out.append(contentsOf: idJSON.utf8)
        out.append(contentsOf: #","spans":["#.utf8)
        for (k, f) in findings.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"end":"#.utf8)
            out.append(contentsOf: String(f.span.end).utf8)
            out.append(contentsOf: #","label":"#.utf8)
            string(f.label.rawValue, into: &out)
            out.append(contentsOf: #","start":"#.utf8)
            out.append(contentsOf: String(f.span.start).utf8)
            out.append(contentsOf: #","text":"#.utf8)
            string(f.text, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}\n".utf8)
    }

    /// A JSON string literal as `JSONEncoder` writes it (slashes unescaped), with bidi controls, zero-width and
    /// C1 characters as `\uXXXX` so the output cannot drive a terminal.
    public static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5C: out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20: hexEscape(v, into: &out)
            case 0x20..<0x7F: out.append(UInt8(v))
            default:
                if unsafeForTerminal(v) {
                    hexEscape(v, into: &out)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexEscape(_ v: UInt32, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }

    /// DEL and C1 controls, bidi embeddings, overrides and isolates, and zero-width characters that hide text.
    static func unsafeForTerminal(_ v: UInt32) -> Bool {
        (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x200B || v == 0x2060 || v == 0xFEFF || v == 0x061C
    }

    /// A strict reader for the one shape the fast path takes; anything else returns nil.
    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func space() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A {
                i += 1
            }
        }

        mutating func object() -> ScanLine? {
            space()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var id: String?
            var text: String?
            space()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return nil }
            while true {
                space()
                guard let key = string() else { return nil }
                space()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                space()
                switch key {
                case "id":
                    guard id == nil, i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: "\"") {
                        // Written back as JSONEncoder would write the decoded string.
                        guard let s = string() else { return nil }
                        var literal: [UInt8] = []
                        ScanLines.string(s, into: &literal)
                        id = String(decoding: literal, as: UTF8.self)
                    } else {
                        guard let n = integer() else { return nil }
                        id = n
                    }
                case "text":
                    guard text == nil, let t = string() else { return nil }
                    text = t
                default:
                    guard skipValue(depth: 0) else { return nil }
                }
                space()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    break
                }
                return nil
            }
            space()
            guard i == bytes.count, let id, let text else { return nil }
            return ScanLine(idJSON: id, text: text)
        }

        /// An integer as JSONDecoder reads an `Int` (no fraction, no exponent, no leading zeros).
        mutating func integer() -> String? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            let digits = i - digitsStart
            guard digits > 0, digits <= 18, !(digits > 1 && bytes[digitsStart] == 0x30),
                !(digitsStart > start && digits == 1 && bytes[digitsStart] == 0x30)
            else { return nil }
            if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i]) {
                return nil
            }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        /// A string literal, unescaped; nil on anything malformed (including lone surrogates and raw controls).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 {
                i += 1
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                // Through a buffer: validating an ArraySlice took the generic, element-by-element path.
                let end = i
                let s = bytes.withUnsafeBufferPointer { all -> String? in
                    let run = UnsafeBufferPointer(rebasing: all[start..<end])
                    // ASCII needs no validating: `String(validating:)` is generic in the library and looked up its
                    // types at run time (a thousand instructions a string, three strings a line).
                    var high: UInt8 = 0
                    for b in run { high |= b }
                    if high < 0x80 { return String(decoding: run, as: UTF8.self) }
                    return String(validating: run, as: UTF8.self)
                }
                i += 1
                return s
            }
            guard bytes[i] == UInt8(ascii: "\\") else { return nil }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(validating: out, as: UTF8.self)
                }
                if b < 0x20 { return nil }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    i += 1
                    continue
                }
                i += 1
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var v = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(v) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                        else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(v) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(v) else { return nil }
                    out.append(contentsOf: String(scalar).utf8)
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// Skips any JSON value (for keys other than id and text).
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 64, i < bytes.count else { return false }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let isObject = close == UInt8(ascii: "}")
                i += 1
                space()
                if i < bytes.count, bytes[i] == close {
                    i += 1
                    return true
                }
                while true {
                    space()
                    if isObject {
                        guard string() != nil else { return false }
                        space()
                        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                        i += 1
                        space()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    space()
                    guard i < bytes.count else { return false }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    if bytes[i] == close {
                        i += 1
                        return true
                    }
                    return false
                }
            default:
                // A number, true, false or null: its characters up to the next delimiter.
                let start = i
                while i < bytes.count,
                    !([UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(
                        bytes[i]))
                {
                    i += 1
                }
                let word = bytes[start..<i]
                if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8)
                    || word.elementsEqual("null".utf8)
                {
                    return true
                }
                return !word.isEmpty
                    && word.allSatisfy {
                        ($0 >= 0x30 && $0 <= 0x39)
                            || [
                                UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                                UInt8(ascii: "e"), UInt8(ascii: "E"),
                            ].contains($0)
                    }
            }
        }
    }
}
