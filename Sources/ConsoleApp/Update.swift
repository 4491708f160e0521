import Foundation
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
    case offline(waiting: Int?)
    /// A running export got further.
    case exportProgress(Double, String)
    case exportFinished(Result<ExportOutcome, ExportFailure>)
    /// The runner read and planned an import (nothing written yet).
    case importPlanned(Result<ImportPreview, ImportProblem>)
    /// The runner appended an import (or refused it).
    case importCommitted(Result<[String], ImportProblem>)
}

/// What the runner must do for the console.
public enum ConsoleEffect: Sendable {
    case append([any EventPayload])
    case bell
    case saveDraft
    case quit
    /// Export the session to a file (render, write atomically, record it).
    case export(ExportRequest)
    /// Read a file and plan its import; answer with `.importPlanned`.
    case planImport(ImportRequest)
    /// Plan again and append the import in one transaction; answer with `.importCommitted`.
    case commitImport(ImportRequest)
}

extension ConsoleEffect: CustomStringConvertible {
    public var description: String {
        switch self {
        case .append(let p): return "append(" + p.map { type(of: $0).kind }.joined(separator: ",") + ")"
        case .bell: return "bell"
        case .saveDraft: return "saveDraft"
        case .quit: return "quit"
        case .export(let r): return "export(\(r.format))"
        case .planImport(let r): return "planImport(\(r.kind.rawValue))"
        case .commitImport(let r): return "commitImport(\(r.kind.rawValue))"
        }
    }
}

/// The pure heart of the console: state + action → new state and effects.
public func update(_ s: inout ConsoleState, _ action: ConsoleAction) -> [ConsoleEffect] {
    switch action {
    case .tick(let now):
        s.now = now
        if !s.privacy.isComplete {
            s.privacy.scanOlder(s.session)
            if case .review = s.overlay { Keymap.settleStepping(&s) }
        }
        return []
    case .resize(let w, let h):
        s.width = w; s.height = h
        return []
    case .appendFailed(let message):
        s.status = "Not saved: \(message)"
        if let line = s.submitted, s.input.isEmpty {
            s.input.set(line.text); s.editing = line.editing; s.replyTo = line.replyTo
        }
        s.submitted = nil
        return [.bell]
    case .offline(let waiting):
        s.offlineWaiting = waiting
        return []
    case .sessionChanged(let session):
        s.submitted = nil
        let droppedDraft = ErasedDrafts.drop(&s, old: s.session, new: session)
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
        s.privacy.scanInput(s.input.text)
        return effects
    case .exportProgress(let fraction, let stage):
        Keymap.exportProgress(&s, fraction, stage)
        return []
    case .exportFinished(let result):
        return Keymap.exportFinished(&s, result)
    case .importPlanned(let result):
        return Keymap.importPlanned(&s, result)
    case .importCommitted(let result):
        return Keymap.importCommitted(&s, result)
    }
}

/// Turns keys into changes, by where the focus is.
enum Keymap {
    static func handle(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        // Keys that work everywhere.
        switch key {
        case .resize: return []
        case .ctrl("q"), .ctrl("c"):
            s.overlay = .confirmQuit
            return []
        case .function(1):
            s.overlay = s.overlay == .help ? .none : .help
            return []
        case .ctrl("g"):
            if case .flag = s.overlay { return [] }
            startFlag(&s)
            return []
        default: break
        }
        switch s.overlay {
        case .none: break
        default: return handleOverlay(key, &s)
        }
        return s.focus == .input ? handleInput(key, &s) : handlePanes(key, &s)
    }

    // MARK: The input line

    static func handleInput(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        s.status = nil
        switch key {
        case .char(let c): s.input.insert(c); return draftChanged()
        case .enter: return submit(&s)
        case .escape:
            if s.editing != nil || s.replyTo != nil { s.editing = nil; s.replyTo = nil; s.input.set(""); return draftChanged() }
            s.focus = .log
        case .backspace, .ctrl("h"): s.input.backspace(); return draftChanged()
        case .delete, .ctrl("d"): s.input.deleteForward(); return draftChanged()
        case .left, .ctrl("b"): s.input.left()
        case .right, .ctrl("f"): s.input.right()
        case .home, .ctrl("a"): s.input.home()
        case .end, .ctrl("e"): s.input.end()
        case .ctrl("w"): s.input.deleteWord(); return draftChanged()
        case .ctrl("u"): s.input.killToStart(); return draftChanged()
        case .ctrl("k"): s.input.killToEnd(); return draftChanged()
        case .up: s.input.historyUp()
        case .down: s.input.historyDown()
        case .tab: completeSpeaker(&s)
        case .ctrl("s"), .function(2): cycleSource(&s)
        case .ctrl("p"), .function(3): s.overlay = .speakerPicker(InputLine())
        case .ctrl("t"): s.summaryMode.toggle()
        case .ctrl("r"), .function(4): cycleRoom(&s)
        case .ctrl("y"): return acceptAll(privacyTarget(s), &s)
        case .function(5): openReview(&s)
        default: break
        }
        return []
    }

