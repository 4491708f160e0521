import Foundation
import Privacy
import SessionActions
import SessionModel

/// The `:` command palette: every action of the command line, typed in place.
/// It returns the command to run (through SessionActions), or changes the UI directly.
enum Palette {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    static let commands: [(String, String)] = [
        ("round start MINUTES [prompt]", "start a timed breakout round"),
        ("round end", "end the running round"),
        ("group add NAME", "create a breakout room"),
        ("group close NAME", "close a room (members return to the main room)"),
        ("group rename NAME to NEW", "rename a breakout room"),
        ("move CODE… ROOM", "assign or move participants (several at once)"),
        ("participant add CODE ROLE…", "add a participant"),
        ("facilitator add ROLE NAME…", "add a facilitator (lead, co-facilitator, notetaker, safeguarding)"),
        ("consent CODE", "record consent (every checklist item)"),
        ("speaker CODE | source S | room NAME", "set who, how and where the next line is logged"),
        ("tag N CODE…", "tag a contribution (code, its number or a unique prefix; +CODE: new emergent code)"),
        ("untag N CODE", "remove a code"),
        ("strike N", "strike a contribution from the record"),
        ("attribution N role|anonymous|background", "Chatham House level"),
        ("edit N", "correct a contribution (its history is kept)"),
        ("theme add TITLE", "create a theme on the board"),
        ("theme link THEME N…", "link contributions to a theme"),
        ("theme unlink THEME N", "unlink a contribution from a theme"),
        ("flag", "raise a safeguarding concern (also Ctrl-G)"),
        ("ack K", "acknowledge concern K (safeguarding lead or lead facilitator)"),
        ("action K KIND [to=BODY] [ref=REF] NOTE", "add to a concern's timeline"),
        ("remind [N]", "record a confidentiality reminder"),
        ("recording on|off", "say whether the platform records"),
        ("guide next|prev|N", "move through the discussion guide"),
        ("filter speaker CODE|source S|code C|flagged|clear", "filter the log"),
        ("review", "every unresolved identifier finding (also P, F5)"),
        ("redact N all | N accept K | N reject K REASON", "resolve a contribution's findings"),
        ("blocklist NAME", "a name that must never reach an export"),
        ("withdraw CODE [cascade] [dry-run]", "erase a participant's data (on DATE, override REASON)"),
        ("anonymise", "after the window: destroy the linkage table"),
        ("export [FORMAT [FILE]]", "write the session: json markdown html docx csv…"),
        ("import [zoom-chat|vtt|miro-csv [FILE]]", "add a chat, transcript or board (preview first)"),
        ("close", "close the session"),
        ("quit", "leave the console"),
    ]

