/// The classes of identifier that issue 18 found missed on unseen text, one
/// test per class with sentences written for these tests (not taken from any
/// corpus), and the quiet cases each rule must keep quiet on.
import Foundation
@testable import Privacy
import SessionModel
import XCTest

final class RecallClassTests: XCTestCase {
    let scanner = IdentifierScanner()

    func labels(_ text: String, _ s: IdentifierScanner? = nil) -> [String] {
        (s ?? scanner).scan(text).map { "\($0.label.rawValue):\($0.text)" }
    }

    func assertFinds(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(labels(text).contains(expected), "\(expected) not in \(labels(text)) for: \(text)", file: file, line: line)
    }

    func assertQuiet(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(labels(text), [], text, file: file, line: line)
    }

    func testAgesBesideANameOrSaidOtherwise() {
        assertFinds("Tiah (15) was picked up again", "AGE:15")
        assertFinds("spoke with Kenzie, 14, about the party", "AGE:14")
        assertFinds("Zayvion is 13 and already known to police", "AGE:13")
        assertFinds("she'd be 19 now if she'd lived", "AGE:19")
        assertFinds("jaxon 14 missing again from placement", "AGE:14")
        assertFinds("I'm 15 and I know what I'm doing", "AGE:15")
        assertFinds("At 12 she was already being sent out", "AGE:12")
        assertFinds("a 34-year-old man was arrested", "AGE:34-year-old")
        assertQuiet("sessions are for young people aged 15 and over")
        assertQuiet("the group meets at 10 and breaks at 11.")
    }

    func testPeopleNobodyListed() {
        assertFinds("and Zayvion said he'd never go back", "PERSON:Zayvion")
        assertFinds("her bf jaydee picks her up from school", "PERSON:jaydee")
        assertFinds("the Brennan children were all on plans", "PERSON:Brennan")
        assertFinds("the Okonkwo case went to court", "PERSON:Okonkwo")
        assertFinds("Lacey-Mae told her teacher", "PERSON:Lacey-Mae")
        assertFinds("he goes by Big Dee on the estate", "PERSON:Big Dee")
        assertFinds("I spoke to Mrs Kowalczyk about it", "PERSON:Mrs Kowalczyk")
        XCTAssertEqual(scanner.scan("and Zayvion said").first?.confidence, .possible, "a name on no list is shown as possible")
        assertQuiet("the Serious Case review said the same")
        assertQuiet("we met at Tesco and went to Greggs")
    }

    func testPlaces() {
        assertFinds("she was placed in Birmingham last year", "LOCATION:Birmingham")
        assertFinds("the lads are from Leeds originally", "LOCATION:Leeds")
        assertFinds("she's from Gorgie", "LOCATION:Gorgie")
        assertFinds("Flat 7, 22 Mercer Street", "LOCATION:Flat 7, 22 Mercer Street")
        assertFinds("the address on station road", "LOCATION:station road")
        assertQuiet("CSE in London is a different picture")
        assertQuiet("after Rotherham everyone changed their practice")
        assertQuiet("the family moved from Poland in 2019")
        assertQuiet("she went missing on Christmas Eve")
    }

    func testLocalOrganisations() {
        assertFinds("she's at Ysgol Gyfun Ystalyfera", "ORGANISATION_LOCAL:Ysgol Gyfun Ystalyfera")
        assertFinds("he was at St Joseph's RC Primary till year 6", "ORGANISATION_LOCAL:St Joseph's RC Primary")
        assertFinds("Holy Trinity C of E Primary rang", "ORGANISATION_LOCAL:Holy Trinity C of E Primary")
        assertFinds("she moved up to oakfield high", "ORGANISATION_LOCAL:oakfield high")
        assertFinds("the Phoenix project picked him up", "ORGANISATION_LOCAL:Phoenix project")
        assertFinds("At Oakfield Primary we had two", "ORGANISATION_LOCAL:Oakfield Primary")
        assertFinds("he's on remand at HMP Pentonville", "ORGANISATION_LOCAL:HMP Pentonville")
    }

    func testNumbersAndReferences() {
        assertFinds("she lives LU1 way", "POSTCODE:LU1")
        assertFinds("family in CF10", "POSTCODE:CF10")
        assertFinds("on Mosaic it's under 4471902", "CASE_REF:4471902")
        assertFinds("DOB for the youngest is 03/04/2011", "DATE_OF_BIRTH:03/04/2011")
        assertFinds("her snap is kayla_b.x", "HANDLE:kayla_b.x")
        assertQuiet("the NSPCC helpline is 0808 800 5000")
        assertQuiet("ring 0800 1111 or 116 123")
    }