    static func draftChanged() -> [ConsoleEffect] { [.saveDraft] }

    /// Enter: log the line (or save an edit). A leading `P03:` or `3:` names the speaker.
    static func submit(_ s: inout ConsoleState) -> [ConsoleEffect] {
        var text = s.input.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        s.submitted = SubmittedLine(text: s.input.text, editing: s.editing, replyTo: s.replyTo)
        if let number = s.editing {
            _ = s.input.commit()
            s.editing = nil
            return [.append([ContributionEdited(number: number, text: text)]), .saveDraft]
        }
        if let (code, rest) = SpeakerPrefix.split(text, session: s.session) {
            s.speaker = code; text = rest
            if s.source == .whiteboard || s.source == .facilitator { s.source = .verbal }
            if let room = s.session.participant(code)?.room { s.room = room }
        }
        guard !text.isEmpty else { _ = s.input.commit(); s.submitted = nil; return [.saveDraft] }
        let speaker = (s.source == .whiteboard || s.source == .facilitator) ? nil : s.speaker
        let payload = ContributionLogged(source: s.source, room: s.room, speaker: speaker, text: text,
                                         form: s.summaryMode ? .summary : .verbatim, replyTo: s.replyTo.map { [$0] } ?? [])
        _ = s.input.commit()
        s.replyTo = nil
        s.selected = nil // follow the newest
        return [.append([payload]), .saveDraft]
    }

    static func cycleSource(_ s: inout ConsoleState) {
        let all = ContributionSource.allCases
        s.source = all[(all.firstIndex(of: s.source)! + 1) % all.count]
    }

    static func cycleRoom(_ s: inout ConsoleState) {
        let open = s.session.rooms.filter { !$0.closed }
        guard let i = open.firstIndex(where: { $0.id == s.room }) else { s.room = 0; return }
        s.room = open[(i + 1) % open.count].id
    }

    /// Tab: complete a speaker code typed at the start of the line.
    static func completeSpeaker(_ s: inout ConsoleState) {
        let text = s.input.text
        let word = text.prefix { $0 != " " && $0 != ":" }.uppercased()
        guard !word.isEmpty else { return }
        let matches = s.session.orderedParticipants.filter { !$0.withdrawn && $0.code.hasPrefix(word) }
        if matches.count == 1 {
            s.input.set(matches[0].code + ": " + text.dropFirst(word.count).drop { $0 == ":" || $0 == " " })
        } else if matches.count > 1 {
            s.status = "Speakers: " + matches.map(\.code).joined(separator: " ")
        }
    }

    // MARK: The panes

    static func handlePanes(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        s.status = nil
        switch key {
        case .enter, .char("i"): s.focus = .input
        case .escape: s.focus = .input
        case .tab: s.focus = s.focus == .rooms ? .log : s.focus == .log ? .participants : .rooms
        case .backTab: s.focus = s.focus == .rooms ? .participants : s.focus == .log ? .rooms : .log
        case .char("?"): s.overlay = .help
        case .char(":"): s.overlay = .palette(InputLine())
        case .char("/"): s.overlay = .search(InputLine(s.search ?? ""))
        case .char("n"): findNext(&s, forward: true)
        case .char("N"): findNext(&s, forward: false)
        case .char("q"): s.overlay = .confirmQuit
        case .char("R"): s.overlay = .register
        case .char("P"): openReview(&s)
        case .char("f"): s.filter.flaggedOnly.toggle(); s.refilter(); s.selected = nil
        case .char("s"):
            let all: [ContributionSource?] = [nil] + ContributionSource.allCases
            s.filter.source = all[((all.firstIndex(of: s.filter.source) ?? 0) + 1) % all.count]
            s.refilter(); s.selected = nil
        case .char("F"): s.filter = LogFilter(room: s.filter.room); s.refilter()
        default:
            switch s.focus {
            case .rooms: return roomsKey(key, &s)
            case .log: return logKey(key, &s)
            case .participants: return participantsKey(key, &s)
            case .input: break
            }
        }
        return []
    }

