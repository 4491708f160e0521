import Foundation
import XCTest

@testable import Importers

final class ZoomChatParserTests: XCTestCase {
    func testOldOneLineVariant() throws {
        let chat = ZoomChatParser.parse(try Fixture.text("zoom-old-oneline.txt"))
        XCTAssertEqual(chat.skipped, [])
        XCTAssertEqual(chat.lineCount, 7)
        XCTAssertEqual(chat.messages.map(\.line), [1, 2, 3, 4, 5, 7])
        XCTAssertEqual(
            chat.messages.map(\.sender),
            ["Alex Rivera", "Sam Okafor", "Dr Morgan Hale", "Jordan Lee", "Alex Rivera", "Sam Okafor"])
        XCTAssertEqual(chat.messages[0].text, "Hello from the youth offending team")
        XCTAssertEqual(chat.messages[0].recipient, .everyone)
        // Only the first colon ends the header.
        XCTAssertEqual(chat.messages[1].text, "Good afternoon all: glad to be here")
        XCTAssertEqual(chat.messages[1].time, 14 * 3600 + 2 * 60 + 40)
        XCTAssertEqual(chat.messages[3].recipient, .direct("Dr Morgan Hale"))
        // An old-format message that runs on to an unindented line.
        XCTAssertEqual(chat.messages[4].text, "We see this a lot\nin schools too, especially after half term")
        XCTAssertEqual(chat.messages[5].recipient, .direct("Dr Morgan Hale"))
        XCTAssertTrue(chat.messages[5].isDirect)
    }

    func testNewVariantWithIndentedMessagesReactionsAndReplies() throws {
        let chat = ZoomChatParser.parse(try Fixture.text("zoom-new-multiline.txt"))
        XCTAssertEqual(chat.skipped, [])
        XCTAssertEqual(chat.messages.map(\.line), [1, 3, 8, 10, 14, 16, 18, 20, 22])
        let m = chat.messages
        XCTAssertEqual(m[0].text, "The biggest barrier is information sharing between agencies.")
        XCTAssertEqual(m[1].text, "Agreed.\nAnd the thresholds keep moving.\n\nEspecially for 16 and 17 year olds.")
        XCTAssertEqual(m[2].kind, .reaction(emoji: "👍", quoting: "The biggest barrier is..."))
        XCTAssertEqual(m[3].kind, .reply(quoting: "The biggest barrier is information sharing..."))
        XCTAssertEqual(m[3].text, "In our area the MASH helps with that.")
        XCTAssertEqual(m[5].recipient, .direct("Riley Chen"))
        XCTAssertEqual(m[6].kind, .reactionRemoved(emoji: "👍", quoting: "Agreed."))
        XCTAssertEqual(m[7].sender, "Jordan Lee")
        XCTAssertEqual(m[7].recipient, .everyone)
        XCTAssertEqual(m[7].time, 14 * 3600 + 12 * 60 + 30)
        // "To" is a surname here, not the recipient marker.
        XCTAssertEqual(m[8].sender, "Ngozi To")
        XCTAssertEqual(m[8].recipient, .everyone)
    }

    func testCRLFAndByteOrderMark() throws {
        let chat = ZoomChatParser.parse(try Fixture.text("zoom-crlf-bom.txt"))
        XCTAssertEqual(chat.skipped, [])
        XCTAssertEqual(chat.messages.map(\.sender), ["Alex Rivera", "Sam Okafor"])
        XCTAssertEqual(chat.messages.map(\.text), ["Morning all", "Morning!\nSecond line"])
        XCTAssertFalse(chat.messages.contains { $0.text.contains("\r") || $0.sender.contains("\u{FEFF}") })
    }

    func testUTF16WithByteOrderMarkIsRead() throws {
        let chat = ZoomChatParser.parse(try Fixture.text("zoom-utf16le.txt"))
        XCTAssertEqual(chat.messages.count, 1)
        XCTAssertEqual(chat.messages.first?.text, "Saved as UTF-16 by a text editor — still fine £")
    }

