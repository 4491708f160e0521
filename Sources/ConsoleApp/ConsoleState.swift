/// ConsoleApp owns the live console as update/view: `ConsoleState`, the
/// `ConsoleAction`s that change it, a pure `update`, and `view(state) -> CellGrid`.
/// It asks for session changes through `ConsoleEffect`s; the runner performs
/// them against a `SessionJournal`. It never calls SQLite or ncurses itself.
import Foundation
import Importers
import Privacy
import SessionModel
import TerminalKit

/// Who is at this console.
public struct ConsoleContext: Equatable, Sendable {
    public var role: ConsoleRole
    public var user: String
    public var location: String
    public init(role: ConsoleRole, user: String, location: String) {
        self.role = role
        self.user = user
        self.location = location
    }
}

public enum Focus: String, Equatable, Sendable, Codable { case input, rooms, log, participants }

/// Which contributions the log shows.
public struct LogFilter: Equatable, Sendable, Codable {
    public var room: RoomID?
    public var speaker: String?
    public var source: ContributionSource?
    public var code: String?
    public var flaggedOnly = false
    public var isEmpty: Bool { room == nil && speaker == nil && source == nil && code == nil && !flaggedOnly }

    public func admits(_ c: Contribution) -> Bool {
        if let room, c.room != room { return false }
        if let speaker, c.speaker != speaker { return false }
        if let source, c.source != source { return false }
        if let code, !c.codes.contains(where: { $0.caseInsensitiveCompare(code) == .orderedSame }) { return false }
        if flaggedOnly && c.concerns.isEmpty { return false }
        return true
    }

    public var summary: String {
        var parts: [String] = []
        if let speaker { parts.append("speaker \(speaker)") }
        if let source { parts.append(source.rawValue) }
        if let code { parts.append("code \(code)") }
        if flaggedOnly { parts.append("flagged") }
        return parts.joined(separator: ", ")
    }
}

/// A submitted input line and what it was for (a new contribution, an edit, a reply).
public struct SubmittedLine: Equatable, Sendable {
    public var text: String
    public var editing: Int?
    public var replyTo: Int?
}

/// Steps of raising a concern with Ctrl-G: category, urgency, description.
public struct FlagDraft: Equatable, Sendable {
    public var contributions: [Int]
    public var participant: String?
    public var room: RoomID
    public var category: ConcernCategory?
    public var urgency: ConcernUrgency?
    public var description = InputLine()
    /// The words typed in the input line when Ctrl-G was pressed: logged first, then
    /// flagged; the concern links to them once the append is confirmed.
    public var pendingLine: String?
    /// Asking who the concern is about (no speaker was known): the code typed so far.
    public var askParticipant: InputLine?
}

/// The F1 help: scrolled by rows, filtered by a search.
public struct HelpView: Equatable, Sendable {
    public var scroll = 0
    /// Set while `/` search text is typed (and kept to filter the rows).
    public var search: InputLine?
    public var searching = false
    public init() {}
}

/// A destructive action waiting for its reason or confirmation.
public struct ConfirmDraft: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        /// Strike a contribution: a reason is required.
        case strike(Int)
        /// End the running round before its time is up.
        case endRound(Int)
        /// Close the session.
        case closeSession
    }
    public var purpose: Purpose
    public var reason = InputLine()
    public init(purpose: Purpose) { self.purpose = purpose }
}

/// What `u` undoes: the last strike, tag or attribution change made at this console.
public enum UndoStep: Equatable, Sendable {
    case strike(Int)
    case tag(Int, String)
    case attribution(Int, AttributionLevel)
}

public enum Overlay: Equatable, Sendable {
    case none
    case help(HelpView)
    case palette(InputLine)
    case search(InputLine)
    case speakerPicker(InputLine)
    case flag(FlagDraft)
    case register
    case confirmQuit
    /// Stepping through one contribution's findings (accept / reject with a reason / skip).
    case findings(FindingStep)
    /// The session-wide review screen: every unresolved finding; the selected row.
    case review(Int)
    /// `:export`: pick a format, a file, then watch the progress.
    case export(ExportDraft)
    /// `:import`: pick a kind, a file, map unknown names, read the preview, commit.
    case importer(ImportDraft)
    /// A destructive action asking for its reason or a confirmation.
    case confirm(ConfirmDraft)
}

extension Overlay {
    /// The name the status line shows for this dialog (nil when none is open).
    public var modeName: String? {
        switch self {
        case .none: return nil
        case .help: return "HELP"
        case .palette: return "PALETTE"
        case .search: return "SEARCH"
        case .speakerPicker: return "SPEAKER"
        case .flag: return "FLAG"
        case .register: return "REGISTER"
        case .confirmQuit: return "LEAVE?"
        case .findings: return "FINDINGS"
        case .review: return "REVIEW"
        case .export: return "EXPORT"
        case .importer: return "IMPORT"
        case .confirm(let d):
            switch d.purpose {
            case .strike: return "STRIKE"
            case .endRound: return "END ROUND"
            case .closeSession: return "CLOSE SESSION"
            }
        }
    }
}

