import Foundation
import SessionModel
import XCTest

@testable import Importers

final class EncodingTests: XCTestCase {
    func testBinaryFileIsRefused() {
        XCTAssertThrowsError(try Fixture.text("binary.bin")) { error in
            XCTAssertEqual(error as? ImportError, .binaryFile(fileName: "binary.bin"))
            XCTAssertTrue("\(error)".contains("binary"))
        }
        // Binary without NULs: mostly control characters.
        let noisy = Data((0..<200).map { UInt8($0 % 8 + 1) })
        XCTAssertThrowsError(try ImportText.decode(noisy, fileName: "noise")) {
            XCTAssertEqual($0 as? ImportError, .binaryFile(fileName: "noise"))
        }
    }

    func testNonUTF8IsRefusedWithItsLine() {
        XCTAssertThrowsError(try Fixture.text("latin1.txt")) { error in
            XCTAssertEqual(error as? ImportError, .notUTF8(fileName: "latin1.txt", line: 2))
            XCTAssertEqual(
                "\(error)",
                "latin1.txt is not UTF-8 text (line 2 has bytes that are not UTF-8); save it as UTF-8 and import it again"
            )
        }
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            XCTAssertThrowsError(try ImportText.decode(Data([0x61, 0x0A] + bad), fileName: "f"), "\(bad)") {
                XCTAssertEqual($0 as? ImportError, .notUTF8(fileName: "f", line: 2))
            }
        }
    }

    func testUTF16AndUTF32() throws {
        let be = Data([0xFE, 0xFF]) + "hi £".data(using: .utf16BigEndian)!
        XCTAssertEqual(String(decoding: try ImportText.decode(be, fileName: "be").bytes, as: UTF8.self), "hi £")
        XCTAssertThrowsError(try ImportText.decode(Data([0xFF, 0xFE, 0x61]), fileName: "odd")) {
            XCTAssertEqual($0 as? ImportError, .brokenUTF16(fileName: "odd"))
        }
        XCTAssertThrowsError(try ImportText.decode(Data([0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00]), fileName: "lone")) {
            XCTAssertEqual($0 as? ImportError, .brokenUTF16(fileName: "lone"))
        }
        XCTAssertThrowsError(try ImportText.decode(Data([0xFF, 0xFE, 0, 0, 0x61, 0, 0, 0]), fileName: "u32")) {
            XCTAssertEqual($0 as? ImportError, .unsupportedEncoding(fileName: "u32", encoding: "UTF-32"))
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ImportText.read(path: "/nonexistent/meeting_saved_chat.txt")) { error in
            guard case .unreadableFile(let path, _)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/meeting_saved_chat.txt")
        }
    }

    func testEmptyFileImportsNothingForEveryFormat() throws {
        let state = TestSession.make()
        let empty = try Fixture.text("empty.txt")
        for plan in [
            try Importer.zoomChat(empty, into: state), try Importer.webVTT(empty, into: state),
            try Importer.miro(empty, into: state),
        ] {
            XCTAssertTrue(plan.isEmpty)
            XCTAssertTrue(plan.report.emptyFile)
            XCTAssertTrue(plan.report.summary.contains("the file is empty; nothing to import"))
        }
    }

    func testTheWrongFileIsRefusedAsAWhole() throws {
        let state = TestSession.make()
        XCTAssertThrowsError(try Importer.zoomChat(try Fixture.text("teams.vtt"), into: state)) { error in
            guard case .nothingRecognised(_, .zoomChat, let first)? = error as? ImportError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(first, "line 1: not a chat message (no `HH:MM:SS From NAME:` before it)")
        }
        XCTAssertThrowsError(try Importer.webVTT(try Fixture.text("zoom-new-multiline.txt"), into: state)) { error in
            guard case .nothingRecognised(_, .webVTT, _)? = error as? ImportError else { return XCTFail("\(error)") }
        }
    }

    /// A 50 MB chat, generated (not committed): read, decoded and parsed in one pass.
    func testFiftyMegabyteChat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("meeting_saved_chat.txt").path
        var chunk = ""
        var count = 0
        var seconds = 14 * 3600
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var written = 0
        while written < 50 * 1_048_576 {
            chunk = ""
            for _ in 0..<5000 {
                let clock = String(format: "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
                chunk +=
                    "\(clock) From Participant \(count % 7) to Everyone:\n\tMessage number \(count) about thresholds, referrals and the MASH.\n"
                count += 1
                if count % 4 == 0 { seconds += 1 }
            }
            try handle.write(contentsOf: Data(chunk.utf8))
            written += chunk.utf8.count
        }
        try handle.close()
        let started = Date()
        let text = try ImportText.read(path: path)
        let chat = ZoomChatParser.parse(text)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(text.bytes.count, 50 * 1_048_576)
        XCTAssertEqual(chat.messages.count, count)
        XCTAssertEqual(chat.skipped, [])
        XCTAssertEqual(
            chat.messages.last?.text, "Message number \(count - 1) about thresholds, referrals and the MASH.")
        XCTAssertLessThan(elapsed, 120, "a 50 MB chat must parse in linear time (took \(elapsed) s in a debug build)")
        print(
            "50 MB chat: \(chat.lineCount) lines, \(count) messages in \(String(format: "%.1f", elapsed)) s (debug build)"
        )
    }
}
