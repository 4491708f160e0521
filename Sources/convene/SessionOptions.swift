import ArgumentParser
import Foundation
import SessionModel
import SessionStore
import TeamStore

/// Options every command that writes to a session shares.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "Who is acting (default: $CONVENE_USER, else your login name).")
    var by: String?

    var actor: String { Actor.resolve(by) }
}

struct SessionFileArgument: ParsableArguments {
    @Argument(help: "The session file (NAME.convene).")
    var file: String

    @Option(name: .long, help: "Environment variable holding the passphrase of an encrypted session.")
    var passphraseEnv: String?
}

enum Actor {
    /// `--by`, else `CONVENE_USER`, else the operating-system user.
    static func resolve(_ by: String?) -> String {
        if let by, !by.trimmingCharacters(in: .whitespaces).isEmpty { return by }
        let env = ProcessInfo.processInfo.environment
        if let user = env["CONVENE_USER"], !user.isEmpty { return user }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return env["USER"] ?? "unknown"
    }
}

enum Clock {
    static func now() -> Date { Date() }
}

enum Sessions {
    /// A session file. Commands that work on files only refuse a team-session address plainly.
    static func open(_ arg: SessionFileArgument, readOnly: Bool = false) throws -> SQLiteJournal {
        if PostgresLocation.isPostgres(arg.file) {
            throw CLIError("this command works on a session file; `convene open` works on a team session, "
                           + "or take a copy first with `convene pull \(arg.file) FILE`")
        }
        return try SQLiteJournal.open(path: arg.file, readOnly: readOnly, cipherFor: { meta in
            try Passphrases.cipher(for: meta, path: arg.file, env: arg.passphraseEnv)
        })
    }

    /// The backend is chosen by the location: `postgres://…` is a team session
    /// on PostgreSQL (with the offline outbox), anything else a session file.
    static func openJournal(_ arg: SessionFileArgument) throws -> any SessionJournal {
        guard PostgresLocation.isPostgres(arg.file) else { return try open(arg) }
        let outbox = try Outbox(path: Outbox.defaultPath())
        return try PostgresJournal.open(arg.file, cipherFor: { meta in
            try Passphrases.cipher(for: meta, path: (try? PostgresLocation(parsing: arg.file).description) ?? "the team session",
                                   env: arg.passphraseEnv)
        }, outbox: outbox)
    }

    /// Appends and returns the stored events; a rejected command throws with the model's message.
    @discardableResult
    static func append(_ journal: any SessionJournal, _ payloads: [any EventPayload], by actor: String) throws -> [StoredEvent] {
        try journal.append(payloads, by: actor, at: Clock.now())
    }

    static func room(_ name: String, in state: SessionState) throws -> RoomID {
        let lowered = name.lowercased()
        if lowered == "main" || lowered == "main room" || lowered == "plenary" { return 0 }
        guard let room = state.room(named: name) else { throw SessionError.unknownRoom(name) }
        return room.id
    }

    static func participantCode(_ code: String, in state: SessionState) throws -> String {
        let upper = code.uppercased()
        guard state.participant(upper) != nil else { throw SessionError.unknownParticipant(code) }
        return upper
    }
}
