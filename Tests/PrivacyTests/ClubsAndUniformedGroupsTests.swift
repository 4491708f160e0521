/// Clubs by the words teams take, and uniformed groups by their number (session 16, rule 50). Sentences written for
/// these tests with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ClubsAndUniformedGroupsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testANumberedTroopPackOrSquadronIsALocalSetting() {
        assertFinds("the leader at 9th Oxhill Scouts picked it up", "ORGANISATION_LOCAL:9th Oxhill Scouts")
        assertFinds("she went to 2nd Fenby Road Brownies on Tuesdays", "ORGANISATION_LOCAL:2nd Fenby Road Brownies")
        assertFinds("cadets - 2417 (Brackley) Sqn ATC - instructor", "ORGANISATION_LOCAL:2417 (Brackley) Sqn ATC")
        // The movements themselves, and a numbered thing that is no group, stay quiet.
        assertQuiet("Brownies and Girl Guides have good policies")
        assertQuiet("in the 3rd Division")
    }

    func testAClubByItsTeamWordIsAnOrganisation() {
        assertFinds("the lad was at Holmfield Wanderers, under fifteens", "ORGANISATION_LOCAL:Holmfield Wanderers")
        assertFinds("so Dunmore Youth Zone, massive place", "ORGANISATION_LOCAL:Dunmore Youth Zone")
        assertNo(.organisationLocal, "the wanderers in the park were harmless")
        // Two bodies joined by "and" stay two; a name with "and" inside it stays one.
        XCTAssertEqual(
            found("coach at 3rd Fenby Scouts and Holmfield Wanderers, both", .organisationLocal),
            ["3rd Fenby Scouts", "Holmfield Wanderers"])
        XCTAssertEqual(
            found("she's at Royton and Crompton School now", .organisationLocal), ["Royton and Crompton School"])
    }

    func testAQualifiedAgeInBracketsAfterAName() {
        XCTAssertEqual(found("Kaidan (nearly 15) has moved", .age, IdentifierScanner(labeller: nil)), ["15"])
        XCTAssertEqual(found("the meeting (about 15) ran long", .age), [])
    }
}
