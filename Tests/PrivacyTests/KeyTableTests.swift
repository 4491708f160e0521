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

    /// Session 12: the gate also stands before the dictionaries of letters said aloud (`natoLetters`,
    /// `spokenLetters`), and before the sets four recognisers ask of every token; asked only under the gate, each
    /// must answer as the set or dictionary does for every token.
    func testGatedDictionariesAnswerAsTheirKeys() {
        let text =
            "Whisky kilo one eight, ell ess six two bee jay: the school academy in Leeds, kierans other phone, "
            + "her school was Ridgeway, Alpha ROMEO x-ray and a plain word."
        let scalars = Array(text.unicodeScalars)
        let context = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        var asked = 0
        for i in -1...context.tokens.count {
            let key = context.key(i)
            for keys in [Set(ScanContext.natoLetters.keys), Set(ScanContext.spokenLetters.keys)]
            where keys.contains(key) {
                XCTAssertTrue(context.isGated(i), key)
                asked += 1
            }
            for set in [ScanContext.headsAfterAPlace, Vocab.cities, ScanContext.kindsBeforeTheirName] {
                XCTAssertEqual(context.onGated(set, i), set.contains(key), key)
            }
            XCTAssertEqual(context.onGated(ScanContext.ownedModifiers, i), ScanContext.ownedModifiers.contains(key))
        }
        XCTAssertEqual(asked, 8, "the text has eight letters said aloud")
        XCTAssertFalse(context.isGated(-1))
        XCTAssertFalse(context.isGated(context.tokens.count))
    }

    /// `ScanContext.info` holds each token's fields without its Strings: the same values as the `Token`'s.
    /// The gazetteer folds the lists' accented names scalar by scalar (`Gazetteer.foldedBytes`): for every such line
    /// of the bundled lists, that is exactly `Tokeniser.fold` of the line.
    func testGazetteerFoldsEveryAccentedNameAsTheTokeniserFolds() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Privacy/Gazetteer").standardized
        var memo: [UInt32: [UInt8]] = [:]
        var asked = 0
        for list in ["given", "surnames", "ambiguous", "words", "places", "towns", "bigcities"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(list).txt"), encoding: .utf8)
            for line in text.split(separator: "\n") where line.utf8.contains(where: { $0 >= 0x80 }) {
                let name = line.trimmingCharacters(in: .whitespaces)
                XCTAssertEqual(
                    String(decoding: Gazetteer.foldedBytes(name, memo: &memo), as: UTF8.self), Tokeniser.fold(name),
                    name)
                asked += 1
            }
        }
        XCTAssertGreaterThan(asked, 5_000)
        // Outside the Latin letters the whole name is folded as one: a curly apostrophe, a combining accent.
        for name in ["O’Brien", "Sia\u{0302}n", "ΣΟΦΙΑ", "İlkay"] {
            XCTAssertEqual(
                String(decoding: Gazetteer.foldedBytes(name, memo: &memo), as: UTF8.self), Tokeniser.fold(name), name)
        }
    }

    func testTokenInfoMatchesItsToken() {
        let text = "Siân's DSL rang 07700 900123 — Tyler (15ish), \nREF: AB12CDE … “quoted” x-ray!"
        let scalars = Array(text.unicodeScalars)
        let context = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        XCTAssertEqual(context.info.count, context.tokens.count)
        for (t, f) in zip(context.tokens, context.info) {
            XCTAssertEqual(f.kind, t.kind, t.text)
            XCTAssertEqual(f.start, t.start, t.text)
            XCTAssertEqual(f.end, t.end, t.text)
            XCTAssertEqual(f.length, t.length, t.text)
            XCTAssertEqual(f.digits, t.digits, t.text)
            XCTAssertEqual(f.capitalised, t.capitalised, t.text)
            XCTAssertEqual(f.allCaps, t.allCaps, t.text)
            XCTAssertEqual(f.spaceBefore, t.spaceBefore, t.text)
            XCTAssertEqual(f.lineStart, t.lineStart, t.text)
            XCTAssertEqual(f.sentenceStart, t.sentenceStart, t.text)
            XCTAssertEqual(f.scalar, t.scalar, t.text)
            XCTAssertEqual(f.isWordLike, t.isWordLike, t.text)
            XCTAssertEqual(f.isPunct(".,!?…-"), t.isPunct(".,!?…-"), t.text)
            XCTAssertEqual(t.text.unicodeScalars.count, t.length, t.text)
        }
        for i in -1...context.tokens.count {
            XCTAssertEqual(context.at(i)?.start, context.tok(i)?.start)
        }
    }
}
