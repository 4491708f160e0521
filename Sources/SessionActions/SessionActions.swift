import Exporters
import Foundation
import Importers
import Privacy
import SessionModel
import SessionStore
import Study

/// What an action did, for the front end to show.
public struct ActionOutcome: Sendable {
    /// The events appended, as stored (empty for a dry run).
    public var stored: [StoredEvent]
    /// The session after the action.
    public var state: SessionState
    /// One line saying what was done, the same on the command line and in the console.
    public var message: String
    public var result: ActionResult
}

/// The details some actions return.
public enum ActionResult: Sendable {
    case done
    /// The number the new contribution got.
    case contribution(Int)
    /// A tag; `emergent` when the code was new to the codebook.
    case tagged(code: String, emergent: Bool)
    case theme(Int)
    case concern(Int)
    case round(Int)
    case consent(code: String, given: [String], checklist: [String])
    case withdrawal(WithdrawalReceipt)
    case anonymised(AnonymisationReceipt, redacted: Int)
    case imported(ImportReport)
    /// The implicit-identification warnings of a research export (nil for the register).
    case exported(bytes: Int, warnings: WarningSummary?)
}

/// The one function that turns a user's command into events.
public enum SessionActions {
    /// Checks `command` (permissions included), resolves the names in it and
    /// appends its events in one write transaction against the latest state.
    /// Refusals are `ActionError`s; store failures (busy, disk full) pass through.
    /// `progress` is told how far a long export has got (0…1, and what it is doing).
    /// `studyCiphers` opens the encrypted sessions of the study the session belongs to,
    /// when a participant added here must be checked against them (`StudyMembership`).
    @discardableResult
    public static func perform(
        _ command: SessionCommand, by actor: ActingUser, on journal: any SessionJournal, at now: Date,
        progress: ((Double, String) -> Void)? = nil,
        studyCiphers: StudyCipherProvider? = nil
    ) throws -> ActionOutcome {
        do {
            switch command {
            case .addParticipant(let p):
                // Checked against the rest of the study first (opening other files, so outside the transaction).
                try Permissions.check(command, by: actor, in: journal.state)
                let joining = try StudyMembership.check(p, joining: journal, ciphers: studyCiphers)
                var outcome = try appendBuilt(command, by: actor, on: journal, at: now)
                if let joining {
                    let code = p.code.trimmingCharacters(in: .whitespaces).uppercased()
                    outcome.message += StudyMembership.link(joining, code: code)
                }
                return outcome
            case .updateParticipant(let change):
                // A code is one person across a study: a new job role is checked against its other sessions.
                try Permissions.check(command, by: actor, in: journal.state)
                if let role = change.jobRole {
                    let code = try Names.participant(change.participant, in: journal.state)
                    try StudyMembership.checkRole(code: code, jobRole: role, in: journal, ciphers: studyCiphers)
                }
                return try appendBuilt(command, by: actor, on: journal, at: now)
            case .withdraw(let order): return try DataProtection.withdraw(order, by: actor, on: journal, at: now)
            case .anonymise: return try DataProtection.anonymise(by: actor, on: journal, at: now)
            case .export(let format, let path):
                return try SessionExport.export(format, to: path, by: actor, on: journal, at: now, progress: progress)
            case .importFile(let order): return try SessionImport.run(order, by: actor, on: journal, at: now)
            default: return try appendBuilt(command, by: actor, on: journal, at: now)
            }
        } catch let e as StoreError {
            if case .rejected(let refusal) = e { throw ActionError.refused(refusal) }
            throw e
        } catch let e as SessionError {
            throw ActionError.refused(e)
        }
    }
}

extension SessionActions {
    /// Checks and builds the events of `command` from the latest state inside one write transaction.
    static func appendBuilt(
        _ command: SessionCommand, by actor: ActingUser, on journal: any SessionJournal,
        at now: Date
    ) throws -> ActionOutcome {
        var made = Made()
        let stored = try journal.append(by: actor.name, at: now) { state in
            try Permissions.check(command, by: actor, in: state)
            return try Build.events(command, by: actor, in: state, &made)
        }
        return ActionOutcome(
            stored: stored, state: journal.state, message: Messages.done(command, made),
            result: made.result)
    }

