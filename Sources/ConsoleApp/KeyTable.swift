/// The console's one key table: every key, the mode it works in, what it does,
/// its help text and its place in the hint line. Dispatch (`Keymap`), the F1
/// help, the hint line, the "only the input line changed" fast path and the key
/// tables of docs/console.md all read this table, so they cannot disagree
/// (`KeyTableTests` fails when the docs differ from `KeyTable.markdown`).
import TerminalKit

/// Where a key works. The panes share `.panes`; `.log`, `.rooms`, `.people`
/// add the keys of one pane; `.anywhere` works in every mode and dialog.
public enum KeyMode: String, CaseIterable, Sendable {
    case typing, panes, log, rooms, people, anywhere

    /// The heading used in the help and in docs/console.md.
    public var heading: String {
        switch self {
        case .typing: return "Typing"
        case .panes: return "Panes (any pane)"
        case .log: return "Log pane"
        case .rooms: return "Rooms pane"
        case .people: return "People pane"
        case .anywhere: return "Anywhere"
        }
    }
}

/// What a key does; `Keymap.perform` has one arm for each.
public enum ConsoleCommand: String, Sendable, CaseIterable {
    // Typing
    case logLine, speakerPrefix, colonLine, completeSpeaker, nextSource, pickSpeaker, nextRoom, toggleSummary
    case caretLeft, caretRight, lineStart, lineEnd, backspace, deleteForward, deleteWord, killToStart, killToEnd
    case historyUp, historyDown, acceptAllTyped, reviewScreen, toPanes
    // Panes
    case nextPane, prevPane, toTyping, stayInPanes, showPanes, search, findNext, findPrevious, register
    case flaggedOnly, cycleSourceFilter, clearFilters, quitAsk
    // Log
    case selectUp, selectDown, pageUp, pageDown, selectFirst, followNewest, strike, undo, attribution, tag, untag
    case themeLink, reply, edit, remind, filterSpeaker, acceptAllSelected, stepFindings
    // Rooms and people
    case roomUp, roomDown, filterRoom, personUp, personDown, movePerson, recordConsent, makeSpeaker
    // Anywhere
    case flag, help, palette, leave

    /// Commands that change nothing but the input line (its text, caret or history):
    /// the runner then redraws one row instead of the screen.
    public var touchesOnlyInput: Bool {
        switch self {
        case .caretLeft, .caretRight, .lineStart, .lineEnd, .backspace, .deleteForward, .deleteWord, .killToStart,
            .killToEnd, .historyUp, .historyDown:
            return true
        default: return false
        }
    }
}

/// One row of the key table.
public struct KeyBinding: Sendable {
    /// The keys that trigger it (empty for a typing convention such as `P03: text`).
    public let keys: [Key]
    /// How the keys are written in the help and the docs.
    public let label: String
    public let mode: KeyMode
    public let command: ConsoleCommand
    public let help: String
    /// Short text for the hint line; nil keeps it out of the hint line.
    public let hint: String?
    /// Hint-line priority: lower shows first; 0 is essential (shown at 80 columns, always).
    public let priority: Int

    init(
        _ keys: [Key], _ label: String, _ mode: KeyMode, _ command: ConsoleCommand, _ help: String,
        hint: String? = nil, priority: Int = 50
    ) {
        self.keys = keys
        self.label = label
        self.mode = mode
        self.command = command
        self.help = help
        self.hint = hint
        self.priority = priority
    }
}

/// The table and the questions asked of it.
public enum KeyTable {
    private static func c(_ s: String) -> [Key] { s.map { Key.char($0) } }

