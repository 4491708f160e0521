/// Hospitals, wards and crisis care named the way A&E, ward and crisis staff name them (HospitalsAndWards.swift,
/// PlaceRecognisers.swift, LocalNames.swift, LabellerFindings.swift; issue 18, session 17, `wards13`). Each shape
/// has a twin that stays quiet. Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class HospitalsAndWardsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAnInfirmaryByItsInitials() {
        XCTAssertEqual(found("police brought him to NRI after midnight", .organisationLocal), ["NRI"])
        XCTAssertEqual(found("two lads, same night, both ended up at DGI", .organisationLocal), ["DGI"])
        // Quiet: a scan, a reference's prefix, in lower case.
        XCTAssertEqual(found("she waited nine hours for an MRI", .organisationLocal), [])
        XCTAssertEqual(found("crime ref NRI-24-118204 given", .organisationLocal), [])
        XCTAssertEqual(found("the nri and the rest", .organisationLocal), [])
    }

    func testARegionsAmbulanceServiceByItsInitials() {
        XCTAssertEqual(found("crews from NWAS were there in ten minutes", .organisationLocal), ["NWAS"])
        // Quiet: the service's own unit named after it is that unit's finding; in lower case.
        assertNot("P3 - EMAS Derby North station, 6 yrs", "ORGANISATION_LOCAL:EMAS")
        XCTAssertEqual(found("the emas thing again", .organisationLocal), [])
    }

    func testAHospitalBeforeItsEmergencyDepartment() {
        XCTAssertEqual(found("she'd been to Tarnfield A&E twice that week", .organisationLocal), ["Tarnfield"])
        XCTAssertEqual(found("seen in Tarnfield ED at 3am", .organisationLocal), ["Tarnfield"])
        // Quiet: a city's A&E, a given name before "ED", a department with no name.
        XCTAssertEqual(found("she went to Leeds A&E", .organisationLocal), [])
        XCTAssertEqual(found("Sarah ED said no", .organisationLocal), [])
        XCTAssertEqual(found("she went to the A&E", .organisationLocal), [])
    }

    func testADistrictHospitalNamedShort() {
        XCTAssertEqual(
            found("we assessed a lad at Ormskirk and District, he was sixteen", .organisationLocal),
            ["Ormskirk and District"])
        // Quiet: a league's name goes on, in lower case.
        XCTAssertEqual(found("he plays at Ormskirk and District League level", .organisationLocal), [])
        XCTAssertEqual(found("families in Ormskirk and district", .organisationLocal), [])
    }

    func testWardsByCodeNumberAndList() {
        XCTAssertEqual(found("CAMHS crisis: NRI W12 - bed found", .organisationLocal), ["NRI", "W12"])
        XCTAssertEqual(found("she is a sister on Ward 4B now", .organisationLocal), ["Ward 4B"])
        XCTAssertEqual(
            found("wards: Heron / Maple / W21", .organisationLocal), ["Heron", "Maple", "W21"])
        XCTAssertEqual(
            found("covers Holly Ward + Heron Ward since March", .organisationLocal), ["Holly Ward", "Heron Ward"])
        XCTAssertEqual(
            found("GPs: Kirkstall Cnr, Moorview MC", .organisationLocal), ["Kirkstall Cnr", "Moorview MC"])
        // Quiet: a postcode district after no hospital, a person named Ward, a list under no heading.
        XCTAssertEqual(found("he lives in W12 now", .organisationLocal), [])
        XCTAssertEqual(found("Holly Ward came in with her son", .organisationLocal), [])
        XCTAssertEqual(found("Heron / Maple / Birch", .organisationLocal), [])
    }

    func testASchoolByGrammarOrJuniorAndInfantHeads() {
        XCTAssertEqual(
            found("Ossett Grammar no wait Moor Lane J&I", .organisationLocal), ["Ossett Grammar", "Moor Lane J&I"])
        // Quiet: grammar as a subject, initials without a name.
        XCTAssertEqual(found("the english grammar test", .organisationLocal), [])
        XCTAssertEqual(found("the J&I down the road", .organisationLocal), [])
    }

    func testDaysPluralsAndEponymsAreNoIdentifiers() {
        assertNo(.location, "planning meeting moved to Thursdays")
        assertNo(.location, "then we moved on to handovers")
        assertNo(.location, "our handovers from the crews are decent")
        assertNoPerson("consent at that age, Gillick or not")
        assertNoPerson("P10 - Rosalind protocol forms - not all homes use them")
        assertNoPerson("the photo from the Rosalind form was old")
        // Quiet twins: a town after "moved to", a person before a form without "the".
        XCTAssertEqual(found("planning meeting moved to Barnsley", .location), ["Barnsley"])
        assertPerson("Rosalind filled in her form", "Rosalind")
    }
}
