import Foundation

public struct SessionInfo: Codable, Sendable, Equatable {
    public var sessionID: UUID
    public var title: String
    public var study: String?
    public var strand: String?
    public var platform: Platform
    public var date: String
    public var withdrawalDays: Int
    public var createdAt: Date
    public var createdBy: String
    public var closed: Bool = false
    public var recording: Bool = false
}

public struct Facilitator: Codable, Sendable, Equatable {
    public var name: String
    public var role: FacilitatorRole
}

public struct ConsentRecord: Codable, Sendable, Equatable {
    public var items: [String]
    public var checkedBy: String
    public var at: Date
}

public struct Participant: Codable, Sendable, Equatable {
    /// The job role an import gives a participant it adds (`--add-unknown`), until it is set.
    public static let unrecordedRole = "role not recorded"
    public var code: String
    public var jobRole: String
    public var organisationType: OrganisationType?
    public var strand: String?
    public var attribution: AttributionPreference
    public var room: RoomID = 0
    public var consent: ConsentRecord?
    public var withdrawn: Bool = false
    /// A consent record exists. Whether it covers the checklist is
    /// `SessionState.consentStatus(_:)`: a missing required item is no consent.
    public var hasConsentRecord: Bool { consent != nil }
}

public struct Room: Codable, Sendable, Equatable {
    public var id: RoomID
    public var name: String
    public var closed: Bool = false
    public static let mainRoomName = "Main room"
}

public struct BreakoutRound: Codable, Sendable, Equatable {
    public var number: Int
    public var minutes: Int
    public var prompt: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var endsAt: Date { startedAt.addingTimeInterval(TimeInterval(minutes * 60)) }
    /// Seconds left at `now`, never negative; nil once the round has ended.
    public func remaining(at now: Date) -> TimeInterval? {
        endedAt == nil ? max(0, endsAt.timeIntervalSince(now)) : nil
    }
}

public struct Edit: Codable, Sendable, Equatable {
    public var previousText: String
    public var at: Date
    public var by: String
    public init(previousText: String, at: Date, by: String) {
        self.previousText = previousText
        self.at = at
        self.by = by
    }
}

public struct Redaction: Codable, Sendable, Equatable {
    public var span: TextSpan
    public var label: IdentifierLabel
    /// The placeholder shown in exports, numbered per session: `[PERSON 2]`.
    public var placeholder: String
    public var manual: Bool
    public init(span: TextSpan, label: IdentifierLabel, placeholder: String, manual: Bool) {
        self.span = span
        self.label = label
        self.placeholder = placeholder
        self.manual = manual
    }
}

public struct RejectedFinding: Codable, Sendable, Equatable {
    public var span: TextSpan
    public var label: IdentifierLabel
    public var reason: String
    public init(span: TextSpan, label: IdentifierLabel, reason: String) {
        self.span = span
        self.label = label
        self.reason = reason
    }
}

public struct Contribution: Codable, Sendable, Equatable, Identifiable {
    public var number: Int
    public var id: Int { number }
    public var loggedAt: Date
    public var occurredAt: Date
    public var loggedBy: String
    public var source: ContributionSource
    public var room: RoomID
    public var speaker: String?
    public var text: String
    public var form: ContributionForm
    public var replyTo: [Int]
    public var alignsWith: Int?
    public var directMessage: Bool
    /// Index of the guide segment that was current when it was logged.
    public var guideSegment: Int?
    /// The breakout round running when it was logged.
    public var round: Int?
    public var codes: [String] = []
    public var attribution: AttributionLevel
    public var struck: Bool = false
    public var struckReason: String?
    public var history: [Edit] = []
    public var redactions: [Redaction] = []
    public var rejections: [RejectedFinding] = []
    public var concerns: [Int] = []
    public var reminded: Bool = false
    /// Erased by a withdrawal: only the number is left.
    public var erased: Bool = false

