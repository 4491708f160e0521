import Foundation
import SessionActions
import SessionModel
import TerminalKit

public enum ConsoleAction: Sendable {
    case key(Key)
    /// The clock moved (countdowns, the header clock).
    case tick(Date)
    /// The journal has new events (from this console or any other).
    case sessionChanged(SessionState)
    case resize(width: Int, height: Int)
    /// An append was refused or failed; the message is shown, the input kept.
    case appendFailed(String)
    /// This console's append succeeded: `before` is the session as it was.
    case appended([any EventPayload], before: SessionState)
    case offline(waiting: Int?)
    /// Scan the input line for identifiers now (the runner defers it until the key is on screen).
    case scanInput
    /// A running export got further.
    case exportProgress(Double, String)
    case exportFinished(Result<ExportOutcome, ExportFailure>)
    /// The runner read and planned an import (nothing written yet).
    case importPlanned(Result<ImportPreview, ImportProblem>)
    /// The runner appended an import (or refused it).
    case importCommitted(Result<[String], ImportProblem>)
    /// The runner started a long command off the loop (withdraw, anonymise).
    case commandStarted(SessionCommand)
    /// A command waits for the erasure running off the loop (it is run when that is done).
    case commandWaiting(SessionCommand)
    /// A command run off the loop appended `payloads`; `message` is its line (as the command line prints it).
    case commandFinished([any EventPayload], before: SessionState, message: String)
    /// The session file keeps scans (plain and writable): the console keeps its own there, and reads those kept.
    case fileKeepsScans
    /// A worker read and checked the file's kept scans (`readKeptScans`).
    case keptScansRead(KeptScans)
}

extension SessionCommand {
    /// Commands that rewrite the session file (erasures): the runner performs them off its loop.
    public var runsOffTheLoop: Bool {
        switch self {
        case .withdraw(let order): return !order.dryRun
        case .anonymise: return true
        default: return false
        }
    }

    /// What the status line says while it runs.
    var workingLine: String {
        switch self {
        case .withdraw(let order):
            return "Withdrawing \(order.participant.uppercased())… (keys keep working; the result shows here)"
        case .anonymise: return "Anonymising the session… (keys keep working; the result shows here)"
        default: return "Working on \(name)…"
        }
    }
}

/// What the runner must do for the console.
public enum ConsoleEffect: Sendable {
    /// Run a command through SessionActions (validated, permission-checked, names
    /// resolved, events built inside the write transaction against the latest state);
    /// answers `.sessionChanged` and `.appended`, or `.appendFailed`. The only way the
    /// console changes the session: it never builds events itself.
    case run(SessionCommand)
    case bell
    case saveDraft
    case quit
    /// Export the session to a file (render, write atomically, record it).
    case export(ExportRequest)
    /// Read a file and plan its import; answer with `.importPlanned`.
    case planImport(ImportRequest)
    /// Plan again and append the import in one transaction; answer with `.importCommitted`.
    case commitImport(ImportRequest)
    /// Keep the console's fresh scans in the session file (off the loop; nothing to answer). The store
    /// writes a row only if the contribution's text is still the one scanned; an encrypted file keeps none.
    case keepScans(ScansToKeep)
    /// Read the scans the file keeps and check each, off the loop; answer with `.keptScansRead`.
    case readKeptScans(KeptScanRead)
}

extension ConsoleEffect: CustomStringConvertible {
    public var description: String {
        switch self {
        case .run(let command): return "run(\(command.name))"
        case .bell: return "bell"
        case .saveDraft: return "saveDraft"
        case .quit: return "quit"
        case .export(let r): return "export(\(r.format))"
        case .planImport(let r): return "planImport(\(r.kind.rawValue))"
        case .commitImport(let r): return "commitImport(\(r.kind.rawValue))"
        case .keepScans(let scans): return "keepScans(\(scans.count))"
        case .readKeptScans: return "readKeptScans"
        }
    }
}

