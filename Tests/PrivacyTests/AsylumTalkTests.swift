/// Talk about unaccompanied asylum-seeking children and age disputes (session 17, `asylum13`, from blind41's
/// development misses): numbers from abroad, NI numbers HMRC never issues, ages an assessment or an authority
/// gives, Merton's judgment, peoples and languages, apps and the schemes' acronyms. Sentences written for these
/// tests with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AsylumTalkTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner(labeller: nil)

    func testANumberFromAbroadWritten() {
        XCTAssertEqual(found("aunt in Lyon on +33 7 98 76 54 31, never answers", .phone), ["+33 7 98 76 54 31"])
        XCTAssertEqual(found("cousin (Dubai) +971 50 765 4321 - whatsapp only", .phone), ["+971 50 765 4321"])
        XCTAssertEqual(found("brother: 0049 176 9876543, rang twice", .phone), ["0049 176 9876543"])
        XCTAssertEqual(found("saved as Boss +4917698765430 in his phone", .phone), ["+4917698765430"])
        // Quiet: a count, a sum, a run with no country code, and one too long for any number.
        XCTAssertEqual(found("+3 more on the waiting list since May", .phone), [])
        XCTAssertEqual(found("totals were 14 +12 30 45 67 89 last year", .phone), [])
        XCTAssertEqual(found("ref 00 12 34 56 78 on the old system", .phone), [])
        XCTAssertEqual(found("card +33 1234 5678 9012 3456 7 on file", .phone), [])
        // A number from the UK keeps its own rule.
        XCTAssertEqual(found("his mum on +44 7700 900481", .phone), ["+44 7700 900481"])
    }

    func testANumberFromAbroadSaidAloud() {
        XCTAssertEqual(
            found("I rang his aunt on plus three three, seven, nine eight, seven six, five four, three one", .phone),
            ["plus three three, seven, nine eight, seven six, five four, three one"])
        XCTAssertEqual(
            found("the number was double oh four nine, one seven six, nine eight seven, six five four three", .phone),
            ["double oh four nine, one seven six, nine eight seven, six five four three"])
        // Quiet: a sum said aloud, and "oh oh" before a reference after its cue.
        XCTAssertEqual(found("it was plus four, five, six more", .phone), [])
        XCTAssertEqual(
            found("the case ref is oh oh one two, three four five, six seven eight nine", .phone), [])
    }

    func testANINumberWithAPrefixNeverIssued() {
        XCTAssertEqual(found("her NI came back as NK 12 34 56 A, odd", .niNumber), ["NK 12 34 56 A"])
        XCTAssertEqual(found("ni no tn123456c on the letter", .niNumber), ["tn123456c"])
        XCTAssertEqual(
            found("his NI was Kilo November, one two, three four, five six, Charlie, apparently", .niNumber),
            ["Kilo November, one two, three four, five six, Charlie"])
        // Without its suffix letter, a prefix HMRC never issues is no NI number.
        XCTAssertEqual(found("the form said NK 123456 at the top", .niNumber), [])
        XCTAssertEqual(found("GB 12 34 56 A on the slip", .niNumber), [])
    }

    func testAnAgeAnAssessmentOrAuthorityGives() {
        XCTAssertEqual(found("Zeravan - Quenby Council - assessed as 17, agreed.", .age), ["17"])
        XCTAssertEqual(found("the tribunal found him to be 15.", .age), ["15"])
        XCTAssertEqual(found("the HO had her down as 22 on the screening form", .age), ["22"])
        XCTAssertEqual(found("and the Home Office had him at nineteen.", .age), ["nineteen"])
        XCTAssertEqual(found("took ten weeks and we concluded fifteen.", .age), ["fifteen"])
        XCTAssertEqual(found("Tesfay now 16 per LA, moved on", .age), ["16"])
        // Quiet: a score, a time, a count, a duration.
        XCTAssertEqual(found("risk assessed as 3 on the scale", .age), [])
        XCTAssertEqual(found("we had him at 11 for the review", .age), [])
        XCTAssertEqual(found("the panel concluded 16 cases that month", .age), [])
        XCTAssertEqual(found("the checks found them to be 20 minutes late", .age), [])
        XCTAssertEqual(found("referrals now 16 per month", .age), [])
        // Beside an age found, the age a body gives in brackets, or after an arrow.
        XCTAssertEqual(found("Tesfay 15 (HO: 21) - car wash - Hulme", .age), ["15", "21"])
        XCTAssertEqual(found("Tesfay 15 (Room: 21) - car wash", .age), ["15"])
    }

    func testMertonNamesTheAssessment() {
        assertNo(.location, "the Merton took eleven weeks in the end")
        assertNo(.location, "a Merton-compliant assessment, two trained workers")
        assertNo(.location, "R (B) v Merton 2003 is the case")
        // Tied to a child, the borough is a place.
        XCTAssertEqual(found("he was placed in Merton with carers", .location), ["Merton"])
    }

    func testPeoplesAndLanguagesAreNoNames() {
        assertNoPerson("the interpreter spoke Dari but the boy was Pashtun")
        assertNoPerson("an Iraqi Kurd, and the other lad Hazara")
        assertNoPerson("DOB on his Egyptian ID was wrong")
        assertNoPerson("he's Rohingya, so stateless")
        assertPerson("Zeravan said the interpreter spoke Dari", "Zeravan")
    }

    func testAppsAndSchemesAreNoNames() {
        assertNoPerson("her handle on Zalo was given, and Viber too")
        assertNoPerson("referred by the intake unit, then transferred under the NTS.")
        assertNoPerson("he came over on ARAP with his uncle")
        assertPerson("she told Zaloma about the flat", "Zaloma")
    }

    func testAHotelNamedByItsStreetIsTheStreet() {
        XCTAssertEqual(found("a boy of 16 from Guinea in the Quenby Road hotel", .location), ["Quenby Road"])
        assertNo(.organisationLocal, "a boy of 16 from Guinea in the Quenby Road hotel")
        // A building's name before the head stays the hotel's name.
        XCTAssertEqual(found("moved to the Cedar Court hotel last week", .organisationLocal), ["Cedar Court hotel"])
    }

    func testAPersonsSchoolNamedAfterAnEqualsSign() {
        XCTAssertEqual(
            found("zeravan school = Quenby Grange School.", .organisationLocal), ["Quenby Grange School"])
        // Quiet twin: a school named in lower case with nothing after it is the school.
        XCTAssertEqual(found("she started at quenby school in May", .organisationLocal), ["quenby school"])
    }

    /// A person's school noted by the person's name ("zeravan school = …") makes the name no organisation where the
    /// session found it alone as a person twice or more.
    func testAPersonsSchoolLeavesThePersonAPerson() {
        let twice = SessionMemory(terms: [
            RememberedTerm("Zeravan school", .organisationLocal), RememberedTerm("Zeravan", .person),
            RememberedTerm("Zeravan", .person),
        ])
        let text = "Zeravan has settled so well"
        let person = Finding(label: .person, span: TextSpan(start: 0, end: 7), text: "Zeravan")
        XCTAssertEqual(twice.completed([person], in: text).map(\.label), [.person])
        // Quiet twin: found as a person once, the short name is still the organisation's.
        let once = SessionMemory(terms: [
            RememberedTerm("Zeravan school", .organisationLocal), RememberedTerm("Zeravan", .person),
        ])
        XCTAssertEqual(once.completed([person], in: text).map(\.label), [.organisationLocal])
    }
}
