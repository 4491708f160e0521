import ConveneTestSupport
import Foundation
import XCTest

@testable import Exporters

/// The compact list the gate's record keeps its contributions in, and the CSV
/// cell test that reads ASCII cells by their bytes: both must give exactly
/// what the plain array and the Character-by-Character test gave.
final class EntryListAndCSVCellTests: XCTestCase {
    /// Pieces that make the Character and byte readings differ if the fast path were wrong.
    static let pieces = [
        "a", "Z", " ", ",", "\"", "\r", "\n", "\r\n", "é", "e\u{301}", ",\u{301}", "\u{301}", "👩‍👧", "\t", "=",
        "[PERSON 1]",
    ]

    func randomText(_ rng: inout SeededRandom, maxPieces: Int = 12) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
    }

    func testCellsAreQuotedExactlyWhenTheyHoldACommaQuoteOrLineBreakAsCharacters() {
        var rng = SeededRandom("csv cells")
        for _ in 0..<20_000 {
            let text = randomText(&rng)
            let byCharacter = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            XCTAssertEqual(ResearchFormats.needsQuotes(text), byCharacter, "\(text.debugDescription)")
        }
        XCTAssertFalse(ResearchFormats.needsQuotes("a\r\nb"), "a CR LF pair is one Character, as before")
        XCTAssertTrue(ResearchFormats.needsQuotes("a\rb"))
        XCTAssertFalse(ResearchFormats.needsQuotes(",\u{301}"), "a comma with a combining mark is another Character")
    }

    func testTheListGivesBackEveryEntryAsItWasGiven() throws {
        var rng = SeededRandom("entry list")
        var entries: [ResearchRecord.Entry] = []
        for n in 1...3_000 {
            entries.append(
                ResearchRecord.Entry(
                    number: n, occurredAt: Date(timeIntervalSince1970: Double.random(in: -1e9...2e9, using: &rng)),
                    room: randomText(&rng, maxPieces: 3), roomId: Int.random(in: -3...40, using: &rng),
                    round: Bool.random(using: &rng) ? Int.random(in: 0...9, using: &rng) : nil,
                    guideSegment: Bool.random(using: &rng) ? randomText(&rng, maxPieces: 4) : nil,
                    guideIndex: Bool.random(using: &rng) ? Int.random(in: 0...5, using: &rng) : nil,
                    source: ["verbal", "chat", "whiteboard", "facilitator"].randomElement(using: &rng)!,
                    speaker: Bool.random(using: &rng)
                        ? String(format: "P%02d", Int.random(in: 1...30, using: &rng)) : nil,
                    speakerLabel: Bool.random(using: &rng) ? randomText(&rng, maxPieces: 3) : nil,
                    attribution: ["role", "anonymous", "background"].randomElement(using: &rng)!,
                    quotable: Bool.random(using: &rng), form: Bool.random(using: &rng) ? "verbatim" : "summary",
                    text: randomText(&rng, maxPieces: Int.random(in: 0...400, using: &rng)),
                    codes: (0..<Int.random(in: 0...4, using: &rng)).map { _ in randomText(&rng, maxPieces: 3) },
                    replyTo: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                        Int.random(in: Int.min...Int.max, using: &rng)
                    },
                    session: Bool.random(using: &rng) ? randomText(&rng, maxPieces: 2) : nil,
                    sessionNumber: Bool.random(using: &rng) ? Int.random(in: 1...9_999, using: &rng) : nil))
        }
        let list = EntryList(entries)
        XCTAssertEqual(list.count, entries.count)
        XCTAssertEqual(Array(list), entries)
        // Spilled to its temporary file a few KB at a time, it gives back the same, in order, out of order and
        // from several threads at once (the formats read it on every core).
        var spilled = EntryList(spilling: true, segmentSize: 4_096)
        for e in entries { spilled.append(e) }
        XCTAssertGreaterThan(spilled.spilledByteCount, 0, "full segments went to the file")
        XCTAssertLessThan(spilled.byteCount - spilled.count * 8, 64 * 1_024, "only the last segment is in memory")
        XCTAssertEqual(Array(spilled), entries)
        XCTAssertEqual(spilled, list)
        let order = (0..<entries.count).shuffled(using: &rng)
        for i in order.prefix(2_000) { XCTAssertEqual(spilled[i], entries[i], "entry \(i)") }
        let mismatches = Mismatches()
        let (read, expected) = (spilled, entries)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in stride(from: t, to: expected.count, by: 8) where read[i] != expected[i] { mismatches.add(i) }
        }
        XCTAssertEqual(mismatches.all, [], "read on several threads at once")
        var grown = spilled
        grown.append(entries[0])
        XCTAssertEqual(Array(grown.prefix(entries.count)), entries, "a copy appended to holds the same entries")
        XCTAssertEqual(grown.last, entries[0])
        XCTAssertEqual(Array(spilled), entries, "and the original is unchanged")
        XCTAssertEqual(list[1_234], entries[1_234])
        // A copy appended to does not change the list it came from.
        var copy = list
        copy.append(entries[0])
        XCTAssertEqual(list.count, entries.count)
        XCTAssertEqual(copy.count, entries.count + 1)
        XCTAssertEqual(copy.last, entries[0])
        // Every string's bytes come back as they were given.
        for (a, b) in zip(list, entries) {
            XCTAssertTrue(
                a.text.utf8.elementsEqual(b.text.utf8) && a.room.utf8.elementsEqual(b.room.utf8)
                    && a.codes.map { Array($0.utf8) } == b.codes.map { Array($0.utf8) })
        }
        // It encodes as the array did, so the JSON export is unchanged.
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        XCTAssertEqual(try e.encode(list), try e.encode(entries))
        // String's == takes canonically equivalent texts as equal; the bytes must come back as given.
        let twins = EntryList(
            [entries[0], entries[1]].enumerated().map { k, entry in
                var e = entry
                e.room = k == 0 ? "Caf\u{E9}" : "Cafe\u{301}"
                return e
            })
        XCTAssertEqual(Array(twins[0].room.utf8), Array("Caf\u{E9}".utf8))
        XCTAssertEqual(Array(twins[1].room.utf8), Array("Cafe\u{301}".utf8), "not the other's bytes")
        XCTAssertEqual(try JSONDecoder().decode(EntryList.self, from: JSONEncoder().encode(entries)), list)
    }

    /// The list remembers strings it met lately in slots picked by their length and first, middle and last
    /// bytes: strings that share a slot but differ elsewhere, and strings Swift's == takes as equal with other
    /// bytes, each come back with their own bytes, in any order they follow one another.
    func testStringsSharingASlotOrEqualToSwiftComeBackWithTheirOwnBytes() {
        let shapes = [
            "Room A1x", "Rxom A1x", "Roxm A1x", "Room A2x", "", "a", "b", "\u{E9}", "e\u{301}", "Caf\u{E9} 1",
            "Cafe\u{301} 1", "👩‍👧", "P01", "P10", "P11", "Q01",
        ]
        var rng = SeededRandom("entry list slots")
        var entries: [ResearchRecord.Entry] = []
        for n in 1...2_000 {
            func any() -> String { shapes.randomElement(using: &rng)! }
            entries.append(
                ResearchRecord.Entry(
                    number: n, occurredAt: Date(timeIntervalSince1970: Double(n)), room: any(), roomId: 1, round: nil,
                    guideSegment: Bool.random(using: &rng) ? any() : nil, guideIndex: nil, source: any(),
                    speaker: any(), speakerLabel: any(), attribution: any(), quotable: true, form: any(), text: any(),
                    codes: (0..<Int.random(in: 0...3, using: &rng)).map { _ in any() }, replyTo: []))
        }
        let list = EntryList(entries)
        func bytes(_ e: ResearchRecord.Entry) -> [[UInt8]] {
            ([e.room, e.guideSegment ?? "-", e.source, e.speaker ?? "-", e.speakerLabel ?? "-", e.attribution, e.form]
                + e.codes).map { Array($0.utf8) }
        }
        XCTAssertEqual(list.count, entries.count)
        for (i, (a, b)) in zip(list, entries).enumerated() { XCTAssertEqual(bytes(a), bytes(b), "entry \(i)") }
    }
}

/// Indices found wrong on several threads.
final class Mismatches: @unchecked Sendable {
    private var found: [Int] = []
    private let lock = NSLock()
    func add(_ i: Int) {
        lock.lock()
        found.append(i)
        lock.unlock()
    }
    var all: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return found.sorted()
    }
}
