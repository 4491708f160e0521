import ConveneTestSupport
import Foundation
import PropertyBased
import SessionModel
import Testing

@testable import Privacy

/// Property: whatever random text a note-taker types around the session's real and block-listed
/// names (any case, accents, punctuation, other identifiers, redactions and rejections in the way),
/// `Redactor.exportText` keeps the documented promise (docs/privacy.md, "Names that are everyday
/// words"): no whole name in any case, no part of three letters or more that is not an everyday
/// word, and no everyday-word part where it stands as a name (`my colleague Will rang me`). Names
/// have short parts (`Mo Farah`, `Jo Li`, a block-listed `Ty`): a part under three letters is
/// promised inside the whole name, and a one-word name is a whole name. The output is judged by
/// `NameOracle` (folded substring search with letter boundaries), never by the implementation's
/// tokeniser; the everyday words are the bundled words.txt the rule names, read as a file.
@Suite struct RedactionPropertyTests {
    static let filler = [
        "the", "social worker", "said", "she", "was", "at", "MACE", "in London", "on Teams", ".", ",", "!", "?", "…",
        "😬", "👍",
        "3 referrals", "10 years", "at 9:30", "in March", "Oakfield Academy", "12 Station Road", "07700 900123",
        "SE15 4QT",
        "her son", "my colleague", "a lad called", "Mrs", "called", "and", "'s", "’s", "-", "\"", "(", ")", "\n", "  ",
        "@",
        "snap:", "crime ref", "43/12345/23", "aged 15", "DSL", "Café", "naïve", "Rd", "team", "estate", "x", "_", "#",
    ]
    static let syllables = [
        "ka", "ly", "ssa", "bre", "nan", "tor", "vi", "que", "len", "dra", "mi", "ro", "zé", "ân", "ø", "ell", "ix",
    ]
    static let realNames = [
        "Tyler Brennan", "Siân Pritchard", "Mo Farah", "Grace Okafor", "Will Hope", "Zoë O'Neill", "Dave",
        "Amber Rose", "Jo Li", "Ty", "Al Okonkwo", "Lacey-Mae Pellow", "kezia dubois",
    ]

