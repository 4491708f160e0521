import Exporters
import Foundation
import Privacy
import SessionModel

/// Time to export a 10 000-contribution session in each format (goal: each
/// under 1 s, gate included), and the process's peak memory.
///     convene-bench exports [CONTRIBUTIONS]
func runExportBenchmarks(_ args: [String] = []) {
    let n = args.first.flatMap(Int.init) ?? 10_000
    do {
        var state = SessionState()
        let built = try Bench.seconds { state = try largeExportSession(contributions: n) }
        print(
            "exports: built a session of \(state.contributions.count) contributions in \(String(format: "%.2f", built)) s"
        )
        var record: ResearchRecord?
        let gate = Bench.seconds { record = ResearchGate.record(state) }
        let redactor = Redactor(session: state)
        let redaction = Bench.seconds { for c in state.contributions { _ = redactor.exportText(c) } }
        print(
            "exports: the gate alone (redaction, attribution, exclusions): \(Bench.ms(gate)), of which the Redactor \(Bench.ms(redaction))"
        )
        // The session memory's pass (Privacy/SessionMemory.swift) over the texts the gate made, serial: with people
        // only (what session 7 remembered) and with places and organisations too (session 8). What each contribution
        // teaches it is worked out once per distinct text, outside the timing.
        var taught: [String: [RememberedTerm]] = [:]
        var terms: [RememberedTerm] = []
        for c in state.contributions where Redactor.teachesMemory(c) {
            if taught[c.text] == nil {
                taught[c.text] = redactor.remembered(c, findings: redactor.scanner.scan(c.text))
            }
            terms += taught[c.text] ?? []
        }
        for (what, memory) in [
            ("people only", redactor.memory(of: terms.filter { $0.label == .person })),
            ("people, places and organisations", redactor.memory(of: terms)),
        ] {
            var hidden = 0
            let pass = Bench.seconds {
                for e in record!.contributions where memory.mayOccur(e.text) {
                    if memory.hide(e.text) != e.text { hidden += 1 }
                }
            }
            print(
                "exports: the session memory's pass, \(what) (\(memory.remembered.count) terms): \(Bench.ms(pass)) serial "
                    + "over \(record!.contributions.count) texts, \(hidden) changed")
        }
        // The implicit-identification pass `convene export` runs before a research format: on its own
        // (every contribution, all cores), and inside `Exporter.prepare`, where it shares the gate's scan.
        var warningCount = 0
        let alone = Bench.seconds { warningCount = ImplicitIdentification.warnings(in: state).count }
        var prepared: PreparedExport?
        let prepare = try Bench.seconds { prepared = try Exporter.prepare(state) }
        print(
            "exports: implicit-identification warnings on their own \(Bench.ms(alone)) (\(warningCount)); "
                + "gate + warnings in one pass (Exporter.prepare) \(Bench.ms(prepare)) (\(prepared?.warnings.count ?? 0) in exported contributions, "
                + "\(prepared?.summary.pairings.count ?? 0) summary lines)")
        for format in ExportFormat.allCases where format.isResearch {
            let render = try Bench.seconds { _ = try Exporter.render(record!, format: format) }
            print("exports: render \(format.rawValue) from the record: \(Bench.ms(render))")
        }
        var worst = 0.0
        for format in ExportFormat.allCases {
            var bytes = 0
            // Best of three: the figure is the export, not a page fault or another process.
            // As `convene export` does it: prepare (gate + warnings) and write.
            let runs = try (0..<3).map { _ in
                try Bench.seconds {
                    let sink = ExportSink()
                    try Exporter.write(
                        state, format: format, prepared: format.isResearch ? Exporter.prepare(state) : nil, to: sink)
                    bytes = sink.count
                }
            }
            let best = runs.min() ?? .nan
            if format.isResearch { worst = max(worst, best) }
            print(
                "exports: \(format.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Bench.ms(best)) (\(bytes) bytes)"
            )
        }
        print(
            "exports: slowest research format \(Bench.ms(worst)) — goal under 1000 ms: \(worst < 1 ? "met" : "NOT met")"
        )
        print(String(format: "exports: peak memory %.1f MiB", Bench.peakMemoryMiB()))
        print(
            "exports: for one command's time and memory from outside, see docs/performance.md (hyperfine, /usr/bin/time -v)"
        )
    } catch {
        print("exports: benchmark failed: \(error)")
        exit(1)
    }
}

