import Foundation
import Privacy

/// Utterances scanned per second on one core, and the rescan of one input
/// line after a keystroke.
func runPrivacyBenchmarks() {
    let scanner = IdentifierScanner(names: ["Avery Quinlan", "Morgan Ellery", "Tyler Brennan"])
    let utterances = [
        "Families tell us joining from home feels less intimidating than a big table of professionals.",
        "But last month a mum called Shannon Okafor joined from her car outside St Mary's Primary.",
        "A 14-year-old girl at Oakfield Academy told me she was never asked what she thought.",
        "The social worker raised it at MACE in London in March on Teams.",
        "Ring me on 07700 900123 or email avery.quinlan@example.org about crime ref 12/3456/24.",
    ]
    var n = 0
    let seconds = Bench.seconds { for _ in 0..<4_000 { for u in utterances { _ = scanner.scan(u); n += 1 } } }
    print(String(format: "privacy: %.0f utterances/s (%d utterances in %.2f s, one core)", Double(n) / seconds, n, seconds))
    var line = ""
    var times: [Double] = []
    for c in "My colleague Dave said the 14-year-old at Oakfield Academy lives near SE15 4QT and" {
        line.append(c)
        times.append(Bench.seconds { _ = scanner.scan(line) })
    }
    print("privacy: rescan of the input line after a keystroke: median \(Bench.ms(Bench.percentile(times, 50))), p99 \(Bench.ms(Bench.percentile(times, 99)))")
}
