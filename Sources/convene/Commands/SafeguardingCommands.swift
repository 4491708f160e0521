import ArgumentParser
import Exporters
import Foundation
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag", abstract: "Raise a safeguarding concern; prints its number.",
        discussion:
            "convene flag FILE --contribution 12 --category risk-to-child-or-young-person --urgency immediate --by \"Ira\" -- What was disclosed"
    )
    @OptionGroup var session: SessionFileArgument
    @Option(
        name: .customLong("contribution"),
        help: "The contribution(s) it rests on (repeatable; none if it was seen, not said).") var contributions: [Int] =
            []
    @Option(help: "The participant concerned (code).") var participant: String?
    @Option(help: "The room (default: the contribution's room, else the main room).") var group: String?
    @Option(
        help:
            "risk-to-participant, risk-to-child-or-young-person, risk-to-adult, unsafe-practice, professional-misconduct, other."
    ) var category: ConcernCategory
    @Option(help: "immediate, same-day or after-session.") var urgency: ConcernUrgency
    @Argument(parsing: .postTerminator, help: "The restricted description, after `--`.") var words: [String] = []
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let concern = NewConcern(
            contributions: contributions, participant: participant, room: group.map { .named($0) },
            category: category, urgency: urgency, description: words.joined(separator: " "))
        print(try Sessions.perform(.flag(concern), on: session, by: actor).message)
    }
}

struct ConcernCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concern", abstract: "Act on a safeguarding concern.",
        subcommands: [Action.self, Acknowledge.self])
    struct Action: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "action",
            abstract: "Add an action to a concern's timeline (actions are never edited, only followed).")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "Concern number.") var concern: Int
        @Option(help: "discussed, consulted, referred, informed or closed.") var kind: ConcernActionKind
        @Option(help: "For referrals: who it went to (children's services, police, Social Work England, LADO, …).")
        var to: String?
        @Option(help: "The reference the body gave.") var ref: String?
        @Argument(parsing: .postTerminator, help: "The note, after `--` (for `closed`, the rationale).") var words:
            [String] = []
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let command = SessionCommand.concernAction(
                concern: concern, kind: kind, to: to, reference: ref,
                note: words.joined(separator: " "))
            Output.line(try Sessions.perform(command, on: session, by: actor).message)
        }
    }
    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack",
            abstract: "Acknowledge a concern (safeguarding lead or lead facilitator), clearing its alert.")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "Concern number.") var concern: Int
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.acknowledge(concern: concern), on: session, by: actor).message)
        }
    }
}

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Show the safeguarding register (restricted) as the given role sees it.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "lead, safeguarding, notetaker or observer.") var role: ConsoleRole = .lead
    @Flag(help: "One JSON document.") var json = false
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        if json {
            print(
                String(
                    decoding: try SafeguardingRegisterExport.json(journal.state, role: role, name: actor.actor),
                    as: UTF8.self))
        } else {
            for line in SafeguardingRegisterExport.text(journal.state, role: role, name: actor.actor).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                Output.line(String(line))
            }
        }
    }
}

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Record that the confidentiality agreement was restated (optionally against a contribution).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "The contribution that disclosed identifying information.") var number: Int?
    @Option(help: "A short note.") var note: String?
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.remind(number: number, note: note), on: session, by: actor).message)
    }
}
