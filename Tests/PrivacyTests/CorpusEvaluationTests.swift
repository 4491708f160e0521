/// Scores the scanner against the labelled corpora (Tests/PrivacyTests/Corpus):
/// precision and recall per label and overall, exact-span and overlap, printed
/// as a table. dev.jsonl is the file the scanner was tuned on; heldout.jsonl was
/// written at the same time and only scored at the end; blind.jsonl was written
/// blind to the scanner (issue 18) and scored once before it was used; blind2.jsonl
/// likewise (session 4), with a third of it still held out.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

struct CorpusLine: Decodable {
    struct Span: Decodable {
        var start: Int
        var end: Int
        var label: String
        var text: String
    }
    var id: String
    var text: String
    var spans: [Span]
}

struct Score {
    var tp = 0, fp = 0, fn = 0
    /// Matched predictions / all predictions (precision) and matched gold / all gold (recall) can differ in overlap mode.
    var predMatched = 0, preds = 0, goldMatched = 0, golds = 0
    var precision: Double { preds == 0 ? 1 : Double(predMatched) / Double(preds) }
    var recall: Double { golds == 0 ? 1 : Double(goldMatched) / Double(golds) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

enum CorpusEvaluation {
    static func load(_ name: String) throws -> [CorpusLine] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Corpus") else {
            throw NSError(
                domain: "corpus", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "Corpus/\(name).jsonl is not in the test bundle"])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(CorpusLine.self, from: Data($0.utf8)) }
    }

    enum Mode: String {
        case exact, overlap
        case overlapAnyLabel = "overlap, any label"
    }

    static func matches(_ p: Finding, _ g: CorpusLine.Span, _ mode: Mode) -> Bool {
        switch mode {
        case .exact: return p.label.rawValue == g.label && p.span.start == g.start && p.span.end == g.end
        case .overlap: return p.label.rawValue == g.label && p.span.start < g.end && g.start < p.span.end
        case .overlapAnyLabel: return p.span.start < g.end && g.start < p.span.end
        }
    }

    /// Scores per label (key "ALL" for the total) and the lines of misses.
    static func score(_ lines: [CorpusLine], scanner: IdentifierScanner, mode: Mode) -> ([String: Score], [String]) {
        var scores: [String: Score] = [:]
        var misses: [String] = []
        for line in lines {
            let found = scanner.scan(line.text)
            for p in found {
                let hit = line.spans.contains { matches(p, $0, mode) }
                for key in [p.label.rawValue, "ALL"] {
                    scores[key, default: Score()].preds += 1
                    if hit { scores[key]!.predMatched += 1 }
                }
                if !hit { misses.append("  FP \(line.id) \(p.label.rawValue) “\(p.text)”  in: \(line.text)") }
            }
            for g in line.spans {
                let hit = found.contains { matches($0, g, mode) }
                for key in [g.label, "ALL"] {
                    scores[key, default: Score()].golds += 1
                    if hit { scores[key]!.goldMatched += 1 }
                }
                if !hit { misses.append("  FN \(line.id) \(g.label) “\(g.text)”  in: \(line.text)") }
            }
        }
        return (scores, misses)
    }

    /// `showMisses: false` for a held-out part: its figures are printed, its misses never, so nobody tunes on them.
    static func table(_ name: String, _ lines: [CorpusLine], scanner: IdentifierScanner, showMisses: Bool = true)
        -> [Mode: Score]
    {
        var out: [Mode: Score] = [:]
        print(
            "\n== identifier scanner on \(name): \(lines.count) utterances, \(lines.filter { $0.spans.isEmpty }.count) with no identifier =="
        )
        for mode in [Mode.exact, .overlap, .overlapAnyLabel] {
            let (scores, misses) = score(lines, scanner: scanner, mode: mode)
            print("-- \(mode.rawValue) --")
            print("label".padding(toLength: 20, withPad: " ", startingAt: 0) + "  gold  pred  precision  recall    F1")
            for key in scores.keys.sorted(by: { ($0 == "ALL" ? "~" : $0) < ($1 == "ALL" ? "~" : $1) }) {
                let s = scores[key]!
                print(
                    key.padding(toLength: 20, withPad: " ", startingAt: 0)
                        + String(
                            format: "  %4d  %4d     %.3f   %.3f  %.3f", s.golds, s.preds, s.precision, s.recall, s.f1))
            }
            if mode == .overlap && !misses.isEmpty {
                if showMisses {
                    print("misses (overlap mode):")
                    for miss in misses { print(miss) }
                } else {
                    print("(\(misses.count) misses, not printed: held out)")
                }
            }
            out[mode] = scores["ALL"] ?? Score()
        }
        return out
    }
}