    static func roomsKey(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let rooms = s.session.rooms.filter { !$0.closed }
        let index = rooms.firstIndex { $0.id == s.room } ?? 0
        switch key {
        case .up, .char("k"): s.room = rooms[max(0, index - 1)].id
        case .down, .char("j"): s.room = rooms[min(rooms.count - 1, index + 1)].id
        case .char(" "):
            // Space: filter the log by this room (again to show every room).
            s.filter.room = s.filter.room == s.room ? nil : s.room
            s.refilter(); s.selected = nil
        default: return []
        }
        return [.saveDraft]
    }

    static func logKey(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let count = s.logCount
        guard count > 0 else { return [] }
        let current = s.selected.flatMap { n in position(of: n, in: s) } ?? (count - 1)
        let page = max(1, s.height - 8)
        func select(_ i: Int) { s.selected = s.logNumber(at: min(count - 1, max(0, i))) }
        switch key {
        case .up, .char("k"): select(current - 1)
        case .down, .char("j"): select(current + 1)
        case .pageUp: select(current - page)
        case .pageDown: select(current + page)
        case .home, .char("g"): select(0)
        case .end, .char("G"): s.selected = nil
        case .char("x"):
            if let n = s.selected { return [.append([ContributionStruck(number: n)])] }
        case .char("a"):
            if let n = s.selected, let c = s.session.contribution(n) {
                let levels = AttributionLevel.allCases
                return [.append([AttributionSet(number: n, level: levels[(levels.firstIndex(of: c.attribution)! + 1) % levels.count])])]
            }
        case .char("r"):
            if let n = s.selected { s.replyTo = n; s.focus = .input }
        case .char("e"):
            if let n = s.selected, let c = s.session.contribution(n), !c.erased { s.editing = n; s.input.set(c.text); s.focus = .input }
        case .char("t"):
            if let n = s.selected { s.overlay = .palette(InputLine("tag \(n) ")) }
        case .char("T"):
            if let n = s.selected { s.overlay = .palette(InputLine("theme link  \(n)")) }
        case .char("c"):
            if let n = s.selected { return [.append([ConfidentialityReminderGiven(number: n)])] }
        case .char("A"): return acceptAll(privacyTarget(s), &s)
        case .char("p"): startStepping(privacyTarget(s), &s)
        case .char("S"):
            if let n = s.selected, let speaker = s.session.contribution(n)?.speaker {
                s.filter.speaker = s.filter.speaker == speaker ? nil : speaker; s.refilter()
            }
        default: return []
        }
        return [.saveDraft]
    }

    static func participantsKey(_ key: Key, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let people = s.session.orderedParticipants
        guard !people.isEmpty else { return [] }
        switch key {
        case .up, .char("k"): s.selectedParticipant = max(0, s.selectedParticipant - 1)
        case .down, .char("j"): s.selectedParticipant = min(people.count - 1, s.selectedParticipant + 1)
        case .char("m"):
            // Move the selected participant to the selected room.
            let p = people[min(s.selectedParticipant, people.count - 1)]
            return [.append([ParticipantAssigned(code: p.code, room: s.room)])]
        case .char("c"):
            let p = people[min(s.selectedParticipant, people.count - 1)]
            return [.append([ConsentRecorded(code: p.code, items: s.session.consentChecklist, checkedBy: s.context.user)])]
        case .char(" "):
            let p = people[min(s.selectedParticipant, people.count - 1)]
            s.speaker = p.code; s.status = "Speaker: \(p.code)"
        default: break
        }
        return []
    }

    static func position(of number: Int, in s: ConsoleState) -> Int? {
        if let visible = s.visible { return visible.firstIndex(of: number) }
        return number >= 1 && number <= s.session.contributions.count ? number - 1 : nil
    }

