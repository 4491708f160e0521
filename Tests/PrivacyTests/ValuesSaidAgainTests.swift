/// Values said again (ValuesSaidAgain.swift, issue 18, session 12): an age corrected, repeated or moved on in time,
/// a story person's age by "was", shorthand ages, log numbers listed or corrected or read out in groups, a second
/// handle in the same breath. Each shape has a twin that stays quiet. Written for these tests, not taken from any
/// corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class ValuesSaidAgainTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testAnAgeCorrectedRepeatedOrMovedOnInTime() {
        let cases: [(String, [String])] = [
            ("she was thirteen at the time, no sorry fourteen, and in care", ["thirteen", "fourteen"]),
            ("he was 15 when I got him, 16 by the time it went to court", ["15", "16"]),
            ("so she'd be fifteen now, sixteen this March", ["fifteen", "sixteen"]),
            ("Dean Pryce, he was sixteen, seventeen now", ["sixteen", "seventeen"]),
            ("Mr Okafor was 80, eighty, and still driving", ["80", "eighty"]),
            ("Mrs Lund was seventy-odd, seventy-three I think, and caring for them", ["seventy-odd", "seventy-three"]),
        ]
        for (text, ages) in cases { XCTAssertEqual(found(text, .age), ages, text) }
        let quiet: [(String, [String])] = [
            ("she was 15, 3 times missing that month", ["15"]),
            ("he was 14, 20 of us went on the trip", ["14"]),
            ("she was 14 when it started, 15 years ago now", ["14"]),
            ("she was 16, 12 by the time we closed it", ["16"]),
        ]
        for (text, ages) in quiet { XCTAssertEqual(found(text, .age), ages, text) }
    }

    func testTheAgeAStoryGivesAPersonByWas() {
        XCTAssertEqual(found("the perpetrator was nineteen, a lad from the estate", .age), ["nineteen"])
        XCTAssertEqual(found("her boyfriend was 23.", .age), ["23"])
        XCTAssertEqual(found("the driver was 32 minutes late", .age), [])
        XCTAssertEqual(found("the victim was 1 of 5 girls", .age), [])
        XCTAssertEqual(found("it was 19, the count", .age), [], "no person")
        XCTAssertEqual(found("the perpetrator was", .age), [], "typed so far: the line ends at the verb")
    }

    /// The console scans the input line at every keystroke: every prefix of every shape scans.
    func testEveryPrefixOfEveryShapeScans() {
        let texts = [
            "the perpetrator was nineteen, a lad", "Mrs Lund was seventy-odd, seventy-three I think",
            "she was thirteen at the time, no sorry fourteen", "eldest is 18", "Riley ~41/42",
            "ages as above - 16/14/11/8",
            "Log 2207, Log 2299, Log, um, 2314", "police log 13 22 47", "06 slash 88213 slash 20",
            "chap_town_ace, and then ace.2.times",
        ]
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for n in 1...scalars.count {
                let prefix = String(String.UnicodeScalarView(scalars[..<n]))
                for f in scanner.scan(prefix) { XCTAssertLessThanOrEqual(f.span.end, n, prefix) }
            }
        }
    }

    func testShorthandAges() {
        XCTAssertEqual(found("mum 34, 5 kids, eldest 18", .age).last, "18")
        XCTAssertEqual(found("Jordan 16, Tayla 14, Riley ~8", .age), ["16", "14", "8"])
        XCTAssertEqual(found("uncle = Terrence Blakey ~41/42", .age), ["41/42"])
        XCTAssertEqual(found("ages as above - 16/14/11/8", .age), ["16", "14", "11", "8"])
        XCTAssertEqual(found("ages as above - 16/14/11/8", .caseRef), [])
        XCTAssertEqual(found("the eldest 2 are at school", .age), [])
        XCTAssertEqual(found("approx ~8 people came", .age), [], "a tilde with nobody before it")
    }

    func testCaseReferencesListedCorrectedOrReadOutInGroups() {
        XCTAssertEqual(found("logs 2207, 2299, 2314", .caseRef), ["2207", "2299", "2314"])
        XCTAssertEqual(found("Log 2207, Log 2299, Log, um, 2314", .caseRef), ["2207", "2299", "2314"])
        XCTAssertEqual(found("the CAD was 2231 no sorry it was 2213", .caseRef), ["2231", "2213"])
        XCTAssertEqual(found("police log 13 22 47?? check", .caseRef), ["13 22 47"])
        XCTAssertEqual(
            found("the crime number was 06 slash 88213 slash 20, GMP format", .caseRef), ["06 slash 88213 slash 20"])
        XCTAssertEqual(found("case 2231 took 2 hours to close", .caseRef), ["2231"])
        XCTAssertEqual(found("she logs 12 calls a week", .caseRef), [])
        XCTAssertEqual(found("logs from 2019, 2020 and 2021", .caseRef), [])
        XCTAssertEqual(found("cut it 3 slash 4 slash 5 ways", .caseRef), [], "too few digits")
    }

    func testASecondHandleInTheSameBreath() {
        XCTAssertEqual(
            found("it was chap_town_ace, with underscores, and then a second one, ace.2.times", .handle),
            ["chap_town_ace", "ace.2.times"])
        XCTAssertEqual(found("accts chap_town_ace + ace.2.times", .handle), ["chap_town_ace", "ace.2.times"])
        XCTAssertEqual(found("it was chap_town_ace, see report.final.pdf", .handle), ["chap_town_ace"])
    }
}
