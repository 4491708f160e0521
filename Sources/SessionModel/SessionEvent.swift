import Foundation

/// The record a withdrawal leaves in place of an erased event: the journal
/// keeps the event's kind (so numbering survives) and nothing of its content.
public struct ErasedEvent: EventPayload {
    public static let kind = "erased"
    public var wasKind: String
    public init(wasKind: String) { self.wasKind = wasKind }
}

/// One entry of the journal: what changed, when and by whom.
public struct SessionEvent: Sendable, CustomStringConvertible {
    public var id: UUID
    public var at: Date
    /// The facilitator's name (`--by`, else `CONVENE_USER`, else the OS user).
    public var by: String
    public var payload: any EventPayload

    public init(id: UUID = UUID(), at: Date, by: String, _ payload: any EventPayload) {
        self.id = id; self.at = at; self.by = by; self.payload = payload
    }

    /// The name stored in the journal; an erased event keeps the kind it was.
    public var kind: String {
        if let erased = payload as? ErasedEvent { return erased.wasKind }
        return type(of: payload).kind
    }
    public var version: Int { type(of: payload).version }
    public var isErased: Bool { payload is ErasedEvent }
    public var description: String { "\(kind) by \(by)" }

    /// Concern payloads form the restricted register, stored and shipped apart
    /// from research data.
    public var isRestricted: Bool { kind.hasPrefix("concern.") }
}

/// Encoding and decoding of payloads by kind. The one place that lists every kind.
public enum EventCodec {
    public static let payloadTypes: [any EventPayload.Type] = [
        SessionCreated.self, SessionClosed.self, RecordingToggled.self, ConsoleOpened.self,
        FacilitatorAdded.self, ParticipantAdded.self, RealNameRecorded.self, ConsentRecorded.self,
        ConsentChecklistSet.self, BlocklistNameAdded.self, LinkageDestroyed.self,
        GroupCreated.self, GroupRenamed.self, GroupClosed.self, ParticipantAssigned.self,
        RoundStarted.self, RoundEnded.self, GuideSet.self, GuideAdvanced.self,
        ContributionLogged.self, ContributionEdited.self, ContributionStruck.self, AttributionSet.self, SpeakerSet.self,
        CodebookSet.self, CodeTagged.self, CodeUntagged.self, ThemeCreated.self, ThemeLinked.self, ThemeUnlinked.self,
        RedactionAccepted.self, RedactionRejected.self, ConfidentialityReminderGiven.self,
        ConcernRaised.self, ConcernAcknowledged.self, ConcernActionTaken.self,
        ParticipantWithdrawn.self, ImportRecorded.self, ExportRecorded.self,
    ]

    private static let byKind: [String: any EventPayload.Type] =
        Dictionary(uniqueKeysWithValues: payloadTypes.map { ($0.kind, $0) })

    public static var knownKinds: Set<String> { Set(byKind.keys) }

    // Configured once: building a coder per event dominated replay time.
    // Both are Sendable; each call keeps its own state.
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .secondsSince1970
        return e
    }()
    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }()

    public static func encode(_ payload: any EventPayload) throws -> Data {
        try encoder.encode(payload)
    }

    /// Decodes a stored payload. `nil` data means the event was erased.
    public static func decode(kind: String, version: Int, data: Data?) throws -> any EventPayload {
        guard let data else { return ErasedEvent(wasKind: kind) }
        guard let type = byKind[kind] else { throw SessionError.unknownEventKind(kind) }
        guard version <= type.version else { throw SessionError.eventFromNewerVersion(kind: kind, version: version) }
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw SessionError.unreadableEvent(kind: kind)
        }
    }
}
