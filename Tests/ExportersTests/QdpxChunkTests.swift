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
