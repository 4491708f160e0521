import Foundation

/// Every kind of event a journal can hold, by the name it is stored under.
/// The one list of kinds: `EventBody` has a case per kind, and every switch over
/// kinds (the fold, the codec, the erasure rules, the restricted flag) is exhaustive,
/// so a kind added here fails to compile until each of them handles it.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case sessionCreated = "session.created"
    case sessionClosed = "session.closed"
    case recordingToggled = "recording.toggled"
    case consoleOpened = "console.opened"
    case facilitatorAdded = "facilitator.added"
    case participantAdded = "participant.added"
    case participantUpdated = "participant.updated"
    case realNameRecorded = "participant.real-name"
    case consentRecorded = "consent.recorded"
    case consentChecklistSet = "consent.checklist"
    case blocklistNameAdded = "blocklist.added"
    case linkageDestroyed = "linkage.destroyed"
    case groupCreated = "group.created"
    case groupRenamed = "group.renamed"
    case groupClosed = "group.closed"
    case participantAssigned = "participant.assigned"
    case roundStarted = "round.started"
    case roundEnded = "round.ended"
    case guideSet = "guide.set"
    case guideAdvanced = "guide.advanced"
    case contributionLogged = "contribution.logged"
    case contributionEdited = "contribution.edited"
    case contributionStruck = "contribution.struck"
    case contributionRestored = "contribution.restored"
    case attributionSet = "attribution.set"
    case speakerSet = "contribution.speaker-set"
    case codebookSet = "codebook.set"
    case codeTagged = "code.tagged"
    case codeUntagged = "code.untagged"
    case themeCreated = "theme.created"
    case themeLinked = "theme.linked"
    case themeUnlinked = "theme.unlinked"
    case redactionAccepted = "redaction.accepted"
    case redactionRejected = "redaction.rejected"
    case confidentialityReminderGiven = "reminder.given"
    case concernRaised = "concern.raised"
    case concernAcknowledged = "concern.acknowledged"
    case concernActionTaken = "concern.action"
    case participantWithdrawn = "participant.withdrawn"
    case importRecorded = "import.recorded"
    case exportRecorded = "export.recorded"

    /// Concerns form the restricted register: stored and shipped apart from research data.
    public var isRestricted: Bool {
        switch self {
        case .concernRaised, .concernAcknowledged, .concernActionTaken:
            return true
        case .sessionCreated, .sessionClosed, .recordingToggled, .consoleOpened, .facilitatorAdded,
            .participantAdded, .participantUpdated, .realNameRecorded, .consentRecorded, .consentChecklistSet,
            .blocklistNameAdded,
            .linkageDestroyed, .groupCreated, .groupRenamed, .groupClosed, .participantAssigned,
            .roundStarted, .roundEnded, .guideSet, .guideAdvanced, .contributionLogged, .contributionEdited,
            .contributionStruck, .contributionRestored, .attributionSet, .speakerSet, .codebookSet, .codeTagged,
            .codeUntagged, .themeCreated,
            .themeLinked, .themeUnlinked, .redactionAccepted, .redactionRejected,
            .confidentialityReminderGiven, .participantWithdrawn, .importRecorded, .exportRecorded:
            return false
        }
    }

    /// The payload shape written today. Bump it when a payload's shape changes and teach
    /// `EventCodec.decodeBody` to read the older version, so old files still open.
    public var version: Int {
        switch self {
        case .sessionCreated, .sessionClosed, .recordingToggled, .consoleOpened, .facilitatorAdded,
            .participantAdded, .participantUpdated, .realNameRecorded, .consentRecorded, .consentChecklistSet,
            .blocklistNameAdded,
            .linkageDestroyed, .groupCreated, .groupRenamed, .groupClosed, .participantAssigned,
            .roundStarted, .roundEnded, .guideSet, .guideAdvanced, .contributionLogged, .contributionEdited,
            .contributionStruck, .contributionRestored, .attributionSet, .speakerSet, .codebookSet, .codeTagged,
            .codeUntagged, .themeCreated,
            .themeLinked, .themeUnlinked, .redactionAccepted, .redactionRejected,
            .confidentialityReminderGiven, .concernRaised, .concernAcknowledged, .concernActionTaken,
            .participantWithdrawn, .importRecorded, .exportRecorded:
            return 1
        }
    }
}