    /// Everyday words as the documented rule names them: the bundled words.txt, read as data.
    static let everyday: Set<String> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Privacy/Gazetteer/words.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").map(String.init))
    }()

    static func name(_ seed: UInt64) -> String {
        var rng = SplitMix(seed: seed)
        if rng.next() % 2 == 0 { return realNames[Int(rng.next() % UInt64(realNames.count))] }
        func word() -> String {
            let w = (0..<(2 + Int(rng.next() % 2))).map { _ in syllables[Int(rng.next() % UInt64(syllables.count))] }
                .joined()
            return w.prefix(1).uppercased() + w.dropFirst()
        }
        return rng.next() % 3 == 0 ? word() : "\(word()) \(word())"
    }

    /// The name whole or one part, in its case, lower case or capitals.
    static func variant(_ name: String, _ rng: inout SplitMix) -> String {
        let parts = name.split(separator: " ").map(String.init)
        var n = rng.next() % 3 == 0 && parts.count > 1 ? parts[Int(rng.next() % UInt64(parts.count))] : name
        switch rng.next() % 4 {
        case 0: n = n.lowercased()
        case 1: n = n.uppercased()
        default: break
        }
        return n
    }

    @Test func noExportTextContainsARealOrBlockListedName() async {
        #expect(Self.everyday.count > 50_000, "words.txt was not read (\(Self.everyday.count) words)")
        #expect(Self.everyday.contains("will") && !Self.everyday.contains("tyler"))
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let real = Self.name(rng.next())
            let listed = Self.name(rng.next())
            var text = ""
            // Everyday-word parts planted where they stand as a name: the whole phrase must not survive.
            var asName: [String] = []
            for _ in 0..<(3 + Int(rng.next() % 14)) {
                let r = rng.next() % 6
                var piece: String
                if r == 0 {
                    piece = Self.variant(real, &rng)
                } else if r == 1 {
                    piece = Self.variant(listed, &rng)
                } else if r == 2,
                    let part = NameOracle.parts(rng.next() % 2 == 0 ? real : listed).first(where: {
                        $0.count >= 3 && Self.everyday.contains(String(String.UnicodeScalarView(NameOracle.fold($0))))
                            && $0.first?.isUppercase == true
                    })
                {
                    let context = NamePool.nameContexts[Int(rng.next() % UInt64(NamePool.nameContexts.count))].phrase
                    piece = (text.isEmpty ? "So " : ". So ") + context.replacingOccurrences(of: "{}", with: part) + "."
                    asName.append(
                        piece.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).replacingOccurrences(
                            of: "So ", with: ""))
                } else {
                    piece = Self.filler[Int(rng.next() % UInt64(Self.filler.count))]
                }
                text += piece + (rng.next() % 4 == 0 ? "" : " ")
            }
            let length = text.unicodeScalars.count
            let t = Date(timeIntervalSince1970: 0)
            var events: [SessionEvent] = [
                SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
                SessionEvent(at: t, by: "x", ParticipantAdded(code: "P01", jobRole: "Youth worker")),
                SessionEvent(at: t, by: "x", RealNameRecorded(code: "P01", name: real)),
                SessionEvent(at: t, by: "x", BlocklistNameAdded(name: listed)),
                SessionEvent(at: t, by: "x", ContributionLogged(source: .verbal, speaker: "P01", text: text)),
            ]
            // Resolutions in the way: a random manual redaction and a rejection of the first finding.
            if length > 4, rng.next() % 2 == 0 {
                let a = Int(rng.next() % UInt64(length - 2))
                let b = a + 1 + Int(rng.next() % UInt64(min(6, length - a - 1)))
                events.append(
                    SessionEvent(
                        at: t, by: "x",
                        RedactionAccepted(number: 1, span: TextSpan(start: a, end: b), label: .person, manual: true)))
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return } // nothing to log
            let before = try? SessionState.replay(events)
            if let s = before, let f = Redactor(session: s).unresolved(s.contributions[0]).first, rng.next() % 2 == 0 {
                events.append(
                    SessionEvent(
                        at: t, by: "x", RedactionRejected(number: 1, span: f.span, label: f.label, reason: "test")))
            }
            let state: SessionState
            do { state = try SessionState.replay(events) } catch {
                Issue.record("replay failed for \(text): \(error)")
                return
            }
            let out = Redactor(session: state).exportText(state.contributions[0])
            let judged = NameOracle.Text(out)
            for n in [real, listed] {
                for f in NameOracle.forbidden(name: n, everydayWords: Self.everyday) where judged.contains(f) {
                    Issue.record("“\(f)” of “\(n)” left in: \(out)  (from: \(text); seed \(seed))")
                }
            }
            for phrase in asName {
                #expect(
                    !out.contains(phrase),
                    "“\(phrase)” (a name part that is a word, used as a name) left in: \(out)  (seed \(seed))")
            }
        }
    }
}

/// Property: on any text, findings are in text order, do not overlap, lie inside
/// the text (Unicode scalar offsets, end exclusive) and carry the text they cover.
@Suite struct ScannerShapePropertyTests {
    static let pieces =
        RedactionPropertyTests.filler + [
            "Tyler", "amber said", "👍🏽", "e\u{301}", "Zoë", "Llanrumney", "\t", "CR-2023-0045",
            "AB12 CDE", "943 476 5919", "DOB 03/04/2011", "she's 13", "@jay", "jo@x.org",
        ]

    @Test func findingsAreOrderedDisjointAndInsideTheText() async {
        let scanner = IdentifierScanner(names: ["Tyler Brennan", "Siân"])
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            var text = ""
            for _ in 0..<Int(rng.next() % 20) {
                text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] + (rng.next() % 3 == 0 ? "" : " ")
            }
            let scalars = Array(text.unicodeScalars)
            var last = 0
            for f in scanner.scan(text) {
                #expect(
                    f.span.start >= last && f.span.start < f.span.end && f.span.end <= scalars.count, "\(f) in \(text)")
                if f.span.start >= last && f.span.end <= scalars.count && f.span.start < f.span.end {
                    #expect(String(String.UnicodeScalarView(scalars[f.span.start..<f.span.end])) == f.text)
                }
                last = f.span.end
            }
        }
    }
}