/// A long session in memory, shaped like a real one: rooms and rounds, a
/// guide, real names and identifiers in the text, redactions, codes, themes,
/// struck and background contributions, one concern.
func largeExportSession(contributions n: Int) throws -> SessionState {
    let t0 = Date(timeIntervalSince1970: 1_778_752_800)
    var events: [SessionEvent] = []
    var t = 0.0
    func add(_ p: any EventPayload, _ step: Double = 0.3) {
        t += step
        events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "bench", p))
    }
    add(
        SessionCreated(
            sessionID: DemoSession.sessionID, title: "Large export benchmark", study: "Bench", strand: "practice",
            platform: .teams, date: "2026-05-14", withdrawalDays: 14))
    add(CodebookSet(name: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples))
    add(
        GuideSet(
            segments: (1...6).map {
                GuideSegment(title: "Segment \($0)", prompts: ["Prompt \($0)a", "Prompt \($0)b"], minutes: 20)
            }))
    let people = [
        "Avery Quinlan", "Morgan Ellery", "Rowan Pellow", "Devon Marchetti", "Casey Ambrose", "Jordan Thistlewood",
        "Harper Lindqvist", "Reese Okonkwo", "Skyler Brannigan", "Emerson Vashti", "Quinn Albarrán", "Zoë Fairweather",
    ]
    for (i, name) in people.enumerated() {
        let code = String(format: "P%02d", i + 1)
        add(
            ParticipantAdded(
                code: code, jobRole: "Role \(i + 1)", organisationType: OrganisationType.allCases[i % 6],
                strand: "practice"))
        add(RealNameRecorded(code: code, name: name))
        add(ConsentRecorded(code: code, items: ConsentChecklist.defaultItems, checkedBy: "bench"))
    }
    add(BlocklistNameAdded(name: "Tyler Brennan"))
    add(GroupCreated(name: "Room A"))
    add(GroupCreated(name: "Room B"))
    // Ten focus-group sentences, four with identifiers (a name to redact, a
    // participant's own name, a phone number and postcode, a named school).
    let texts = [
        "Families tell us joining from home feels less intimidating than a big table of professionals.",
        "But last month a mum called Shannon Okafor joined from her car outside the school and could not speak freely.",
        "Parents can attend without losing a day's pay, so attendance has gone up, especially for dads.",
        "The chair should bring online attendees in by name at each stage, as Rowan said earlier.",
        "Health often joins by phone and misses the visual cues in the room.",
        "Ring me on 07700 900123 about it, we met near SE15 4QT.",
        "Police can dial in between jobs, which helps us attend more conferences.",
        "A 14-year-old girl at Oakfield Academy told me she was never asked what she thought.",
        "Young people rarely join at all; we should ask them how they want to take part.",
        "Sometimes the chair forgets who is online and skips us.",
    ]
    for i in 1...n {
        if i % 2_000 == 1 {
            add(GuideAdvanced(segment: (i / 2_000) % 6))
            add(RoundStarted(minutes: 30, prompt: "Round prompt \(i)"))
        }
        let speaker = i % 9 == 0 ? nil : String(format: "P%02d", i % 12 + 1)
        add(
            ContributionLogged(
                source: speaker == nil ? .whiteboard : (i % 7 == 0 ? .chat : .verbal), room: i % 3, speaker: speaker,
                text: texts[i % texts.count]))
        if i % 5 == 0 { add(CodeTagged(number: i, code: BuiltInCodebook.practicePrinciples[i % 8].name), 0.01) }
        if i % texts.count == 1 {
            add(RedactionAccepted(number: i, span: TextSpan(start: 28, end: 42), label: .person), 0.01)
        }
        if i % 97 == 0 { add(ContributionStruck(number: i), 0.01) }
        if i % 31 == 0 { add(AttributionSet(number: i, level: .background), 0.01) }
        if i % 2_000 == 0 { add(RoundEnded()) }
    }
    for k in 1...10 {
        add(ThemeCreated(title: "Theme \(k)"))
        for j in stride(from: k, through: n, by: 100) { add(ThemeLinked(theme: k, number: j), 0.01) }
    }
    add(ConcernRaised(contributions: [2], category: .other, urgency: .afterSession, description: "Bench concern"))
    return try SessionState.replay(events)
}
