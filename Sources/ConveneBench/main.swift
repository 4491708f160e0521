// convene-bench: benchmarks that print figures (not timed tests).
//   convene-bench [store|open-once PATH|all|<area>]
import Foundation

let args = CommandLine.arguments.dropFirst()
let area = args.first ?? "all"
switch area {
case "store": runStoreBenchmarks()
case "terminal": runTerminalBenchmarks()
case "open-once": openOnce(path: args.dropFirst().first ?? "")
case "all":
    runStoreBenchmarks()
    runTerminalBenchmarks()
default:
    FileHandle.standardError.write(Data("convene-bench: unknown area '\(area)'\n".utf8))
    exit(2)
}
