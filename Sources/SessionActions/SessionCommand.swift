/// SessionActions is the one place where a user's intent becomes events. The
/// command line and the console only parse input into a `SessionCommand` and
/// show the `ActionOutcome` (or the `ActionError`'s sentence). `SessionActions.perform`
/// checks permissions, resolves names (participant codes, rooms, codebook codes)
/// and builds the events from the latest state inside one write transaction, on
/// a file or on a team session alike.
import Exporters
import Foundation
import Importers
import SessionModel

/// Who acts, and in which role.
public struct ActingUser: Sendable, Equatable {
    /// The facilitator's name as the journal records it (`--by`, `CONVENE_USER`, the console's user).
    public var name: String
    /// The role they work in: a console's `--role`, or `--role` on the command line.
    /// Nil: no role claimed; the rules then look only at the session's facilitator list.
    public var role: ConsoleRole?
    public init(name: String, role: ConsoleRole? = nil) {
        self.name = name
        self.role = role
    }
}

/// A room as typed (`main`, `plenary`, a name or a unique prefix of one) or as already known.
public enum RoomRef: Sendable, Equatable {
    case id(RoomID)
    case named(String)
}

/// A contribution to log.
public struct NewContribution: Sendable, Equatable {
    public var source: ContributionSource
    /// Nil: the speaker's room, else the main room.
    public var room: RoomRef?
    /// A participant code as typed (`P03`, `p3`, `3`).
    public var speaker: String?
    public var text: String
    public var summary: Bool
    public var replyTo: [Int]
    public init(
        source: ContributionSource, room: RoomRef? = nil, speaker: String? = nil, text: String,
        summary: Bool = false, replyTo: [Int] = []
    ) {
        self.source = source
        self.room = room
        self.speaker = speaker
        self.text = text
        self.summary = summary
        self.replyTo = replyTo
    }
}

/// A participant to add.
public struct NewParticipant: Sendable, Equatable {
    public var code: String
    public var jobRole: String
    public var organisationType: OrganisationType?
    public var strand: String?
    public var attribution: AttributionPreference
    /// Kept in the linkage table only.
    public var realName: String?
    public init(
        code: String, jobRole: String, organisationType: OrganisationType? = nil, strand: String? = nil,
        attribution: AttributionPreference = .role, realName: String? = nil
    ) {
        self.code = code
        self.jobRole = jobRole
        self.organisationType = organisationType
        self.strand = strand
        self.attribution = attribution
        self.realName = realName
    }
}

/// A safeguarding concern to raise.
public struct NewConcern: Sendable, Equatable {
    public var contributions: [Int]
    public var participant: String?
    /// Nil: the first contribution's room, else the main room.
    public var room: RoomRef?
    public var category: ConcernCategory
    public var urgency: ConcernUrgency
    public var description: String
    public init(
        contributions: [Int] = [], participant: String? = nil, room: RoomRef? = nil,
        category: ConcernCategory, urgency: ConcernUrgency, description: String
    ) {
        self.contributions = contributions
        self.participant = participant
        self.room = room
        self.category = category
        self.urgency = urgency
        self.description = description
    }
}

/// One decision about a contribution's identifier findings. Finding numbers
/// are as `convene review` and the console number them (1-based, unresolved only).
public enum RedactionChoice: Sendable, Equatable {
    case acceptAll
    case accept(finding: Int)
    case reject(finding: Int, reason: String)
    /// A finding named by its span and label (the console's step-through box).
    case acceptFinding(TextSpan, IdentifierLabel)
    case rejectFinding(TextSpan, IdentifierLabel, reason: String)
    /// A span marked by hand.
    case manual(TextSpan, IdentifierLabel)
}

/// A participant's details corrected after they were added: only the fields given change.
public struct ParticipantChange: Sendable, Equatable {
    /// The participant as typed (`P04`, `p4`, `4`).
    public var participant: String
    public var jobRole: String?
    public var organisationType: OrganisationType?
    public var attribution: AttributionPreference?
    public init(
        participant: String, jobRole: String? = nil, organisationType: OrganisationType? = nil,
        attribution: AttributionPreference? = nil
    ) {
        self.participant = participant
        self.jobRole = jobRole
        self.organisationType = organisationType
        self.attribution = attribution
    }
}

/// Where the discussion guide moves to.
public enum GuideMove: Sendable, Equatable {
    /// A segment, 1-based.
    case segment(Int)
    case next, previous
}

/// A withdrawal as asked for.
public struct WithdrawalOrder: Sendable, Equatable {
    public var participant: String
    /// YYYY-MM-DD; nil is today.
    public var requestedOn: String?
    public var cascade: Bool
    /// Set only when the lead overrides a closed window.
    public var overrideReason: String?
    public var dryRun: Bool
    /// Contributions that quote the withdrawn words but stay, with the facilitator's reason.
    public var keep: [Int]
    public var keepReason: String?
    public init(
        participant: String, requestedOn: String? = nil, cascade: Bool = false,
        overrideReason: String? = nil, dryRun: Bool = false, keep: [Int] = [], keepReason: String? = nil
    ) {
        self.participant = participant
        self.requestedOn = requestedOn
        self.cascade = cascade
        self.overrideReason = overrideReason
        self.dryRun = dryRun
        self.keep = keep
        self.keepReason = keepReason
    }
}

