import Foundation
import XCTest

@testable import Importers

final class WebVTTParserTests: XCTestCase {
    func testTeamsVoiceTagsNotesStylesAndMerging() throws {
        let vtt = WebVTTParser.parse(try Fixture.text("teams.vtt"))
        XCTAssertEqual(vtt.skipped, [])
        XCTAssertEqual(vtt.warnings, [])
        XCTAssertEqual(vtt.cues.map(\.line), [12, 16, 20, 24, 29, 33, 33])
        XCTAssertEqual(
            vtt.cues.map(\.speaker),
            [
                "Dr Morgan Hale", "Dr Morgan Hale", "Alex Rivera", "Alex Rivera", "Sam Okafor", "Alex Rivera",
                "Sam Okafor",
            ])
        XCTAssertEqual(vtt.cues[0].id, "5b0e1c6a-43a1-4c8e-9b55-0cfd8d7b1f2e/11-0")
        XCTAssertEqual(vtt.cues[0].start, 3.12, accuracy: 0.0001)
        XCTAssertEqual(vtt.cues[0].end, 5.64, accuracy: 0.0001)
        XCTAssertEqual(vtt.cues[4].text, "School nurse & safeguarding lead.", "entities decoded, voice class ignored")

        let turns = vtt.turns()
        XCTAssertEqual(
            turns.map(\.speaker), ["Dr Morgan Hale", "Alex Rivera", "Sam Okafor", "Alex Rivera", "Sam Okafor"])
        XCTAssertEqual(turns[0].text, "Thanks everyone for joining. Let's start with introductions.")
        XCTAssertEqual(turns[0].cues, 2)
        XCTAssertEqual(
            turns[1].text, "I work in a youth offending team. Mostly with boys aged 14 to 17, mostly county lines.")
        XCTAssertEqual(turns[1].start, 9.01, accuracy: 0.0001)
        XCTAssertEqual(turns[1].end, 16.9, accuracy: 0.0001)
        XCTAssertEqual(turns[1].line, 20)
    }

    func testZoomNameColonCues() throws {
        let vtt = WebVTTParser.parse(try Fixture.text("zoom.vtt"))
        XCTAssertEqual(vtt.skipped, [])
        XCTAssertEqual(vtt.cues.map(\.speaker), ["Dr Morgan Hale", "Alex Rivera", "Alex Rivera", "Sam Okafor"])
        XCTAssertEqual(vtt.cues[2].text, "The problem is: nobody owns the referral.")
        XCTAssertEqual(vtt.cues[3].text, "I agree with that. It gets passed around.")
        let turns = vtt.turns()
        XCTAssertEqual(turns.count, 3)
        XCTAssertEqual(turns[1].text, "Yes, loud and clear. The problem is: nobody owns the referral.")
    }

    func testAColonInSpeechIsNotTakenForASpeaker() {
        let vtt = WebVTTParser.parse(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            <v Alex Rivera>First.

            00:00:03.000 --> 00:00:04.000
            The point is: nobody listens.

            00:00:05.000 --> 00:00:06.000
            And then they leave.
            """)
        XCTAssertEqual(vtt.cues.map(\.speaker), ["Alex Rivera", nil, nil])
        XCTAssertEqual(vtt.cues[1].text, "The point is: nobody listens.")
    }

    func testShortTimestampsAndCommas() throws {
        let vtt = WebVTTParser.parse(try Fixture.text("vtt-short-times.vtt"))
        XCTAssertEqual(vtt.skipped, [])
        XCTAssertEqual(vtt.cues.map(\.start), [1.0, 4.0])
        XCTAssertEqual(vtt.cues.map(\.end), [3.5, 6.25])
        XCTAssertEqual(vtt.cues.map(\.speaker), ["Alex Rivera", "Sam Okafor"])
    }

    func testMalformedBlocksAreReportedAndSkipped() throws {
        let vtt = WebVTTParser.parse(try Fixture.text("vtt-malformed.vtt"))
        XCTAssertEqual(vtt.skipped.map(\.line), [8, 11], "\(vtt.skipped)")
        XCTAssertTrue(vtt.skipped[0].reason.contains("00:00:xx.000"))
        XCTAssertEqual(vtt.cues.map(\.line), [4, 16, 20])
        XCTAssertEqual(vtt.cues.map(\.text), ["First cue is fine.", "Third cue is fine.", "Out of order, still read."])
        XCTAssertEqual(vtt.warnings.map(\.line), [20])
    }

    func testTimestamps() {
        func ts(_ s: String) -> TimeInterval? {
            var copy = s
            return copy.withUTF8 { WebVTTParser.timestamp($0) }
        }
        XCTAssertEqual(ts("01:02:03.004"), 3723.004)
        XCTAssertEqual(ts("02:03.5"), 123.5)
        XCTAssertEqual(ts("123:00:00.000"), 442_800)
        XCTAssertNil(ts("00:60.000"))
        XCTAssertNil(ts("00:00:00.000x"))
        XCTAssertNil(ts("1.000"))
        XCTAssertNil(ts(""))
        XCTAssertNil(ts("00:0a.000"))
    }

    func testNoHeaderMissingBlankLinesAndEmptyCues() {
        let vtt = WebVTTParser.parse(
            """
            00:00:01.000 --> 00:00:02.000
            <v A>one
            00:00:02.000 --> 00:00:03.000
            <v A>two

            00:00:04.000 --> 00:00:05.000

            00:00:06.000 --> 00:00:07.000 align:start position:10%
            <v B><i>three</i> <c.yellow>four</c> <00:00:06.500>five
            """)
        XCTAssertEqual(vtt.warnings.map(\.line), [1])
        XCTAssertEqual(vtt.cues.map(\.text), ["one", "two", "three four five"])
        XCTAssertEqual(vtt.turns().map(\.text), ["one two", "three four five"])
    }

    func testTurnsStopAtTheContributionLimitAndAtLongPauses() {
        let sentence = String(repeating: "x", count: 60_000)
        let vtt = WebVTTTranscript(cues: [
            TranscriptCue(line: 1, start: 0, end: 1, speaker: "A", text: sentence),
            TranscriptCue(line: 2, start: 1, end: 2, speaker: "A", text: sentence),
            TranscriptCue(line: 3, start: 200, end: 201, speaker: "A", text: "later"),
        ])
        XCTAssertEqual(vtt.turns().map(\.cues), [1, 2])
        XCTAssertEqual(vtt.turns(maxGap: 60).map(\.cues), [1, 1, 1])
    }
}