/// The pure heart of the console: state + action → new state and effects.
public func update(_ s: inout ConsoleState, _ action: ConsoleAction) -> [ConsoleEffect] {
    switch action {
    case .tick(let now):
        s.now = now
        if let n = s.notice, n.until <= now { s.notice = nil }
        // The review screen's rows grow as the scan goes (they are read per frame); its warnings depend on
        // the session, not on how far the scan is, so a tick does not work them out again.
        if !s.privacy.isComplete { s.privacy.scanOlder(s.session) }
        // What was scanned since the last tick goes to the file, so the next export need not scan it.
        return s.privacy.takeScansToKeep().map { [.keepScans($0)] } ?? []
    case .resize(let w, let h):
        s.width = w
        s.height = h
        return []
    case .appendFailed(let message):
        s.status = "Not saved: \(message)"
        if let line = s.submitted, s.input.isEmpty || (line.editing != nil && s.parkedLine == nil) {
            // A refused edit: its text back in the line, the line given back for it put aside again.
            if line.editing != nil && !s.input.isEmpty { s.parkedLine = s.input.text }
            s.input.set(line.text)
            s.editing = line.editing
            s.replyTo = line.replyTo
        }
        s.submitted = nil
        return [.bell]
    case .offline(let waiting):
        s.offlineWaiting = waiting
        return []
    case .appended(let payloads, let before):
        Keymap.appended(payloads, before: before, &s)
        return []
    case .sessionChanged(let session):
        s.submitted = nil
        let droppedDraft = ErasedDrafts.drop(&s, old: s.session, new: session)
        Keymap.notices(from: s.session, to: session, &s)
        s.privacy.update(from: s.session, to: session)
        s.session = session
        s.refilter()
        s.privacy.scanInput(s.input.text)
        Keymap.settleStepping(&s)
        var effects: [ConsoleEffect] = []
        for c in session.register.unacknowledged where c.urgency == .immediate && !s.rungFor.contains(c.number) {
            s.rungFor.insert(c.number)
            effects.append(.bell)
        }
        if droppedDraft { effects.append(.saveDraft) }
        return effects
    case .key(let key):
        let effects = Keymap.handle(key, &s)
        // The input line only: cheap on every keystroke (skipped when the text did not change).
        if !s.deferInputScan { s.privacy.scanInput(s.input.text) }
        return effects
    case .scanInput:
        s.privacy.scanInput(s.input.text)
        return []
    case .exportProgress(let fraction, let stage):
        Keymap.exportProgress(&s, fraction, stage)
        return []
    case .exportFinished(let result):
        return Keymap.exportFinished(&s, result)
    case .importPlanned(let result):
        return Keymap.importPlanned(&s, result)
    case .importCommitted(let result):
        return Keymap.importCommitted(&s, result)
    case .commandStarted(let command):
        s.status = command.workingLine
        return []
    case .commandWaiting(let command):
        s.status = "Waiting for the erasure to finish; then \(command.name) is saved"
        return []
    case .commandFinished(let payloads, let before, let message):
        Keymap.appended(payloads, before: before, &s)
        s.status = message
        return []
    case .fileKeepsScans:
        s.privacy.collectsScans = true
        return s.privacy.requestKept(s.session).map { [.readKeptScans($0)] } ?? []
    case .keptScansRead(let kept):
        s.privacy.adoptKept(kept)
        // The review screen, if open, takes them in at once, and its warnings are worked out now they are here.
        if case .review(let row) = s.overlay { Keymap.openReview(&s, row: row) }
        return []
    }
}

/// Turns keys into changes, by where the focus is.
enum Keymap {
    /// The mode the next key is read in: what the status line names.
    static func modes(_ s: ConsoleState) -> [KeyMode] {
        switch s.focus {
        case .input: return [.typing, .anywhere]
        case .log: return [.log, .panes, .anywhere]
        case .rooms: return [.rooms, .panes, .anywhere]
        case .participants: return [.people, .panes, .anywhere]
        }
    }

