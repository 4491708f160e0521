// LoadBench: many writer processes on one SQLite session while two consoles
// redraw. `convene-bench load [WRITERS RATE SECONDS]` (default 8 × 50 events/s
// for 60 s) prints writer errors, lost events, append latency and the consoles'
// frame times (p50/p99/max); its last line, `load-result: key=value …`, is what
// CLITests/LoadTests read. `convene-bench load-writer PATH ID RATE SECONDS` is
// one writer (spawned by `load`).
import Foundation
import SessionModel
import SessionStore

struct LoadResult {
    var writers = 0, rate = 0, seconds = 0
    var acknowledged = 0, errors = 0, lost = 0, stored = 0
    var appendP99 = Double.nan, appendMax = Double.nan
    var frames = 0, frameP50 = Double.nan, frameP99 = Double.nan, frameMax = Double.nan
    var checkPassed = false

    var line: String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        return
            "load-result: writers=\(writers) rate=\(rate) seconds=\(seconds) acknowledged=\(acknowledged) stored=\(stored) errors=\(errors) lost=\(lost) "
            + "append_p99_ms=\(f(appendP99)) append_max_ms=\(f(appendMax)) frames=\(frames) frame_p50_ms=\(f(frameP50)) frame_p99_ms=\(f(frameP99)) frame_max_ms=\(f(frameMax)) check=\(checkPassed ? "ok" : "failed")"
    }
}

/// One writer: appends `rate` contributions a second for `seconds`, on a fixed
/// schedule (a late append does not shift the next). Prints `acked=N errors=E`
/// and its append latencies.
func runLoadWriter(_ args: [String]) {
    guard args.count >= 4, let id = Int(args[1]), let rate = Int(args[2]), let seconds = Int(args[3]) else {
        FileHandle.standardError.write(Data("usage: convene-bench load-writer PATH ID RATE SECONDS\n".utf8))
        exit(2)
    }
    let journal: SQLiteJournal
    do { journal = try SQLiteJournal.open(path: args[0]) } catch {
        FileHandle.standardError.write(Data("writer \(id): \(error)\n".utf8))
        exit(1)
    }
    let total = rate * seconds
    let start = DispatchTime.now().uptimeNanoseconds
    let step = 1_000_000_000 / UInt64(rate)
    var acked = 0
    var errors = 0
    var failed = [Int]()
    var latencies = [Double]()
    latencies.reserveCapacity(total)
    for i in 0..<total {
        let due = start + UInt64(i) * step
        let now = DispatchTime.now().uptimeNanoseconds
        if due > now { usleep(UInt32((due - now) / 1000)) }
        let payload = ContributionLogged(source: .chat, room: 0, speaker: nil, text: "load w\(id) #\(i)")
        let t = DispatchTime.now().uptimeNanoseconds
        do {
            try journal.append([payload], by: "writer \(id)", at: Date())
            acked += 1
        } catch {
            errors += 1
            failed.append(i)
            FileHandle.standardError.write(Data("writer \(id) event \(i): \(error)\n".utf8))
        }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
    }
    print(
        "acked=\(acked) errors=\(errors) failed=" + failed.map(String.init).joined(separator: ",") + " lat="
            + latencies.map { String(format: "%.2f", $0) }.joined(separator: ","))
}

func runLoadBenchmark(_ args: [String]) {
    let writers = args.count > 0 ? Int(args[0]) ?? 8 : 8
    let rate = args.count > 1 ? Int(args[1]) ?? 50 : 50
    let seconds = args.count > 2 ? Int(args[2]) ?? 60 : 60
    do {
        let result = try loadRun(writers: writers, rate: rate, seconds: seconds)
        print("load: \(writers) writer processes × \(rate) events/s for \(seconds) s, two consoles open")
        print(
            "load: \(result.acknowledged) acknowledged, \(result.stored) stored, \(result.errors) writer errors, \(result.lost) lost; check \(result.checkPassed ? "passes" : "FAILS")"
        )
        print(String(format: "load: append latency p99 %.1f ms, max %.1f ms", result.appendP99, result.appendMax))
        print(
            String(
                format:
                    "load: console redraws with new events: %d frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < 50 ms)",
                result.frames, result.frameP50, result.frameP99, result.frameMax))
        print(result.line)
    } catch {
        FileHandle.standardError.write(Data("load: \(error)\n".utf8))
        exit(1)
    }
}

struct LoadFailure: Error, CustomStringConvertible { var description: String }

