import ConveneTestSupport
import Foundation
import XCTest

@testable import TerminalKit

final class KeyDecoderTests: XCTestCase {
    let d = KeyDecoder()

    private func keys(_ s: String) -> [Key] { d.decode(Array(s.utf8)) }

    func testPrintableAndControl() {
        XCTAssertEqual(keys("a€日👍"), [.char("a"), .char("€"), .char("日"), .char("👍")])
        XCTAssertEqual(
            d.decode([0x07, 0x0D, 0x0A, 0x7F, 0x08, 0x09, 0x00, 0x01, 0x1A, 0x1F]),
            [.ctrl("g"), .enter, .enter, .backspace, .backspace, .tab, .ctrl(" "), .ctrl("a"), .ctrl("z"), .ctrl("_")])
        XCTAssertEqual(d.decode([0xC2, 0x9B]), [.unknown(0x9B)], "a C1 control is never a printable key")
        XCTAssertEqual(d.decode([0xFF, 0xC3]), [.unknown(0xFF), .unknown(0xC3)], "invalid UTF-8")
    }

    func testEscapeSequences() {
        let cases: [(String, Key)] = [
            ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
            ("\u{1B}OA", .up), ("\u{1B}[1;5A", .up), ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home),
            ("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
            ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
            ("\u{1B}[Z", .backTab), ("\u{1B}OM", .enter),
            ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)),
            ("\u{1B}OS", .function(4)),
            ("\u{1B}[11~", .function(1)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
            ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
            ("\u{1B}", .escape), ("\u{1B}x", .alt("x")), ("\u{1B}é", .alt("é")), ("\u{1B}[", .alt("[")),
        ]
        for (input, key) in cases {
            XCTAssertEqual(keys(input), [key], input.debugDescription)
        }
        XCTAssertEqual(keys("\u{1B}[200~hi\u{1B}[201~"), [.unknown(200), .char("h"), .char("i"), .unknown(201)])
        XCTAssertEqual(keys("\u{1B}\u{1B}[A"), [.escape, .up])
        XCTAssertEqual(
            keys("\u{1B}[1;5"), [.escape, .char("["), .char("1"), .char(";"), .char("5")],
            "cut short: Esc then its characters")
        XCTAssertEqual(
            keys("\u{1B}[" + String(repeating: "1", count: 100) + "A").first, .unknown(0x1B),
            "an overlong sequence is not trusted")
    }

    func testScalarsFromNcurses() {
        XCTAssertEqual(d.decodeScalar(0x61), .char("a"))
        XCTAssertEqual(d.decodeScalar(0xE9), .char("é"))
        XCTAssertEqual(d.decodeScalar(0x0D), .enter)
        XCTAssertEqual(d.decodeScalar(0x17), .ctrl("w"))
        XCTAssertEqual(d.decodeScalar(0x85), .unknown(0x85))
        XCTAssertEqual(d.decodeScalar(0xD800), .unknown(0xD800))
        XCTAssertEqual(d.decodeScalar(0x1F44D), .char("👍"))
    }

    func testNames() {
        XCTAssertEqual(
            [Key.ctrl("w"), .alt("x"), .function(1), .enter, .char(" "), .char("é"), .backTab].map(\.description),
            ["Ctrl-W", "Alt-x", "F1", "Enter", "Space", "é", "Shift-Tab"])
    }

    /// 60 000 random byte strings, on another thread so that a hang
    /// fails the test instead of stalling the suite.
    func testFuzzNeverCrashesAndAlwaysTerminates() {
        let done = DispatchSemaphore(value: 0)
        let result = FuzzResult()
        Thread.detachNewThread {
            var rng = SeededRandom("key decoder")
            let decoder = KeyDecoder()
            let interesting: [UInt8] = [
                0x1B, 0x5B, 0x4F, 0x3B, 0x7E, 0x31, 0x41, 0xC3, 0xE2, 0xF0, 0x80, 0xBF, 0x0D, 0x7F,
            ]
            // A fixed number of inputs, not a time: the same seed decodes the same bytes on any machine.
            for _ in 0..<60_000 {
                let n = Int.random(in: 0...64, using: &rng)
                let bytes = (0..<n).map { _ in
                    Bool.random(using: &rng)
                        ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
                }
                let keys = decoder.decode(bytes)
                if keys.count > bytes.count || (keys.isEmpty != bytes.isEmpty) {
                    result.record("bad count for \(bytes)")
                }
                for key in keys {
                    if case .char(let c) = key,
                        c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                    {
                        result.record("control as a printable key from \(bytes)")
                    }
                }
                result.count()
            }
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "the decoder did not finish: a hang")
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.runs, 60_000)
    }
}

/// Shared between the fuzz thread and the test.
final class FuzzResult: @unchecked Sendable {
    private let lock = NSLock()
    private var _problems: [String] = []
    private var _runs = 0
    func record(_ p: String) {
        lock.lock()
        if _problems.count < 10 { _problems.append(p) }
        lock.unlock()
    }
    func count() {
        lock.lock()
        _runs += 1
        lock.unlock()
    }
    var problems: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _problems
    }
    var runs: Int {
        lock.lock()
        defer { lock.unlock() }
        return _runs
    }
}
