import ConveneTestSupport
import Foundation
import GRDB
import SessionModel
import XCTest

@testable import SessionStore

/// The snapshot's compact encoding (version 2, "CSN2"): every field of a contribution
/// survives it, whole and paged; a snapshot in an older encoding, or a damaged one, is
/// a cache miss (the journal is replayed and a writable open stores a fresh one), never a failure.
final class SnapshotEncodingTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "convene-snapenc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Contributions that between them set every field, every enum case and both sides of every option.
    static func everyKindOfContribution() -> [Contribution] {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000.125)
        var out: [Contribution] = []
        for n in 1...40 {
            let sources = ContributionSource.allCases
            let forms = ContributionForm.allCases
            let levels = AttributionLevel.allCases
            var c = Contribution(
                number: n, loggedAt: t0.addingTimeInterval(Double(n) * 1.5),
                occurredAt: t0.addingTimeInterval(Double(n) - 0.25), loggedBy: n % 3 == 0 ? "Kit Notes" : "Sam Lead",
                source: sources[n % sources.count], room: n % 4, speaker: n % 5 == 0 ? nil : "P0\(n % 3 + 1)",
                text: n % 6 == 0 ? "" : "Line \(n) — é, 👩‍👧, \u{0}, and \(String(repeating: "long ", count: n % 9))",
                form: forms[n % forms.count], replyTo: n % 7 == 0 ? [n - 1, n - 2] : [],
                alignsWith: n % 8 == 0 ? n - 3 : nil, directMessage: n % 2 == 0,
                guideSegment: n % 3 == 0 ? nil : n % 4, round: n % 5 == 1 ? 2 : nil,
                codes: n % 4 == 0 ? ["PP3 Parents and carers as partners", "emergent \(n % 2)"] : [],
                attribution: levels[n % levels.count], concerns: n % 10 == 0 ? [1, n] : [], erased: n == 13)
            if n % 9 == 0 {
                c.struck = true
                c.struckReason = n % 18 == 0 ? "off the record" : nil
            }
            c.reminded = n % 11 == 0
            if n % 6 == 1 {
                c.history = [
                    Edit(previousText: "first \(n)", at: t0, by: "Sam Lead"),
                    Edit(previousText: "", at: t0.addingTimeInterval(2), by: "Kit Notes"),
                ]
            }
            let labels = IdentifierLabel.allCases
            if n % 3 == 1 {
                c.redactions = [
                    Redaction(
                        span: TextSpan(start: 0, end: 4), label: labels[n % labels.count],
                        placeholder: "[\(labels[n % labels.count].rawValue) \(n % 4 + 1)]", manual: n % 2 == 0)
                ]
            }
            if n % 5 == 2 {
                c.rejections = [
                    RejectedFinding(
                        span: TextSpan(start: 1, end: 3), label: labels[(n + 3) % labels.count],
                        reason: "a job title, not a name")
                ]
            }
            out.append(c)
        }
        return out
    }

    func testEveryFieldOfAContributionSurvivesTheEncoding() throws {
        var state = SessionState()
        state.contributions = Self.everyKindOfContribution()
        state.eventCount = 77
        let data = try SnapshotCodec.encode(state)
        XCTAssertEqual(data.prefix(4), Data("CSN2".utf8))
        let decoded = try SnapshotCodec.decode(data)
        XCTAssertEqual(decoded.contributions.count, state.contributions.count)
        for (a, b) in zip(decoded.contributions, state.contributions) { XCTAssertEqual(a, b, "#\(b.number)") }
        XCTAssertEqual(decoded, state)
    }

    func testADamagedSnapshotThrowsAndNeverTraps() throws {
        var state = SessionState()
        state.contributions = Self.everyKindOfContribution()
        state.eventCount = 77
        let data = try SnapshotCodec.encode(state)
        // Cut anywhere, or with a byte flipped in the records: an error, not a crash or a wrong state taken as good.
        var rng = SeededGenerator(seed: 20_261_206)
        print("SnapshotEncodingTests seed 20261206")
        for _ in 0..<300 {
            let cut = Int.random(in: 4..<(data.count - 1), using: &rng)
            XCTAssertThrowsError(try SnapshotCodec.decode(data.prefix(cut)))
        }
        for _ in 0..<300 {
            var bad = data
            let at = Int.random(in: 0..<data.count, using: &rng)
            bad[at] ^= UInt8.random(in: 1...255, using: &rng)
            // A flipped byte of text or a date decodes to another state; anything else must throw.
            if let other = try? SnapshotCodec.decode(bad) { XCTAssertNotEqual(other, state, "byte \(at)") }
        }
    }

    func testALongSnapshotIsDecodedInTwoHalvesAndADamagedHalfThrows() throws {
        var state = SessionState()
        let kinds = Self.everyKindOfContribution()
        state.contributions = (0..<(SnapshotCodec.parallelMinimum * 2 + 7)).map { i in
            var c = kinds[i % kinds.count]
            c.number = i + 1
            return c
        }
        state.eventCount = state.contributions.count
        let data = try SnapshotCodec.encode(state)
        XCTAssertEqual(try SnapshotCodec.decode(data), state)
        // The split's index and offset sit just before the first record; any other offset is damage.
        let records = headerLength(data)
        var rng = SeededGenerator(seed: 4_242)
        print("SnapshotEncodingTests seed 4242")
        for _ in 0..<20 {
            var bad = data
            let offsetAt = records - 8
            let wrong = UInt64.random(in: 0..<UInt64(data.count), using: &rng)
            withUnsafeBytes(of: wrong.littleEndian) { bad.replaceSubrange(offsetAt..<(offsetAt + 8), with: $0) }
            let original = data[offsetAt..<(offsetAt + 8)].enumerated().reduce(UInt64(0)) {
                $0 | UInt64($1.element) << (8 * UInt64($1.offset))
            }
            if wrong != original { XCTAssertThrowsError(try SnapshotCodec.decode(bad)) }
        }
        for cut in [data.count - 1, data.count - 200, headerLength(data) + 500] {
            XCTAssertThrowsError(try SnapshotCodec.decode(data.prefix(cut)), "cut at \(cut)")
        }
    }

    /// Bytes before the first contribution record (magic, JSON, tables, count and split).
    func headerLength(_ data: Data) -> Int {
        var at = 4
        func u32() -> Int {
            defer { at += 4 }
            return data[at..<(at + 4)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        }
        at += u32()
        for _ in 0..<5 { for _ in 0..<u32() { at += u32() } }
        return at + 4 + 4 + 8
    }

    /// A journal holding every kind of contribution (logged, edited, tagged, struck, redacted, rejected…).
    func makeSession(_ name: String, extra: Int = 0) throws -> (path: String, state: SessionState) {
        let path = dir + "/\(name).convene"
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let j = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "Encoding", date: "2026-09-21"),
            by: "Sam Lead", at: t0)
        try j.append(
            [
                ParticipantAdded(code: "P01", jobRole: "Youth worker"), ParticipantAdded(code: "P02", jobRole: "Nurse"),
                GroupCreated(name: "Room A"),
            ], by: "Sam Lead", at: t0)
        var batch: [any EventPayload] = []
        for n in 1...(60 + extra) {
            batch.append(
                ContributionLogged(
                    source: n % 3 == 0 ? .chat : .verbal, room: n % 2, speaker: n % 5 == 0 ? nil : "P0\(1 + n % 2)",
                    text: "Line \(n): Ada Lovelace rang 07700 900123 — é 👩‍👧", replyTo: n % 7 == 0 ? [n - 1] : []))
        }
        try j.append(batch, by: "Kit Notes", at: t0.addingTimeInterval(10))
        try j.append(
            [
                CodeTagged(number: 4, code: "emergent one"), ContributionStruck(number: 9, reason: "off the record"),
                ContributionEdited(number: 12, text: "Line 12, said again"),
                RedactionAccepted(number: 2, span: TextSpan(start: 8, end: 20), label: .person, placeholder: 1),
                RedactionRejected(number: 3, span: TextSpan(start: 27, end: 40), label: .phone, reason: "a test line"),
            ], by: "Sam Lead", at: t0.addingTimeInterval(20))
        let state = j.state
        try j.writeSnapshot()
        try j.close()
        return (path, state)
    }

    func snapshotMagic(_ path: String) throws -> String {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        let blob = try q.read { db in try Data.fetchOne(db, sql: "SELECT state FROM snapshot WHERE id = 1") }
        return String(decoding: (blob ?? Data()).prefix(4), as: UTF8.self)
    }

    func replaceSnapshotBlob(_ path: String, _ blob: Data) throws {
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "UPDATE snapshot SET state = ? WHERE id = 1", arguments: [blob]) }
        try q.close()
    }

    func testThePagedReaderGivesTheSameContributionsAsTheWholeOpen() throws {
        let (path, state) = try makeSession("paged", extra: 3_000)
        XCTAssertEqual(try snapshotMagic(path), "CSN2")
        let paged = try SQLiteJournal.open(path: path, readOnly: true, pagedContributions: true)
        var read: [Contribution] = []
        try paged.forEachContributionPage(pageSize: 500) { read.append(contentsOf: $0) }
        XCTAssertEqual(read, state.contributions)
        XCTAssertEqual(
            try paged.markedContributions(),
            state.contributions.filter { !$0.redactions.isEmpty || !$0.rejections.isEmpty })
        XCTAssertEqual(try paged.markedContributions().map(\.number), [2, 3])
    }

    /// The paged reader reads the blob through one window it refills a piece (1 MiB) at a time: contributions
    /// that straddle a piece's end, and one longer than two pieces (a text edited again and again keeps every
    /// earlier text), come back as the whole open reads them.
    func testThePagedReaderReadsAcrossPiecesAndAContributionLongerThanAPiece() throws {
        let path = dir + "/pieces.convene"
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let j = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "Pieces", date: "2026-09-21"),
            by: "Sam Lead", at: t0)
        try j.append(
            [ParticipantAdded(code: "P01", jobRole: "Youth worker"), GroupCreated(name: "Room A")], by: "Sam Lead",
            at: t0)
        var random = SeededRandom("SnapshotEncodingTests.pieces")
        var batch: [any EventPayload] = []
        for n in 1...1_500 {
            // About 3 MiB in all, of uneven lengths.
            let text = "#\(n) " + String(repeating: "é, a line 👩‍👧 ", count: 20 + Int(random.next() % 150))
            batch.append(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: text))
        }
        // Number 700 edited 25 times, each text about 100 KB: its record (texts and history) is about 2.6 MB.
        for k in 1...25 {
            batch.append(
                ContributionEdited(number: 700, text: "edit \(k): " + String(repeating: "é, a line 👩‍👧 ", count: 4_600)))
        }
        try j.append(batch, by: "Kit Notes", at: t0.addingTimeInterval(10))
        let state = j.state
        let edited = state.contributions[699].history.reduce(0) { $0 + $1.previousText.utf8.count }
        XCTAssertGreaterThan(edited, 2 << 20, "number 700 is longer than two pieces")
        try j.writeSnapshot()
        try j.close()
        let paged = try SQLiteJournal.open(path: path, readOnly: true, pagedContributions: true)
        defer { try? paged.close() }
        for pageSize in [1, 333, 2_048] {
            var read: [Contribution] = []
            try paged.forEachContributionPage(pageSize: pageSize) { read.append(contentsOf: $0) }
            XCTAssertEqual(read.count, state.contributions.count, "page size \(pageSize)")
            XCTAssertTrue(read == state.contributions, "page size \(pageSize)")
        }
        XCTAssertEqual(try paged.markedContributions(), [])
    }

    func testASnapshotInAnOlderEncodingIsReplayedAndRewritten() throws {
        let (path, state) = try makeSession("older")
        // An older release's layout: same table, magic "CSN1", its JSON and its own records.
        var old = Data("CSN1".utf8)
        let json = Data(#"{"eventCount":3}"#.utf8)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { old.append(contentsOf: $0) }
        old.append(json)
        withUnsafeBytes(of: UInt32(0).littleEndian) { old.append(contentsOf: $0) }
        try replaceSnapshotBlob(path, old)

        let readOnly = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(readOnly.state, state, "replayed from the journal")
        XCTAssertEqual(readOnly.snapshotSeq, 0, "the old snapshot was not used")
        XCTAssertThrowsError(try SQLiteJournal.open(path: path, readOnly: true, pagedContributions: true)) {
            XCTAssertEqual($0 as? PagingUnavailable, .noSnapshot)
        }
        try readOnly.close()
        XCTAssertEqual(try snapshotMagic(path), "CSN1", "a read-only open changes nothing")

        let writable = try SQLiteJournal.open(path: path)
        XCTAssertEqual(writable.state, state)
        try writable.close()
        XCTAssertEqual(try snapshotMagic(path), "CSN2", "a writable open stores the snapshot again")
        let again = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(again.snapshotSeq, state.eventCount, "and the next open reads it")
        XCTAssertEqual(again.state, state)
        XCTAssertTrue(try SQLiteJournal.check(path: path).isHealthy)
    }

    func testTheReleaseFixturesOldSnapshotOpensAndIsRewritten() throws {
        // Written by an old release: its snapshot is "CSN1".
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/release-1.convene").path
        let path = dir + "/release-1.convene"
        try FileManager.default.copyItem(atPath: source, toPath: path)
        XCTAssertEqual(try snapshotMagic(path), "CSN1")
        let j = try SQLiteJournal.open(path: path)
        let replayed = try SessionState.replay(try j.allEvents().map(\.event))
        XCTAssertEqual(j.state, replayed)
        try j.close()
        XCTAssertEqual(try snapshotMagic(path), "CSN2")
        let again = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(again.snapshotSeq, replayed.eventCount)
        XCTAssertEqual(again.state, replayed)
        XCTAssertTrue(try SQLiteJournal.check(path: path).isHealthy)
    }

    func testADamagedSnapshotIsReplayedNotAFailure() throws {
        let (path, state) = try makeSession("damaged")
        let q = try DatabaseQueue(path: path)
        let blob = try q.read { db in try Data.fetchOne(db, sql: "SELECT state FROM snapshot WHERE id = 1") }!
        try q.close()
        try replaceSnapshotBlob(path, blob.prefix(blob.count - 7))
        let j = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(j.state, state)
        XCTAssertEqual(j.snapshotSeq, 0)
    }
}

/// SplitMix64: a seeded generator, so a failing case can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
