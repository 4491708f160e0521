import Foundation
import Importers
import Privacy
import SessionModel

/// The `:` command palette: every action of the command line, typed in place.
/// It returns the events to append, or changes the UI directly.
enum Palette {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    static let commands: [(String, String)] = [
        ("round start MINUTES [prompt]", "start a timed breakout round"),
        ("round end", "end the running round"),
        ("group add NAME", "create a breakout room"),
        ("group close NAME", "close a room (members return to the main room)"),
        ("move CODE… ROOM", "assign or move participants (several at once)"),
        ("participant add CODE ROLE…", "add a participant"),
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
            guard let n = words.first.flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) }),
                  let c = s.session.contribution(n), !c.erased else {
                throw Refusal(description: "redact N all | N accept K | N reject K REASON (N: a contribution number)")
            }
            let findings = s.findings(n)
            func finding(_ i: Int) throws -> Finding {
                guard i < words.count, let k = Int(words[i]), k >= 1, k <= findings.count else {
                    throw Refusal(description: "#\(n) has \(findings.count) unresolved finding(s); give K from 1 to \(findings.count)")
                }
                return findings[k - 1]
            }
            switch words.dropFirst().first?.lowercased() {
            case "all", "accept-all", nil: return Keymap.acceptAll(n, &s)
            case "accept":
                let f = try finding(2)
                let number = s.session.placeholderNumbers(for: [(f.label, f.text)])[0]
                return [.append([RedactionAccepted(number: n, span: f.span, label: f.label, placeholder: number)])]
            case "reject":
                let f = try finding(2)
                let reason = words.dropFirst(3).joined(separator: " ")
                guard !reason.isEmpty else { throw Refusal(description: "say why it is not identifying: redact \(n) reject K REASON") }
                return [.append([RedactionRejected(number: n, span: f.span, label: f.label, reason: reason)])]
            default:
                throw Refusal(description: "redact N all | N accept K | N reject K REASON")
            }
        case "blocklist":
            let name = (words.first?.lowercased() == "add" ? words.dropFirst() : words[...]).joined(separator: " ")
            guard !name.isEmpty else { throw Refusal(description: "blocklist NAME") }
            s.status = "Added to the block-list; the log is scanned for it again"
            return [.append([BlocklistNameAdded(name: name)])]
        default:
            return nil
        }
    }

    static func run(_ text: String, _ s: inout ConsoleState) throws -> [any EventPayload] {
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
        func room(_ name: String) throws -> RoomID {
            if ["main", "main room", "plenary"].contains(name.lowercased()) { return 0 }
            guard let r = state.room(named: name) else { throw Refusal(description: "no room called '\(name)'") }
            return r.id
        }
        func code(_ typed: String) throws -> String {
            guard let c = SpeakerPrefix.resolve(typed, session: state) else { throw Refusal(description: "no participant \(typed)") }
            return c
        }

        switch verb {
        case "round":
            if words.first == "end" {
                // Ending a round before its time is up asks first.
                if let round = state.currentRound, let left = round.remaining(at: s.now), left > 0 {
                    s.overlay = .confirm(ConfirmDraft(purpose: .endRound(round.number)))
                    return []
                }
                return [RoundEnded()]
            }
            guard words.first == "start" else { throw Refusal(description: "round start MINUTES, or round end") }
            let prompt = rest(from: 2)
            return [RoundStarted(minutes: try number(1), prompt: prompt.isEmpty ? nil : prompt)]
        case "group", "room":
            if verb == "room" && words.first != "add" && words.first != "close" {
                s.room = try room(rest(from: 0))
                return []
            }
            if words.first == "add" { return [GroupCreated(name: rest(from: 1))] }
            if words.first == "close" { return [GroupClosed(room: try room(rest(from: 1)))] }
            throw Refusal(description: "group add NAME, or group close NAME")
        case "move", "assign":
            // Codes first, then the room name (which may have spaces).
            var codes: [String] = []
            var i = 0
            while i < words.count, let c = SpeakerPrefix.resolve(words[i], session: state) { codes.append(c); i += 1 }
            guard !codes.isEmpty, i < words.count else { throw Refusal(description: "move CODE… ROOM") }
            let target = try room(rest(from: i))
            return codes.map { ParticipantAssigned(code: $0, room: target) }
        case "participant":
            guard words.first == "add", words.count >= 3 else { throw Refusal(description: "participant add CODE ROLE…") }
            return [ParticipantAdded(code: words[1].uppercased(), jobRole: rest(from: 2))]
        case "consent":
            guard let typed = words.first else { throw Refusal(description: "consent CODE") }
            return [ConsentRecorded(code: try code(typed), items: state.consentChecklist, checkedBy: s.context.user)]
        case "speaker":
            if words.count == 2, let first = words.first?.first, first.isNumber || first == "#" {
                // `speaker 12-40 P03`: the same words, the same event, as `convene speaker`.
                do { return [try SpeakerAssignment.event(range: words[0], speaker: words[1], in: state)] } catch {
                    throw Refusal(description: "\(error)")
                }
            }
            if words.first == "-" || words.isEmpty { s.speaker = nil } else { s.speaker = try code(words[0]) }
            return []
        case "source":
            guard let v = words.first.flatMap(ContributionSource.init(rawValue:)) else { throw Refusal(description: "source verbal|chat|whiteboard|facilitator") }
            s.source = v
            return []
        case "tag":
            let n = try number(0)
            let c = rest(from: 1)
            guard !c.isEmpty else { throw Refusal(description: "tag N CODE (Tab completes codebook codes)") }
            guard state.contribution(n) != nil else { throw Refusal(description: "there is no contribution #\(n)") }
            return [CodeTagged(number: n, code: try CodeLookup.resolve(c, in: state.codebook))]
        case "untag":
            let n = try number(0)
            guard let contribution = state.contribution(n) else { throw Refusal(description: "there is no contribution #\(n)") }
            let typed = rest(from: 1)
            guard !typed.isEmpty else {
                throw Refusal(description: "untag N CODE; #\(n) has " + (contribution.codes.isEmpty ? "no codes" : contribution.codes.joined(separator: "; ")))
            }
            return [CodeUntagged(number: n, code: try CodeLookup.resolve(typed, among: contribution.codes))]
        case "strike":
            let n = try number(0)
            guard let c = state.contribution(n), !c.erased else { throw Refusal(description: "there is no contribution #\(n) to strike") }
            guard !c.struck else { throw Refusal(description: "#\(n) is already struck (restore \(n) undoes it)") }
            guard words.count > 1 else { s.overlay = .confirm(ConfirmDraft(purpose: .strike(n))); return [] }
            return [ContributionStruck(number: n, reason: rest(from: 1))]
        case "restore", "unstrike":
            return [ContributionRestored(number: try number(0))]
        case "attribution":
            guard words.count >= 2, let level = AttributionLevel(rawValue: words[1]) else {
                throw Refusal(description: "attribution N role|anonymous|background")
            }
            return [AttributionSet(number: try number(0), level: level)]
        case "edit":
            let n = try number(0)
            guard let c = state.contribution(n), !c.erased else { throw Refusal(description: "no contribution #\(n)") }
            s.editing = n; s.input.set(c.text); s.focus = .input
            return []
        case "theme":
            if words.first == "add" { return [ThemeCreated(title: rest(from: 1))] }
            if words.first == "link" {
                let theme = try number(1)
                let numbers = try (2..<max(2, words.count)).map { try number($0) }
                guard !numbers.isEmpty else { throw Refusal(description: "theme link THEME N…") }
                return numbers.map { ThemeLinked(theme: theme, number: $0) }
            }
            throw Refusal(description: "theme add TITLE, or theme link THEME N…")
        case "flag":
            Keymap.startFlag(&s)
            return []
        case "ack":
            guard s.context.role == .safeguarding || s.context.role == .lead else {
                throw Refusal(description: "only a console opened with --role safeguarding (or lead) acknowledges concerns")
            }
            return [ConcernAcknowledged(concern: try number(0))]
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
            return [ConcernActionTaken(concern: try number(0), action: kind, to: to, reference: ref, note: note.joined(separator: " "))]
        case "remind":
            return [ConfidentialityReminderGiven(number: words.isEmpty ? nil : try number(0))]
        case "recording":
            return [RecordingToggled(recording: words.first != "off")]
        case "guide":
            let current = state.guide.current ?? 0
            switch words.first {
            case "next": return [GuideAdvanced(segment: current + 1)]
            case "prev": return [GuideAdvanced(segment: current - 1)]
            default: return [GuideAdvanced(segment: try number(0) - 1)]
            }
        case "filter":
            switch words.first {
            case "speaker": s.filter.speaker = words.count > 1 ? try code(words[1]) : nil
            case "source": s.filter.source = words.count > 1 ? ContributionSource(rawValue: words[1]) : nil
            case "code": s.filter.code = words.count > 1 ? rest(from: 1) : nil
            case "flagged": s.filter.flaggedOnly.toggle()
            default: s.filter = LogFilter()
            }
            s.refilter(); s.selected = nil
            return []
        case "close": s.overlay = .confirm(ConfirmDraft(purpose: .closeSession)); return []
        case "quit", "q": s.overlay = .confirmQuit; return []
        case "help": s.overlay = .help(HelpView()); return []
        case "register": s.overlay = .register; return []
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
        if (verb == "tag" || verb == "untag"), words.count >= 3, let n = Int(words[1].trimmingCharacters(in: CharacterSet(charactersIn: "#"))) {
            let typed = words.dropFirst(2).joined(separator: " ")
            let pool = verb == "tag" ? session.codebook.entries.map(\.name) : (session.contribution(n)?.codes ?? [])
            let matches = CodeLookup.matches(typed, among: pool)
            guard !matches.isEmpty else {
                return verb == "tag" ? "No codebook code starts with “\(typed)” (tag \(n) +\(typed) adds an emergent code)"
                    : "#\(n) has no code starting with “\(typed)”"
            }
            let common = CodeLookup.commonPrefix(matches)
            line.set("\(verb) \(n) " + (matches.count == 1 ? matches[0] : common))
            return matches.count == 1 ? nil : "Codes: " + matches.prefix(6).joined(separator: " · ") + (matches.count > 6 ? " …" : "")
        }
        if words.count == 1 {
            let names = Set(commands.map { String($0.0.split(separator: " ")[0]) }).sorted().filter { $0.hasPrefix(verb) }
            if names.count == 1 { line.set(names[0] + " ") ; return nil }
            return names.isEmpty ? "No command starts with “\(verb)”" : "Commands: " + names.joined(separator: " ")
        }
        return nil
    }
}

