/// Session 6's classes of numbers, ages, places and local organisations, each as a general rule with sentences
/// written for these tests (not taken from any corpus), and beside each the quiet cases the rule must keep quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class NumberClassTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    // 943 476 5919 is the NHS's own example of a valid number; 401 023 2137 is valid too.
    func testNHSNumbersInEveryWrittenShape() {
        assertFinds("NHS no. 943 476 5919 on the referral", "NHS_NUMBER:943 476 5919")
        assertFinds("nhs#943-476-5919", "NHS_NUMBER:943-476-5919")
        assertFinds("her number is 943.476.5919 I think", "NHS_NUMBER:943.476.5919")
        assertFinds("on the form: 94 34 76 59 19", "NHS_NUMBER:94 34 76 59 19")
        assertFinds("4010232137 is the one on the system", "NHS_NUMBER:4010232137")
        // Glued to its cue: the digits are the identifier.
        assertFinds("NHS9434765919 written on the letter", "NHS_NUMBER:9434765919")
        assertFinds("nhsno4010232137", "NHS_NUMBER:4010232137")
        // A wrong check digit, a longer run, a date and a phone stay what they are.
        assertNo(.nhsNumber, "NHS no. 943 476 5918 on the referral")
        assertNo(.nhsNumber, "card 4111 1111 1111 1111 was used")
        assertNo(.nhsNumber, "seen on 12.03.2011 at 10.30")
        assertFinds("ring 0161 496 0999 after six", "PHONE:0161 496 0999")
    }

    func testNumbersSaidAloudAreNormalisedOnce() {
        // NHS numbers said aloud, with the cue said earlier or not at all; digits and words mixed; "double", "treble".
        assertFinds(
            "it's nine four three, four seven six, five nine one nine.",
            "NHS_NUMBER:nine four three, four seven six, five nine one nine")
        assertFinds("943, four seven six, 5919", "NHS_NUMBER:943, four seven six, 5919")
        assertFinds(
            "her NHS number, um, four oh one, oh two three, two one three seven",
            "NHS_NUMBER:four oh one, oh two three, two one three seven")
        assertNo(.nhsNumber, "it's nine four three, four seven six, five nine one eight.")
        // Phones through the same normaliser.
        assertFinds(
            "call oh one one three, treble four, nine oh seven eight",
            "PHONE:oh one one three, treble four, nine oh seven eight")
        assertFinds(
            "it's oh seven seven double oh, nine hundred, one two three",
            "PHONE:oh seven seven double oh, nine hundred, one two three")
        // A birth date said digit by digit after its cue.
        assertFinds(
            "date of birth oh three, oh four, two oh one one", "DATE_OF_BIRTH:oh three, oh four, two oh one one")
        // A postcode spelled out after its cue is a postcode (not a plate), and "I think" is not a letter of it.
        assertFinds("the postcode was, um, L-S nine, six P-D, I think.", "POSTCODE:L-S nine, six P-D")
        assertNo(.vehicleReg, "the postcode was, um, L-S nine, six P-D, I think.")
    }

    func testAgesInShorthand() {
        assertFinds("a lad called Deano hanging round the bus stn, approx 19", "AGE:19")
        assertFinds("older bro - ?18, known to police", "AGE:18")
        assertFinds("the twins, both 12, moved schools", "AGE:12")
        assertFinds("they groomed her for months, at fifteen.", "AGE:fifteen")
        assertFinds("so she'd have been, what, eleven?", "AGE:eleven")
        // Counts, durations and times stay quiet.
        assertNo(.age, "there were about 20, mostly boys")
        assertNo(.age, "approx 18 months on the waiting list")
        assertNo(.age, "we meet at eleven on Tuesdays")
        assertNo(.age, "the lads, both 20 mins late")
    }

    func testDatesOfBirthAndCaseReferences() {
        assertFinds("reuben b. 14.02.10 per the passport", "DATE_OF_BIRTH:14.02.10")
        assertFinds("DOB? 12/03/2011", "DATE_OF_BIRTH:12/03/2011")
        assertFinds("born 2011-03-12 in hospital", "DATE_OF_BIRTH:2011-03-12")
        assertFinds("the CAD for the night he went missing was 5823 if you need it", "CASE_REF:5823")
        assertNo(.caseRef, "the CAD for that year was 2019 if you need it")
        // An IBAN whose check digits fail is a typo, not a case reference.
        assertNo(.caseRef, "that's GB00WEST12345698765432 on the slide, it fails the check")
    }

    func testPlacesAndLocalOrganisations() {
        assertFinds("dad is in HMP Wandsworth till next year", "ORGANISATION_LOCAL:HMP Wandsworth")
        assertFinds("last seen nr cromwell rd with older lads", "LOCATION:cromwell rd")
        assertFinds("Kai (15) → maple rd parade → the lads", "LOCATION:maple rd")
        assertFinds("the address was 4 Elm Road, LS6 2AB fyi (barnsley)", "LOCATION:barnsley")
        assertFinds("we had one go Rhyl to Liverpool and back in a day", "LOCATION:Liverpool")
        assertFinds("it was the Lighthouse project in Grimsby", "ORGANISATION_LOCAL:Lighthouse project")
        assertFinds("she lives in ls9 with her nan", "POSTCODE:ls9")
        // Inquiries, acronyms, common nouns after a place, versions and file names stay quiet.
        assertNo(.location, "The Rotherham stuff, the inquiry, we all read it")
        assertNo(.location, "Jay report / Rotherham / Telford — lessons?")
        assertNo(.location, "will the MASH ever feed back to DSLs?")
        XCTAssertFalse(labels("Omagh, sextortion - paid £200").contains("LOCATION:sextortion"))
        assertNo(.organisationLocal, "we're part of the Youth Endowment Fund project too")
        assertNo(.handle, "v2.3.1 of the app had no report button")
        assertNo(.handle, "the file was called case_notes_v2.docx")
        assertNo(.postcode, "up to ks3 and ks4")
    }

    func testAgesBesideNotesDatesAndPauses() {
        assertFinds("Tiago (portuguese, uasc) 16, hotel placement", "AGE:16")
        assertFinds("Kacey-Leigh 13!! bf 19 met online", "AGE:13")
        assertFinds("Tyler + Kai 12 & 15, Hartcliffe", "AGE:15")
        assertFinds("jacob dob 03.05.09 - born in 2009 so 17 now? check", "AGE:17")
        assertFinds("robyn age? think 14", "AGE:14")
        assertFinds("and he was, what, twenty-four?", "AGE:twenty-four")
        assertFinds("the uncle was, um, thirty-two.", "AGE:thirty-two")
        assertFinds("she was going to be fifteen.", "AGE:fifteen")
        assertFinds("zofia is 14, sister of marek", "AGE:14")
        // Years said aloud beside a birth, and ages of things, stay quiet.
        assertNo(.age, "I was born in nineteen seventy-eight, so I remember that.")
        assertNo(.age, "born twelfth of May oh-nine, I think")
        assertNo(.age, "the meeting was, um, 12 minutes long")
        assertNo(.age, "dob 03.05.09 - 3 referrals since")
    }

    func testNumbersSpelledOutAfterACue() {
        assertFinds("so, postcode-wise it was B twenty-one, nine R T, which is", "POSTCODE:B twenty-one, nine R T")
        assertFinds("a taxi, plate G T F four one eight V.", "VEHICLE_REG:G T F four one eight V")
        assertFinds(
            "her mobile, plus four four seven seven double oh nine double oh five eight one.",
            "PHONE:plus four four seven seven double oh nine double oh five eight one")
        assertFinds(
            "it came up as one nine two dot oh dot two dot forty-four.",
            "IP_ADDRESS:one nine two dot oh dot two dot forty-four")
        assertFinds(
            "It's forty-three slash one two three nine eight slash twenty-four.",
            "CASE_REF:forty-three slash one two three nine eight slash twenty-four")
        assertNo(.handle, "@P4 yes!! exactly that")
        assertNo(.handle, "@facilitator can we come back to this?")
        assertNo(.handle, "tiktok - trends not specific to one yp")
    }

    func testPlacesInNotesAndJourneys() {
        assertFinds("found at 22 Alma St Fleetwood, 4 yp there", "LOCATION:22 Alma St")
        assertFinds("found at 22 Alma St Fleetwood, 4 yp there", "LOCATION:Fleetwood")
        assertFinds("dami 15 + tunde 17 brothers, Peckham", "LOCATION:Peckham")
        assertFinds("amira (somali) 15, Easton, older bf", "LOCATION:Easton")
        assertFinds("kai -> Tredegar -> Newport??", "LOCATION:Newport")
        assertFinds("ours is the CF10 area mostly, Chatham way", "LOCATION:Chatham")
        assertFinds("Liverpool to Aberystwyth, two hours on the train.", "LOCATION:Liverpool")
        assertFinds("Marsh Farm / Lewsey Farm / LU4", "POSTCODE:LU4")
        XCTAssertFalse(labels("wei 16, Cheetham Hill, takeaway work").contains("LOCATION:takeaway"))
        assertNo(.location, "we had lads coming from London to do the deals")
    }

    func testMoreAgeShapesAndFaithSchools() {
        assertFinds("a lad of 15 was stopped near the shops", "AGE:15")
        assertFinds("mum is 32 and dad 40", "AGE:40")
        assertFinds("Kai 14yrs, excluded twice", "AGE:14yrs")
        assertFinds("the younger one is 11", "AGE:11")
        assertFinds("she's at st joseph's rc primary", "ORGANISATION_LOCAL:st joseph's rc primary")
        assertFinds("he's at ysgol bro dinefwr now", "ORGANISATION_LOCAL:ysgol bro dinefwr")
        assertFinds("placed out of area in Leeds", "LOCATION:Leeds")
        assertFinds("his PNC number is 12/345678A", "CASE_REF:12/345678A")
        assertNo(.age, "a lot of 15 minute slots")
        assertNo(.age, "the older one is 2 streets away")
        assertNo(.location, "the Jay inquiry into Rotherham changed things")
        assertNo(.location, "she raised it at MACE in London in March")
    }

    func testNationalInsuranceNumbersInEveryShape() {
        assertFinds("ni: ab 12 34 56 c", "NI_NUMBER:ab 12 34 56 c")
        assertFinds("NI no AB-12-34-56-C", "NI_NUMBER:AB-12-34-56-C")
        assertFinds("it's AB.12.34.56.C on the letter", "NI_NUMBER:AB.12.34.56.C")
        assertFinds("NINO AB12 3456 C", "NI_NUMBER:AB12 3456 C")
        assertFinds("NI number AB123456 on the form", "NI_NUMBER:AB123456")
        // No suffix and no cue is another reference; a bad prefix is nothing.
        assertNo(.niNumber, "AB123456 is the ref")
        assertNo(.niNumber, "GB 12 34 56 A")
        XCTAssertEqual(labels("SE15 4QT and AB12 CDE"), ["POSTCODE:SE15 4QT", "VEHICLE_REG:AB12 CDE"])
    }

    func testNotesAndCorrections() {
        assertFinds("ramin (kurdish, uasc) 16, hotel placement", "AGE:16")
        assertFinds("ellie-rose 12!! bf 18 met on snap", "AGE:12")
        assertFinds("shay + demi 13 & 14, Bransholme", "LOCATION:Bransholme")
        assertFinds("anjali dob August 9th 2011 - 15", "AGE:15")
        assertFinds(
            "reg was, um, W-U-six-nine, K-T-F... no, W U six nine K T R.", "VEHICLE_REG:W U six nine K T R")
        assertFinds(
            "the voucher goes to twelve Larch Grove, Keighley, B D twenty-one, four P S.",
            "POSTCODE:B D twenty-one, four P S")
        assertNo(.age, "dob 14-09-2011 - 3 referrals since")
        assertNo(.postcode, "I went to Keighley, I D say it was fine")
    }

    // Session 7: ages as people type and say them, each class with its quiet twins (sentences written for these tests).

    func ages(_ text: String) -> [String] {
        scanner.scan(text).filter { $0.label == .age }.map(\.text)
    }

    func testAnAdultsAgeAfterARelationOrANameInNotes() {
        XCTAssertEqual(ages("mum 36, dad 41, both at the address"), ["36", "41"])
        XCTAssertEqual(ages("uncle 29 - collects her from school"), ["29"])
        XCTAssertEqual(ages("her gf 23 drives the car"), ["23"])
        XCTAssertEqual(ages("Tomasz Nowicki 44 - lodger at the flat"), ["44"])
        // A count, a designation, a duration.
        XCTAssertEqual(ages("mum 2 kids under five"), [])
        XCTAssertEqual(ages("Brother 2 was interviewed first"), [])
        XCTAssertEqual(ages("dad 40 mins late again"), [])
    }

    func testAnAgeClosedByADashAnArrowOrASlash() {
        XCTAssertEqual(ages("Zofia 14 / Bartek 12 / Oliwia 9 -> all placed together"), ["14", "12", "9"])
        XCTAssertEqual(ages("bf 19 - mum aware, not engaging"), ["19"])
        XCTAssertEqual(ages("twins 9 - both on CP plans"), ["9"])
        // A range with spaces is no age; nor is a bus.
        XCTAssertEqual(ages("kids 14 - 16 in the group"), [])
        XCTAssertEqual(ages("bus 15 - late again"), [])
    }

    func testAListedNameOpeningANoteInCapitals() {
        XCTAssertEqual(ages("MARCUS 16 - ARRESTED LAST NIGHT"), ["16"])
        XCTAssertEqual(ages("PRIYA (13) -> HOME BY 9"), ["13"])
        XCTAssertEqual(ages("DANIEL 15 ROMANIAN NATIONAL"), ["15"])
        XCTAssertEqual(ages("YEAR 10 - ASSEMBLY"), [])
        XCTAssertEqual(ages("MAY 15 - DEADLINE FOR THE BID"), [])
        XCTAssertEqual(ages("ROOM 14 - BOOKED"), [])
    }

    func testNowOrNearlyAndAnAgeAfterAPerson() {
        XCTAssertEqual(ages("her daughter Amira now 15, doing well"), ["15"])
        XCTAssertEqual(ages("YP now 16 → leaving care"), ["16"])
        XCTAssertEqual(ages("Jordan nearly 15 now"), ["15"])
        XCTAssertEqual(ages("the boy we discussed was 12 - not the older one"), ["12"])
        XCTAssertEqual(ages("now 14 referrals this month"), [])
        XCTAssertEqual(ages("the meeting I mentioned was 10 - 12"), [])
    }

    func testAgesInBracketsWithUnitsOrSexMarkers() {
        XCTAssertEqual(ages("Kofi (15 yrs) missing overnight"), ["15 yrs"])
        XCTAssertEqual(ages("Kofi (M, 15) missing overnight"), ["15"])
        XCTAssertEqual(ages("yp 16F, known to CAMHS"), ["16"])
        XCTAssertEqual(ages("F/14 seen at the station"), ["14"])
        XCTAssertEqual(ages("the two boys (13 & 15) were stopped"), ["13", "15"])
        XCTAssertEqual(ages("aged 15yrs on referral"), ["aged 15yrs"])
        XCTAssertEqual(ages("a £16M budget for the year"), [])
        XCTAssertEqual(ages("the review (2019) said so"), [])
        XCTAssertEqual(ages("a long wait (15 mins) at reception"), [])
    }

    func testASecondAgeAndHalves() {
        XCTAssertEqual(ages("she's 14 or 15"), ["14", "15"])
        XCTAssertEqual(ages("he's 17, nearly 18"), ["17", "18"])
        XCTAssertEqual(ages("she's 13 going on 14"), ["13", "14"])
        XCTAssertEqual(ages("he's 15 and a half"), ["15 and a half"])
        XCTAssertEqual(ages("the lad, 14/15, was dealing"), ["14/15"])
        XCTAssertEqual(ages("ages 12 and 14, both at home"), ["12", "14"])
        XCTAssertEqual(ages("Kai 14 yrs, missing since friday"), ["14 yrs"])
        XCTAssertEqual(ages("it was 14 or 15 referrals"), [])
        XCTAssertEqual(ages("10 yrs experience in the team"), [])
    }

    func testOrdinalBirthdaysAndYearsOfLife() {
        XCTAssertEqual(ages("on her 16th birthday she moved out"), ["16th"])
        XCTAssertEqual(ages("for his fifteenth birthday they took him out"), ["fifteenth"])
        XCTAssertEqual(ages("in her fifteenth year she changed schools"), ["fifteenth"])
        XCTAssertEqual(ages("in his second year at uni"), [])
        XCTAssertEqual(ages("on the 16th of May"), [])
        XCTAssertEqual(ages("the charity's 16th birthday party"), [])
    }

    func testGenericAgesStayQuiet() {
        XCTAssertEqual(ages("a 15 year old shouldn't have to deal with that"), [])
        XCTAssertEqual(ages("any 13-year-old would be scared"), [])
        XCTAssertEqual(ages("no 14 year old girl should be out at 3am"), [])
        XCTAssertEqual(ages("the policy is 12 years old now"), [])
        XCTAssertEqual(ages("the app's 5 years old"), [])
        // The same shapes about one person are ages.
        XCTAssertEqual(ages("a 15 year old was found in the park"), ["15 year old"])
        XCTAssertEqual(ages("she's 12 years old"), ["12 years old"])
    }

    func testCodesSaidAloudAndWrittenAreCoveredWhole() {
        assertFinds(
            "so her date of birth is, er, the second of June two thousand and ten",
            "DATE_OF_BIRTH:second of June two thousand and ten")
        assertFinds("born ninth of May oh-eight, I think", "DATE_OF_BIRTH:ninth of May oh-eight")
        assertFinds("dob is fourth of July twenty-eleven", "DATE_OF_BIRTH:fourth of July twenty-eleven")
        assertFinds("the crime ref on ours was AB/22/01934 fwiw", "CASE_REF:AB/22/01934")
        assertFinds(
            "on the system the reference was K-L-M, three four, oh one two nine one, I think",
            "CASE_REF:K-L-M, three four, oh one two nine one")
        assertNo(.caseRef, "Y9-Y10 girls mostly")
        // An "oh" before a hesitation is the speaker's.
        assertFinds(
            "Oh, um, four one one one, one one one one, one one one one, one one one one.",
            "FINANCIAL:four one one one, one one one one, one one one one, one one one one")
        assertFinds("her sister goes by jaz.2009 on insta", "HANDLE:jaz.2009")
        assertFinds("It was, um, moss underscore trapper, on Telegram.", "HANDLE:moss underscore trapper")
        assertFinds(
            "his page was tiktok dot com slash at moss dot t dot nine, gone now",
            "URL:tiktok dot com slash at moss dot t dot nine")
        assertFinds(
            "the number on the letter is S K one two three four five six B",
            "NI_NUMBER:S K one two three four five six B")
        assertFinds("DOB 7 Jun 10, lives with nan", "DATE_OF_BIRTH:7 Jun 10")
        assertFinds("dob 21 Sept. 2010", "DATE_OF_BIRTH:21 Sept. 2010")
        assertNo(.dateOfBirth, "court date 7 Jun 10")
        assertFinds("s/c 40 11 62, a/c 31926819", "FINANCIAL:40 11 62")
        assertFinds("sort: 401162 account no. 31926819", "FINANCIAL:401162")
        assertNo(.financial, "sort out the 40 11 62 forms")
        assertNo(.handle, "the meeting.2 people came")
        assertNo(.niNumber, "I I think so, one two three")
    }
}