    static func findNext(_ s: inout ConsoleState, forward: Bool) {
        guard let needle = s.search, !needle.isEmpty else { return }
        let count = s.logCount
        guard count > 0 else { return }
        let start = s.selected.flatMap { position(of: $0, in: s) } ?? (forward ? -1 : count)
        var i = start
        for _ in 0..<count {
            i = forward ? i + 1 : i - 1
            if i >= count { i = 0 } else if i < 0 { i = count - 1 }
            let n = s.logNumber(at: i)
            if let c = s.session.contribution(n), !c.erased, c.text.range(of: needle, options: .caseInsensitive) != nil {
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
        case .help, .register:
            if key == .escape || key == .char("q") || key == .char("?") || key == .enter { s.overlay = .none }
            if key == .char("R") && s.overlay == .register { s.overlay = .none }
            return []
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") || key == .enter { s.quit = true; return [.saveDraft, .quit] }
            s.overlay = .none
            return []
        case .palette(var line):
            if edit(&line, key) { s.overlay = .palette(line); return [] }
            s.overlay = .none
            guard key == .enter else { return [] }
            do {
                if let effects = try Palette.runEffects(line.text, &s) { return effects }
                let result = try Palette.run(line.text, &s)
                return result.isEmpty ? [] : [.append(result)]
            } catch {
                s.status = "\(error)"
                return [.bell]
            }
        case .search(var line):
            if edit(&line, key) { s.overlay = .search(line); return [] }
            s.overlay = .none
            if key == .enter { s.search = line.text; findNext(&s, forward: false) }
            return []
        case .speakerPicker(var line):
            if key == .tab {
                let matches = s.session.orderedParticipants.filter { $0.code.hasPrefix(line.text.uppercased()) || $0.code == SpeakerPrefix.code(forNumber: line.text) }
                if let first = matches.first { line.set(first.code) }
                s.overlay = .speakerPicker(line); return []
            }
            if edit(&line, key) { s.overlay = .speakerPicker(line); return [] }
            s.overlay = .none
            if key == .enter {
                let typed = line.text.trimmingCharacters(in: .whitespaces)
                if typed.isEmpty || typed == "-" { s.speaker = nil; s.status = "No speaker" }
                else if let code = SpeakerPrefix.resolve(typed, session: s.session) {
                    s.speaker = code
                    if let room = s.session.participant(code)?.room { s.room = room }
                } else { s.status = "No participant \(typed)" }
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

    static func startFlag(_ s: inout ConsoleState) {
        var on: [Int] = []
        var participant: String?
        var room = s.room
        if s.focus != .input, let n = s.selected, let c = s.session.contribution(n) {
            on = [n]; participant = c.speaker; room = c.room
        } else if s.focus == .input {
            participant = s.speaker
        }
        var draft = FlagDraft(contributions: on, participant: participant, room: room)
        if s.focus == .input && !s.input.isEmpty { draft.description.set(s.input.text) }
        s.overlay = .flag(draft)
    }

    static func flagKey(_ key: Key, _ draft: inout FlagDraft, _ s: inout ConsoleState) -> [ConsoleEffect] {
        if key == .escape { s.overlay = .none; return [] }
        if draft.category == nil {
            if case .char(let c) = key, let d = c.wholeNumberValue, (1...ConcernCategory.allCases.count).contains(d) {
                draft.category = ConcernCategory.allCases[d - 1]
            }
        } else if draft.urgency == nil {
            if case .char(let c) = key, let d = c.wholeNumberValue, (1...3).contains(d) { draft.urgency = ConcernUrgency.allCases[d - 1] }
        } else if key == .enter {
            let text = draft.description.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { s.status = "Describe the concern first"; s.overlay = .flag(draft); return [] }
            s.overlay = .none
            if s.focus == .input && draft.contributions.isEmpty && s.input.text == text { _ = s.input.commit() }
            s.status = "Concern raised; the safeguarding lead is alerted"
            return [.append([ConcernRaised(contributions: draft.contributions, participant: draft.participant, room: draft.room,
                                           category: draft.category!, urgency: draft.urgency!, description: text)]), .saveDraft]
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
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 12 else { return nil }
        let head = String(text[..<colon])
        guard let code = resolve(head, session: session) else { return nil }
        return (code, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    static func resolve(_ typed: String, session: SessionState) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        if session.participant(t) != nil { return t }
        if let code = code(forNumber: t), session.participant(code) != nil { return code }
        return nil
    }

    static func code(forNumber typed: String) -> String? {
        guard let n = Int(typed), n > 0 else { return nil }
        return String(format: "P%02d", n)
    }
}
