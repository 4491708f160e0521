/// The session memory measured on the labelled corpora (issue 18): CorpusEvaluationTests score each utterance on its
/// own, as `convene scan --jsonl` reads it; here each corpus is one session (every utterance a contribution, nothing
/// reviewed), and what `convene review` lists — each contribution's own findings, then the terms the session
/// remembers from the others (`Redactor.sessionFindings`) — is scored in overlap mode beside the scan alone. Prints
/// both figures per corpus, the identifiers the memory found that the scan missed, and its false alarms.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class SessionMemoryCorpusTests: XCTestCase {
    static let corpora = [
        "dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8",
        "blind9", "blind10", "blind13", "blind14", "blind15", "blind16",
    ]

    /// Written at once, not through `print`'s buffer (ExportLeakTests: a pipe lost the tail of buffered output).
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A session of the corpus's utterances, one contribution each by a consented participant, nothing reviewed.
    static func session(_ lines: [CorpusLine]) throws -> SessionState {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var events: [SessionEvent] = []
        func add(_ p: any EventPayload) {
            events.append(SessionEvent(at: t0.addingTimeInterval(Double(events.count)), by: "Sam Lead", p))
        }
        add(SessionCreated(sessionID: UUID(), title: "Corpus", date: "2026-05-14"))
        add(ParticipantAdded(code: "P01", jobRole: "Social worker"))
        add(ConsentRecorded(code: "P01", items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        add(GroupCreated(name: "Room"))
        for line in lines { add(ContributionLogged(source: .verbal, room: 1, speaker: "P01", text: line.text)) }
        return try SessionState.replay(events)
    }

    /// Overlap precision and recall of `found` (by line) against the gold spans.
    static func score(_ lines: [CorpusLine], _ found: [[Finding]]) -> Score {
        var s = Score()
        for (line, preds) in zip(lines, found) {
            for p in preds {
                s.preds += 1
                if line.spans.contains(where: { CorpusEvaluation.matches(p, $0, .overlap) }) { s.predMatched += 1 }
            }
            for g in line.spans {
                s.golds += 1
                if preds.contains(where: { CorpusEvaluation.matches($0, g, .overlap) }) { s.goldMatched += 1 }
            }
        }
        return s
    }

    func testTheSessionMemoryRaisesRecallOnEveryCorpusWithoutLosingPrecision() throws {
        var memoryHits = 0
        var memoryFalseAlarms = 0
        for name in Self.corpora {
            let lines = try CorpusEvaluation.load(name)
            let state = try Self.session(lines)
            let redactor = Redactor(session: state)
            let alone = lines.map { redactor.scanner.scan($0.text) }
            let (withMemory, memory) = redactor.sessionFindings(state)
            let found = lines.indices.map { withMemory[$0 + 1] ?? [] }
            let before = Self.score(lines, alone)
            let after = Self.score(lines, found)
            say(
                String(
                    format: "memory: %@ (%d utterances, %d remembered): overlap P %.3f → %.3f, R %.3f → %.3f",
                    name, lines.count, memory.remembered.count, before.precision, after.precision, before.recall,
                    after.recall))
            // blind2's held-out third (ids that are multiples of 3) is counted, never shown.
            func shown(_ line: CorpusLine) -> Bool {
                name != "blind2" || (Int(line.id.split(separator: "-").last ?? "") ?? 0) % 3 != 0
            }
            for (k, line) in lines.enumerated() {
                let added = found[k].filter { f in !alone[k].contains { $0.span == f.span && $0.label == f.label } }
                for f in added {
                    let hit = line.spans.contains { CorpusEvaluation.matches(f, $0, .overlap) }
                    if hit { memoryHits += 1 } else { memoryFalseAlarms += 1 }
                    if shown(line) {
                        say(
                            "  \(hit ? "found" : "FALSE ALARM") \(line.id) \(f.label.rawValue) “\(f.text)”  in: \(line.text)"
                        )
                    }
                }
            }
            // The memory only adds findings: recall never falls, and it costs at most a point of precision.
            XCTAssertGreaterThanOrEqual(after.recall, before.recall, "\(name): recall with the memory")
            XCTAssertGreaterThanOrEqual(after.precision, before.precision - 0.01, "\(name): precision with the memory")
        }
        say("memory: \(memoryHits) identifiers found by the memory alone, \(memoryFalseAlarms) false alarms")
        // About one false alarm in 1 800 utterances at session 8 (a scanner's false alarm said again elsewhere); five
        // in 7 400 with blind13 and blind14, one of them a surname inside an e-mail said aloud that the e-mail rule
        // covered only in part (the memory's word is a piece of an identifier, labelled EMAIL).
        XCTAssertLessThanOrEqual(memoryFalseAlarms, 5, "the memory's false alarms over every corpus")
    }
}
