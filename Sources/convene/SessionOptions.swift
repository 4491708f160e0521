import ArgumentParser
import Foundation
import SessionActions
import SessionModel
import SessionStore
import Study
import TeamStore

/// Options every command that writes to a session shares.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "Who is acting (default: $CONVENE_USER, else your login name).")
    var by: String?

    var actor: String { Actor.resolve(by) }
    /// The command line claims no console role: the session's facilitator list decides.
    var acting: ActingUser { ActingUser(name: actor) }
}

struct SessionFileArgument: ParsableArguments {
    @Argument(help: "The session: a file (NAME.convene) or a team session (postgres://USER@HOST:PORT/DB?session=NAME).")
    var file: String

    @Option(name: .long, help: "Environment variable holding the passphrase of an encrypted session.")
    var passphraseEnv: String?

    var isTeam: Bool { PostgresLocation.isPostgres(file) }
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
    /// A session file. The few commands that work on files only (purge, rekey, salvage)
    /// refuse a team-session address plainly.
    static func open(_ arg: SessionFileArgument, readOnly: Bool = false) throws -> SQLiteJournal {
        if PostgresLocation.isPostgres(arg.file) {
            throw CLIError(
                "this command works on a session file; `convene open` works on a team session, "
                    + "or take a copy first with `convene pull \(arg.file) FILE`")
        }
        return try SQLiteJournal.open(
            path: arg.file, readOnly: readOnly,
            cipherFor: { meta in
                try Passphrases.cipher(for: meta, path: arg.file, env: arg.passphraseEnv)
            })
    }

    /// The backend is chosen by the location: `postgres://…` is a team session
    /// on PostgreSQL (with the offline outbox), anything else a session file.
    static func openJournal(_ arg: SessionFileArgument) throws -> any ErasingJournal {
        guard PostgresLocation.isPostgres(arg.file) else { return try open(arg) }
        return try openTeam(arg)
    }

    /// Any session, to read: a file (read-only) or a team session.
    static func read(_ arg: SessionFileArgument) throws -> any ErasingJournal {
        guard PostgresLocation.isPostgres(arg.file) else { return try open(arg, readOnly: true) }
        return try openTeam(arg)
    }

    static func openTeam(_ arg: SessionFileArgument) throws -> PostgresJournal {
        let outbox = try Outbox(path: Outbox.defaultPath())
        return try PostgresJournal.open(
            arg.file,
            cipherFor: { meta in
                try Passphrases.cipher(
                    for: meta, path: (try? PostgresLocation(parsing: arg.file).description) ?? "the team session",
                    env: arg.passphraseEnv)
            }, outbox: outbox)
    }

    /// The name of the cipher a session's payloads are sealed with (`none` when plain).
    static func encryption(_ journal: any SessionJournal) -> String {
        if let file = journal as? SQLiteJournal { return file.cipher.name }
        if let team = journal as? PostgresJournal { return team.cipher.name }
        return "none"
    }

    /// Where to tell the user the session is: the file path, or the team session as its address says.
    static func displayPlace(_ arg: SessionFileArgument) -> String {
        guard arg.isTeam else { return arg.file }
        return (try? PostgresLocation(parsing: arg.file).description) ?? "the team session"
    }

    /// Runs one command through SessionActions on the session at `arg` (file or
    /// team session) and returns what it did; a refusal throws its one sentence.
    @discardableResult
    static func perform(
        _ command: SessionCommand, on arg: SessionFileArgument, by actor: ActorOptions,
        progress: ((Double, String) -> Void)? = nil
    ) throws -> ActionOutcome {
        let journal: any ErasingJournal
        if case .export(let format, _) = command, !arg.isTeam {
            // A research export of a file reads its contributions a page at a time when it can.
            journal = try SessionExport.openFile(
                arg.file, format: format,
                cipherFor: { meta in
                    try Passphrases.cipher(for: meta, path: arg.file, env: arg.passphraseEnv)
                })
        } else {
            journal = try openJournal(arg)
        }
        defer { (journal as? PostgresJournal)?.close() }
        // The other sessions of a study this one belongs to open with the same passphrase variable.
        let studyCiphers: StudyCipherProvider? = arg.passphraseEnv.map { env in
            { meta, path in try Passphrases.cipher(for: meta, path: path, env: env) }
        }
        let outcome = try SessionActions.perform(
            command, by: actor.acting, on: journal, at: Clock.now(),
            progress: progress, studyCiphers: studyCiphers)
        if let team = journal as? PostgresJournal, let waiting = team.offlineWaiting, waiting > 0 {
            FileHandle.standardError.write(
                Data(
                    "convene: the team server is out of reach; \(waiting) event(s) wait in the offline outbox and are sent when it is back\n"
                        .utf8))
        }
        return outcome
    }
}
