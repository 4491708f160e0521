import ConveneTestSupport
import Foundation
import Privacy
import SessionModel
import XCTest

/// The withdrawal planner finds quotes through an index of five-word runs
/// instead of comparing every contribution with every withdrawn text. These
/// tests hold it to the pairwise definition: the same quotes, sources, run
/// lengths and ties, on seeded random sessions full of shared runs.
final class QuoteIndexTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    /// Few words, so runs of five and eight are shared often; accents, case and apostrophes fold.
    static let vocabulary = [
        "early", "help", "keeps", "moving", "the", "threshold", "Every", "year", "don't", "café",
        "CAFE", "family", "plan", "’til", "it's", "we", "know", "nothing",
    ]

    /// The definition the planner must keep: the first withdrawn text (in order) with the
    /// longest shared run of eight words, or of five inside quotation marks.
    static func pairwise(_ text: String, _ sources: [(Int, [String])]) -> (Int, Int, Bool)? {
        let words = QuoteFinder.words(text)
        guard words.count >= QuoteFinder.quotedRun else { return nil }
        let parts = QuoteFinder.quotedSegments(text).map(QuoteFinder.words).filter { $0.count >= QuoteFinder.quotedRun }
        var best: (Int, Int, Bool)?
        for (number, texts) in sources {
            for source in texts {
                let w = QuoteFinder.words(source)
                let run = QuoteFinder.longestSharedRun(words, w)
                let quoted = parts.map { QuoteFinder.longestSharedRun($0, w) }.max() ?? 0
                let found: (Int, Int, Bool)? =
                    run >= QuoteFinder.plainRun
                    ? (number, run, false)
                    : quoted >= QuoteFinder.quotedRun ? (number, quoted, true) : nil
                if let found, found.1 > best?.1 ?? 0 { best = found }
            }
        }
        return best
    }

    /// Random words; often a run of 3–10 words copied from an earlier text, sometimes in quotation marks.
    func randomText(_ rng: inout SeededRandom, earlier: [String]) -> String {
        func pick() -> String { Self.vocabulary[Int(rng.next() % UInt64(Self.vocabulary.count))] }
        var words = (0..<(1 + Int(rng.next() % 6))).map { _ in pick() }
        if !earlier.isEmpty, rng.next() % 2 == 0 {
            let source = earlier[Int(rng.next() % UInt64(earlier.count))].split(separator: " ").map(String.init)
            let length = min(source.count, 3 + Int(rng.next() % 8))
            let start = Int(rng.next() % UInt64(source.count - length + 1))
            var run = Array(source[start..<(start + length)])
            if rng.next() % 2 == 0 {
                let marks: [(String, String)] = [("\"", "\""), ("“", "”"), ("'", "'"), ("«", "»")]
                let (o, c) = marks[Int(rng.next() % 4)]
                run[0] = o + run[0]
                run[run.count - 1] += c
            }
            words += run
        }
        words += (0..<Int(rng.next() % 5)).map { _ in pick() }
        return words.joined(separator: " ")
    }

    func testTheIndexedPlannerFindsExactlyWhatPairwiseComparisonFinds() throws {
        var rng = SeededRandom("QuoteIndexTests")
        var plain = 0
        var quoted = 0
        for round in 0..<40 {
            var s = SessionState()
            func add(_ p: any EventPayload) throws { try s.apply(SessionEvent(at: t0, by: "Ira", p)) }
            try add(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
            for c in ["P01", "P02", "P03"] { try add(ParticipantAdded(code: c, jobRole: "Role")) }
            let count = 20 + Int(rng.next() % 40)
            var texts: [String] = []
            for i in 0..<count {
                let speaker = ["P01", "P02", "P03"][Int(rng.next() % 3)]
                let text = randomText(&rng, earlier: texts)
                texts.append(text)
                try add(
                    ContributionLogged(
                        source: i % 9 == 8 ? .whiteboard : .verbal, speaker: i % 9 == 8 ? nil : speaker,
                        text: text))
                // Earlier wordings count as withdrawn texts too.
                if rng.next() % 6 == 0 {
                    let edit = randomText(&rng, earlier: texts)
                    texts.append(edit)
                    try add(ContributionEdited(number: i + 1, text: edit))
                }
            }
            let plan = try WithdrawalPlan.make(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), state: s)
            // The reference: every live contribution not already reached, against every withdrawn text.
            let live = s.liveContributions
            let own = live.filter { $0.speaker == "P01" && $0.source != .whiteboard }
            let sources = own.map { c in (c.number, [c.text] + c.history.map(\.previousText)) }
            let reached = Set(plan.own + plan.directResponses)
            var expected: [QuoteMatch] = []
            for c in live where !reached.contains(c.number) && c.source != .whiteboard {
                guard let m = Self.pairwise(c.text, sources) else { continue }
                expected.append(QuoteMatch(number: c.number, quotes: m.0, sharedWords: m.1, quoted: m.2))
            }
            XCTAssertEqual(plan.quotes, expected, "round \(round)")
            plain += expected.filter { !$0.quoted }.count
            quoted += expected.filter(\.quoted).count
        }
        // The random sessions did exercise both kinds of quote.
        XCTAssertGreaterThan(plain, 0)
        XCTAssertGreaterThan(quoted, 0)
    }

    func testWordsDropApostrophesAtTheEdgesOnly() {
        XCTAssertEqual(
            QuoteFinder.words("'til the kids’ plans'' — rock'n'roll ’"), ["til", "the", "kids", "plans", "rock'n'roll"])
    }

    /// Names leaving a session are redacted wherever the scanner finds them; texts
    /// that cannot hold one (no part of a name in them) are skipped before scanning.
    func testNamesLeavingTheSessionAreFoundInAnyCaseAndAccentOnly() throws {
        var s = SessionState()
        func add(_ p: any EventPayload) throws { try s.apply(SessionEvent(at: t0, by: "Ira", p)) }
        try add(SessionCreated(sessionID: UUID(), title: "T", date: "2026-05-01"))
        try add(ParticipantAdded(code: "P01", jobRole: "Role"))
        try add(ContributionLogged(source: .chat, speaker: "P01", text: "I asked SIAN Pritchard about it")) // #1
        try add(ContributionLogged(source: .chat, speaker: "P01", text: "Nothing to see here at all")) // #2
        try add(ContributionLogged(source: .chat, speaker: "P01", text: "Then Siân said it again")) // #3
        let found = NamesLeavingTheSession.redactions(for: ["Siân Pritchard"], in: s)
        XCTAssertEqual(found.map(\.number), [1, 3])
        XCTAssertEqual(found.map(\.label), [.person, .person])
        XCTAssertTrue(NamesLeavingTheSession.redactions(for: ["Bartholomew Quenby"], in: s).isEmpty)
    }
}
