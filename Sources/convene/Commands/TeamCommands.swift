import ArgumentParser
import Foundation
import SessionStore
import TeamStore

/// `convene push` and `convene pull`: moving a whole session between a file and
/// a team server (PostgreSQL), row for row, hash chain and redactions intact.
/// The password comes from PGPASSWORD or ~/.pgpass, never from the command line.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract:
            "Upload a session file as a team session: convene push FILE postgres://USER@HOST:PORT/DB?session=NAME.",
        discussion:
            "The password comes from PGPASSWORD or ~/.pgpass (mode 0600). An encrypted session stays encrypted: the server receives only sealed payloads."
    )
    @Argument(help: "The session file to upload.") var file: String
    @Argument(help: "postgres://USER@HOST:PORT/DB?session=NAME[&sslmode=require|verify-full]") var location: String

    func run() throws {
        let target = try PostgresLocation(parsing: location)
        let summary = try SessionTransfer.push(file: file, to: location)
        Output.line(
            "uploaded \(summary.events) events to \(target)\(summary.encrypted ? " (still encrypted: the server holds only sealed payloads)" : "")"
        )
    }
}

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract:
            "Take a team session into a new local file: convene pull postgres://USER@HOST:PORT/DB?session=NAME FILE.",
        discussion: "The file gets exactly the events the server holds (and you may read), with their hash chain.")
    @Argument(help: "postgres://USER@HOST:PORT/DB?session=NAME[&sslmode=require|verify-full]") var location: String
    @Argument(help: "The session file to write (must not exist).") var file: String

    func run() throws {
        let target = try PostgresLocation(parsing: location)
        let summary = try SessionTransfer.pull(from: location, to: file)
        Output.line("wrote \(summary.events) events from \(target) to \(file)")
    }
}
