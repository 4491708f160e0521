/// No silent action: what the status line says after an append is confirmed,
/// the notices other consoles' actions raise (acknowledgements, withdrawals),
/// the dialogs of destructive actions (a reason or a confirmation) and `u`.
import Foundation
import SessionActions
import SessionModel
import TerminalKit

extension Keymap {
    /// After `payloads` were appended (`before` is the session as it was): say what was
    /// done and to what, remember what `u` would undo, link a pending flag to its line.
    static func appended(_ payloads: [any EventPayload], before: SessionState, _ s: inout ConsoleState) {
        var said: [String] = []
        for p in payloads {
            switch p.body {
            case .contributionStruck(let e):
                said.append("#\(e.number) struck" + (e.reason.map { " (\($0))" } ?? "") + " — " + undoHint(s))
                s.undoable = .strike(e.number)
            case .contributionRestored(let e):
                said.append("#\(e.number) restored to the record")
                if s.undoable == .strike(e.number) { s.undoable = nil }
            case .codeTagged(let e):
                let name = s.session.codebook.canonical(e.code) ?? e.code
                let emergent = s.session.codebook.entries.first { $0.name == name }?.emergent == true
                said.append("#\(e.number) tagged “\(name)”\(emergent ? " (emergent code)" : "") — " + undoHint(s))
                s.undoable = .tag(e.number, name)
            case .codeUntagged(let e):
                let dropped =
                    before.codebook.entries.contains {
                        $0.emergent && $0.name.caseInsensitiveCompare(e.code) == .orderedSame
                    }
                    && !s.session.codebook.contains(e.code)
                said.append(
                    "#\(e.number): “\(e.code)” removed" + (dropped ? "; the emergent code is gone (no other use)" : ""))
                if s.undoable == .tag(e.number, e.code) { s.undoable = nil }
            case .attributionSet(let e):
                said.append("#\(e.number) attribution: \(e.level.rawValue) — " + undoHint(s))
                if let old = before.contribution(e.number)?.attribution { s.undoable = .attribution(e.number, old) }
            case .contributionEdited(let e):
                said.append("#\(e.number) edited (the earlier text is kept in its history)")
            case .concernRaised(let e):
                let k = s.session.register.concerns.last?.number
                let on = e.contributions.isEmpty ? "" : " on " + e.contributions.map { "#\($0)" }.joined(separator: ",")
                said.append(
                    "Concern \(k.map { "#\($0) " } ?? "")raised\(on)\(e.participant.map { " (\($0))" } ?? ""); "
                        + "the safeguarding lead is alerted")
            case .concernAcknowledged(let e):
                said.append("Concern #\(e.concern) acknowledged; every console's banner clears")
            case .concernActionTaken(let e):
                said.append("Concern #\(e.concern): \(e.action.rawValue) recorded")
            case .participantAssigned(let e):
                said.append("\(e.code) moved to \(s.session.roomName(e.room))")
            case .consentRecorded(let e):
                said.append("\(e.code): consent recorded")
            case .participantAdded(let e):
                said.append("\(e.code) added (\(e.jobRole))")
            case .participantUpdated(let e):
                let changes =
                    [
                        e.jobRole.map { "role \($0)" }, e.organisationType.map { "organisation type \($0.rawValue)" },
                        e.attribution.map { "attribution \($0.rawValue)" },
                    ].compactMap { $0 }
                said.append("\(e.code): " + changes.joined(separator: ", "))
            case .confidentialityReminderGiven(let e):
                said.append("Confidentiality reminder recorded" + (e.number.map { " on #\($0)" } ?? ""))
            case .roundStarted(let e):
                said.append("Round \(s.session.currentRound?.number ?? 0) started: \(e.minutes) minutes")
            case .roundEnded:
                said.append("Round ended; everyone is back in the main room")
            case .groupCreated(let e):
                said.append("Room “\(e.name)” opened")
            case .groupClosed(let e):
                said.append("\(before.roomName(e.room)) closed; its members are in the main room")
            case .themeCreated(let e):
                said.append("Theme \(s.session.themes.count) “\(e.title)” created")
            case .themeLinked(let e):
                said.append("#\(e.number) linked to theme \(e.theme)")
            case .guideAdvanced(let e):
                let title =
                    s.session.guide.segments.indices.contains(e.segment)
                    ? s.session.guide.segments[e.segment].title : ""
                said.append("Guide: \(e.segment + 1). \(title)")
            case .recordingToggled(let e):
                said.append(e.recording ? "Recording: on (● REC)" : "Recording: off")
            case .sessionClosed:
                said.append("Session closed")
            case .contributionLogged(let e):
                linkPendingFlag(e, &s)
            default:
                break // privacy and import flows word their own confirmations
            }
        }
        if !said.isEmpty {
            s.status = said.count > 2 ? "\(said[0]) (+\(said.count - 1) more)" : said.joined(separator: "; ")
        }
    }

    /// Ctrl-G logged the typed line first: the concern points at it once it has a number.
    static func linkPendingFlag(_ e: ContributionLogged, _ s: inout ConsoleState) {
        guard case .flag(var draft) = s.overlay, let pending = draft.pendingLine, pending == e.text else { return }
        if let c = s.session.contributions.last(where: {
            $0.loggedBy == s.context.user && $0.text == e.text && !$0.erased
        }) {
            draft.contributions = [c.number]
            draft.pendingLine = nil
            s.overlay = .flag(draft)
        }
    }

