import ConveneTestSupport
import Foundation
import XCTest

/// What a keystroke costs on the wire, in a real terminal (tmux records every byte
/// the console writes): typing a letter into the input line writes that letter and
/// nothing else — no attribute switched on and off around it — as a plain echo
/// loop does. Load-independent, unlike a latency figure (issue 15, item 9; the
/// figures are in docs/performance.md).
final class KeystrokeWireTests: XCTestCase {
    func testATypedLetterIsOneByteOnTheWire() throws {
        let dir = try ConveneProcess.tempDir().path
        try ConveneProcess.ok(["demo", dir + "/demo"])
        let f = dir + "/demo/demo.convene"
        // Every built-in theme, whatever the test runner's NO_COLOR says: monochrome and high contrast
        // drew the typed text bold (an attribute switched on and off around every letter).
        for theme in ["default", "high-contrast", "monochrome", "colour-blind"] {
            try checkTyping(file: f, theme: theme, wire: dir + "/wire-\(theme).bytes")
        }
    }

    private func checkTyping(file f: String, theme: String, wire: String) throws {
        let tmux = try Tmux(
            conveneCommand("open '\(f)' --theme \(theme)", user: "Wire \(UUID().uuidString.prefix(4))"), width: 120,
            height: 40)
        defer { tmux.kill() }
        XCTAssertNotNil(try tmux.waitFor("TYPING", timeout: 15), tmux.screen())
        try tmux.run(["pipe-pane", "-o", "-t", tmux.name, "cat >> '\(wire)'"])
        let letters = "qzqzqzqzqzqz"
        var typed = ""
        for c in letters {
            try tmux.type(String(c))
            typed.append(c)
            XCTAssertNotNil(try tmux.waitFor("› " + typed, timeout: 5), "\(theme): \(tmux.screen())")
        }
        try tmux.run(["pipe-pane", "-t", tmux.name]) // stop recording
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: wire)), as: UTF8.self)
        // The header clock may redraw meanwhile (and reset the attributes before a letter); the
        // letters themselves must not have an attribute (bold, a colour) switched on for them.
        let sgr = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m[qz]")
        let dressed = sgr.matches(in: bytes, range: NSRange(bytes.startIndex..., in: bytes)).filter { m in
            let params = (bytes as NSString).substring(with: m.range(at: 1)).split(separator: ";")
            return params.contains { $0 != "0" }
        }
        XCTAssertEqual(
            dressed.count, 0, "\(theme): typed letters were wrapped in attribute changes: \(bytes.debugDescription)")
        let bare = bytes.filter { $0 == "q" || $0 == "z" }.count
        XCTAssertGreaterThanOrEqual(bare, letters.count, "\(theme): every letter went out: \(bytes.debugDescription)")
        print(
            "keystroke wire, \(theme): \(bytes.utf8.count) bytes for \(letters.count) letters (clock redraws included)")
    }
}
