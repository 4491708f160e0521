import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import ConsoleApp

/// The race the action layer closes: a console commits an import while
/// another writer has appended 200 contributions the console has not read
/// yet. The import's replies and tags must link to the contributions they
/// were made for. (Before SessionActions the console planned from the state it
/// had last read, so every link pointed 200 contributions too early.)
final class ConsoleImportRaceTests: XCTestCase {
    func testACommittedImportLinksToTheRightContributionsAfterAnotherWriter() throws {
        let h = try ConsoleHarness(user: "Sam Lead")
        let chat = h.dir.appendingPathComponent("meeting_saved_chat.txt").path
        try """
        14:10:01 From P01 to Everyone:
        \tThe biggest barrier is information sharing between agencies.
        14:11:02 From P02 to Everyone:
        \tReplying to "The biggest barrier is information sharing..."

        \tIn our area the MASH helps with that.

        """.write(toFile: chat, atomically: true, encoding: .utf8)
        let board = h.dir.appendingPathComponent("board.csv").path
        try "Content,Frame\nThresholds keep moving,Barriers\n".write(toFile: board, atomically: true, encoding: .utf8)

        let other = try SQLiteJournal.open(path: h.path)
        let before = h.journal.state.contributions.count
        for i in 1...200 {
            try other.append(
                [ContributionLogged(source: .chat, speaker: "P04", text: "another console's line \(i)")],
                by: "Jo Notes",
                at: DemoSession.defaultStart.addingTimeInterval(3_000 + Double(i)))
        }
        XCTAssertEqual(h.journal.state.contributions.count, before, "the console has not read them yet")

        h.run([.commitImport(ImportRequest(kind: .zoomChat, path: chat, room: 0))])
        h.run([.commitImport(ImportRequest(kind: .miroCSV, path: board, room: 0))])
        XCTAssertNil(h.state.status?.range(of: "Not"), h.state.status ?? "")

        let state = try SQLiteJournal.open(path: h.path, readOnly: true).state
        let quoted = try XCTUnwrap(
            state.contributions.first { $0.text == "The biggest barrier is information sharing between agencies." })
        let reply = try XCTUnwrap(state.contributions.first { $0.text == "In our area the MASH helps with that." })
        XCTAssertEqual(reply.replyTo, [quoted.number], "the reply links to the message it quotes")
        let note = try XCTUnwrap(state.contributions.first { $0.text == "Thresholds keep moving" })
        XCTAssertEqual(note.codes, ["frame: Barriers"], "the frame code sits on its own note")
        let others = state.contributions.filter { $0.text.hasPrefix("another console's line") }
        XCTAssertEqual(others.count, 200)
        XCTAssertTrue(
            others.allSatisfy { $0.codes.isEmpty && $0.replyTo.isEmpty }, "nothing landed on another writer's lines")
    }
}
