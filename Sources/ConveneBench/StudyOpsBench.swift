import Exporters
import Foundation
import SessionModel
import SessionStore
import Study

/// A study of 20 sessions × 2 000 contributions: the study qdpx export (target
/// under 5 s) and withdrawing one person who attended every session (target under
/// 30 s: erase, replay, snapshot, checkpoint and VACUUM in each of the 20 files).
///   convene-bench study-ops [SESSIONS CONTRIBUTIONS]
func runStudyBenchmarks(_ args: [String] = []) {
    let sessions = args.first.flatMap(Int.init) ?? 20
    let perSession = args.dropFirst().first.flatMap(Int.init) ?? 2_000
    do {
        let dir = Bench.tempDir("study-ops")
        let today = SessionDate.format(Date())
        let study = try Study.create(
            directory: dir, title: "Bench study", withdrawalDays: 14,
            codebookName: BuiltInCodebook.practicePrinciplesName,
            codes: BuiltInCodebook.practicePrinciples,
            checklist: ConsentChecklist.defaultItems.map { ConsentItem(name: $0) },
            id: UUID(uuidString: "2A7C9E4B-5D31-4F0A-8B6E-1C2D3E4F5A6B")!)
        let built = try Bench.seconds {
            for s in 0..<sessions {
                let path = dir + "/group\(s + 1).convene"
                let journal = try SQLiteJournal.create(
                    path: path, session: SessionCreated(sessionID: UUID(), title: "Group \(s + 1)", date: today),
                    by: "bench", at: Date())
                // P01 attends every group; the others one group each (codes unique across the study).
                let codes = ["P01"] + (0..<5).map { String(format: "P%03d", 100 + s * 5 + $0) }
                var setup: [any EventPayload] = [
                    FacilitatorAdded(name: "bench", role: .lead),
                    CodebookSet(
                        name: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples),
                ]
                for (k, code) in codes.enumerated() {
                    setup.append(ParticipantAdded(code: code, jobRole: k == 0 ? "Conference chair" : "Social worker"))
                    setup.append(RealNameRecorded(code: code, name: "Person \(code) Benchname"))
                    setup.append(ConsentRecorded(code: code, items: ConsentChecklist.defaultItems, checkedBy: "bench"))
                }
                try journal.append(setup, by: "bench", at: Date())
                var batch: [any EventPayload] = []
                for i in 0..<perSession {
                    let n = i + 1
                    let source: ContributionSource = i % 10 == 9 ? .whiteboard : i % 3 == 0 ? .chat : .verbal
                    batch.append(
                        ContributionLogged(
                            source: source, speaker: source == .whiteboard ? nil : codes[i % codes.count],
                            text: "Group \(s + 1) contribution \(n): hybrid conferences keep families at a distance.",
                            replyTo: i % 7 == 6 ? [n - 1] : []))
                    if i % 4 == 0 {
                        batch.append(CodeTagged(number: n, code: BuiltInCodebook.practicePrinciples[i % 8].name))
                    }
                    if batch.count >= 500 {
                        try journal.append(batch, by: "bench", at: Date())
                        batch = []
                    }
                }
                if !batch.isEmpty { try journal.append(batch, by: "bench", at: Date()) }
                try journal.writeSnapshot()
                try journal.close()
                try study.add(location: path, strand: s % 2 == 0 ? "chairs" : "social workers", by: "bench", at: Date())
            }
        }
        print(
            "study-ops: built \(sessions) sessions × \(perSession) contributions in \(String(format: "%.1f", built)) s")
        let opened = try Study.open(dir)
        var bytes = 0
        var runs: [Double] = []
        for _ in 0..<3 { runs.append(try Bench.seconds { bytes = try opened.export(format: .qdpx).data.count }) }
        print(
            "study-ops: study qdpx export (\(sessions) sessions, \(sessions * perSession) contributions, \(bytes) bytes): "
                + "median \(String(format: "%.2f", Bench.percentile(runs, 50))) s (runs: \(runs.map { String(format: "%.2f", $0) }.joined(separator: ", ")) s; target < 5 s)"
        )
        var receipt: StudyWithdrawalReceipt?
        let withdraw = try Bench.seconds {
            receipt = try opened.withdraw(
                code: "P01", requestedOn: today, by: "bench", at: Date(), today: today, dryRun: false)
        }
        let erased = receipt?.sessions.reduce(0) { $0 + $1.receipt.erased.count } ?? 0
        print(
            "study-ops: withdraw P01 from \(receipt?.sessions.count ?? 0) sessions (\(erased) contributions erased, purged: \(receipt?.purged ?? false)): "
                + "\(String(format: "%.2f", withdraw)) s (target < 30 s)")
        print("study-ops: peak memory \(String(format: "%.0f", Bench.peakMemoryMiB())) MiB")
        try? FileManager.default.removeItem(atPath: dir)
    } catch {
        print("study-ops: failed: \(error)")
        exit(1)
    }
}
