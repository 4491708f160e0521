import Foundation

/// What `event.payload` is for an erased event: the journal keeps the event's
/// kind (so numbering survives) and nothing of its content.
public struct ErasedEvent: EventPayload {
    public static let kind = "erased"
    public var wasKind: EventKind
    public init(wasKind: EventKind) { self.wasKind = wasKind }
    public var body: EventBody { .erased(wasKind) }
}

/// One entry of the journal: what changed, when and by whom.
public struct SessionEvent: Sendable, CustomStringConvertible {
    public var id: UUID
    public var at: Date
    /// The facilitator's name (`--by`, else `CONVENE_USER`, else the OS user).
    public var by: String
    /// The content, one case per kind: switch over it, exhaustively.
    public var body: EventBody

    public init(id: UUID = UUID(), at: Date, by: String, _ payload: any EventPayload) {
        self.init(id: id, at: at, by: by, body: payload.body)
    }

    public init(id: UUID = UUID(), at: Date, by: String, body: EventBody) {
        self.id = id
        self.at = at
        self.by = by
        self.body = body
    }

    /// The payload struct, for code that reads one kind (`event.payload as? ContributionLogged`).
    public var payload: any EventPayload { body.payload }

    /// The name stored in the journal; an erased event keeps the kind it was.
    public var kind: String { body.kind.rawValue }
    public var version: Int { body.kind.version }
    public var isErased: Bool { body.isErased }
    public var description: String { "\(kind) by \(by)" }

    /// Concern payloads form the restricted register, stored and shipped apart
    /// from research data.
    public var isRestricted: Bool { body.kind.isRestricted }
}

/// Encoding and decoding of payloads by kind, through the exhaustive switches in
/// `EventKind.swift`.
public enum EventCodec {
    /// Every name a journal may hold.
    public static var knownKinds: Set<String> { Set(EventKind.allCases.map(\.rawValue)) }

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
        try encode(payload.body)
    }

    public static func encode(_ body: EventBody) throws -> Data {
        try encodeBody(body, encoder: encoder)
    }

    /// Decodes a stored payload. `nil` data means the event was erased.
    public static func decode(kind: String, version: Int, data: Data?) throws -> any EventPayload {
        try decodeBody(kind: kind, version: version, data: data).payload
    }

    /// Decodes a stored payload into its case. `nil` data means the event was erased.
    public static func decodeBody(kind name: String, version: Int, data: Data?) throws -> EventBody {
        guard let kind = EventKind(rawValue: name) else { throw SessionError.unknownEventKind(name) }
        guard let data else { return .erased(kind) }
        guard version <= kind.version else { throw SessionError.eventFromNewerVersion(kind: name, version: version) }
        guard version >= 1 else { throw SessionError.unreadableEvent(kind: name) }
        do {
            return try decodeBody(kind, version: version, data: data, decoder: decoder)
        } catch {
            throw SessionError.unreadableEvent(kind: name)
        }
    }
}
