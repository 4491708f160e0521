import Foundation
import SessionModel
import XCTest

@testable import Importers

/// One fixture per transcript vintage (invented words, written to the shapes
/// public files of 2020–2024 have): every cue arrives exactly once, with its
/// speaker where the file names one, and the report counts every entry.
final class TranscriptVintageTests: XCTestCase {
    /// P01–P05; the names each vintage uses, mapped.
    private var state: SessionState { TestSession.make(participants: 5) }
    private var names: NameMapping {
        try! mapping(
            """
            Alex Rivera,P01
            "Rivera, Alex",P01
            Sam Okafor,P02
            "Okafor, Sam",P02
            Jordan Lee,P03
            Robin Ashby,P04
            "Hale, Morgan",facilitator
            """)
    }

    private typealias Cue = (speaker: String?, text: String)

    /// The parsed cues are `expected`; imported, each text is in exactly one
    /// contribution, with the speaker's code (or none), and nothing is lost.
    private func check(
        _ transcript: WebVTTTranscript, _ expected: [Cue], plan: ImportPlan,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertEqual(transcript.cues.map(\.speaker), expected.map(\.speaker), file: file, line: line)
        XCTAssertEqual(transcript.cues.map(\.text), expected.map(\.text), file: file, line: line)
        let after = try TestSession.applying(plan, to: state)
        let codes = [
            "Alex Rivera": "P01", "Rivera, Alex": "P01", "Sam Okafor": "P02", "Okafor, Sam": "P02",
            "Jordan Lee": "P03", "Robin Ashby": "P04",
        ]
        for cue in expected {
            let holding = after.contributions.filter { $0.text.contains(cue.text) }
            XCTAssertEqual(holding.count, 1, "'\(cue.text)' must arrive exactly once", file: file, line: line)
            guard let c = holding.first else { continue }
            switch cue.speaker {
            case nil:
                XCTAssertEqual(c.speaker, nil, file: file, line: line)
                XCTAssertEqual(c.source, .verbal, file: file, line: line)
            case "Dr Morgan Hale", "Hale, Morgan": XCTAssertEqual(c.source, .facilitator, file: file, line: line)
            case let name?: XCTAssertEqual(c.speaker, codes[name], "\(name)", file: file, line: line)
            }
        }
        let r = plan.report
        XCTAssertEqual(r.imported, expected.count, file: file, line: line)
        XCTAssertEqual(
            r.read, r.imported + r.alreadyPresent + r.skippedTotal, "every entry is accounted for", file: file,
            line: line)
        XCTAssertEqual(r.lostEntries, 0, file: file, line: line)
        XCTAssertTrue(r.summary.contains(r.countsLine), file: file, line: line)
        // Importing the file again adds nothing.
        let again = try importAgain(plan.report.format, into: after)
        XCTAssertEqual(again.report.added, 0, file: file, line: line)
        XCTAssertEqual(again.report.alreadyPresent, expected.count, file: file, line: line)
    }

    private var lastText: ImportText?
    private var lastDocx: Data?

    private func importAgain(_ format: ImportFormat, into state: SessionState) throws -> ImportPlan {
        var options = ImportOptions(mapping: names)
        options.recordImport = true
        switch format {
        case .srt: return try Importer.srt(lastText!, into: state, options: options)
        case .teamsDocx: return try Importer.teamsDocx(lastDocx!, fileName: "again.docx", into: state, options: options)
        default: return try Importer.webVTT(lastText!, into: state, options: options)
        }
    }

    private func vtt(_ name: String) throws -> (WebVTTTranscript, ImportPlan) {
        let text = try Fixture.text(name)
        lastText = text
        let plan = try Importer.webVTT(text, into: state, options: ImportOptions(mapping: names))
        return (WebVTTParser.parse(text), plan)
    }