    /// Changes made by anyone (another console, the command line) that every console must notice.
    static func notices(from old: SessionState, to new: SessionState, _ s: inout ConsoleState) {
        var notes: [String] = []
        for c in new.register.concerns where c.isAcknowledged {
            if let was = old.register.concerns.first(where: { $0.number == c.number }), !was.isAcknowledged {
                let note = "Concern #\(c.number) acknowledged by \(c.acknowledgedBy ?? "the safeguarding lead")"
                notes.append(note)
                // "…raised on #24; the safeguarding lead is alerted" is no longer true: say what is.
                if let st = s.status, st.hasPrefix("Concern #\(c.number) ") { s.status = note }
            }
        }
        let oldWithdrawn = Set(old.participants.values.filter(\.withdrawn).map(\.code))
        for p in new.orderedParticipants
        where p.withdrawn && !oldWithdrawn.contains(p.code) && old.participant(p.code) != nil {
            let erased = new.contributions.filter(\.erased).count - old.contributions.filter(\.erased).count
            notes.append("\(p.code) withdrew: \(erased) contribution\(erased == 1 ? "" : "s") erased")
        }
        guard !notes.isEmpty else { return }
        s.notice = Notice(text: notes.joined(separator: " · "), until: s.now.addingTimeInterval(60))
    }

    // MARK: u

    /// How to undo from where the console stands: u is a key of the log pane (in typing it types a u).
    /// The keys that undo from where the user is: an open box (the review screen) takes one Esc first.
    static func undoHint(_ s: ConsoleState) -> String {
        let box = s.overlay != .none
        switch s.focus {
        case .log: return box ? "Esc u undoes" : "u to undo"
        case .input: return box ? "Esc Esc u undoes" : "Esc u undoes"
        case .rooms, .participants: return box ? "Esc, then u in the log, undoes" : "u in the log undoes"
        }
    }

    static func undo(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard let step = s.undoable else {
            s.status = "Nothing to undo: u undoes your last strike, tag or attribution change"
            return []
        }
        s.undoable = nil
        switch step {
        case .strike(let n):
            guard s.session.contribution(n)?.struck == true else {
                s.status = "#\(n) is no longer struck"
                return []
            }
            return [.run(.restore(number: n))]
        case .tag(let n, let code):
            guard s.session.contribution(n)?.codes.contains(code) == true else {
                s.status = "#\(n) no longer has “\(code)”"
                return []
            }
            return [.run(.untag(number: n, code: code))]
        case .attribution(let n, let level):
            return [.run(.attribution(number: n, level: level))]
        }
    }

    // MARK: Destructive actions ask first

    static func confirmKey(_ key: Key, _ draft: inout ConfirmDraft, _ s: inout ConsoleState) -> [ConsoleEffect] {
        switch key {
        case .escape:
            s.overlay = .none
            switch draft.purpose {
            case .strike(let n): s.status = "Not struck: #\(n) stays in the record"
            case .endRound: s.status = "The round goes on"
            case .closeSession: s.status = "The session stays open"
            }
            return []
        case .enter:
            let reason = draft.reason.text.trimmingCharacters(in: .whitespaces)
            switch draft.purpose {
            case .strike(let n):
                guard !reason.isEmpty else {
                    s.status = "Say why #\(n) is struck (the reason is kept with it)"
                    s.overlay = .confirm(draft)
                    return []
                }
                s.overlay = .none
                return [.run(.strike(number: n, reason: reason))]
            case .endRound:
                s.overlay = .none
                return [.run(.endRound)]
            case .closeSession:
                s.overlay = .none
                return [.run(.close)]
            }
        default:
            _ = edit(&draft.reason, key)
            s.overlay = .confirm(draft)
            return []
        }
    }

    // MARK: F1 help

    static func helpKey(_ key: Key, _ help: inout HelpView, _ s: inout ConsoleState) -> [ConsoleEffect] {
        if help.searching {
            var line = help.search ?? InputLine()
            switch key {
            case .enter: help.searching = false
            case .escape:
                help.searching = false
                help.search = nil
            default:
                _ = edit(&line, key)
                help.search = line
            }
            help.scroll = 0
            s.overlay = .help(help)
            return []
        }
        let page = max(1, s.height - 8)
        switch key {
        case .escape, .enter, .char("q"), .char("?"):
            if key == .escape, help.search != nil {
                help.search = nil
                help.scroll = 0
                break
            }
            s.overlay = .none
            s.status = "Help closed"
            return []
        case .up, .char("k"): help.scroll = max(0, help.scroll - 1)
        case .down, .char("j"): help.scroll += 1
        case .pageUp: help.scroll = max(0, help.scroll - page)
        case .pageDown, .char(" "): help.scroll += page
        case .home, .char("g"): help.scroll = 0
        case .end, .char("G"): help.scroll = Int.max / 2
        case .char("/"):
            help.searching = true
            help.search = help.search ?? InputLine()
        default: break
        }
        help.scroll = min(
            help.scroll,
            max(0, Overlays.helpLines(search: help.search?.text, screenWidth: s.width).count - (s.height - 6)))
        s.overlay = .help(help)
        return []
    }
}

/// A notice every console shows under the header for a while (an acknowledgement, a withdrawal).
public struct Notice: Equatable, Sendable {
    public var text: String
    public var until: Date
}
