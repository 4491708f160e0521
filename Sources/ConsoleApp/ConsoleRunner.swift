import Foundation
import SessionModel
import SessionStore
import TerminalKit

/// Where the console stood, saved with the draft.
struct SavedView: Codable, Equatable {
    var room: RoomID
    var filter: LogFilter
    var selected: Int?
    var focus: Focus
    var source: ContributionSource
    var speaker: String?
}

/// What a networked journal says about its connection, polled by the runner.
public struct LinkStatus: Sendable {
    /// Nil while connected; else the events waiting to be sent.
    public var offlineWaiting: Int?
    /// Messages for the status line (say, an offline edit the server refused).
    public var notices: [String]
    public init(offlineWaiting: Int?, notices: [String]) { self.offlineWaiting = offlineWaiting; self.notices = notices }
}

/// Runs the console on a real terminal: reads keys, performs effects against
/// the journal, polls for other consoles' events, and draws frames.
public enum ConsoleRunner {
    public static func run(journal: any SessionJournal, context: ConsoleContext, theme: ColourTheme,
                           link: (() -> LinkStatus)? = nil) throws {
        let screen = NcursesScreen(theme: theme)
        try screen.open()
        defer { screen.close() }
        let drafts = journal as? DraftStore
        let size = screen.size
        var state = ConsoleState(session: journal.state, context: context, width: size.width, height: size.height, now: Date())
        restore(&state, from: drafts)
        perform(update(&state, .sessionChanged(journal.state)), &state, journal, screen, drafts)
        perform([.append([ConsoleOpened(role: context.role)])], &state, journal, screen, drafts)

        var lastRefresh = Date.distantPast
        // The first screen is drawn now, not after waiting for a key or the first poll.
        var frame = view(state)
        screen.draw(frame)
        var lastDraftSave = Date()
        var draftDirty = false
        // Any change of the line or of where the console stands is saved, not only
        // the keys that ask for it: a SIGKILL must not lose a room or filter change.
        var lastSaved = (state.input.text, savedView(state))
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
            if terminalPendingSignal != 0 {
                // SIGTERM, SIGHUP (terminal closed), SIGINT: keep the draft, leave cleanly.
                save(state, drafts)
                return
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
                    if case .alt(let c) = k { perform(update(&state, .key(.escape)), &state, journal, screen, drafts); pending = .char(c); continue }
                    let before = (state.focus, state.overlay, state.status, state.editing, state.replyTo)
                    let effects = update(&state, .key(k))
                    inputOnly = inputOnly && Self.touchesOnlyInput(k) && before.0 == .input && before.1 == .none
                        && state.focus == .input && state.overlay == .none && state.status == before.2
                        && state.editing == before.3 && state.replyTo == before.4
                        && effects.allSatisfy { if case .saveDraft = $0 { return true }; return false }
                    if effects.contains(where: { if case .saveDraft = $0 { return true }; return false }) { draftDirty = true }
                    perform(effects, &state, journal, screen, drafts)
                    handled += 1
                    pending = state.quit ? nil : screen.readKey(timeoutMs: 0)
                }
                frame = inputOnly ? viewInputRow(state, over: frame) : view(state)
                screen.draw(frame)
                if (state.input.text, savedView(state)) != lastSaved { draftDirty = true }
            }
            let now = Date()
            if now.timeIntervalSince(lastRefresh) >= 0.1 {
                lastRefresh = now
                var changed = false
                do {
                    if !(try journal.refresh()).isEmpty {
                        changed = true
                        perform(update(&state, .sessionChanged(journal.state)), &state, journal, screen, drafts)
                    }
                } catch {
                    _ = update(&state, .appendFailed("cannot read the session: \(error)"))
                }
                if let status = link?() {
                    _ = update(&state, .offline(waiting: status.offlineWaiting))
                    for notice in status.notices { perform(update(&state, .appendFailed(notice)), &state, journal, screen, drafts) }
                    if !status.notices.isEmpty { perform(update(&state, .sessionChanged(journal.state)), &state, journal, screen, drafts) }
                }
                _ = update(&state, .tick(now))
                frame = view(state)
                screen.draw(frame)
                if changed && frameLog != nil {
                    frameTimes.append(Date().timeIntervalSince(now))
                    if now.timeIntervalSince(lastFrameFlush) >= 1 { flushFrameTimes(); lastFrameFlush = now }
                }
            }
            if draftDirty && now.timeIntervalSince(lastDraftSave) >= 0.5 {
                save(state, drafts); draftDirty = false; lastDraftSave = now
                lastSaved = (state.input.text, savedView(state))
            }
        }
        save(state, drafts)
    }

    /// Keys that, in the input line, change nothing but the line itself.
    static func touchesOnlyInput(_ key: Key) -> Bool {
        switch key {
        case .char, .backspace, .delete, .left, .right, .home, .end, .ctrl("a"), .ctrl("e"), .ctrl("b"), .ctrl("f"),
             .ctrl("w"), .ctrl("u"), .ctrl("k"), .ctrl("h"), .ctrl("d"), .up, .down: return true
        default: return false
        }
    }

    static func perform(_ effects: [ConsoleEffect], _ state: inout ConsoleState, _ journal: any SessionJournal,
                        _ screen: NcursesScreen, _ drafts: DraftStore?) {
        ConsoleEffects.perform(effects, &state, journal: journal,
                               draw: { screen.draw(view($0)) }, bell: { screen.bell() }, quit: { save($0, drafts) })
    }

    static func savedView(_ state: ConsoleState) -> SavedView {
        SavedView(room: state.room, filter: state.filter, selected: state.selected, focus: state.focus,
                  source: state.source, speaker: state.speaker)
    }

    static func save(_ state: ConsoleState, _ drafts: DraftStore?) {
        guard let drafts else { return }
        let view = (try? JSONEncoder().encode(savedView(state))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try? drafts.saveDraft(user: state.context.user, draft: state.input.text, view: view)
    }

    static func restore(_ state: inout ConsoleState, from drafts: DraftStore?) {
        guard let drafts, let (draft, view) = try? drafts.loadDraft(user: state.context.user) else { return }
        state.input.set(draft)
        if let saved = try? JSONDecoder().decode(SavedView.self, from: Data(view.utf8)) {
            if state.session.room(saved.room) != nil { state.room = saved.room }
            state.filter = saved.filter
            state.selected = saved.selected.flatMap { state.session.contribution($0) != nil ? $0 : nil }
            state.focus = saved.focus
            state.source = saved.source
            state.speaker = saved.speaker.flatMap { state.session.participant($0) != nil ? $0 : nil }
            state.refilter()
        }
        if !draft.isEmpty { state.status = "Your unsent line was restored." }
    }
}
