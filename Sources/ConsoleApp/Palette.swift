import Foundation
import Importers
import Privacy
import SessionActions
import SessionModel

/// The `:` command palette: every action of the command line, typed in place.
/// Actions are parsed into `SessionCommand`s (`PaletteCommands`); the rest
/// changes the console directly or refuses with the line's usage.
enum Palette {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    static let commands: [(String, String)] = [
        ("round start MINUTES [prompt]", "start a timed breakout round"),
        ("round end", "end the running round"),
        ("group add NAME", "create a breakout room"),
        ("group close NAME", "close a room (members return to the main room)"),
        ("move CODE… ROOM", "assign or move participants (several at once)"),
        ("participant add CODE ROLE…", "add a participant"),
        ("participant role CODE ROLE…", "correct a job role (\"role not recorded\")"),
        ("consent CODE", "record consent (every checklist item)"),
        ("speaker CODE | source S | room NAME", "set who, how and where the next line is logged"),
        ("speaker 12-40 CODE|facilitator|none", "set who spoke contributions 12 to 40 (a transcript with no speakers)"),
        ("tag N CODE", "tag: a codebook code, its number or a unique prefix (Tab completes)"),
        ("tag N +CODE", "tag with a new emergent code (the + confirms it)"),
        ("untag N CODE", "remove a code (an emergent code goes with its last use)"),
        ("strike N [REASON]", "strike a contribution from the record (asks why)"),
        ("restore N", "undo a strike"),
        ("attribution N role|anonymous|background", "Chatham House level"),
        ("edit N", "correct a contribution (its history is kept)"),
        ("theme add TITLE", "create a theme on the board"),
        ("theme link THEME N…", "link contributions to a theme"),
        ("flag", "raise a safeguarding concern (also Ctrl-G)"),
        ("ack K", "acknowledge concern K (safeguarding role)"),
        ("action K KIND [to=BODY] [ref=REF] NOTE", "add to a concern's timeline"),
        ("remind [N]", "record a confidentiality reminder"),
        ("recording on|off", "say whether the platform records"),
        ("guide next|prev|N", "move through the discussion guide"),
        ("filter speaker CODE|source S|code C|flagged|clear", "filter the log"),
        ("review", "every unresolved identifier finding (also P, F5)"),
        ("redact N all | N accept K | N reject K REASON", "resolve a contribution's findings"),
        ("blocklist NAME", "a name that must never reach an export"),
        ("withdraw CODE [cascade] [dry-run]", "erase a participant who withdrew (runs in the background)"),
        ("anonymise", "destroy the real names once the withdrawal window has closed"),
        ("export [FORMAT [FILE]]", "write the session: json markdown html docx csv…"),
        ("import [zoom-chat|vtt|miro-csv|srt|teams-docx [FILE]]", "add a chat, transcript or board (preview first)"),
        ("close", "close the session"),
        ("quit", "leave the console"),
    ]

