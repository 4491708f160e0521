/// Clubs and local bodies named their own way, outward codes after an activity, bare handles, a reference set off by
/// a comma, and ages said of anyone that age (session 17, `clubs13`, rule 53). Sentences written for these tests with
/// invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ClubsNamedTheirOwnWayTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAPlaceAndAPluralTeamWordIsAClub() {
        assertFinds("she swims for Rothwell Kestrels on a Saturday", "ORGANISATION_LOCAL:Rothwell Kestrels")
        assertFinds("P2: Tottenham Panthers", "ORGANISATION_LOCAL:Tottenham Panthers")
        assertNot("she swims for Rothwell Kestrels on a Saturday", "LOCATION:Rothwell")
        // An unlisted name before a team word, where the text speaks of a club.
        assertFinds("club name Brackenby Hawks, he refs there", "ORGANISATION_LOCAL:Brackenby Hawks")
        // People, streets and days after a place stay what they are.
        assertNo(.organisationLocal, "the Rothwell lads were there", IdentifierScanner(labeller: nil))
        assertNo(.organisationLocal, "she lives off Croydon Gardens now", IdentifierScanner(labeller: nil))
        assertNo(.organisationLocal, "in Walsall Tuesdays and Thursdays", IdentifierScanner(labeller: nil))
        assertNo(.organisationLocal, "Brackenby Hawks came up in the meeting", IdentifierScanner(labeller: nil))
    }

    func testASportsShortHeadAfterItsName() {
        assertFinds("a gym off the ring road, Steel Wolves MMA", "ORGANISATION_LOCAL:Steel Wolves MMA")
        assertFinds("- Dean 12 - Halton Jnrs", "ORGANISATION_LOCAL:Halton Jnrs")
        assertNo(.organisationLocal, "he did MMA for a year", IdentifierScanner(labeller: nil))
    }

    func testAPlacesDesignatedOfficerOrSocialCare() {
        assertFinds("she reported it to Tottenham LADO", "ORGANISATION_LOCAL:Tottenham LADO")
        assertFinds("the croydon lado was slow", "ORGANISATION_LOCAL:croydon lado")
        assertFinds("P3 (Walsall social care)", "ORGANISATION_LOCAL:Walsall social care")
        assertNo(.organisationLocal, "the LADO was slow", IdentifierScanner(labeller: nil))
        assertNo(.organisationLocal, "in social care for years", IdentifierScanner(labeller: nil))
    }

    func testAnOutwardCodeAfterAnActivityOrAPlaceAndAComma() {
        assertFinds("Mia 13 - netball N15", "POSTCODE:N15")
        assertFinds("he lives on the Halton Moor estate, ls9", "POSTCODE:ls9")
        assertNo(.postcode, "dance M6", IdentifierScanner(labeller: nil))
        assertNo(.postcode, "the netball Y7 team", IdentifierScanner(labeller: nil))
    }

    func testACashTagAndACamelCaseHandle() {
        assertFinds("paid him on the app, tag $kestrelcoach", "HANDLE:$kestrelcoach")
        assertFinds("he messaged as talentFinderUK from a new account", "HANDLE:talentFinderUK")
        assertNo(.handle, "it cost $50 on eBay", IdentifierScanner(labeller: nil))
        assertNo(.handle, "she lost her iPhone again", IdentifierScanner(labeller: nil))
    }

    func testAReferenceSetOffByACommaAfterItsCue() {
        assertFinds("they logged it as a crime, 7712, and nothing", "CASE_REF:7712")
        assertNo(.caseRef, "the crime, 2019, was old", IdentifierScanner(labeller: nil))
        XCTAssertEqual(found("Refs: 44/71203/25, 25/1187, log 3309", .caseRef), ["44/71203/25", "25/1187", "3309"])
        XCTAssertEqual(found("crime ref 44/71203/25, 12/03 was the date", .caseRef), ["44/71203/25"])
    }

    func testAnAgeSaidOfAnyoneThatAgeIsNoAge() {
        assertNo(.age, "like, a 17 year old is still a child", IdentifierScanner())
        assertNo(.age, "a 16 yo can't be expected to sign that")
        assertNo(.age, "a 15 or 16 year old who's homeless should be assessed")
        assertFinds("we had a 15 year old placed in Blackpool", "AGE:15 year old")
        assertFinds("a 15 year old who could barely read", "AGE:15 year old")
    }
}
