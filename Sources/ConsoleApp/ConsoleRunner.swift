import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import TerminalKit

/// Where the console stood, saved with the draft.
struct SavedView: Codable, Equatable {
    var room: RoomID
    var filter: LogFilter
    var selected: Int?
    /// Saved, but not restored: the console always opens on the input line (`ConsoleRunner.restore`).
    var focus: Focus
    var source: ContributionSource
    var speaker: String?
    /// The contribution being edited when the draft was saved (its text is the draft's line).
    var editing: Int? = nil
}

/// What the drafts table's text holds: the input line, and after it the line put aside while a
/// contribution is edited. Both in the one sealed column, so an erasure checks both (Erasure.swift
/// reads that column) and a crash during an edit loses neither.
enum SavedDraft {
    /// Between the edit's text and the line put aside (a control character the input line never holds).
    static let separator: Character = "\u{1E}"

    static func text(_ state: ConsoleState) -> String {
        guard state.editing != nil, let parked = state.parkedLine else { return state.input.text }
        return state.input.text + String(separator) + parked
    }

    /// The line and the line put aside, from a saved draft (only an edit's draft has the second).
    static func split(_ draft: String, editing: Int?) -> (line: String, parked: String?) {
        guard editing != nil, let at = draft.firstIndex(of: separator) else { return (draft, nil) }
        return (String(draft[..<at]), String(draft[draft.index(after: at)...]))
    }
}

/// What a networked journal says about its connection, polled by the runner.
public struct LinkStatus: Sendable {
    /// Nil while connected; else the events waiting to be sent.
    public var offlineWaiting: Int?
    /// Messages for the status line (say, an offline edit the server refused).
    public var notices: [String]
    public init(offlineWaiting: Int?, notices: [String]) {
        self.offlineWaiting = offlineWaiting
        self.notices = notices
    }
}

/// Results of work done off the loop, posted back to it (the loop owns the journal).
final class BackgroundInbox: @unchecked Sendable {
    enum Item {
        case action(ConsoleAction)
        /// The export's file is written: the loop records it in the session.
        case exportWritten(ExportRequest, bytes: Int)
        /// A command run off the loop (withdraw, anonymise) is done: what it appended and its line.
        case commandDone(before: SessionState, payloads: [any EventPayload], message: String)
        case commandFailed(String)
        /// An import read and planned against `snapshot`: the loop appends it if nothing changed since.
        case importReady(ImportRequest, snapshot: SessionState, Result<(ImportPlan, ImportPreview), ImportProblem>)
    }
    private let lock = NSLock()
    private var items: [Item] = []
    private var running = 0
    func post(_ item: Item) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    func take() -> [Item] {
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items = []
        return out
    }
    func started() {
        lock.lock()
        running += 1
        lock.unlock()
    }
    func finished() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
    var busy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running > 0
    }
}

/// Runs the console on a terminal: reads keys, performs effects against the
/// journal (long ones, export and import, on a worker thread that reports back
/// as actions, so keys keep working), polls for other consoles' events, and
/// draws frames. A termination signal wakes the wait for a key at once; the
/// draft is saved and the terminal given back.
public enum ConsoleRunner {
    public static func run(
        journal: any SessionJournal, context: ConsoleContext, theme: ColourTheme,
        link: (() -> LinkStatus)? = nil
    ) throws {
        try run(journal: journal, context: context, terminal: Terminal(theme: theme), link: link)
    }

