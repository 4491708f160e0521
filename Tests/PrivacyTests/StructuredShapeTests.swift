/// Identifiers with a structure, in the ways people write and say them that no corpus showed (issue 18, session 9):
/// e-mail addresses written loosely or with a caption's stray spaces, Northern Irish plates after a vehicle cue, case
/// references a few words after a case system's name, bank numbers in groups. Each has a twin that stays quiet.
/// Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class StructuredShapeTests: XCTestCase {
    let scanner = IdentifierScanner()

    func found(_ text: String, _ label: IdentifierLabel) -> [String] {
        scanner.scan(text).filter { $0.label == label }.map(\.text)
    }

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
}
