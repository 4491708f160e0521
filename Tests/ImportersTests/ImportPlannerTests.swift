import Foundation
import SessionModel
import XCTest

@testable import Importers

final class ImportPlannerTests: XCTestCase {
    var names: NameMapping { try! NameMapping.parse(try! Fixture.text("names.csv")) }

    // MARK: Zoom chat

    func testChatWithMappingFacilitatorsTimesAndDirectMessagesLeftOut() throws {
        let state = TestSession.make()
        let plan = try Importer.zoomChat(
            try Fixture.text("zoom-old-oneline.txt"), into: state, options: ImportOptions(mapping: names))
        let c = plan.contributions
        XCTAssertEqual(c.map(\.speaker), ["P01", "P02", nil, "P01"])
        XCTAssertEqual(c.map(\.source), [.chat, .chat, .facilitator, .chat])
        XCTAssertEqual(c[0].occurredAt, TestSession.time("14:02:11"))
        XCTAssertEqual(c[1].text, "Good afternoon all: glad to be here")
        XCTAssertTrue(c.allSatisfy { $0.directMessage == nil && $0.room == 0 && $0.form == .verbatim })
        // Jordan Lee wrote only a direct message, which is left out, so needs no mapping.
        XCTAssertEqual(plan.report.directMessagesSkipped, 2)
        XCTAssertEqual(plan.report.added, 4)
        XCTAssertEqual(plan.report.addedAsFacilitator, 1)
        XCTAssertEqual(
            plan.payloads.last as? ImportRecorded,
            ImportRecorded(format: "zoom-chat", fileName: "zoom-old-oneline.txt", added: 4))
        let after = try TestSession.applying(plan, to: state)
        XCTAssertEqual(after.contributions.count, 4)
        XCTAssertEqual(after.imports.count, 1)
    }

