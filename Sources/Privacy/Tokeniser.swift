/// The one-pass tokeniser the scanner's recognisers read: words, digit runs,
/// letter+digit runs and single punctuation scalars, each with Unicode-scalar
/// offsets (end exclusive) and a lower-cased, accent-folded key for look-ups.
import Foundation

/// A class, not a struct: the recognisers read tokens by value hundreds of times per text (`let t = tokens[i]`,
/// `tok(i)`), and copying a struct with two strings cost about a sixth of a scan; a reference is one retain.
/// Immutable once made, so sharing one is the same as copying it.
final class Token: Sendable {
    enum Kind: UInt8 { case word, number, alnum, punct }
    let kind: Kind
    let start: Int
    let end: Int
    /// As typed.
    let text: String
    /// Lower case with accents folded ("Siân" → "sian"); punctuation as is.
    let key: String
    /// First scalar is an upper-case letter.
    let capitalised: Bool
    /// Two or more letters, all upper case ("DSL", "MACE").
    let allCaps: Bool
    let digits: Int
    /// Whitespace separates it from the previous token.
    let spaceBefore: Bool
    /// A newline (or the start of the text) comes before it with no other token.
    let lineStart: Bool
    /// Starts a sentence: first token, or after . ! ? or a new line.
    let sentenceStart: Bool

    /// The first scalar (all of a punctuation token).
    let scalar: Unicode.Scalar

    init(
        kind: Kind, start: Int, end: Int, text: String, key: String, capitalised: Bool, allCaps: Bool, digits: Int,
        spaceBefore: Bool, lineStart: Bool, sentenceStart: Bool, scalar: Unicode.Scalar
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.capitalised = capitalised
        self.allCaps = allCaps
        self.digits = digits
        self.spaceBefore = spaceBefore
        self.lineStart = lineStart
        self.sentenceStart = sentenceStart
        self.scalar = scalar
    }

    var isWordLike: Bool { kind != .punct }
    /// A punctuation token that is one of `set`'s scalars.
    @inline(__always) func isPunct(_ set: String) -> Bool { kind == .punct && Tokeniser.contains(set, scalar) }
    var length: Int { end - start }
}

/// A token's fields without its two Strings: a plain value, copied without a retain. `ScanContext.info` holds one
/// per token for the hottest recognisers' loops, where `let t = tokens[i]` retained and released the `Token` (with
/// the frees behind them, a sixth of a scan); its text and key are `ScanContext.keys` and the `Token`'s own.
struct TokenInfo: Sendable {
    let kind: Token.Kind
    /// First scalar is an upper-case letter.
    let capitalised: Bool
    /// Two or more letters, all upper case.
    let allCaps: Bool
    let spaceBefore: Bool
    let lineStart: Bool
    let sentenceStart: Bool
    let scalar: Unicode.Scalar
    let start: Int
    let end: Int
    let digits: Int

    init(_ t: Token) {
        kind = t.kind
        capitalised = t.capitalised
        allCaps = t.allCaps
        spaceBefore = t.spaceBefore
        lineStart = t.lineStart
        sentenceStart = t.sentenceStart
        scalar = t.scalar
        start = t.start
        end = t.end
        digits = t.digits
    }

    var isWordLike: Bool { kind != .punct }
    /// A punctuation token that is one of `set`'s scalars.
    @inline(__always) func isPunct(_ set: String) -> Bool { kind == .punct && Tokeniser.contains(set, scalar) }
    var length: Int { end - start }
}

