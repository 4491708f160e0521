import Foundation
import Importers
import SessionModel
import SessionStore
import XCTest

@testable import SessionActions

/// An import plans its contribution numbers — the ones its tags and replies
/// link to — inside the write transaction, from the latest state. Before
/// SessionActions, it planned from the state its handle had last read, so a
/// console that had not yet seen another writer's 200 contributions linked
/// every tag and reply 200 contributions too early.
final class ImportRaceTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "convene-actions-race-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func session() throws -> String {
        let path = dir + "/race.convene"
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let j = try SQLiteJournal.create(
            path: path, session: SessionCreated(sessionID: UUID(), title: "Race", date: "2026-09-21"),
            by: "Sam Lead", at: t0)
        try j.append(
            [
                FacilitatorAdded(name: "Sam Lead", role: .lead),
                ParticipantAdded(code: "P01", jobRole: "Youth worker"), ParticipantAdded(code: "P02", jobRole: "Nurse"),
            ],
            by: "Sam Lead", at: t0)
        try j.close()
        return path
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every reply points at the message it quotes; every tag sits on the note that carried it.
    func assertLinksRight(_ state: SessionState, file: StaticString = #filePath, line: UInt = #line) {
        let byText = Dictionary(state.contributions.map { ($0.text, $0.number) }, uniquingKeysWith: { a, _ in a })
        let reply = state.contributions.first { $0.text == "In our area the MASH helps with that." }
        XCTAssertEqual(
            reply?.replyTo, [byText["The biggest barrier is information sharing between agencies."]!],
            "the reply links to the message it quotes", file: file, line: line)
        for note in ["Thresholds keep moving", "Trusted adults matter"] {
            let c = state.contributions.first { $0.text == note }
            XCTAssertEqual(c?.codes, ["frame: Barriers"], "\(note) carries its own frame code", file: file, line: line)
        }
        let noise = state.contributions.filter { $0.text.hasPrefix("noise ") }
        XCTAssertEqual(noise.count, 200, file: file, line: line)
        XCTAssertTrue(
            noise.allSatisfy { $0.codes.isEmpty && $0.replyTo.isEmpty },
            "no tag or reply landed on another writer's line",
            file: file, line: line)
    }

    func testAnImportLinksAgainstTheStateInsideItsTransaction() throws {
        let path = try session()
        let chat = try write(
            "chat.txt",
            """
            14:10:01 From P01 to Everyone:
            \tThe biggest barrier is information sharing between agencies.
            14:11:02 From P02 to Everyone:
            \tReplying to "The biggest barrier is information sharing..."

            \tIn our area the MASH helps with that.

            """)
        let board = try write(
            "board.csv",
            """
            Content,Frame
            Thresholds keep moving,Barriers
            Trusted adults matter,Barriers

            """)
        // The console's handle has read the session; then another writer adds 200 lines it has not seen.
        let console = try SQLiteJournal.open(path: path)
        let other = try SQLiteJournal.open(path: path)
        for i in 1...200 {
            try other.append(
                [ContributionLogged(source: .chat, speaker: "P01", text: "noise \(i)")], by: "Ira Notes",
                at: Date(timeIntervalSince1970: 1_790_000_100 + Double(i)))
        }
        XCTAssertEqual(console.state.contributions.count, 0, "the console has not refreshed yet")
        let actor = ActingUser(name: "Sam Lead", role: .lead)
        let at = Date(timeIntervalSince1970: 1_790_001_000)
        try SessionActions.perform(
            .importFile(ImportOrder(input: .file(.zoomChat, path: chat))), by: actor, on: console, at: at)
        try SessionActions.perform(
            .importFile(ImportOrder(input: .file(.miroCSV, path: board))), by: actor, on: console, at: at)
        assertLinksRight(try SQLiteJournal.open(path: path, readOnly: true).state)
    }

    /// The same with a real second writer running at the same time: a thread
    /// appending 200 contributions while imports run one after another.
    func testImportsWhileAnotherWriterAppends() throws {
        let path = try session()
        var chats: [String] = []
        for k in 0..<10 {
            chats.append(
                try write(
                    "chat\(k).txt",
                    """
                    14:10:0\(k) From P01 to Everyone:
                    \tFirst point \(k) about information sharing.
                    14:11:0\(k) From P02 to Everyone:
                    \tReplying to "First point \(k) about..."

                    \tA reply to point \(k).

                    """))
        }
        let done = DispatchSemaphore(value: 0)
        let other = try SQLiteJournal.open(path: path)
        Thread.detachNewThread {
            for i in 1...200 {
                _ = try? other.append(
                    [ContributionLogged(source: .chat, speaker: "P01", text: "noise \(i)")], by: "Ira Notes",
                    at: Date(timeIntervalSince1970: 1_790_000_100 + Double(i)))
            }
            done.signal()
        }
        let console = try SQLiteJournal.open(path: path)
        for chat in chats {
            try SessionActions.perform(
                .importFile(ImportOrder(input: .file(.zoomChat, path: chat))),
                by: ActingUser(name: "Sam Lead"), on: console, at: Date(timeIntervalSince1970: 1_790_001_000))
        }
        done.wait()
        let state = try SQLiteJournal.open(path: path, readOnly: true).state
        for k in 0..<10 {
            let first = try XCTUnwrap(
                state.contributions.first { $0.text == "First point \(k) about information sharing." })
            let reply = try XCTUnwrap(state.contributions.first { $0.text == "A reply to point \(k)." })
            XCTAssertEqual(reply.replyTo, [first.number], "reply \(k)")
        }
        XCTAssertEqual(state.contributions.filter { $0.text.hasPrefix("noise ") }.count, 200)
    }
}