/// Codebook codes as typed in the console: the exact name, its number in the
/// codebook, or a unique prefix; `+NAME` asks for a new emergent code. Anything
/// else is refused with the candidates, never turned into an emergent code.
enum CodeLookup {
    static func matches(_ typed: String, among names: [String]) -> [String] {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if let exact = names.first(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) { return [exact] }
        return names.filter { $0.lowercased().hasPrefix(t.lowercased()) }
    }

    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for n in names.dropFirst() {
            while !n.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }

    static func resolve(_ typed: String, in book: Codebook) throws -> String {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("+") {
            let name = t.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw Palette.Refusal(description: "tag N +CODE: give the new code's name after the +") }
            return book.canonical(name) ?? name
        }
        let names = book.entries.map(\.name)
        if let k = Int(t) {
            guard k >= 1 && k <= names.count else {
                throw Palette.Refusal(description: "the codebook has codes 1 to \(names.count); there is no code \(k)")
            }
            return names[k - 1]
        }
        return try resolve(t, among: names, emergentHint: true)
    }

    static func resolve(_ typed: String, among names: [String], emergentHint: Bool = false) throws -> String {
        let found = matches(typed, among: names)
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            throw Palette.Refusal(description: "no code “\(typed)”" + (emergentHint ? " in the codebook (tag N +\(typed) adds it as an emergent code)" : "")
                                  + (names.isEmpty ? "" : "; codes: " + names.prefix(5).joined(separator: " · ") + (names.count > 5 ? " …" : "")))
        }
        throw Palette.Refusal(description: "“\(typed)” could be " + found.prefix(5).joined(separator: " · ") + (found.count > 5 ? " …" : "")
                              + "; type more of it")
    }
}
