import CNcursesw
import Foundation

/// Set by the signal handler; read by the console's loop (a signal handler may
/// only store a flag).
nonisolated(unsafe) public var terminalPendingSignal: Int32 = 0

/// The one real backend: owns ncurses for the life of the console. It draws
/// only the cells that changed since the last frame.
public final class NcursesScreen {
    private var previous: CellGrid?
    private let theme: ColourTheme
    private var pairs: [StyleRole: Int16] = [:]
    public private(set) var isOpen = false

    public init(theme: ColourTheme) { self.theme = theme }

    public func open() {
        convene_setlocale_all()
        _ = initscr()
        raw()
        noecho()
        nonl()
        keypad(convene_stdscr(), true)
        set_escdelay(25)
        if theme.usesColour && has_colors() {
            start_color()
            use_default_colors()
            for (index, role) in StyleRole.allCases.enumerated() {
                let e = theme.entry(role)
                let n = Int16(index + 1)
                init_pair(n, e.foreground.cursesNumber, e.background.cursesNumber)
                pairs[role] = n
            }
        }
        isOpen = true
        for s in [SIGTERM, SIGHUP, SIGINT] {
            signal(s) { number in terminalPendingSignal = number }
        }
    }

    /// Gives the terminal back: cooked mode, echo, cursor. Safe to call twice.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) {
        (Int(convene_maxx(convene_stdscr())), Int(convene_maxy(convene_stdscr())))
    }

    public func bell() { beep() }

    /// Sends the changed runs to the terminal, then places the cursor.
    public func draw(_ grid: CellGrid) {
        // Nothing changed, nothing sent: an idle console stays silent on the wire.
        if let previous, previous == grid { return }
        let runs = GridDiff.changes(from: previous, to: grid)
        if previous == nil || previous!.width != grid.width || previous!.height != grid.height { clear() }
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                put(cell, x: x, y: run.y)
            }
        }
        if let cursor = grid.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
        previous = grid
    }

    /// Forces a full redraw on the next frame (after a resize).
    public func invalidate() { previous = nil }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let e = theme.entry(cell.style.role)
        var attrs = convene_a_normal()
        if e.bold || cell.style.bold { attrs |= convene_a_bold() }
        if e.underline || cell.style.underline { attrs |= convene_a_underline() }
        if e.reverse || cell.style.reverse { attrs |= convene_a_reverse() }
        let pair = pairs[cell.style.role] ?? 0
        if let border = borderChar(cell.text) {
            var cc = border.pointee
            cc.attr = attrs | convene_color_pair(Int32(pair))
            mvadd_wch(Int32(y), Int32(x), &cc)
            return
        }
        var wide = cell.text.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [wchar_t(32)] }
        wide.append(0)
        var cc = cchar_t()
        setcchar(&cc, wide, attrs, pair, nil)
        mvadd_wch(Int32(y), Int32(x), &cc)
    }

    private func borderChar(_ s: String) -> UnsafePointer<cchar_t>? {
        switch s {
        case "─": return convene_wacs_hline()
        case "│": return convene_wacs_vline()
        case "┌": return convene_wacs_ulcorner()
        case "┐": return convene_wacs_urcorner()
        case "└": return convene_wacs_llcorner()
        case "┘": return convene_wacs_lrcorner()
        default: return nil
        }
    }

    /// Waits up to `timeoutMs` for a key; nil when none came.
    public func readKey(timeoutMs: Int32) -> Key? {
        wtimeout(convene_stdscr(), timeoutMs)
        var ch: wint_t = 0
        let r = wget_wch(convene_stdscr(), &ch)
        if r == ERR { return nil }
        if r == convene_key_code_yes() { return Self.functionKey(Int32(ch)) }
        let v = UInt32(ch)
        if v == 27 {
            // Alt-x arrives as ESC then x; a lone ESC times out.
            wtimeout(convene_stdscr(), 0)
            var next: wint_t = 0
            let r2 = wget_wch(convene_stdscr(), &next)
            if r2 == OK, let s = Unicode.Scalar(UInt32(next)), next >= 32 { return .alt(Character(s)) }
            return .escape
        }
        return KeyDecoder().decodeScalar(v)
    }

    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case convene_key_resize(): return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return .unknown(Int(code))
        }
    }
}

extension KeyDecoder {
    /// One character as ncurses delivers it (already UTF-8 decoded).
    public func decodeScalar(_ v: UInt32) -> Key {
        if v < 0x80 { return decode([UInt8(v)]).first ?? .unknown(Int(v)) }
        guard let s = Unicode.Scalar(v) else { return .unknown(Int(v)) }
        return .char(Character(s))
    }
}
