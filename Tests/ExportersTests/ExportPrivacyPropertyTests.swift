import ConveneTestSupport
import Exporters
import Foundation
import Privacy
import PropertyBased
import SessionModel
import Testing

/// Random sessions full of real names, identifiers, struck, withdrawn and
/// background contributions and concerns: no export, in any format (docx and
/// qdpx unzipped), carries any of them.
@Suite struct ExportPrivacyPropertyTests {
    static let people = [("Avery", "Quinlan"), ("Zoë", "Fairweather"), ("Morgan", "Thistlewood"), ("Rowan", "Pellow"),
                         ("Devon", "Marchetti"), ("Chidi", "Okonkwo"), ("Siobhán", "Brannigan"), ("José", "Albarrán")]
    static let blocked = ["Tyler Brennan", "Shannon Okafor", "Kayden Whitlock"]
    static let postcodes = ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "LS1 4DY"]

    struct Planted {
        var forbidden: [String] = []
        var names: [String] = []
    }

    /// Builds a random session and the strings that must never leave it.
    static func randomSession(_ rng: inout SplitMix) throws -> (SessionState, Planted) {
        var planted = Planted()
        var events: [SessionEvent] = []
        var t = 0.0
        let t0 = DemoSession.defaultStart
        func add(_ p: any EventPayload) { t += 7; events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p)) }
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        func marker(_ kind: String) -> String { "zq\(rng.next() % 1_000_000)\(kind)" }
        func cased(_ s: String) -> String {
            switch rng.next() % 3 { case 0: return s.lowercased(); case 1: return s.uppercased(); default: return s }
        }
        add(SessionCreated(sessionID: UUID(uuidString: String(format: "6f1c2b9e-3d4a-4e5f-8a7b-%012llx", rng.next() % 0xFFFF_FFFF_FFFF))!, title: "Random group", date: "2026-05-14"))
        add(CodebookSet(name: "pp", codes: BuiltInCodebook.practicePrinciples))
        add(GroupCreated(name: "Room A"))
        let count = 2 + Int(rng.next() % 5)
        // Decided up front: a withdrawal destroys that person's linkage, so from
        // then on their name is unknown to the session (see docs/exports.md,
        // "Known gap"); others' contributions mention only people who stay.
        let withdraw = rng.next() % 2 == 0
        var codes: [String] = []
        var realNames: [String: String] = [:]
        for i in 0..<count {
            let code = String(format: "P%02d", i + 1)
            let (first, last) = people[(i + Int(rng.next() % 3)) % people.count]
            add(ParticipantAdded(code: code, jobRole: pick(["Social worker", "Health visitor", "Police officer", "Teacher"]), attribution: rng.next() % 3 == 0 ? .noRole : .role))
            add(RealNameRecorded(code: code, name: "\(first) \(last)"))
            realNames[code] = "\(first) \(last)"
            planted.names += [first, last]
            if rng.next() % 5 != 0 { add(ConsentRecorded(code: code, items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead")) }
            codes.append(code)
        }
        for b in blocked where rng.next() % 2 == 0 {
            add(BlocklistNameAdded(name: b))
            planted.names += b.split(separator: " ").map(String.init)
        }
        var number = 0
        var byCode: [String: [Int]] = [:]
        for _ in 0..<(5 + Int(rng.next() % 20)) {
            let speaker = pick(codes)
            var words = pick(["I think families find it easier", "The chair should bring people in", "We lose the child's voice online"])
            var kind = rng.next() % 8
            switch kind {
            case 0: words += " when \(cased(realNames[pick(withdraw ? Array(codes.dropLast()) : codes)]!)) joined"
            case 1: let p = pick(postcodes); words += " near \(p)"; planted.forbidden.append(p)
            case 2: let ph = "07700 900\(100 + rng.next() % 900)"; words += ", call \(ph)"; planted.forbidden.append(ph)
            case 3: let m = marker("struck"); words += " \(m)"; planted.forbidden.append(m)
            case 4: let m = marker("background"); words += " \(m)"; planted.forbidden.append(m)
            case 5: words += " said \(pick(blocked))"
            default: kind = 9
            }
            add(ContributionLogged(source: pick([.verbal, .chat, .verbal]), room: Int(rng.next() % 2), speaker: speaker, text: words))
            number += 1
            byCode[speaker, default: []].append(number)
            if kind == 3 { add(ContributionStruck(number: number)) }
            if kind == 4 { add(AttributionSet(number: number, level: .background)) }
            if rng.next() % 3 == 0 { add(CodeTagged(number: number, code: BuiltInCodebook.practicePrinciples[Int(rng.next() % 8)].name)) }
            if rng.next() % 4 == 0 {
                let m = marker("concern")
                add(ConcernRaised(contributions: [number], participant: speaker, category: .riskToChildOrYoungPerson, urgency: .sameDay, description: "Worry \(m)"))
                planted.forbidden.append(m)
            }
        }
        add(ThemeCreated(title: "A theme"))
        for n in 1...number where rng.next() % 3 == 0 { add(ThemeLinked(theme: 1, number: n)) }
        // A withdrawal: everything they said is erased, and their words never leave.
        if withdraw, let code = codes.last {
            let theirs = byCode[code] ?? []
            let m = marker("withdrawn")
            add(ContributionLogged(source: .chat, room: 0, speaker: code, text: "Later remark \(m) from \(realNames[code]!)"))
            number += 1
            planted.forbidden.append(m)
            add(ParticipantWithdrawn(code: code, requestedOn: "2026-05-15", erased: theirs + [number]))
        }
        var state = SessionState()
        for e in events { try? state.apply(e) }
        return (state, planted)
    }

    static func exportedTexts(_ state: SessionState) throws -> [(ExportFormat, String)] {
        try ExportFormat.allCases.filter(\.isResearch).map { format in
            let data = try Exporter.export(state, format: format)
            let text = format == .docx || format == .qdpx ? try Zip.text(data) : String(decoding: data, as: UTF8.self)
            let unescaped = text.replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            return (format, unescaped)
        }
    }

    static func containsWord(_ text: String, _ word: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive], range: search) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if before?.isLetter != true && after?.isLetter != true { return true }
            search = r.upperBound..<text.endIndex
        }
        return false
    }

    @Test func noExportCarriesNamesIdentifiersStruckBackgroundWithdrawnOrConcerns() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000_000)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let state: SessionState, planted: Planted, texts: [(ExportFormat, String)]
            do {
                (state, planted) = try Self.randomSession(&rng)
                texts = try Self.exportedTexts(state)
            } catch {
                Issue.record("session \(seed) could not be built or exported: \(error)")
                return
            }
            for (format, text) in texts {
                for s in planted.forbidden { #expect(!text.contains(s), "\(format.rawValue) export (seed \(seed)) contains \(s)") }
                for name in planted.names where name.count >= 3 {
                    #expect(!Self.containsWord(text, name), "\(format.rawValue) export (seed \(seed)) contains the name \(name)")
                }
            }
        }
    }
}