func loadRun(writers: Int, rate: Int, seconds: Int) throws -> LoadResult {
    let dir = Bench.tempDir("load")
    defer {
        if ProcessInfo.processInfo.environment["CONVENE_BENCH_KEEP"] == nil {
            try? FileManager.default.removeItem(atPath: dir)
        }
    }
    let path = dir + "/load.convene"
    let journal = try SQLiteJournal.create(
        path: path, session: SessionCreated(sessionID: UUID(), title: "load", date: "2026-05-14"),
        by: "bench", at: Date())
    try journal.append(
        [ParticipantAdded(code: "P01", jobRole: "Youth worker"), GroupCreated(name: "Room A")], by: "bench", at: Date())
    try journal.close()

    let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let convene = binDir.appendingPathComponent("convene").path
    guard FileManager.default.isExecutableFile(atPath: convene) else {
        throw LoadFailure(description: "no convene binary beside convene-bench at \(convene)")
    }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
        throw LoadFailure(description: "tmux is not installed (apt-get install tmux): the consoles cannot run")
    }

    // Two consoles in real terminals, recording their frame times.
    var consoles = [(socket: String, times: String)]()
    for (n, user) in ["Ira Notes", "Kit Safe"].enumerated() {
        let socket = "convene-load-\(getpid())-\(n)"
        let times = dir + "/frames-\(n).txt"
        let cmd =
            "exec env LC_ALL=C.UTF-8 TERM=xterm-256color CONVENE_USER='\(user)' CONVENE_FRAME_TIMES='\(times)' '\(convene)' open '\(path)'"
        _ = spawnWait(["/usr/bin/tmux", "-L", socket, "new-session", "-d", "-s", "load", "-x", "120", "-y", "32", cmd])
        consoles.append((socket, times))
    }
    defer { for c in consoles { _ = spawnWait(["/usr/bin/tmux", "-L", c.socket, "kill-server"]) } }
    usleep(1_000_000) // let them open

    // The writers, each its own process.
    let me = CommandLine.arguments[0]
    var procs = [(Process, Pipe, Pipe)]()
    for id in 0..<writers {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = ["load-writer", path, String(id), String(rate), String(seconds)]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        procs.append((p, out, err))
    }
    var result = LoadResult(writers: writers, rate: rate, seconds: seconds)
    var latencies = [Double]()
    var ackedBy = [(total: Int, failed: Set<Int>)]()
    for (id, (p, out, err)) in procs.enumerated() {
        let errBox = LoadDataBox()
        let errHandle = err.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        p.waitUntilExit()
        let errText = String(decoding: errBox.data, as: UTF8.self)
        if !errText.isEmpty { FileHandle.standardError.write(Data(errText.prefix(2000).utf8)) }
        var acked = 0
        var errors = 0
        var failed = Set<Int>()
        for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let kv = field.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "acked": acked = Int(kv[1]) ?? 0
            case "errors": errors = Int(kv[1]) ?? 0
            case "failed": failed = Set(kv[1].split(separator: ",").compactMap { Int($0) })
            case "lat": latencies += kv[1].split(separator: ",").compactMap { Double($0) }
            default: break
            }
        }
        if p.terminationStatus != 0 {
            errors += 1
            FileHandle.standardError.write(Data("writer \(id) exited \(p.terminationStatus)\n".utf8))
        }
        result.acknowledged += acked
        result.errors += errors
        ackedBy.append((acked + failed.count, failed))
    }
    usleep(500_000) // a last redraw
    // SIGTERM the consoles: they leave cleanly; their frame times are appended as they go.
    var pids = [pid_t]()
    for c in consoles {
        let pidText = spawnCapture(["/usr/bin/tmux", "-L", c.socket, "list-panes", "-t", "load", "-F", "#{pane_pid}"])
        if let pid = pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) {
            pids.append(pid)
            kill(pid, SIGTERM)
        }
    }
    var waited = 0
    while pids.contains(where: { kill($0, 0) == 0 }) && waited < 100 {
        usleep(50_000)
        waited += 1
    }
    var frames = [Double]()
    for c in consoles {
        let text = (try? String(contentsOfFile: c.times, encoding: .utf8)) ?? ""
        frames += text.split(separator: "\n").compactMap { Double($0) }
    }

    // Nothing acknowledged lost: writer w's events 0..<acked are all there.
    let reopened = try SQLiteJournal.open(path: path, readOnly: true)
    var seen = [Int: Set<Int>]()
    for c in reopened.state.contributions where c.text.hasPrefix("load w") {
        let parts = c.text.dropFirst("load w".count).split(separator: " ")
        if parts.count == 2, let w = Int(parts[0]), let i = Int(parts[1].dropFirst()) { seen[w, default: []].insert(i) }
        result.stored += 1
    }
    for (w, sent) in ackedBy.enumerated() {
        let have = seen[w] ?? []
        result.lost += (0..<sent.total).filter { !sent.failed.contains($0) && !have.contains($0) }.count
        // A refused write must not be there either (nothing partial, nothing twice).
        result.lost += sent.failed.filter { have.contains($0) }.count
    }
    try reopened.close()
    result.checkPassed = spawnWait([convene, "check", path]) == 0
    result.appendP99 = Bench.percentile(latencies, 99)
    result.appendMax = latencies.max() ?? .nan
    result.frames = frames.count
    result.frameP50 = Bench.percentile(frames, 50)
    result.frameP99 = Bench.percentile(frames, 99)
    result.frameMax = frames.max() ?? .nan
    return result
}

private final class LoadDataBox: @unchecked Sendable { var data = Data() }

/// Runs a program with posix_spawn and waits (tmux's forked server confuses Foundation's Process).
func spawnWait(_ argv: [String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (status >> 8) & 0xFF
}

func spawnCapture(_ argv: [String]) -> String {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return "" }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else {
        close(fds[0])
        close(fds[1])
        return ""
    }
    close(fds[1])
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        output.append(buffer, count: n)
    }
    close(fds[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
}
