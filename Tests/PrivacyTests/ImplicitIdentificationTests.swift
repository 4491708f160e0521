/// The Chatham House check: a rare role quoted beside a place or local organisation.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ImplicitIdentificationTests: XCTestCase {
    let t = Date(timeIntervalSince1970: 0)

    func session(_ extra: [any EventPayload]) throws -> SessionState {
        var events: [SessionEvent] = [
            SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
            SessionEvent(
                at: t, by: "x",
                ParticipantAdded(code: "P01", jobRole: "Principal Social Worker", organisationType: .localAuthority)),
            SessionEvent(
                at: t, by: "x", ParticipantAdded(code: "P02", jobRole: "Youth worker", organisationType: .voluntary)),
            SessionEvent(
                at: t, by: "x", ParticipantAdded(code: "P03", jobRole: "Youth worker", organisationType: .voluntary)),
            SessionEvent(
                at: t, by: "x", ParticipantAdded(code: "P04", jobRole: "School nurse", organisationType: .health)),
        ]
        events += extra.map { SessionEvent(at: t, by: "x", $0) }
        return try SessionState.replay(events)
    }

    func testRareTitleWithANamedOrganisationWarnsAndSuggestsAnonymous() throws {
        let s = try session([
            ContributionLogged(
                source: .verbal, speaker: "P01",
                text: "In our team at Oakfield Academy we stopped using the screening tool.")
        ])
        let w = ImplicitIdentification.warnings(in: s)
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w.first?.contribution, 1)
        XCTAssertEqual(w.first?.participant, "P01")
        XCTAssertEqual(w.first?.role, "Principal Social Worker")
        XCTAssertEqual(w.first?.rarity, .rareTitle)
        XCTAssertEqual(w.first?.place, "Oakfield Academy")
        XCTAssertEqual(w.first?.placeLabel, .organisationLocal)
        XCTAssertEqual(w.first?.suggested, .anonymous)
        XCTAssertTrue(w.first?.message.contains("#1") == true)
    }

    /// Issue 18, item 4: a rare role and a special-category detail narrow a person down as a place does.
    func testRareRoleWithASpecialCategoryDetailWarns() throws {
        let s = try session([
            ContributionLogged(
                source: .verbal, speaker: "P01",
                text: "Speaking as someone with ADHD myself, the forms are a nightmare."),
            ContributionLogged(
                source: .verbal, speaker: "P02",
                text: "Speaking as someone with ADHD myself, the forms are a nightmare."),
            ContributionLogged(source: .verbal, speaker: "P01", text: "The forms are a nightmare for everyone."),
        ])
        let w = ImplicitIdentification.warnings(in: s)
        XCTAssertEqual(w.map(\.contribution), [1], "the rare role with the detail; a shared role or no detail is quiet")
        XCTAssertEqual(w.first?.place, "ADHD")
        XCTAssertEqual(w.first?.placeLabel, .specialCategory)
        XCTAssertEqual(w.first?.suggested, .anonymous)
        XCTAssertTrue(w.first?.message.contains("special-category") == true, w.first?.message ?? "")
    }

    func testOnlyHolderInTheSessionCountsAsRare() throws {
        let s = try session([
            ContributionLogged(
                source: .verbal, speaker: "P04", text: "Families at 12 Station Road were visited twice."),
            ContributionLogged(
                source: .verbal, speaker: "P02", text: "Families at 12 Station Road were visited twice."),
        ])
        let w = ImplicitIdentification.warnings(in: s)
        XCTAssertEqual(w.map(\.contribution), [1], "two youth workers share the role; the only school nurse does not")
        XCTAssertEqual(w.first?.rarity, .onlyOneInSession)
    }

    func testNoPlaceNoWarningAndLowerLevelsAreQuiet() throws {
        let s = try session([
            ContributionLogged(source: .verbal, speaker: "P01", text: "We stopped using the screening tool in March."),
            ContributionLogged(source: .verbal, speaker: "P01", text: "At Oakfield Academy we stopped using it."),
            AttributionSet(number: 2, level: .anonymous),
        ])
        XCTAssertEqual(ImplicitIdentification.warnings(in: s), [])
    }

    func testARedactedPlaceNoLongerPairs() throws {
        let s = try session([
            ContributionLogged(source: .verbal, speaker: "P01", text: "At Oakfield Academy we stopped using it."),
            RedactionAccepted(number: 1, span: TextSpan(start: 3, end: 19), label: .organisationLocal),
        ])
        XCTAssertEqual(ImplicitIdentification.warnings(in: s), [])
    }

    func testQuoteThatNamesTheRoleSuggestsBackground() throws {
        let s = try session([
            ContributionLogged(
                source: .verbal, speaker: "P01",
                text: "As principal social worker for Oakfield Academy and the cluster I see all of it.")
        ])
        XCTAssertEqual(ImplicitIdentification.warnings(in: s).first?.suggested, .background)
    }
}
