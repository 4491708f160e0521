import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import SessionActions

/// Who may do what: one rule, whichever front end asks.
final class PermissionsTests: XCTestCase {
    var dir = ""
    var journal: SQLiteJournal!
    let at = Date(timeIntervalSince1970: 1_790_000_000)

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "convene-actions-perm-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The withdrawal window (14 days from 2026-09-01) closed before `at` (2026-09-21).
        journal = try SQLiteJournal.create(
            path: dir + "/p.convene",
            session: SessionCreated(sessionID: UUID(), title: "P", date: "2026-09-01"),
            by: "Sam Lead", at: at)
        let lead = ActingUser(name: "Sam Lead")
        for command: SessionCommand in [
            .addFacilitator(name: "Sam Lead", role: .lead), .addFacilitator(name: "Ira Notes", role: .notetaker),
            .addFacilitator(name: "Kit Safe", role: .safeguarding),
            .addParticipant(NewParticipant(code: "P01", jobRole: "Youth worker")),
            .log(NewContribution(source: .chat, speaker: "1", text: "Something worrying")),
            .flag(NewConcern(contributions: [1], category: .other, urgency: .immediate, description: "Check")),
        ] {
            try SessionActions.perform(command, by: lead, on: journal, at: at)
        }
    }

    override func tearDownWithError() throws {
        try? journal.close()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func refusal(_ command: SessionCommand, by actor: ActingUser) -> String? {
        let before = journal.state.eventCount
        do {
            try SessionActions.perform(command, by: actor, on: journal, at: at)
            return nil
        } catch {
            XCTAssertEqual(journal.state.eventCount, before, "a refusal writes nothing")
            return "\(error)"
        }
    }

    func testOnlyTheRecordedSafeguardingLeadOrLeadAcknowledges() {
        // The role a console was opened with does not matter: the session's facilitator list does.
        XCTAssertEqual(
            refusal(.acknowledge(concern: 1), by: ActingUser(name: "Ira Notes", role: .safeguarding)),
            "only the safeguarding lead or the lead facilitator can acknowledge a concern; Ira Notes is not one in this session"
        )
        XCTAssertNil(refusal(.acknowledge(concern: 1), by: ActingUser(name: "Kit Safe", role: .notetaker)))
        XCTAssertEqual(journal.state.register.concerns[0].acknowledgedBy, "Kit Safe")
    }

    func testAnObserverMayWatchButNotChange() {
        let observer = ActingUser(name: "Obi Server", role: .observer)
        XCTAssertEqual(
            refusal(.log(NewContribution(source: .chat, text: "hello")), by: observer),
            "Obi Server is working as an observer, who may watch the session but not change it")
        XCTAssertNotNil(refusal(.export(format: .json, path: dir + "/x.json"), by: observer))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.json"))
        XCTAssertNil(refusal(.openConsole(.observer), by: observer), "opening a console is recorded")
    }

    func testOnlyALeadOverridesAClosedWithdrawalWindow() {
        let late = WithdrawalOrder(participant: "p1", overrideReason: "the REC agreed")
        XCTAssertEqual(
            refusal(.withdraw(late), by: ActingUser(name: "Ira Notes")),
            WithdrawalRefusal.overrideNeedsLead(actor: "Ira Notes").description)
        XCTAssertTrue(
            refusal(.withdraw(WithdrawalOrder(participant: "1")), by: ActingUser(name: "Sam Lead"))?
                .hasPrefix("the withdrawal window closed on 2026-09-15") ?? false)
        XCTAssertNil(refusal(.withdraw(late), by: ActingUser(name: "Sam Lead")))
        XCTAssertTrue(journal.state.participant("P01")?.withdrawn ?? false)
        XCTAssertEqual(journal.state.register.concerns.count, 1, "the concern outlives the withdrawal")
    }

    func testMessagesAreTheOnesBothFrontEndsShow() throws {
        let ira = ActingUser(name: "Ira Notes")
        XCTAssertEqual(
            try SessionActions.perform(
                .log(NewContribution(source: .chat, speaker: "p01", text: "More")), by: ira,
                on: journal, at: at
            ).message, "#2")
        XCTAssertEqual(
            try SessionActions.perform(.tag(number: 2, code: "new idea", emergent: true), by: ira, on: journal, at: at)
                .message,
            "#2 tagged new idea (new emergent code)")
        XCTAssertEqual(
            refusal(.tag(number: 9, code: "x", emergent: true), by: ira), "no contribution #9 in this session")
    }
}