    /// The loop on any `TerminalBackend` (tests pass a `TestTerminal`). `clock` dates the
    /// appended events and the header clock. Returns the termination signal that ended it, if one did.
    @discardableResult
    public static func run(
        journal: any SessionJournal, context: ConsoleContext, terminal screen: any TerminalBackend,
        clock: @escaping @Sendable () -> Date = { Date() },
        link: (() -> LinkStatus)? = nil
    ) throws -> Int32? {
        try screen.open()
        defer { screen.close() }
        let drafts = journal as? DraftStore
        let inbox = BackgroundInbox()
        let size = screen.size
        // The rows on the first screen are scanned as they are drawn; the newest thousand just after it.
        var state = ConsoleState(
            session: journal.state, context: context, width: size.width, height: size.height, now: clock(),
            eagerScan: 0)
        restore(&state, from: drafts)
        state.deferInputScan = true
        var draftDirty = false
        // Erasing actions running off the loop: the draft is not saved meanwhile (the erasure may take it).
        var erasing = 0
        var deferred: [SessionCommand] = []
        func afterErasing() {
            guard erasing == 0, !deferred.isEmpty else { return }
            let queued = deferred
            deferred = []
            perform(queued.map { .run($0) })
        }
        // Where the console's scans are kept in the file, one batch after another.
        let keeper = DispatchQueue(label: "convene.console.keep-scans")
        // The caller closes the journal after the loop: the last batch is written first.
        defer { keeper.sync {} }
        // Who acts at this console, for SessionActions.
        let actor = ActingUser(name: context.user, role: context.role)

        func perform(_ effects: [ConsoleEffect]) {
            var inline: [ConsoleEffect] = []
            for effect in effects {
                switch effect {
                case .export(let request): background(request)
                case .run(let command) where erasing > 0:
                    // The file is being rewritten: the action waits for it (built then against the latest state).
                    deferred.append(command)
                    perform(update(&state, .commandWaiting(command)))
                case .run(let command) where command.runsOffTheLoop:
                    // Withdrawal and anonymisation rewrite the file: off the loop, so keys keep working.
                    perform(update(&state, .commandStarted(command)))
                    let before = state.session
                    erasing += 1
                    spawn {
                        do {
                            let outcome = try SessionActions.perform(command, by: actor, on: journal, at: clock())
                            inbox.post(
                                .commandDone(
                                    before: before, payloads: outcome.stored.map(\.event.payload),
                                    message: outcome.message))
                        } catch {
                            inbox.post(.commandFailed("\(error)"))
                        }
                    }
                case .keepScans(let scans):
                    // Off the loop, one at a time: hashing and writing the rows is no work for a keystroke.
                    inbox.started()
                    keeper.async {
                        ConsoleEffects.keep(scans, journal: journal)
                        inbox.finished()
                    }
                case .readKeptScans(let read):
                    spawn { inbox.post(.action(.keptScansRead(read.perform(journal: journal)))) }
                case .planImport(let request):
                    let snapshot = state.session
                    spawn {
                        inbox.post(.action(.importPlanned(ConsoleImport.plan(request, into: snapshot).map { $0.1 })))
                    }
                case .commitImport(let request):
                    let snapshot = journal.state
                    spawn {
                        inbox.post(
                            .importReady(request, snapshot: snapshot, ConsoleImport.plan(request, into: snapshot)))
                    }
                default: inline.append(effect)
                }
            }
            guard !inline.isEmpty else { return }
            ConsoleEffects.perform(
                inline, &state, journal: journal, clock: clock,
                draw: { screen.draw(view($0)) }, bell: { screen.bell() }, quit: { save($0, drafts) })
        }
        func spawn(_ work: @escaping @Sendable () -> Void) {
            inbox.started()
            Thread.detachNewThread {
                work()
                inbox.finished()
            }
        }
        func background(_ request: ExportRequest) {
            spawn {
                do {
                    // The export action (render, write, record) off the loop; the journals are thread-safe.
                    let bytes = try ConsoleExport.perform(request, journal: journal, by: actor) { fraction, stage in
                        inbox.post(.action(.exportProgress(fraction, stage)))
                    }
                    inbox.post(.exportWritten(request, bytes: bytes))
                } catch {
                    inbox.post(.action(.exportFinished(.failure(ExportFailure(message: "\(error)")))))
                }
            }
        }
        /// Applies what the workers sent back; true when anything changed.
        func drainInbox() -> Bool {
            let items = inbox.take()
            for item in items {
                switch item {
                case .action(let action): perform(update(&state, action))
                case .exportWritten(let request, let bytes):
                    // Already recorded by the export action.
                    perform(update(&state, .sessionChanged(journal.state)))
                    perform(
                        update(
                            &state,
                            .exportFinished(
                                .success(ExportOutcome(format: request.format, path: request.path, bytes: bytes)))))
                case .commandDone(let before, let payloads, let message):
                    erasing -= 1
                    perform(update(&state, .sessionChanged(journal.state)))
                    perform(update(&state, .commandFinished(payloads, before: before, message: message)))
                    draftDirty = true // saved again: the erasure may have emptied the line
                    afterErasing()
                case .commandFailed(let message):
                    erasing -= 1
                    perform(update(&state, .appendFailed(message)))
                    afterErasing()
                case .importReady(let request, _, _):
                    // The preview was planned in the background; the import itself is planned
                    // again inside its write transaction (SessionActions), so its replies and
                    // tags link to the numbers the contributions get, whoever wrote meanwhile.
                    let result = ConsoleImport.commit(request, journal: journal, by: actor)
                    perform(update(&state, .sessionChanged(journal.state)))
                    perform(update(&state, .importCommitted(result)))
                }
            }
            return !items.isEmpty
        }

        perform(update(&state, .sessionChanged(journal.state)))

        var lastRefresh = Date.distantPast
        var lastSecond = 0
        // The first screen is drawn now, not after waiting for a key or the first poll, nor
        // for the console's opening to be written (a durable append) or the identifier scan.
        var frame = view(state)
        screen.draw(frame)
        perform([.run(.openConsole(context.role))])
        if let file = journal as? SQLiteJournal, file.keepsScans, !file.readOnly {
            // Scans an export or an earlier console kept stand for scanning again (each checked first, off the
            // loop: at 100 000 contributions reading and checking them takes a good part of a second).
            perform(update(&state, .fileKeepsScans))
        }
        // The newest thousand, unless the kept scans are on their way (the clock's ticks take them in).
        state.privacy.scanOlder(state.session, count: PrivacyIndex.eagerCount)
        frame = view(state)
        screen.draw(frame)
        var lastDraftSave = Date()
        // Any change of the line or of where the console stands is saved, not only
        // the keys that ask for it: a SIGKILL must not lose a room or filter change.
        var lastSaved = (SavedDraft.text(state), savedView(state))
        // CONVENE_FRAME_TIMES=PATH: the load benchmark's measure of redraws driven
        // by other writers (refresh, fold, view, draw), appended about once a second.
        let frameLog = ProcessInfo.processInfo.environment["CONVENE_FRAME_TIMES"]
        var frameTimes: [Double] = []
        var lastFrameFlush = Date()
        func flushFrameTimes() {
            guard let frameLog, !frameTimes.isEmpty else { return }
            let text = frameTimes.map { String(format: "%.3f\n", $0 * 1000) }.joined()
            frameTimes.removeAll()
            let fd = open(frameLog, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            guard fd >= 0 else { return }
            _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
        }
        defer { flushFrameTimes() }
        while !state.quit {
            if let signal = screen.pendingSignal {
                // SIGTERM, SIGHUP (terminal closed), SIGINT: keep the draft, leave cleanly.
                save(state, drafts)
                return signal
            }
            if drainInbox() {
                frame = view(state)
                screen.draw(frame)
            }
            if let key = screen.readKey(timeoutMs: 40) {
                var pending: Key? = key
                var handled = 0
                var inputOnly = true
                // Drain what is already waiting (a paste) before drawing once.
                while let k = pending, handled < 4_096 {
                    if k == .resize {
                        screen.invalidate()
                        let s = screen.size
                        _ = update(&state, .resize(width: s.width, height: s.height))
                    }
                    // No Alt bindings: Esc typed quickly before a key arrives as Alt-key.
                    if case .alt(let c) = k {
                        perform(update(&state, .key(.escape)))
                        pending = .char(c)
                        continue
                    }
                    let before = (state.focus, state.overlay, state.status, state.editing, state.replyTo)
                    let effects = update(&state, .key(k))
                    inputOnly =
                        inputOnly && Self.touchesOnlyInput(k) && before.0 == .input && before.1 == .none
                        && state.focus == .input && state.overlay == .none && state.status == before.2
                        && state.editing == before.3 && state.replyTo == before.4
                        && effects.allSatisfy {
                            if case .saveDraft = $0 { return true }
                            return false
                        }
                    if effects.contains(where: {
                        if case .saveDraft = $0 { return true }
                        return false
                    }) {
                        draftDirty = true
                    }
                    perform(effects)
                    handled += 1
                    pending = state.quit || screen.pendingSignal != nil ? nil : screen.readKey(timeoutMs: 0)
                }
                frame = inputOnly ? viewInputRow(state, over: frame) : view(state)
                screen.draw(frame)
                // The key is on screen; now the identifier scan of the line, redrawn if it found something new.
                let found = state.privacy.input
                _ = update(&state, .scanInput)
                if state.privacy.input != found {
                    frame = inputOnly ? viewInputRow(state, over: frame) : view(state)
                    screen.draw(frame)
                }
                if (SavedDraft.text(state), savedView(state)) != lastSaved { draftDirty = true }
            }
            let now = Date()
            if now.timeIntervalSince(lastRefresh) >= 0.1 {
                lastRefresh = now
                var changed = false
                // While this console's erasure rewrites the file the journal is busy with it: read after.
                if erasing == 0 {
                    do {
                        if !(try journal.refresh()).isEmpty {
                            changed = true
                            perform(update(&state, .sessionChanged(journal.state)))
                        }
                    } catch {
                        _ = update(&state, .appendFailed("cannot read the session: \(error)"))
                        changed = true // draw the message now, not at the next second
                    }
                }
                if let status = link?() {
                    _ = update(&state, .offline(waiting: status.offlineWaiting))
                    for notice in status.notices { perform(update(&state, .appendFailed(notice))) }
                    if !status.notices.isEmpty { perform(update(&state, .sessionChanged(journal.state))) }
                }
                let wasScanning = !state.privacy.isComplete
                let tick = clock()
                perform(update(&state, .tick(tick)))
                // Between keys the frame changes with the session, the header clock's second,
                // the background scan or the link; otherwise building it would only cost time.
                let second = Int(tick.timeIntervalSince1970)
                if changed || second != lastSecond || wasScanning || link != nil {
                    lastSecond = second
                    frame = view(state)
                    screen.draw(frame)
                }
                if changed && frameLog != nil {
                    frameTimes.append(Date().timeIntervalSince(now))
                    if now.timeIntervalSince(lastFrameFlush) >= 1 {
                        flushFrameTimes()
                        lastFrameFlush = now
                    }
                }
            }
            if draftDirty && erasing == 0 && now.timeIntervalSince(lastDraftSave) >= 0.5 {
                // Read first: an erasure made elsewhere since the last read may take the draft with it.
                if let added = try? journal.refresh(), !added.isEmpty {
                    perform(update(&state, .sessionChanged(journal.state)))
                }
                // A save that failed (the file busy past the wait) stays due: tried again in 0.5 s.
                if save(state, drafts) {
                    draftDirty = false
                    lastSaved = (SavedDraft.text(state), savedView(state))
                }
                lastDraftSave = now
            }
        }
        save(state, drafts)
        return nil
    }

    /// Keys that, in the input line, change nothing but the line itself (from the key table;
    /// printable characters are typed into the line).
    static func touchesOnlyInput(_ key: Key) -> Bool {
        if case .char(let c) = key { return c != ":" }
        return KeyTable.binding(for: key, in: .typing)?.command.touchesOnlyInput ?? false
    }

    static func savedView(_ state: ConsoleState) -> SavedView {
        SavedView(
            room: state.room, filter: state.filter, selected: state.selected, focus: state.focus,
            source: state.source, speaker: state.speaker, editing: state.editing)
    }

    /// True when the draft and view are saved (or there is nowhere to save them).
    @discardableResult
    static func save(_ state: ConsoleState, _ drafts: DraftStore?) -> Bool {
        guard let drafts else { return true }
        let view = (try? JSONEncoder().encode(savedView(state))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        do {
            try drafts.saveDraft(user: state.context.user, draft: SavedDraft.text(state), view: view)
            return true
        } catch { return false }
    }

    static func restore(_ state: inout ConsoleState, from drafts: DraftStore?) {
        guard let drafts, let (draft, view) = try? drafts.loadDraft(user: state.context.user) else { return }
        let saved = try? JSONDecoder().decode(SavedView.self, from: Data(view.utf8))
        let (line, parked) = SavedDraft.split(draft, editing: saved?.editing)
        state.input.set(line)
        var edit: String?
        if let n = saved?.editing {
            if let c = state.session.contribution(n), !c.erased {
                // A crash during an edit: the edit comes back as an edit, the line put aside for it after it.
                state.editing = n
                state.parkedLine = parked.flatMap { $0.isEmpty ? nil : $0 }
                edit =
                    "Your edit of #\(n) was restored (Enter saves, Esc cancels)"
                    + (state.parkedLine == nil ? "." : "; your unsent line comes back after.")
            } else {
                // Gone since (erased elsewhere): the edit cannot be saved, the unsent line can.
                state.input.set(parked ?? "")
                edit = "#\(n) can no longer be edited" + (parked == nil ? "." : "; your unsent line was restored.")
            }
        }
        if let saved {
            if state.session.room(saved.room) != nil { state.room = saved.room }
            state.filter = saved.filter
            state.selected = saved.selected.flatMap { state.session.contribution($0) != nil ? $0 : nil }
            // The console always opens on the input line, whatever had the focus when it was left: someone who
            // opens it and starts typing at once must not have their words read as pane keys (":" opening the
            // palette, letters moving the log). The room, filter and selection come back; the mode does not.
            state.focus = .input
            state.source = saved.source
            state.speaker = saved.speaker.flatMap { state.session.participant($0) != nil ? $0 : nil }
            state.refilter()
        }
        if let edit {
            state.status = edit
            return
        }
        // Name the room too: after a crash the facilitator must see where the next line goes.
        if !draft.isEmpty {
            state.status = "Your unsent line was restored (logging in \(state.session.roomName(state.room)))."
        }
    }
}
