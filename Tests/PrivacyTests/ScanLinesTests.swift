import ConveneTestSupport
/// `convene scan --jsonl` reads and writes its lines by hand for speed (issue 18, item 5); these hold the hand-made
/// reader to JSONDecoder's answers and the writer to JSONEncoder's bytes (sorted keys, slashes as they are, with
/// characters a terminal could act on escaped, as the command line's `Output.json` does).
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ScanLinesTests: XCTestCase {
    struct Span: Encodable {
        var start: Int
        var end: Int
        var label: String
        var text: String
    }
    struct Line: Encodable {
        var id: Int
        var spans: [Span]
    }
    struct StringLine: Encodable {
        var id: String
        var spans: [Span]
    }

    /// What the command line wrote before: JSONEncoder with sorted keys, then terminal-unsafe scalars escaped.
    static func reference<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try e.encode(value), as: UTF8.self)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0x7F && ScanLines.unsafeForTerminal(s.value) {
                out.append(contentsOf: String(format: "\\u%04x", s.value).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out) + "\n"
    }

    static let tricky = [
        "plain", "with \"quotes\" and \\ backslash", "tab\there\nnewline\r", "bell\u{07} and \u{1F} unit",
        "del\u{7F} c1\u{85}",
        "bidi \u{202E}override\u{202C} and \u{2066}isolate\u{2069}", "zero\u{200B}width \u{FEFF}",
        "a/b/c https://x.org/y",
        "Siân café naïve 😬👍🏽", "emoji ZWJ 👩‍👩‍👧", "\u{2028}line sep", "",
    ]

    func testTheWriterMatchesJSONEncoderByteForByte() throws {
        var rng = SplitMix(seed: 18)
        print("ScanLinesTests seed 18")
        for (k, text) in Self.tricky.enumerated() {
            let f = Finding(label: .person, span: TextSpan(start: k, end: k + 3), text: text)
            var out: [UInt8] = []
            ScanLines.output(idJSON: String(k), findings: [f, f], into: &out)
            let span = Span(start: k, end: k + 3, label: "PERSON", text: text)
            XCTAssertEqual(
                String(decoding: out, as: UTF8.self), try Self.reference(Line(id: k, spans: [span, span])), text)
            // A string id is written back as JSONEncoder writes it.
            let id = Self.tricky[Int(rng.next() % UInt64(Self.tricky.count))]
            let line = String(decoding: try JSONEncoder().encode(["id": id, "text": text]), as: UTF8.self)
            let parsed = try XCTUnwrap(ScanLines.parse(Substring(line).utf8), line)
            out = []
            ScanLines.output(idJSON: parsed.idJSON, findings: [], into: &out)
            XCTAssertEqual(
                String(decoding: out, as: UTF8.self), try Self.reference(StringLine(id: id, spans: [])), line)
        }
    }

    func testTheReaderAgreesWithJSONDecoderOrStepsAside() throws {
        struct Input: Decodable { var text: String }
        let lines = [
            #"{"id": 1, "text": "hello"}"#, #"{"text":"a\u00e9\ud83d\ude2c\/b","id":"x-1"}"#,
            #"{"id":7,"text":"x","spans":[{"start":0,"end":1,"label":"PERSON","text":"x"}],"meta":{"a":[1,2.5e3,true,null]}}"#,
            #"  {"id":-3 , "text" : "tab\tnew\nline"}  "#,
        ]
        for line in lines {
            let parsed = try XCTUnwrap(ScanLines.parse(Substring(line).utf8), line)
            XCTAssertEqual(parsed.text, try JSONDecoder().decode(Input.self, from: Data(line.utf8)).text, line)
        }
        XCTAssertEqual(ScanLines.parse(Substring(#"{"id":7,"text":"x"}"#).utf8)?.idJSON, "7")
        XCTAssertEqual(ScanLines.parse(Substring(#"{"id":"a\/b","text":"x"}"#).utf8)?.idJSON, #""a/b""#)
        // Not taken by the fast reader: left to JSONDecoder (which may accept or refuse them with its own message).
        for line in [
            #"{"id":1.0,"text":"x"}"#, #"{"id":1}"#, #"{"text":"x"}"#, #"{"id":1,"text":"x""#, #"[1]"#, "not json",
            #"{"id":1,"text":"x"} trailing"#, #"{"id":1,"text":"\ud83d"}"#, #"{"id":01,"text":"x"}"#,
            #"{"id":-0,"text":"x"}"#,
        ] {
            XCTAssertNil(ScanLines.parse(Substring(line).utf8), line)
        }
    }
}
