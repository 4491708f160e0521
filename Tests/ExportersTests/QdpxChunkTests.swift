import ConveneTestSupport
import Foundation
import SessionModel
import XCTest

@testable import Exporters

/// The qdpx made faster in session 7 (issue 20) must keep every unzipped byte: room texts rendered in
/// chunks on every core, the selections' spans measured the same way, dates written as bytes. Each is
/// checked against the plain way it was done before.
final class QdpxChunkTests: XCTestCase {
    /// Dates written as bytes are the strings of before, across years, months and times of day.
    /// The GUIDs are RFC 4122 name-based (version 5) UUIDs of the session id and a name, written in lower case:
    /// the values below are Python's `uuid.uuid5` of the same namespace and names, whichever way the name is given.
    func testGUIDsAreVersion5UUIDsOfTheSessionAndTheName() {
        let g = StableGUID(session: "8D5F3A59-2D7B-4C64-9E0C-3F0F9C1B2A12")
        XCTAssertEqual(g.guid("user:convene"), "0a6520d8-e0c1-5a09-9f79-61971fabd976")
        XCTAssertEqual(g.guid(""), "ebcbf771-e0d3-578d-9f93-ee193961087b")
        XCTAssertEqual(g.guid("coding:0:x"), "8b663fc7-6334-5d45-a30f-34af097754c4")
        func appended(_ prefix: StaticString, _ n: Int, _ suffix: String) -> String {
            var out: [UInt8] = Array("kept ".utf8)
            g.append(prefix, n, suffix, to: &out)
            XCTAssertEqual(Array(out.prefix(5)), Array("kept ".utf8), "appended after what was there")
            return String(decoding: out.dropFirst(5), as: UTF8.self)
        }
        XCTAssertEqual(
            appended("selection:", 12, "4e79a7aa-0000-5000-8000-000000000000"), "848fc65d-a435-5d08-9b7f-0493260e2b16")
        XCTAssertEqual(appended("coding:", 0, "x"), "8b663fc7-6334-5d45-a30f-34af097754c4")
        XCTAssertEqual(appended("selection:", 123_456_789, "é 👍"), "2f2e03c3-b503-505c-9a63-8683e0e92d0b")
    }

    func testDatesAsBytesAreTheStrings() {
        var random = SeededRandom("QdpxChunkTests.dates")
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double(random.next() % 4_102_444_800) + 0.75)
            var iso: [UInt8] = []
            ExportText.appendISO(date, to: &iso)
            XCTAssertEqual(String(decoding: iso, as: UTF8.self), ExportText.iso(date))
            var clock: [UInt8] = []
            ExportText.appendClock(date, to: &clock)
            XCTAssertEqual(String(decoding: clock, as: UTF8.self), ExportText.clock(date))
        }
    }

    /// A session whose rooms span several chunks (7 000 contributions, three rooms, headings that change
    /// mid-room, multi-line, accented and emoji text): each room's text entry is the text written whole,
    /// one contribution after another, and every selection's span is where its words are in that text.
    func testRoomTextsInChunksAreTheWholeText() throws {
        let state = try StreamingExportTests.longState(contributions: 7_000)
        let record = try Exporter.prepare(state).record
        let entries = try Zip.entries(Exporter.render(record, format: .qdpx))
        let (texts, spans) = Self.wholeRoomTexts(record)
        XCTAssertGreaterThan(
            record.contributions.count / texts.count, 2 * REFIQDA.roomChunk, "each room spans several chunks")
        XCTAssertEqual(entries.count, 1 + texts.count + REFIQDA.notes(record, StableGUID(session: "")).count)
        for (k, text) in texts.enumerated() {
            XCTAssertTrue(entries[1 + k].data == Data(text.utf8), "room \(k)'s text differs from the whole text")
        }
        // Each selection's name (#number) and span, as project.qde has them, against the whole texts'.
        let project = String(decoding: entries[0].data, as: UTF8.self)
        let pattern = try NSRegularExpression(
            pattern: "name=\"#([0-9]+)\" startPosition=\"([0-9]+)\" endPosition=\"([0-9]+)\"")
        var found: [Int: (Int, Int)] = [:]
        for match in pattern.matches(in: project, range: NSRange(project.startIndex..., in: project)) {
            let n = (1...3).map { Int((project as NSString).substring(with: match.range(at: $0)))! }
            if let seen = found[n[0]] { XCTAssertTrue(seen == (n[1], n[2]), "#\(n[0]) has two spans") }
            found[n[0]] = (n[1], n[2])
        }
        XCTAssertEqual(found.count, spans.count)
        for (number, span) in spans {
            XCTAssertTrue(
                found[number].map { $0 == span } ?? false, "#\(number): \(String(describing: found[number])) vs \(span)"
            )
        }
    }

    /// The room texts and spans as they were written before session 7: one string, a contribution at a time.
    static func wholeRoomTexts(_ r: ResearchRecord) -> (texts: [String], spans: [Int: (Int, Int)]) {
        func lf(_ s: String) -> String {
            s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        var texts: [String] = []
        var spans: [Int: (Int, Int)] = [:]
        for room in r.rooms {
            let entries = r.contributions.filter { $0.roomId == room.id }
            if entries.isEmpty { continue }
            var text = ""
            var length = 0 // code points in `text`
            func add(_ s: String) {
                text += s
                length += s.unicodeScalars.count
            }
            var lastHeading: String?
            for e in entries {
                let heading = [e.round.map { "Round \($0)" }, e.guideSegment].compactMap { $0 }.joined(separator: " · ")
                if !heading.isEmpty && heading != lastHeading { add("== \(lf(heading)) ==\n") }
                lastHeading = heading
                let speaker =
                    e.speaker
                    ?? (e.source == "facilitator"
                        ? "Facilitator" : e.source == "whiteboard" ? "Whiteboard" : "Unattributed")
                add("#\(e.number) [\(ExportText.clock(e.occurredAt))] \(speaker): ")
                let start = length
                add(lf(e.text))
                spans[e.number] = (start, length)
                add("\n")
            }
            texts.append(text)
        }
        return (texts, spans)
    }
}
