import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ScannerTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner(names: ["Avery Quinlan", "Tyler Brennan"])

    func testEachLabel() {
        XCTAssertEqual(labels("She lives at SE15 4QT now"), ["POSTCODE:SE15 4QT"])
        XCTAssertEqual(labels("a family near LU1 on the edge"), ["POSTCODE:LU1"])
        XCTAssertEqual(
            labels("ring 07700 900123 or +44 20 7946 0958"), ["PHONE:07700 900123", "PHONE:+44 20 7946 0958"])
        XCTAssertEqual(labels("mail jo.bloggs@council.gov.uk"), ["EMAIL:jo.bloggs@council.gov.uk"])
        XCTAssertEqual(labels("NHS 943 476 5919"), ["NHS_NUMBER:943 476 5919"])
        XCTAssertEqual(labels("NHS 943 476 5918"), [], "a failed check digit is not an NHS number")
        XCTAssertEqual(labels("NI AB 12 34 56 C"), ["NI_NUMBER:AB 12 34 56 C"])
        XCTAssertEqual(labels("DOB: 03/04/2011"), ["DATE_OF_BIRTH:03/04/2011"])
        XCTAssertEqual(labels("a 14-year-old girl at the school"), ["AGE:14-year-old"])
        XCTAssertEqual(labels("he drives AB12 CDE"), ["VEHICLE_REG:AB12 CDE"])
        XCTAssertEqual(labels("crime ref 12/3456/24"), ["CASE_REF:12/3456/24"])
        XCTAssertEqual(labels("follow @tyler_b99 online"), ["HANDLE:@tyler_b99"])
        XCTAssertEqual(labels("pupils at Oakfield Academy"), ["ORGANISATION_LOCAL:Oakfield Academy"])
        XCTAssertEqual(labels("My colleague Dave said"), ["PERSON:Dave"])
        XCTAssertEqual(labels("met Mrs Okafor"), ["PERSON:Mrs Okafor"])
        XCTAssertEqual(labels("at 12 Station Road"), ["LOCATION:12 Station Road"])
        XCTAssertEqual(
            labels("avery said tyler brennan was there"), ["PERSON:avery", "PERSON:tyler brennan"],
            "session names in lower case")
    }

    func testQuietOnTheField() {
        for text in [
            "The social worker raised it at MACE in London in March on Teams.",
            "The DSL and the LSCP chair met on Zoom; we used Miro.",
            "Police and health joined the CPC by phone.",
            "It was about 2023 when the panel changed.",
            "Children's services and the LADO were told.",
            "My nana always said the police were no help, and she was right.",
            "We did a deep dive with Ofsted last spring; Signs of Safety is our framework.",
            "Our Head of Service sits on the MACE, which helps.",
            "Brook do the drop-in and the Family Hub in the town centre is where the mums go.",
            "I'd go to Kooth or Childline before I'd send them to CAMHS.",
            "The Jay report said all of this ten years ago, and the Bedfordshire model is good.",
            "He's in Year 11 at a big academy; we were at 120% of capacity in March; ring 999.",
            "Will the new tool help? Hope is in short supply. Mark my words.",
            "We had 14 year olds on the list, aged 10 to 25, with 10 years in practice.",
        ] {
            XCTAssertEqual(labels(text), [], text)
        }
    }

    func testSpansAreUnicodeScalarOffsets() {
        let text = "Café 👍 ring 07700 900123"
        let f = scanner.scan(text)[0]
        XCTAssertEqual(f.span, TextSpan(start: 12, end: 24))
        XCTAssertEqual(try SessionState.slice(text, f.span, number: 1), "07700 900123")
    }

    func testNHSCheckDigit() {
        XCTAssertTrue(NHSNumber.isValid("9434765919"))
        XCTAssertFalse(NHSNumber.isValid("9434765918"))
        XCTAssertFalse(NHSNumber.isValid("123"))
    }

    func testRedactorReplacesUnresolvedAndKeepsRejected() throws {
        let t = Date(timeIntervalSince1970: 0)
        let s = try SessionState.replay([
            SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
            SessionEvent(
                at: t, by: "x", ContributionLogged(source: .chat, text: "Call 07700 900123 about Oakfield Academy")),
            SessionEvent(
                at: t, by: "x",
                RedactionRejected(
                    number: 1, span: TextSpan(start: 24, end: 40), label: .organisationLocal, reason: "a national chain"
                )),
        ])
        let r = Redactor(session: s)
        XCTAssertEqual(r.exportText(s.contributions[0]), "Call [PHONE] about Oakfield Academy")
        XCTAssertEqual(r.unresolved(s.contributions[0]).map(\.label), [.phone])
    }
}