    func testFinancialAndNetwork() {
        assertFinds("IBAN GB82 WEST 1234 5698 7654 32 on the form", "FINANCIAL:GB82 WEST 1234 5698 7654 32")
        assertQuiet("IBAN GB83 WEST 1234 5698 7654 32 on the form")
        assertFinds("card 4539 1488 0343 6467 was used", "FINANCIAL:4539 1488 0343 6467")
        assertQuiet("card 4539 1488 0343 6468 was used")
        assertFinds("sort code 20-00-00 account number 31926819", "FINANCIAL:20-00-00")
        assertFinds("sort code 20-00-00 account number 31926819", "FINANCIAL:31926819")
        assertFinds("logged in from 81.2.69.160 twice", "IP_ADDRESS:81.2.69.160")
        assertQuiet("version 1.2.3 and 10.5 percent")
        assertFinds("his page facebook.com/tyler.brennan99 is public", "URL:facebook.com/tyler.brennan99")
        assertQuiet("see www.nspcc.org.uk for the guidance")
    }

    func testSpokenContacts() {
        assertFinds("it's oh seven seven double-oh nine double-one two three four", "PHONE:oh seven seven double-oh nine double-one two three four")
        assertFinds("email john dot smith at gmail dot com", "EMAIL:john dot smith at gmail dot com")
        assertQuiet("one or two of them looked at it")
    }

    func testSpecialCategoryIsFoundButNeverAnIdentifier() throws {
        let text = "she's Muslim and has an ADHD diagnosis, and mental health needs"
        XCTAssertEqual(scanner.specialCategories(text).map(\.text), ["Muslim", "ADHD", "mental health"])
        XCTAssertFalse(scanner.scan(text).contains { $0.label == .specialCategory }, "never in the identifier scan")
        XCTAssertFalse(IdentifierLabel.specialCategory.isIdentifier)
        let t = Date(timeIntervalSince1970: 0)
        XCTAssertThrowsError(try SessionState.replay([
            SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
            SessionEvent(at: t, by: "x", ContributionLogged(source: .chat, text: text)),
            SessionEvent(at: t, by: "x", RedactionAccepted(number: 1, span: TextSpan(start: 6, end: 12), label: .specialCategory)),
        ]), "the model refuses a SPECIAL_CATEGORY placeholder")
    }

    /// Issue 16 item 4: parts of display names that are everyday words.
    func testDisplayNamePartsThatAreWords() {
        let s = IdentifierScanner(names: ["Pablo Fab Lab Leon", "Will Mac"])
        XCTAssertEqual(labels("Fab Lab World opens on Friday", s), [])
        XCTAssertEqual(labels("I do it on a mac with dev boards", s), [])
        XCTAssertEqual(labels("Pablo said the fab lab was shut", s), ["PERSON:Pablo"])
        XCTAssertEqual(labels("PABLO FAB LAB LEON joined", s), ["PERSON:PABLO FAB LAB LEON"], "the full name, any case")
        XCTAssertEqual(labels("leon was late again", s), ["PERSON:leon"], "a part that is no word, any case")
        XCTAssertEqual(labels("I asked Mac and he agreed", s), ["PERSON:Mac"], "a word-like part standing as a name")
        XCTAssertEqual(labels("Will said it was fine", s), ["PERSON:Will"])
        XCTAssertEqual(labels("Will the tool help? it will", s), [])
    }

    func testSessionMemory() throws {
        let t = Date(timeIntervalSince1970: 0)
        let s = try SessionState.replay([
            SessionEvent(at: t, by: "x", SessionCreated(sessionID: UUID(), title: "T", date: "2026-01-01")),
            SessionEvent(at: t, by: "x", ContributionLogged(source: .chat, text: "we call the park Zedland")),
            SessionEvent(at: t, by: "x", RedactionAccepted(number: 1, span: TextSpan(start: 17, end: 24), label: .location, manual: true)),
            SessionEvent(at: t, by: "x", ContributionLogged(source: .chat, text: "the lads at ZEDLAND again")),
        ])
        let r = Redactor(session: s)
        XCTAssertEqual(r.unresolved(s.contributions[1]).map { "\($0.label.rawValue):\($0.text)" }, ["LOCATION:ZEDLAND"])
        XCTAssertEqual(r.exportText(s.contributions[1]), "the lads at [PLACE] again")
    }
}