/// One event's content: a case per kind, carrying its payload. An erased event keeps
/// its kind (so numbering survives) and nothing of its content.
public enum EventBody: Sendable, Equatable {
    case sessionCreated(SessionCreated)
    case sessionClosed(SessionClosed)
    case recordingToggled(RecordingToggled)
    case consoleOpened(ConsoleOpened)
    case facilitatorAdded(FacilitatorAdded)
    case participantAdded(ParticipantAdded)
    case participantUpdated(ParticipantUpdated)
    case realNameRecorded(RealNameRecorded)
    case consentRecorded(ConsentRecorded)
    case consentChecklistSet(ConsentChecklistSet)
    case blocklistNameAdded(BlocklistNameAdded)
    case linkageDestroyed(LinkageDestroyed)
    case groupCreated(GroupCreated)
    case groupRenamed(GroupRenamed)
    case groupClosed(GroupClosed)
    case participantAssigned(ParticipantAssigned)
    case roundStarted(RoundStarted)
    case roundEnded(RoundEnded)
    case guideSet(GuideSet)
    case guideAdvanced(GuideAdvanced)
    case contributionLogged(ContributionLogged)
    case contributionEdited(ContributionEdited)
    case contributionStruck(ContributionStruck)
    case contributionRestored(ContributionRestored)
    case attributionSet(AttributionSet)
    case speakerSet(SpeakerSet)
    case codebookSet(CodebookSet)
    case codeTagged(CodeTagged)
    case codeUntagged(CodeUntagged)
    case themeCreated(ThemeCreated)
    case themeLinked(ThemeLinked)
    case themeUnlinked(ThemeUnlinked)
    case redactionAccepted(RedactionAccepted)
    case redactionRejected(RedactionRejected)
    case confidentialityReminderGiven(ConfidentialityReminderGiven)
    case concernRaised(ConcernRaised)
    case concernAcknowledged(ConcernAcknowledged)
    case concernActionTaken(ConcernActionTaken)
    case participantWithdrawn(ParticipantWithdrawn)
    case importRecorded(ImportRecorded)
    case exportRecorded(ExportRecorded)
    /// A withdrawal or anonymisation cleared the payload; only the kind remains.
    case erased(EventKind)

    /// The kind stored in the journal; an erased event keeps the kind it was.
    public var kind: EventKind {
        switch self {
        case .sessionCreated: return .sessionCreated
        case .sessionClosed: return .sessionClosed
        case .recordingToggled: return .recordingToggled
        case .consoleOpened: return .consoleOpened
        case .facilitatorAdded: return .facilitatorAdded
        case .participantAdded: return .participantAdded
        case .participantUpdated: return .participantUpdated
        case .realNameRecorded: return .realNameRecorded
        case .consentRecorded: return .consentRecorded
        case .consentChecklistSet: return .consentChecklistSet
        case .blocklistNameAdded: return .blocklistNameAdded
        case .linkageDestroyed: return .linkageDestroyed
        case .groupCreated: return .groupCreated
        case .groupRenamed: return .groupRenamed
        case .groupClosed: return .groupClosed
        case .participantAssigned: return .participantAssigned
        case .roundStarted: return .roundStarted
        case .roundEnded: return .roundEnded
        case .guideSet: return .guideSet
        case .guideAdvanced: return .guideAdvanced
        case .contributionLogged: return .contributionLogged
        case .contributionEdited: return .contributionEdited
        case .contributionStruck: return .contributionStruck
        case .contributionRestored: return .contributionRestored
        case .attributionSet: return .attributionSet
        case .speakerSet: return .speakerSet
        case .codebookSet: return .codebookSet
        case .codeTagged: return .codeTagged
        case .codeUntagged: return .codeUntagged
        case .themeCreated: return .themeCreated
        case .themeLinked: return .themeLinked
        case .themeUnlinked: return .themeUnlinked
        case .redactionAccepted: return .redactionAccepted
        case .redactionRejected: return .redactionRejected
        case .confidentialityReminderGiven: return .confidentialityReminderGiven
        case .concernRaised: return .concernRaised
        case .concernAcknowledged: return .concernAcknowledged
        case .concernActionTaken: return .concernActionTaken
        case .participantWithdrawn: return .participantWithdrawn
        case .importRecorded: return .importRecorded
        case .exportRecorded: return .exportRecorded
        case .erased(let kind): return kind
        }
    }

    public var isErased: Bool {
        if case .erased = self { return true }
        return false
    }