/// Where the note-taker is in one contribution's findings.
public struct FindingStep: Equatable, Sendable {
    public var number: Int
    /// Position among the contribution's unresolved findings (skipped ones stay before it).
    public var index = 0
    public var skipped = 0
    /// Set while the reason for a rejection is typed.
    public var reason: InputLine?
    /// Back to the review screen (at this row) when done, rather than closing.
    public var returnToReview: Int?
    public init(number: Int, index: Int = 0, returnToReview: Int? = nil) {
        self.number = number
        self.index = index
        self.returnToReview = returnToReview
    }
}

/// The console's whole state: the session as last read, and the UI around it.
public struct ConsoleState: Equatable, Sendable {
    public var session: SessionState
    public var context: ConsoleContext
    public var width: Int
    public var height: Int
    public var now: Date
    public var focus: Focus = .input
    public var input = InputLine()
    public var source: ContributionSource = .verbal
    public var speaker: String?
    public var summaryMode = false
    public var replyTo: Int?
    /// Editing an existing contribution instead of logging a new one.
    public var editing: Int?
    /// The unsent line put aside while a contribution is edited; back in the input line after.
    public var parkedLine: String?
    /// The room being logged in; the rooms pane selection.
    public var room: RoomID = 0
    public var filter = LogFilter()
    /// Numbers the log shows, oldest first; nil means every contribution (no filter).
    public var visible: [Int]? = nil
    /// The selected contribution in the log (nil: follow the newest).
    public var selected: Int?
    public var selectedParticipant = 0
    public var search: String?
    public var overlay: Overlay = .none
    public var status: String?
    public var offlineWaiting: Int?
    public var quit = false
    /// Concerns already rung for, so the bell sounds once per concern.
    public var rungFor: Set<Int> = []
    /// Identifier findings: per contribution (unresolved) and in the input line.
    public var privacy: PrivacyIndex
    /// Implicit-identification warnings, as of the last time the review screen looked.
    public var implicitWarnings: [ImplicitIdentificationWarning] = []
    /// When a finished export closed its box by itself: an Esc just after it was meant for the box.
    var exportBoxClosedAt: Date?
    /// The line just submitted, until its append is confirmed: a refused or
    /// failed save (disk full, read-only, file deleted) puts it back in the
    /// input line instead of losing what the note-taker typed.
    public var submitted: SubmittedLine?
    /// Under 120 columns the rooms and people panes are folded into a strip; `v` shows them.
    public var showSidePanes = false
    /// What `u` undoes (the last strike, tag or attribution change confirmed here).
    public var undoable: UndoStep?
    /// A notice under the header (an acknowledgement, a withdrawal) until it expires.
    public var notice: Notice?
    /// Set by the runner: the input line is scanned after the key is drawn (`.scanInput`),
    /// so the typed character reaches the screen first.
    public var deferInputScan = false

    /// `eagerScan`: how many of the newest contributions are scanned for identifiers now
    /// (the runner passes 0 and scans them just after the first screen is drawn).
    public init(
        session: SessionState, context: ConsoleContext, width: Int, height: Int, now: Date,
        eagerScan: Int = PrivacyIndex.eagerCount
    ) {
        self.session = session
        self.context = context
        self.width = width
        self.height = height
        self.now = now
        privacy = PrivacyIndex(session: session, eager: eagerScan)
        refilter()
    }

    /// How many entries the log shows.
    public var logCount: Int { visible?.count ?? session.contributions.count }

    /// The contribution number at position `i` of the log.
    public func logNumber(at i: Int) -> Int { visible?[i] ?? (i + 1) }

    /// Recomputes the filtered list; done on change, never while drawing.
    public mutating func refilter() {
        if filter.isEmpty && filter.room == nil {
            visible = nil
            return
        }
        visible = session.contributions.filter { !$0.erased && filter.admits($0) }.map(\.number)
    }

    /// Unresolved identifier findings of contribution `n` (scanned now if the background scan has not reached it).
    public func findings(_ n: Int) -> [Finding] { privacy.findings(n, in: session) }

    /// The mode the status line names: TYPING, PANES, or the open dialog.
    public var modeName: String {
        if let name = overlay.modeName { return name }
        return focus == .input ? "TYPING" : "PANES"
    }

    /// Concerns waiting for the safeguarding lead: every console shows them.
    public var unacknowledgedConcerns: [SafeguardingConcern] { session.register.unacknowledged }
}