    func testTeams2022UnpaddedTimesAndAGlitchedNegativeTime() throws {
        let (t, plan) = try vtt("teams-2022-unpadded.vtt")
        try check(
            t,
            [
                ("Dr Morgan Hale", "Welcome back, everyone, we will pick up where we left off."),
                ("Dr Morgan Hale", "Who wants to start with the referral pathway?"),
                ("Alex Rivera", "I can. The pathway itself is fine on paper."),
                ("Alex Rivera", "It is the handover between teams that slips."),
                ("Sam Okafor", "We see the same thing in schools."),
                ("Sam Okafor", "Nobody knows who holds the case after the first meeting."),
                ("Alex Rivera", "And the young person notices that straight away."),
            ], plan: plan)
        XCTAssertEqual(t.skipped, [])
        // The negative cue sits between its neighbours; the reversed end is its start.
        XCTAssertEqual(t.cues.map(\.start), [0, 5.31, 10.2, 14.49, 15.5, 19.3, 62.7])
        XCTAssertEqual(t.cues[3].end, 15.5)
        XCTAssertEqual(t.cues[5].end, 19.3)
        XCTAssertEqual(t.clampedTimes, 2)
        XCTAssertEqual(plan.report.clampedTimes, 2)
        XCTAssertEqual(t.warnings.map(\.line), [12, 18])
        XCTAssertTrue(plan.report.summary.contains { $0.contains("2 cue times were negative or ran backwards") })
        XCTAssertEqual(plan.report.merged, 3)
        XCTAssertEqual(plan.report.added, 4)
    }

    func testOneDriveIdLinesWithNoSpeakersAreImportedUnattributed() throws {
        let (t, plan) = try vtt("onedrive-ids-no-speakers.vtt")
        try check(
            t,
            [
                (nil, "So the first thing I would say is that the thresholds differ between areas."),
                (nil, "What counts as a concern here is not a concern two miles away."),
                (nil, "Yes."),
                (nil, "And the forms ask different questions, so the same child gets a different score."),
                (nil, "The point is: nobody has mapped those differences."),
                (nil, "A cue with no id line at all."),
                (nil, "A cue with a plain number for an id."),
            ], plan: plan)
        XCTAssertEqual(
            t.cues.map(\.id),
            [
                "b05cbc69-31d2-4c6e-9a41-7f0e2d8c5a13/19-0", "b05cbc69-31d2-4c6e-9a41-7f0e2d8c5a13/19-1",
                "3f7a9e02-5b6c-48d1-8e2f-0a9c1d4b7e65/24-0", "3f7a9e02-5b6c-48d1-8e2f-0a9c1d4b7e65/25-0",
                "d91c4b27-6e0a-4f3b-b8d5-2c7e9f1a0b48/7-1", nil, "42",
            ])
        // Unattributed cues stay one contribution each, so speakers can be set by range later.
        XCTAssertEqual(plan.report.added, 7)
        XCTAssertEqual(plan.report.unattributed, 7)
        XCTAssertEqual(plan.report.merged, 0)
        XCTAssertEqual(plan.report.skippedByReason, [.noText: 1])
        XCTAssertEqual(plan.report.read, 8)
    }

    func testSpeakerOptionGivesUnnamedCuesTheirSpeaker() throws {
        let text = try Fixture.text("onedrive-ids-no-speakers.vtt")
        var options = ImportOptions(mapping: names)
        options.speaker = "p03"
        let plan = try Importer.webVTT(text, into: state, options: options)
        XCTAssertEqual(plan.contributions.map(\.speaker), Array(repeating: "P03", count: 7))
        XCTAssertEqual(plan.report.unattributed, 0)
        options.speaker = "P09"
        XCTAssertThrowsError(try Importer.webVTT(text, into: state, options: options)) {
            XCTAssertEqual($0 as? ImportError, .unknownSpeaker("P09"))
        }
    }