    // Inlinable: decoding a long session's snapshot builds 100 000 of these before the console's
    // first screen, and the call across modules copied each one twice.
    @inlinable
    public init(
        number: Int, loggedAt: Date, occurredAt: Date, loggedBy: String, source: ContributionSource, room: RoomID,
        speaker: String?, text: String, form: ContributionForm, replyTo: [Int], alignsWith: Int?, directMessage: Bool,
        guideSegment: Int?, round: Int?, codes: [String] = [], attribution: AttributionLevel, concerns: [Int] = [],
        erased: Bool = false
    ) {
        self.number = number
        self.loggedAt = loggedAt
        self.occurredAt = occurredAt
        self.loggedBy = loggedBy
        self.source = source
        self.room = room
        self.speaker = speaker
        self.text = text
        self.form = form
        self.replyTo = replyTo
        self.alignsWith = alignsWith
        self.directMessage = directMessage
        self.guideSegment = guideSegment
        self.round = round
        self.codes = codes
        self.attribution = attribution
        self.concerns = concerns
        self.erased = erased
    }
}

public struct CodebookEntry: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Added while tagging, not from the study's codebook.
    public var emergent: Bool
}

public struct Codebook: Codable, Sendable, Equatable {
    public var name: String = "none"
    public var entries: [CodebookEntry] = []
    public func contains(_ code: String) -> Bool {
        entries.contains { $0.name.caseInsensitiveCompare(code) == .orderedSame }
    }
    public func canonical(_ code: String) -> String? {
        entries.first { $0.name.caseInsensitiveCompare(code) == .orderedSame }?.name
    }
}

public struct Theme: Codable, Sendable, Equatable {
    public var number: Int
    public var title: String
    public var contributions: [Int]
}

public struct ConcernAction: Codable, Sendable, Equatable {
    public var kind: ConcernActionKind
    public var to: String?
    public var reference: String?
    public var note: String
    public var at: Date
    public var by: String
}

public struct SafeguardingConcern: Codable, Sendable, Equatable {
    public var number: Int
    public var raisedAt: Date
    public var raisedBy: String
    public var room: RoomID
    public var contributions: [Int]
    public var participant: String?
    public var category: ConcernCategory
    public var urgency: ConcernUrgency
    public var description: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var actions: [ConcernAction] = []
    public var isClosed: Bool { actions.contains { $0.kind == .closed } }
    public var isAcknowledged: Bool { acknowledgedBy != nil }
}

/// Safeguarding concerns: not research data. Kept apart from the rest of the
/// state so that nothing which builds an export can reach it by accident.
public struct SafeguardingRegister: Codable, Sendable, Equatable {
    public var concerns: [SafeguardingConcern] = []
    public var open: [SafeguardingConcern] { concerns.filter { !$0.isClosed } }
    public var unacknowledged: [SafeguardingConcern] { concerns.filter { !$0.isAcknowledged && !$0.isClosed } }

    /// What a console opened with `role` by `name` may see: the lead and the
    /// safeguarding lead see everything; a note-taker sees the concerns they raised.
    public func visible(to role: ConsoleRole, name: String) -> [SafeguardingConcern] {
        switch role {
        case .lead, .safeguarding: return concerns
        case .notetaker: return concerns.filter { $0.raisedBy == name }
        case .observer: return []
        }
    }
}

public struct ConfidentialityReminder: Codable, Sendable, Equatable {
    public var contribution: Int?
    public var note: String?
    public var at: Date
    public var by: String
}

public struct WithdrawalRecord: Codable, Sendable, Equatable {
    public var code: String
    public var requestedOn: String
    public var at: Date
    public var by: String
    public var erased: [Int]
    public var keptWhiteboard: [Int]
    public var chainForReview: [Int]
    public var overrideReason: String?
}

public struct ProcessRecord: Codable, Sendable, Equatable {
    public var kind: String
    public var detail: String
    public var at: Date
    public var by: String
}