    static func handle(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        if key == .resize { return [] }
        // Keys that work everywhere, dialogs included.
        if let b = KeyTable.binding(for: key, in: .anywhere) {
            switch b.command {
            case .help:
                if case .help = s.overlay { s.overlay = .none } else { s.overlay = .help(HelpView()) }
                return []
            case .flag:
                if case .flag = s.overlay { return [] }
                return startFlag(&s)
            default:
                if case .confirmQuit = s.overlay { return handleOverlay(key, &s) }
                s.overlay = .confirmQuit
                s.status = nil // the question stands alone: no line left from before
                return []
            }
        }
        switch s.overlay {
        case .none: break
        default: return handleOverlay(key, &s)
        }
        if let closed = s.exportBoxClosedAt {
            s.exportBoxClosedAt = nil
            // The progress box says Esc hides it; a quick export closed it first, and that Esc
            // must not move the focus (to the panes) behind the user's back.
            if key == .escape && abs(s.now.timeIntervalSince(closed)) < Self.exportEscGrace {
                s.status = "The export had finished and closed its box: that Esc did nothing (again for the panes)"
                return []
            }
        }
        for mode in Self.modes(s).dropLast() {
            if let b = KeyTable.binding(for: key, in: mode) {
                if s.focus == .input, b.command == .palette, !s.input.isEmpty, case .char(let c) = key {
                    // `:` opens the palette only as the first character of an empty line.
                    s.status = nil
                    s.input.insert(c)
                    return draftChanged()
                }
                return perform(b.command, key, &s)
            }
        }
        if s.focus == .input {
            if case .char(let c) = key {
                s.status = nil
                s.input.insert(c)
                return draftChanged()
            }
            s.status = "\(key) does nothing while typing (F1 lists the keys)"
            return []
        }
        if case .char(let c) = key {
            // A printable key in the panes never becomes text: say what it would have done.
            s.status = "“\(c)” is not a \(paneName(s.focus)) key; in typing mode it would type “\(c)” (i to type)"
        } else {
            s.status = "\(key) does nothing in the \(paneName(s.focus)) pane (? lists the keys)"
        }
        return []
    }

    /// How long after an export closed its box an Esc is taken as meant for the box.
    static let exportEscGrace: TimeInterval = 2

    static func paneName(_ f: Focus) -> String {
        switch f {
        case .input: return "typing"
        case .log: return "log"
        case .rooms: return "rooms"
        case .participants: return "people"
        }
    }

    static func draftChanged() -> [ConsoleEffect] { [.saveDraft] }

