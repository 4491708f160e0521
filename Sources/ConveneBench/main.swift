// convene-bench: benchmarks that print figures (not timed tests).
//   convene-bench [store|open-once PATH|all|<area>]
import Foundation

let args = CommandLine.arguments.dropFirst()
let area = args.first ?? "all"
switch area {
case "store": runStoreBenchmarks()
case "terminal": runTerminalBenchmarks()
case "console": runConsoleBenchmarks()
case "privacy": runPrivacyBenchmarks()
case "make-session":
    // convene-bench make-session PATH EVENTS: a large session for keylat.py and manual trials.
    let rest = Array(args.dropFirst())
    try! buildLargeSession(path: rest[0], events: Int(rest[1]) ?? 10_000)
case "open-once": openOnce(path: args.dropFirst().first ?? "")
case "dataprotection": runDataProtectionBenchmarks(Array(args.dropFirst()))
case "team", "team-reader": area == "team" ? runTeamBenchmarks(Array(args.dropFirst())) : runTeamReader(Array(args.dropFirst()))
case "all":
    runStoreBenchmarks()
    runTerminalBenchmarks()
    runConsoleBenchmarks()
    runPrivacyBenchmarks()
    runDataProtectionBenchmarks()
default:
    FileHandle.standardError.write(Data("convene-bench: unknown area '\(area)'\n".utf8))
    exit(2)
}
