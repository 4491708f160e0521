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
        ("tag N CODE…", "tag a contribution (a new code becomes emergent)"),
        ("untag N CODE", "remove a code"),
        ("strike N", "strike a contribution from the record"),
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
                return [.append([RedactionAccepted(number: n, span: f.span, label: f.label)])]
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
            if words.first == "end" { return [RoundEnded()] }
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
            guard !c.isEmpty else { throw Refusal(description: "tag N CODE") }
            return [CodeTagged(number: n, code: c)]
        case "untag":
            return [CodeUntagged(number: try number(0), code: rest(from: 1))]
        case "strike":
            return [ContributionStruck(number: try number(0), reason: words.count > 1 ? rest(from: 1) : nil)]
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
        case "close": return [SessionClosed()]
        case "quit", "q": s.overlay = .confirmQuit; return []
        case "help": s.overlay = .help; return []
        case "register": s.overlay = .register; return []
        default:
            throw Refusal(description: "unknown command '\(verb)' (press ? for the list)")
        }
    }
}