final class CorpusEvaluationTests: XCTestCase {
    func testDevCorpusMeetsTheTargets() throws {
        let lines = try CorpusEvaluation.load("dev")
        XCTAssertGreaterThanOrEqual(lines.count, 300)
        let empty = Double(lines.filter { $0.spans.isEmpty }.count) / Double(lines.count)
        XCTAssert(empty > 0.3 && empty < 0.55, "about 40% of the corpus should have no identifier, not \(empty)")
        let all = CorpusEvaluation.table("dev.jsonl", lines, scanner: IdentifierScanner())
        XCTAssertGreaterThanOrEqual(all[.overlap]!.recall, 0.97, "overlap recall")
        XCTAssertGreaterThanOrEqual(all[.overlap]!.precision, 0.90, "overlap precision")
    }

    func testHeldOutCorpusIsReported() throws {
        let lines = try CorpusEvaluation.load("heldout")
        XCTAssertGreaterThanOrEqual(lines.count, 90)
        let all = CorpusEvaluation.table("heldout.jsonl (not tuned against)", lines, scanner: IdentifierScanner())
        // A floor well above Presidio's ~0.73 overlap F1 on such text; the printed table is the figure that matters.
        XCTAssertGreaterThanOrEqual(all[.overlap]!.f1, 0.80, "held-out overlap F1")
    }

    /// blind.jsonl: written from the labelling rules alone by someone who had not seen the scanner or its corpora.
    /// Scored once blind (docs/privacy.md records that figure); development data since.
    func testBlindCorpusMeetsTheIssueTargets() throws {
        let lines = try CorpusEvaluation.load("blind")
        XCTAssertGreaterThanOrEqual(lines.count, 300)
        let all = CorpusEvaluation.table(
            "blind.jsonl (blind at first scoring, development data since)", lines, scanner: IdentifierScanner())
        XCTAssertGreaterThanOrEqual(all[.overlap]!.recall, 0.95, "overlap recall")
        XCTAssertGreaterThanOrEqual(all[.overlap]!.precision, 0.90, "overlap precision")
    }

    /// blind2.jsonl: a second corpus written blind (session 4, 16 labels) and scored once blind at 07a8bae (docs/privacy.md).
    /// Since then every utterance whose id number is not a multiple of 3 is development data; the rest is held out, and
    /// its misses are never printed, so its figure stays one for unseen text.
    static func blind2Parts() throws -> (development: [CorpusLine], heldOut: [CorpusLine]) {
        let lines = try CorpusEvaluation.load("blind2")
        func number(_ l: CorpusLine) -> Int { Int(l.id.split(separator: "-").last ?? "") ?? 0 }
        return (lines.filter { number($0) % 3 != 0 }, lines.filter { number($0) % 3 == 0 })
    }

    func testSecondBlindCorpusMeetsTheIssueTargets() throws {
        let (development, heldOut) = try Self.blind2Parts()
        XCTAssertEqual([development.count, heldOut.count], [364, 182])
        let scanner = IdentifierScanner()
        let dev = CorpusEvaluation.table(
            "blind2.jsonl, development part (ids not multiples of 3)", development, scanner: scanner)
        let held = CorpusEvaluation.table(
            "blind2.jsonl, held-out part (ids multiples of 3; misses not printed)", heldOut, scanner: scanner,
            showMisses: false)
        XCTAssertGreaterThanOrEqual(dev[.overlap]!.recall, 0.97, "development part overlap recall")
        XCTAssertGreaterThanOrEqual(dev[.overlap]!.precision, 0.90, "development part overlap precision")
        XCTAssertGreaterThanOrEqual(held[.overlap]!.recall, 0.90, "held-out part overlap recall")
        XCTAssertGreaterThanOrEqual(held[.overlap]!.precision, 0.90, "held-out part overlap precision")
    }

