/// How the labeller's runs join the rules' findings (LabellerFindings.swift; session 16). Sentences written for these
/// tests with invented names.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class LabellerFindingsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    /// A given name that is an everyday word, left in clear beside its redacted surname until the labeller's run
    /// widened the rules' finding.
    func testALabelledRunWidensAPersonFoundByTheSurnameAlone() {
        XCTAssertEqual(
            found("Lee Okpara, he used to come to training", .person, IdentifierScanner(labeller: nil)), ["Okpara"])
        XCTAssertEqual(people("Lee Okpara, he used to come to training"), ["Lee Okpara"])
        XCTAssertEqual(people("real name thought to be Dean Achterberg."), ["Dean Achterberg"])
        // A run never widens a person over an everyday word in lower case.
        XCTAssertFalse(people("then Okpara said no").contains { $0.hasPrefix("then") })
    }

    func testATimeOfDayOrANationIsNoLabelledFinding() {
        XCTAssertEqual(found("PRIYA (13) -> HOME BY 9", .age), ["13"])
        XCTAssertEqual(found("Great Britain is not the point", .location), [])
        XCTAssertEqual(found("in Northern Ireland it is a different system", .location), [])
    }
}
