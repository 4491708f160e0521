import Foundation
import XCTest

@testable import Privacy

/// `String.equals` (Privacy/KeyEquality.swift) answers as `==` for every pair, and the String layout it reads (a
/// small ASCII String's tag in the top three bits of its second word) is the layout of this platform's library.
final class KeyEqualityTests: XCTestCase {
    func testAnswersAsEqualityForEveryKindOfString() {
        var heapShort = "abcdefghijklmnopq"
        heapShort.removeLast(10)
        let words: [String] = [
            "", "a", "age", "aged", "Age", "ag", "123456789012345", "1234567890123456", "abcdefghijklmnopqrstuvwxyz",
            "é", "e\u{0301}", "\u{00E9}", "K", "\u{212A}", ";", "\u{037E}", "’", "'", heapShort, "abcdefg",
            String(decoding: Array("age".utf8), as: UTF8.self), NSString(string: "aged") as String,
            "naïve", "nai\u{0308}ve", String(repeating: "x", count: 40),
        ]
        for a in words {
            for b in words { XCTAssertEqual(a.equals(b), a == b, "\(a) vs \(b)") }
        }
    }

    func testTheSmallASCIILayout() {
        func top(_ s: String) -> UInt64 { unsafeBitCast(s, to: (UInt64, UInt64).self).1 >> 61 }
        XCTAssertEqual(top("age"), 0b111)
        XCTAssertEqual(top("123456789012345"), 0b111, "fifteen ASCII bytes are small")
        XCTAssertNotEqual(top("1234567890123456"), 0b111, "sixteen are not")
        XCTAssertNotEqual(top("é"), 0b111, "small, not ASCII")
        XCTAssertNotEqual(top(String(repeating: "x", count: 40)), 0b111)
        // Two small ASCII Strings with the same bytes have the same sixteen bytes, however they were made.
        let made = String(decoding: Array("aged".utf8), as: UTF8.self)
        XCTAssertTrue(
            unsafeBitCast(made, to: (UInt64, UInt64).self) == unsafeBitCast("aged", to: (UInt64, UInt64).self))
    }

    /// `Tokeniser.smallASCII` (speed10) makes each token's text and key as the library makes them: the same sixteen
    /// bytes, the same answers, for every length up to fifteen and every ASCII scalar in every place.
    func testTokensSmallStringsAreTheLibrarys() {
        func library(_ scalars: [Unicode.Scalar], lower: Bool) -> String {
            let bytes = scalars.map { v -> UInt8 in
                let b = UInt8(v.value)
                return lower && b >= 65 && b <= 90 ? b + 32 : b
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var cases: [[Unicode.Scalar]] = []
        for n in 1...15 {
            for c in 1..<128 {
                cases.append((0..<n).map { Unicode.Scalar(UInt8((c + $0 * 7) % 127 + 1)) })
            }
        }
        cases.append(Array("McDonald".unicodeScalars))
        cases.append(Array("ABCDEFGHIJKLMNO".unicodeScalars))
        for scalars in cases {
            let (text, key) = Tokeniser.smallASCII(scalars, 0, scalars.count)
            let libraryText = library(scalars, lower: false)
            let libraryKey = library(scalars, lower: true)
            XCTAssertTrue(
                unsafeBitCast(text, to: (UInt64, UInt64).self) == unsafeBitCast(libraryText, to: (UInt64, UInt64).self))
            XCTAssertTrue(
                unsafeBitCast(key, to: (UInt64, UInt64).self) == unsafeBitCast(libraryKey, to: (UInt64, UInt64).self))
            XCTAssertEqual(text, libraryText)
            XCTAssertEqual(key, libraryKey)
            XCTAssertEqual(text.count, scalars.count)
            XCTAssertEqual(Array(key.utf8), Array(libraryKey.utf8))
            XCTAssertEqual(key.hashValue, libraryKey.hashValue)
        }
        // Inside a longer text: the run from its offset.
        let line = Array("Hi There, Kian".unicodeScalars)
        XCTAssertEqual(Tokeniser.smallASCII(line, 3, 5).0, "There")
        XCTAssertEqual(Tokeniser.smallASCII(line, 3, 5).1, "there")
    }

    /// `Tokeniser.contains` reads a small set's bytes in place (speed9): it answers as `unicodeScalars.contains`.
    func testPunctuationSetsAnswerAsTheirScalars() {
        let sets = [
            "", "-", "-–", "•*·>", "-–:", ".,;:!?", "()[]{}", "123456789012345", "1234567890123456", "é", "£$€",
            String(repeating: "ab", count: 20), "\u{0}x", "x\u{0}", "’'",
            String(decoding: Array("-:".utf8), as: UTF8.self),
        ]
        var scalars: [Unicode.Scalar] = (0..<0x80).compactMap { Unicode.Scalar($0) }
        scalars += ["–", "•", "·", "é", "€", "’"]
        for set in sets {
            for c in scalars {
                XCTAssertEqual(Tokeniser.contains(set, c), set.unicodeScalars.contains(c), "\(set) \(c.value)")
            }
        }
    }

    func testLiteralArraysAskThroughIt() {
        XCTAssertTrue(["year", "yr"].contains("yr"))
        XCTAssertFalse(["year", "yr"].contains("yrs"))
        XCTAssertTrue(["’", "K"].contains("\u{212A}"), "canonical equivalence still counts")
    }
}
