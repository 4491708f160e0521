/// Adult services, their providers, and a person's own service (session 16, rule 50). Sentences written for these
/// tests with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AdultServicesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAPlacesAdultServiceIsAnOrganisation() {
        assertFinds(
            "P4: I'm a PA with Kirkholme Leaving Care, it's mostly the flats",
            "ORGANISATION_LOCAL:Kirkholme Leaving Care")
        assertFinds(
            "Dewsford Safeguarding Adults logged it on Friday", "ORGANISATION_LOCAL:Dewsford Safeguarding Adults")
        assertFinds("she moved over to Halford Adult Social Care", "ORGANISATION_LOCAL:Halford Adult Social Care")
        // A kind of service, with no name before it, is nobody's.
        assertNo(.organisationLocal, "we had to take him to day services on Tuesdays")
        assertNo(.organisationLocal, "leaving care is the bit that always gets cut")
    }

    func testAProviderIsNamedByItsKindOfWork() {
        assertFinds(
            "provider is Larchfield Supported Living, two houses", "ORGANISATION_LOCAL:Larchfield Supported Living")
        assertFinds("he goes to Cobden Day Services three days a week", "ORGANISATION_LOCAL:Cobden Day Services")
        assertFinds("new operator is Wharfe Valley Travel from September", "ORGANISATION_LOCAL:Wharfe Valley Travel")
        // A weak head in lower case is no name.
        assertNo(.organisationLocal, "the council pays for travel and nothing else")
    }

    func testAPersonsOwnServiceOrSchoolIsThePerson() {
        XCTAssertEqual(found("P15: Declan's YJS worker rang me", .organisationLocal), [])
        XCTAssertEqual(found("P21: Ffion's college tutor noticed first", .organisationLocal), [])
        XCTAssertEqual(found("Ffion's college tutor noticed first", .person), ["Ffion"])
        XCTAssertEqual(found("P13's team covers the whole city", .organisationLocal), [])
        // A business named after someone keeps its name ("Sam's Chicken": a capitalised head, no service).
        XCTAssertEqual(
            found("they hung about outside Dev's Chicken every night", .organisationLocal), ["Dev's Chicken"])
    }
}