    /// blind3.jsonl: a third corpus written blind (session 5), scored once blind by the lead at main 16ce943
    /// (docs/privacy.md, "Third blind scoring"); development data since. Its twin, blind4, was held out until session 6.
    func testThirdBlindCorpusMeetsTheIssueTargets() throws {
        let lines = try CorpusEvaluation.load("blind3")
        XCTAssertEqual(lines.count, 543)
        let scanner = IdentifierScanner()
        let all = CorpusEvaluation.table(
            "blind3.jsonl (blind at first scoring, development data since)", lines, scanner: scanner)
        XCTAssertGreaterThanOrEqual(all[.overlap]!.recall, 0.95, "overlap recall")
        XCTAssertGreaterThanOrEqual(all[.overlap]!.precision, 0.90, "overlap precision")
        let (labels, _) = CorpusEvaluation.score(lines, scanner: scanner, mode: .overlap)
        for (label, score) in labels where label != "ALL" {
            XCTAssertGreaterThanOrEqual(score.recall, 0.85, "\(label) overlap recall (no label under 0.85)")
        }
    }

    /// blind4.jsonl: the fourth corpus written blind (session 5), held out through session 5 and scored by the lead
    /// twice (at main 16ce943 before that session's work, at 8231024 after it; docs/privacy.md, "Fourth blind
    /// corpus"). Development data from session 6; 0.916 recall at the end of session 5, 0.986 after session 6's work.
    func testFourthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind4", utterances: 404, recall: 0.97, "held out in session 5, development data since")
    }

    /// blind5.jsonl: written blind in session 6 and scored once blind by the lead before any work on it (docs/privacy.md,
    /// "Fifth and sixth blind scoring": overlap P 0.976 / R 0.862); development data since (0.975 after session 6's
    /// work). Its twin, blind6, is held out of the repository.
    func testFifthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind5", utterances: 488, recall: 0.96, "blind at first scoring, development data since")
    }

    /// blind6.jsonl: written blind in session 6, held out and scored by the lead twice (docs/privacy.md: overlap
    /// R 0.890 before session 6's work, 0.918 after it, at main b044630). Development data from session 7, when blind7
    /// and blind8 were written to take its place; 0.947 after session 7's ages and numbers work, 0.956 after its
    /// people and places alone, 0.980 with both (`ages`, `people` branches).
    func testSixthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind6", utterances: 545, recall: 0.97, "held out in session 6, development data since")
    }

    /// blind7.jsonl and blind8.jsonl: written blind in session 7, held out and scored by the lead twice (docs/privacy.md,
    /// "Seventh and eighth blind scoring": overlap R 0.897 / 0.903 before session 7's work, 0.916 / 0.910 after it, at
    /// main f5cccca). Development data from session 8, when blind9 and blind10 were written to take their place; 0.974
    /// and 0.955 after session 8's notes read as fields (`fields` branch, NoteFields.swift).
    func testSeventhBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind7", utterances: 547, recall: 0.97, "held out in session 7, development data since")
    }

    func testEighthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind8", utterances: 500, recall: 0.95, "held out in session 7, development data since")
    }

    /// blind9.jsonl and blind10.jsonl: written blind in session 8, held out and scored by the lead twice (docs/privacy.md,
    /// "Ninth and tenth blind scoring": overlap R 0.917 / 0.924 before session 8's work, 0.945 / 0.954 after it, at
    /// main 6ce2227). Development data from session 9, when blind11 and blind12 were written to take their place;
    /// 0.981 / 0.990 after session 9's people rules (`people5`, AliasRecognisers.swift) and the other branches' work.
    func testNinthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind9", utterances: 503, recall: 0.96, "held out in session 8, development data since")
    }

    func testTenthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind10", utterances: 523, recall: 0.97, "held out in session 8, development data since")
    }

    /// blind13.jsonl to blind16.jsonl: written blind in session 10 from the rewritten label sheet
    /// (scripts/blind-kit), scored once before any work (docs/privacy.md, "Thirteenth to sixteenth blind scoring":
    /// overlap P 0.931 / R 0.832, 0.942 / 0.868, 0.937 / 0.809 and 0.910 / 0.837 at main 3c3ec8d). blind15 and
    /// blind16 were development data from then on; blind13 and blind14 stayed held out and unopened until session 11,
    /// which scored blind17 and blind18 first. The floors sit just under what session 11's rules and the labeller
    /// retrained on all sixteen corpora reach (0.946, 0.972, 0.961, 0.950).
    func testThirteenthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind13", utterances: 461, recall: 0.94, "held out in session 10, development data since")
    }

    func testFourteenthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind14", utterances: 476, recall: 0.96, "held out in session 10, development data since")
    }

    func testFifteenthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind15", utterances: 453, recall: 0.95, "scored blind in session 10, development data since")
    }

    func testSixteenthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind16", utterances: 487, recall: 0.94, "scored blind in session 10, development data since")
    }

    /// blind21.jsonl and blind22.jsonl: written blind in session 12 from the kit, the same hour as the held-out blind19
    /// and blind20, and development data from the start (docs/privacy.md, "Nineteenth and twentieth blind scoring":
    /// overlap P 0.938 / R 0.848 and 0.973 / 0.936 at main d437aa1, before any work of that session).
    func testTwentyFirstBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind21", utterances: 439, recall: 0.91, "written blind in session 12, development data")
    }

    func testTwentySecondBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind22", utterances: 479, recall: 0.94, "written blind in session 12, development data")
    }

    /// blind23.jsonl and blind24.jsonl: held out in session 13 and scored twice (docs/privacy.md, "blind23 and blind24,
    /// scored once more at the end of session 13"), development data since: floors just under that session's end
    /// (0.911 / 0.881 and 0.947 / 0.887 line by line). blind23, an uncleaned caption transcript, takes a precision floor
    /// of 0.90.
    func testTwentyThirdBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind23", utterances: 482, recall: 0.87, precision: 0.90, "held out in session 13, development data since")
    }

    func testTwentyFourthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind24", utterances: 460, recall: 0.88, "held out in session 13, development data since")
    }

    /// blind25.jsonl and blind26.jsonl: written blind in session 13 from the kit, the same hour as the held-out blind23
    /// and blind24, and development data from the start (docs/privacy.md, "Twenty-third and twenty-fourth blind
    /// scoring"). blind25 names local organisations every way people do, and labels many a place an organisation: its
    /// precision floor is lower, at what session 13 reached (0.847 / 0.787 line by line).
    func testTwentyFifthBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind25", utterances: 558, recall: 0.78, precision: 0.84, "written blind in session 13, development data")
    }

    func testTwentySixthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind26", utterances: 522, recall: 0.91, "written blind in session 13, development data")
    }

    /// blind27.jsonl and blind28.jsonl: held out in session 14 and scored at its start and end (docs/privacy.md,
    /// "blind27 and blind28, scored once more at the end of session 14"), development data since.
    func testTwentySeventhBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind27", utterances: 449, recall: 0.91, precision: 0.93, "held out in session 14, development data since")
    }

    func testTwentyEighthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind28", utterances: 476, recall: 0.91, "held out in session 14, development data since")
    }

    /// blind29.jsonl and blind30.jsonl: written blind in session 14 from the kit, the same hour as the held-out blind27
    /// and blind28, and development data from the start (docs/privacy.md, "Twenty-seventh and twenty-eighth blind
    /// scoring"): a returning group's nicknames and lower-case chat, and youth justice records read aloud.
    func testTwentyNinthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind29", utterances: 515, recall: 0.82, "written blind in session 14, development data")
    }

    func testThirtiethBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind30", utterances: 488, recall: 0.88, "written blind in session 14, development data")
    }

    /// blind31.jsonl and blind32.jsonl: held out in session 15 and scored at its start and end (docs/privacy.md,
    /// "blind31 and blind32, scored once more at the end of session 15"), development data since. blind31, schools,
    /// holds its precision floor at what it was scored at (0.922 line by line).
    func testThirtyFirstBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind31", utterances: 456, recall: 0.89, precision: 0.91, "held out in session 15, development data since")
    }

    func testThirtySecondBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind32", utterances: 449, recall: 0.90, "held out in session 15, development data since")
    }

    /// blind33.jsonl and blind34.jsonl: written blind in session 15 from the kit, the same hour as the held-out blind31
    /// and blind32, and development data from the start: faith, community and leisure settings, and children's
    /// health with contact details said aloud.
    func testThirtyThirdBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind33", utterances: 473, recall: 0.92, "written blind in session 15, development data")
    }

    func testThirtyFourthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind34", utterances: 469, recall: 0.93, "written blind in session 15, development data")
    }

    /// blind35.jsonl and blind36.jsonl: held out in session 16 and scored at its start and end (docs/privacy.md,
    /// "blind35 and blind36, scored once more at the end of session 16"), development data since: sports clubs and
    /// coaching, and housing, homelessness and missing from home. Both hold their precision at what they were scored
    /// at (0.915 line by line).
    func testThirtyFifthBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind35", utterances: 554, recall: 0.87, precision: 0.91, "held out in session 16, development data since")
    }

    func testThirtySixthBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind36", utterances: 455, recall: 0.90, precision: 0.91, "held out in session 16, development data since")
    }

    /// blind37.jsonl and blind38.jsonl: written blind in session 16 from the kit, the same hour as the held-out blind35
    /// and blind36, and development data from the start: Scotland and Northern Ireland, and transition to adult
    /// services and SEND.
    func testThirtySeventhBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind37", utterances: 511, recall: 0.93, "written blind in session 16, development data")
    }

    func testThirtyEighthBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind38", utterances: 527, recall: 0.93, "written blind in session 16, development data")
    }

    /// blind41.jsonl: written blind in session 17 from the kit, the same hour as the held-out blind39 and blind40, and
    /// development data from the start: unaccompanied asylum-seeking children and age disputes (`asylum13`).
    func testFortyFirstBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind41", utterances: 641, recall: 0.93, "written blind in session 17, development data")
    }

    /// blind42.jsonl: written blind in session 17 as development data (hospitals and crisis care: A&E nights, wards,
    /// CAMHS crisis teams, ambulance and police handovers); the floor is what session 17's `wards13` rules reach.
    func testFortySecondBlindCorpusHoldsItsFloor() throws {
        try assertFloor("blind42", utterances: 449, recall: 0.90, "written blind in session 17, development data")
    }

    /// blind43.jsonl and blind44.jsonl: written blind in session 18 and held out, scored at its start and end
    /// (docs/privacy.md), development data since. The floors are the end's figures, line by line; blind44's precision
    /// (Welsh names and places taken for one another, homes taken for places) sits under the 0.93 the other corpora
    /// keep, so its floor is what it reached.
    func testFortyThirdBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind43", utterances: 435, recall: 0.90, "written blind in session 18, held out, then development")
    }

    func testFortyFourthBlindCorpusHoldsItsFloor() throws {
        try assertFloor(
            "blind44", utterances: 460, recall: 0.87, precision: 0.87,
            "written blind in session 18, held out, then development")
    }

    /// A development corpus keeps the recall this session's work reached (a floor just under it, so a rule change
    /// that loses what was found fails) and precision 0.93 (the recall work may spend precision down to there, no
    /// further); issue 18's targets are judged on held-out text.
    private func assertFloor(
        _ name: String, utterances: Int, recall: Double, precision: Double = 0.93, _ note: String
    ) throws {
        let lines = try CorpusEvaluation.load(name)
        XCTAssertEqual(lines.count, utterances)
        let all = CorpusEvaluation.table("\(name).jsonl (\(note))", lines, scanner: IdentifierScanner())
        XCTAssertGreaterThanOrEqual(all[.overlap]!.recall, recall, "\(name) overlap recall")
        XCTAssertGreaterThanOrEqual(all[.overlap]!.precision, precision, "\(name) overlap precision")
    }

    func testCorpusSpansAreScalarOffsets() throws {
        for line in try CorpusEvaluation.load("dev") + CorpusEvaluation.load("heldout") + CorpusEvaluation.load("blind")
            + CorpusEvaluation.load("blind2") + CorpusEvaluation.load("blind3") + CorpusEvaluation.load("blind4")
            + CorpusEvaluation.load("blind5") + CorpusEvaluation.load("blind6") + CorpusEvaluation.load("blind7")
            + CorpusEvaluation.load("blind8") + CorpusEvaluation.load("blind9") + CorpusEvaluation.load("blind10")
            + CorpusEvaluation.load("blind13") + CorpusEvaluation.load("blind14") + CorpusEvaluation.load("blind15")
            + CorpusEvaluation.load("blind16") + CorpusEvaluation.load("blind21") + CorpusEvaluation.load("blind22")
            + CorpusEvaluation.load("blind23") + CorpusEvaluation.load("blind24") + CorpusEvaluation.load("blind25")
            + CorpusEvaluation.load("blind26") + CorpusEvaluation.load("blind27") + CorpusEvaluation.load("blind28")
            + CorpusEvaluation.load("blind29") + CorpusEvaluation.load("blind30") + CorpusEvaluation.load("blind31")
            + CorpusEvaluation.load("blind32") + CorpusEvaluation.load("blind33") + CorpusEvaluation.load("blind34")
            + CorpusEvaluation.load("blind35") + CorpusEvaluation.load("blind36") + CorpusEvaluation.load("blind37")
            + CorpusEvaluation.load("blind38") + CorpusEvaluation.load("blind41")
            + CorpusEvaluation.load("blind42") + CorpusEvaluation.load("blind43") + CorpusEvaluation.load("blind44")
        {
            for s in line.spans {
                XCTAssertEqual(
                    try SessionState.slice(line.text, TextSpan(start: s.start, end: s.end), number: 0), s.text, line.id)
            }
        }
    }
}