enum Tokeniser {
    static func tokenise(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 4 + 1)
        var i = 0
        var sawSpace = false
        var sawNewline = true
        while i < s.count {
            let c = s[i]
            if c.value < 128 ? (c.value == 32 || (c.value >= 9 && c.value <= 13)) : c.properties.isWhitespace {
                sawSpace = true
                if c == "\n" || c == "\r" { sawNewline = true }
                i += 1
                continue
            }
            let start = i
            var kind: Token.Kind
            var digits = 0
            if isWordScalar(c) {
                var letters = 0
                var upper = 0
                var ascii = true
                while i < s.count, isWordScalar(s[i]) {
                    let v = s[i].value
                    if v >= 48 && v <= 57 {
                        digits += 1
                    } else if v < 128 {
                        letters += 1
                        if v <= 90 { upper += 1 }
                    } else if s[i].properties.isAlphabetic {
                        ascii = false
                        letters += 1
                        if s[i].properties.isUppercase { upper += 1 }
                    } else {
                        ascii = false
                    }
                    i += 1
                }
                kind = digits == 0 ? .word : letters == 0 ? .number : .alnum
                let text: String
                let key: String
                if ascii {
                    (text, key) = asciiTextAndKey(s, start, i)
                } else {
                    text = String(String.UnicodeScalarView(s[start..<i]))
                    key = foldedKey(s, start, i)
                }
                let previous = tokens.last
                let sentence = previous == nil || sawNewline || previous!.isPunct(".!?…")
                tokens.append(
                    Token(
                        kind: kind, start: start, end: i, text: text, key: key,
                        capitalised: s[start].value < 128
                            ? (s[start].value >= 65 && s[start].value <= 90) : s[start].properties.isUppercase,
                        allCaps: letters >= 2 && upper == letters,
                        digits: digits, spaceBefore: sawSpace, lineStart: sawNewline, sentenceStart: sentence,
                        scalar: s[start]))
            } else {
                i += 1
                let text = c.value < 128 ? asciiTextAndKey(s, start, i).0 : String(c)
                let previous = tokens.last
                let sentence = previous == nil || sawNewline
                tokens.append(
                    Token(
                        kind: .punct, start: start, end: i, text: text, key: text, capitalised: false, allCaps: false,
                        digits: 0, spaceBefore: sawSpace, lineStart: sawNewline, sentenceStart: sentence, scalar: c))
            }
            sawSpace = false
            sawNewline = false
        }
        return tokens
    }

    /// `set.unicodeScalars.contains(c)`, asked of set's UTF-8 bytes when `c` is ASCII: an ASCII byte in UTF-8 is only
    /// ever that scalar, and decoding the set's scalars for every question was 0.5% of a scan.
    /// A set of up to 15 bytes is a small String, its bytes held in its own two words (as `String.isSmallASCII`
    /// reads them; here ASCII or not): they are read in place, where the `utf8` view's `contains` walked an iterator
    /// (200 instructions a question).
    @inline(__always) static func contains(_ set: String, _ c: Unicode.Scalar) -> Bool {
        guard c.value < 0x80 else { return set.unicodeScalars.contains(c) }
        let byte = UInt8(truncatingIfNeeded: c.value)
        let raw = unsafeBitCast(set, to: (UInt64, UInt64).self)
        // Bit 61 of the second word: small. Its count is the low four bits of the top byte.
        guard (raw.1 >> 61) & 1 == 1 else { return set.utf8.contains(byte) }
        let count = Int(truncatingIfNeeded: (raw.1 >> 56) & 0x0F)
        var k = 0
        while k < count {
            let word = k < 8 ? raw.0 : raw.1
            if UInt8(truncatingIfNeeded: word >> UInt64((k & 7) * 8)) == byte { return true }
            k += 1
        }
        return false
    }

    /// Whitespace, with an ASCII fast path (a property look-up costs more than the rest of a scan step).
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? (c.value == 32 || (c.value >= 9 && c.value <= 13)) : c.properties.isWhitespace
    }

    /// A letter, with an ASCII fast path.
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? ((c.value | 0x20) >= 97 && (c.value | 0x20) <= 122) : c.properties.isAlphabetic
    }

    /// 0-9, a-f, A-F.
    @inline(__always) static func isHexDigit(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 48 && v <= 57) || ((v | 0x20) >= 97 && (v | 0x20) <= 102)
    }

    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            let v = c.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        return c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark
    }

    /// An ASCII run as typed and lower-cased, each written straight into its string (no scalar view, no
    /// intermediate buffer; a short token is stored inline, with no allocation at all).
    @inline(__always) static func asciiTextAndKey(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> (String, String) {
        let n = b - a
        if n <= 15 { return smallASCII(s, a, n) }
        let text = String(unsafeUninitializedCapacity: n) { buffer in
            for k in 0..<n { buffer[k] = UInt8(truncatingIfNeeded: s[a + k].value) }
            return n
        }
        let key = String(unsafeUninitializedCapacity: n) { buffer in
            for k in 0..<n {
                let v = UInt8(truncatingIfNeeded: s[a + k].value)
                buffer[k] = v >= 65 && v <= 90 ? v + 32 : v
            }
            return n
        }
        return (text, key)
    }

    /// Up to 15 ASCII scalars as typed and lower-cased, each made as the small String the library makes of them (the
    /// bytes in its two words, the top byte 0xE0 and the count: immortal, ASCII, small, as `String.isSmallASCII`
    /// reads): `String(unsafeUninitializedCapacity:)` made them through its general path, about 140 instructions a
    /// string, two strings a token. `KeyEqualityTests` checks them bit for bit against the library's.
    @inline(__always) static func smallASCII(_ s: [Unicode.Scalar], _ a: Int, _ n: Int) -> (String, String) {
        var text: (UInt64, UInt64) = (0, 0)
        var key: (UInt64, UInt64) = (0, 0)
        for k in 0..<n {
            let v = UInt64(truncatingIfNeeded: s[a + k].value & 0x7F)
            let lower = v >= 65 && v <= 90 ? v + 32 : v
            if k < 8 {
                text.0 |= v << UInt64(k * 8)
                key.0 |= lower << UInt64(k * 8)
            } else {
                text.1 |= v << UInt64((k - 8) * 8)
                key.1 |= lower << UInt64((k - 8) * 8)
            }
        }
        let tag = (0xE0 | UInt64(n)) << 56
        text.1 |= tag
        key.1 |= tag
        return (unsafeBitCast(text, to: String.self), unsafeBitCast(key, to: String.self))
    }

    /// Lower case, accents folded, ASCII fast path.
    static func foldedKey(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        var ascii = true
        for k in a..<b where s[k].value >= 128 {
            ascii = false
            break
        }
        if ascii {
            var out = String.UnicodeScalarView()
            for k in a..<b {
                let v = s[k].value
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : s[k])
            }
            return String(out)
        }
        return fold(String(String.UnicodeScalarView(s[a..<b])))
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