    /// The events `command` would append to `state`, permissions checked and
    /// names resolved, without writing anything (previews and tests). Erasure,
    /// import and export work on files and journals, so they plan nothing here.
    public static func plannedEvents(
        _ command: SessionCommand, by actor: ActingUser,
        in state: SessionState
    ) throws -> [any EventPayload] {
        var made = Made()
        try Permissions.check(command, by: actor, in: state)
        return try Build.events(command, by: actor, in: state, &made)
    }
}

/// What the builder learned while making the events (numbers, resolved names).
struct Made {
    var result: ActionResult = .done
    var names: [String] = []
    var count = 0
    /// Findings still to review after a redaction, when it can be told (not after a span marked by hand).
    var left: Int?
}

/// Who may do what. One rule for every front end.
enum Permissions {
    static func check(_ command: SessionCommand, by actor: ActingUser, in state: SessionState) throws {
        if actor.role == .observer, !command.allowedToObservers {
            throw ActionError.observerCannotChange(actor: actor.name)
        }
        if case .acknowledge = command {
            // The role recorded in the session decides, not the role a console was opened with.
            let role = state.facilitator(named: actor.name)?.role
            guard role == .safeguarding || role == .lead else { throw ActionError.cannotAcknowledge(actor: actor.name) }
        }
    }
}

