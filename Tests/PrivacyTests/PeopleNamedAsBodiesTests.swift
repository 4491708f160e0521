/// Places of worship and community bodies taken for people (session 15, PeopleNamedAsBodies.swift). Sentences written
/// for these tests with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PeopleNamedAsBodiesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testASaintsNameWithItsPossessiveIsTheBody() {
        XCTAssertEqual(
            found("the youth club meets at St Barnaby's Parish Hall on Fridays", .organisationLocal),
            ["St Barnaby's Parish Hall"])
        XCTAssertEqual(found("it was St Oswin's Methodist, Prestwich", .person), [])
        // A street named after a saint is a place; a saint's name with no possessive or opener is whoever it names.
        XCTAssertEqual(found("her nan lives on St Barnaby's Road", .organisationLocal), [])
        XCTAssertEqual(found("Barnaby said the coach was fine", .organisationLocal), [])
    }

    func testANameWithAHeadWordIsTheBodyWidenedOverItsName() {
        XCTAssertEqual(found("she went with her aunt to Shiloh Fire Ministries in Deptford", .person), [])
        // Session 17: the town after the head is part of the organisation's name (OrganisationsWithTheirPlace).
        XCTAssertEqual(
            found("the lads were at Holy Redeemer Sunday School Bramley", .organisationLocal),
            ["Holy Redeemer Sunday School Bramley"])
        // A given name and a surname that is a head word are a person.
        XCTAssertEqual(found("Callum Church was at the youth club", .person), ["Callum Church"])
    }

    func testAKindOfBodyOrAYouthMovementIsNoPerson() {
        XCTAssertEqual(found("temple elders wouldn't let the sw in", .person), [])
        XCTAssertEqual(found("Brownies and Girl Guides have good policies", .person), [])
    }

    func testAParticipantsCodeIsNoName() {
        XCTAssertEqual(found("Dami (P14's colleague) said the same", .person), ["Dami"])
        XCTAssertEqual(found("P14 school is Fernlea Academy", .organisationLocal), ["Fernlea Academy"])
        // A session never hunts a speaker's code said with a cue once.
        let memory = SessionMemory(terms: [RememberedTerm("P14", .person)], rejected: [])
        XCTAssertEqual(memory.findings(in: "P14: we had the same at ours").map(\.text), [])
    }

    func testSchoolsAcronymsAreNoInitials() {
        XCTAssertEqual(found("Kacey 15 - CME -> found in Leeds", .person), ["Kacey"])
        XCTAssertEqual(found("we log it on CPOMS / MyConcern", .person), [])
        XCTAssertFalse(SessionMemory.personInitials("EHE"))
        XCTAssertTrue(SessionMemory.personInitials("KDW"))
    }
}