    public static let bindings: [KeyBinding] = [
        // Typing: printable keys not listed here are typed into the line.
        KeyBinding(
            [.enter], "Enter", .typing, .logLine, "log the line (or save an edit)", hint: "Enter log", priority: 0),
        KeyBinding([], "`P03: text` or `3: text`", .typing, .speakerPrefix, "say who is speaking, then the words"),
        KeyBinding(
            [.char(":")], "`:` (first on an empty line)", .typing, .palette,
            "open the command palette; `\\:` logs a line that starts with a colon", hint: ": palette", priority: 0),
        KeyBinding(
            [.tab], "Tab", .typing, .completeSpeaker, "complete a speaker code", hint: "Tab complete", priority: 6),
        KeyBinding(
            [.ctrl("s"), .function(2)], "Ctrl-S / F2", .typing, .nextSource,
            "next source: verbal, chat, whiteboard, facilitator", hint: "^S source", priority: 2),
        KeyBinding(
            [.ctrl("p"), .function(3)], "Ctrl-P / F3", .typing, .pickSpeaker,
            "pick the speaker (code or number, Tab completes, `-` for none)", hint: "^P speaker", priority: 3),
        KeyBinding(
            [.ctrl("r"), .function(4)], "Ctrl-R / F4", .typing, .nextRoom, "next room to log in",
            hint: "^R room", priority: 4),
        KeyBinding(
            [.ctrl("t")], "Ctrl-T", .typing, .toggleSummary, "summary / verbatim", hint: "^T summary", priority: 8),
        KeyBinding([.left, .ctrl("b")], "← / Ctrl-B", .typing, .caretLeft, "caret left"),
        KeyBinding([.right, .ctrl("f")], "→ / Ctrl-F", .typing, .caretRight, "caret right"),
        KeyBinding([.home, .ctrl("a")], "Home / Ctrl-A", .typing, .lineStart, "start of the line"),
        KeyBinding([.end, .ctrl("e")], "End / Ctrl-E", .typing, .lineEnd, "end of the line"),
        KeyBinding(
            [.backspace, .ctrl("h")], "Backspace", .typing, .backspace, "delete the character before the caret"),
        KeyBinding(
            [.delete, .ctrl("d")], "Delete / Ctrl-D", .typing, .deleteForward, "delete the character at the caret"),
        KeyBinding([.ctrl("w")], "Ctrl-W", .typing, .deleteWord, "delete the word before the caret"),
        KeyBinding([.ctrl("u")], "Ctrl-U", .typing, .killToStart, "delete to the start of the line"),
        KeyBinding([.ctrl("k")], "Ctrl-K", .typing, .killToEnd, "delete to the end of the line"),
        KeyBinding([.up], "↑", .typing, .historyUp, "previous line you logged"),
        KeyBinding([.down], "↓", .typing, .historyDown, "next line you logged"),
        KeyBinding(
            [.ctrl("y")], "Ctrl-Y", .typing, .acceptAllTyped,
            "accept every finding of the line you logged last", hint: "^Y accept all", priority: 9),
        KeyBinding(
            [.function(5)], "F5", .typing, .reviewScreen, "the privacy review screen", hint: "F5 review", priority: 10),
        KeyBinding(
            [.escape], "Esc", .typing, .toPanes, "to the panes (cancels an edit or a reply first)",
            hint: "Esc panes", priority: 0),

        // Every pane.
        KeyBinding([.tab], "Tab", .panes, .nextPane, "next pane", hint: "Tab pane", priority: 3),
        KeyBinding([.backTab], "Shift-Tab", .panes, .prevPane, "previous pane"),
        KeyBinding(c("i") + [.enter], "i / Enter", .panes, .toTyping, "back to typing", hint: "i type", priority: 0),
        KeyBinding([.escape], "Esc", .panes, .stayInPanes, "nothing: says you are in the panes (i types)"),
        KeyBinding(
            c("v"), "v", .panes, .showPanes, "show or fold the rooms and people panes (under 120 columns)",
            hint: "v panes", priority: 7),
        KeyBinding(c("?"), "?", .panes, .help, "this help"),
        KeyBinding(c(":"), ":", .panes, .palette, "command palette", hint: ": palette", priority: 0),
        KeyBinding(c("/"), "/", .panes, .search, "search the log", hint: "/ search", priority: 9),
        KeyBinding(c("n"), "n", .panes, .findNext, "next match"),
        KeyBinding(c("N"), "N", .panes, .findPrevious, "previous match"),
        KeyBinding(c("R"), "R", .panes, .register, "the safeguarding register (what your role may see)"),
        KeyBinding(c("P"), "P", .panes, .reviewScreen, "the privacy review screen"),
        KeyBinding(c("f"), "f", .panes, .flaggedOnly, "show flagged contributions only (again: all)"),
        KeyBinding(c("s"), "s", .panes, .cycleSourceFilter, "cycle the source filter"),
        KeyBinding(c("F"), "F", .panes, .clearFilters, "clear the filters"),
        KeyBinding(c("q"), "q", .panes, .quitAsk, "leave (asks first)"),

        // The log.
        KeyBinding(
            [.up] + c("k"), "↑ / k", .log, .selectUp,
            "select the previous contribution", hint: "↑↓ select", priority: 1
        ),
        KeyBinding([.down] + c("j"), "↓ / j", .log, .selectDown, "select the next contribution"),
        KeyBinding([.pageUp], "PgUp", .log, .pageUp, "a page up"),
        KeyBinding([.pageDown], "PgDn", .log, .pageDown, "a page down"),
        KeyBinding([.home] + c("g"), "Home / g", .log, .selectFirst, "the first contribution"),
        KeyBinding([.end] + c("G"), "End / G", .log, .followNewest, "follow the newest"),
        KeyBinding(
            c("x"), "x", .log, .strike, "strike the selected contribution (asks why; u undoes)",
            hint: "x strike", priority: 4),
        KeyBinding(
            c("u"), "u", .log, .undo, "undo your last strike, tag or attribution change", hint: "u undo", priority: 5),
        KeyBinding(
            c("a"), "a", .log, .attribution, "next attribution level (role → anonymous → background)",
            hint: "a attribution", priority: 8),
        KeyBinding(
            c("t"), "t", .log, .tag, "tag with a code (Tab completes codebook codes)", hint: "t tag", priority: 6),
        KeyBinding(c("U"), "U", .log, .untag, "remove a code from it"),
        KeyBinding(c("T"), "T", .log, .themeLink, "link it to a theme"),
        KeyBinding(c("r"), "r", .log, .reply, "reply to it", hint: "r reply", priority: 10),
        KeyBinding(c("e"), "e", .log, .edit, "edit it (history is kept)", hint: "e edit", priority: 7),
        KeyBinding(c("c"), "c", .log, .remind, "record a confidentiality reminder on it"),
        KeyBinding(c("S"), "S", .log, .filterSpeaker, "filter by its speaker"),
        KeyBinding(
            c("A"), "A", .log, .acceptAllSelected, "accept every finding of it (placeholders)",
            hint: "A accept all", priority: 11),
        KeyBinding(c("p"), "p", .log, .stepFindings, "step through its findings", hint: "p findings", priority: 12),

        // Rooms and people.
        KeyBinding([.up] + c("k"), "↑ / k", .rooms, .roomUp, "previous room", hint: "↑↓ room", priority: 1),
        KeyBinding([.down] + c("j"), "↓ / j", .rooms, .roomDown, "next room"),
        KeyBinding(
            c(" "), "Space", .rooms, .filterRoom, "filter the log by the room (again: every room)",
            hint: "Space filter", priority: 4),
        KeyBinding([.up] + c("k"), "↑ / k", .people, .personUp, "previous person", hint: "↑↓ person", priority: 1),
        KeyBinding([.down] + c("j"), "↓ / j", .people, .personDown, "next person"),
        KeyBinding(c("m"), "m", .people, .movePerson, "move them to the selected room", hint: "m move", priority: 5),
        KeyBinding(c("c"), "c", .people, .recordConsent, "record their consent", hint: "c consent", priority: 6),
        KeyBinding(c(" "), "Space", .people, .makeSpeaker, "make them the speaker", hint: "Space speaker", priority: 4),

        // Anywhere (also inside dialogs).
        KeyBinding(
            [.ctrl("g")], "Ctrl-G", .anywhere, .flag,
            "raise a safeguarding concern on the line being typed or the selected contribution",
            hint: "^G flag", priority: 0),
        KeyBinding(
            [.function(1)], "F1", .anywhere, .help, "this help (scroll with ↑↓, / searches)",
            hint: "F1 help", priority: 0),
        KeyBinding(
            [.ctrl("q"), .ctrl("c")], "Ctrl-Q / Ctrl-C", .anywhere, .leave, "leave (asks first; your line is kept)",
            hint: "^Q quit", priority: 20),
    ]