public struct DiscussionGuide: Codable, Sendable, Equatable {
    public var segments: [GuideSegment] = []
    public var current: Int?
}

/// The whole session as the fold of its events.
public struct SessionState: Codable, Sendable, Equatable {
    public var info: SessionInfo?
    public var facilitators: [Facilitator] = []
    public var participantOrder: [String] = []
    public var participants: [String: Participant] = [:]
    /// Real names by participant code: the linkage table. Never research data.
    public var linkage: [String: String] = [:]
    public var linkageDestroyed = false
    public var blocklist: [String] = []
    public var consentChecklist: [String] = ConsentChecklist.defaultItems
    /// Optional checklist items and the effect of leaving each out; every other item is required.
    public var consentEffects: [String: ConsentEffect] = [:]
    public var rooms: [Room] = [Room(id: 0, name: Room.mainRoomName)]
    public var rounds: [BreakoutRound] = []
    public var guide = DiscussionGuide()
    /// Contribution #n is at index n-1.
    public var contributions: [Contribution] = []
    public var codebook = Codebook()
    public var themes: [Theme] = []
    public var register = SafeguardingRegister()
    public var reminders: [ConfidentialityReminder] = []
    public var withdrawals: [WithdrawalRecord] = []
    public var imports: [ProcessRecord] = []
    public var exports: [ProcessRecord] = []
    public var consoles: [ProcessRecord] = []
    /// Per-session placeholder numbers, keyed by label and the text redacted.
    public var placeholderNumbers: [String: Int] = [:]
    public var placeholderCounters: [String: Int] = [:]
    /// The numbers in use per label ("PERSON#2"); optional so older snapshots still decode.
    public var placeholderTaken: Set<String>?
    /// How many events have been folded in (the journal's last sequence number).
    public var eventCount = 0
    public var lastEventAt: Date?

    public init() {}

    // MARK: Look-ups

    public var orderedParticipants: [Participant] { participantOrder.compactMap { participants[$0] } }
    public var currentRound: BreakoutRound? { rounds.last.flatMap { $0.endedAt == nil ? $0 : nil } }

    public func participant(_ code: String) -> Participant? {
        // A code of ASCII with no lower-case letter is its own upper case: looked up as it is, without making
        // a new string (an export asks this of every contribution, two or three times).
        if code.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x61 || $0 > 0x7A) }) { return participants[code] }
        return participants[code.uppercased()]
    }

    public func contribution(_ number: Int) -> Contribution? {
        number >= 1 && number <= contributions.count ? contributions[number - 1] : nil
    }

    public func room(named name: String) -> Room? {
        rooms.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func room(_ id: RoomID) -> Room? { rooms.first { $0.id == id } }

    public func roomName(_ id: RoomID) -> String { room(id)?.name ?? "room \(id)" }

    public func members(of room: RoomID) -> [Participant] {
        orderedParticipants.filter { $0.room == room && !$0.withdrawn }
    }

    public func facilitator(named name: String) -> Facilitator? {
        facilitators.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The contributions a research export may consider (not erased).
    public var liveContributions: [Contribution] { contributions.filter { !$0.erased } }

    /// Participants present (not withdrawn) who have not consented: no record, or a required item missing.
    public var participantsWithoutConsent: [Participant] {
        orderedParticipants.filter { !$0.withdrawn && !consentStatus($0).isConsented }
    }

    public var nextParticipantCode: String {
        var n = participants.count + 1
        while participants[String(format: "P%02d", n)] != nil { n += 1 }
        return String(format: "P%02d", n)
    }

    /// The last day a withdrawal may be asked for (session date + window).
    public var withdrawalClosesOn: String? {
        guard let info, let day = SessionDate.parse(info.date) else { return nil }
        return SessionDate.format(day.addingTimeInterval(TimeInterval(info.withdrawalDays) * 86_400))
    }
}