    func testZoomNameColonWithASpeakerWhoSpeaksOnlyOnce() throws {
        let (t, plan) = try vtt("zoom-once-only-speaker.vtt")
        try check(
            t,
            [
                ("Alex Rivera", "I think the biggest gap is after school hours."),
                ("Alex Rivera", "That is when the grooming happens."),
                ("Robin Ashby", "Oh, right. See how that goes."),
                ("Alex Rivera", "Exactly, and services are closed by then."),
                ("Sam Okafor", "The point is: we hand over at five and nobody picks up."),
                ("Sam Okafor", "Weekends are worse."),
                ("Dr Morgan Hale", "Thank you both. Let us move to the next question."),
            ], plan: plan)
        // The once-only speaker is a turn of their own; the turns around it are not split.
        XCTAssertEqual(
            t.turns().map(\.speaker), ["Alex Rivera", "Robin Ashby", "Alex Rivera", "Sam Okafor", "Dr Morgan Hale"])
        XCTAssertEqual(plan.contributions.map(\.speaker), ["P01", "P04", "P01", "P02", nil])
    }

    func testVoiceTagsWithAndWithoutClosingTags() throws {
        let (t, plan) = try vtt("voice-tags-open-and-closed.vtt")
        try check(
            t,
            [
                ("Alex Rivera", "Closed voice tag here."),
                ("Alex Rivera", "No closing tag on this one."),
                ("Sam Okafor", "Two voices in one cue,"),
                ("Jordan Lee", "answered straight away."),
                ("Jordan Lee", "A voice with a class and italics."),
                ("Sam Okafor", "Quiet agreement & a nod."),
            ], plan: plan)
    }

    func testSRTWithAndWithoutSpeakers() throws {
        let with = try Fixture.text("srt-with-speakers.srt")
        lastText = with
        let t1 = WebVTTParser.parse(with, expectHeader: false)
        try check(
            t1,
            [
                ("Alex Rivera", "We stopped getting the minutes of strategy meetings."),
                ("Alex Rivera", "So we could not follow the plan."),
                ("Sam Okafor", "The school was never invited in the first place."),
                ("Jordan Lee", "That matches what I hear from parents."),
            ], plan: try Importer.srt(with, into: state, options: ImportOptions(mapping: names)))
        XCTAssertEqual(t1.warnings, [], "an SRT file has no WEBVTT line, and that is not worth a word")
        XCTAssertEqual(t1.cues.map(\.start), [1, 4, 8, 11.2])

        let without = try Fixture.text("srt-no-speakers.srt")
        lastText = without
        let plan = try Importer.srt(without, into: state, options: ImportOptions(mapping: names))
        XCTAssertEqual(plan.report.format, .srt)
        try check(
            WebVTTParser.parse(without, expectHeader: false),
            [
                (nil, "We start with the safety plan."),
                (nil, "It is reviewed every six weeks."),
                (nil, "The note is: the review slips."),
                (nil, "Usually because the lead worker changed."),
            ], plan: plan)
    }

    func testTeamsDocx2023SpeakerAndTimeLines() throws {
        let data = try Fixture.data("teams-transcript-2023.docx")
        lastDocx = data
        let t = try TeamsDocxParser.parse(data, fileName: "t.docx")
        let plan = try Importer.teamsDocx(data, fileName: "t.docx", into: state, options: ImportOptions(mapping: names))
        try check(
            t,
            [
                ("Dr Morgan Hale", "Welcome back. Today we look at information sharing."),
                ("Alex Rivera", "The first barrier is consent. Families often say no at the start."),
                ("Alex Rivera", "And then nothing moves for weeks."),
                ("Robin Ashby", "Can I add one thing?"),
                ("Sam Okafor", "We meet at 10:30 on Tuesdays, and the note is: nobody minutes it."),
                ("Dr Morgan Hale", "Thank you, that is a good place to stop."),
            ], plan: plan)
        XCTAssertEqual(t.cues.map(\.start), [3, 12, 19, 27, 62, 4504])
        XCTAssertEqual(plan.report.format, .teamsDocx)
        XCTAssertEqual(plan.report.skippedTotal, 0)
    }

