import ConveneTestSupport
import Foundation
import SessionModel
import XCTest

@testable import Privacy

/// What a kept scan holds (Privacy/ScanMemo.swift): it reads back to the very
/// scan it was made from, refuses anything malformed, and the scanner's identity
/// changes with everything a scan depends on besides the text.
final class ScanMemoTests: XCTestCase {
    let texts =
        IdentifierScanner.probeTexts + [
            "", "Nothing at all.", "Zoë Ní Bhriain rang from Dún Laoghaire 😀 about the café on 07700 900456.",
        ]

    func testAKeptScanReadsBackToTheScanItWasMadeFrom() {
        let scanner = IdentifierScanner(
            names: ["Dana Whitfield", "Zoë Ní Bhriain"], accepted: [("Oakridge Farm", .location)])
        var found = 0
        for text in texts {
            for special in [nil, scanner.specialCategories(text)] {
                let scan = TextScan(findings: scanner.scan(text), special: special)
                found += scan.findings.count
                XCTAssertEqual(TextScan(encoded: scan.encoded(), text: text), scan, text)
            }
        }
        XCTAssertGreaterThan(found, 20, "the probe texts hold identifiers of many kinds")
    }

    func testMalformedBytesAreNoScan() {
        let text = IdentifierScanner.probeTexts[0]
        let bytes =
            IdentifierScanner().scan(text).isEmpty ? [] : TextScan(findings: IdentifierScanner().scan(text)).encoded()
        XCTAssertFalse(bytes.isEmpty)
        XCTAssertNil(TextScan(encoded: [], text: text))
        XCTAssertNil(TextScan(encoded: bytes.dropLast(), text: text), "cut short")
        XCTAssertNil(TextScan(encoded: bytes + [0], text: text), "bytes left over")
        XCTAssertNil(TextScan(encoded: [2] + bytes.dropFirst(), text: text), "another layout")
        XCTAssertNil(TextScan(encoded: bytes, text: "short"), "offsets beyond the text")
        var rng = SeededRandom("scan-memo-bytes")
        for _ in 0..<2_000 {
            var damaged = bytes
            damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
            // Never a trap; either no scan or one whose spans lie inside the text.
            if let scan = TextScan(encoded: damaged, text: text) {
                XCTAssertTrue(scan.findings.allSatisfy { $0.span.end <= text.unicodeScalars.count })
            }
        }
    }

    func testTheIdentityChangesWithNamesAcceptedTermsAndNothingElse() {
        let base = IdentifierScanner(names: ["Dana Whitfield"], accepted: [("Oakridge Farm", .location)])
        XCTAssertEqual(
            base.identity,
            IdentifierScanner(names: ["Dana Whitfield"], accepted: [("Oakridge Farm", .location)]).identity)
        XCTAssertEqual(
            IdentifierScanner(names: ["A Person", "Dana Whitfield"]).identity,
            IdentifierScanner(names: ["Dana Whitfield", "A Person"]).identity, "the order names were added in")
        for other in [
            IdentifierScanner(names: ["Dana Whitfield", "Kyle Brannigan"], accepted: [("Oakridge Farm", .location)]),
            IdentifierScanner(names: [], accepted: [("Oakridge Farm", .location)]),
            IdentifierScanner(names: ["Dana Whitfield"], accepted: []),
            IdentifierScanner(names: ["Dana Whitfield"], accepted: [("Oakridge Farm", .organisationLocal)]),
            IdentifierScanner(
                names: ["Dana Whitfield"], accepted: [("Oakridge Farm", .location), ("Hollinsend Close", .location)]),
        ] {
            XCTAssertNotEqual(other.identity, base.identity)
        }
        XCTAssertTrue(
            String(decoding: IdentifierScanner.rulesIdentity, as: UTF8.self).hasPrefix(
                "convene-scan-rules \(IdentifierScanner.rulesVersion) lists "),
            "the rules' version and the lists' hash are part of it")
        XCTAssertNotEqual(Gazetteer.shared.contentHash, 0xcbf2_9ce4_8422_2325, "the lists were hashed")
    }
}
