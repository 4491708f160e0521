import ConveneTestSupport
import Foundation
import XCTest

@testable import Exporters

/// The JSON export writes its contributions by hand (`EntryJSON`); the bytes
/// must be the encoder's, for any text and any mix of present and absent values.
final class EntryJSONTests: XCTestCase {
    /// An entry as `JSONEncoder` writes it inside the record: its lines two spaces deeper than at the top level.
    func encoded(_ e: ResearchRecord.Entry) throws -> [UInt8] {
        let array = String(decoding: try ResearchFormats.encoder().encode([e]), as: UTF8.self)
        let body = array.dropFirst(2).dropLast(2)
        return Array(
            body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
                .joined(separator: "\n").utf8)
    }

    func testEntriesAreTheEncodersBytes() throws {
        var rng = SeededRandom("entry-json")
        let pieces: [String] = [
            "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}", "\u{7F}",
            "é", "ß", "\u{2028}", "\u{FEFF}", "😀", "👩‍👧", "[PERSON 2]", "“quoted”", "<b>&amp;</b>", "0113 496 0000",
        ]
        func text() -> String { (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % 24)] }.joined() }
        func maybe<T>(_ v: @autoclosure () -> T) -> T? { rng.next() % 2 == 0 ? v() : nil }
        var compared = 0
        for _ in 0..<1_500 {
            let e = ResearchRecord.Entry(
                number: Int(rng.next() % 200_000),
                occurredAt: Date(timeIntervalSince1970: Double(rng.next() % 4_000_000_000) / 3),
                room: text(), roomId: Int(rng.next() % 9), round: maybe(Int(rng.next() % 5)),
                guideSegment: maybe(text()), guideIndex: maybe(Int(rng.next() % 5)), source: text(),
                speaker: maybe(text()), speakerLabel: maybe(text()), attribution: text(), quotable: rng.next() % 2 == 0,
                form: text(), text: text(), codes: (0..<Int(rng.next() % 3)).map { _ in text() },
                replyTo: (0..<Int(rng.next() % 3)).map { _ in Int(rng.next() % 999) }, session: maybe(text()),
                sessionNumber: maybe(Int(rng.next() % 999)))
            var out: [UInt8] = []
            EntryJSON.write(e, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: try encoded(e), as: UTF8.self))
            compared += 1
        }
        XCTAssertEqual(compared, 1_500)
    }
}
