import Foundation
import SessionModel
import XCTest

@testable import SessionStore

/// A long session's snapshot (integers read unaligned, contributions built in one
/// array): the state must be the one that was written.
final class SnapshotDecodeTests: XCTestCase {
    func testALongSnapshotDecodesToTheStateThatWasWritten() throws {
        let dir = NSTemporaryDirectory() + "convene-snapshot-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/long.convene"
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let j = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "Long", date: "2026-09-21"),
            by: "Sam Lead", at: t0)
        try j.append(
            [
                ParticipantAdded(code: "P01", jobRole: "Youth worker"), ParticipantAdded(code: "P02", jobRole: "Nurse"),
                GroupCreated(name: "Room A"),
            ], by: "Sam Lead", at: t0)
        let total = 9_426
        var number = 0
        while number < total {
            var batch: [any EventPayload] = []
            for _ in 0..<min(1_000, total - number) {
                number += 1
                batch.append(
                    ContributionLogged(
                        source: number % 3 == 0 ? .chat : .verbal, room: number % 2,
                        speaker: number % 5 == 0 ? nil : "P0\(1 + number % 2)",
                        text: "Line \(number) — é, 👩‍👧 and \(String(repeating: "x", count: number % 300))",
                        replyTo: number > 1 && number % 7 == 0 ? [number - 1] : []))
                if number % 4 == 0 { batch.append(CodeTagged(number: number, code: "emergent \(number % 9)")) }
            }
            try j.append(batch, by: "Sam Lead", at: t0.addingTimeInterval(Double(number)))
        }
        try j.append(
            [ContributionStruck(number: 17, reason: "off the record")], by: "Sam Lead",
            at: t0.addingTimeInterval(99_999))
        let written = j.state
        try j.writeSnapshot()
        try j.close()
        let reopened = try SQLiteJournal.open(path: path, readOnly: true)
        XCTAssertEqual(reopened.state.contributions.count, total)
        XCTAssertEqual(reopened.state, written, "the snapshot decodes to the state written")
    }
}
