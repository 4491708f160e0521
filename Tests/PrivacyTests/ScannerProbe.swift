/// What the rule tests ask of one sentence, written once: the texts found with a label, every finding as
/// "LABEL:text", and the assertions built on them. A test class conforms by naming the scanner it probes (the full
/// scanner, or `IdentifierScanner(labeller: nil)` to test the rules alone).
import Foundation
import SessionModel
import XCTest

@testable import Privacy

protocol ScannerProbe {
    /// The scanner the assertions ask.
    var scanner: IdentifierScanner { get }
}

extension ScannerProbe {
    /// The texts of the findings with `label`, in order.
    func found(_ text: String, _ label: IdentifierLabel, _ s: IdentifierScanner? = nil) -> [String] {
        (s ?? scanner).scan(text).filter { $0.label == label }.map(\.text)
    }

    /// Every finding as "LABEL:text".
    func labels(_ text: String, _ s: IdentifierScanner? = nil) -> [String] {
        (s ?? scanner).scan(text).map { "\($0.label.rawValue):\($0.text)" }
    }

    /// The texts of the people found.
    func people(_ text: String) -> [String] { found(text, .person) }

    /// Each of `expected` ("LABEL:text") is found.
    func assertFinds(_ text: String, _ expected: String..., file: StaticString = #filePath, line: UInt = #line) {
        let all = labels(text)
        for e in expected {
            XCTAssertTrue(all.contains(e), "\(e) not in \(all) for: \(text)", file: file, line: line)
        }
    }

    /// None of `unexpected` ("LABEL:text") is found; other findings may be.
    func assertNot(_ text: String, _ unexpected: String..., file: StaticString = #filePath, line: UInt = #line) {
        let all = labels(text)
        for e in unexpected {
            XCTAssertFalse(all.contains(e), "\(e) in \(all) for: \(text)", file: file, line: line)
        }
    }

    /// No finding with this label at all (other labels may be found).
    func assertNo(
        _ label: IdentifierLabel, _ text: String, _ s: IdentifierScanner? = nil, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(found(text, label, s), [], "\(label.rawValue) found in: \(text)", file: file, line: line)
    }

    /// No finding of any label.
    func assertQuiet(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(labels(text), [], text, file: file, line: line)
    }

    /// `expected` is found as a person, with `confidence` when one is given.
    func assertPerson(
        _ text: String, _ expected: String, _ confidence: Finding.Confidence? = nil, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let all = scanner.scan(text).filter { $0.label == .person }
        guard let f = all.first(where: { $0.text == expected }) else {
            XCTFail("\(expected) not in \(all.map(\.text)) for: \(text)", file: file, line: line)
            return
        }
        if let c = confidence { XCTAssertEqual(f.confidence, c, "\(expected) in: \(text)", file: file, line: line) }
    }

    /// No person found.
    func assertNoPerson(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(people(text), [], text, file: file, line: line)
    }
}