    /// The binding of `key` in `mode` (nil: the key is not bound there).
    public static func binding(for key: Key, in mode: KeyMode) -> KeyBinding? { index[mode]?[key] }

    /// The table by mode and key (the first binding of a key in a mode wins, as in the list):
    /// every keystroke looks itself up a few times, so this is a hash, not a scan of the table.
    private static let index: [KeyMode: [Key: KeyBinding]] = {
        var out: [KeyMode: [Key: KeyBinding]] = [:]
        for b in bindings {
            for k in b.keys where out[b.mode]?[k] == nil { out[b.mode, default: [:]][k] = b }
        }
        return out
    }()

    /// Hints for the modes given (most specific first), fitted to `width` by priority:
    /// essential ones first, then others while they fit, shown in priority order.
    public static func hintLine(modes: [KeyMode], width: Int) -> String {
        var seen = Set<String>()
        var candidates: [KeyBinding] = []
        for mode in modes {
            for b in bindings where b.mode == mode && b.hint != nil && seen.insert(b.hint!).inserted {
                candidates.append(b)
            }
        }
        candidates = candidates.enumerated().sorted {
            ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset)
        }.map(\.element)
        var used = 1
        var chosen: [String] = []
        for b in candidates {
            let w = DisplayWidth.of(b.hint!) + (chosen.isEmpty ? 0 : 3)
            if used + w <= width {
                chosen.append(b.hint!)
                used += w
            } else if b.priority == 0 {
                chosen.append(b.hint!)
            }
        }
        return " " + chosen.joined(separator: " · ")
    }

    /// The help rows, grouped by mode: (heading, [(label, help)]).
    public static var groups: [(String, [(String, String)])] {
        let order: [KeyMode] = [.typing, .panes, .log, .rooms, .people, .anywhere]
        return order.map { mode in (mode.heading, bindings.filter { $0.mode == mode }.map { ($0.label, $0.help) }) }
    }

    /// The docs' key tables, generated from the table (docs/console.md holds a copy between markers).
    public static var markdown: String {
        var out: [String] = []
        for (heading, rows) in groups {
            out.append("\(heading):")
            out.append("")
            out.append("| key | does |")
            out.append("| --- | --- |")
            for (label, help) in rows {
                out.append(
                    "| \(label.replacingOccurrences(of: "|", with: "\\|")) | \(help.replacingOccurrences(of: "|", with: "\\|")) |"
                )
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
