/// Health settings, hospital numbers and small coastal places (NumberRecognisers.swift, PlaceRecognisers.swift,
/// FieldVocabulary.swift; issue 18, session 15, `health11`): a hospital number after its cue, a ward, suite, clinic
/// or pharmacy by its head, a small place by a prefix word of its name, a place before a coastal landmark. Each shape
/// has a twin that stays quiet. Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class HealthSettingsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAHospitalNumberAfterItsCueAndTheNumbersOfItsKindAfterIt() {
        XCTAssertEqual(found("hosp no QT7 448120 flagged after the 2nd visit", .caseRef), ["QT7 448120"])
        XCTAssertEqual(found("hosp no. J5528301 was on the form", .caseRef), ["J5528301"])
        XCTAssertEqual(
            found("the hospital number, we've got him on as Z2 0049317 and under his nickname", .caseRef),
            ["Z2 0049317"])
        XCTAssertEqual(
            found("hospital no QT7 500212 and another with QT7 500388, same lad", .caseRef),
            ["QT7 500212", "QT7 500388"])
        XCTAssertEqual(found("link hosp nos QT7 500212 / QT7 500388", .caseRef), ["QT7 500212", "QT7 500388"])
        XCTAssertEqual(found("MRN 60442817 on the discharge letter", .caseRef), ["60442817"])
        XCTAssertEqual(found("Tyler had J5528301 at the General", .caseRef), ["J5528301"])
        // Quiet: no cue, a count, a time, a hospital with no number, a capital and too few digits alone.
        XCTAssertEqual(found("he came in with QT7 and a bag", .caseRef), [])
        XCTAssertEqual(found("the hospital number of attendances was 3 in 2024", .caseRef), [])
        XCTAssertEqual(found("hospital no longer sees them after 16", .caseRef), [])
        XCTAssertEqual(found("Tyler had J55283 at the General", .caseRef), [])
    }

    func testAWardSuiteClinicOrPharmacyByItsHead() {
        XCTAssertEqual(found("she was on Kestrel Ward for nine days", .organisationLocal), ["Kestrel Ward"])
        XCTAssertEqual(found("I cover the Larch Suite at weekends", .organisationLocal), ["Larch Suite"])
        XCTAssertEqual(found("our HV team at Fenwick Clinic meets monthly", .organisationLocal), ["Fenwick Clinic"])
        XCTAssertEqual(
            found("Mill Street Pharmacy rang about her again", .organisationLocal), ["Mill Street Pharmacy"])
        XCTAssertEqual(
            found("GP lead - Kerrow Medical Group - noticed it", .organisationLocal), ["Kerrow Medical Group"])
        XCTAssertEqual(found("Destiny back in March, this time Ward 48", .organisationLocal), ["Ward 48"])
        // Quiet: a person whose surname is a ward, a ward or clinic in lower case, a surname before an age.
        XCTAssertEqual(found("Johnny Ward was stopped in the car", .organisationLocal), [])
        XCTAssertEqual(found("Mrs Ward rang the school", .organisationLocal), [])
        XCTAssertEqual(found("Mikey Ward 15 stopped in the car", .organisationLocal), [])
        XCTAssertEqual(found("Ward 15yo seen again", .organisationLocal), [])
        XCTAssertEqual(found("J. Ward 17 running a line", .organisationLocal), [])
        XCTAssertEqual(found("admitted to the children's ward overnight", .organisationLocal), [])
        XCTAssertEqual(found("the sexual health clinic on Tuesdays", .organisationLocal), [])
    }

    func testASmallPlaceByAPrefixWordOfItsName() {
        XCTAssertEqual(found("boy found at Port Tallow ferry terminal at 2am", .location), ["Port Tallow"])
        XCTAssertEqual(found("the bus goes through Great Pellow to the coast", .location), ["Great Pellow"])
        // Quiet: a nickname, an everyday word, a country, a street.
        XCTAssertEqual(found("Little Jay was there again", .location), [])
        XCTAssertEqual(found("Great job everyone, thanks", .location), [])
        XCTAssertEqual(found("Great Britain is not the point", .location), [])
    }

    func testAPlaceBeforeACoastalLandmark() {
        XCTAssertEqual(found("seen with cash at Penwarra harbour", .location), ["Penwarra"])
        XCTAssertEqual(found("they hang about on Trevenna seafront", .location), ["Trevenna"])
        // Quiet: the landmark alone.
        XCTAssertEqual(found("seen with cash at the harbour", .location), [])
        XCTAssertEqual(found("they hang about on the seafront", .location), [])
    }
}
