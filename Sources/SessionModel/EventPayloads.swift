import Foundation

/// The content of one kind of change to a session. Each payload names its case
/// of `EventBody`, so a value built anywhere (`journal.append([ContributionLogged(…)])`)
/// reaches the one enum that the fold, the codec and the erasure rules switch over.
public protocol EventPayload: Codable, Sendable, Equatable {
    /// The name stored in the journal (`EventKind.rawValue`).
    static var kind: String { get }
    /// This payload as a case of the enum of every kind.
    var body: EventBody { get }
}

/// A room reference: 0 is the main room, breakout rooms count up from 1.
public typealias RoomID = Int

// MARK: Session

public struct SessionCreated: EventPayload {
    public static let kind = EventKind.sessionCreated.rawValue
    public var body: EventBody { .sessionCreated(self) }
    public var sessionID: UUID
    public var title: String
    public var study: String?
    public var strand: String?
    public var platform: Platform
    /// The day the group met, `YYYY-MM-DD`; the withdrawal window counts from it.
    public var date: String
    public var withdrawalDays: Int
    public init(
        sessionID: UUID, title: String, study: String? = nil, strand: String? = nil,
        platform: Platform = .teams, date: String, withdrawalDays: Int = 14
    ) {
        self.sessionID = sessionID
        self.title = title
        self.study = study
        self.strand = strand
        self.platform = platform
        self.date = date
        self.withdrawalDays = withdrawalDays
    }
}

public struct SessionClosed: EventPayload {
    public static let kind = EventKind.sessionClosed.rawValue
    public var body: EventBody { .sessionClosed(self) }
    public init() {}
}

public struct RecordingToggled: EventPayload {
    public static let kind = EventKind.recordingToggled.rawValue
    public var body: EventBody { .recordingToggled(self) }
    public var recording: Bool
    public init(recording: Bool) { self.recording = recording }
}

/// A console was opened with a role (the audit trail of who could see what).
public struct ConsoleOpened: EventPayload {
    public static let kind = EventKind.consoleOpened.rawValue
    public var body: EventBody { .consoleOpened(self) }
    public var role: ConsoleRole
    public init(role: ConsoleRole) { self.role = role }
}

// MARK: People

public struct FacilitatorAdded: EventPayload {
    public static let kind = EventKind.facilitatorAdded.rawValue
    public var body: EventBody { .facilitatorAdded(self) }
    public var name: String
    public var role: FacilitatorRole
    public init(name: String, role: FacilitatorRole) {
        self.name = name
        self.role = role
    }
}

public struct ParticipantAdded: EventPayload {
    public static let kind = EventKind.participantAdded.rawValue
    public var body: EventBody { .participantAdded(self) }
    public var code: String
    public var jobRole: String
    public var organisationType: OrganisationType?
    public var strand: String?
    public var attribution: AttributionPreference
    public init(
        code: String, jobRole: String, organisationType: OrganisationType? = nil,
        strand: String? = nil, attribution: AttributionPreference = .role
    ) {
        self.code = code
        self.jobRole = jobRole
        self.organisationType = organisationType
        self.strand = strand
        self.attribution = attribution
    }
}

/// A participant's details corrected after they were added (a job role an import could not know: "role not
/// recorded"). Only the fields given change; the code never does.
public struct ParticipantUpdated: EventPayload {
    public static let kind = EventKind.participantUpdated.rawValue
    public var body: EventBody { .participantUpdated(self) }
    public var code: String
    public var jobRole: String?
    public var organisationType: OrganisationType?
    public var attribution: AttributionPreference?
    public init(
        code: String, jobRole: String? = nil, organisationType: OrganisationType? = nil,
        attribution: AttributionPreference? = nil
    ) {
        self.code = code
        self.jobRole = jobRole
        self.organisationType = organisationType
        self.attribution = attribution
    }
}