    /// Palette lines that are not session actions (`PaletteCommands` parses those): they
    /// move the console (room, speaker, source, filter, edit), open a screen or a flow
    /// (export, import, review, flag, help), ask first (strike without a reason, ending a
    /// round early, close), or refuse a malformed line with its usage. Nothing here builds
    /// an event: what changes the session is a `.run(SessionCommand)`.
    static func run(_ text: String, _ s: inout ConsoleState) throws -> [ConsoleEffect] {
        var words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        words.removeFirst()
        let state = s.session
        func number(_ i: Int) throws -> Int {
            guard i < words.count, let n = Int(words[i].trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                throw Refusal(description: "expected a number in `\(text)`")
            }
            return n
        }
        func rest(from i: Int) -> String { words.dropFirst(i).joined(separator: " ") }
        // Names as the action layer resolves them, with its refusal sentences.
        func participant(_ typed: String) throws -> String { try Names.participant(typed, in: state) }

        switch verb {
        case "export":
            try Keymap.startExport(&s, arguments: words)
            return []
        case "import":
            return try Keymap.startImport(&s, arguments: words)
        case "review":
            Keymap.openReview(&s)
            return []
        case "blocklist":
            throw Refusal(description: "blocklist NAME")
        case "round":
            if words.first == "end" {
                // Ending a round before its time is up asks first.
                if let round = state.currentRound, let left = round.remaining(at: s.now), left > 0 {
                    s.overlay = .confirm(ConfirmDraft(purpose: .endRound(round.number)))
                    return []
                }
                return [.run(.endRound)]
            }
            throw Refusal(description: "round start MINUTES, or round end")
        case "group", "room":
            if verb == "room" && words.first != "add" && words.first != "close" {
                s.room = try Names.room(.named(rest(from: 0)), in: state)
                s.status = "Logging in \(state.roomName(s.room))"
                return [.saveDraft]
            }
            throw Refusal(description: "group add NAME, group close NAME, or group rename NAME to NEW NAME")
        case "participant":
            throw Refusal(description: "participant add CODE ROLE…, or participant role CODE ROLE…")
        case "consent":
            throw Refusal(description: "consent CODE")
        case "speaker":
            if words.count == 2, let first = words.first?.first, first.isNumber || first == "#" {
                // `speaker 12-40 P03`: the same command as `convene speaker`.
                return [.run(.setSpeaker(range: words[0], speaker: words[1]))]
            }
            if words.first == "-" || words.isEmpty { s.speaker = nil } else { s.speaker = try participant(words[0]) }
            return [.saveDraft]
        case "source":
            guard let v = words.first.flatMap(ContributionSource.init(rawValue:)) else {
                throw Refusal(description: "source verbal|chat|whiteboard|facilitator")
            }
            s.source = v
            return [.saveDraft]
        case "tag":
            throw Refusal(description: "tag N CODE (Tab completes codebook codes)")
        case "untag":
            let n = try number(0)
            guard let contribution = state.contribution(n) else {
                throw Refusal(description: "there is no contribution #\(n)")
            }
            throw Refusal(
                description: "untag N CODE; #\(n) has "
                    + (contribution.codes.isEmpty ? "no codes" : contribution.codes.joined(separator: "; ")))
        case "strike":
            // With a reason it is an action (`PaletteCommands`); without one the console asks why.
            let n = try number(0)
            guard let c = state.contribution(n), !c.erased else {
                throw Refusal(description: "there is no contribution #\(n) to strike")
            }
            guard !c.struck else { throw Refusal(description: "#\(n) is already struck (restore \(n) undoes it)") }
            s.overlay = .confirm(ConfirmDraft(purpose: .strike(n)))
            return []
        case "restore", "unstrike":
            throw Refusal(description: "restore N (N: a struck contribution's number)")
        case "attribution":
            throw Refusal(description: "attribution N role|anonymous|background")
        case "edit":
            let n = try number(0)
            guard let c = state.contribution(n), !c.erased else { throw Refusal(description: "no contribution #\(n)") }
            s.editing = n
            s.input.set(c.text)
            s.focus = .input
            return []
        case "theme":
            throw Refusal(description: "theme add TITLE, theme link THEME N…, or theme unlink THEME N")
        case "flag":
            return Keymap.startFlag(&s)
        case "action":
            throw Refusal(description: "action K discussed|consulted|referred|informed|closed [to=BODY] [ref=REF] NOTE")
        case "filter":
            switch words.first {
            case "speaker": s.filter.speaker = words.count > 1 ? try participant(words[1]) : nil
            case "source": s.filter.source = words.count > 1 ? ContributionSource(rawValue: words[1]) : nil
            case "code":
                s.filter.code = words.count > 1 ? try Names.code(rest(from: 1), in: state, emergent: false) : nil
            case "flagged": s.filter.flaggedOnly.toggle()
            default: s.filter = LogFilter()
            }
            s.refilter()
            s.selected = nil
            return [.saveDraft]
        case "close":
            s.overlay = .confirm(ConfirmDraft(purpose: .closeSession))
            return []
        case "quit", "q":
            s.overlay = .confirmQuit
            return []
        case "help":
            s.overlay = .help(HelpView())
            return []
        case "register":
            s.overlay = .register
            return []
        default:
            throw Refusal(description: "unknown command '\(verb)' (press ? for the list)")
        }
    }
}

extension Palette {
    /// Tab in the palette: completes a codebook code after `tag N`, one of the
    /// contribution's codes after `untag N`, a command name otherwise. Returns what
    /// the status line should say (the candidates when there are several).
    static func complete(_ line: inout InputLine, _ session: SessionState) -> String? {
        let words = line.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        if verb == "tag" || verb == "untag", words.count >= 3,
            let n = Int(words[1].trimmingCharacters(in: CharacterSet(charactersIn: "#")))
        {
            let typed = words.dropFirst(2).joined(separator: " ")
            let matches =
                verb == "tag"
                ? Names.codeCompletions(typed, in: session)
                : Names.completions(typed, among: session.contribution(n)?.codes ?? [])
            guard !matches.isEmpty else {
                return verb == "tag"
                    ? "No codebook code starts with “\(typed)” (tag \(n) +\(typed) adds an emergent code)"
                    : "#\(n) has no code starting with “\(typed)”"
            }
            let common = Names.commonPrefix(matches)
            line.set("\(verb) \(n) " + (matches.count == 1 ? matches[0] : common))
            return matches.count == 1
                ? nil : "Codes: " + matches.prefix(6).joined(separator: " · ") + (matches.count > 6 ? " …" : "")
        }
        if words.count == 1 {
            let names = Set(commands.map { String($0.0.split(separator: " ")[0]) }).sorted().filter {
                $0.hasPrefix(verb)
            }
            if names.count == 1 {
                line.set(names[0] + " ")
                return nil
            }
            return names.isEmpty ? "No command starts with “\(verb)”" : "Commands: " + names.joined(separator: " ")
        }
        return nil
    }
}
