/// Scotland's and Ireland's bodies and words (session 16, rule 50). Sentences written for these tests with invented
/// names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ScotlandAndIrelandTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testIrelandsPoliceAndScotlandsChildHouseAreNoOnes() {
        assertNoPerson("it was the Garda's patch, and the Garda said she was a Northern kid")
        assertQuiet("- Bairns' Hoose model?")
        assertNoPerson("Gaelic speakers rarely get an interpreter")
        // A name beside them is still found.
        assertPerson("the Garda found Aoibhinn at the bus depot", "Aoibhinn")
    }

    func testAGaelicCouncilNamesItselfAfterItsHead() {
        assertFinds(
            "works for Comhairle nan Tìrean Siar, joined from Barra", "ORGANISATION_LOCAL:Comhairle nan Tìrean Siar")
        assertNo(.organisationLocal, "the comhairle meeting was cancelled")
    }
}
