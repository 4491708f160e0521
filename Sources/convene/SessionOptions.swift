import ArgumentParser
import Foundation
import SessionModel
import SessionStore

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
    static func open(_ arg: SessionFileArgument, readOnly: Bool = false) throws -> SQLiteJournal {
        try SQLiteJournal.open(path: arg.file, readOnly: readOnly, cipherFor: { meta in
            try Passphrases.cipher(for: meta, path: arg.file, env: arg.passphraseEnv)
        })
    }

    /// Appends and returns the stored events; a rejected command throws with the model's message.
    @discardableResult
    static func append(_ journal: SQLiteJournal, _ payloads: [any EventPayload], by actor: String) throws -> [StoredEvent] {
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
