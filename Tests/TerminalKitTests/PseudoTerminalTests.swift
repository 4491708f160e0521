import ConveneTestSupport
import Foundation
import XCTest

@testable import TerminalKit

/// A pseudo-terminal pair: the test plays the terminal on the master side,
/// ncurses runs on the slave side, in this process.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32

    init(rows: Int, columns: Int) throws {
        guard let pair = Terminal.openPseudoTerminal() else {
            XCTFail("cannot open a pseudo-terminal: the ncurses tests cannot run")
            throw TestRun.cannotRun("no pseudo-terminals here")
        }
        master = pair.master
        slave = pair.slave
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        Terminal.setWindowSize(fd: slave, rows: rows, columns: columns)
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Everything the program wrote, read until the output has been quiet a while.
    func output(quietMs: Int = 60) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var quiet = 0
        while quiet < quietMs {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                bytes += buffer[0..<n]
                quiet = 0
            } else {
                usleep(5_000)
                quiet += 5
            }
        }
        return bytes
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }
}

extension Array where Element == UInt8 {
    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for i in 0...(count - needle.count) where self[i] == needle[0] && Array(self[i..<(i + needle.count)]) == needle
        { return true }
        return false
    }
}

/// Real ncurses on a pseudo-terminal: inert output, diffs, keys, resize,
/// signals and restoring the terminal. ncurses is global state, so this is
/// one test that runs the steps in order.
final class PseudoTerminalTests: XCTestCase {
    func testNcursesOnAPseudoTerminal() throws {
        for variable in ["LINES", "COLUMNS", "ESCDELAY"] { unsetenv(variable) }
        let pty = try PseudoTerminal(rows: 10, columns: 40)
        var before = termios()
        XCTAssertEqual(tcgetattr(pty.slave, &before), 0)
        let terminal = Terminal(theme: ColourTheme.builtIn("colour-blind"))
        try terminal.open(inputFD: pty.slave, outputFD: pty.slave, type: "xterm-256color")
        defer { terminal.close() }
        XCTAssertTrue(terminal.isOpen)
        XCTAssertEqual(terminal.size.width, 40)
        XCTAssertEqual(terminal.size.height, 10)
        var raw = termios()
        tcgetattr(pty.slave, &raw)
        XCTAssertEqual(raw.c_lflag & tcflag_t(ICANON | ECHO), 0, "raw mode and no echo while open")

        // 1. A frame with wide characters and hostile text: drawn, and inert.
        var grid = CellGrid(width: 40, height: 10)
        grid.box(x: 0, y: 0, width: 40, height: 10, title: "Log")
        grid.put("日本 👍 ok", x: 1, y: 1, style: CellStyle(.speaker))
        grid.put("evil \u{1B}]0;pwned\u{07}\u{1B}[6n\u{9B}31m", x: 1, y: 2, style: CellStyle(.flag))
        grid.cursor = (3, 8)
        terminal.draw(grid)
        let first = pty.output()
        XCTAssertTrue(first.contains("日本"), "wide characters written")
        XCTAssertTrue(first.contains("👍"))
        XCTAssertTrue(first.contains("␛]0;pwned␇␛[6n"), "hostile text shown as visible markers")
        XCTAssertFalse(first.contains("\u{1B}]0;pwned"), "a raw OSC from content reached the terminal")
        XCTAssertFalse(first.contains("\u{1B}[6n"), "a raw device-status query from content reached the terminal")
        XCTAssertFalse(first.contains(where: { $0 == 0x07 }), "a raw BEL reached the terminal")
        XCTAssertFalse(first.contains("\u{9B}"), "a raw C1 CSI reached the terminal")

        // 2. The same frame again sends no content; one changed cell sends only that cell.
        terminal.draw(grid)
        let second = pty.output()
        XCTAssertFalse(second.contains("ok"))
        XCTAssertLessThan(second.count, 16, "an unchanged frame writes almost nothing: \(second)")
        var changed = grid
        changed.put("K", x: 20, y: 5)
        terminal.draw(changed)
        let third = pty.output()
        XCTAssertTrue(third.contains("K"))
        XCTAssertFalse(third.contains("日本"))
        XCTAssertFalse(third.contains("Log"))

        // 3. Keys, as terminals send them.
        let keys: [(String, Key)] = [
            ("\u{1B}OA", .up), ("\u{1B}[B", .down), ("\u{1B}[1;5C", .right), ("é", .char("é")), ("日", .char("日")),
            ("\u{7F}", .backspace), ("\r", .enter), ("\t", .tab), ("\u{1B}[Z", .backTab), ("\u{01}", .ctrl("a")),
            ("\u{1B}OP", .function(1)), ("\u{1B}[24~", .function(12)), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp),
            ("\u{1B}x", .alt("x")), ("\u{1B}", .escape),
        ]
        for (bytes, key) in keys {
            pty.type(bytes)
            XCTAssertEqual(terminal.readKey(timeoutMs: 2_000), key, bytes.debugDescription)
        }
        pty.type("paste of a longer text")
        var pasted = ""
        while let key = terminal.readKey(timeoutMs: 200), case .char(let c) = key { pasted.append(c) }
        XCTAssertEqual(pasted, "paste of a longer text")
        let start = Date()
        XCTAssertNil(terminal.readKey(timeoutMs: 50), "no key: nil after the timeout")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "readKey honours its timeout (a generous bound)")

        // 4. Resize: a .resize key, the new size, then a full redraw.
        Terminal.setWindowSize(fd: pty.slave, rows: 12, columns: 50)
        kill(getpid(), SIGWINCH)
        XCTAssertEqual(terminal.readKey(timeoutMs: 2_000), .resize)
        XCTAssertEqual(terminal.size.width, 50)
        XCTAssertEqual(terminal.size.height, 12)
        _ = pty.output()
        var resized = CellGrid(width: 50, height: 12)
        resized.put("after resize 日本", x: 0, y: 0)
        terminal.draw(resized)
        XCTAssertTrue(pty.output().contains("after resize 日本"))

        // 5. A termination signal is recorded for the app's loop, not fatal.
        kill(getpid(), SIGHUP)
        XCTAssertEqual(Terminal.pendingSignal, SIGHUP)
        XCTAssertEqual(terminalPendingSignal, SIGHUP)
        _ = terminal.readKey(timeoutMs: 10)

        // 6. Closing restores the terminal as it was (and stops the watchdog).
        terminal.close()
        TerminalSignals.clearPending()
        XCTAssertNil(Terminal.pendingSignal)
        XCTAssertFalse(terminal.isOpen)
        let last = pty.output()
        XCTAssertTrue(last.contains("\u{1B}[?1049l"), "left the alternate screen")
        var after = termios()
        tcgetattr(pty.slave, &after)
        XCTAssertEqual(after.c_lflag & tcflag_t(ICANON | ECHO | ISIG), before.c_lflag & tcflag_t(ICANON | ECHO | ISIG))
        XCTAssertEqual(after.c_iflag, before.c_iflag)
        XCTAssertEqual(after.c_oflag, before.c_oflag)
        terminal.close() // twice is harmless
    }

    /// What the crash and watchdog handlers do (without crashing the tests):
    /// the modes from before ncurses come back and the alternate screen is left.
    func testEmergencyRestoreGivesTheTerminalBack() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 30)
        var before = termios()
        XCTAssertEqual(tcgetattr(pty.slave, &before), 0)
        let terminal = Terminal(theme: ColourTheme.builtIn("monochrome"))
        try terminal.open(inputFD: pty.slave, outputFD: pty.slave, type: "xterm-256color")
        defer { terminal.close() }
        var grid = CellGrid(width: 30, height: 8)
        grid.put("drawn", x: 0, y: 0)
        terminal.draw(grid)
        _ = pty.output()
        XCTAssertTrue(TerminalSignals.active)
        TerminalSignals.emergencyRestore()
        XCTAssertFalse(TerminalSignals.active)
        var after = termios()
        tcgetattr(pty.slave, &after)
        XCTAssertEqual(after.c_lflag, before.c_lflag, "echo and canonical mode are back")
        XCTAssertEqual(after.c_iflag, before.c_iflag)
        XCTAssertEqual(after.c_oflag, before.c_oflag)
        let reset = pty.output()
        XCTAssertTrue(reset.contains("\u{1B}[?1049l"), "left the alternate screen")
        XCTAssertTrue(reset.contains("\u{1B}[?25h") || reset.contains("\u{1B}[?12l\u{1B}[?25h"), "cursor shown again")
    }

    func testOpeningWithAnUnknownTerminalTypeIsAnError() throws {
        let pty = try PseudoTerminal(rows: 5, columns: 20)
        let terminal = Terminal(theme: ColourTheme.builtIn("default"))
        XCTAssertThrowsError(try terminal.open(inputFD: pty.slave, outputFD: pty.slave, type: "no-such-terminal-xyz")) {
            error in
            XCTAssertEqual(error as? TerminalError, .unknownTerminalType("no-such-terminal-xyz"))
        }
        XCTAssertFalse(terminal.isOpen)
    }
}
