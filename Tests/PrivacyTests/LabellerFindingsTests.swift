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

    /// A child's name on no list set off by commas after an age was found as a place by the notes rule; the
    /// labeller's person run over exactly that word makes it the person (session 17).
    /// Session 18: a word on no name list after "via" or a journey's verb and its preposition is the place passed.
    func testAPersonOnAJourneysWayIsThePlace() {
        assertFinds("Hussein 16, arrived via Calais in a lorry", "LOCATION:Calais")
        assertFinds("he walked to Heathrow from the hotel", "LOCATION:Heathrow")
        // A listed name after "via" or "went to" stays the person.
        assertFinds("the referral came via Sarah", "PERSON:Sarah")
        assertFinds("he went to Kyle's after school", "PERSON:Kyle")
    }

    func testAPlaceOnAWordOnNoListThatALabelledRunCallsAPersonIsThePerson() {
        let text = "and the, the boy was sixteen, Gurveer, and he was volunteering every weekend"
        XCTAssertEqual(found(text, .location, IdentifierScanner(labeller: nil)), ["Gurveer"])
        XCTAssertEqual(found(text, .person), ["Gurveer"])
        XCTAssertEqual(
            found("P7 read it out: \"Mr Brathwell stated he was at his girlfriend's\"", .person), ["Mr Brathwell"])
        // A listed town or a word shaped like a place name stays the place.
        XCTAssertEqual(found("lad 15, Seacroft, older group", .location), ["Seacroft"])
    }
}
