import Foundation
import XCTest

final class ImportCLITests: XCTestCase {
    func testZoomChatImportMapsNamesAndIsIdempotent() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Import", "--date", "2026-05-14"])
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        let chat = dir.appendingPathComponent("meeting_saved_chat.txt")
        try Data("\u{FEFF}10:01:02\t From  Alex Smith  to  Everyone:\r\n\tHello everyone\r\n10:02:10\t From  Sam Lead  to  Everyone:\r\n\tWelcome all\r\n10:03:00\t From  Bea Jones  to  Everyone:\r\n\tThe chair skipped us\r\n".utf8).write(to: chat)

        let refused = try ConveneProcess.run(["import", f, "--zoom-chat", chat.path])
        XCTAssertNotEqual(refused.status, 0, "unknown names are asked for, never guessed")
        XCTAssertTrue(refused.stderr.contains("Alex Smith"))
        XCTAssertEqual(try ConveneProcess.ok(["list", f, "--json"]).lines.count, 0, "nothing partial")

        let added = try ConveneProcess.ok(["import", f, "--zoom-chat", chat.path, "--add-unknown"])
        XCTAssertTrue(added.stdout.contains("P01"), added.stdout)
        let again = try ConveneProcess.ok(["import", f, "--zoom-chat", chat.path, "--add-unknown"])
        XCTAssertTrue(again.stdout.contains("0 contributions to add"), again.stdout)
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(list.count, 3)
        XCTAssertEqual(list.map { $0["source"] as? String }, ["chat", "facilitator", "chat"])
        XCTAssertEqual(list[0]["speaker"] as? String, "P01")
        XCTAssertEqual(list[0]["text"] as? String, "Hello everyone")
        XCTAssertNil(list[1]["speaker"] as? String, "a facilitator's chat carries no participant speaker")
        // The display names went to the linkage table, never to show/list output.
        XCTAssertFalse(try ConveneProcess.ok(["show", f, "--json"]).stdout.contains("Alex Smith"))
    }

    func testMiroNotesCarryNoSpeaker() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Board"])
        try ConveneProcess.ok(["group", "add", f, "Room A"])
        let notes = dir.appendingPathComponent("board.txt")
        try Data("Less travel\nMore parents attend\n".utf8).write(to: notes)
        try ConveneProcess.ok(["import", f, "--miro-csv", notes.path, "--room", "Room A"])
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(list.count, 2)
        XCTAssertTrue(list.allSatisfy { $0["source"] as? String == "whiteboard" && $0["speaker"] == nil && $0["room"] as? String == "Room A" })
    }
}
