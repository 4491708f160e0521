import Foundation
import SessionModel
import SessionStore
import TeamStore

/// Team-session latency: 8 writers (threads, each with its own connection or
/// file handle) append contributions at a fixed total rate while a reader in
/// another process follows the session. Prints append latency (in the
/// writers) and delivery latency (append started → event read in the other
/// process), median and p99, for a shared SQLite file and for PostgreSQL.
///
///   convene-bench team [SECONDS]        (PostgreSQL from CONVENE_BENCH_PG or
///                                        CONVENE_TEST_PG, else scripts/pg-test-cluster.sh)
///
/// The reader follows as a console's journal would: PostgreSQL wakes on
/// NOTIFY (with the 1 s poll as fallback); the SQLite reader polls every 10 ms.
/// A real console adds its own draw loop (up to 100 ms) on top of both.
func runTeamBenchmarks(_ args: [String]) {
    let seconds = args.first.flatMap(Double.init) ?? 10
    let writers = 8
    print("== team sessions: \(writers) writers, reader in another process, \(Int(seconds)) s per run ==")
    let dir = Bench.tempDir("team")
    let pg = benchServer()
    for rate in [10.0, 200.0] {
        let file = dir + "/shared-\(Int(rate)).convene"
        do {
            _ = try SQLiteJournal.create(path: file, session: benchCreated(), by: "bench", at: Date())
            try teamRun(label: "SQLite shared file", location: file, rate: rate, writers: writers, seconds: seconds) {
                try SQLiteJournal.open(path: file)
            }
        } catch { print("SQLite at \(Int(rate))/s failed: \(error)") }
        guard let pg else { continue }
        let url = pg + "?session=bench-\(Int(rate))-\(UUID().uuidString.prefix(6).lowercased())"
        do {
            PostgresJournal.closeAfter(
                try PostgresJournal.create(url, session: benchCreated(), by: "bench", at: Date()))
            try teamRun(label: "PostgreSQL (loopback)", location: url, rate: rate, writers: writers, seconds: seconds) {
                try PostgresJournal.open(url)
            }
        } catch { print("PostgreSQL at \(Int(rate))/s failed: \(error)") }
    }
    if pg == nil {
        print(
            "!! PostgreSQL SKIPPED: no server. Set CONVENE_BENCH_PG=postgres://USER@127.0.0.1:PORT/DB or run from the package root so scripts/pg-test-cluster.sh can start one."
        )
    }
}

private func benchCreated() -> SessionCreated {
    SessionCreated(sessionID: UUID(), title: "Team bench", date: SessionDate.format(Date()))
}

private func benchServer() -> String? {
    let env = ProcessInfo.processInfo.environment
    if let u = env["CONVENE_BENCH_PG"] ?? env["CONVENE_TEST_PG"], !u.isEmpty { return u }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "scripts/pg-test-cluster.sh")
    p.arguments = ["start"]
    let out = Pipe()
    p.standardOutput = out
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    return p.terminationStatus == 0 && text.hasPrefix("postgres://") ? text : nil
}

extension PostgresJournal {
    static func closeAfter(_ j: PostgresJournal) { j.close() }
}

private final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    private var errors = 0
    func add(_ v: Double) { lock.withLock { values.append(v) } }
    func fail() { lock.withLock { errors += 1 } }
    var all: [Double] { lock.withLock { values } }
    var failures: Int { lock.withLock { errors } }
}

private func teamRun(
    label: String, location: String, rate: Double, writers: Int, seconds: Double,
    open: () throws -> any SessionJournal
) throws {
    let perWriter = Int(rate * seconds) / writers
    let expected = perWriter * writers
    // The reader, in its own process, reports one delivery latency per event.
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    reader.arguments = ["team-reader", location, String(expected), String(seconds + 30)]
    let out = Pipe()
    reader.standardOutput = out
    try reader.run()
    let handle = out.fileHandleForReading
    var buffer = Data()
    func readLine() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...nl)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
    guard readLine() == "ready" else { throw StoreError.failed("the reader process did not start") }

    let journals = try (0..<writers).map { _ in try open() }
    let appendTimes = Samples()
    let group = DispatchGroup()
    let interval = Double(writers) / rate
    let start = Date().addingTimeInterval(0.2)
    for (w, journal) in journals.enumerated() {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            for k in 0..<perWriter {
                // Writers spread over the interval so the total rate is even.
                let due = start.addingTimeInterval(Double(k) * interval + Double(w) * interval / Double(writers))
                let wait = due.timeIntervalSinceNow
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                let sent = Date().timeIntervalSince1970
                let text = "bench w\(w) #\(k) t=\(String(format: "%.6f", sent))"
                let t0 = DispatchTime.now().uptimeNanoseconds
                do {
                    try journal.append([ContributionLogged(source: .chat, text: text)], by: "writer\(w)", at: Date())
                    appendTimes.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                } catch { appendTimes.fail() }
            }
        }
    }
    group.wait()
    var deliveries: [Double] = []
    while let line = readLine(), line != "done" {
        if let v = Double(line) { deliveries.append(v) }
    }
    reader.waitUntilExit()
    for j in journals { (j as? PostgresJournal)?.close() }
    let a = appendTimes.all
    print(
        String(
            format:
                "%@, %3.0f events/s: append median %@ p99 %@ | delivery median %@ p99 %@ (%d/%d delivered, %d append errors)",
            label, rate, Bench.ms(Bench.percentile(a, 50)), Bench.ms(Bench.percentile(a, 99)),
            Bench.ms(Bench.percentile(deliveries, 50)), Bench.ms(Bench.percentile(deliveries, 99)),
            deliveries.count, expected, appendTimes.failures))
}

/// `convene-bench team-reader LOCATION EXPECTED TIMEOUT`: follows the session
/// and prints each bench event's delivery latency in seconds, then "done".
func runTeamReader(_ args: [String]) {
    guard args.count >= 3, let expected = Int(args[1]), let timeout = Double(args[2]) else { exit(2) }
    let location = args[0]
    do {
        let journal: any SessionJournal
        let team: PostgresJournal?
        if PostgresLocation.isPostgres(location) {
            let j = try PostgresJournal.open(location)
            journal = j
            team = j
        } else {
            journal = try SQLiteJournal.open(path: location, readOnly: true)
            team = nil
        }
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        var seen = 0
        let deadline = Date().addingTimeInterval(timeout)
        var out: [String] = []
        while seen < expected && Date() < deadline {
            if let team { team.waitForChange(timeout: 0.05) } else { Thread.sleep(forTimeInterval: 0.01) }
            let now = Date().timeIntervalSince1970
            for stored in try journal.refresh() {
                guard let c = stored.event.payload as? ContributionLogged, c.text.hasPrefix("bench "),
                    let t = c.text.split(separator: "=").last.flatMap({ Double($0) })
                else { continue }
                out.append(String(format: "%.6f", now - t))
                seen += 1
            }
        }
        team?.close()
        FileHandle.standardOutput.write(Data((out + ["done"]).joined(separator: "\n").utf8 + [10]))
    } catch {
        FileHandle.standardError.write(Data("team-reader: \(error)\n".utf8))
        FileHandle.standardOutput.write(Data("done\n".utf8))
        exit(1)
    }
}