    func testUnknownNamesAreListedNeverGuessed() throws {
        let state = TestSession.make()
        let text = try Fixture.text("zoom-old-oneline.txt")
        var options = ImportOptions(mapping: names, includeDirectMessages: true)
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: options)) { error in
            XCTAssertEqual(error as? ImportError, .unknownNames(["Jordan Lee"]))
            XCTAssertTrue("\(error)".contains("--add-unknown"))
        }
        options.mapping = NameMapping()
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: options)) { error in
            // The facilitator is known from the session; the participants are not.
            XCTAssertEqual(error as? ImportError, .unknownNames(["Alex Rivera", "Sam Okafor", "Jordan Lee"]))
        }
    }

    func testAddUnknownGivesNextCodesRecordsRealNamesAndPrintsTheMapping() throws {
        let state = TestSession.make()
        var options = ImportOptions(mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02"), addUnknown: true)
        options.includeDirectMessages = false
        let plan = try Importer.zoomChat(try Fixture.text("zoom-new-multiline.txt"), into: state, options: options)
        XCTAssertEqual(
            plan.payloads[0] as? ParticipantAdded, ParticipantAdded(code: "P04", jobRole: "role not recorded"))
        XCTAssertEqual(plan.payloads[1] as? RealNameRecorded, RealNameRecorded(code: "P04", name: "Jordan Lee"))
        XCTAssertEqual(
            plan.payloads[2] as? ParticipantAdded, ParticipantAdded(code: "P05", jobRole: "role not recorded"))
        XCTAssertEqual(plan.payloads[3] as? RealNameRecorded, RealNameRecorded(code: "P05", name: "Ngozi To"))
        XCTAssertEqual(
            plan.report.newParticipants.map(\.description), ["'Jordan Lee' → P04 (added)", "'Ngozi To' → P05 (added)"])
        let summary = plan.report.summary.joined(separator: "\n")
        XCTAssertTrue(summary.contains("new participant P04: 'Jordan Lee'"), summary)
        XCTAssertTrue(summary.contains("'Riley Chen' → facilitator (facilitator list)"), summary)
        XCTAssertTrue(summary.contains("2 reactions left out"), summary)

        let after = try TestSession.applying(plan, to: state)
        XCTAssertEqual(after.participantOrder, ["P01", "P02", "P03", "P04", "P05"])
        XCTAssertEqual(after.linkage["P05"], "Ngozi To")
        let c = after.contributions
        XCTAssertEqual(c.map(\.speaker), ["P01", "P02", "P04", nil, "P04", "P05"])
        XCTAssertEqual(c[3].source, .facilitator, "Riley Chen is on the session's facilitator list")
        // The threaded reply points at the message it quotes.
        XCTAssertEqual(c[2].text, "In our area the MASH helps with that.")
        XCTAssertEqual(c[2].replyTo, [1])
        XCTAssertEqual(plan.report.reactionsSkipped, 2)
        XCTAssertEqual(plan.report.directMessagesSkipped, 1)

        // Next time the names are known from the linkage table.
        let again = try Importer.zoomChat(
            try Fixture.text("zoom-new-multiline.txt"), into: after,
            options: ImportOptions(mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02")))
        XCTAssertTrue(again.isEmpty)
        XCTAssertTrue(again.report.names.contains { $0.name == "Jordan Lee" && $0.basis == .linkage })
    }

    func testDirectMessagesOnRequestAreMarked() throws {
        let state = TestSession.make()
        let options = ImportOptions(
            mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02\nJordan Lee,P03\nNgozi To,skip"),
            includeDirectMessages: true)
        let plan = try Importer.zoomChat(try Fixture.text("zoom-new-multiline.txt"), into: state, options: options)
        let dms = plan.contributions.filter { $0.directMessage == true }
        XCTAssertEqual(dms.map(\.text), ["I need to step out for five minutes."])
        XCTAssertEqual(dms.first?.speaker, "P02")
        XCTAssertEqual(plan.report.directMessagesImported, 1)
        XCTAssertEqual(plan.report.skippedByMapping, 1)
        let after = try TestSession.applying(plan, to: state)
        XCTAssertEqual(after.contributions.filter(\.directMessage).count, 1)
    }

    func testReimportAddsNothingEvenAfterAnEdit() throws {
        let state = TestSession.make()
        let options = ImportOptions(mapping: names)
        let text = try Fixture.text("zoom-old-oneline.txt")
        var after = try TestSession.applying(try Importer.zoomChat(text, into: state, options: options), to: state)
        after = try TestSession.apply(
            [ContributionEdited(number: 1, text: "Hello from the YOT (edited)")], to: after,
            at: TestSession.createdAt.addingTimeInterval(9000))
        let again = try Importer.zoomChat(text, into: after, options: options)
        XCTAssertTrue(again.isEmpty, "\(again.payloads)")
        XCTAssertEqual(again.report.alreadyPresent, 4)
        XCTAssertTrue(again.report.summary.contains("0 contributions to add; 4 already in the session"))
    }

    func testFollowRestartAddsOnlyWhatIsNew() throws {
        let state = TestSession.make()
        let options = ImportOptions(
            mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02\nJordan Lee,P03\nNgozi To,P03"))
        let whole = String(decoding: try Fixture.text("zoom-new-multiline.txt").bytes, as: UTF8.self)
        let firstPart = whole.split(separator: "\n", omittingEmptySubsequences: false).prefix(13).joined(
            separator: "\n")
        let first = try Importer.zoomChat(
            ImportText(firstPart, fileName: "meeting_saved_chat.txt"), into: state, options: options)
        XCTAssertEqual(first.report.added, 3)
        let mid = try TestSession.applying(first, to: state)
        let second = try Importer.zoomChat(
            ImportText(whole, fileName: "meeting_saved_chat.txt"), into: mid, options: options)
        XCTAssertEqual(second.report.alreadyPresent, 3)
        XCTAssertEqual(
            second.contributionTexts,
            [
                "Please keep names out of the chat, thank you.", "Tab separated header, double spaces.",
                "My surname is To.",
            ])
    }

    func testTheSameMessageTwiceInAFileIsKeptTwiceOnce() throws {
        let state = TestSession.make()
        let text = ImportText("10:00:00 From P01 : yes\n10:00:00 From P01 : yes\n", fileName: "chat.txt")
        let plan = try Importer.zoomChat(text, into: state)
        XCTAssertEqual(plan.contributionTexts, ["yes", "yes"])
        XCTAssertEqual(plan.report.names.first?.basis, .code)
        let after = try TestSession.applying(plan, to: state)
        XCTAssertTrue(try Importer.zoomChat(text, into: after).isEmpty)
    }

    func testOffsetAndMidnightAndHostileText() throws {
        let state = TestSession.make()
        var options = ImportOptions(addUnknown: true)
        options.offset = -3600
        options.allowSkips = true // the hostile file is mostly broken lines, on purpose
        let plan = try Importer.zoomChat(try Fixture.text("zoom-hostile.txt"), into: state, options: options)
        let c = plan.contributions
        XCTAssertEqual(c.first?.occurredAt, TestSession.time("22:58:00"))
        XCTAssertEqual(c[4].occurredAt, TestSession.day.addingTimeInterval(86_400 + 40 - 3600))
        XCTAssertEqual(plan.report.skipped.map(\.line), [1, 6, 14, 15, 16, 18])
        XCTAssertEqual(
            plan.report.newParticipants.map(\.name),
            ["Priya 🌻 Shah", "نور حداد", "Alex Rivera", "Sam Okafor", "Jordan Lee"])
        for p in plan.payloads {
            XCTAssertFalse("\(p)".contains("\u{1B}"), "no escape sequence may reach the session")
        }
        for line in plan.report.summary {
            XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 }, line)
        }
        _ = try TestSession.applying(plan, to: state)
    }

    func testWithdrawnParticipantsAreNeverImported() throws {
        var state = TestSession.make()
        state = try TestSession.apply(
            [ParticipantWithdrawn(code: "P02", requestedOn: "2026-03-13", erased: [])], to: state,
            at: TestSession.createdAt)
        let plan = try Importer.zoomChat(
            try Fixture.text("zoom-old-oneline.txt"), into: state, options: ImportOptions(mapping: names))
        XCTAssertEqual(plan.contributions.map(\.speaker), ["P01", nil, "P01"])
        XCTAssertEqual(plan.report.withdrawnSkipped, ["P02": 1])
        XCTAssertTrue(plan.report.summary.contains("1 by P02 left out: P02 has withdrawn"))
    }

    func testSessionAndRoomChecks() throws {
        let text = try Fixture.text("zoom-old-oneline.txt")
        XCTAssertThrowsError(try Importer.zoomChat(text, into: SessionState())) {
            XCTAssertEqual($0 as? ImportError, .noSession)
        }
        var state = TestSession.make()
        state = try TestSession.apply(
            [GroupCreated(name: "Room A"), GroupClosed(room: 1)], to: state, at: TestSession.createdAt)
        var options = ImportOptions(room: 1, mapping: names)
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: options)) {
            XCTAssertEqual($0 as? ImportError, .roomClosed("Room A"))
        }
        options.room = 7
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: options)) {
            XCTAssertEqual($0 as? ImportError, .unknownRoom(7))
        }
        state = try TestSession.apply([SessionClosed()], to: state, at: TestSession.createdAt)
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: ImportOptions(mapping: names))) {
            XCTAssertEqual($0 as? ImportError, .sessionClosed)
        }
    }

    func testMappingToACodeNotInTheSession() throws {
        let state = TestSession.make()
        let text = ImportText("10:00:00 From Alex Rivera : hi\n", fileName: "chat.txt")
        let map = try mapping("Alex Rivera,p09")
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state, options: ImportOptions(mapping: map))) {
            XCTAssertEqual($0 as? ImportError, .mappedToUnknownParticipant(name: "Alex Rivera", code: "P09"))
        }
        let plan = try Importer.zoomChat(text, into: state, options: ImportOptions(mapping: map, addUnknown: true))
        XCTAssertEqual(
            plan.payloads.first as? ParticipantAdded, ParticipantAdded(code: "P09", jobRole: "role not recorded"))
        XCTAssertEqual(plan.contributions.first?.speaker, "P09")
    }

    func testNameMappingFile() throws {
        let m = names
        XCTAssertEqual(m.target(for: "  alex   RIVERA "), .participant("P01"))
        XCTAssertEqual(m.target(for: "Okafor, Sam"), .participant("P02"))
        XCTAssertEqual(m.target(for: "Dr Morgan Hale"), .facilitator)
        XCTAssertEqual(m.target(for: "Zoom Notetaker Bot"), .skip)
        XCTAssertNil(m.target(for: "Jordan Lee"))
        XCTAssertThrowsError(try mapping("Alex,P01\nSam,youth worker\n")) {
            XCTAssertEqual(
                $0 as? ImportError,
                .mappingLine(
                    fileName: "names.csv", line: 2,
                    reason: "'youth worker' is not a participant code (like P01), `facilitator` or `skip`"))
        }
        XCTAssertThrowsError(try mapping("Alex,P01\nalex,P02\n")) {
            XCTAssertEqual(
                $0 as? ImportError,
                .mappingLine(fileName: "names.csv", line: 2, reason: "'alex' is mapped twice, to P01 and to P02"))
        }
        XCTAssertThrowsError(try mapping("Alex\n")) {
            XCTAssertEqual(
                $0 as? ImportError, .mappingLine(fileName: "names.csv", line: 1, reason: "expected `display name,code`")
            )
        }
        XCTAssertTrue(try mapping("").isEmpty)
    }

    // MARK: Transcripts

    func testTranscriptTimesFacilitatorsAndAlignment() throws {
        var state = TestSession.make()
        let t0 = TestSession.createdAt
        state = try TestSession.logLive(
            state, speaker: "P01", text: "YOT worker, mostly boys, county lines", at: t0.addingTimeInterval(20))
        state = try TestSession.logLive(state, speaker: "P02", text: "school nurse", at: t0.addingTimeInterval(18))
        state = try TestSession.logLive(state, speaker: "P01", text: "later point", at: t0.addingTimeInterval(900))
        let options = ImportOptions(mapping: try mapping("Alex Rivera,P01\nSam Okafor,P02"))
        let plan = try Importer.webVTT(try Fixture.text("teams.vtt"), into: state, options: options)
        let c = plan.contributions
        XCTAssertEqual(c.map(\.speaker), [nil, "P01", "P02", "P01", "P02"])
        XCTAssertEqual(c.map(\.source), [.facilitator, .verbal, .verbal, .verbal, .verbal])
        XCTAssertEqual(c[1].occurredAt!.timeIntervalSince(t0), 9.01, accuracy: 0.001)
        XCTAssertEqual(c.map(\.alignsWith), [nil, 1, 2, 1, 2])
        XCTAssertEqual(plan.report.aligned, 4)
        XCTAssertEqual(plan.report.records, 5)
        let after = try TestSession.applying(plan, to: state)
        XCTAssertEqual(after.contributions[4].alignsWith, 1)

        // Transcribed turns are not live notes: a second transcript aligns with the notes, not with them.
        var later = ImportOptions(mapping: options.mapping)
        later.offset = 880
        let second = try Importer.webVTT(try Fixture.text("vtt-short-times.vtt"), into: after, options: later)
        XCTAssertEqual(second.contributions.map(\.alignsWith), [3, nil])
        XCTAssertEqual(second.contributions.first?.occurredAt, t0.addingTimeInterval(881))

        XCTAssertTrue(
            try Importer.webVTT(try Fixture.text("teams.vtt"), into: after, options: options).isEmpty,
            "re-import adds nothing")
    }

    func testTranscriptRecordingStartOffsetAndUnnamedCues() throws {
        let state = TestSession.make()
        let start = TestSession.time("14:00:00")
        var options = ImportOptions(recordingStart: start, mapping: try mapping("Alex Rivera,P01"))
        options.offset = 2
        let text = ImportText(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Alex Rivera>hello\n\n00:00:03.000 --> 00:00:04.000\nno speaker here\n",
            fileName: "t.vtt")
        let plan = try Importer.webVTT(text, into: state, options: options)
        XCTAssertEqual(plan.contributions.first?.occurredAt, start.addingTimeInterval(3))
        // A cue that names nobody is imported unattributed, never guessed, never dropped.
        XCTAssertEqual(plan.report.skipped, [])
        XCTAssertEqual(plan.contributions.map(\.speaker), ["P01", nil])
        XCTAssertEqual(plan.contributions.map(\.source), [.verbal, .verbal])
        XCTAssertEqual(plan.report.unattributed, 1)
        XCTAssertThrowsError(try Importer.webVTT(try Fixture.text("zoom.vtt"), into: state, options: options)) {
            XCTAssertEqual($0 as? ImportError, .unknownNames(["Sam Okafor"]))
        }
    }

    // MARK: Whiteboard

    func testBoardNotesAreAnonymousAndKeepTheirFrameAndColourAsCodes() throws {
        var state = TestSession.make()
        state = try TestSession.logLive(state, speaker: "P01", text: "before", at: TestSession.createdAt)
        state = try TestSession.apply([GroupCreated(name: "Room A")], to: state, at: TestSession.createdAt)
        let plan = try Importer.miro(
            try Fixture.text("miro-board.csv"), into: state, options: ImportOptions(room: 1, mapping: names))
        XCTAssertEqual(plan.report.format, .miroCSV)
        XCTAssertTrue(plan.contributions.allSatisfy { $0.speaker == nil && $0.source == .whiteboard && $0.room == 1 })
        XCTAssertEqual(plan.contributions.count, 5)
        XCTAssertEqual(plan.report.ignoredItems, 2)
        let after = try TestSession.applying(plan, to: state)
        XCTAssertEqual(
            after.contributions[1].codes.sorted(),
            ["colour: light yellow", "frame: Barriers", "tag: agencies", "tag: barrier"])
        XCTAssertEqual(after.contributions[3].codes.sorted(), ["colour: light green", "frame: What helps"])
        XCTAssertEqual(after.contributions[1].occurredAt, TestSession.time("14:20:00"))
        XCTAssertEqual(after.contributions.filter { $0.text == "Thresholds keep moving" }.count, 2)
        XCTAssertTrue(after.codebook.entries.allSatisfy(\.emergent))
        XCTAssertTrue(
            try Importer.miro(try Fixture.text("miro-board.csv"), into: after, options: ImportOptions(room: 1)).isEmpty)

        var plain = ImportOptions()
        plain.keepBoardTags = false
        XCTAssertFalse(
            try Importer.miro(try Fixture.text("miro-board.csv"), into: state, options: plain).payloads.contains {
                $0 is CodeTagged
            })
    }

    func testPlainListImport() throws {
        let state = TestSession.make()
        let plan = try Importer.miro(try Fixture.text("miro-blocks.txt"), into: state)
        XCTAssertEqual(plan.report.format, .miroList)
        XCTAssertEqual(
            plan.contributionTexts,
            ["Transitions at 18\nare a cliff edge", "Workers change too often", "Young people say\nnobody listens"])
        XCTAssertEqual(
            plan.payloads.last as? ImportRecorded,
            ImportRecorded(format: "miro-list", fileName: "miro-blocks.txt", added: 3))
    }

    func testTooLongForOneContribution() throws {
        let state = TestSession.make()
        let huge = String(repeating: "word ", count: 220_000)
        let text = ImportText(
            "10:00:00 From P01 : ok\n10:00:01 From P01 : \(huge)\n10:00:02 From P02 : after\n", fileName: "chat.txt")
        // One of three entries lost is more than 5%: refused unless skips are allowed.
        XCTAssertThrowsError(try Importer.zoomChat(text, into: state)) {
            guard case .tooManySkipped(let r)? = $0 as? ImportError else { return XCTFail("\($0)") }
            XCTAssertEqual(r.skippedByReason, [.tooLong: 1])
        }
        var options = ImportOptions()
        options.allowSkips = true
        let plan = try Importer.zoomChat(text, into: state, options: options)
        XCTAssertEqual(plan.contributionTexts, ["ok", "after"])
        XCTAssertEqual(plan.report.skipped.map(\.line), [2])
        XCTAssertTrue(plan.report.skipped[0].reason.contains("longer than 100000"))
    }
}