    func testHostileFileReportsBadLinesAndReadsTheRest() throws {
        let chat = ZoomChatParser.parse(try Fixture.text("zoom-hostile.txt"))
        XCTAssertEqual(chat.skipped.map(\.line), [1, 6, 14, 15, 16, 18], "\(chat.skipped)")
        XCTAssertTrue(chat.skipped[1].reason.contains("99:99:99 is not a time of day"))
        XCTAssertTrue(chat.skipped[2].reason.contains("expected `From NAME`"))
        XCTAssertEqual(chat.skipped[3].reason, "the message has no sender's name")
        XCTAssertTrue(chat.skipped[4].reason.contains("no `:`"))
        XCTAssertEqual(chat.skipped[5].reason, "the message has no text")
        let m = chat.messages
        XCTAssertEqual(m.map(\.line), [2, 4, 8, 10, 12, 19])
        XCTAssertEqual(m[0].sender, "Priya 🌻 Shah")
        XCTAssertEqual(m[1].sender, "نور حداد")
        XCTAssertEqual(m[1].text, "مرحبا بالجميع — hello everyone")
        // Terminal escapes and control characters are dropped; the words stay.
        XCTAssertEqual(m[2].text, "Colours red and a title  and a bell here")
        XCTAssertEqual(chat.warnings.map(\.line), [10], "out of order")
        // Past midnight the clock runs on into the next day.
        XCTAssertEqual(m[4].time, 86_400 + 40)
        XCTAssertEqual(m[5].text, "שלום, עברית מימין לשמאל")
        for message in m {
            XCTAssertFalse(message.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        }
    }

    func testHeaderShapes() {
        let cases: [(String, String, ChatRecipient, String)] = [
            ("10:00:00 From A B : hi", "A B", .everyone, "hi"),
            ("10:00:00 From A B to Everyone: hi", "A B", .everyone, "hi"),
            ("10:00:00 From A B To Everyone: hi", "A B", .everyone, "hi"),
            ("10:00:00\t From  A B  to  C D(Privately) : hi", "A B", .direct("C D"), "hi"),
            ("10:00:00 From A B to C D (Direct Message): hi", "A B", .direct("C D"), "hi"),
            ("10:00:00 From A B to C D(direct message): hi", "A B", .direct("C D"), "hi"),
            ("10:00:00 From A B to Waiting Room Participants: hi", "A B", .group("Waiting Room Participants"), "hi"),
            ("02:05:09 PM From A B to Everyone: hi", "A B", .everyone, "hi"),
            ("9:05 From A B : short clock", "A B", .everyone, "short clock"),
            ("10:00:00.250 From A B : fractions", "A B", .everyone, "fractions"),
        ]
        for (line, sender, recipient, text) in cases {
            let chat = ZoomChatParser.parse(line)
            XCTAssertEqual(chat.skipped, [], line)
            XCTAssertEqual(chat.messages.first?.sender, sender, line)
            XCTAssertEqual(chat.messages.first?.recipient, recipient, line)
            XCTAssertEqual(chat.messages.first?.text, text, line)
        }
        XCTAssertEqual(ZoomChatParser.parse("02:05:09 PM From A : x").messages.first?.time, 14 * 3600 + 5 * 60 + 9)
        XCTAssertEqual(ZoomChatParser.parse("12:05:00 AM From A : x").messages.first?.time, 5 * 60)
        XCTAssertEqual(ZoomChatParser.parse("10:00:00.250 From A : x").messages.first?.time, 36_000.25)
        XCTAssertEqual(ZoomChatParser.parse("13:00:00 PM From A : x").skipped.first?.line, 1)
    }

    func testEmptyAndBlankFiles() throws {
        XCTAssertEqual(ZoomChatParser.parse(try Fixture.text("empty.txt")), ChatTranscript())
        let blank = ZoomChatParser.parse("\n\n   \r\n\t\n")
        XCTAssertEqual(blank.messages, [])
        XCTAssertEqual(blank.skipped, [])
        XCTAssertEqual(blank.lineCount, 4)
    }

    func testMessageLinesThatLookLikeTimesStayText() {
        let chat = ZoomChatParser.parse(
            """
            10:00:00 From A : Shall we meet at
            10:30 works for me
            \t10:00:00 From the minutes: indented, so text
            """)
        XCTAssertEqual(chat.skipped, [])
        XCTAssertEqual(chat.messages.count, 1)
        XCTAssertEqual(
            chat.messages[0].text, "Shall we meet at\n10:30 works for me\n10:00:00 From the minutes: indented, so text")
    }

    func testOneMegabyteLine() {
        let big = String(repeating: "abcdefghij ", count: 100_000) // 1.1 MB on one line
        let text = "10:00:00 From A : short\n10:00:01 From B to Everyone:\n\t\(big)\n10:00:02 From A : after\n"
        let started = Date()
        let chat = ZoomChatParser.parse(text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "linear time on a 1 MB line")
        XCTAssertEqual(chat.messages.map(\.line), [1, 2, 4])
        XCTAssertEqual(chat.messages[1].text.utf8.count, big.utf8.count - 1) // the trailing space is trimmed
        let header = "10:00:00 From " + String(repeating: "x", count: 1_000_000)
        XCTAssertEqual(
            ZoomChatParser.parse(header).skipped.map(\.line), [1], "a 1 MB header with no colon is one bad line")
    }
}