/// Commands to events, from the latest state.
enum Build {
    static func events(
        _ command: SessionCommand, by actor: ActingUser, in state: SessionState,
        _ made: inout Made
    ) throws -> [any EventPayload] {
        switch command {
        case .close: return [SessionClosed()]
        case .recording(let on): return [RecordingToggled(recording: on)]
        case .openConsole(let role): return [ConsoleOpened(role: role)]

        case .addFacilitator(let name, let role): return [FacilitatorAdded(name: name, role: role)]
        case .addParticipant(let p):
            let code = p.code.trimmingCharacters(in: .whitespaces).uppercased()
            made.names = [code]
            var out: [any EventPayload] = [
                ParticipantAdded(
                    code: code, jobRole: p.jobRole, organisationType: p.organisationType,
                    strand: p.strand, attribution: p.attribution)
            ]
            if let name = p.realName { out.append(RealNameRecorded(code: code, name: name)) }
            return out
        case .updateParticipant(let change):
            let code = try Names.participant(change.participant, in: state)
            let role = change.jobRole?.trimmingCharacters(in: .whitespacesAndNewlines)
            made.names = [code]
            if let role { made.names.append("job role \(role)") }
            if let org = change.organisationType { made.names.append("organisation type \(org.rawValue)") }
            if let a = change.attribution { made.names.append("attribution \(a.rawValue)") }
            return [
                ParticipantUpdated(
                    code: code, jobRole: role, organisationType: change.organisationType,
                    attribution: change.attribution)
            ]
        case .consent(let typed, let items):
            let code = try Names.participant(typed, in: state)
            let checklist = state.consentChecklist
            // Items are the checklist's own words, so a record can be compared with it later.
            var given: [String] = []
            for item in items {
                guard let known = checklist.first(where: { $0.caseInsensitiveCompare(item) == .orderedSame }) else {
                    throw ActionError.notOnChecklist(item, checklist: checklist)
                }
                if !given.contains(known) { given.append(known) }
            }
            if given.isEmpty { given = checklist }
            made.result = .consent(code: code, given: given, checklist: checklist)
            return [ConsentRecorded(code: code, items: given, checkedBy: actor.name)]
        case .setConsentChecklist(let items):
            made.count = items.count
            return [ConsentChecklist.event(items)]
        case .blocklist(let name): return [BlocklistNameAdded(name: name)]

        case .createGroup(let name): return [GroupCreated(name: name)]
        case .renameGroup(let typed, let name):
            return [GroupRenamed(room: try Names.room(.named(typed), in: state), name: name)]
        case .closeGroup(let typed):
            let room = try Names.room(.named(typed), in: state)
            made.names = [state.roomName(room)]
            return [GroupClosed(room: room)]
        case .move(let typed, let to):
            let room = try Names.room(to, in: state)
            let codes = try typed.map { try Names.participant($0, in: state) }
            made.names = codes + [state.roomName(room)]
            return codes.map { ParticipantAssigned(code: $0, room: room) }
        case .startRound(let minutes, let prompt):
            made.result = .round(state.rounds.count + 1)
            return [RoundStarted(minutes: minutes, prompt: prompt)]
        case .endRound:
            made.result = .round(state.rounds.count)
            return [RoundEnded()]
        case .setGuide(let segments):
            made.count = segments.count
            return [GuideSet(segments: segments)]
        case .guide(let move):
            let current = state.guide.current ?? 0
            let segment: Int
            switch move {
            case .segment(let n): segment = n - 1
            case .next: segment = current + 1
            case .previous: segment = current - 1
            }
            if state.guide.segments.indices.contains(segment) { made.names = [state.guide.segments[segment].title] }
            made.count = segment + 1
            return [GuideAdvanced(segment: segment)]

        case .log(let c):
            let speaker = try c.speaker.map { try Names.participant($0, in: state) }
            let room =
                try c.room.map { try Names.room($0, in: state) } ?? speaker.flatMap { state.participant($0)?.room } ?? 0
            made.result = .contribution(state.contributions.count + 1)
            return [
                ContributionLogged(
                    source: c.source, room: room, speaker: speaker, text: c.text,
                    form: c.summary ? .summary : .verbatim, replyTo: c.replyTo)
            ]
        case .edit(let n, let text): return [ContributionEdited(number: n, text: text)]
        case .setSpeaker(let range, let speaker):
            return [try SpeakerAssignment.event(range: range, speaker: speaker, in: state)]
        case .tag(let n, let typed, let emergent):
            // The contribution first: "no contribution #7" says more than a code that would not matter.
            guard state.contribution(n) != nil else { throw ActionError.refused(.unknownContribution(n)) }
            let code = try Names.code(typed, in: state, emergent: emergent)
            made.result = .tagged(code: code, emergent: !state.codebook.contains(code))
            return [CodeTagged(number: n, code: code)]
        case .untag(let n, let typed):
            let code = try Names.taggedCode(typed, on: n, in: state)
            made.names = [code]
            return [CodeUntagged(number: n, code: code)]
        case .strike(let n, let reason): return [ContributionStruck(number: n, reason: reason)]
        case .restore(let n): return [ContributionRestored(number: n)]
        case .attribution(let n, let level): return [AttributionSet(number: n, level: level)]
        case .setCodebook(let name, let codes): return [CodebookSet(name: name, codes: codes)]
        case .addTheme(let title):
            made.result = .theme(state.themes.count + 1)
            return [ThemeCreated(title: title)]
        case .linkTheme(let theme, let numbers): return numbers.map { ThemeLinked(theme: theme, number: $0) }
        case .unlinkTheme(let theme, let n): return [ThemeUnlinked(theme: theme, number: n)]

        case .redact(let n, let choices):
            return try redactions(n, choices, in: state, &made)
        case .remind(let n, let note): return [ConfidentialityReminderGiven(number: n, note: note)]

        case .flag(let c):
            let participant = try c.participant.map { try Names.participant($0, in: state) }
            let room =
                try c.room.map { try Names.room($0, in: state) }
                ?? c.contributions.first.flatMap { state.contribution($0)?.room } ?? 0
            made.result = .concern(state.register.concerns.count + 1)
            return [
                ConcernRaised(
                    contributions: c.contributions, participant: participant, room: room,
                    category: c.category, urgency: c.urgency, description: c.description)
            ]
        case .acknowledge(let k): return [ConcernAcknowledged(concern: k)]
        case .concernAction(let k, let kind, let to, let ref, let note):
            return [ConcernActionTaken(concern: k, action: kind, to: to, reference: ref, note: note)]

        case .withdraw, .anonymise, .importFile, .export:
            // Performed by their own paths (erasure, files); never reaches here.
            return []
        }
    }