/// Goes to the linkage table only; never to research data.
public struct RealNameRecorded: EventPayload {
    public static let kind = EventKind.realNameRecorded.rawValue
    public var body: EventBody { .realNameRecorded(self) }
    public var code: String
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

public struct ConsentRecorded: EventPayload {
    public static let kind = EventKind.consentRecorded.rawValue
    public var body: EventBody { .consentRecorded(self) }
    public var code: String
    public var items: [String]
    public var checkedBy: String
    public init(code: String, items: [String], checkedBy: String) {
        self.code = code
        self.items = items
        self.checkedBy = checkedBy
    }
}

public struct ConsentChecklistSet: EventPayload {
    public static let kind = EventKind.consentChecklistSet.rawValue
    public var body: EventBody { .consentChecklistSet(self) }
    /// Every item, in checklist order.
    public var items: [String]
    /// The items that are optional, with the effect of leaving them out (absent: every item required).
    public var optional: [OptionalConsentItem]?
    public init(items: [String], optional: [OptionalConsentItem]? = nil) {
        self.items = items
        self.optional = optional
    }
}

/// A name that must never reach an export (a colleague, a child, a family).
public struct BlocklistNameAdded: EventPayload {
    public static let kind = EventKind.blocklistNameAdded.rawValue
    public var body: EventBody { .blocklistNameAdded(self) }
    public var name: String
    public init(name: String) { self.name = name }
}

/// End of project: every real name and block-listed name is destroyed.
public struct LinkageDestroyed: EventPayload {
    public static let kind = EventKind.linkageDestroyed.rawValue
    public var body: EventBody { .linkageDestroyed(self) }
    /// Which rows the anonymisation cleared or rewrote (absent in files made before it was recorded).
    public var record: ErasureRecord?
    public init(record: ErasureRecord? = nil) { self.record = record }
}

// MARK: Rooms and rounds

public struct GroupCreated: EventPayload {
    public static let kind = EventKind.groupCreated.rawValue
    public var body: EventBody { .groupCreated(self) }
    public var name: String
    public init(name: String) { self.name = name }
}

public struct GroupRenamed: EventPayload {
    public static let kind = EventKind.groupRenamed.rawValue
    public var body: EventBody { .groupRenamed(self) }
    public var room: RoomID
    public var name: String
    public init(room: RoomID, name: String) {
        self.room = room
        self.name = name
    }
}

public struct GroupClosed: EventPayload {
    public static let kind = EventKind.groupClosed.rawValue
    public var body: EventBody { .groupClosed(self) }
    public var room: RoomID
    public init(room: RoomID) { self.room = room }
}

public struct ParticipantAssigned: EventPayload {
    public static let kind = EventKind.participantAssigned.rawValue
    public var body: EventBody { .participantAssigned(self) }
    public var code: String
    public var room: RoomID
    public init(code: String, room: RoomID) {
        self.code = code
        self.room = room
    }
}

public struct RoundStarted: EventPayload {
    public static let kind = EventKind.roundStarted.rawValue
    public var body: EventBody { .roundStarted(self) }
    public var minutes: Int
    public var prompt: String?
    public init(minutes: Int, prompt: String? = nil) {
        self.minutes = minutes
        self.prompt = prompt
    }
}

public struct RoundEnded: EventPayload {
    public static let kind = EventKind.roundEnded.rawValue
    public var body: EventBody { .roundEnded(self) }
    public init() {}
}

// MARK: Discussion guide

public struct GuideSegment: Codable, Sendable, Equatable {
    public var title: String
    public var prompts: [String]
    public var minutes: Int?
    public init(title: String, prompts: [String] = [], minutes: Int? = nil) {
        self.title = title
        self.prompts = prompts
        self.minutes = minutes
    }
}

public struct GuideSet: EventPayload {
    public static let kind = EventKind.guideSet.rawValue
    public var body: EventBody { .guideSet(self) }
    public var segments: [GuideSegment]
    public init(segments: [GuideSegment]) { self.segments = segments }
}

/// The facilitator moved to a segment of the guide (0-based).
public struct GuideAdvanced: EventPayload {
    public static let kind = EventKind.guideAdvanced.rawValue
    public var body: EventBody { .guideAdvanced(self) }
    public var segment: Int
    public init(segment: Int) { self.segment = segment }
}

// MARK: Contributions

public struct ContributionLogged: EventPayload {
    public static let kind = EventKind.contributionLogged.rawValue
    public var body: EventBody { .contributionLogged(self) }
    public var source: ContributionSource
    public var room: RoomID
    public var speaker: String?
    public var text: String
    public var form: ContributionForm
    public var replyTo: [Int]
    /// When it was said or written, if not when it was logged (imports).
    public var occurredAt: Date?
    /// A contribution this one is the verbatim of (transcript ↔ live note).
    public var alignsWith: Int?
    /// Marks a direct message to a facilitator (imported only on request).
    public var directMessage: Bool?
    public init(
        source: ContributionSource, room: RoomID = 0, speaker: String? = nil, text: String,
        form: ContributionForm = .verbatim, replyTo: [Int] = [], occurredAt: Date? = nil,
        alignsWith: Int? = nil, directMessage: Bool? = nil
    ) {
        self.source = source
        self.room = room
        self.speaker = speaker
        self.text = text
        self.form = form
        self.replyTo = replyTo
        self.occurredAt = occurredAt
        self.alignsWith = alignsWith
        self.directMessage = directMessage
    }
}

public struct ContributionEdited: EventPayload {
    public static let kind = EventKind.contributionEdited.rawValue
    public var body: EventBody { .contributionEdited(self) }
    public var number: Int
    public var text: String
    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// Who spoke contributions `first`…`last`, set after the fact (a transcript
/// imported with no speakers: `convene speaker FILE 12-40 P03`). `speaker` is a
/// participant code; `facilitator` makes them the facilitator's words; neither
/// leaves them unattributed. Only spoken contributions take it; erased ones in
/// the range are passed over.
public struct SpeakerSet: EventPayload {
    public static let kind = EventKind.speakerSet.rawValue
    public var body: EventBody { .speakerSet(self) }
    public var first: Int
    public var last: Int
    public var speaker: String?
    public var facilitator: Bool?
    public init(first: Int, last: Int, speaker: String?, facilitator: Bool? = nil) {
        self.first = first
        self.last = last
        self.speaker = speaker
        self.facilitator = facilitator
    }
}

public struct ContributionStruck: EventPayload {
    public static let kind = EventKind.contributionStruck.rawValue
    public var body: EventBody { .contributionStruck(self) }
    public var number: Int
    public var reason: String?
    public init(number: Int, reason: String? = nil) {
        self.number = number
        self.reason = reason
    }
}

/// Undoes a strike: the contribution is back in the record (the strike stays in the journal).
public struct ContributionRestored: EventPayload {
    public static let kind = EventKind.contributionRestored.rawValue
    public var body: EventBody { .contributionRestored(self) }
    public var number: Int
    public init(number: Int) { self.number = number }
}

public struct AttributionSet: EventPayload {
    public static let kind = EventKind.attributionSet.rawValue
    public var body: EventBody { .attributionSet(self) }
    public var number: Int
    public var level: AttributionLevel
    public init(number: Int, level: AttributionLevel) {
        self.number = number
        self.level = level
    }
}

// MARK: Coding and themes

public struct CodeDefinition: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var description: String?
    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

public struct CodebookSet: EventPayload {
    public static let kind = EventKind.codebookSet.rawValue
    public var body: EventBody { .codebookSet(self) }
    public var name: String
    public var codes: [CodeDefinition]
    public init(name: String, codes: [CodeDefinition]) {
        self.name = name
        self.codes = codes
    }
}

public struct CodeTagged: EventPayload {
    public static let kind = EventKind.codeTagged.rawValue
    public var body: EventBody { .codeTagged(self) }
    public var number: Int
    public var code: String
    public init(number: Int, code: String) {
        self.number = number
        self.code = code
    }
}

public struct CodeUntagged: EventPayload {
    public static let kind = EventKind.codeUntagged.rawValue
    public var body: EventBody { .codeUntagged(self) }
    public var number: Int
    public var code: String
    public init(number: Int, code: String) {
        self.number = number
        self.code = code
    }
}

public struct ThemeCreated: EventPayload {
    public static let kind = EventKind.themeCreated.rawValue
    public var body: EventBody { .themeCreated(self) }
    public var title: String
    public init(title: String) { self.title = title }
}

public struct ThemeLinked: EventPayload {
    public static let kind = EventKind.themeLinked.rawValue
    public var body: EventBody { .themeLinked(self) }
    public var theme: Int
    public var number: Int
    public init(theme: Int, number: Int) {
        self.theme = theme
        self.number = number
    }
}

public struct ThemeUnlinked: EventPayload {
    public static let kind = EventKind.themeUnlinked.rawValue
    public var body: EventBody { .themeUnlinked(self) }
    public var theme: Int
    public var number: Int
    public init(theme: Int, number: Int) {
        self.theme = theme
        self.number = number
    }
}

// MARK: Redaction

/// A span of a contribution (Unicode scalar offsets, end exclusive).
public struct TextSpan: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

public struct RedactionAccepted: EventPayload {
    public static let kind = EventKind.redactionAccepted.rawValue
    public var body: EventBody { .redactionAccepted(self) }
    public var number: Int
    public var span: TextSpan
    public var label: IdentifierLabel
    /// Set when the note-taker marked the span by hand rather than accepting a finding.
    public var manual: Bool
    /// The placeholder number given when it was accepted (`[PERSON 2]` → 2), so a later
    /// withdrawal, which erases other redactions, never renumbers this one. Older files: nil.
    public var placeholder: Int?
    public init(number: Int, span: TextSpan, label: IdentifierLabel, manual: Bool = false, placeholder: Int? = nil) {
        self.number = number
        self.span = span
        self.label = label
        self.manual = manual
        self.placeholder = placeholder
    }
}

public struct RedactionRejected: EventPayload {
    public static let kind = EventKind.redactionRejected.rawValue
    public var body: EventBody { .redactionRejected(self) }
    public var number: Int
    public var span: TextSpan
    public var label: IdentifierLabel
    public var reason: String
    public init(number: Int, span: TextSpan, label: IdentifierLabel, reason: String) {
        self.number = number
        self.span = span
        self.label = label
        self.reason = reason
    }
}

public struct ConfidentialityReminderGiven: EventPayload {
    public static let kind = EventKind.confidentialityReminderGiven.rawValue
    public var body: EventBody { .confidentialityReminderGiven(self) }
    public var number: Int?
    public var note: String?
    public init(number: Int? = nil, note: String? = nil) {
        self.number = number
        self.note = note
    }
}

// MARK: Safeguarding (restricted register)

public struct ConcernRaised: EventPayload {
    public static let kind = EventKind.concernRaised.rawValue
    public var body: EventBody { .concernRaised(self) }
    public var contributions: [Int]
    public var participant: String?
    public var room: RoomID
    public var category: ConcernCategory
    public var urgency: ConcernUrgency
    public var description: String
    public init(
        contributions: [Int] = [], participant: String? = nil, room: RoomID = 0,
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

public struct ConcernAcknowledged: EventPayload {
    public static let kind = EventKind.concernAcknowledged.rawValue
    public var body: EventBody { .concernAcknowledged(self) }
    public var concern: Int
    public init(concern: Int) { self.concern = concern }
}

public struct ConcernActionTaken: EventPayload {
    public static let kind = EventKind.concernActionTaken.rawValue
    public var body: EventBody { .concernActionTaken(self) }
    public var concern: Int
    public var action: ConcernActionKind
    /// For `referred`: the body it was passed to (children's services, police, Social Work England, LADO…).
    public var to: String?
    public var reference: String?
    public var note: String
    public init(concern: Int, action: ConcernActionKind, to: String? = nil, reference: String? = nil, note: String) {
        self.concern = concern
        self.action = action
        self.to = to
        self.reference = reference
        self.note = note
    }
}

// MARK: Withdrawal, imports, exports

/// The content-free record left by a withdrawal: numbers and counts, no text.
public struct ParticipantWithdrawn: EventPayload {
    public static let kind = EventKind.participantWithdrawn.rawValue
    public var body: EventBody { .participantWithdrawn(self) }
    public var code: String
    public var requestedOn: String
    public var erased: [Int]
    public var keptWhiteboard: [Int]
    public var chainForReview: [Int]
    public var overrideReason: String?
    /// Contributions that repeat the participant's words, kept by the facilitator with a reason.
    public var keptQuotes: [KeptQuote]?
    /// Which rows the withdrawal cleared or rewrote (absent in files made before it was recorded).
    public var record: ErasureRecord?
    public init(
        code: String, requestedOn: String, erased: [Int], keptWhiteboard: [Int] = [],
        chainForReview: [Int] = [], overrideReason: String? = nil, keptQuotes: [KeptQuote]? = nil,
        record: ErasureRecord? = nil
    ) {
        self.code = code
        self.requestedOn = requestedOn
        self.erased = erased
        self.keptWhiteboard = keptWhiteboard
        self.chainForReview = chainForReview
        self.overrideReason = overrideReason
        self.keptQuotes = keptQuotes
        self.record = record
    }
}

/// A contribution that repeats a withdrawn one's words, kept on the facilitator's word.
public struct KeptQuote: Codable, Sendable, Equatable {
    public var number: Int
    public var reason: String
    public init(number: Int, reason: String) {
        self.number = number
        self.reason = reason
    }
}

/// The chained list of what an erasure changed, so `check` can tell an
/// erasure from tampering: only rows listed here may have lost their payload
/// (`cleared`) or carry a payload other than the one first committed
/// (`rewritten`, each with the commitment of its new salt and payload).
/// Content-free: journal positions and hashes only.
public struct ErasureRecord: Codable, Sendable, Equatable {
    public var cleared: [Int]
    public var rewritten: [RewrittenRow]
    public init(cleared: [Int], rewritten: [RewrittenRow]) {
        self.cleared = cleared
        self.rewritten = rewritten
    }

    public struct RewrittenRow: Codable, Sendable, Equatable {
        public var seq: Int
        /// Hex SHA-256 (or keyed HMAC) of the new salt and payload.
        public var commitment: String
        public init(seq: Int, commitment: String) {
            self.seq = seq
            self.commitment = commitment
        }
    }
}

public struct ImportRecorded: EventPayload {
    public static let kind = EventKind.importRecorded.rawValue
    public var body: EventBody { .importRecorded(self) }
    public var format: String
    public var fileName: String
    public var added: Int
    public init(format: String, fileName: String, added: Int) {
        self.format = format
        self.fileName = fileName
        self.added = added
    }
}

public struct ExportRecorded: EventPayload {
    public static let kind = EventKind.exportRecorded.rawValue
    public var body: EventBody { .exportRecorded(self) }
    public var format: String
    public var fileName: String
    public init(format: String, fileName: String) {
        self.format = format
        self.fileName = fileName
    }
}
