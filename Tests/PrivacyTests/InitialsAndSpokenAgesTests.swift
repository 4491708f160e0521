/// People by initials in note-taker shorthand and ages said in speech (session 13, `people8`:
/// InitialsInShorthand.swift, AgesInSpeech.swift, and the session memory's initials and nicknames). Each shape has a
/// twin that stays quiet. Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class InitialsAndSpokenAgesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testInitialsBeforeAnAgeOrDobOrAfterARelationAreAPerson() {
        let cases: [(String, [String], [String])] = [
            ("QV 15 MFH x2, older bf TW 24", ["QV", "TW"], ["15", "24"]),
            ("sibs: JX 11, ZR 2/3", ["JX", "ZR"], ["11", "2/3"]),
            ("mum GL, TX 16 (17 in Jun), FQ 12", ["GL", "TX", "FQ"], ["16", "17", "12"]),
            ("NUB 13 flat 4 Ash Lane", ["NUB"], ["13"]),
            ("RW dob 3.5.09", ["RW"], []),
            ("CQ -> parties in town", ["CQ"], []),
            ("assault charge vs MJ fell through", ["MJ"], []),
            ("CPS NFA on DX, no decision", ["DX"], []),
            ("P4 -> Leeds, WV 14 y9", ["WV"], ["14"]),
            ("P2 (Jo) -> MS 16 at home", ["Jo", "MS"], ["16"]),
        ]
        for (text, people, ages) in cases {
            XCTAssertEqual(found(text, .person), people, text)
            XCTAssertEqual(found(text, .age), ages, text)
        }
    }

    /// Session 14: a case heading names its person by initials (alone, with a stop, hyphenated for a double surname,
    /// with a surname or a title) and gives an age; a designation's letter and an article stay quiet.
    func testACaseHeadingsInitialsAndAge() {
        let cases: [(String, [String], [String])] = [
            ("CASE 2 - R W-H 16 - Hollin CH -> Telford", ["R W-H"], ["16"]),
            ("CASE 9 - Mrs F. Begum 17 + baby - Belgrave", ["Mrs F. Begum"], ["17"]),
            ("CASE 13 - K. Moss 18 - NI misused", ["K. Moss"], ["18"]),
            ("-> grooming via games - O P-H 11 Solihull", ["O P-H"], ["11"]),
            ("AFTERNOON - CASE 4 N C-O 15", ["N C-O"], ["15"]),
            ("A 15 minute call - Room B 12 - booked", [], []),
            ("Plan - A 12 week course", [], []),
        ]
        for (text, people, ages) in cases {
            XCTAssertEqual(found(text, .person), people, text)
            XCTAssertEqual(found(text, .age), ages, text)
        }
    }

    /// Session 14: the other names given with an alias, after a slash or "or"; not an everyday word or a service.
    func testTheOtherNamesGivenWithAnAlias() {
        XCTAssertEqual(found("Older male known as Big Mo / Mo, approx 19", .person), ["Big Mo", "Mo"])
        XCTAssertEqual(found("his street name is Big Mo / MoneyMo", .person), ["Big Mo", "MoneyMo"])
        XCTAssertEqual(found("he goes by Trigger or T", .person), ["Trigger", "T"])
        XCTAssertEqual(found("known as Spider / the spider man", .person), ["Spider"])
        XCTAssertEqual(found("goes by Tee or something", .person), ["Tee"])
        XCTAssertEqual(found("known as Ace / Police said", .person), ["Ace"])
    }

    func testPracticeAbbreviationsStayQuiet() {
        for text in [
            "CSE 14 referrals this year", "MFH x3 in May", "LAC review -> next week", "CPS 12 months on",
            "NFA on CSE concerns", "DSL -> MASH referral", "long disc re: s47 vs CE screening",
            "RA said low risk", "re MA arrangements", "UASC 16 and over", "YP 15 YRS MISSING AGAIN",
        ] {
            XCTAssertEqual(found(text, .person), [], text)
        }
        // "NK 14 MFH" is no number plate: its last letters are a practice abbreviation.
        XCTAssertEqual(found("QV 14 MFH x3", .vehicleReg), [])
        XCTAssertEqual(found("the reg was KV 14 MFH", .vehicleReg), ["KV 14 MFH"], "after a vehicle cue")
    }

    func testSingleLettersInAFamilyList() {
        XCTAssertEqual(found("bros B 12 Y 9", .person), ["B", "Y"])
        XCTAssertEqual(found("bros B 12 Y 9", .age), ["12", "9"])
        XCTAssertEqual(found("mum KX 39, L 17, CQ 14, twins R+R 8", .person), ["KX", "L", "CQ", "R", "R"])
        XCTAssertEqual(found("mum KX 39, L 17, CQ 14, twins R+R 8", .age), ["39", "17", "14", "8"])
        // Quiet: a school year alone, and a list with no age.
        XCTAssertEqual(found("mum Y 9 parents evening", .person), [])
        XCTAssertEqual(found("twins A and B groups", .person), [])
    }

    func testShortNamesAsSubjectsAndLettersTurningAnAge() {
        XCTAssertEqual(found("Ty was being sent out to the coast", .person), ["Ty"])
        XCTAssertEqual(found("how did you find out Ty was going there?", .person), ["Ty"])
        XCTAssertEqual(found("E turned 18 mid-process -> adults", .person), ["E"])
        XCTAssertEqual(found("It was going badly. May was being difficult.", .person), [])
        XCTAssertEqual(found("E turned left at the lights", .person), [])
        XCTAssertEqual(found("D was 15 at allocation, 16 by court", .person), ["D"])
        XCTAssertEqual(found("J running for a group out of town", .person), ["J"])
        XCTAssertEqual(found("B was 15 minutes late", .person), [])
        XCTAssertEqual(found("A running total", .person), [])
        XCTAssertEqual(found("the other one we only know as Slim", .person), ["Slim"])
        XCTAssertEqual(found("you know as well as I do", .person), [])
    }

    func testAgesInNumberWordsAfterANameAndComma() {
        XCTAssertEqual(found("the boyfriend was Dale Orrin, forty-one, known to us", .age), ["forty-one"])
        XCTAssertEqual(found("a Lee Brantwood, fifty-four, who's on the register", .age), ["fifty-four"])
        XCTAssertEqual(found("he'd be about twenty-six, twenty-seven.", .age), ["twenty-six", "twenty-seven"])
        XCTAssertEqual(found("Dale Orrin, forty-one minutes late", .age), [])
    }

    func testAgesGivenAsAnswersOrCorrections() {
        let cases: [(String, [String])] = [
            ("Sixteen, yeah, seventeen in March.", ["Sixteen", "seventeen"]),
            ("Sorry, thirteen or fourteen?", ["thirteen", "fourteen"]),
            ("Fifteen, sorry, she turned fifteen last month.", ["Fifteen", "fifteen"]),
            ("16, yeah, and he was running a line.", ["16"]),
            ("Twenty-three and she's fourteen, I mean come on.", ["Twenty-three", "fourteen"]),
            ("Sixteen, lives with mum and five siblings.", ["Sixteen"]),
        ]
        for (text, ages) in cases { XCTAssertEqual(found(text, .age), ages, text) }
        for text in [
            "Fifteen, maybe twenty people came.", "Twelve, yeah, twelve of us went.", "Sixteen referrals, yeah.",
            "Sorry, twenty minutes?", "Twenty, yeah, it was twenty quid",
        ] {
            XCTAssertEqual(found(text, .age), [], text)
        }
    }

    func testABabysAgeARangeAssessedAndTheirAge() {
        XCTAssertEqual(found("Tia, 19, has a baby, Remy, eighteen months.", .age), ["19", "eighteen months"])
        XCTAssertEqual(found("sis Tia 19 + baby Remy 18m", .age), ["19", "18m"])
        XCTAssertEqual(found("Yeah, the baby's eighteen months, not really part of it.", .age), ["eighteen months"])
        XCTAssertEqual(
            found("he said fifteen, the assessment said sixteen to seventeen.", .age).last,
            "sixteen to seventeen")
        XCTAssertEqual(found("the twins, Ruby and Rose, they're eight.", .age), ["eight"])
        XCTAssertEqual(found("Hang on, Mo's 16?", .person), ["Mo"])
        XCTAssertEqual(found("Hang on, Mo's 16?", .age), ["16"])
        // Quiet: a time, a stay, a count, a group's age, a thing's.
        XCTAssertEqual(found("she had shannon 18mths, best placement", .age), [])
        XCTAssertEqual(found("for eighteen months she was fine", .age), [])
        XCTAssertEqual(found("the assessment took sixteen to seventeen weeks", .age), [])
        XCTAssertEqual(found("A lot of these kids, they're fourteen, fifteen, and think they're men.", .age), [])
        XCTAssertEqual(found("It's 16? That's the total.", .age), [])
    }

    func testTheSessionRemembersInitialsAndNicknamesFoundOnce() {
        let found = [Finding(label: .person, span: TextSpan(start: 0, end: 2), text: "QV", confidence: .possible)]
        XCTAssertEqual(SessionMemory.worthRemembering(found).map(\.text), ["QV"], "initials though possible")
        let cse = [Finding(label: .person, span: TextSpan(start: 0, end: 3), text: "CSE", confidence: .possible)]
        XCTAssertEqual(SessionMemory.worthRemembering(cse).map(\.text), [], "a practice abbreviation")
        let memory = SessionMemory(terms: [RememberedTerm("QV", .person), RememberedTerm("Big M", .person)])
        XCTAssertEqual(memory.findings(in: "QV -> Briercliffe Acad").map(\.text), ["QV"])
        XCTAssertEqual(memory.findings(in: "the qv of the report").map(\.text), [], "only in capitals")
        XCTAssertEqual(memory.findings(in: "is that the same Big M from Norbury?").map(\.text), ["Big M"])
        XCTAssertEqual(memory.findings(in: "a big m on the form").map(\.text), [], "only capitalised")
    }
}
