import ConsoleApp
import Foundation
import SessionModel
import TerminalKit

/// Time to build and diff one frame with 100 and with 100 000 contributions:
/// drawing only what is visible keeps the ratio near 1.
func runConsoleBenchmarks() {
    func session(contributions n: Int) -> SessionState {
        var events = DemoSession.events()
        let t = events.last!.at
        for i in 0..<n {
            events.append(
                SessionEvent(
                    at: t.addingTimeInterval(Double(i)), by: "bench",
                    ContributionLogged(
                        source: i % 5 == 0 ? .chat : .verbal, room: i % 3, speaker: String(format: "P%02d", i % 6 + 1),
                        text:
                            "Contribution \(i): chairs bring online attendees in by name at each stage of the conference."
                    )))
        }
        return try! SessionState.replay(events)
    }
    var medians: [Int: Double] = [:]
    for n in [100, 100_000] {
        let s = session(contributions: n)
        for (w, h) in [(160, 48), (80, 24)] {
            var state = ConsoleState(
                session: s, context: ConsoleContext(role: .lead, user: "bench", location: "x"), width: w, height: h,
                now: Date())
            var previous = view(state)
            var times: [Double] = []
            for i in 0..<400 {
                // Each frame differs a little, as typing makes it.
                _ = update(&state, .key(.char(Character(UnicodeScalar(UInt8(97 + i % 26))))))
                times.append(
                    Bench.seconds {
                        let grid = view(state)
                        _ = GridDiff.changes(from: previous, to: grid)
                        previous = grid
                    })
            }
            let median = Bench.percentile(times, 50)
            if w == 160 { medians[n] = median }
            print(
                "console: build+diff one \(w)×\(h) frame, \(n) contributions: median \(Bench.ms(median)), p99 \(Bench.ms(Bench.percentile(times, 99)))"
            )
        }
    }
    if let small = medians[100], let large = medians[100_000] {
        print(String(format: "console: ratio 100 000 / 100 contributions (160×48): %.2f (budget < 1.5)", large / small))
    }
}

/// The console's privacy work: the input line rescanned on each keystroke,
/// the whole log scanned once when the console opens, and the incremental
/// rescan when one contribution is appended.
func runConsolePrivacyBenchmarks() {
    let line = "P04: her son Tyler at Oakfield Academy moved to SW1A 1AA, call 07700 900123 about case ref 24/118822"
    for n in [10_000, 100_000] {
        var events = DemoSession.events()
        let t = events.last!.at
        for i in 0..<n {
            events.append(
                SessionEvent(
                    at: t.addingTimeInterval(Double(i)), by: "bench",
                    ContributionLogged(
                        source: .verbal, room: i % 3, speaker: String(format: "P%02d", i % 6 + 1),
                        text: i % 10 == 0
                            ? "Contribution \(i): Mrs Okafor at Hillside Surgery rang about her daughter"
                            : "Contribution \(i): chairs bring online attendees in by name at each stage of the conference."
                    )))
        }
        let session = try! SessionState.replay(events)
        var state: ConsoleState!
        let open = Bench.seconds {
            state = ConsoleState(
                session: session, context: ConsoleContext(role: .lead, user: "bench", location: "x"), width: 120,
                height: 40, now: Date())
        }
        print(
            "console privacy: open (newest \(PrivacyIndex.eagerCount) scanned), \(n) contributions: \(Bench.ms(open)) (\(state.privacy.contributionsToReview.count) with findings so far)"
        )
        var ticking = state!
        var tickTimes: [Double] = []
        while !ticking.privacy.isComplete && tickTimes.count < 40 {
            tickTimes.append(Bench.seconds { _ = update(&ticking, .tick(Date())) })
        }
        print(
            "console privacy: one clock tick of the background scan (\(PrivacyIndex.chunk) older contributions): median \(Bench.ms(Bench.percentile(tickTimes, 50))); whole log in about \(Int((Double(n - PrivacyIndex.eagerCount) / Double(PrivacyIndex.chunk) * 0.1).rounded())) s of ticks"
        )
        var more = events
        more.append(
            SessionEvent(
                at: t.addingTimeInterval(Double(n + 1)), by: "bench",
                ContributionLogged(source: .verbal, speaker: "P01", text: line)))
        let next = try! SessionState.replay(more)
        var times: [Double] = []
        for _ in 0..<20 {
            var copy = state!
            times.append(Bench.seconds { _ = update(&copy, .sessionChanged(next)) })
        }
        print(
            "console privacy: session changed (one contribution appended), \(n) contributions: median \(Bench.ms(Bench.percentile(times, 50)))"
        )
    }
    // A keystroke: update (which rescans the input line) and redraw the input row.
    let session = try! SessionState.replay(DemoSession.events())
    var state = ConsoleState(
        session: session, context: ConsoleContext(role: .lead, user: "bench", location: "x"), width: 120, height: 40,
        now: Date())
    var frame = view(state)
    var times: [Double] = []
    for round in 0..<20 {
        _ = update(&state, .key(.ctrl("u")))
        for (i, c) in line.enumerated() {
            times.append(
                Bench.seconds {
                    _ = update(&state, .key(.char(c)))
                    frame = viewInputRow(state, over: frame)
                })
            if round == 0 && i == line.count - 1 {
                print(
                    "console privacy: findings in the typed line: \(state.privacy.input.map(\.label.rawValue).joined(separator: " "))"
                )
            }
        }
    }
    print(
        "console privacy: keystroke (update + rescan of the input line + input row), \(line.count)-character line: median \(Bench.ms(Bench.percentile(times, 50))), p99 \(Bench.ms(Bench.percentile(times, 99)))"
    )
}