    func testTeamsDocx2021CueTimeSpeakerWords() throws {
        let data = try Fixture.data("teams-transcript-2021.docx")
        lastDocx = data
        let t = try TeamsDocxParser.parse(data, fileName: "t.docx")
        let plan = try Importer.teamsDocx(data, fileName: "t.docx", into: state, options: ImportOptions(mapping: names))
        try check(
            t,
            [
                ("Hale, Morgan", "Shall we begin with the case studies?"),
                ("Rivera, Alex", "Yes, the first one is about a missing episode."),
                ("Rivera, Alex", "The police were called after two days."),
                ("Okafor, Sam", "Two days is typical, sadly."),
            ], plan: plan)
        XCTAssertEqual(t.clampedTimes, 1)
        XCTAssertEqual(t.cues[2].start, 9.12)
    }

    func testADocxThatIsNotAWordFileIsRefusedPlainly() throws {
        XCTAssertThrowsError(try Importer.teamsDocx(Data("not a zip".utf8), fileName: "x.docx", into: state)) {
            XCTAssertTrue("\($0)".contains("not a Word (.docx) file"), "\($0)")
        }
    }

    func testLenientTimes() {
        func stamp(_ s: String) -> WebVTTParser.Stamp? {
            var copy = s
            return copy.withUTF8 { WebVTTParser.stamp($0) }
        }
        XCTAssertEqual(stamp("0:0:10.20"), .time(10.2))
        XCTAssertEqual(stamp("0:0:14.490"), .time(14.49))
        XCTAssertEqual(stamp("1:2:3.4"), .time(3723.4))
        XCTAssertEqual(stamp("02:03.5"), .time(123.5))
        XCTAssertEqual(stamp("00:00:01,250"), .time(1.25))
        XCTAssertEqual(stamp("0:0:-6.-820"), .negative)
        XCTAssertEqual(stamp("-0:01.000"), .negative)
        XCTAssertNil(stamp("0:0:x"))
        XCTAssertNil(stamp("10"))
        XCTAssertNil(stamp("0:60.000"))
    }

    // MARK: Loud, not lossy

    func testMoreThanFivePercentUnreadableIsRefusedWithNothingPlanned() throws {
        var lines = "WEBVTT\n\n"
        for i in 0..<18 {
            lines +=
                "00:00:\(String(format: "%02d", i)).000 --> 00:00:\(String(format: "%02d", i)).900\n<v Alex Rivera>cue \(i)\n\n"
        }
        lines += "00:00:xx.000 --> 00:00:30.000\n<v Alex Rivera>broken one\n\n"
        // 1 unreadable of 19: 5.3%, refused.
        let text = ImportText(lines, fileName: "broken.vtt")
        XCTAssertThrowsError(try Importer.webVTT(text, into: state, options: ImportOptions(mapping: names))) { error in
            guard case .tooManySkipped(let report)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(report.read, 19)
            XCTAssertEqual(report.lostEntries, 1)
            XCTAssertEqual(report.skippedByReason, [.unreadable: 1])
            XCTAssertTrue("\(error)".contains("1 of 19 entries"), "\(error)")
            XCTAssertTrue("\(error)".contains("--allow-skips"), "\(error)")
        }
        var options = ImportOptions(mapping: names)
        options.allowSkips = true
        let plan = try Importer.webVTT(text, into: state, options: options)
        XCTAssertEqual(plan.report.imported, 18)
        XCTAssertEqual(plan.report.skippedByReason, [.unreadable: 1])
        // At 5% exactly (1 of 20) the import goes ahead, loudly.
        let twenty = ImportText(
            lines.replacingOccurrences(
                of: "WEBVTT\n\n", with: "WEBVTT\n\n00:00:40.000 --> 00:00:41.000\n<v Alex Rivera>one more\n\n"),
            fileName: "b.vtt")
        let ok = try Importer.webVTT(twenty, into: state, options: ImportOptions(mapping: names))
        XCTAssertEqual(ok.report.read, 20)
        XCTAssertTrue(ok.report.countsLine.contains("skipped 1 (1 unreadable)"), ok.report.countsLine)
    }

