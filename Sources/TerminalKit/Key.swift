/// A key press, decoded once from the terminal (by `Terminal.readKey` from
/// ncurses, or by `KeyDecoder` from raw bytes). A paste arrives as the
/// characters it contains.
///
/// Some control bytes are ambiguous: ^I is `.tab`, ^M and ^J are `.enter`,
/// ^H and DEL are `.backspace`, ^[ is `.escape`; those never appear as `.ctrl`.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character, including non-ASCII (never a control character).
    case char(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown, insert
    /// F1…F12 (and higher numbers where the terminal sends them).
    case function(Int)
    /// Ctrl with a lowercase letter, or one of ` `, `\`, `]`, `^`, `_`.
    case ctrl(Character)
    /// Alt (Meta) with a printable character: ESC then the character.
    case alt(Character)
    /// The terminal changed size; ask the terminal for the new size and redraw.
    case resize
    /// Something the decoder does not know (its code, for logs).
    case unknown(Int)
}

extension Key: CustomStringConvertible {
    /// A name for help screens and logs: `a`, `Enter`, `Ctrl-W`, `Alt-x`, `F1`.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Insert"
        case .function(let n): return "F\(n)"
        case .ctrl(" "): return "Ctrl-Space"
        case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
        case .alt(let c): return "Alt-\(c)"
        case .resize: return "resize"
        case .unknown(let n): return "key \(n)"
        }
    }
}
