import Foundation

/// The privacy tests' judge of "no name leaves", written from the documented promise (docs/privacy.md,
/// "Names that are everyday words"; docs/exports.md, "One gate") and sharing nothing with the code it
/// judges: no Tokeniser, no scanner, no Redactor, no gazetteer. The promise, as this oracle reads it:
///
/// - a whole real or block-listed name never appears, in any case, with or without its accents;
/// - nor does any part of three letters or more that is not an everyday word — alone, possessive
///   (`Tyler's`), glued to digits (`tyler99`), in a handle (`@tyler_b`), either half of `Lacey-Mae`,
///   `Neil` of `O'Neil`;
/// - a part under three letters (`Jo`, `Al`) is only promised inside the whole name;
/// - a part that is an everyday word (`Will`, `Hope`, `Grace`) is only promised where it stands as a
///   name (`my colleague Will`, `Will said`): the tests forbid those phrases, not the word;
/// - a name inside another word (`Tylerson`) is another word.
///
/// Matching: both sides lower-cased with accents removed (canonical decomposition, combining marks
/// dropped), and a match counts only when no letter stands right before or after it.
public enum NameOracle {
    /// Lower case, accents removed, as scalars.
    public static func fold(_ s: String) -> [Unicode.Scalar] {
        Array(
            s.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter {
                $0.properties.generalCategory != .nonspacingMark
            })
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }

