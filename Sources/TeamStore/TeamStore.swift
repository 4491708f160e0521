/// TeamStore owns team sessions on PostgreSQL: the address and password
/// lookup (`PostgresLocation`), a blocking bridge over postgres-nio
/// (`PostgresLink`), the server schema with its migrations and row-level
/// security (`PostgresSchema`), the journal itself (`PostgresJournal`), the
/// offline outbox (`Outbox`) and moving sessions between a file and a server
/// (`SessionTransfer`, behind `convene push` / `convene pull`).
import Foundation
import SessionModel
import SessionStore

/// Why a team session could not be reached, read or written, said plainly.
public enum TeamStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case badLocation(String, String)
    case passwordFileNotPrivate(String)
    case cannotConnect(String, String)
    case connectionLost(String)
    case noSuchSession(String)
    case sessionExists(String)
    case newerSchema(found: Int, supported: Int)
    case server(String)
    case damaged(String)
    /// The claimed actor is not the person the lead mapped to this database role.
    case forgedActor(role: String, person: String, claimed: String)

    public var description: String {
        switch self {
        case .badLocation(let text, let why): return "\(text) is not a usable team-session address: \(why)"
        case .passwordFileNotPrivate(let file):
            return
                "\(file) can be read by other users; make it private with `chmod 600 \(file)` (the password in it was not used)"
        case .cannotConnect(let place, let why): return "cannot reach the team server \(place): \(why)"
        case .connectionLost(let place): return "the connection to \(place) was lost; nothing partial was saved"
        case .noSuchSession(let place):
            return "there is no team session at \(place) (upload one with `convene push FILE \(place)`)"
        case .sessionExists(let place):
            return "a team session already exists at \(place); choose another ?session= name"
        case .newerSchema(let found, let supported):
            return
                "the team server's tables were set up by a newer Convene (schema \(found); this one knows up to \(supported)); update Convene"
        case .server(let message): return "the team server refused: \(message)"
        case .damaged(let detail): return "the team session is damaged: \(detail)"
        case .forgedActor(let role, let person, let claimed):
            return
                "you are signed in to the team server as \(role), whom the lead mapped to \(person); an event cannot be written as \(claimed)"
        }
    }
}
