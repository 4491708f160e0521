import CNcursesw
import Foundation

/// Why the terminal could not be opened, in words a facilitator can act on.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminalType(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the console needs a terminal: run it in a terminal window, not with its input or output redirected"
        case .unknownTerminalType(let t): return "this terminal type is not known ('\(t)'): try TERM=xterm-256color"
        }
    }
}

/// The one real backend: owns ncurses while the console runs, and writes only
/// the cells that changed since the last frame. ncurses is process-wide state:
/// open one `Terminal` at a time, from one thread.
public final class Terminal: TerminalBackend {
    private let theme: ColourTheme
    private var screen: OpaquePointer?
    private var inFile: UnsafeMutablePointer<FILE>?
    private var outFile: UnsafeMutablePointer<FILE>?
    private var previous: CellGrid?
    private var queued: [Key] = []
    private var cursorVisible: Int32 = -1
    // Per role (StyleRole.index): the attributes and colour pair to draw with.
    private var roleAttributes: [attr_t] = []
    private var rolePairs: [Int16] = []
    public private(set) var isOpen = false

    public init(theme: ColourTheme) { self.theme = theme }

    deinit { close() }

    /// Takes over the terminal on standard input and output.
    public func open() throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        try open(inputFD: 0, outputFD: 1, type: nil)
    }

    /// Takes over the terminal on the given descriptors (tests use a pseudo-terminal).
    func open(inputFD: Int32, outputFD: Int32, type: String?) throws {
        guard !isOpen else { return }
        Self.chooseLocale()
        TerminalSignals.remember(inputFD: inputFD, outputFD: outputFD)
        // Own copies of the descriptors, so closing ncurses' files leaves stdin/stdout open.
        inFile = convene_fdopen(dup(inputFD), "r")
        outFile = convene_fdopen(dup(outputFD), "w")
        guard inFile != nil, outFile != nil else {
            closeFiles()
            throw TerminalError.notATerminal
        }
        // newterm, unlike initscr, returns an error instead of exiting the process.
        let termType = type ?? ProcessInfo.processInfo.environment["TERM"] ?? "unknown"
        if let type {
            screen = type.withCString { newterm($0, outFile, inFile) }
        } else {
            screen = newterm(nil, outFile, inFile) // $TERM
        }
        guard screen != nil else {
            closeFiles()
            throw TerminalError.unknownTerminalType(termType)
        }
        set_term(screen)
        TerminalSignals.install(resetSequence: Self.resetSequence())
        TerminalSignals.restoreAtExit()
        raw()
        noecho()
        nonl()
        intrflush(convene_stdscr(), false)
        keypad(convene_stdscr(), true)
        set_escdelay(25)
        // No typeahead check while drawing: the loop drains waiting keys before it draws, and the check
        // cost two polls per frame and split a keystroke's bytes into two writes.
        typeahead(-1)
        setUpStyles()
        isOpen = true
        previous = nil
        cursorVisible = -1
    }

    /// Gives the terminal back: cooked mode, echo, cursor, main screen. Safe to
    /// call twice; called on deinit too.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        TerminalSignals.remove()
        if let screen { delscreen(screen) }
        screen = nil
        closeFiles()
    }

    private func closeFiles() {
        if let outFile { fclose(outFile) }
        if let inFile { fclose(inFile) }
        outFile = nil
        inFile = nil
    }

    /// The termination signal received while open (SIGTERM, SIGHUP, SIGINT), if any:
    /// save what must be kept, `close()`, and exit.
    public static var pendingSignal: Int32? {
        let s = TerminalSignals.pending
        return s == 0 ? nil : s
    }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        guard isOpen else { return (0, 0) }
        return (Int(convene_maxx(convene_stdscr())), Int(convene_maxy(convene_stdscr())))
    }

    public func bell() { if isOpen { beep() } }

    /// Forces a full redraw on the next frame (after a resize, or Ctrl-L).
    public func invalidate() { previous = nil }

    // MARK: Drawing

    /// Writes the runs that changed since the last frame (all of it after a
    /// resize or `invalidate`), then puts the cursor at `grid.cursor`.
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        // Nothing changed, nothing sent: an idle console stays silent on the wire.
        if let previous, previous == grid { return }
        let full = GridDiff.needsFullRedraw(from: previous, to: grid)
        if full { clear() } // erase, and clear the real screen on the next refresh
        for run in GridDiff.changes(from: previous, to: grid) {
            var x = run.x
            for cell in run.cells {
                if !cell.isContinuation { write(cell, x: x, y: run.y) }
                x += 1
            }
        }
        if let c = grid.cursor, grid.contains(x: c.x, y: c.y) {
            setCursor(visible: 1)
            move(Int32(c.y), Int32(c.x))
        } else {
            setCursor(visible: 0)
        }
        refresh()
        previous = grid
    }

    private func setCursor(visible: Int32) {
        if visible != cursorVisible {
            curs_set(visible)
            cursorVisible = visible
        }
    }

    private func write(_ cell: Cell, x: Int, y: Int) {
        let bits = cell.styleBits
        let role = Int(truncatingIfNeeded: bits & 0x1F)
        var attrs = roleAttributes[role]
        if bits & 1 << 5 != 0 { attrs |= convene_a_bold() }
        if bits & 1 << 6 != 0 { attrs |= convene_a_underline() }
        if bits & 1 << 7 != 0 { attrs |= convene_a_reverse() }
        if bits & 1 << 8 != 0 { attrs |= convene_a_dim() }
        let pair = rolePairs[role]
        let glyph = cell.glyph
        if glyph >= 0x20 && glyph < 0x7F {
            // Printable ASCII (almost every cell, and every typed letter): no width or glyph planning.
            var chars: (wchar_t, wchar_t) = (wchar_t(glyph), 0)
            var cc = cchar_t()
            withUnsafePointer(to: &chars) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&cc, $0, attrs, pair, nil) }
            }
            mvadd_wch(Int32(y), Int32(x), &cc)
            return
        }
        if let border = Self.borderCharacter(glyph) {
            var cc = border.pointee
            cc.attr = attrs | convene_color_pair(Int32(pair))
            mvadd_wch(Int32(y), Int32(x), &cc)
            return
        }
        var col = Int32(x)
        for group in TerminalGlyph.plan(
            cell.text, width: cell.width, terminalWidth: { Int(convene_wcwidth(wchar_t(bitPattern: $0))) })
        {
            var chars = group.map { wchar_t(bitPattern: $0) }
            chars.append(0)
            var cc = cchar_t()
            setcchar(&cc, chars, attrs, pair, nil)
            mvadd_wch(Int32(y), col, &cc)
            col += Int32(max(1, convene_wcwidth(chars[0])))
        }
    }

    private static func borderCharacter(_ glyph: UInt32) -> UnsafePointer<cchar_t>? {
        switch glyph {
        case 0x2500: return convene_wacs_hline() // ─
        case 0x2502: return convene_wacs_vline() // │
        case 0x250C: return convene_wacs_ulcorner() // ┌
        case 0x2510: return convene_wacs_urcorner() // ┐
        case 0x2514: return convene_wacs_llcorner() // └
        case 0x2518: return convene_wacs_lrcorner() // ┘
        case 0x251C: return convene_wacs_ltee() // ├
        case 0x2524: return convene_wacs_rtee() // ┤
        case 0x252C: return convene_wacs_ttee() // ┬
        case 0x2534: return convene_wacs_btee() // ┴
        case 0x253C: return convene_wacs_plus() // ┼
        default: return nil
        }
    }

    private func setUpStyles() {
        let roles = StyleRole.allCases
        roleAttributes = Array(repeating: convene_a_normal(), count: roles.count)
        rolePairs = Array(repeating: 0, count: roles.count)
        var colours = 0
        var defaultColours = false
        if theme.usesColour && has_colors() {
            start_color()
            defaultColours = use_default_colors() == OK
            colours = Int(convene_colors())
        }
        for role in roles {
            let e = theme.entry(role)
            var attrs = convene_a_normal()
            if e.bold { attrs |= convene_a_bold() }
            if e.underline { attrs |= convene_a_underline() }
            if e.reverse { attrs |= convene_a_reverse() }
            if e.dim { attrs |= convene_a_dim() }
            if colours > 0 && (e.foreground != .default || e.background != .default)
                && role.index + 1 < Int(convene_color_pairs())
            {
                var fg = e.foreground.cursesNumber(colours: colours)
                var bg = e.background.cursesNumber(colours: colours)
                if !defaultColours {
                    if fg < 0 { fg = 7 }
                    if bg < 0 { bg = 0 }
                }
                if e.foreground.needsBoldForBrightness(colours: colours) { attrs |= convene_a_bold() }
                let pair = Int16(role.index + 1)
                if init_pair(pair, fg, bg) == OK { rolePairs[role.index] = pair }
            }
            roleAttributes[role.index] = attrs
        }
    }

    /// What undoes ncurses' screen modes, for the emergency restore: leave the
    /// alternate screen, show the cursor, reset attributes, keypad off.
    private static func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let s = convene_tigetstr(cap) { bytes += Array(String(cString: s).utf8) }
        }
        return bytes
    }

    /// ncurses draws wide characters only in a UTF-8 locale. Use the user's
    /// locale; if that is the bare C/POSIX locale (common over SSH), switch the
    /// character type to C.UTF-8, as Python does (PEP 538).
    static func chooseLocale() {
        convene_setlocale_all()
        if convene_locale_is_utf8() != 0 { return }
        let current = String(cString: convene_locale_ctype())
        guard current == "C" || current == "POSIX" else { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where convene_setlocale_ctype(name) != 0 {
            if convene_locale_is_utf8() != 0 { return }
        }
    }

    // MARK: Keys

    /// Waits up to `timeoutMs` milliseconds for a key (0: just look); nil when
    /// none came, or when a termination signal arrived (see `pendingSignal`).
    /// A resize comes back as `.resize` and the next `draw` is a full redraw.
    public func readKey(timeoutMs: Int) -> Key? {
        guard isOpen else { return nil }
        if !queued.isEmpty { return queued.removeFirst() }
        if TerminalSignals.pending != 0 { return nil }
        // What ncurses already holds first; then wait on the terminal and the signal
        // self-pipe together, so a SIGTERM/SIGHUP/SIGINT ends the wait at once.
        wtimeout(convene_stdscr(), 0)
        var next = nextInput()
        if next == nil && timeoutMs > 0, let inFile {
            var fds = [
                pollfd(fd: fileno(inFile), events: Int16(POLLIN), revents: 0),
                pollfd(fd: TerminalSignals.wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds[1].fd >= 0 ? 2 : 1), Int32(clamping: timeoutMs))
            if ready > 0 && fds[1].revents != 0 { TerminalSignals.drainWake() }
            if TerminalSignals.pending != 0 { return nil }
            if ready > 0 && fds[0].revents != 0 {
                wtimeout(convene_stdscr(), 10)
                next = nextInput()
            }
        }
        guard let (code, isKeyCode) = next else { return nil }
        if isKeyCode {
            let key = Self.functionKey(code)
            if key == .resize { invalidate() }
            return key
        }
        if code == 0x1B { return escapeKey() }
        return KeyDecoder().decodeScalar(code)
    }

    private func nextInput() -> (UInt32, Bool)? {
        var ch: wint_t = 0
        let r = wget_wch(convene_stdscr(), &ch)
        if r == ERR { return nil }
        return (UInt32(ch), r == convene_key_code_yes())
    }

    /// ncurses hands back ESC when what follows is not a key it knows: Alt-x,
    /// or a sequence missing from terminfo. Read what is already waiting and
    /// decode it the same way `KeyDecoder` does.
    private func escapeKey() -> Key {
        wtimeout(convene_stdscr(), 0)
        guard let (code, isKeyCode) = nextInput() else { return .escape }
        if isKeyCode {
            queued.append(Self.functionKey(code))
            return .escape
        }
        var bytes: [UInt8] = [0x1B]
        func append(_ v: UInt32) { bytes += Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8) }
        append(code)
        if code == 0x5B || code == 0x4F { // [ or O: a CSI/SS3 sequence, up to its final byte
            while bytes.count < KeyDecoder.maxSequence, let (next, nextIsKeyCode) = nextInput() {
                if nextIsKeyCode {
                    queued.append(Self.functionKey(next))
                    break
                }
                append(next)
                if (0x40...0x7E).contains(next) { break }
            }
        }
        let keys = KeyDecoder().decode(bytes)
        queued += keys.dropFirst()
        return keys.first ?? .escape
    }

    /// The key for an ncurses KEY_* code. Extended keys (Ctrl-arrows and the
    /// like, defined by terminfo names such as `kUP5`) map to the plain key.
    static func functionKey(_ code: UInt32) -> Key {
        let c = Int32(bitPattern: code)
        switch c {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_SHOME, KEY_A1: return .home
        case KEY_END, KEY_SEND, KEY_C1: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case convene_key_resize(): return .resize
        case convene_key_f(1)...convene_key_f(63): return .function(Int(c - convene_key_f(0)))
        default: break
        }
        if let name = keyname(c).map({ String(cString: $0) }) {
            let prefixes: [(String, Key)] = [
                ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home),
                ("kEND", .end), ("kDC", .delete), ("kIC", .insert), ("kNXT", .pageDown), ("kPRV", .pageUp),
            ]
            for (prefix, key) in prefixes where name.hasPrefix(prefix) { return key }
        }
        return .unknown(Int(c))
    }
}

/// The name the console used before; the same type.
public typealias NcursesScreen = Terminal

extension Terminal {
    /// The C library's width for a scalar in the current locale (what ncurses uses).
    static func libcWidth(_ v: UInt32) -> Int { Int(convene_wcwidth(wchar_t(bitPattern: v))) }

    /// Sets the character-type locale; false when it does not exist.
    static func setCharacterLocale(_ name: String) -> Bool { convene_setlocale_ctype(name) != 0 }

    /// The current character-type locale's name.
    static var characterLocale: String { String(cString: convene_locale_ctype()) }

    /// Opens a pseudo-terminal pair (master, slave), for tests.
    static func openPseudoTerminal() -> (master: Int32, slave: Int32)? {
        var master: Int32 = -1
        var slave: Int32 = -1
        return convene_open_pty(&master, &slave) == 0 ? (master, slave) : nil
    }

    /// Sets a terminal device's size in rows and columns (tests resize a pseudo-terminal).
    @discardableResult
    static func setWindowSize(fd: Int32, rows: Int, columns: Int) -> Bool {
        convene_set_winsize(fd, Int32(rows), Int32(columns)) == 0
    }
}
