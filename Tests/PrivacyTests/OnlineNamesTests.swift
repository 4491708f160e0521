/// Handles, nicknames and initials in online and placement talk (issue 18, session 15, `online11`): gamer tags run
/// together, dotted handles with a letter or digits in a part, handles quoted whole, two-letter names and initials
/// typed in lower case in chat, initials written with every stop, a round age said roughly, a session's number typed
/// short. Each has a twin that stays quiet. Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class OnlineNamesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func labelled(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.label.rawValue) \($0.text)" }
    }

    func testDottedHandlesWithALetterOrDigitsInAPart() {
        XCTAssertEqual(found("sorry i meant keelz.marnii.x instead", .handle), ["keelz.marnii.x"])
        XCTAssertEqual(found("server run by storm.w0lf - he's an adult", .handle), ["storm.w0lf"])
        XCTAssertEqual(found("her others: jodz.x.x2010 and more", .handle), ["jodz.x.x2010"])
        XCTAssertEqual(found("we met at 10.30 then left.then came back", .handle), [])
        XCTAssertEqual(found("see p.s.x at the end, e.g. this one", .handle), [])
    }

    func testGamerTagsRunTogether() {
        XCTAssertEqual(found("- kez_22 / ToddTheTank09", .handle), ["kez_22", "ToddTheTank09"])
        XCTAssertEqual(found("the adult was PlayerOne99 on there", .handle), ["PlayerOne99"])
        XCTAssertEqual(found("he got an iPhone14 and a PlayStation5 from them", .handle), [])
        XCTAssertEqual(found("the GCSE2024 results at McDonalds", .handle), [])
    }

    func testAHandleQuotedWhole() {
        XCTAssertEqual(
            found("P3: it was all under \"kaylo dot vxb\" for years", .handle), ["kaylo dot vxb"])
        XCTAssertEqual(found("she said \"dot the i\" twice", .handle), [])
        XCTAssertEqual(
            found("P2: The roblox name was, hang on, \"fluffy wizard\" or similar", .handle), ["fluffy wizard"])
        XCTAssertEqual(found("P2: on roblox she said \"leave me alone\" to him", .handle), [])
    }

    func testInitialsWithEveryStop() {
        XCTAssertEqual(found("just initials? R.T. still identifies if you know", .person), ["R.T."])
        XCTAssertEqual(found("turning 18 in custody - J.W. - transition plan", .person), ["J.W."])
        XCTAssertEqual(found("\"J.W.\" = Jonno, 17", .person).first, "J.W.")
        XCTAssertEqual(found("P.S. the U.K. figures are out", .person), [])
    }

    func testARoundAgeSaidRoughly() {
        XCTAssertEqual(found("His nan's lovely but she's seventy-odd and can't manage him", .age), ["seventy-odd"])
        XCTAssertEqual(found("there were seventy-odd referrals last year", .age), [])
    }

    func testASessionsNumberTypedShort() {
        XCTAssertEqual(found("YP discussed in s1 - still at the academy", .postcode), [])
        XCTAssertEqual(found("Driver named in s2 by P7 as the one", .postcode), [])
        XCTAssertEqual(found("the burner phone thing is standard in s4 tbh", .postcode), ["s4"])
    }

    func testACaseHeadingsInitialsAndAgeAfterAComma() {
        XCTAssertEqual(found("Thursday's list, T Q-B 16 - Telford", .person), ["T Q-B"])
        XCTAssertEqual(found("Thursday's list, T Q-B 16 - Telford", .age), ["16"])
        XCTAssertEqual(found("we met at three, A 15 minute call", .person), [])
        XCTAssertEqual(found("groups A, B 12 - booked", .person), [])
    }

    /// A fostering agency named by its own word, and that word said alone later in the session.
    func testAFosteringAgencyNamedByItsOwnWord() {
        XCTAssertEqual(
            found("P4: placed w/ Skyvale Fostering, carers not told", .organisationLocal), ["Skyvale Fostering"])
        XCTAssertEqual(found("(IFA mgr, Lantern Family Placements): carers", .organisationLocal).count, 1)
        XCTAssertEqual(found("she was fostering two kids and placements were short", .organisationLocal), [])
        let m = SessionMemory(terms: [RememberedTerm("Skyvale Fostering", .organisationLocal)])
        XCTAssertEqual(labelled(m.findings(in: "Tyler 14 - Skyvale")), ["ORGANISATION_LOCAL Skyvale"])
    }

    /// A two-letter name, nickname or initials found confidently is hunted in lower case too where it stands as a
    /// name in chat (before a verb, or at a clause's end after "as", "for", "with"); "just a mo" stays quiet.
    func testTwoLetterNamesInLowerCaseChat() {
        let m = SessionMemory(terms: [
            RememberedTerm("Big Zo", .person), RememberedTerm("Jo", .person), RememberedTerm("TB", .person),
        ])
        XCTAssertEqual(labelled(m.findings(in: "P2: think so, zo got picked up in aug")), ["PERSON zo"])
        XCTAssertEqual(labelled(m.findings(in: "and shes on the same group chat as zo")), ["PERSON zo"])
        XCTAssertEqual(labelled(m.findings(in: "new insta for jo btw")), ["PERSON jo"])
        XCTAssertEqual(labelled(m.findings(in: "a second phone. tb had 3")), ["PERSON tb"])
        XCTAssertEqual(labelled(m.findings(in: "hang on a zo, wait a jo then")), [])
        XCTAssertEqual(labelled(m.findings(in: "the tb clinic, jo and the zo rules")), [])
    }
}
