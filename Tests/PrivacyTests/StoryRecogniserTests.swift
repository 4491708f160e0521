/// People in told stories (session 10, `stories`, StoryRecognisers.swift): one test per class, with sentences written
/// for these tests (no corpus line) and invented names, each beside the everyday uses the rule must stay quiet on.
/// The rules are tested alone (no sequence labeller), so what passes here is what the rules find.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class StoryRecogniserTests: XCTestCase, ScannerProbe {
    let rules = IdentifierScanner(labeller: nil)
    var scanner: IdentifierScanner { rules }

    func testAnInitialWhereAPersonStands() {
        // A subject: before a verb of saying or what happened to a person.
        assertPerson("Then W said he'd been staying at a mate's flat.", "W", .possible)
        assertPerson("and V kept going missing from the placement", "V", .possible)
        assertPerson("Honestly, Q was moved three times that year.", "Q", .possible)
        assertPerson("R had been groomed online for months before anyone knew.", "R", .possible)
        // An owner: before "'s" and what a person has.
        assertPerson("H's nan wouldn't let us in the house.", "H", .possible)
        assertPerson("we rang Z's social worker twice", "Z", .possible)
        // An object of a verb about a person.
        assertPerson("I told F we'd have to tell his mum.", "F", .possible)
        assertPerson("We placed G with her aunt in the end.", "G", .possible)
        assertPerson("so we picked N up from the station", "N", .possible)
        // Quiet: the pronoun, designations and labelled things, chat's "u", an article, a letter in a code.
        assertNoPerson("I said we'd go back on Monday.")
        assertNoPerson("Boy A said he was threatened.")
        assertNoPerson("Child C's mum came to the meeting.")
        assertNoPerson("we went with Plan B's budget in the end")
        assertNoPerson("we took her to A and E that night")
        assertNoPerson("U said u was coming lol")
        assertNoPerson("A lot of them kept going missing.")
        assertNoPerson("she wore a T-shirt and the Category B said nothing")
        assertNoPerson("Flat D was moved to the top of the list")
    }

    func testInitialsInOtherShapes() {
        // Dotted initials before an age, in brackets, after "for".
        assertPerson("case eg: R.W. 14 - missing twice from the home", "R.W.", .possible)
        assertPerson("attendance dropping (L.M. at the academy)", "L.M.", .possible)
        assertPerson("strategy meeting for E.K. next week", "E.K.", .possible)
        // A title and an initial; an initial and a surname nobody listed.
        assertPerson("adults cuckooed too (MRS B, the flats)", "MRS B")
        assertPerson("Allocated worker - T. Quarrendon, duty desk", "T. Quarrendon", .possible)
        // Two capitals on no list before an age, or named and then called "she".
        assertPerson("BK was fifteen but looked younger", "BK", .possible)
        assertPerson("QX, bless her, she never missed a session", "QX", .possible)
        assertPerson("the lad, W, who was twelve at the time", "W", .possible)
        assertNoPerson("P.S. the room is booked until four")
        assertNoPerson("e.g. the U.K. guidance says so")
        assertNoPerson("RA said low risk, the panel disagreed")
        assertNoPerson("WHO'S MISSING FROM THE ROOM?")
        assertNoPerson("A Level results came out and A Level students were told")
        assertNoPerson("outcome\tnot found\tN")
    }

    func testNamesTypedWithDigitsForLetters() {
        assertPerson("Sh4nice new number is in the notes", "Sh4nice", .possible)
        assertNoPerson("the car was MA17KLP, silver")
        assertNoPerson("see u b4 the meeting, gr8")
    }

    func testAMisspeltNameIsTheName() {
        // One slip from a person found in the same text.
        assertPerson("Grabowski was on our system as Grabowsky for a year", "Grabowsky", .possible)
        // In quotes or a slash pair, one slip from a listed name.
        assertPerson("a duplicate record under a misspelt surname, \"Kowalcyzk\".", "Kowalcyzk", .possible)
        assertNoPerson("she \"recieved\" the letter, apparently")
        assertNoPerson("the \"Zebrafish\" project was a success")
    }

    func testANameInCapitalsSetOffInBrackets() {
        assertPerson("- key worker at the home (MARCIA)", "MARCIA", .possible)
        assertPerson("- cash + 2 phones (TARIQ, the bus station)", "TARIQ", .possible)
        assertNoPerson("- referred on (CSE, MASH)")
        assertNoPerson("- rang the team (HOPE) about it")
    }

    func testANoteOpeningWithANameAndAnAgeInBrackets() {
        // A short name, an initial or a given name before "(age)" and a break: the age says it is a person.
        assertPerson("Ty (14) - excluded twice -> PRU", "Ty", .possible)
        assertPerson("- W. (13) - no link made with the GP", "W.", .possible)
        assertPerson("P4 - Bo (16) → moved to Hull", "Bo")
        // Quiet: a count in brackets after a thing, a relation's age, a word that takes a letter.
        assertNoPerson("Referrals (15) - up from last year")
        assertNoPerson("Mum (40) - not engaging")
        assertNoPerson("Group (12) - mixed ages")
        assertNoPerson("Ty said it started (14) times")
    }

    func testATitleInLowerCaseBeforeALetter() {
        assertPerson("mrs q said she'd ring the school back", "mrs q", .possible)
        assertPerson("miss v was the form tutor", "miss v", .possible)
        assertNoPerson("we'll miss a day if we move it")
        assertNoPerson("i miss u said nobody")
        assertNoPerson("they miss x amount of school")
    }

    func testAWordAfterANameCueThatIsAVerbIsNoName() {
        assertPerson("real name believed to be Dwayne Corrigan", "Dwayne Corrigan")
        XCTAssertEqual(people("real name believed to be Dwayne Corrigan"), ["Dwayne Corrigan"])
        assertNoPerson("a nickname stuck and that was that")
        assertNoPerson("one nickname spread round the whole school")
        // Still a name after the cue.
        assertPerson("his nickname was Sparrow", "Sparrow")
    }

    func testAnAcronymsPluralIsNoPerson() {
        assertNoPerson("RHIs - same provider every time")
        assertNoPerson("VPNs = dead end for the police")
        assertNoPerson("- PCSOs -> know the estate")
        assertPerson("Ros said same provider every time", "Ros")
    }

    func testAPossessiveWithoutItsApostropheBeforeAModifier() {
        assertPerson("jordans other profile is private now", "jordan")
        assertPerson("kians new phone is on the system", "kian")
        // Quiet: a plural before the same words.
        assertNoPerson("the kids other profiles were private")
        assertNoPerson("the girls new phones were taken off them")
    }

    func testDottedInitialsOpeningANoteBeforeAnArrow() {
        assertPerson("R.V. -> moved out of area, school not told", "R.V.", .possible)
        assertPerson("- T.W. - missing again over the weekend", "T.W.", .possible)
        assertNoPerson("P.S. -> the room is booked")
        assertNoPerson("N.B. - bring the forms")
    }

    func testANicknameSetOffAfterAName() {
        assertPerson("Kieran \"K-Dog\" 15 - cuckooing", "K-Dog", .possible)
        assertPerson("the case of Darnell Hobbs (Dizz), 16, in care", "Dizz", .possible)
        // Quiet: a role, a place, an age, a note in brackets, an everyday word in quotes.
        XCTAssertEqual(people("Kieran (sw) said no"), ["Kieran"])
        XCTAssertEqual(people("Kieran (Leeds) was placed"), ["Kieran"])
        XCTAssertEqual(people("Kieran (15) was placed"), ["Kieran"])
        XCTAssertEqual(people("Kieran \"fine\" he said"), ["Kieran"])
        XCTAssertEqual(people("Kieran (CSC) and Maya (sibs) were seen"), ["Kieran", "Maya"])
    }

    func testAFamilyWordMistypedAfterASurname() {
        assertPerson("oh yes the quarshie famly, everyone knows them", "quarshie")
        // Quiet: an everyday word before it is no surname ("whole" is not taken).
        XCTAssertFalse(people("the whole famly went missing").contains("whole"))
    }

    func testGivenNamesFromManyBackgroundsInLowerCase() {
        // Session 11 widened the given-name list (scripts/gazetteer-extra-given.txt) with communities it under-covered.
        XCTAssertEqual(people("i was with rhodri and tanvir yesterday"), ["rhodri", "tanvir"])
        XCTAssertEqual(people("spoke to hibaq and parminder after"), ["hibaq", "parminder"])
        XCTAssertEqual(people("so it was me, babajide and the sw"), ["babajide"])
        // Quiet: everyday words in the same places.
        assertNoPerson("i was with the team and the sw yesterday")
        assertNoPerson("spoke to housing and early help after")
    }

    func testAFormsKnownAsField() {
        assertPerson("Known as: Stitch", "Stitch")
        assertPerson("known as: biscuit", "biscuit")
        assertNoPerson("it's what's known as cuckooing")
        assertNoPerson("Known as: n/a")
    }
}