    /// The payload struct, for code that reads one kind (`event.payload as? ContributionLogged`).
    public var payload: any EventPayload {
        switch self {
        case .sessionCreated(let p): return p
        case .sessionClosed(let p): return p
        case .recordingToggled(let p): return p
        case .consoleOpened(let p): return p
        case .facilitatorAdded(let p): return p
        case .participantAdded(let p): return p
        case .participantUpdated(let p): return p
        case .realNameRecorded(let p): return p
        case .consentRecorded(let p): return p
        case .consentChecklistSet(let p): return p
        case .blocklistNameAdded(let p): return p
        case .linkageDestroyed(let p): return p
        case .groupCreated(let p): return p
        case .groupRenamed(let p): return p
        case .groupClosed(let p): return p
        case .participantAssigned(let p): return p
        case .roundStarted(let p): return p
        case .roundEnded(let p): return p
        case .guideSet(let p): return p
        case .guideAdvanced(let p): return p
        case .contributionLogged(let p): return p
        case .contributionEdited(let p): return p
        case .contributionStruck(let p): return p
        case .contributionRestored(let p): return p
        case .attributionSet(let p): return p
        case .speakerSet(let p): return p
        case .codebookSet(let p): return p
        case .codeTagged(let p): return p
        case .codeUntagged(let p): return p
        case .themeCreated(let p): return p
        case .themeLinked(let p): return p
        case .themeUnlinked(let p): return p
        case .redactionAccepted(let p): return p
        case .redactionRejected(let p): return p
        case .confidentialityReminderGiven(let p): return p
        case .concernRaised(let p): return p
        case .concernAcknowledged(let p): return p
        case .concernActionTaken(let p): return p
        case .participantWithdrawn(let p): return p
        case .importRecorded(let p): return p
        case .exportRecorded(let p): return p
        case .erased(let kind): return ErasedEvent(wasKind: kind)
        }
    }
}