    /// Performs the command a key is bound to (one arm per `ConsoleCommand`).
    static func perform(_ command: ConsoleCommand, _ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        s.status = nil
        switch command {
        // Typing
        case .logLine: return submit(&s)
        case .speakerPrefix: return []
        case .colonLine: return []
        case .completeSpeaker: completeSpeaker(&s)
        case .nextSource:
            cycleSource(&s)
            s.status = "Source: \(s.source.rawValue)"
        case .pickSpeaker: s.overlay = .speakerPicker(InputLine())
        case .nextRoom:
            cycleRoom(&s)
            s.status = "Logging in \(s.session.roomName(s.room))"
        case .toggleSummary:
            s.summaryMode.toggle()
            s.status = s.summaryMode ? "Summary: lines are logged as summaries" : "Verbatim"
        case .caretLeft: s.input.left()
        case .caretRight: s.input.right()
        case .lineStart: s.input.home()
        case .lineEnd: s.input.end()
        case .backspace:
            s.input.backspace()
            return draftChanged()
        case .deleteForward:
            s.input.deleteForward()
            return draftChanged()
        case .deleteWord:
            s.input.deleteWord()
            return draftChanged()
        case .killToStart:
            s.input.killToStart()
            return draftChanged()
        case .killToEnd:
            s.input.killToEnd()
            return draftChanged()
        case .historyUp:
            let before = s.input.text
            s.input.historyUp()
            if s.input.text == before { s.status = "No earlier line in the history" }
        case .historyDown:
            let before = s.input.text
            s.input.historyDown()
            if s.input.text == before { s.status = "No later line in the history" }
        case .acceptAllTyped: return acceptAll(privacyTarget(s), &s)
        case .reviewScreen: openReview(&s)
        case .toPanes:
            if s.editing != nil || s.replyTo != nil {
                let what = s.editing.map { "Edit of #\($0)" } ?? "Reply to #\(s.replyTo!)"
                s.editing = nil
                s.replyTo = nil
                s.input.set(s.parkedLine ?? "")
                s.status = "\(what) cancelled; " + (s.parkedLine == nil ? "still typing" : "your unsent line is back")
                s.parkedLine = nil
                return draftChanged()
            }
            s.focus = .log
            s.status = "Now in the panes: keys act on the selection (i or Enter to type)"
        // Panes
        case .nextPane: s.focus = s.focus == .rooms ? .log : s.focus == .log ? .participants : .rooms
        case .prevPane: s.focus = s.focus == .rooms ? .participants : s.focus == .log ? .rooms : .log
        case .toTyping: s.focus = .input
        case .stayInPanes: s.status = "Still in the panes (Esc does nothing here); i or Enter to type"
        case .showPanes:
            s.showSidePanes.toggle()
            s.status =
                s.showSidePanes
                ? "Rooms and people panes shown (v folds them)" : "Rooms and people folded (v shows them)"
        case .help: s.overlay = .help(HelpView())
        case .palette: s.overlay = .palette(InputLine())
        case .search: s.overlay = .search(InputLine(s.search ?? ""))
        case .findNext: findNext(&s, forward: true)
        case .findPrevious: findNext(&s, forward: false)
        case .register: s.overlay = .register
        case .flaggedOnly:
            s.filter.flaggedOnly.toggle()
            s.refilter()
            s.selected = nil
            s.status =
                s.filter.flaggedOnly
                ? "Showing flagged contributions only (f again: all)" : "Showing every contribution"
        case .cycleSourceFilter:
            let all: [ContributionSource?] = [nil] + ContributionSource.allCases
            s.filter.source = all[((all.firstIndex(of: s.filter.source) ?? 0) + 1) % all.count]
            s.refilter()
            s.selected = nil
            s.status = "Source filter: \(s.filter.source?.rawValue ?? "every source")"
        case .clearFilters:
            s.filter = LogFilter(room: s.filter.room)
            s.refilter()
            s.status = "Filters cleared"
        case .quitAsk:
            s.overlay = .confirmQuit
            s.status = nil
        // Log, rooms, people
        case .selectUp, .selectDown, .pageUp, .pageDown, .selectFirst, .followNewest, .strike, .undo, .attribution,
            .tag,
            .untag, .themeLink, .reply, .edit, .remind, .filterSpeaker, .acceptAllSelected, .stepFindings:
            return logCommand(command, &s)
        case .roomUp, .roomDown, .filterRoom: return roomsCommand(command, &s)
        case .personUp, .personDown, .movePerson, .recordConsent, .makeSpeaker: return peopleCommand(command, &s)
        case .flag: return startFlag(&s)
        case .leave:
            s.overlay = .confirmQuit
            s.status = nil
        }
        return []
    }