    /// Findings are numbered as the latest state shows them, so K means what the user saw.
    static func redactions(
        _ n: Int, _ choices: [RedactionChoice], in state: SessionState,
        _ made: inout Made
    ) throws -> [any EventPayload] {
        guard let c = state.contribution(n) else { throw ActionError.refused(.unknownContribution(n)) }
        guard !c.erased else { throw ActionError.refused(.contributionErased(n)) }
        guard !choices.isEmpty else { throw ActionError.nothingToRedact(number: n) }
        let redactor = Redactor(session: state)
        // Numbered as `convene review` lists them: the contribution's own findings, then the names the session
        // remembers from elsewhere (Privacy/SessionMemory.swift). Finding the latter scans the whole session, so it
        // is done only when a number or "all" asks for it.
        var findings = redactor.unresolved(c)
        if choices.contains(where: {
            switch $0 {
            case .acceptAll, .accept, .reject: return true
            case .acceptFinding, .rejectFinding, .manual: return false
            }
        }) {
            findings = redactor.sessionFindings(state).findings[n] ?? []
        }
        func finding(_ k: Int) throws -> Finding {
            guard k >= 1 && k <= findings.count else {
                throw ActionError.noFinding(number: n, count: findings.count, asked: k)
            }
            return findings[k - 1]
        }
        func reason(_ r: String) throws -> String {
            let t = r.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw ActionError.reasonNeeded }
            return t
        }
        var out: [any EventPayload] = []
        // What was resolved, said back by name: the numbers move once a finding is resolved, so a number
        // read from an older `review` would otherwise resolve another finding without a word.
        var resolved = Set<Int>()
        var manual = false
        func said(_ f: Finding, _ what: String) {
            if let i = findings.firstIndex(where: { $0.span == f.span && $0.label == f.label }) { resolved.insert(i) }
            made.names.append("\(f.label.rawValue) “\(f.text)” \(what)")
        }
        func spoken(_ span: TextSpan, _ label: IdentifierLabel) -> Finding? {
            findings.first { $0.span == span && $0.label == label }
        }
        for choice in choices {
            switch choice {
            case .acceptAll:
                out += findings.map { RedactionAccepted(number: n, span: $0.span, label: $0.label) }
                for f in findings { said(f, "accepted") }
            case .accept(let k):
                let f = try finding(k)
                out.append(RedactionAccepted(number: n, span: f.span, label: f.label))
                said(f, "accepted")
            case .reject(let k, let why):
                let f = try finding(k)
                let why = try reason(why)
                out.append(RedactionRejected(number: n, span: f.span, label: f.label, reason: why))
                said(f, "rejected (\(why))")
            case .acceptFinding(let span, let label):
                out.append(RedactionAccepted(number: n, span: span, label: label))
                if let f = spoken(span, label) { said(f, "accepted") }
            case .rejectFinding(let span, let label, let why):
                let why = try reason(why)
                out.append(RedactionRejected(number: n, span: span, label: label, reason: why))
                if let f = spoken(span, label) { said(f, "rejected (\(why))") }
            case .manual(let span, let label):
                out.append(RedactionAccepted(number: n, span: span, label: label, manual: true))
                made.names.append("\(label.rawValue) \(span.start):\(span.end) redacted by hand")
                manual = true
            }
        }
        made.count = out.count
        made.left = manual ? nil : findings.count - resolved.count
        return Placeholders.numberedPayloads(out, in: state)
    }
}

