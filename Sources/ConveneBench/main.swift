// convene-bench: benchmarks that print figures (not timed tests).
//   convene-bench [store|open-once PATH|all|<area>]
//   convene-bench load [WRITERS RATE SECONDS]   (not in `all`: it runs 60 s)
//   convene-bench study [SESSIONS CONTRIBUTIONS [DIR]] (a study of 20 session files, 100 000 contributions: every
//     study format exported as `convene study export` does it, timed, its peak memory taken, and checked)
//   convene-bench study-ops [SESSIONS CONTRIBUTIONS]   (a 20 × 2 000 study: qdpx export, withdrawal)
//   convene-bench train-labeller [--out PATH] [--epochs N] [--seed S]   (the sequence labeller's committed weights)
//   convene-bench labeller-cv [--epochs N] [--seed S] [--show]   (leave-one-corpus-out: rules alone vs rules +
//     labeller, and the labeller alone)
//   convene-bench labeller-churn [--add NAME]   (findings that change between a retrain without corpus NAME and one
//     with it)
//   convene-bench labeller-spans < TEXTS   (each line: the labeller's own spans and margins, then the scanner's)
import Foundation
import SessionActions

let args = CommandLine.arguments.dropFirst()
let area = args.first ?? "all"
switch area {
case "store": runStoreBenchmarks()
case "terminal": runTerminalBenchmarks()
case "console":
    runConsoleBenchmarks()
    runConsolePrivacyBenchmarks()
case "privacy": runPrivacyBenchmarks()
case "make-session":
    // convene-bench make-session PATH EVENTS [--consent] [--no-kept-scans]: a large session for keylat.py,
    // exports and manual trials.
    let rest = Array(args.dropFirst())
    try! buildLargeSession(path: rest[0], events: Int(rest[1]) ?? 10_000, consent: rest.contains("--consent"))
    // As after a first export: the scans are kept in the file, so every export of it reads them
    // (`--no-kept-scans`: as before any export, so the next one scans everything).
    if !rest.contains("--no-kept-scans") { try! SessionExport.keepScans(path: rest[0]) }
case "open-once": openOnce(path: args.dropFirst().first ?? "")
case "dataprotection": runDataProtectionBenchmarks(Array(args.dropFirst()))
case "exports": runExportBenchmarks(Array(args.dropFirst()))
case "study": runStudyBenchmark(Array(args.dropFirst()))
case "import": runImportBenchmarks()
case "load": runLoadBenchmark(Array(args.dropFirst()))
case "load-writer": runLoadWriter(Array(args.dropFirst()))
case "study-ops": runStudyBenchmarks(Array(args.dropFirst()))
case "team": runTeamBenchmarks(Array(args.dropFirst()))
case "team-reader": runTeamReader(Array(args.dropFirst()))
case "train-labeller": LabellerBench.train(Array(args.dropFirst()))
case "labeller-cv": LabellerBench.crossValidate(Array(args.dropFirst()))
case "labeller-spans": LabellerBench.spans()
case "labeller-churn": LabellerBench.churn(Array(args.dropFirst()))
case "all":
    runStoreBenchmarks()
    runTerminalBenchmarks()
    runConsoleBenchmarks()
    runConsolePrivacyBenchmarks()
    runPrivacyBenchmarks()
    runDataProtectionBenchmarks()
    runImportBenchmarks()
default:
    FileHandle.standardError.write(Data("convene-bench: unknown area '\(area)'\n".utf8))
    exit(2)
}
