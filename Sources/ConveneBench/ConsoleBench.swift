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
            events.append(SessionEvent(at: t.addingTimeInterval(Double(i)), by: "bench",
                ContributionLogged(source: i % 5 == 0 ? .chat : .verbal, room: i % 3, speaker: String(format: "P%02d", i % 6 + 1),
                                   text: "Contribution \(i): chairs bring online attendees in by name at each stage of the conference.")))
        }
        return try! SessionState.replay(events)
    }
    var medians: [Int: Double] = [:]
    for n in [100, 100_000] {
        let s = session(contributions: n)
        for (w, h) in [(160, 48), (80, 24)] {
            var state = ConsoleState(session: s, context: ConsoleContext(role: .lead, user: "bench", location: "x"), width: w, height: h, now: Date())
            var previous = view(state)
            var times: [Double] = []
            for i in 0..<400 {
                // Each frame differs a little, as typing makes it.
                _ = update(&state, .key(.char(Character(UnicodeScalar(UInt8(97 + i % 26))))))
                times.append(Bench.seconds {
                    let grid = view(state)
                    _ = GridDiff.changes(from: previous, to: grid)
                    previous = grid
                })
            }
            let median = Bench.percentile(times, 50)
            if w == 160 { medians[n] = median }
            print("console: build+diff one \(w)×\(h) frame, \(n) contributions: median \(Bench.ms(median)), p99 \(Bench.ms(Bench.percentile(times, 99)))")
        }
    }
    if let small = medians[100], let large = medians[100_000] {
        print(String(format: "console: ratio 100 000 / 100 contributions (160×48): %.2f (budget < 1.5)", large / small))
    }
}