/// Which importer reads a file.
public enum ImportFileKind: String, Sendable, Equatable, CaseIterable {
    case zoomChat = "zoom-chat"
    case vtt, srt
    case teamsDocx = "teams-docx"
    case miroCSV = "miro-csv"
}

/// What an import reads.
public enum ImportInput: Sendable {
    /// A whole file.
    case file(ImportFileKind, path: String)
    /// Messages a chat follower handed over (`import --follow`), from `fileName`.
    case chatMessages(ChatTranscript, fileName: String)
}

/// An import: the input, the room by name, and the importer's options (whose
/// `room` is replaced by the resolved room).
public struct ImportOrder: Sendable {
    public var input: ImportInput
    public var room: RoomRef?
    public var options: ImportOptions
    public init(input: ImportInput, room: RoomRef? = nil, options: ImportOptions = ImportOptions()) {
        self.input = input
        self.room = room
        self.options = options
    }
}

/// Every user action on a session. The command line and the console build
/// these; `SessionActions.perform` is the only thing that turns them into events.
public enum SessionCommand: Sendable {
    // Session
    case close
    case recording(on: Bool)
    /// A console was opened (the audit trail of who could see what).
    case openConsole(ConsoleRole)

    // People and consent
    case addFacilitator(name: String, role: FacilitatorRole)
    case addParticipant(NewParticipant)
    /// A participant's job role, organisation type or attribution preference, corrected (an import's
    /// "role not recorded").
    case updateParticipant(ParticipantChange)
    /// Consent for a participant: the checklist items given (empty: every item).
    case consent(participant: String, items: [String])
    /// The study's checklist: each item required, or optional with the effect of leaving it out.
    case setConsentChecklist([ConsentItem])
    case blocklist(name: String)

    // Rooms, rounds and the guide
    case createGroup(name: String)
    case renameGroup(room: String, to: String)
    case closeGroup(room: String)
    case move(participants: [String], to: RoomRef)
    case startRound(minutes: Int, prompt: String?)
    case endRound
    case setGuide([GuideSegment])
    case guide(GuideMove)

    // Contributions, codes and themes
    case log(NewContribution)
    case edit(number: Int, text: String)
    /// Who spoke a range of contributions (`12-40`; a code, `facilitator` or `none`).
    case setSpeaker(range: String, speaker: String)
    /// `emergent`: the code may be new (added as an emergent code); otherwise it
    /// must name one codebook code (exactly, by number, or by unique prefix).
    case tag(number: Int, code: String, emergent: Bool)
    case untag(number: Int, code: String)
    case strike(number: Int, reason: String?)
    /// Undo a strike: the contribution is back in the record.
    case restore(number: Int)
    case attribution(number: Int, level: AttributionLevel)
    case setCodebook(name: String, codes: [CodeDefinition])
    case addTheme(title: String)
    case linkTheme(theme: Int, numbers: [Int])
    case unlinkTheme(theme: Int, number: Int)

    // Privacy
    case redact(number: Int, [RedactionChoice])
    case remind(number: Int?, note: String?)

    // Safeguarding
    case flag(NewConcern)
    case acknowledge(concern: Int)
    case concernAction(concern: Int, kind: ConcernActionKind, to: String?, reference: String?, note: String)

    // Data protection
    case withdraw(WithdrawalOrder)
    case anonymise

    // Files
    case importFile(ImportOrder)
    case export(format: ExportFormat, path: String)

    /// A short name for logs and test output (`tag`, `withdraw`…).
    public var name: String {
        switch self {
        case .close: return "close"
        case .recording: return "recording"
        case .openConsole: return "open-console"
        case .addFacilitator: return "facilitator-add"
        case .addParticipant: return "participant-add"
        case .updateParticipant: return "participant-set"
        case .consent: return "consent"
        case .setConsentChecklist: return "consent-checklist"
        case .blocklist: return "blocklist"
        case .createGroup: return "group-add"
        case .renameGroup: return "group-rename"
        case .closeGroup: return "group-close"
        case .move: return "move"
        case .startRound: return "round-start"
        case .endRound: return "round-end"
        case .setGuide: return "guide-set"
        case .guide: return "guide"
        case .log: return "log"
        case .edit: return "edit"
        case .setSpeaker: return "speaker"
        case .tag: return "tag"
        case .untag: return "untag"
        case .strike: return "strike"
        case .restore: return "restore"
        case .attribution: return "attribution"
        case .setCodebook: return "codebook"
        case .addTheme: return "theme-add"
        case .linkTheme: return "theme-link"
        case .unlinkTheme: return "theme-unlink"
        case .redact: return "redact"
        case .remind: return "remind"
        case .flag: return "flag"
        case .acknowledge: return "concern-ack"
        case .concernAction: return "concern-action"
        case .withdraw: return "withdraw"
        case .anonymise: return "anonymise"
        case .importFile: return "import"
        case .export: return "export"
        }
    }

    /// Commands an observer may run: watching leaves a trace, nothing else.
    var allowedToObservers: Bool {
        if case .openConsole = self { return true }
        return false
    }
}
