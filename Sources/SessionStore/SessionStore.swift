/// SessionStore owns durability: the journal of a session in one SQLite file
/// (`NAME.convene`, through GRDB), appended one transaction at a time and never
/// rewritten except by erasure; the hash chain that makes later tampering
/// visible; the snapshot that keeps opening fast; encryption at rest
/// (`EncryptedPayloads`); physical erasure for withdrawal and anonymisation
/// (`Erasure.swift`, `Withdrawal.swift`); and the `SessionJournal` protocol
/// every other backend (PostgreSQL in TeamStore) implements.
import Foundation
import SessionModel

/// An event as it sits in a journal: its place in the order and its chain links.
public struct StoredEvent: Sendable {
    public let seq: Int
    public let event: SessionEvent
    /// SHA-256 over the previous hash, the event's header and its commitment.
    public let hash: Data
    /// SHA-256 over salt and payload; kept when the payload is erased.
    public let commitment: Data

    public init(seq: Int, event: SessionEvent, hash: Data, commitment: Data) {
        self.seq = seq
        self.event = event
        self.hash = hash
        self.commitment = commitment
    }
}

/// What the console and the command line need of a journal, whatever the backend.
public protocol SessionJournal: AnyObject, Sendable {
    /// Where the session lives, as the user named it.
    var location: String { get }
    /// The state folded up to the last event this handle has read.
    var state: SessionState { get }
    /// Reads events appended since the last read (by this or any other process)
    /// and folds them in; returns them in order.
    @discardableResult func refresh() throws -> [StoredEvent]
    /// Validates `payloads` against the latest state and appends them durably,
    /// all or none. Returns them as stored, after any events from others.
    @discardableResult func append(_ payloads: [any EventPayload], by: String, at: Date) throws -> [StoredEvent]
    /// Appends the events `build` makes from the LATEST state, read inside the
    /// write transaction (after every other writer's events), so numbers and
    /// links it computes cannot go stale. `build` runs once; an error it throws
    /// is rethrown as it is and nothing is written. An empty result writes nothing.
    /// (A team session may run it again, against its local state, if the link drops meanwhile.)
    @discardableResult func append(
        by: String, at: Date,
        building build: (SessionState) throws -> [any EventPayload]
    ) throws -> [StoredEvent]
}

/// A journal that can erase physically (withdrawal, anonymisation): the file
/// (`SQLiteJournal`) and the team session (`PostgresJournal`).
public protocol ErasingJournal: SessionJournal {
    /// Every stored event, in order.
    func allEvents() throws -> [StoredEvent]
    /// Where the journal ends now, as an anchor or a receipt records it (nil where none is kept).
    var head: JournalHead? { get }
    /// Plans inside one write transaction from the latest state and events,
    /// clears the planned payloads, appends the plan's events, then squeezes
    /// the freed bytes out of the storage.
    @discardableResult
    func erase(
        by actor: String, at: Date,
        plan planner: (SessionState, [StoredEvent]) throws -> ErasurePlan
    ) throws -> ErasureResult
}

/// An error thrown by a caller's closure inside a journal's transaction,
/// carried out unchanged past the store's own error mapping.
public struct CallerError: Error {
    public let error: any Error
    public init(error: any Error) { self.error = error }
}
