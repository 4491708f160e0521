import Foundation
import SessionActions
import SessionModel

/// Palette lines that are session actions become `SessionCommand`s, run by
/// SessionActions exactly as the command line runs them: the same names (`3`
/// for P03, `plenary`, `PP3`), the same permissions, the same refusals. Lines
/// that only move the console (speaker, filter, edit…) or ask first (strike
/// without a reason, close) are left to `Palette`.
enum PaletteCommands {
    static func parse(_ text: String, _ s: ConsoleState) throws -> SessionCommand? {
        var words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        words.removeFirst()
        func number(_ i: Int) throws -> Int {
            guard i < words.count, let n = Int(words[i].trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                throw Palette.Refusal(description: "expected a number in `\(text)`")
            }
            return n
        }
        func rest(from i: Int) -> String { words.dropFirst(i).joined(separator: " ") }

        switch verb {
        case "round":
            if words.first == "end" { return nil } // Palette asks first
            guard words.first == "start" else { return nil }
            let prompt = rest(from: 2)
            return .startRound(minutes: try number(1), prompt: prompt.isEmpty ? nil : prompt)
        case "group":
            switch words.first {
            case "add": return .createGroup(name: rest(from: 1))
            case "close": return .closeGroup(room: rest(from: 1))
            case "rename":
                let parts = rest(from: 1).components(separatedBy: " to ")
                guard parts.count == 2 else { throw Palette.Refusal(description: "group rename NAME to NEW NAME") }
                return .renameGroup(room: parts[0], to: parts[1])
            default: return nil
            }
        case "move", "assign":
            // Words that look like codes (P03, p3, 3) first, then the room; SessionActions resolves both.
            func looksLikeCode(_ w: String) -> Bool {
                ParticipantCode.isValid(w.uppercased()) || (!w.isEmpty && w.allSatisfy { $0.isASCII && $0.isNumber })
            }
            var codes: [String] = []
            var i = 0
            while i < words.count, looksLikeCode(words[i]) {
                codes.append(words[i])
                i += 1
            }
            guard !codes.isEmpty, i < words.count else { throw Palette.Refusal(description: "move CODE… ROOM") }
            return .move(participants: codes, to: .named(rest(from: i)))
        case "participant":
            guard words.count >= 3 else { return nil }
            if words[0] == "role" {
                return .updateParticipant(ParticipantChange(participant: words[1], jobRole: rest(from: 2)))
            }
            guard words.first == "add" else { return nil }
            return .addParticipant(NewParticipant(code: words[1], jobRole: rest(from: 2)))
        case "facilitator":
            guard words.first == "add", words.count >= 3, let role = FacilitatorRole(rawValue: words[1]) else {
                throw Palette.Refusal(description: "facilitator add lead|co-facilitator|notetaker|safeguarding NAME…")
            }
            return .addFacilitator(name: rest(from: 2), role: role)
        case "consent":
            guard let typed = words.first else { return nil }
            return .consent(participant: typed, items: [])
        case "tag":
            let n = try number(0)
            var code = rest(from: 1)
            guard !code.isEmpty else { return nil }
            let emergent = code.hasPrefix("+")
            if emergent { code.removeFirst() }
            return .tag(number: n, code: code, emergent: emergent)
        case "untag":
            guard words.count >= 2 else { return nil }
            return .untag(number: try number(0), code: rest(from: 1))
        case "strike":
            guard words.count > 1 else { return nil } // no reason: Palette asks for one
            return .strike(number: try number(0), reason: rest(from: 1))
        case "restore", "unstrike":
            guard !words.isEmpty else { return nil }
            return .restore(number: try number(0))
        case "attribution":
            guard words.count >= 2, let level = AttributionLevel(rawValue: words[1]) else { return nil }
            return .attribution(number: try number(0), level: level)
        case "theme":
            switch words.first {
            case "add": return .addTheme(title: rest(from: 1))
            case "link":
                let theme = try number(1)
                let numbers = try (2..<max(2, words.count)).map { try number($0) }
                guard !numbers.isEmpty else { throw Palette.Refusal(description: "theme link THEME N…") }
                return .linkTheme(theme: theme, numbers: numbers)
            case "unlink": return .unlinkTheme(theme: try number(1), number: try number(2))
            default: return nil
            }
        case "ack":
            return .acknowledge(concern: try number(0))
        case "action":
            guard words.count >= 2, let kind = ConcernActionKind(rawValue: words[1]) else { return nil }
            var to: String?
            var ref: String?
            var note: [String] = []
            for w in words.dropFirst(2) {
                if w.hasPrefix("to=") {
                    to = String(w.dropFirst(3)).replacingOccurrences(of: "_", with: " ")
                } else if w.hasPrefix("ref=") {
                    ref = String(w.dropFirst(4))
                } else {
                    note.append(w)
                }
            }
            return .concernAction(
                concern: try number(0), kind: kind, to: to, reference: ref, note: note.joined(separator: " "))
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
        case "redact":
            let usage = "redact N all | N accept K | N reject K REASON"
            let n = try number(0)
            func k(_ i: Int) throws -> Int {
                guard i < words.count, let k = Int(words[i]) else { throw Palette.Refusal(description: usage) }
                return k
            }
            switch words.dropFirst().first?.lowercased() {
            case "all", "accept-all", nil: return .redact(number: n, [.acceptAll])
            case "accept": return .redact(number: n, [.accept(finding: try k(2))])
            case "reject": return .redact(number: n, [.reject(finding: try k(2), reason: rest(from: 3))])
            default: throw Palette.Refusal(description: usage)
            }
        case "blocklist":
            let name = (words.first?.lowercased() == "add" ? words.dropFirst() : words[...]).joined(separator: " ")
            guard !name.isEmpty else { return nil }
            return .blocklist(name: name)
        case "withdraw":
            let usage = "withdraw CODE [cascade] [dry-run] [on YYYY-MM-DD] [override REASON…]"
            guard let code = words.first else { throw Palette.Refusal(description: usage) }
            var order = WithdrawalOrder(participant: code)
            var i = 1
            while i < words.count {
                switch words[i].lowercased() {
                case "cascade": order.cascade = true
                case "dry-run": order.dryRun = true
                case "on" where i + 1 < words.count:
                    order.requestedOn = words[i + 1]
                    i += 1
                case "override":
                    order.overrideReason = rest(from: i + 1)
                    i = words.count
                default: throw Palette.Refusal(description: usage)
                }
                i += 1
            }
            return .withdraw(order)
        case "anonymise", "anonymize":
            return .anonymise
        default:
            return nil
        }
    }
}