    /// Whether `needle` occurs in `folded` (a text from `fold`) with no letter right before or after it.
    public static func occurs(_ needle: String, inFolded folded: [Unicode.Scalar]) -> Bool {
        let n = fold(needle)
        guard !n.isEmpty, folded.count >= n.count else { return false }
        var i = 0
        while i <= folded.count - n.count {
            if folded[i] == n[0] {
                var j = 1
                while j < n.count && folded[i + j] == n[j] { j += 1 }
                if j == n.count, i == 0 || !isLetter(folded[i - 1]),
                    i + n.count == folded.count || !isLetter(folded[i + n.count])
                {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    public static func occurs(_ needle: String, in text: String) -> Bool { occurs(needle, inFolded: fold(text)) }

    /// A long text folded once and indexed by the first letter of each word, for many searches.
    public struct Text {
        public let folded: [Unicode.Scalar]
        private var starts: [Unicode.Scalar: [Int]] = [:]

        public init(_ text: String) {
            folded = NameOracle.fold(text)
            for i in folded.indices
            where NameOracle.isLetter(folded[i]) && (i == 0 || !NameOracle.isLetter(folded[i - 1])) {
                starts[folded[i], default: []].append(i)
            }
        }

        /// The offset of `needle` standing alone (no letter before or after), if it is there.
        public func find(_ needle: String) -> Int? {
            let n = NameOracle.fold(needle)
            guard let first = n.first else { return nil }
            // A needle that starts with a letter can only start where a word starts.
            let candidates = NameOracle.isLetter(first) ? starts[first] ?? [] : Array(folded.indices)
            for i in candidates where i + n.count <= folded.count {
                if folded[i..<(i + n.count)].elementsEqual(n), i == 0 || !NameOracle.isLetter(folded[i - 1]),
                    i + n.count == folded.count || !NameOracle.isLetter(folded[i + n.count])
                {
                    return i
                }
            }
            return nil
        }

        public func contains(_ needle: String) -> Bool { find(needle) != nil }

        /// Up to 40 folded scalars either side of `needle`, for a failure message.
        public func context(of needle: String) -> String {
            guard let i = find(needle) else { return "" }
            let a = max(0, i - 40)
            let b = min(folded.count, i + needle.unicodeScalars.count + 40)
            return String(String.UnicodeScalarView(folded[a..<b])).replacingOccurrences(of: "\n", with: " ")
        }
    }

    /// The parts of a name: its runs of letters (spaces, hyphens and apostrophes separate them).
    public static func parts(_ name: String) -> [String] {
        name.split { !$0.isLetter }.map(String.init)
    }

    /// What of `name` may never appear anywhere: the whole name and each part of three letters or more
    /// that is not one of `everydayWords` (folded, lower case).
    /// A one-word name that is an everyday word (a block-listed `Rose`) is that word: only its uses as a
    /// name are promised.
    public static func forbidden(name: String, everydayWords: Set<String>) -> [String] {
        let all = parts(name)
        let unusual = all.filter {
            $0.count >= 3 && !everydayWords.contains(String(String.UnicodeScalarView(fold($0))))
        }
        return all.count == 1 && unusual.isEmpty ? [] : [name] + unusual
    }

    /// The text of an export as a reader sees it: XML and HTML entities decoded, and GUIDs blanked (their
    /// hex digits can spell `bea` or `dee` glued to digits). For markup, a second reading with the tags
    /// removed catches a name split across elements (runs in a .docx).
    public static func readings(_ text: String, markup: Bool) -> [String] {
        let text = blankingGUIDs(text)
        let decoded = decodeEntities(text)
        guard markup else { return [decoded] }
        var stripped = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { stripped.append(ch) }
        }
        return [decoded, decodeEntities(stripped)]
    }

    /// `text` with every GUID (8-4-4-4-12 hex digits) replaced by spaces.
    public static func blankingGUIDs(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let shape = Array("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".unicodeScalars)
        func isHex(_ c: Unicode.Scalar) -> Bool { c.properties.isASCIIHexDigit }
        var i = 0
        while i + shape.count <= scalars.count {
            if isHex(scalars[i]),
                (0..<shape.count).allSatisfy({ shape[$0] == "-" ? scalars[i + $0] == "-" : isHex(scalars[i + $0]) })
            {
                for k in i..<(i + shape.count) { scalars[k] = " " }
                i += shape.count
            } else {
                i += 1
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
                let body = text[text.index(after: i)..<semi]
                let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]
                var value: String? = named[String(body)]
                if value == nil, body.hasPrefix("#") {
                    let digits = body.dropFirst()
                    let code =
                        digits.hasPrefix("x") || digits.hasPrefix("X")
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    value = code.flatMap { Unicode.Scalar($0) }.map { String(Character($0)) }
                }
                if let value {
                    out += value
                    i = text.index(after: semi)
                    continue
                }
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        return out
    }
}

/// Names of every shape the privacy properties plant: plain, short parts, hyphenated, apostrophes,
/// accents, recorded in lower case, one word, and names whose parts are everyday words. The parts
/// listed in `everyday` are the pool's everyday words (each checked against the bundled words.txt
/// when the pool was written; every other part of three letters or more is on no word list).
public enum NamePool {
    public struct Name: Sendable, CustomStringConvertible {
        public var text: String
        public var shape: String
        public var description: String { text }
    }

    /// The first is plain, so shrinking ends on the simplest name.
    public static let all: [Name] = [
        Name(text: "Tyler Brennan", shape: "plain"), Name(text: "Shannon Okafor", shape: "plain"),
        Name(text: "Jo Thistlewood", shape: "short"), Name(text: "Al Okonkwo", shape: "short"),
        Name(text: "Jo Li", shape: "short"), Name(text: "Bea Li", shape: "short"),
        Name(text: "Lacey-Mae Pellow", shape: "hyphenated"), Name(text: "Kezia Dubois-Marchetti", shape: "hyphenated"),
        Name(text: "Ciara O'Neil", shape: "apostrophe"), Name(text: "Niamh D'Souza", shape: "apostrophe"),
        Name(text: "Siân Pritchard", shape: "accented"), Name(text: "Zoë Fairweather", shape: "accented"),
        Name(text: "José Albarrán", shape: "accented"), Name(text: "Siobhán Brannigan", shape: "accented"),
        Name(text: "kayden whitlock", shape: "lower-case"), Name(text: "Jaydee", shape: "one word"),
        Name(text: "Will Hope", shape: "everyday words"), Name(text: "Amber Rose", shape: "everyday words"),
        Name(text: "Grace Quinlan", shape: "everyday word"), Name(text: "Mac Devlin", shape: "everyday word"),
    ]

    /// The pool's parts that are everyday words (folded).
    public static let everyday: Set<String> = ["will", "hope", "amber", "rose", "grace", "mac"]

    /// Where an everyday-word part stands as a name (docs/privacy.md): a phrase with `{}` for the part.
    /// The test forbids the phrase with the part in it; the cue words around it stay.
    public static let nameContexts: [(phrase: String, forbidden: String)] = [
        ("my colleague {} rang me", "colleague {}"), ("and then {} said it was fine", "{} said"),
        ("I texted {} after the meeting", "texted {}"), ("there was a lad called {} in the group", "called {}"),
        ("we met and {}'s mum was there", "{}'s mum"), ("her son {} was at home", "son {}"),
        ("later I asked {} about it", "asked {}"), ("we wrote to Mrs {} last week", "mrs {}"),
    ]
}
