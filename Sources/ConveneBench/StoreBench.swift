import Foundation
import SessionModel
import SessionStore

/// Durable append latency, and opening a session of 100 000 events.
func runStoreBenchmarks() {
    do {
        let dir = Bench.tempDir("store")
        let path = dir + "/append.convene"
        let journal = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "bench", date: "2026-05-14"),
            by: "bench", at: Date())
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
        print(
            "store: durable append (synchronous=FULL, 2000 appends): median \(Bench.ms(Bench.percentile(latencies, 50))), p99 \(Bench.ms(Bench.percentile(latencies, 99)))"
        )

        let big = dir + "/big.convene"
        let n = 100_000
        let built = try Bench.seconds { try buildLargeSession(path: big, events: n) }
        print("store: built a \(n)-event session in \(String(format: "%.1f", built)) s")
        // Open in a fresh process so its peak memory is the open's alone.
        for label in ["with snapshot", "without snapshot"] {
            if label == "without snapshot" {
                let q = Process()
                q.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
                q.arguments = [big, "DELETE FROM snapshot;"]
                try q.run()
                q.waitUntilExit()
            }
            for _ in 0..<3 {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                p.arguments = ["open-once", big]
                let out = Pipe()
                p.standardOutput = out
                try p.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                print(
                    "store: open \(n) events \(label) (read-only): \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
                )
            }
        }
        if ProcessInfo.processInfo.environment["CONVENE_BENCH_KEEP"] == nil {
            try? FileManager.default.removeItem(atPath: dir)
        } else {
            print("store: kept \(dir)")
        }
    } catch {
        print("store: benchmark failed: \(error)")
        exit(1)
    }
}

/// A session of `events` events, mostly contributions (every fifth event a
/// tag), written in batches, sealed with `cipher` if one is given.
/// With `consent`, every participant's consent is recorded, so a research
/// export holds their words (without it an export leaves them all out).
func buildLargeSession(
    path: String, events: Int, cipher: any PayloadCipher = PlainPayloads(), meta: [String: String] = [:],
    consent: Bool = false, sessionID: UUID = UUID()
) throws {
    let journal = try SQLiteJournal.create(
        path: path, session: SessionCreated(sessionID: sessionID, title: "large", date: "2026-05-14"),
        by: "bench", at: Date(), cipher: cipher, meta: meta)
    var payloads: [any EventPayload] = (1...12).map {
        ParticipantAdded(code: String(format: "P%02d", $0), jobRole: "Role \($0)")
    }
    if consent {
        payloads += (1...12).map {
            ConsentRecorded(code: String(format: "P%02d", $0), items: ConsentChecklist.defaultItems, checkedBy: "bench")
        }
    }
    payloads += [
        GroupCreated(name: "Room A"), GroupCreated(name: "Room B"),
        CodebookSet(name: "pp", codes: BuiltInCodebook.practicePrinciples),
    ]
    try journal.append(payloads, by: "bench", at: Date())
    var written = 1 + payloads.count
    var number = 0
    while written < events {
        var batch: [any EventPayload] = []
        for i in 0..<min(1_000, events - written) {
            if number > 0 && (written + i) % 5 == 0 {
                batch.append(CodeTagged(number: number, code: BuiltInCodebook.practicePrinciples[number % 8].name))
            } else {
                number += 1
                batch.append(
                    ContributionLogged(
                        source: number % 7 == 0 ? .chat : .verbal, room: number % 3,
                        speaker: String(format: "P%02d", number % 12 + 1),
                        text:
                            "Contribution \(number): the conference chair brought online attendees in by name at each stage."
                    ))
            }
        }
        try journal.append(batch, by: "bench", at: Date())
        written += batch.count
    }
    try journal.writeSnapshot()
    try journal.close()
}

func openOnce(path: String) {
    do {
        var count = 0
        var contributions = 0
        let seconds = try Bench.seconds {
            let j = try SQLiteJournal.open(path: path, readOnly: true)
            count = j.state.eventCount
            contributions = j.state.contributions.count
        }
        print(
            "\(count) events (\(contributions) contributions) in \(Bench.ms(seconds)), peak memory \(String(format: "%.1f", Bench.peakMemoryMiB())) MiB"
        )
    } catch {
        print("open failed: \(error)")
        exit(1)
    }
}
