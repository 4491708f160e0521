import Foundation
import XCTest

@testable import Privacy

/// The token-key table the gazetteer and `TokenVocab` are read through (Privacy/KeyTable.swift) answers as the
/// `[String: …]` dictionaries it replaced: the same bits for every key, canonical equivalence included.
final class KeyTableTests: XCTestCase {
    func testAnswersAsADictionaryThroughGrowth() {
        var table = KeyTable(capacity: 4)
        var dictionary: [String: UInt32] = [:]
        // Keys of every length around the eight-byte step of the hash, many more than the capacity asked for.
        for n in 0..<3_000 {
            let key = String(repeating: "ab", count: n % 11) + String(n, radix: 36)
            let bits = UInt32(1) << UInt32(n % 7)
            table.insert(key, bits)
            dictionary[key, default: 0] |= bits
        }
        XCTAssertEqual(table.count, dictionary.count)
        for (key, bits) in dictionary { XCTAssertEqual(table.bits(key), bits, key) }
        for absent in ["", "zz-not-there", "ababababababababab", "abab"] where dictionary[absent] == nil {
            XCTAssertEqual(table.bits(absent), 0, absent)
        }
    }

    func testBitsAddUpAndBytesMatchStrings() {
        var table = KeyTable()
        table.insert("grace", 1)
        Array("grace".utf8).withUnsafeBufferPointer { table.insert(bytes: $0, 4) }
        XCTAssertEqual(table.bits("grace"), 5)
        XCTAssertEqual(table.bits("Grace"), 0, "keys are not folded: the callers fold")
        XCTAssertEqual(table.bits("grac"), 0)
    }

    func testCanonicalEquivalenceAsStringEquality() {
        var table = KeyTable()
        table.insert("sia\u{0302}n", 2) // "siân" with a combining circumflex
        XCTAssertEqual(table.bits("si\u{00E2}n"), 2, "the precomposed spelling is the same String")
        Array("café".utf8).withUnsafeBufferPointer { table.insert(bytes: $0, 8) }
        XCTAssertEqual(table.bits("cafe\u{0301}"), 8)
        // A scalar whose canonical form is ASCII (the Kelvin sign is "K") finds the ASCII key, as `==` does.
        table.insert("Kelly", 16)
        XCTAssertEqual("\u{212A}elly", "Kelly")
        XCTAssertEqual(table.bits("\u{212A}elly"), 16)
        XCTAssertEqual(table.bits("sian"), 0)
    }

    func testGazetteerAndVocabularyReadThroughIt() {
        let gazetteer = Gazetteer.shared
        XCTAssertTrue(gazetteer.isGiven("tyler"))
        XCTAssertTrue(gazetteer.towns.contains("luton"))
        XCTAssertTrue(gazetteer.isWord("the"))
        XCTAssertTrue(gazetteer.isUnknown("zqxvbw"))
        for word in Vocab.relations { XCTAssertTrue(TokenVocab.of(word).contains(.relations), word) }
        XCTAssertEqual(TokenVocab.of("zqxvbw"), [])
        // `notAName`'s words share the table under a bit the labeller never sees.
        for word in ScanContext.notANameWords {
            XCTAssertNotEqual(TokenVocab.table.bits(word) & TokenVocab.notANameBit, 0, word)
            XCTAssertEqual(TokenVocab.of(word).rawValue & TokenVocab.notANameBit, 0, word)
        }
        // The gated sets' words carry the gate, under a bit the labeller never sees either.
        for set in ScanContext.gatedSets {
            for word in set {
                XCTAssertNotEqual(TokenVocab.table.bits(word) & TokenVocab.gatedBit, 0, word)
                XCTAssertEqual(TokenVocab.of(word).rawValue & TokenVocab.privateBits, 0, word)
            }
        }
        XCTAssertEqual(TokenVocab.table.bits("the") & TokenVocab.gatedBit, 0)
    }

    func testGatedLookUpsAnswerAsTheirSets() {
        let text =
            "Reg plate on the van, School: Hallfield; CAMHS Halifax, Partick station, lives up Moorside, her "
            + "third birthday, the Station at STN and UP OVER down the car."
        let scalars = Array(text.unicodeScalars)
        let context = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        var asked = 0
        for set in ScanContext.gatedSets {
            for i in -1...context.tokens.count {
                XCTAssertEqual(context.onGated(set, i), set.contains(context.key(i)), "\(context.key(i)) at \(i)")
                if set.contains(context.key(i)) { asked += 1 }
            }
        }
        XCTAssertGreaterThan(asked, 8, "the text has words of the sets")
    }
}
