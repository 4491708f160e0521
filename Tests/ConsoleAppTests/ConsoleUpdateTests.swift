import ConveneTestSupport
import Foundation
import SessionActions
import SessionModel
import TerminalKit
import XCTest

@testable import ConsoleApp

final class ConsoleUpdateTests: XCTestCase {
    func state() throws -> ConsoleState {
        ConsoleState(
            session: try SessionState.replay(DemoSession.events()),
            context: ConsoleContext(role: .notetaker, user: "Ira Notes", location: "x"), width: 100, height: 30,
            now: Date())
    }

    func type(_ text: String, into s: inout ConsoleState) { for c in text { _ = update(&s, .key(.char(c))) } }

    /// The events `effects` would append: what each command makes from the console's
    /// session through SessionActions (a refused command makes none).
    func appended(_ effects: [ConsoleEffect], _ s: ConsoleState) -> [any EventPayload] {
        effects.flatMap { effect -> [any EventPayload] in
            switch effect {
            case .run(let command):
                let actor = ActingUser(name: s.context.user, role: s.context.role)
                return (try? SessionActions.plannedEvents(command, by: actor, in: s.session)) ?? []
            default: return []
            }
        }
    }

    /// Performs `action` and returns the events its effects would append.
    func appended(_ s: inout ConsoleState, _ action: ConsoleAction) -> [any EventPayload] {
        let effects = update(&s, action)
        return appended(effects, s)
    }

    func testTypingAndEnterLogsWithSpeakerPrefix() throws {
        var s = try state()
        XCTAssertEqual(s.focus, .input, "the input line has the focus when the console opens")
        type("4: Health misses visual cues", into: &s)
        let payloads = appended(&s, .key(.enter))
        let logged = try XCTUnwrap(payloads.first as? ContributionLogged)
        XCTAssertEqual(logged.speaker, "P04")
        XCTAssertEqual(logged.text, "Health misses visual cues")
        XCTAssertEqual(logged.source, .verbal)
        XCTAssertTrue(s.input.isEmpty)
        XCTAssertEqual(s.speaker, "P04", "the speaker is remembered for the next line")
    }

    func testSourceCyclingAndWhiteboardHasNoSpeaker() throws {
        var s = try state()
        s.speaker = "P01"
        _ = update(&s, .key(.ctrl("s")))
        _ = update(&s, .key(.ctrl("s")))
        XCTAssertEqual(s.source, .whiteboard)
        type("Sticky note", into: &s)
        let logged = try XCTUnwrap(appended(&s, .key(.enter)).first as? ContributionLogged)
        XCTAssertNil(logged.speaker)
        XCTAssertEqual(logged.source, .whiteboard)
    }

    func testReadlineEditing() throws {
        var s = try state()
        type("hello big world", into: &s)
        _ = update(&s, .key(.ctrl("w")))
        XCTAssertEqual(s.input.text, "hello big ")
        _ = update(&s, .key(.ctrl("a")))
        _ = update(&s, .key(.right))
        _ = update(&s, .key(.ctrl("k")))
        XCTAssertEqual(s.input.text, "h")
        _ = update(&s, .key(.ctrl("u")))
        XCTAssertEqual(s.input.text, "")
        type("first", into: &s)
        _ = update(&s, .key(.enter))
        _ = update(&s, .key(.up))
        XCTAssertEqual(s.input.text, "first", "history")
    }

    func testTabCompletesSpeakerCodes() throws {
        var s = try state()
        type("p0", into: &s)
        _ = update(&s, .key(.tab))
        XCTAssertTrue(s.status?.contains("P01") ?? false, "ambiguous: lists them")
        s.input.set("P05")
        _ = update(&s, .key(.tab))
        XCTAssertEqual(s.input.text, "P05: ")
    }

    func testFlagInThreeKeysPlusDescription() throws {
        var s = try state()
        s.focus = .log
        _ = update(&s, .key(.up))
        _ = update(&s, .key(.up)) // #18, P02's (a facilitator's line would first ask who it is about)
        let selected = try XCTUnwrap(s.selected)
        _ = update(&s, .key(.ctrl("g")))
        _ = update(&s, .key(.char("2")))
        _ = update(&s, .key(.char("1")))
        type("Worrying disclosure", into: &s)
        let raised = try XCTUnwrap(appended(&s, .key(.enter)).first as? ConcernRaised)
        XCTAssertEqual(raised.contributions, [selected])
        XCTAssertEqual(raised.category, .riskToChildOrYoungPerson)
        XCTAssertEqual(raised.urgency, .immediate)
        XCTAssertEqual(raised.description, "Worrying disclosure")
        XCTAssertEqual(s.overlay, .none)
    }