    func testLeftOutOnPurposeNeverCountsAsLost() throws {
        // Direct messages, reactions and skipped names are left out on purpose: no refusal.
        let chat = ImportText(
            """
            10:00:00 From Alex Rivera to Everyone:
            \tHello
            10:00:05 From Alex Rivera to Sam Okafor(Direct Message):
            \tPrivate
            10:00:06 From Sam Okafor to Everyone:
            \tReacted to "Hello" with 👍
            10:00:07 From Zoom Bot to Everyone:
            \tRecording started

            """, fileName: "c.txt")
        let plan = try Importer.zoomChat(
            chat, into: state,
            options: ImportOptions(mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02\nZoom Bot,skip")))
        XCTAssertEqual(plan.report.read, 4)
        XCTAssertEqual(plan.report.imported, 1)
        XCTAssertEqual(plan.report.skippedByReason, [.directMessage: 1, .reaction: 1, .mappedToSkip: 1])
        XCTAssertEqual(plan.report.lostEntries, 0)
    }

    // MARK: Speakers set afterwards

    func testSpeakerSetByRangeIsAnEventAndReimportAddsNothing() throws {
        let text = try Fixture.text("onedrive-ids-no-speakers.vtt")
        let plan = try Importer.webVTT(text, into: state, options: ImportOptions(mapping: names))
        var after = try TestSession.applying(plan, to: state)
        let event = try SpeakerAssignment.event(range: "2-4", speaker: "3", in: after)
        XCTAssertEqual(event, SpeakerSet(first: 2, last: 4, speaker: "P03"))
        after = try TestSession.apply([event], to: after, at: TestSession.createdAt.addingTimeInterval(4 * 3600))
        XCTAssertEqual(after.contributions.map(\.speaker), [nil, "P03", "P03", "P03", nil, nil, nil])
        let fac = try SpeakerAssignment.event(range: "1", speaker: "facilitator", in: after)
        after = try TestSession.apply([fac], to: after, at: TestSession.createdAt.addingTimeInterval(4 * 3600))
        XCTAssertEqual(after.contributions[0].source, .facilitator)
        // The cues are still known after their speakers were set.
        let again = try Importer.webVTT(text, into: after, options: ImportOptions(mapping: names))
        XCTAssertEqual(again.report.added, 0)
        XCTAssertEqual(again.report.alreadyPresent, 7)
        // Refusals, in one sentence each.
        XCTAssertThrowsError(try SpeakerAssignment.event(range: "40-12", speaker: "P03", in: after)) {
            XCTAssertTrue("\($0)".contains("not a contribution or a range"), "\($0)")
        }
        XCTAssertThrowsError(try SpeakerAssignment.event(range: "1-99", speaker: "P03", in: after))
        XCTAssertThrowsError(try SpeakerAssignment.event(range: "1-2", speaker: "P77", in: after)) {
            XCTAssertEqual($0 as? SpeakerAssignment.Problem, .unknownSpeaker("P77"))
        }
    }

    func testSpeakerIsNotSetOnChatOrWhiteboard() throws {
        var s = state
        s = try TestSession.apply(
            [ContributionLogged(source: .whiteboard, text: "a note")], to: s, at: TestSession.createdAt)
        XCTAssertThrowsError(try SpeakerAssignment.event(range: "1", speaker: "P01", in: s)) {
            XCTAssertEqual($0 as? SpeakerAssignment.Problem, .refused(.notSpoken(1)))
        }
    }
}
