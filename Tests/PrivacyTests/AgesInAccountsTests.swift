/// Ages claimed, recorded and corrected in accounts, the youngest's age, an age answered alone, and whole dates of
/// birth with no cue (session 16, AgesInAccounts.swift and `findUncuedBirthDates`). Sentences written for these
/// tests with invented names, each beside a twin the rule must stay quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AgesInAccountsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner(labeller: nil)

    func testWhatAPersonWasFoundOrMadeOutToBe() {
        XCTAssertEqual(found("the council assessment came out as 19, we appealed", .age), ["19"])
        XCTAssertEqual(found("the boy from the car wash turned out to be 13", .age), ["13"])
        XCTAssertEqual(found("the man online posed as 16, for months", .age), ["16"])
        XCTAssertEqual(found("she was fifteen and looking eleven", .age), ["fifteen", "eleven"])
        // A count or a measure after the same words stays quiet.
        XCTAssertEqual(found("the list came out as 19 names long", .age), [])
        XCTAssertEqual(found("it turned out to be 20 minutes late", .age), [])
    }

    func testAgesClaimedBesideAnother() {
        XCTAssertEqual(found("she is 15, the LA said 21", .age), ["15", "21"])
        XCTAssertEqual(found("ruta says she's 16, the jobcentre put 22", .age), ["16", "22"])
        XCTAssertEqual(found("Bekim (17) and his cousin (19 per HO, says 17)", .age), ["17", "19", "17"])
        XCTAssertEqual(found("Soraya 14 v 19 - review won", .age), ["14", "19"])
        XCTAssertEqual(found("DOB came back as 2010-05-02, so 15 confirmed", .age), ["15"])
        // With no age or date of birth in the text, what someone said stays a number.
        XCTAssertEqual(found("the manager put 20 on one sheet and 25 on the other", .age), [])
        XCTAssertEqual(found("Dawit is 15, the LA said 20 minutes", .age), ["15"])
    }

    func testTheYoungestsAge() {
        XCTAssertEqual(found("the youngest lad i had on my list this year was 12", .age), ["12"])
        XCTAssertEqual(found("Youngest referral this term: 10, year 5.", .age), ["10"])
        XCTAssertEqual(found("the youngest is 3 weeks into the placement", .age), [])
        XCTAssertEqual(found("the youngest was quiet. 12 of them came", .age), [])
    }

    func testAnAgeSetOffAfterAName() {
        XCTAssertEqual(found("I had a lad there, Hamid, Afghan, sixteen, and he had a card", .age), ["sixteen"])
        XCTAssertEqual(found("referral 4: girl, Grace A., 15, via Stansted", .age), ["15"])
        XCTAssertEqual(found("Hamid, 14 Mercer Street, the flat upstairs", .age), [])
    }

    func testAnAgeInWordsAfterAt() {
        XCTAssertEqual(found("so she was running drugs at fifteen, with a bus pass", .age), ["fifteen"])
        XCTAssertEqual(found("we meet at ten, upstairs", .age), [])
        XCTAssertEqual(found("they get their first flat at eighteen and then nothing", .age), [])
    }

    func testAnAgeAnsweredAlone() {
        XCTAssertEqual(found("P3: Thirteen.", .age), ["Thirteen"])
        XCTAssertEqual(found("P2: 12, now I think", .age), [])
        XCTAssertEqual(found("P4: yep. sixteen", .age), ["sixteen"])
        XCTAssertEqual(found("P1: Fourteen now, I think.", .age), ["Fourteen"])
        XCTAssertEqual(found("P7: 14 months", .age), [])
        XCTAssertEqual(found("P2: 5", .age), [])
        XCTAssertEqual(found("10. Faith leaders as partners.", .age), [])
    }

    func testAWholeDateYearsBackIsABirthDate() {
        XCTAssertEqual(found("P4: 01/01/2010 which is what they give them all", .dateOfBirth), ["01/01/2010"])
        XCTAssertEqual(found("we had four girls with 1 Jan 2009 in one unit", .dateOfBirth), ["1 Jan 2009"])
        XCTAssertEqual(
            found("Never forget it. The third of March, two thousand and seven.", .dateOfBirth),
            ["third of March, two thousand and seven"])
        XCTAssertEqual(found("P2: 14/06/07?", .dateOfBirth), ["14/06/07"])
        // Recent dates, event dates, a month and year, a version.
        XCTAssertEqual(found("the hearing was moved to 12/06/2025", .dateOfBirth), [])
        XCTAssertEqual(found("she was arrested on 3 May 2019 in town", .dateOfBirth), [])
        XCTAssertEqual(found("it started in May 2009 for her mum", .dateOfBirth), [])
        XCTAssertEqual(found("the app version is 1.7.09.2211 on the tablet", .dateOfBirth), [])
    }

    func testATitleAndAnInitialTypedInLowerCase() {
        XCTAssertEqual(people("P6: is mrs d ok tho"), ["mrs d"])
        XCTAssertEqual(people("ask mr k before friday"), ["mr k"])
        XCTAssertEqual(people("she helps mrs a lot with the kids"), [])
        XCTAssertEqual(people("the room for ms dx is booked"), [])
    }
}