/// The line each front end shows when an action is done.
enum Messages {
    static func done(_ command: SessionCommand, _ made: Made) -> String {
        switch command {
        case .close: return "session closed"
        case .recording(let on): return "recording \(on ? "on" : "off")"
        case .openConsole(let role): return "console opened as \(role.rawValue)"
        case .addFacilitator(let name, let role): return "added \(name) (\(role.rawValue))"
        case .addParticipant: return "added \(made.names.first ?? "")"
        case .updateParticipant:
            return "\(made.names.first ?? ""): " + made.names.dropFirst().joined(separator: ", ")
        case .consent:
            guard case .consent(let code, let given, let checklist) = made.result else { return "consent recorded" }
            let missing = checklist.filter { !given.contains($0) }
            return "consent recorded for \(code) (\(given.count) of \(checklist.count) checklist items"
                + (missing.isEmpty ? ")" : "; not given: " + missing.joined(separator: ", ") + ")")
        case .setConsentChecklist: return "consent checklist set: \(made.count) items"
        case .blocklist: return "added to the block-list"
        case .createGroup(let name): return "room \(name) created"
        case .renameGroup(_, let name): return "room renamed to \(name)"
        case .closeGroup: return "room \(made.names.first ?? "") closed"
        case .move:
            let room = made.names.last ?? ""
            return "\(made.names.dropLast().joined(separator: ", ")) → \(room)"
        case .startRound(let minutes, _):
            if case .round(let n) = made.result { return "round \(n) started: \(minutes) minutes" }
            return "round started"
        case .endRound:
            if case .round(let n) = made.result { return "round \(n) ended" }
            return "round ended"
        case .setGuide: return "guide set: \(made.count) segments"
        case .guide: return "now at segment \(made.count): \(made.names.first ?? "")"
        case .log:
            if case .contribution(let n) = made.result { return "#\(n)" }
            return "logged"
        case .edit(let n, _): return "#\(n) edited"
        case .setSpeaker(let range, let speaker): return "#\(range): \(speaker)"
        case .tag(let n, _, _):
            guard case .tagged(let code, let emergent) = made.result else { return "#\(n) tagged" }
            return "#\(n) tagged \(code)\(emergent ? " (new emergent code)" : "")"
        case .untag(let n, _): return "#\(n) untagged \(made.names.first ?? "")"
        case .strike(let n, _): return "#\(n) struck"
        case .restore(let n): return "#\(n) restored to the record"
        case .attribution(let n, let level): return "#\(n) attribution: \(level.rawValue)"
        case .setCodebook(let name, let codes): return "codebook: \(name) (\(codes.count) codes)"
        case .addTheme:
            if case .theme(let n) = made.result { return "theme \(n)" }
            return "theme added"
        case .linkTheme(let theme, let numbers):
            return "linked \(numbers.map { "#\($0)" }.joined(separator: ", ")) to theme \(theme)"
        case .unlinkTheme(let theme, let n): return "unlinked #\(n) from theme \(theme)"
        case .redact(let n, _):
            let left = made.left.map {
                switch $0 {
                case 0: return "; no finding left to review"
                case 1: return "; 1 finding left to review, numbered afresh (`convene review`)"
                default: return "; \($0) findings left to review, numbered afresh (`convene review`)"
                }
            }
            guard !made.names.isEmpty else { return "#\(n): no finding to resolve" }
            return "#\(n): " + made.names.joined(separator: "; ") + (left ?? "")
        case .remind(let n, _): return "confidentiality reminder recorded\(n.map { " on #\($0)" } ?? "")"
        case .flag:
            if case .concern(let k) = made.result { return "concern \(k)" }
            return "concern raised"
        case .acknowledge(let k): return "concern \(k) acknowledged"
        case .concernAction(let k, let kind, _, _, _): return "concern \(k): \(kind.rawValue) recorded"
        case .withdraw, .anonymise, .importFile, .export: return "done"
        }
    }
}