extension EventCodec {
    /// Reads a payload written at `version` (the caller has checked it is no newer than
    /// today's). Every kind is at version 1 so far; when one moves on, its arm reads the
    /// older shape and converts it here.
    static func decodeBody(_ kind: EventKind, version: Int, data: Data, decoder: JSONDecoder) throws -> EventBody {
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type, from: data) }
        switch kind {
        case .sessionCreated: return .sessionCreated(try decode(SessionCreated.self))
        case .sessionClosed: return .sessionClosed(try decode(SessionClosed.self))
        case .recordingToggled: return .recordingToggled(try decode(RecordingToggled.self))
        case .consoleOpened: return .consoleOpened(try decode(ConsoleOpened.self))
        case .facilitatorAdded: return .facilitatorAdded(try decode(FacilitatorAdded.self))
        case .participantAdded: return .participantAdded(try decode(ParticipantAdded.self))
        case .participantUpdated: return .participantUpdated(try decode(ParticipantUpdated.self))
        case .realNameRecorded: return .realNameRecorded(try decode(RealNameRecorded.self))
        case .consentRecorded: return .consentRecorded(try decode(ConsentRecorded.self))
        case .consentChecklistSet: return .consentChecklistSet(try decode(ConsentChecklistSet.self))
        case .blocklistNameAdded: return .blocklistNameAdded(try decode(BlocklistNameAdded.self))
        case .linkageDestroyed: return .linkageDestroyed(try decode(LinkageDestroyed.self))
        case .groupCreated: return .groupCreated(try decode(GroupCreated.self))
        case .groupRenamed: return .groupRenamed(try decode(GroupRenamed.self))
        case .groupClosed: return .groupClosed(try decode(GroupClosed.self))
        case .participantAssigned: return .participantAssigned(try decode(ParticipantAssigned.self))
        case .roundStarted: return .roundStarted(try decode(RoundStarted.self))
        case .roundEnded: return .roundEnded(try decode(RoundEnded.self))
        case .guideSet: return .guideSet(try decode(GuideSet.self))
        case .guideAdvanced: return .guideAdvanced(try decode(GuideAdvanced.self))
        case .contributionLogged: return .contributionLogged(try decode(ContributionLogged.self))
        case .contributionEdited: return .contributionEdited(try decode(ContributionEdited.self))
        case .contributionStruck: return .contributionStruck(try decode(ContributionStruck.self))
        case .contributionRestored: return .contributionRestored(try decode(ContributionRestored.self))
        case .attributionSet: return .attributionSet(try decode(AttributionSet.self))
        case .speakerSet: return .speakerSet(try decode(SpeakerSet.self))
        case .codebookSet: return .codebookSet(try decode(CodebookSet.self))
        case .codeTagged: return .codeTagged(try decode(CodeTagged.self))
        case .codeUntagged: return .codeUntagged(try decode(CodeUntagged.self))
        case .themeCreated: return .themeCreated(try decode(ThemeCreated.self))
        case .themeLinked: return .themeLinked(try decode(ThemeLinked.self))
        case .themeUnlinked: return .themeUnlinked(try decode(ThemeUnlinked.self))
        case .redactionAccepted: return .redactionAccepted(try decode(RedactionAccepted.self))
        case .redactionRejected: return .redactionRejected(try decode(RedactionRejected.self))
        case .confidentialityReminderGiven:
            return .confidentialityReminderGiven(try decode(ConfidentialityReminderGiven.self))
        case .concernRaised: return .concernRaised(try decode(ConcernRaised.self))
        case .concernAcknowledged: return .concernAcknowledged(try decode(ConcernAcknowledged.self))
        case .concernActionTaken: return .concernActionTaken(try decode(ConcernActionTaken.self))
        case .participantWithdrawn: return .participantWithdrawn(try decode(ParticipantWithdrawn.self))
        case .importRecorded: return .importRecorded(try decode(ImportRecorded.self))
        case .exportRecorded: return .exportRecorded(try decode(ExportRecorded.self))
        }
    }

    static func encodeBody(_ body: EventBody, encoder: JSONEncoder) throws -> Data {
        switch body {
        case .sessionCreated(let p): return try encoder.encode(p)
        case .sessionClosed(let p): return try encoder.encode(p)
        case .recordingToggled(let p): return try encoder.encode(p)
        case .consoleOpened(let p): return try encoder.encode(p)
        case .facilitatorAdded(let p): return try encoder.encode(p)
        case .participantAdded(let p): return try encoder.encode(p)
        case .participantUpdated(let p): return try encoder.encode(p)
        case .realNameRecorded(let p): return try encoder.encode(p)
        case .consentRecorded(let p): return try encoder.encode(p)
        case .consentChecklistSet(let p): return try encoder.encode(p)
        case .blocklistNameAdded(let p): return try encoder.encode(p)
        case .linkageDestroyed(let p): return try encoder.encode(p)
        case .groupCreated(let p): return try encoder.encode(p)
        case .groupRenamed(let p): return try encoder.encode(p)
        case .groupClosed(let p): return try encoder.encode(p)
        case .participantAssigned(let p): return try encoder.encode(p)
        case .roundStarted(let p): return try encoder.encode(p)
        case .roundEnded(let p): return try encoder.encode(p)
        case .guideSet(let p): return try encoder.encode(p)
        case .guideAdvanced(let p): return try encoder.encode(p)
        case .contributionLogged(let p): return try encoder.encode(p)
        case .contributionEdited(let p): return try encoder.encode(p)
        case .contributionStruck(let p): return try encoder.encode(p)
        case .contributionRestored(let p): return try encoder.encode(p)
        case .attributionSet(let p): return try encoder.encode(p)
        case .speakerSet(let p): return try encoder.encode(p)
        case .codebookSet(let p): return try encoder.encode(p)
        case .codeTagged(let p): return try encoder.encode(p)
        case .codeUntagged(let p): return try encoder.encode(p)
        case .themeCreated(let p): return try encoder.encode(p)
        case .themeLinked(let p): return try encoder.encode(p)
        case .themeUnlinked(let p): return try encoder.encode(p)
        case .redactionAccepted(let p): return try encoder.encode(p)
        case .redactionRejected(let p): return try encoder.encode(p)
        case .confidentialityReminderGiven(let p): return try encoder.encode(p)
        case .concernRaised(let p): return try encoder.encode(p)
        case .concernAcknowledged(let p): return try encoder.encode(p)
        case .concernActionTaken(let p): return try encoder.encode(p)
        case .participantWithdrawn(let p): return try encoder.encode(p)
        case .importRecorded(let p): return try encoder.encode(p)
        case .exportRecorded(let p): return try encoder.encode(p)
        case .erased(let kind): throw SessionError.unreadableEvent(kind: kind.rawValue)
        }
    }
}