    /// Enter: log the line (or save an edit). A leading `P03:` or `3:` names the speaker;
    /// a leading `\:` logs a line that starts with a colon.
    static func submit(_ s: inout ConsoleState) -> [ConsoleEffect] {
        var text = s.input.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            s.status = "Nothing to log: type what is said first"
            return []
        }
        s.submitted = SubmittedLine(text: s.input.text, editing: s.editing, replyTo: s.replyTo)
        if let number = s.editing {
            _ = s.input.commit()
            s.editing = nil
            // The line put aside for the edit comes back (a refused edit swaps them again: appendFailed).
            if let parked = s.parkedLine {
                s.input.set(parked)
                s.parkedLine = nil
            }
            return [.run(.edit(number: number, text: text)), .saveDraft]
        }
        let payload: NewContribution
        if text.hasPrefix("\\:") {
            text.removeFirst()
            payload = logged(text, &s)
        } else {
            if let (code, rest) = SpeakerPrefix.split(text, session: s.session) {
                s.speaker = code
                text = rest
                if s.source == .whiteboard || s.source == .facilitator { s.source = .verbal }
                followSpeaker(code, &s)
            }
            guard !text.isEmpty else {
                _ = s.input.commit()
                s.submitted = nil
                s.status = "Speaker: \(s.speaker ?? "none")"
                return [.saveDraft]
            }
            payload = logged(text, &s)
        }
        _ = s.input.commit()
        s.replyTo = nil
        s.selected = nil // follow the newest
        return [.run(.log(payload)), .saveDraft]
    }

    /// The line goes to the room the speaker sits in; when that is not the room chosen, the status says so.
    static func followSpeaker(_ code: String, _ s: inout ConsoleState) {
        guard let room = s.session.participant(code)?.room, room != s.room else { return }
        let was = s.session.roomName(s.room)
        s.room = room
        s.status = "\(code) is in \(s.session.roomName(room)): logging there now, not in \(was) (Ctrl-R changes)"
    }

    static func logged(_ text: String, _ s: inout ConsoleState) -> NewContribution {
        let speaker = (s.source == .whiteboard || s.source == .facilitator) ? nil : s.speaker
        return NewContribution(
            source: s.source, room: .id(s.room), speaker: speaker, text: text,
            summary: s.summaryMode, replyTo: s.replyTo.map { [$0] } ?? [])
    }

    static func cycleSource(_ s: inout ConsoleState) {
        let all = ContributionSource.allCases
        s.source = all[(all.firstIndex(of: s.source)! + 1) % all.count]
    }

    static func cycleRoom(_ s: inout ConsoleState) {
        let open = s.session.rooms.filter { !$0.closed }
        guard let i = open.firstIndex(where: { $0.id == s.room }) else {
            s.room = 0
            return
        }
        s.room = open[(i + 1) % open.count].id
    }

    /// Tab: complete a speaker code typed at the start of the line.
    static func completeSpeaker(_ s: inout ConsoleState) {
        let text = s.input.text
        let word = text.prefix { $0 != " " && $0 != ":" }.uppercased()
        guard !word.isEmpty else {
            s.status = "Tab completes a speaker code: type its start (P0, 3…)"
            return
        }
        let matches = s.session.orderedParticipants.filter { !$0.withdrawn && $0.code.hasPrefix(word) }
        if matches.count == 1 {
            s.input.set(matches[0].code + ": " + text.dropFirst(word.count).drop { $0 == ":" || $0 == " " })
        } else if matches.count > 1 {
            s.status = "Speakers: " + matches.map(\.code).joined(separator: " ")
        } else {
            s.status = "No speaker code starts with \(word)"
        }
    }

    // MARK: The panes

    static func roomsCommand(_ command: ConsoleCommand, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let rooms = s.session.rooms.filter { !$0.closed }
        let index = rooms.firstIndex { $0.id == s.room } ?? 0
        switch command {
        case .roomUp: s.room = rooms[max(0, index - 1)].id
        case .roomDown: s.room = rooms[min(rooms.count - 1, index + 1)].id
        case .filterRoom:
            // Space: filter the log by this room (again to show every room).
            s.filter.room = s.filter.room == s.room ? nil : s.room
            s.refilter()
            s.selected = nil
            s.status =
                s.filter.room == nil ? "Log: every room" : "Log: \(s.session.roomName(s.room)) only (Space again: all)"
        default: return []
        }
        return [.saveDraft]
    }

    static func logCommand(_ command: ConsoleCommand, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let count = s.logCount
        guard count > 0 else {
            s.status = "The log is empty: nothing to select"
            return []
        }
        let current = s.selected.flatMap { n in position(of: n, in: s) } ?? (count - 1)
        let page = max(1, s.height - 8)
        func select(_ i: Int) { s.selected = s.logNumber(at: min(count - 1, max(0, i))) }
        // Actions on one contribution act on the selected one, else say how to select.
        func target() -> Int? {
            if let n = s.selected { return n }
            s.status = "Select a contribution first (↑↓ in the log)"
            return nil
        }
        switch command {
        case .selectUp: select(current - 1)
        case .selectDown: select(current + 1)
        case .pageUp: select(current - page)
        case .pageDown: select(current + page)
        case .selectFirst: select(0)
        case .followNewest:
            s.selected = nil
            s.status = "Following the newest"
        case .strike:
            guard let n = target() else { return [] }
            guard let c = s.session.contribution(n), !c.erased else {
                s.status = "#\(n) was erased: nothing to strike"
                return []
            }
            guard !c.struck else {
                s.status = "#\(n) is already struck"
                return []
            }
            s.overlay = .confirm(ConfirmDraft(purpose: .strike(n)))
        case .undo: return undo(&s)
        case .attribution:
            guard let n = target(), let c = s.session.contribution(n) else { return [] }
            let levels = AttributionLevel.allCases
            return [
                .run(.attribution(number: n, level: levels[(levels.firstIndex(of: c.attribution)! + 1) % levels.count]))
            ]
        case .tag:
            guard let n = target() else { return [] }
            s.overlay = .palette(InputLine("tag \(n) "))
        case .untag:
            guard let n = target() else { return [] }
            let codes = s.session.contribution(n)?.codes ?? []
            guard !codes.isEmpty else {
                s.status = "#\(n) has no codes to remove"
                return []
            }
            s.overlay = .palette(InputLine("untag \(n) " + (codes.count == 1 ? codes[0] : "")))
        case .themeLink:
            guard let n = target() else { return [] }
            s.overlay = .palette(InputLine("theme link  \(n)"))
        case .reply:
            guard let n = target() else { return [] }
            s.replyTo = n
            s.focus = .input
            s.status = "Replying to #\(n): type the reply (Esc cancels)"
        case .edit:
            guard let n = target() else { return [] }
            guard let c = s.session.contribution(n), !c.erased else {
                s.status = "#\(n) was erased: nothing to edit"
                return []
            }
            // A line being typed is put aside, not lost: it comes back when the edit is saved or cancelled.
            if s.editing == nil && !s.input.isEmpty { s.parkedLine = s.input.text }
            s.editing = n
            s.input.set(c.text)
            s.focus = .input
            s.status =
                "Editing #\(n): Enter saves, Esc cancels"
                + (s.parkedLine == nil ? "" : "; your unsent line comes back after")
        case .remind:
            guard let n = target() else { return [] }
            return [.run(.remind(number: n, note: nil))]
        case .acceptAllSelected: return acceptAll(privacyTarget(s), &s)
        case .stepFindings: startStepping(privacyTarget(s), &s)
        case .filterSpeaker:
            guard let n = target() else { return [] }
            guard let speaker = s.session.contribution(n)?.speaker else {
                s.status = "#\(n) has no speaker"
                return []
            }
            s.filter.speaker = s.filter.speaker == speaker ? nil : speaker
            s.refilter()
            s.status = s.filter.speaker == nil ? "Speaker filter cleared" : "Showing \(speaker) only (S again: all)"
        default: return []
        }
        return [.saveDraft]
    }

    static func peopleCommand(_ command: ConsoleCommand, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let people = s.session.orderedParticipants
        guard !people.isEmpty else {
            s.status = "No participants yet (:participant add CODE ROLE)"
            return []
        }
        let p = people[min(s.selectedParticipant, people.count - 1)]
        switch command {
        case .personUp: s.selectedParticipant = max(0, s.selectedParticipant - 1)
        case .personDown: s.selectedParticipant = min(people.count - 1, s.selectedParticipant + 1)
        case .movePerson: return [.run(.move(participants: [p.code], to: .id(s.room)))]
        case .recordConsent: return [.run(.consent(participant: p.code, items: []))]
        case .makeSpeaker:
            s.speaker = p.code
            s.status = "Speaker: \(p.code)"
        default: break
        }
        return []
    }

    static func position(of number: Int, in s: ConsoleState) -> Int? {
        if let visible = s.visible { return visible.firstIndex(of: number) }
        return number >= 1 && number <= s.session.contributions.count ? number - 1 : nil
    }

    static func findNext(_ s: inout ConsoleState, forward: Bool) {
        guard let needle = s.search, !needle.isEmpty else {
            s.status = "Nothing to find yet: / searches the log"
            return
        }
        let count = s.logCount
        guard count > 0 else { return }
        let start = s.selected.flatMap { position(of: $0, in: s) } ?? (forward ? -1 : count)
        var i = start
        for _ in 0..<count {
            i = forward ? i + 1 : i - 1
            if i >= count { i = 0 } else if i < 0 { i = count - 1 }
            let n = s.logNumber(at: i)
            if let c = s.session.contribution(n), !c.erased, c.text.range(of: needle, options: .caseInsensitive) != nil
            {
                s.selected = n
                s.status = "/\(needle): #\(n)"
                return
            }
        }
        s.status = "/\(needle): not found"
    }

    // MARK: Overlays

    static func handleOverlay(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        switch s.overlay {
        case .none: return []
        case .help(var help):
            return helpKey(key, &help, &s)
        case .register:
            if key == .escape || key == .char("q") || key == .char("R") || key == .enter {
                s.overlay = .none
                s.status = "Register closed"
            }
            return []
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") || key == .enter {
                s.quit = true
                return [.saveDraft, .quit]
            }
            s.overlay = .none
            s.status = "Staying in the console"
            return []
        case .confirm(var draft):
            return confirmKey(key, &draft, &s)
        case .palette(var line):
            if key == .tab {
                s.status = Palette.complete(&line, s.session)
                s.overlay = .palette(line)
                return []
            }
            if edit(&line, key) {
                s.overlay = .palette(line)
                return []
            }
            s.overlay = .none
            guard key == .enter else {
                s.status = "Palette closed; nothing done"
                return []
            }
            do {
                if let command = try PaletteCommands.parse(line.text, s) { return [.run(command)] }
                return try Palette.run(line.text, &s)
            } catch {
                s.status = "\(error)"
                return [.bell]
            }
        case .search(var line):
            if edit(&line, key) {
                s.overlay = .search(line)
                return []
            }
            s.overlay = .none
            if key == .enter {
                s.search = line.text
                findNext(&s, forward: false)
            } else {
                s.status = "Search closed"
            }
            return []
        case .speakerPicker(var line):
            if key == .tab {
                let exact = SpeakerPrefix.resolve(line.text, session: s.session)
                let matches = s.session.orderedParticipants.filter {
                    $0.code.hasPrefix(line.text.uppercased()) || $0.code == exact
                }
                if let first = matches.first { line.set(first.code) }
                s.overlay = .speakerPicker(line)
                return []
            }
            if edit(&line, key) {
                s.overlay = .speakerPicker(line)
                return []
            }
            s.overlay = .none
            if key == .enter {
                let typed = line.text.trimmingCharacters(in: .whitespaces)
                if typed.isEmpty || typed == "-" {
                    s.speaker = nil
                    s.status = "No speaker"
                } else if let code = SpeakerPrefix.resolve(typed, session: s.session) {
                    s.speaker = code
                    followSpeaker(code, &s)
                } else {
                    s.status = "No participant \(typed)"
                }
            }
            return []
        case .flag(var draft):
            return flagKey(key, &draft, &s)
        case .findings(var step):
            return findingKey(key, &step, &s)
        case .review(let row):
            return reviewKey(key, row, &s)
        case .export(var draft):
            return exportKey(key, &draft, &s)
        case .importer(var draft):
            return importKey(key, &draft, &s)
        }
    }

    /// Line editing inside an overlay; false when the key closes it.
    static func edit(_ line: inout InputLine, _ key: Key) -> Bool {
        switch key {
        case .enter, .escape: return false
        case .char(let c): line.insert(c)
        case .backspace: line.backspace()
        case .delete: line.deleteForward()
        case .left: line.left()
        case .right: line.right()
        case .home, .ctrl("a"): line.home()
        case .end, .ctrl("e"): line.end()
        case .ctrl("w"): line.deleteWord()
        case .ctrl("u"): line.killToStart()
        default: break
        }
        return true
    }

    /// Ctrl-G. While typing, the concern follows the line: its speaker (the `P04:` typed, else the
    /// current speaker; asked when there is none), its words logged first as a contribution and
    /// quoted at the head of the description. In the panes: the selected contribution.
    static func startFlag(_ s: inout ConsoleState) -> [ConsoleEffect] {
        if s.focus != .input || s.editing != nil, let n = s.editing ?? s.selected, let c = s.session.contribution(n) {
            var draft = FlagDraft(contributions: [n], participant: c.speaker, room: c.room)
            if c.speaker == nil { draft.askParticipant = InputLine() }
            s.overlay = .flag(draft)
            return []
        }
        let text = s.input.text.trimmingCharacters(in: .whitespaces)
        var words = text
        var speaker = s.speaker
        if let (code, rest) = SpeakerPrefix.split(text, session: s.session) {
            speaker = code
            words = rest
        }
        if s.source == .whiteboard || s.source == .facilitator { speaker = nil }
        var draft = FlagDraft(
            contributions: [], participant: speaker, room: speaker.flatMap { s.session.participant($0)?.room } ?? s.room
        )
        if speaker == nil { draft.askParticipant = InputLine() }
        guard !words.isEmpty else {
            s.overlay = .flag(draft)
            return []
        }
        // The line is logged first, as Enter would, and the concern links to it.
        let effects = submit(&s)
        draft.pendingLine = words
        draft.description.set("“\(words)” — ")
        s.overlay = .flag(draft)
        return effects
    }

    static func flagKey(_ key: Key, _ draft: inout FlagDraft, _ s: inout ConsoleState) -> [ConsoleEffect] {
        if key == .escape {
            s.overlay = .none
            s.status = "No concern raised" + (draft.contributions.first.map { "; #\($0) stays logged" } ?? "")
            return []
        }
        if var ask = draft.askParticipant {
            if key == .enter {
                let typed = ask.text.trimmingCharacters(in: .whitespaces)
                if typed.isEmpty || typed == "-" {
                    draft.participant = nil
                    draft.askParticipant = nil
                } else if let code = SpeakerPrefix.resolve(typed, session: s.session) {
                    draft.participant = code
                    draft.askParticipant = nil
                } else {
                    s.status = "No participant \(typed): type a code or number, or - for nobody in particular"
                }
            } else {
                _ = edit(&ask, key)
                draft.askParticipant = ask
            }
        } else if draft.category == nil {
            if case .char(let c) = key, let d = c.wholeNumberValue, (1...ConcernCategory.allCases.count).contains(d) {
                draft.category = ConcernCategory.allCases[d - 1]
            } else {
                s.status = "Press a number from 1 to \(ConcernCategory.allCases.count) for the category (Esc cancels)"
            }
        } else if draft.urgency == nil {
            if case .char(let c) = key, let d = c.wholeNumberValue, (1...3).contains(d) {
                draft.urgency = ConcernUrgency.allCases[d - 1]
            } else {
                s.status = "Press 1, 2 or 3 for the urgency (Esc cancels)"
            }
        } else if key == .enter {
            let text = draft.description.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                s.status = "Describe the concern first"
                s.overlay = .flag(draft)
                return []
            }
            s.overlay = .none
            let concern = NewConcern(
                contributions: draft.contributions, participant: draft.participant, room: .id(draft.room),
                category: draft.category!, urgency: draft.urgency!, description: text)
            return [.run(.flag(concern)), .saveDraft]
        } else {
            _ = edit(&draft.description, key)
        }
        s.overlay = .flag(draft)
        return []
    }
}

/// `P03: text` or `3: text` at the start of a line names the speaker.
enum SpeakerPrefix {
    static func split(_ text: String, session: SessionState) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 12 else {
            return nil
        }
        let head = String(text[..<colon])
        guard let code = resolve(head, session: session) else { return nil }
        return (code, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// A participant as typed (`P03`, `p3`, `3`): the action layer's one rule (`Names.participant`).
    static func resolve(_ typed: String, session: SessionState) -> String? {
        try? Names.participant(typed, in: session)
    }
}
