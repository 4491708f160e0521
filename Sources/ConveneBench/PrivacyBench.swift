import Foundation
import Privacy

/// Utterances scanned per second on one core (the labelled corpus, many
/// repeats), the cost of building a scanner, and the rescan of one input line
/// after each keystroke while a 120-character line is typed.
func runPrivacyBenchmarks() {
    let start = DispatchTime.now().uptimeNanoseconds
    // CONVENE_PRIVACY_BENCH_RULES_ONLY=1: the rules without the sequence labeller, for the labeller's cost.
    let rulesOnly = ProcessInfo.processInfo.environment["CONVENE_PRIVACY_BENCH_RULES_ONLY"] == "1"
    let scanner = IdentifierScanner(
        names: ["Avery Quinlan", "Morgan Ellery", "Tyler Brennan", "Siân Pritchard"],
        labeller: rulesOnly ? nil : SequenceLabeller.shared)
    if rulesOnly { print("privacy: the rules alone (no sequence labeller)") }
    let firstBuild = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let rebuild =
        Bench.seconds { for _ in 0..<1_000 { _ = IdentifierScanner(names: ["Avery Quinlan", "Morgan Ellery"]) } }
        / 1_000
    print(
        "privacy: first scanner (loads the gazetteer once) \(Bench.ms(firstBuild)); each later scanner \(Bench.ms(rebuild))"
    )

    var utterances: [String] = []
    for path in ["Tests/PrivacyTests/Corpus/dev.jsonl", "Tests/PrivacyTests/Corpus/heldout.jsonl"] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n") {
            if let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let t = obj["text"] as? String
            {
                utterances.append(t)
            }
        }
    }
    if utterances.isEmpty {
        print("privacy: corpus not found (run from the package root); using built-in sentences")
        utterances = [
            "Families tell us joining from home feels less intimidating than a big table of professionals.",
            "But last month a mum called Shannon Okafor joined from her car outside St Mary's Primary.",
            "A 14-year-old girl at Oakfield Academy told me she was never asked what she thought.",
            "The social worker raised it at MACE in London in March on Teams.",
            "Ring me on 07700 900123 or email avery.quinlan@example.org about crime ref 12/3456/24.",
        ]
    }
    for u in utterances { _ = scanner.scan(u) } // warm up
    // CONVENE_PRIVACY_BENCH_REPEATS=N: N passes over the corpus and nothing else, for callgrind's instruction
    // counts per utterance (docs/performance.md); the scans made are the warm-up pass plus N passes.
    let fixed = ProcessInfo.processInfo.environment["CONVENE_PRIVACY_BENCH_REPEATS"].flatMap { Int($0) }
    let repeats = fixed ?? max(1, 200_000 / utterances.count)
    var n = 0
    var findings = 0
    let seconds = Bench.seconds {
        for _ in 0..<repeats {
            for u in utterances {
                findings &+= scanner.scan(u).count
                n += 1
            }
        }
    }
    let chars = utterances.reduce(0) { $0 + $1.count } / utterances.count
    print(
        String(
            format:
                "privacy: %.0f utterances/s (%d corpus utterances × %d = %d in %.2f s, one core, mean %d chars; %d findings)",
            Double(n) / seconds, utterances.count, repeats, n, seconds, chars, findings))

    if let fixed {
        print("privacy: \((fixed + 1) * utterances.count) scans in all (warm-up pass included)")
        return
    }
    let typed =
        "My colleague dave said the 14-year-old at Oakfield Academy lives near SE15 4QT and her snap is kaylz.x, ring 07700 900123"
    var times: [Double] = []
    for _ in 0..<20 {
        var line = ""
        for c in typed.prefix(120) {
            line.append(c)
            times.append(Bench.seconds { _ = scanner.scan(line) })
        }
    }
    print(
        "privacy: rescan of a \(min(120, typed.count))-char input line after each keystroke (\(times.count) rescans): median \(Bench.ms(Bench.percentile(times, 50))), p99 \(Bench.ms(Bench.percentile(times, 99))), max \(Bench.ms(times.max() ?? 0))"
    )
}