    /// Commands that answer with effects other than appending (export, import),
    /// or that open a screen; nil for the others.
    static func runEffects(_ text: String, _ s: inout ConsoleState) throws -> [ConsoleEffect]? {
        var words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        words.removeFirst()
        switch verb {
        case "export":
            try Keymap.startExport(&s, arguments: words)
            return []
        case "import":
            return try Keymap.startImport(&s, arguments: words)
        case "review":
            Keymap.openReview(&s)
            return []
        case "redact":
            let usage = "redact N all | N accept K | N reject K REASON"
            guard let n = words.first.flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) }) else {
                throw Refusal(description: usage + " (N: a contribution number)")
            }
            func k(_ i: Int) throws -> Int {
                guard i < words.count, let k = Int(words[i]) else { throw Refusal(description: usage) }
                return k
            }
            switch words.dropFirst().first?.lowercased() {
            case "all", "accept-all", nil: return [.run(.redact(number: n, [.acceptAll]))]
            case "accept": return [.run(.redact(number: n, [.accept(finding: try k(2))]))]
            case "reject": return [.run(.redact(number: n, [.reject(finding: try k(2), reason: words.dropFirst(3).joined(separator: " "))]))]
            default: throw Refusal(description: usage)
            }
        case "blocklist":
            let name = (words.first?.lowercased() == "add" ? words.dropFirst() : words[...]).joined(separator: " ")
            guard !name.isEmpty else { throw Refusal(description: "blocklist NAME") }
            s.status = "Added to the block-list; the log is scanned for it again"
            return [.run(.blocklist(name: name))]
        default:
            return nil
        }
    }

    /// The command a palette line asks for, or nil when it only changes the
    /// console (speaker, room, filter…). Names are resolved by SessionActions.
    static func run(_ text: String, _ s: inout ConsoleState) throws -> SessionCommand? {
        var words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        words.removeFirst()
        let state = s.session
        func number(_ i: Int) throws -> Int {
            guard i < words.count, let n = Int(words[i].trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                throw Refusal(description: "expected a number in `\(text)`")
            }
            return n
        }
        func rest(from i: Int) -> String { words.dropFirst(i).joined(separator: " ") }

        switch verb {
        case "round":
            if words.first == "end" { return .endRound }
            guard words.first == "start" else { throw Refusal(description: "round start MINUTES, or round end") }
            let prompt = rest(from: 2)
            return .startRound(minutes: try number(1), prompt: prompt.isEmpty ? nil : prompt)
        case "group", "room":
            if verb == "room" && !["add", "close", "rename"].contains(words.first ?? "") {
                s.room = try Names.room(.named(rest(from: 0)), in: state)
                return nil
            }
            switch words.first {
            case "add": return .createGroup(name: rest(from: 1))
            case "close": return .closeGroup(room: rest(from: 1))
            case "rename":
                let parts = rest(from: 1).components(separatedBy: " to ")
                guard parts.count == 2 else { throw Refusal(description: "group rename NAME to NEW NAME") }
                return .renameGroup(room: parts[0], to: parts[1])
            default: throw Refusal(description: "group add NAME, group rename NAME to NEW NAME, or group close NAME")
            }
        case "move", "assign":
            // Codes first, then the room name (which may have spaces).
            var codes: [String] = []
            var i = 0
            // A word that looks like a code (P03, p3, 3) is one; SessionActions resolves it or says why not.
            func looksLikeCode(_ w: String) -> Bool {
                ParticipantCode.isValid(w.uppercased()) || (!w.isEmpty && w.allSatisfy { $0.isASCII && $0.isNumber })
            }
            while i < words.count, looksLikeCode(words[i]) { codes.append(words[i]); i += 1 }
            guard !codes.isEmpty, i < words.count else { throw Refusal(description: "move CODE… ROOM") }
            return .move(participants: codes, to: .named(rest(from: i)))
        case "participant":
            guard words.first == "add", words.count >= 3 else { throw Refusal(description: "participant add CODE ROLE…") }
            return .addParticipant(NewParticipant(code: words[1], jobRole: rest(from: 2)))
        case "facilitator":
            guard words.first == "add", words.count >= 3, let role = FacilitatorRole(rawValue: words[1]) else {
                throw Refusal(description: "facilitator add lead|co-facilitator|notetaker|safeguarding NAME…")
            }
            return .addFacilitator(name: rest(from: 2), role: role)
        case "consent":
            guard let typed = words.first else { throw Refusal(description: "consent CODE") }
            return .consent(participant: typed, items: [])
        case "speaker":
            if words.first == "-" || words.isEmpty { s.speaker = nil } else { s.speaker = try Names.participant(words[0], in: state) }
            return nil
        case "source":
            guard let v = words.first.flatMap(ContributionSource.init(rawValue:)) else { throw Refusal(description: "source verbal|chat|whiteboard|facilitator") }
            s.source = v
            return nil
        case "tag":
            let n = try number(0)
            var c = rest(from: 1)
            guard !c.isEmpty else { throw Refusal(description: "tag N CODE (a codebook code, its number or a unique prefix; +CODE adds a new emergent code)") }
            let emergent = c.hasPrefix("+")
            if emergent { c.removeFirst() }
            return .tag(number: n, code: c, emergent: emergent)
        case "untag":
            return .untag(number: try number(0), code: rest(from: 1))
        case "strike":
            return .strike(number: try number(0), reason: words.count > 1 ? rest(from: 1) : nil)
        case "attribution":
            guard words.count >= 2, let level = AttributionLevel(rawValue: words[1]) else {
                throw Refusal(description: "attribution N role|anonymous|background")
            }
            return .attribution(number: try number(0), level: level)
        case "edit":
            let n = try number(0)
            guard let c = state.contribution(n), !c.erased else { throw Refusal(description: "no contribution #\(n)") }
            s.editing = n; s.input.set(c.text); s.focus = .input
            return nil
        case "theme":
            switch words.first {
            case "add": return .addTheme(title: rest(from: 1))
            case "link":
                let theme = try number(1)
                let numbers = try (2..<max(2, words.count)).map { try number($0) }
                guard !numbers.isEmpty else { throw Refusal(description: "theme link THEME N…") }
                return .linkTheme(theme: theme, numbers: numbers)
            case "unlink": return .unlinkTheme(theme: try number(1), number: try number(2))
            default: throw Refusal(description: "theme add TITLE, theme link THEME N…, or theme unlink THEME N")
            }
        case "flag":
            Keymap.startFlag(&s)
            return nil
        case "ack":
            return .acknowledge(concern: try number(0))
        case "action":
            guard words.count >= 2, let kind = ConcernActionKind(rawValue: words[1]) else {
                throw Refusal(description: "action K discussed|consulted|referred|informed|closed [to=BODY] [ref=REF] NOTE")
            }
            var to: String?, ref: String?, note: [String] = []
            for w in words.dropFirst(2) {
                if w.hasPrefix("to=") { to = String(w.dropFirst(3)).replacingOccurrences(of: "_", with: " ") }
                else if w.hasPrefix("ref=") { ref = String(w.dropFirst(4)) }
                else { note.append(w) }
            }
            return .concernAction(concern: try number(0), kind: kind, to: to, reference: ref, note: note.joined(separator: " "))
        case "remind":
            return .remind(number: words.isEmpty ? nil : try number(0), note: nil)
        case "recording":
            return .recording(on: words.first != "off")
        case "guide":
            switch words.first {
            case "next": return .guide(.next)
            case "prev": return .guide(.previous)
            default: return .guide(.segment(try number(0)))
            }
        case "withdraw":
            // withdraw CODE [cascade] [dry-run] [on YYYY-MM-DD] [override REASON…]
            guard let code = words.first else { throw Refusal(description: "withdraw CODE [cascade] [dry-run] [on YYYY-MM-DD] [override REASON…]") }
            var order = WithdrawalOrder(participant: code)
            var i = 1
            while i < words.count {
                switch words[i].lowercased() {
                case "cascade": order.cascade = true
                case "dry-run": order.dryRun = true
                case "on" where i + 1 < words.count: order.requestedOn = words[i + 1]; i += 1
                case "override": order.overrideReason = rest(from: i + 1); i = words.count
                default: throw Refusal(description: "withdraw CODE [cascade] [dry-run] [on YYYY-MM-DD] [override REASON…]")
                }
                i += 1
            }
            return .withdraw(order)
        case "anonymise", "anonymize":
            return .anonymise
        case "filter":
            switch words.first {
            case "speaker": s.filter.speaker = words.count > 1 ? try Names.participant(words[1], in: state) : nil
            case "source": s.filter.source = words.count > 1 ? ContributionSource(rawValue: words[1]) : nil
            case "code": s.filter.code = words.count > 1 ? rest(from: 1) : nil
            case "flagged": s.filter.flaggedOnly.toggle()
            default: s.filter = LogFilter()
            }
            s.refilter(); s.selected = nil
            return nil
        case "close": return .close
        case "quit", "q": s.overlay = .confirmQuit; return nil
        case "help": s.overlay = .help; return nil
        case "register": s.overlay = .register; return nil
        default:
            throw Refusal(description: "unknown command '\(verb)' (press ? for the list)")
        }
    }
}
