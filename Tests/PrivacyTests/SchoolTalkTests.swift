/// Schools' talk (issue 18, session 16, `schools12`; rule 51): practice abbreviations typed in capitals are no people,
/// outward codes in a school's notes, NHS numbers in odd groupings, a record's two readings of one birth date, and a
/// school's short name remembered. Each shape has a twin that stays quiet. Written for these tests, not taken from any
/// corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class SchoolTalkTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAPracticeAbbreviationInCapitalsIsNoPerson() {
        assertNoPerson("EHE / CME")
        assertNot("Jordan K 13 - PEx -> PRU -> missing", "PERSON:PEx")
        assertPerson("Jordan K 13 - PEx -> PRU -> missing", "Jordan K")
        // Quiet twin: a name that is an abbreviation in lower case stays a name ("Ed", "Di"); initials with an age.
        assertPerson("Ed said the review went fine", "Ed")
        assertPerson("DA 15 - Fernlea / Belle Isle", "DA")
    }

    func testOutwardCodesInASchoolsNotes() {
        XCTAssertEqual(found("the girls said it was CV3 vs CV6, all over snap", .postcode), ["CV3", "CV6"])
        XCTAssertEqual(found("taxi driver seen hanging about @ WF13 after school", .postcode), ["WF13"])
        XCTAssertEqual(found("Kian R 15 - DN4 - tiktok live - cousin in Hexthorpe", .postcode), ["DN4"])
        XCTAssertEqual(found("Bree – Moorcroft – WF2? check", .postcode), ["WF2"])
        // Quiet: motorways set against each other, a handle glued to "@", a grade after a year.
        XCTAssertEqual(found("M6 vs M62 is quicker at that time", .postcode), [])
        XCTAssertEqual(found("message @WF13 on there", .postcode), [])
        XCTAssertEqual(found("Year 9 - B2 - French", .postcode), [])
    }

    func testAnNHSNumberInOddGroupings() {
        XCTAssertEqual(
            found("the only thing that linked them was her number — hang on — 071 620 2182", .nhsNumber),
            ["071 620 2182"])
        XCTAssertEqual(found("his NHS no from the YOI 298 658 1609", .nhsNumber), ["298 658 1609"])
        XCTAssertEqual(found("his NHS no from the YOI 298 658 1609", .vehicleReg), [])
        // Quiet: ten digits from 07 that fail the check, a mobile's eleven.
        XCTAssertEqual(found("her number was 071 620 2183", .nhsNumber), [])
        XCTAssertEqual(found("her number was 07700 900123", .nhsNumber), [])
        // A Northern Irish plate alone stays a plate.
        XCTAssertEqual(found("a grey car, OXZ 9140, outside again", .vehicleReg), ["OXZ 9140"])
    }

    func testARecordsSecondReadingOfOneBirthDate() {
        XCTAssertEqual(
            found("DOB given as 14/02/2011 on the referral, police had 14/02/2012", .dateOfBirth),
            ["14/02/2011", "14/02/2012"])
        XCTAssertEqual(found("DOB mismatch 3/6/11 v 3/6/12", .dateOfBirth), ["3/6/11", "3/6/12"])
        XCTAssertEqual(
            found("DOB given 03/11/2010 first time, 03/11/2009 next time", .dateOfBirth), ["03/11/2010", "03/11/2009"])
        // Quiet: another date that differs in more than one part is a meeting's, not the birth date's.
        XCTAssertEqual(
            found("DOB given as 14/02/2011 on the referral, seen 03/05/2024", .dateOfBirth), ["14/02/2011"])
    }

    func testAWelshOrHyphenedSchoolsShortNameIsRemembered() {
        let welsh = SessionMemory(terms: [RememberedTerm("Ysgol Gyfun Gymraeg Bryn Tawel", .organisationLocal)])
        XCTAssertEqual(
            welsh.findings(in: "she was at Bryn Tawel in Year 9").map { "\($0.label.rawValue) \($0.text)" },
            ["ORGANISATION_LOCAL Bryn Tawel"])
        let hyphened = SessionMemory(terms: [RememberedTerm("Al-Noor Girls' Academy", .organisationLocal)])
        XCTAssertEqual(
            hyphened.findings(in: "Safa 15 at Al-Noor, now with early help").map { "\($0.label.rawValue) \($0.text)" },
            ["ORGANISATION_LOCAL Al-Noor"])
        // Quiet: the head alone is no short name, nor the village a Welsh school is named after.
        XCTAssertNil(SessionMemory.shortName(["ysgol", "gyfun"]))
        XCTAssertNil(SessionMemory.shortName(["ysgol", "maesteg"]))
    }

    func testASchoolsShortNameEndingOnAPlacesWordOrBeforeItsKind() {
        let memory = SessionMemory(terms: [
            RememberedTerm("Fernlea View Academy", .organisationLocal),
            RememberedTerm("Kestrel Short Stay School", .organisationLocal),
        ])
        let said = { (t: String) in memory.findings(in: t).map { "\($0.label.rawValue) \($0.text)" } }
        XCTAssertEqual(said("Jo from Fernlea View - re the hotel"), ["ORGANISATION_LOCAL Fernlea View"])
        XCTAssertEqual(said("Kestrel are good tho, they ring us"), ["ORGANISATION_LOCAL Kestrel"])
        // Quiet twin: a health centre's place word names the district ("Marsh Farm").
        let centre = SessionMemory(terms: [RememberedTerm("Fernlea View Health Centre", .organisationLocal)])
        XCTAssertEqual(centre.findings(in: "Jo from Fernlea View - re the hotel").map(\.text), [])
    }

    func testASchoolsHeadsWrittenShortAndAPlacesServicesByAge() {
        XCTAssertEqual(found("Maisie 7 - Tanfield Rd Prim - car again", .organisationLocal), ["Tanfield Rd Prim"])
        XCTAssertEqual(
            found("works closely w the Hexthorpe youth hub on Fridays", .organisationLocal), ["Hexthorpe youth hub"])
        XCTAssertEqual(
            found("P4 (school nurse, Kirklees 0-19 team) - sees girls", .organisationLocal), ["Kirklees 0-19 team"])
        XCTAssertEqual(
            found("he's at the Fresh Start base in Cwmbran now", .organisationLocal), ["Fresh Start base"])
        // Quiet: a primary's "prim" in lower case, a base with no name, a youth hub of no place.
        XCTAssertEqual(found("she's very prim and proper", .organisationLocal), [])
        XCTAssertEqual(found("back to base by three", .organisationLocal), [])
        XCTAssertEqual(found("the youth hub shut in May", .organisationLocal), [])
    }

    func testSchoolsSoftwareIsNoPerson() {
        assertNoPerson("- filtering logs (Smoothwall / Securly)")
        assertNoPerson("a site flagged by Smoothwall at 2am")
        assertPerson("a site flagged by Shona at 2am", "Shona")
    }
}
