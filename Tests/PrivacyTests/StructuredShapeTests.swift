/// Identifiers with a structure, in the ways people write and say them that no corpus showed (issue 18, session 9):
/// e-mail addresses written loosely or with a caption's stray spaces, Northern Irish plates after a vehicle cue, case
/// references a few words after a case system's name, bank numbers in groups. Each has a twin that stays quiet.
/// Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class StructuredShapeTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testEmailAddressesWrittenOrSaidLoosely() {
        let cases: [(String, String)] = [
            ("her email is jo dot smith at example dot com", "jo dot smith at example dot com"),
            ("email jo.smith (at) example.com", "jo.smith (at) example.com"),
            ("jo.smith [at] example [dot] com", "jo.smith [at] example [dot] com"),
            ("it's jo_smith@example .com", "jo_smith@example .com"),
            ("jo_smith @ example.com", "jo_smith @ example.com"),
            ("jo.smith at example.com", "jo.smith at example.com"),
            ("contact jo.smith at example dot co dot uk", "jo.smith at example dot co dot uk"),
            ("email: jo.smith@example dot com", "jo.smith@example dot com"),
            ("jo.smith@ example.co.uk", "jo.smith@ example.co.uk"),
            ("kayla.b@hotmail. com", "kayla.b@hotmail. com"),
            ("kayla at hotmail.com", "kayla at hotmail.com"),
        ]
        for (text, email) in cases { XCTAssertEqual(found(text, .email), [email], text) }
        for quiet in ["met him at tesco.com", "see you at example.com", "i saw him at 10.30 at the shop"] {
            XCTAssertEqual(found(quiet, .email), [], quiet)
        }
    }

    func testNorthernIrishPlatesAfterAVehicleCue() {
        XCTAssertEqual(found("the car was a silver Focus reg ABZ 1234", .vehicleReg), ["ABZ 1234"])
        XCTAssertEqual(found("car reg ABZ1234", .vehicleReg), ["ABZ1234"])
        XCTAssertEqual(found("van, a white transit, plate LZ 5678", .vehicleReg), ["LZ 5678"])
        XCTAssertEqual(found("she's in group LZ 5678 this term", .vehicleReg), [], "a county code alone needs a cue")
        XCTAssertEqual(found("the form ABZ1234 was sent", .vehicleReg), ["ABZ1234"], "in capitals it is a plate")
        XCTAssertEqual(found("the abz1234 code", .vehicleReg), [], "lower case with no cue")
    }

    func testCaseReferencesAFewWordsAfterTheSystem() {
        XCTAssertEqual(found("in Liquidlogic her id is 5544332", .caseRef), ["5544332"])
        XCTAssertEqual(found("on CareFirst the number for him was 88123", .caseRef), ["88123"])
        XCTAssertEqual(found("she's been on Liquidlogic since 2019", .caseRef), [])
    }

    func testBankNumbersInGroups() {
        XCTAssertEqual(found("sort code 20 00 00 account 3192 6819", .financial), ["20 00 00", "3192 6819"])
        XCTAssertEqual(found("s/c 20.00.00", .financial), ["20.00.00"])
        XCTAssertEqual(found("account number 319 268 19", .financial), ["319 268 19"])
        XCTAssertEqual(found("acc no 3192-6819", .financial), ["3192-6819"])
        XCTAssertEqual(found("her bank details: 20-00-00 31926819", .financial), ["20-00-00", "31926819"])
        XCTAssertEqual(found("account for 20 30 people", .financial), [])
        XCTAssertEqual(found("the meeting on 20-03-24 went well", .financial), [])
        XCTAssertEqual(found("account number 12 34", .financial), [], "four digits are no account number")
    }

    // Session 10 (`structured6`): the classes the thirteenth to sixteenth blind scorings showed missing, each with
    // sentences written for these tests and quiet twins.

    func testOutwardCodesListedTogetherOrNamedAsOne() {
        XCTAssertEqual(found("most of the M4 and M5 lads are known to us", .postcode), ["M4", "M5"])
        XCTAssertEqual(found("NG5 / NG7 / DE22 = the worst areas", .postcode), ["NG5", "NG7", "DE22"])
        XCTAssertEqual(found("the E5, E8 and N16 girls all use that park", .postcode), ["E5", "E8", "N16"])
        XCTAssertEqual(found("sk4 is the postcode they all give", .postcode), ["sk4"])
        XCTAssertEqual(found("ng7 is the Hyson Green postcode", .postcode), ["ng7"])
        XCTAssertEqual(found("around b21 and b20 mostly", .postcode), ["b21", "b20"])
        for quiet in [
            "the M6 and M62 were shut all morning", "Y10 and Y11 students", "B1 and B2 level English",
            "the S1 and S2 kids at the academy", "room B8 and B9 were booked", "size 10 and 12 in stock",
            "b8 and B9 kids",
        ] {
            XCTAssertEqual(found(quiet, .postcode), [], quiet)
        }
    }

    func testBirthDatesARecordGivesAway() {
        XCTAssertEqual(
            found("Nowicka,Hanna,2009-05-17,15,Parkside Academy", .dateOfBirth), ["2009-05-17"], "a pasted row")
        XCTAssertEqual(found("Price | Kai | 03/09/2010 | Year 9", .dateOfBirth), ["03/09/2010"])
        XCTAssertEqual(found("Tiah Garside 21-Mar-2009 - known to YOT", .dateOfBirth), ["21-Mar-2009"])
        XCTAssertEqual(found("Tiah Garside 21-Mar-2009 - known to YOT", .age), [], "the day is no age")
        XCTAssertEqual(found("jordan k - 03-Feb-2009 - from the letter", .dateOfBirth), ["03-Feb-2009"])
        XCTAssertEqual(found("Kai Whitlow, 15, 03/09/2009, lives with nan", .dateOfBirth), ["03/09/2009"])
        // A date of what happened to a person is recent; a row with no person has no birth date.
        XCTAssertEqual(found("Tiah Garside 12/03/2024 - strategy meeting", .dateOfBirth), [])
        XCTAssertEqual(found("Meeting,2009-05-17,Room 4,minutes", .dateOfBirth), [])
        XCTAssertEqual(found("Kai Whitlow, 4, 03/09/2009, lives with nan", .dateOfBirth), [], "the age disagrees")
    }

    func testBirthDatesSaidWithTheCueFarBefore() {
        XCTAssertEqual(
            found(
                "date of birth was, hang on, I had it a second ago, the form puts her down as the third of June two "
                    + "thousand and five", .dateOfBirth),
            ["third of June two thousand and five"])
        XCTAssertEqual(found("DOB? Um. The twelfth of March 2007.", .dateOfBirth), ["twelfth of March 2007"])
        XCTAssertEqual(
            found(
                "her date of birth was wrong on the old forms, we found out. They had her as the second of June 2004.",
                .dateOfBirth),
            ["second of June 2004"])
        XCTAssertEqual(
            found(
                "her date of birth was wrong on the old forms. The panel met on the second of June 2024.", .dateOfBirth),
            [], "a date inside the next sentence, handed to nothing")
        XCTAssertEqual(
            found("her DOB is on file. The hearing is on the fourth of May 2025.", .dateOfBirth), [],
            "another date's noun between")
        XCTAssertEqual(found("DOB 17 05 2009, lives with dad", .dateOfBirth), ["17 05 2009"])
        XCTAssertEqual(found("seen 17/05/2009 (dob) at the clinic", .dateOfBirth), ["17/05/2009"])
        XCTAssertEqual(found("3 May 2010 - DOB confirmed by mum", .dateOfBirth), ["3 May 2010"])
        XCTAssertEqual(found("DOB 17 05 20 09", .dateOfBirth), [], "no four-digit year")
    }

    func testPlatesInThePhoneticAlphabetAndSpacedInside() {
        XCTAssertEqual(
            found("the reg was whisky kilo one eight, x-ray romeo lima", .vehicleReg),
            ["whisky kilo one eight, x-ray romeo lima"])
        XCTAssertEqual(found("the reg was whisky kilo one eight, x-ray romeo lima", .person), [])
        XCTAssertEqual(found("car was a grey Astra, MK 19 TXB", .vehicleReg), ["MK 19 TXB"])
        XCTAssertEqual(found("van wx 62 fvr parked outside", .vehicleReg), ["wx 62 fvr"], "after a cue, any case")
        XCTAssertEqual(found("Charlie and Romeo went to golf club", .vehicleReg), [])
        XCTAssertEqual(found("YP 15 YRS OLD - MISSING", .vehicleReg), [], "a note in capitals")
        XCTAssertEqual(found("the wx 62 fvr thing", .vehicleReg), [], "lower case with no cue")
        XCTAssertEqual(found("AB 45 CDE", .vehicleReg), [], "45 is no age identifier")
    }

    func testBankNumbersAfterAShortCueOrAPause() {
        XCTAssertEqual(found("her sort is 40 47 11 and account 6381 2290", .financial), ["40 47 11", "6381 2290"])
        XCTAssertEqual(found("sort code, um, 40-47-11", .financial), ["40-47-11"])
        XCTAssertEqual(
            found("account number was, hold on, five two nine one, four four eight three", .financial),
            ["five two nine one, four four eight three"])
        XCTAssertEqual(found("account number was, hold on, 5291 4483", .financial), ["5291 4483"])
        XCTAssertEqual(found("we need to sort 20 of them out", .financial), [])
        XCTAssertEqual(found("sort 404711 boxes", .financial), [], "'sort' alone takes only a code in pairs")
    }

    // 0996030824 and 0563212233 validate Modulus 11; 0996030825 does not.
    func testNHSNumbersStartingWithZeroAfterTheirCue() {
        XCTAssertEqual(
            found("NHS number for the younger one came through later as 0996030824", .nhsNumber), ["0996030824"])
        XCTAssertEqual(found("NHS number for the younger one came through later as 0996030824", .phone), [])
        XCTAssertEqual(
            found("nhs number? it's oh five six three, two one two, two three three", .nhsNumber),
            ["oh five six three, two one two, two three three"])
        XCTAssertEqual(found("NHS said ring 0121547280 instead", .phone), ["0121547280"], "a phone cue nearer")
        XCTAssertEqual(found("NHS number came through as 0996030825", .nhsNumber), [], "a wrong check digit")
        XCTAssertEqual(found("call 0996030824", .nhsNumber), [], "no cue: a phone")
    }

    func testEmailSaidWithASpacedHost() {
        XCTAssertEqual(
            found("it's dana dot m ninety nine at example mail dot com", .email),
            ["dana dot m ninety nine at example mail dot com"])
        XCTAssertEqual(found("email is kayden at sky mail dot com", .email), ["kayden at sky mail dot com"])
        XCTAssertEqual(found("we met at the bus station dot com is a joke", .email), [])
    }

    func testGamingTagsAndProfileAddresses() {
        XCTAssertEqual(found("his discord is shadowkid#4821", .handle), ["shadowkid#4821"])
        XCTAssertEqual(found("added lil.zee_#0457 on there", .handle), ["lil.zee_#0457"])
        XCTAssertEqual(found("see case#4471 and ticket#2231", .handle), [])
        XCTAssertEqual(found("on xbox he's ghostrider77", .handle), ["ghostrider77"])
        XCTAssertEqual(found("on snap she's always posting", .handle), [])
        XCTAssertEqual(found("her snapchat name is kez underscore vibes", .handle), ["kez underscore vibes"])
        XCTAssertEqual(found("his gamertag is GhostRider 77.", .handle), ["GhostRider 77"])
        XCTAssertEqual(
            found("profile at roblox.com/users/884213377/profile", .url), ["roblox.com/users/884213377/profile"])
        XCTAssertEqual(
            found("https://forum.example.net/members/darkfox99 is his", .url),
            ["https://forum.example.net/members/darkfox99"])
        XCTAssertEqual(found("read nspcc.org.uk/keeping-children-safe/online", .url), [])
    }

    func testALogNumberSaidWithTheDayItWasLogged() {
        XCTAssertEqual(found("the log number for that night was 3318 of 9 Jan", .caseRef), ["3318"])
        XCTAssertEqual(found("the incident for that one was 2417 of the 14th", .caseRef), ["2417"])
        XCTAssertEqual(found("the log said there were 3318 of them", .caseRef), [])
    }

    func testPostcodesWithAHyphenAndPhonesDialledFromAbroad() {
        XCTAssertEqual(found("her postcode is WF13-4HQ on the form", .postcode), ["WF13-4HQ"])
        XCTAssertEqual(found("call 0044 7700 900456 from Spain", .phone), ["0044 7700 900456"])
        XCTAssertEqual(found("call 0044 7700 900 from Spain", .phone), [], "too few digits")
    }

    // Session 11 (`structured7`): the shapes blind13 and blind14 showed missing, in sentences written for these tests,
    // each with a quiet twin.

    func testCodesSpelledWithTheLettersNames() {
        XCTAssertEqual(found("she lives at nine mill road em kay four oh tee you", .postcode), [])
        XCTAssertEqual(
            found("she lives at nine mill road em kay four three tee aitch", .postcode), ["em kay four three tee aitch"]
        )
        XCTAssertEqual(found("the van was bee ar seven one ex kay el", .vehicleReg), ["bee ar seven one ex kay el"])
        XCTAssertEqual(found("plate was gee en two two oh pee vee", .vehicleReg), ["gee en two two oh pee vee"])
        XCTAssertEqual(
            found("her NI is ess tee one two three four five six dee", .niNumber),
            ["ess tee one two three four five six dee"])
        XCTAssertEqual(found("the reg was K W seven three zed ex eff", .vehicleReg), ["K W seven three zed ex eff"])
        for quiet in [
            "jay and dee were both there at six two", "we had em and bee in the room for two hours",
            "the tee and the bee were seven one each",
        ] {
            XCTAssertEqual(scanner.scan(quiet).filter { $0.label != .person }.map(\.text), [], quiet)
        }
    }

    func testASystemsLettersThenANumberSaidAloud() {
        XCTAssertEqual(
            found("so it was M A R, nineteen, oh four two two six", .caseRef), ["M A R, nineteen, oh four two two six"])
        XCTAssertEqual(
            found("yes it's D-P twenty five oh oh three one four", .caseRef), ["D-P twenty five oh oh three one four"])
        XCTAssertEqual(found("so it was M A R, nineteen of them", .caseRef), [], "a count, not six digits")
        XCTAssertEqual(found("we sat A B two by two", .caseRef), [])
    }

    func testOutwardCodesAfterAnArrowOrSaidInLowerCase() {
        XCTAssertEqual(found("Dani -> WF13 -> moved twice", .postcode), ["WF13"])
        XCTAssertEqual(found("she said postcode area ng7 mostly", .postcode), ["ng7"])
        XCTAssertEqual(found("most of them are from the bd five end", .postcode), ["bd five"])
        XCTAssertEqual(found("cf ten really", .postcode), ["cf ten"])
        for quiet in [
            "so nine of them came", "pe three times a week", "me two and him", "the hr two", "version 2 -> 3 -> 4",
            "ks three", "ls ten times over",
        ] {
            XCTAssertEqual(found(quiet, .postcode), [], quiet)
        }
    }

    func testBankNumbersAfterACommaAndIbansSpelled() {
        XCTAssertEqual(
            found("the number on it was 30-92-14, 47719203, in her name", .financial), ["30-92-14", "47719203"])
        XCTAssertEqual(found("we met on 30-09-14, 47 of us", .financial), [])
        XCTAssertEqual(
            found(
                "it's G B eight two W E S T one two three four five six nine eight seven six five four three two",
                .financial),
            ["G B eight two W E S T one two three four five six nine eight seven six five four three two"])
        XCTAssertEqual(
            found(
                "it's G B eight three W E S T one two three four five six nine eight seven six five four three two",
                .financial),
            [], "a wrong check digit")
    }

    func testAddressesSaidWithADashOrFromTheirWww() {
        XCTAssertEqual(
            found("email it to safe dot team at north dash example dot org", .email),
            ["safe dot team at north dash example dot org"])
        XCTAssertEqual(
            found("her blog is www dot kayleigh-brennan-art dot co dot uk", .url),
            ["www dot kayleigh-brennan-art dot co dot uk"])
        XCTAssertEqual(found("look at www dot north-youth-trust dot org dot uk", .url), [], "an organisation's site")
    }

    func testPlatesInLowerCaseAndPartPlates() {
        XCTAssertEqual(found("plate gkr 391t on a grey estate", .vehicleReg), ["gkr 391t"])
        XCTAssertEqual(found("the gkr 391t form", .vehicleReg), [], "no cue")
        XCTAssertEqual(found("car reg partial \"YT68…\" seen twice", .vehicleReg), ["YT68"])
        XCTAssertEqual(found("the reg started YT68...", .vehicleReg), ["YT68"])
        XCTAssertEqual(found("the reg started with YT68 KLP", .vehicleReg), ["YT68 KLP"], "the whole plate")
        XCTAssertEqual(found("the car parked in bay YT68", .vehicleReg), [])
    }

    func testHandlesCorrectedAndWordsAfterACue() {
        XCTAssertEqual(found("her insta is lexi.b_22 sorry no lexi.b22", .handle), ["lexi.b_22", "lexi.b22"])
        XCTAssertEqual(found("his snap was kai_x7 not kai7", .handle), ["kai_x7", "kai7"])
        XCTAssertEqual(found("his snap was kai_x7 not really", .handle), ["kai_x7"])
        XCTAssertEqual(found("snapchat is useless for that", .handle), [])
        XCTAssertEqual(found("her snapchat is moonchild", .handle), ["moonchild"])
    }

    func testABirthDateHandedToANamedPerson() {
        XCTAssertEqual(found("and kayden is 03/11/2009 on the system", .dateOfBirth), ["03/11/2009"])
        XCTAssertEqual(found("Kayden's 3 November 2009 if you need it", .dateOfBirth), ["3 November 2009"])
        XCTAssertEqual(found("the review is 03/11/2025 now", .dateOfBirth), [])
    }

    func testPartCoverClosedAroundSpokenAddressesAndHandles() {
        XCTAssertEqual(
            found("she gave me kerry dot lowe seventy at example dot com", .email),
            ["kerry dot lowe seventy at example dot com"])
        XCTAssertEqual(
            found("it's kerry dot lowe 07 at example dot net", .email), ["kerry dot lowe 07 at example dot net"])
        XCTAssertEqual(
            found("on sam dot price-owen at example dot org", .email), ["sam dot price-owen at example dot org"])
        XCTAssertEqual(found("her snap is at moon dot girl", .handle), ["at moon dot girl"])
        XCTAssertEqual(found("his name on there is T-Y-L underscore two two", .handle), ["T-Y-L underscore two two"])
        XCTAssertEqual(found("his is tay zed underscore nine", .handle), ["tay zed underscore nine"])
        XCTAssertEqual(found("His Snapchat is corey dot vx, all lower case", .handle), ["corey dot vx"])
        XCTAssertEqual(found("we looked at the app and the underscore was missing", .handle), [])
        XCTAssertEqual(
            found("date of birth the ninth of may twenty oh eight", .dateOfBirth), ["ninth of may twenty oh eight"])
    }

    func testVersionsAndDaysAreNoIdentifiers() {
        XCTAssertEqual(found("the tool's version 3.2.0.1 was used", .ipAddress), [])
        XCTAssertEqual(found("logged from 192.0.2.14 that night", .ipAddress), ["192.0.2.14"])
        XCTAssertEqual(found("telegram - v4.12.1 had the bug", .handle), [])
        XCTAssertEqual(found("the referral 12/03 came from school", .caseRef), [])
        XCTAssertEqual(found("crime ref 43/1234 on the system", .caseRef), ["43/1234"])
    }

    func testHandlesWithDotsAndPartPlatesSaid() {
        XCTAssertEqual(found("her friend Kacey - kaycee.xo - was there", .handle), ["kaycee.xo"])
        XCTAssertEqual(found("added zayn.x22 last week", .handle), ["zayn.x22"])
        XCTAssertEqual(found("he left.then she came back", .handle), [])
        XCTAssertEqual(found("see notes.pdf and bbc.co.uk", .handle), [])
        XCTAssertEqual(found("all I caught was K T six eight and then something", .vehicleReg), ["K T six eight"])
        XCTAssertEqual(found("all I caught was K T six eight and then she left", .vehicleReg), [])
    }

    // Session 13 (`structured8`): structured identifiers said aloud, split or typed short (blind21, blind22, blind25
    // and blind26 development data); sentences written for these tests, each beside a quiet twin.

    func testOutwardCodesOnTheirOwnWithACue() {
        let cases: [(String, [String])] = [
            ("our outreach worker covers S5 and S9 now", ["S5", "S9"]),
            ("the vaping thing is normal in s9 honestly", ["s9"]),
            ("it's really the NG7 kid from the cafe", ["NG7"]),
            ("the postcode for the flat is ng5 i think not ng3", ["ng5", "ng3"]),
            ("sorry cv2 not cv6", ["cv2", "cv6"]),
            ("P3: and b9", ["b9"]),
            ("she's on the Kingsmead, E9.", ["E9"]),
            ("Kingsmead Est E9", ["E9"]),
            ("lives in Hyson Green, NG7 5 area, with nan", ["NG7 5"]),
            ("her address is on the Kingsmead Estate, E9 5 something", ["E9 5"]),
            ("Okafor fam - M16 - closed", ["M16"]),
            ("placed with an aunt in Bootle L30", ["L30"]),
            ("the brothers both live in M8 now", ["M8"]),
        ]
        for (text, codes) in cases { XCTAssertEqual(found(text, .postcode), codes, text) }
        for quiet in [
            "hotels near M5 junctions are the worry", "stuck on the M62 again", "she's in S4 now",
            "he is in s3 this year", "low in b12 so she takes tablets", "room 4, B2", "E1 4 times a week",
            "P3: and 12", "covers M6 and M5 both ways", "the session was in Room B2", "Year 9 - S3 - maths",
        ] {
            XCTAssertEqual(found(quiet, .postcode), [], quiet)
        }
    }

    func testPostcodesSaidAloud() {
        XCTAssertEqual(
            found("Postcode-wise it's bee bee three, or bee bee four", .postcode), ["bee bee three", "bee bee four"])
        XCTAssertEqual(found("she lives in el thirty one with her nan", .postcode), ["el thirty one"])
        XCTAssertEqual(found("the postcode was WF twelve seven HQ", .postcode), ["WF twelve seven HQ"])
        XCTAssertEqual(found("they come from s k nine mostly", .postcode), ["s k nine"])
        XCTAssertEqual(found("they're all in em fourteen", .postcode), ["em fourteen"])
        XCTAssertEqual(found("mostly from ess four", .postcode), ["ess four"])
        XCTAssertEqual(found("the postcode's like e eight three something", .postcode), ["e eight three"])
        XCTAssertEqual(found("JK one two three four five six D is her ni", .niNumber).count, 1)
        for quiet in [
            "em two weeks ago", "bee one of them", "gee, four of them came", "the b one was better",
            "the postcode box, it's twenty characters", "came from em six", "she's in ess four now",
        ] {
            XCTAssertEqual(found(quiet, .postcode), [], quiet)
        }
        XCTAssertEqual(found("we did PE three times a week", .postcode), [])
        XCTAssertEqual(found("in PE three times", .postcode), [])
    }

    func testCodesSplitByACaptionerOrTypedShort() {
        XCTAssertEqual(
            found("her ni was j k one two three four five six d", .niNumber), ["j k one two three four five six d"])
        XCTAssertEqual(
            found("her ni is j k one two three four five six", .niNumber), ["j k one two three four five six"])
        XCTAssertEqual(found("j k one two three four five six", .niNumber), [], "no suffix and no cue")
        XCTAssertEqual(found("the car was M T nineteen K V R", .vehicleReg), ["M T nineteen K V R"])
        XCTAssertEqual(found("we saw kp19fxt twice outside", .vehicleReg), ["kp19fxt"])
        XCTAssertEqual(found("her snap is @kp19fxt", .vehicleReg), [])
        XCTAssertEqual(found("the car was Papa Kilo one nine, X Ray Tango Mike", .vehicleReg).count, 1)
        XCTAssertEqual(found("the X Ray showed a fracture", .vehicleReg), [])
        XCTAssertEqual(found("P2 -> Nowak fam. NK 14 MFH x3, older bf", .vehicleReg), [])
        XCTAssertEqual(found("reg NK 14 MFH", .vehicleReg), ["NK 14 MFH"])
    }

    func testReferencesAfterASystemOrACorrection() {
        XCTAssertEqual(
            found("the CAD was 4410 and the Merlin was 23MIS004512", .caseRef), ["4410", "23MIS004512"])
        XCTAssertEqual(found("CRIS 4410223/23 (P3 = OIC)", .caseRef), ["4410223/23"])
        XCTAssertEqual(found("log was 2231 not 2213", .caseRef), ["2231", "2213"])
        XCTAssertEqual(found("she was on Merlin in 2019", .caseRef), [])
        XCTAssertEqual(found("log was 2231, not 2 of them", .caseRef), ["2231"])
    }

    func testBankNumbersAndCorrectedBirthDates() {
        XCTAssertEqual(found("wages to acc 30-92-14 / 47719203", .financial), ["30-92-14", "47719203"])
        XCTAssertEqual(found("on 30-09-14 / 47 of us came", .financial), [])
        XCTAssertEqual(
            found("DOB on the form as 3rd May 2009 but the school said 05/03/2009", .dateOfBirth),
            ["3rd May 2009", "05/03/2009"])
        XCTAssertEqual(
            found("her dob is 03/05/2009 but the hearing is 12/06/2025", .dateOfBirth), ["03/05/2009"])
    }
}
