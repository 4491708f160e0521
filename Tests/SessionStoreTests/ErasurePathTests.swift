import Foundation
import Privacy
import SessionModel
import XCTest

@testable import SessionStore

/// The erasure path of the kinds the other tests never wrote: a theme unlinked from a
/// withdrawn contribution goes with it; a renamed room does not (it is about no one).
final class ErasurePathTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_777_600_000)

    func testThemeUnlinkedGoesWithTheContributionAndGroupRenamedStays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "erasure-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("e.convene").path
        let j = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "E", date: "2026-05-01"),
            by: "Sam", at: t0)
        let secret = "Unlinked-\(UUID().uuidString.prefix(8))"
        try j.append(
            [
                ParticipantAdded(code: "P01", jobRole: "Youth worker"), ParticipantAdded(code: "P02", jobRole: "Nurse"),
                GroupCreated(name: "Room A"), GroupRenamed(room: 1, name: "Chairs-\(secret.suffix(4))"),
                ContributionLogged(source: .verbal, speaker: "P01", text: secret),
                ContributionLogged(source: .verbal, speaker: "P02", text: "Stays"),
                ThemeCreated(title: "Travel"), ThemeLinked(theme: 1, number: 1), ThemeLinked(theme: 1, number: 2),
                ThemeUnlinked(theme: 1, number: 1), ThemeLinked(theme: 1, number: 1),
            ], by: "Sam", at: t0)
        let before = try j.allEvents()
        let unlinkSeq = try XCTUnwrap(before.first { $0.event.body.kind == .themeUnlinked }?.seq)
        let renameSeq = try XCTUnwrap(before.first { $0.event.body.kind == .groupRenamed }?.seq)
        XCTAssertEqual(ErasureRules.subject(of: before[unlinkSeq - 1].event.body), .aboutContribution(1))
        XCTAssertEqual(ErasureRules.subject(of: before[renameSeq - 1].event.body), .none)

        let clear = ErasureRules.withdrawal(of: "P01", erasing: [1], in: before)
        XCTAssertTrue(clear.contains(unlinkSeq), "theme.unlinked about #1 is cleared with it")
        XCTAssertFalse(clear.contains(renameSeq), "group.renamed is about no one")

        let receipt = try j.withdraw(WithdrawalRequest(code: "P01", requestedOn: "2026-05-02"), by: "Sam", at: t0)
        XCTAssertEqual(receipt.erased, [1])
        let after = try j.allEvents()
        XCTAssertTrue(after[unlinkSeq - 1].event.isErased)
        XCTAssertEqual(after[unlinkSeq - 1].event.body, .erased(.themeUnlinked))
        XCTAssertFalse(after[renameSeq - 1].event.isErased)
        XCTAssertEqual(j.state.rooms.first { $0.id == 1 }?.name, "Chairs-\(secret.suffix(4))")
        XCTAssertEqual(j.state.themes[0].contributions, [2])
        XCTAssertEqual(try SessionState.replay(after.map(\.event)), j.state)
        XCTAssertTrue(try SQLiteJournal.check(path: path).isHealthy)
        try j.close()
        for suffix in ["", "-wal", "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: path + suffix) else { continue }
            XCTAssertNil(bytes.range(of: Data(secret.utf8)), "the withdrawn words are still in \(suffix)")
        }
    }
}
