import Foundation
import Privacy
import SessionModel
import SessionStore

/// The cost of encryption at rest (append latency, opening 100 000 events)
/// against plain files, and the time to withdraw one participant from a
/// 100 000-event session (erase, replay, snapshot, checkpoint, VACUUM).
func runDataProtectionBenchmarks(_ args: [String] = []) {
    if args.first == "open-child", args.count >= 2 {
        openChild(path: args[1], passphrase: args.count > 2 ? args[2] : nil)
        return
    }
    do {
        let dir = Bench.tempDir("dataprotection")
        let passphrase = "benchmark passphrase of several words"

        // One-off cost of deriving the passphrase key (scrypt N=2^15, r=8, p=1).
        var derive: [Double] = []
        var made: (cipher: EncryptedPayloads, meta: [String: String])?
        for _ in 0..<3 {
            derive.append(try Bench.seconds { made = try EncryptedPayloads.create(passphrase: passphrase) })
        }
        guard let (cipher, meta) = made else { return }
        print(
            "dataprotection: scrypt key derivation (N=2^15, r=8, p=1): median \(Bench.ms(Bench.percentile(derive, 50)))"
        )

        // Durable append latency, plain vs sealed.
        var medians: [String: Double] = [:]
        var p99s: [String: Double] = [:]
        for (label, sealed) in [("plain", false), ("encrypted", true)] {
            let path = dir + "/append-\(label).convene"
            let journal = try SQLiteJournal.create(
                path: path, session: SessionCreated(sessionID: UUID(), title: "bench", date: "2026-05-14"),
                by: "bench", at: Date(), cipher: sealed ? cipher : PlainPayloads(), meta: sealed ? meta : [:])
            try journal.append([ParticipantAdded(code: "P01", jobRole: "Youth worker")], by: "bench", at: Date())
            var latencies: [Double] = []
            for i in 0..<2_000 {
                latencies.append(
                    try Bench.seconds {
                        try journal.append(
                            [
                                ContributionLogged(
                                    source: .verbal, speaker: "P01",
                                    text: "Contribution \(i) about hybrid conferences and families.")
                            ],
                            by: "bench", at: Date())
                    })
            }
            try journal.close()
            medians[label] = Bench.percentile(latencies, 50)
            p99s[label] = Bench.percentile(latencies, 99)
            print(
                "dataprotection: durable append \(label) (2000 appends): median \(Bench.ms(medians[label]!)), p99 \(Bench.ms(p99s[label]!))"
            )
        }
        print(
            String(
                format: "dataprotection: append encrypted/plain: median %.2f×, p99 %.2f×",
                medians["encrypted"]! / medians["plain"]!, p99s["encrypted"]! / p99s["plain"]!))

        // Opening 100 000 events, with the snapshot and by full replay, each in a
        // fresh process. The encrypted file's key is derived with cheap scrypt
        // settings here, so the figure is the cost of decryption alone; the
        // derivation at standard settings (above) is a fixed cost per open.
        let n = 100_000
        let (fastCipher, fastMeta) = try EncryptedPayloads.create(passphrase: passphrase, derivation: .fastForTests)
        var paths: [String: String] = [:]
        for (label, sealed) in [("plain", false), ("encrypted", true)] {
            let path = dir + "/big-\(label).convene"
            let built = try Bench.seconds {
                try buildLargeSession(
                    path: path, events: n, cipher: sealed ? fastCipher : PlainPayloads(), meta: sealed ? fastMeta : [:])
            }
            paths[label] = path
            print("dataprotection: built a \(n)-event \(label) session in \(String(format: "%.1f", built)) s")
        }
        for mode in ["with snapshot", "full replay"] {
            if mode == "full replay" {
                for path in paths.values { try clearSnapshot(path) }
            }
            var medians: [String: Double] = [:]
            for label in ["plain", "encrypted"] {
                var times: [Double] = []
                var memory: [Double] = []
                for _ in 0..<5 {
                    let (t, m) = try openInChild(paths[label]!, passphrase: label == "encrypted" ? passphrase : nil)
                    times.append(t)
                    memory.append(m)
                }
                medians[label] = Bench.percentile(times, 50)
                print(
                    "dataprotection: open \(n) events \(mode), \(label), fresh process: median \(Bench.ms(medians[label]!)) "
                        + "(runs: \(times.map { String(format: "%.0f", $0 * 1000) }.joined(separator: ", ")) ms), peak memory \(String(format: "%.0f", Bench.percentile(memory, 50))) MiB"
                )
            }
            print(
                String(
                    format:
                        "dataprotection: open %@ encrypted/plain: %.2f× (plus %@ of scrypt at standard settings: %.2f×)",
                    mode,
                    medians["encrypted"]! / medians["plain"]!, Bench.ms(Bench.percentile(derive, 50)),
                    (medians["encrypted"]! + Bench.percentile(derive, 50)) / medians["plain"]!))
        }

        // Withdrawing one participant (P05: about 1/12 of the contributions).
        for label in ["plain", "encrypted"] {
            let path = paths[label]!
            let journal =
                label == "plain"
                ? try SQLiteJournal.open(path: path) : try SQLiteJournal.open(path: path, cipher: fastCipher)
            var receipt: WithdrawalReceipt?
            let seconds = try Bench.seconds {
                let plan = try WithdrawalPlan.make(
                    WithdrawalRequest(code: "P05", requestedOn: "2026-05-20"), state: journal.state)
                receipt = try journal.withdraw(plan, by: "bench", at: Date())
            }
            try journal.close()
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(
                "dataprotection: withdraw P05 from \(n) events (\(label)): \(String(format: "%.2f", seconds)) s, "
                    + "\(receipt?.erased.count ?? 0) contributions and \(receipt?.eventsCleared ?? 0) events erased, file now \(size / 1_048_576) MiB"
            )
        }
        if ProcessInfo.processInfo.environment["CONVENE_BENCH_KEEP"] == nil {
            try? FileManager.default.removeItem(atPath: dir)
        } else {
            print("dataprotection: kept \(dir)")
        }
    } catch {
        print("dataprotection: benchmark failed: \(error)")
        exit(1)
    }
}

private func clearSnapshot(_ path: String) throws {
    let q = Process()
    q.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    q.arguments = [path, "DELETE FROM snapshot;"]
    try q.run()
    q.waitUntilExit()
}

/// Runs `convene-bench dataprotection open-child PATH [PASSPHRASE]`; returns seconds and peak MiB.
private func openInChild(_ path: String, passphrase: String?) throws -> (Double, Double) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.arguments = ["dataprotection", "open-child", path] + (passphrase.map { [$0] } ?? [])
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let parts = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard parts.count == 2 else { throw StoreError.failed("open-child: \(text)") }
    return (parts[0], parts[1])
}

private func openChild(path: String, passphrase: String?) {
    do {
        let seconds = try Bench.seconds {
            let j =
                try passphrase.map { try SQLiteJournal.open(path: path, readOnly: true, passphrase: $0) }
                ?? SQLiteJournal.open(path: path, readOnly: true)
            precondition(j.state.eventCount > 0)
        }
        print("\(seconds) \(Bench.peakMemoryMiB())")
    } catch {
        print("open failed: \(error)")
        exit(1)
    }
}
