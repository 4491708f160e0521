import ConveneTestSupport
import Foundation
import PropertyBased
import SessionModel
import Testing
import XCTest

@testable import Importers

/// Every parser, and the planner behind it, on random and mutated input: no
/// crash, no hang, and whatever is planned folds into the session.
@Suite struct ParserPropertyTests {
    @Test func randomBytesNeverCrashAParser() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...600)) { bytes in
            #expect(Fuzz.runEverything(on: bytes) == [])
        }
    }

    @Test func randomLinesBuiltFromFormatPiecesNeverCrash() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            #expect(Fuzz.runEverything(on: Fuzz.pieces(&rng, count: Int(rng.next() % 40))) == [])
        }
    }
}

final class ParserMutationTests: XCTestCase {
    /// A bounded mutation loop over every fixture (1 500 mutated inputs, reproducible seed).
    func testMutatedFixturesForABoundedTime() throws {
        // Printed, and CONVENE_SEED=N replays it.
        var rng = SplitMix(seed: SeededRandom("parser mutation fuzz").seed)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path).sorted()
        let corpus = try names.map { [UInt8](try Fixture.data($0)) }
        // A fixed number of runs, not a time: the same seed checks the same inputs on any machine.
        var runs = 0
        for _ in 0..<1_500 {
            var bytes = corpus[Int(rng.next() % UInt64(corpus.count))]
            for _ in 0..<(1 + rng.next() % 6) { Fuzz.mutate(&bytes, &rng) }
            let problems = Fuzz.runEverything(on: bytes)
            XCTAssertEqual(problems, [], "input: \(bytes)")
            if !problems.isEmpty { break }
            runs += 1
        }
        XCTAssertEqual(runs, 1_500, "a run stopped at a problem")
        print("mutation runs: \(runs)")
    }
}

enum Fuzz {
    static let pieces: [String] = [
        "10:00:00 From ", "23:59:59 ", "99:99:99 ", "From ", " to ", "  to  ", "Everyone", ":", " : ",
        "(Direct Message)",
        "(Privately)", "\t", "\n", "\r\n", "\r", "Reacted to \"", "\" with 👍", "Replying to \"", "Removed a ",
        " reaction from ",
        "WEBVTT", "NOTE", "STYLE", "-->", "00:00:01.000", " --> ", "00:01.5", "<v ", "<v.x A>", "</v>", ">", "<",
        "&amp;", "&#",
        "&#x1F;", "\"", "\"\"", ",", ";", "Content", "Frame", "Type,", "connector", "\u{1B}[31m", "\u{1B}]0;", "\u{07}",
        "\u{0}",
        "نور", "🌻", "\u{202E}", "é", "a", "P01", " ", "12:00 AM", "PM",
    ]

    static func pieces(_ rng: inout SplitMix, count: Int) -> [UInt8] {
        var s = ""
        for _ in 0..<count { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return Array(s.utf8)
    }

    static func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix) {
        let n = bytes.count
        func at() -> Int { n == 0 ? 0 : Int(rng.next() % UInt64(n)) }
        switch rng.next() % 6 {
        case 0 where n > 0: bytes[at()] = UInt8(truncatingIfNeeded: rng.next())
        case 1: bytes.insert(contentsOf: pieces(&rng, count: 1 + Int(rng.next() % 3)), at: at())
        case 2 where n > 1:
            let a = at()
            let b = min(n, a + Int(rng.next() % 64))
            bytes.removeSubrange(a..<b)
        case 3 where n > 1:
            let a = at()
            let b = min(n, a + Int(rng.next() % 128))
            bytes.insert(contentsOf: bytes[a..<b], at: at())
        case 4 where n > 0: bytes[at()] = [0x0A, 0x0D, 0x09, 0x22, 0x3A, 0x2C, 0x3C, 0x3E][Int(rng.next() % 8)]
        default: bytes.append(contentsOf: pieces(&rng, count: 2))
        }
    }

    static let state: SessionState = {
        var s = SessionState()
        let events: [any EventPayload] = [
            SessionCreated(sessionID: UUID(), title: "Fuzz", date: "2026-03-12"),
            FacilitatorAdded(name: "Dr Morgan Hale", role: .lead),
            ParticipantAdded(code: "P01", jobRole: "youth worker"),
        ]
        for e in events { try! s.apply(SessionEvent(at: Date(timeIntervalSince1970: 1_773_300_000), by: "fuzz", e)) }
        return s
    }()

    /// Runs decoding, every parser, the planners and the follower's feed on
    /// `bytes`; returns what went wrong (a crash would end the test run).
    static func runEverything(on bytes: [UInt8]) -> [String] {
        var problems = [String]()
        // The decoder either refuses or gives UTF-8.
        if let decoded = try? ImportText.decode(Data(bytes), fileName: "f") {
            if !decoded.bytes.withUnsafeBufferPointer({ UTF8Check.isValid($0) }) {
                problems.append("decoded text is not UTF-8")
            }
            problems += plan(decoded)
        }
        // The parsers take even unchecked bytes without crashing.
        let raw = ImportText(fileName: "raw.csv", bytes: bytes)
        _ = ZoomChatParser.parse(raw)
        _ = WebVTTParser.parse(raw).turns()
        _ = MiroParser.parseCSV(raw)
        _ = MiroParser.parseList(raw)
        _ = try? NameMapping.parse(raw)
        var follower = ChatFollower(path: "/unused")
        follower.quietSeconds = 0
        follower.feed(bytes)
        for _ in 0..<6 { _ = follower.settle(grew: false) }
        return problems
    }

    private static func plan(_ text: ImportText) -> [String] {
        var options = ImportOptions(addUnknown: true, includeDirectMessages: true)
        options.allowSkips = true
        let importers: [(ImportText) throws -> ImportPlan] = [
            { try Importer.zoomChat($0, into: state, options: options) },
            { try Importer.webVTT($0, into: state, options: options) },
            { try Importer.miro($0, into: state, options: options) },
        ]
        var problems = [String]()
        for importer in importers {
            do {
                let plan = try importer(text)
                if plan.report.summary.isEmpty { problems.append("empty summary") }
            } catch let error as ImportError {
                if case .wouldNotApply(let reason) = error { problems.append("a plan that does not fold: \(reason)") }
            } catch {
                problems.append("unexpected error \(error)")
            }
        }
        return problems
    }
}