    func testPaletteCommands() throws {
        var s = try state()
        func palette(_ text: String) -> [any EventPayload] {
            s.focus = .log
            _ = update(&s, .key(.char(":")))
            type(text, into: &s)
            return appended(update(&s, .key(.enter)), s)
        }
        XCTAssertEqual((palette("round start 15 What works?").first as? RoundStarted)?.minutes, 15)
        let moves = palette("move P01 P02 Room B").compactMap { $0 as? ParticipantAssigned }
        XCTAssertEqual(moves.map(\.code), ["P01", "P02"])
        XCTAssertEqual(Set(moves.map(\.room)), [2])
        XCTAssertEqual((palette("tag 3 +Digital exclusion").first as? CodeTagged)?.code, "Digital exclusion")
        XCTAssertEqual((palette("attribution 3 background").first as? AttributionSet)?.level, .background)
        XCTAssertEqual(palette("theme link 2 3 4").count, 2)
        XCTAssertTrue(palette("nonsense").isEmpty)
        XCTAssertTrue(s.status?.contains("unknown command") ?? false)
        XCTAssertTrue(palette("ack 1").isEmpty, "a note-taker console cannot acknowledge")
    }

    func testFiltersAndSearch() throws {
        var s = try state()
        s.focus = .log
        _ = update(&s, .key(.char("f")))
        XCTAssertEqual(s.visible, [13])
        _ = update(&s, .key(.char("F")))
        XCTAssertNil(s.visible)
        _ = update(&s, .key(.char("/")))
        type("checklist", into: &s)
        _ = update(&s, .key(.enter))
        XCTAssertEqual(s.selected, 16)
        s.focus = .rooms
        _ = update(&s, .key(.down))
        _ = update(&s, .key(.char(" ")))
        XCTAssertEqual(s.visible, [2, 3, 4, 5, 6, 7, 8, 9])
    }

    func testMovingAndConsentFromThePeoplePane() throws {
        var s = try state()
        s.room = 1
        s.focus = .participants
        _ = update(&s, .key(.down))
        XCTAssertEqual((appended(&s, .key(.char("m"))).first as? ParticipantAssigned)?.code, "P02")
        XCTAssertEqual((appended(&s, .key(.char("c"))).first as? ConsentRecorded)?.checkedBy, "Ira Notes")
    }

    func testQuitAsksFirst() throws {
        var s = try state()
        _ = update(&s, .key(.ctrl("q")))
        XCTAssertEqual(s.overlay, .confirmQuit)
        _ = update(&s, .key(.char("n")))
        XCTAssertFalse(s.quit)
        _ = update(&s, .key(.ctrl("q")))
        let effects = update(&s, .key(.char("y")))
        XCTAssertTrue(s.quit)
        XCTAssertEqual(effects.map(\.description), ["saveDraft", "quit"])
    }

    func testRandomKeysNeverCrash() throws {
        var s = try state()
        var rng = SeededRandom("console update")
        let keys: [Key] =
            [
                .enter, .tab, .backTab, .backspace, .delete, .escape, .up, .down, .left, .right, .home, .end, .pageUp,
                .pageDown, .function(1), .ctrl("g"), .ctrl("s"), .ctrl("p"), .ctrl("r"), .ctrl("w"), .ctrl("q"),
                .resize,
            ]
            + "abcxyz:/?nNfsFRrtaemc 1234567P0\u{1B}日👍".map { Key.char($0) }
        let deadline = Date().addingTimeInterval(3)
        var steps = 0
        while Date() < deadline {
            let key = keys.randomElement(using: &rng)!
            _ = update(&s, .key(key))
            if s.quit {
                s.quit = false
                s.overlay = .none
            }
            if steps % 50 == 0 { _ = view(s) }
            steps += 1
        }
        XCTAssertGreaterThan(steps, 1_000)
    }
}
