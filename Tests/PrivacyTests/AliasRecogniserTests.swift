/// The people classes of session 9 (`people5`, AliasRecognisers.swift): one test per class, with sentences written
/// for these tests (no corpus line) and invented names, each beside the everyday uses the rule must stay quiet on.
/// The rules are tested alone (no sequence labeller), so what passes here is what the rules find.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AliasRecogniserTests: XCTestCase, ScannerProbe {
    let rules = IdentifierScanner(labeller: nil)
    var scanner: IdentifierScanner { rules }

    func testAnAliasAfterACueWhateverItsCase() {
        assertPerson("the older male known as biscuit picks them up", "biscuit", .possible)
        assertPerson("her street name was, um, Kettle, yeah", "Kettle")
        assertPerson("he used the name Raven on the app", "Raven")
        assertPerson("she's got a \"mate\" called frosty who's 19", "frosty", .possible)
        assertPerson("strt nm \"Pebble\" used by yp", "Pebble")
        assertPerson("we call him taz - 15", "taz")
        assertPerson("jax aka k-dog older male", "k-dog")
        assertPerson("Wizzo real name poss Marcus", "Wizzo")
        // The name an alias stands for, just before it.
        assertPerson("Cosmo, we call him Coz, he's the eldest", "Cosmo")
        assertNoPerson("she called back later that day")
        assertNoPerson("the practice known as cuckooing is spreading")
        assertNoPerson("what's known as a hotspot by the station")
        assertNoPerson("he goes by bus to school")
        assertNoPerson("we call them 'elders' round here")
        assertNoPerson("I'll call him tomorrow")
        assertNoPerson("mum called the police")
        assertNoPerson("the name of the school was withheld")
        assertNoPerson("gang names mentioned - not for notes")
        assertNoPerson("and the kid, he called himself online all the time")
    }

    func testNamesSetOffBeforeANameNoun() {
        assertPerson("lil j and mouse - names given by yp", "lil j", .possible)
        assertPerson("lil j and mouse - names given by yp", "mouse", .possible)
        assertNoPerson("mon and tues - names of the days")
    }

    func testShortNamesWhereOnlyAPersonStands() {
        assertPerson("mo's older brother picks him up", "mo", .possible)
        assertPerson("jay's mum rang the DSL", "jay")
        assertPerson("Iris' mum rang, upset", "Iris")
        assertPerson("thx mo 👍", "mo", .possible)
        assertPerson("mtg w/ ezzy re school", "ezzy")
        assertPerson("zuri d.o.b. 12/01/12", "zuri")
        assertPerson("chair hale (TM)", "hale")
        assertPerson("and Al said it was fine", "Al")
        assertPerson("her mate Ty is 15", "Ty")
        assertPerson("Kavi moved to Derby w/ nan", "Kavi")
        assertPerson("femiola sw says not at home", "femiola")
        assertNoPerson("today's plan is the same")
        assertNoPerson("the mum's phone was off")
        assertNoPerson("thanks all 👍")
        assertNoPerson("cheers guys!")
        assertNoPerson("Ta ra!")
        assertNoPerson("He said it was fine and They said so too")
        assertNoPerson("ni no JT 48 21 93 B on file")
        assertNoPerson("acc no 12345678 sort code 20-00-00")
        assertNoPerson("yp says she's just chillin w/ frends")
    }

    func testNamesInFileNames() {
        assertPerson("the chronology is pemberton_review_notes.docx on the drive", "pemberton", .likely)
        assertPerson("saved as zelinski_CSE_assessment_final.docx", "zelinski", .possible)
        assertPerson("it's saved as Kian underscore plan dot docx", "Kian")
        assertPerson("the file's called chronology underscore Pemberton dot docx", "Pemberton")
        XCTAssertFalse(
            rules.scan("it's saved as Kian underscore plan dot docx").contains { $0.label == .handle },
            "a file's name said aloud is no handle")
        assertNoPerson("see case_notes_v2.docx and MACE_minutes_final.pdf")
        assertNoPerson("template here: https://example.org/resources/toolkit-template.docx")
        assertNoPerson("it's called strategy notes final dot docx")
    }

    func testANameSaidShortThenInFull() {
        // The two halves found one by one join into one name.
        assertPerson("so jem jemima sorry she was there", "jem jemima", .possible)
        assertPerson("mtg w/ tobi (tobias - yp) at the library", "tobi")
        assertNoPerson("ref referral went in on monday")
        assertNoPerson("the theory is sound")
    }

    func testANameTypedWithTwoLettersSwapped() {
        assertPerson("natsaha again absent fri", "natsaha", .possible)
        assertNoPerson("we recieved the referral on tuesday")
    }

    func testListsOfNicknames() {
        assertPerson("Rook / Jinxy / Big Man Dee", "Rook")
        assertPerson("Rook / Jinxy / Big Man Dee", "Big Man Dee")
        assertPerson("jojo -> big man dee -> line into the coast", "jojo")
        assertNoPerson("High / Medium / Low")
        assertNoPerson("Strengths / Risks / Actions")
        assertNoPerson("Housing / Police / Health")
        XCTAssertEqual(people("Zeph -> Excluded -> PRU"), ["Zeph"])
    }

    func testFamiliesInShorthand() {
        assertPerson("brwntn fam - known to police", "brwntn", .possible)
        assertPerson("Quellin fam - school move", "Quellin")
        assertPerson("Adekunle case - ref SC/22/04411", "Adekunle")
        assertPerson("she worked on the Okonedo job last year", "Okonedo")
        assertPerson("sibs in the Quellin case are split", "Quellin")
        assertNoPerson("cp fam - open to EH")
        assertNoPerson("Complex case - strat next wk")
    }

    func testAFullNameAfterItsIdentifier() {
        assertPerson("dob 04/05/2011 - ada quellin, placed Hull", "ada quellin")
        assertNoPerson("dob 04/05/2011 - not confirmed")
    }

    func testBigManNamesInAnyCase() {
        assertPerson("JAX 15 DISCLOSED - OWES BIG MAN ROOK £300", "BIG MAN ROOK")
        assertNoPerson("the big man himself turned up")
    }
}

/// A nickname set equal to a person in a note (session 17, AliasesGivenAsEquals.swift).
final class AliasesGivenAsEqualsTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testANicknameSetEqualToAPersonIsTheirAlias() {
        XCTAssertEqual(people("Big T = Marcus Hale, 24"), ["Big T", "Marcus Hale"])
        XCTAssertEqual(people("J-R = Jamie-Rae Pollard, 16, placed out of area"), ["J-R", "Jamie-Rae Pollard"])
        XCTAssertEqual(people("Trigger = M. Lewis 24"), ["Trigger", "Lewis"])
        // An initial and a word that is also a place, after "=", are the person.
        XCTAssertEqual(found("SPIDER = L Cawthorne 23 - car seen", .person), ["SPIDER", "L Cawthorne"])
    }

    func testAHeadingOrAParticipantsCodeBeforeEqualsIsNoAlias() {
        XCTAssertEqual(people("PLAN = Sara to visit on Friday"), ["Sara"])
        XCTAssertEqual(people("P2 = Bernie Doherty (she said it herself)"), ["Bernie Doherty"])
        XCTAssertEqual(people("KD + J + Mo = same group"), people("KD + J + Mo - same group"))
    }
}
