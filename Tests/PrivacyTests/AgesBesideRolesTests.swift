/// Ages beside the words for a person who is not named, children's ages given together, corrected ages and an age
/// beside a date of birth with no cue (session 15, AgesBesideRolesAndLists.swift). Sentences written for these tests
/// with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AgesBesideRolesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testARoleAndItsAge() {
        XCTAssertEqual(found("coach's helper - volunteer 19 running the minibus", .age), ["19"])
        XCTAssertEqual(found("stopped the car, driver 23, two lads in the back", .age), ["23"])
        XCTAssertEqual(found("the passenger was 15, the other one older", .age), ["15"])
        XCTAssertEqual(found("young person 14 with a new phone and trainers", .age), ["14"])
        XCTAssertEqual(found("eldest one 17 on a tag, youngest at primary", .age), ["17"])
        // Designations, durations and counts stay quiet.
        XCTAssertEqual(found("victim 1 and victim 2 gave statements", .age), [])
        XCTAssertEqual(found("the driver 40 minutes late every week", .age), [])
        XCTAssertEqual(found("witness 3 said the car was blue", .age), [])
    }

    func testANameAnInitialAndAnAge() {
        XCTAssertEqual(found("Marnie K 13 – overdose – seen in clinic", .age), ["13"])
        XCTAssertEqual(found("Jonah P 9 / sister 12", .age), ["9", "12"])
        // A capital that is no initial after no name.
        XCTAssertEqual(found("- Plan B 12 - not agreed", .age), [])
    }

    func testADashTypedAsABullet() {
        XCTAssertEqual(found("- Cody 16 - county lines - Stockport", .age), ["16"])
        XCTAssertEqual(found("- Room 14 - booked for the review", .age), [])
    }

    func testANamedPersonsAgeBeforeWhatTheyDo() {
        XCTAssertEqual(found("her aunt Precious Obi 34 does the school run", .age), ["34"])
        XCTAssertEqual(found("the Obi case 34 does not apply", .age), [])
    }

    func testChildrensAgesGivenTogether() {
        XCTAssertEqual(found("the twins' cousins were 7 and 10 at the time", .age), ["7", "10"])
        XCTAssertEqual(found("P3 - kids 6 and 11 in the same house", .age), ["6", "11"])
        XCTAssertEqual(found("his boys were nine, eleven", .age), ["nine", "eleven"])
        // What children of an age are like is said of anyone; a count of sessions is no age.
        XCTAssertEqual(found("these girls are fourteen, fifteen, they think it's love", .age), [])
        XCTAssertEqual(found("kids 10 and 12 sessions in", .age), [])
    }

    /// Session 18: ages given together after "are" or "who are", three or more in a list, a question about one
    /// person's age; a share "per cent" is no age.
    func testAgesInAListAQuestionAndAShare() {
        assertFinds("girls were 13, 13 and 14; P2 gave only one name", "AGE:13", "AGE:14")
        XCTAssertEqual(found("girls were 13, 13 and 14; P2 gave only one name", .age).count, 3)
        assertFinds("the boys are 13 and 15", "AGE:13", "AGE:15")
        assertFinds("he's got kids working for him who are twelve, thirteen.", "AGE:twelve", "AGE:thirteen")
        assertFinds("is he 11 or 12 now?", "AGE:11", "AGE:12")
        assertFinds("is she 14?", "AGE:14")
        // What children of an age are like, minutes, a place in a queue, a share: no age.
        assertNo(.age, "these kids are fifteen, sixteen")
        assertNo(.age, "is he 5 minutes away?")
        assertNo(.age, "numbers were 13 and 14 per cent")
        assertNo(.age, "the boys are 13 and 13")
    }

    func testACorrectedAge() {
        XCTAssertEqual(found("tomasz 14 btw not 15 like the form says", .age), ["14", "15"])
        XCTAssertEqual(found("P2: dwayne is 18 not 19 fyi", .age), ["18", "19"])
        XCTAssertEqual(found("P2: dwayne is 18 not 40 fyi", .age), ["18"])
    }

    func testAnAgeBesideADateOfBirth() {
        XCTAssertEqual(found("Kezia Mbeki 16 03.07.2009, moved to nan's", .dateOfBirth), ["03.07.2009"])
        XCTAssertEqual(found("Kezia Mbeki DOB 03.07.2009 16 – missing twice", .age), ["16"])
        // A date whose year does not fit the age is some other date.
        XCTAssertEqual(found("Kezia Mbeki 16 03.07.2024, review", .dateOfBirth), [])
    }
}

/// Outward codes read once places are found (session 15, OutwardCodesBesidePlaces.swift).
final class OutwardCodesBesidePlacesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testACodeAfterAFoundPlace() {
        XCTAssertEqual(found("her dad's flat, Pendle Street, M16", .postcode), ["M16"])
        XCTAssertEqual(found("Kai Dunne 15 - Hollin Park Estate BB3", .postcode), ["BB3"])
        // A motorway after a road is a road.
        XCTAssertEqual(found("lives off Kirkby Road, M6 is right there", .postcode), [])
    }

    func testACodeAfterACaseLinesPersonOrAge() {
        XCTAssertEqual(found("Zain 18 B10 - escort Bernadette - 4 phones", .postcode), ["B10"])
        XCTAssertEqual(found("CASE 8 - J Baptiste 17 - B33", .postcode), ["B33"])
        // A motorway, a pupil's year or a code that names a room or a class stays quiet.
        XCTAssertEqual(found("Tom 15 M6 junction", .postcode), [])
        XCTAssertEqual(found("Kai 14 Y10 maths", .postcode), [])
        XCTAssertEqual(found("Amy 16 B10 school", .postcode), [])
    }

    /// Session 18: a code after an address's flat or house number and a comma, after a big city, in lower case after
    /// a verb of moving home and "to".
    func testACodeAfterAnAddressABigCityOrAMove() {
        assertFinds("address: flat 2, LS9", "POSTCODE:LS9")
        assertFinds("he stays in Sheffield S5 with his nan", "POSTCODE:S5")
        assertFinds("Liverpool L8 is where she ended up", "POSTCODE:L8")
        assertFinds("moved to ts3 last year with mum", "POSTCODE:ts3")
        // A motorway after a city or an address, "b4" as "before", a key stage: no code.
        assertNo(.postcode, "Birmingham M6 toll was shut")
        assertNo(.postcode, "flat 2, M6 junction")
        assertNo(.postcode, "went to b4 school")
        assertNo(.postcode, "moved to ks4 in september")
    }

    func testACodeOfTheSameAreaAsOneFound() {
        XCTAssertEqual(found("bd3 mainly, some in BD4", .postcode), ["bd3", "BD4"])
        // Another sentence is another thought; one letter is no area to share.
        XCTAssertEqual(found("the kids in BD4. bd3 is a year group code here", .postcode), ["BD4"])
    }

    func testATwoLetterCodeAsAWholeNote() {
        XCTAssertEqual(found("ts4", .postcode), ["ts4"])
        XCTAssertEqual(found("b4", .postcode), [])
    }

    func testAListOfCodesBeforeHotSpots() {
        XCTAssertEqual(found("B6 / B7 / B19 - hot spots", .postcode), ["B6", "B7", "B19"])
        XCTAssertEqual(found("B6 / B7 - pencils", .postcode), [])
    }
}
