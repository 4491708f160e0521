import ArgumentParser
import Foundation
import SessionModel
import SessionStore

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "group", abstract: "Breakout rooms.",
                                                    subcommands: [Add.self, Assign.self, Rename.self, Close.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a breakout room.")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "Room name.") var name: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [GroupCreated(name: name)], by: actor.actor)
            Output.line("room \(name) created")
        }
    }
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign or move participants to a room: CODE... ROOM (use `main` for the main room).")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "One or more participant codes, then the room name.") var items: [String]
        @OptionGroup var actor: ActorOptions
        func validate() throws {
            guard items.count >= 2 else { throw ValidationError("give at least one participant code and a room name") }
        }
        func run() throws {
            let journal = try Sessions.open(session)
            let state = journal.state
            let room = try Sessions.room(items.last!, in: state)
            let codes = try items.dropLast().map { try Sessions.participantCode($0, in: state) }
            try Sessions.append(journal, codes.map { ParticipantAssigned(code: $0, room: room) }, by: actor.actor)
            Output.line("\(codes.joined(separator: ", ")) → \(state.roomName(room))")
        }
    }
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a breakout room.")
        @OptionGroup var session: SessionFileArgument
        @Argument var name: String
        @Argument var newName: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            let room = try Sessions.room(name, in: journal.state)
            try Sessions.append(journal, [GroupRenamed(room: room, name: newName)], by: actor.actor)
            Output.line("room renamed to \(newName)")
        }
    }
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a breakout room (its members return to the main room).")
        @OptionGroup var session: SessionFileArgument
        @Argument var name: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            let room = try Sessions.room(name, in: journal.state)
            try Sessions.append(journal, [GroupClosed(room: room)], by: actor.actor)
            Output.line("room \(name) closed")
        }
    }
}

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "round", abstract: "Timed breakout rounds.",
                                                    subcommands: [Start.self, End.self])
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a breakout round.")
        @OptionGroup var session: SessionFileArgument
        @Option(help: "How long the round lasts.") var minutes: Int
        @Option(help: "The prompt the rooms discuss.") var prompt: String?
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [RoundStarted(minutes: minutes, prompt: prompt)], by: actor.actor)
            Output.line("round \(journal.state.rounds.count) started: \(minutes) minutes")
        }
    }
    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "end", abstract: "End the running breakout round.")
        @OptionGroup var session: SessionFileArgument
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [RoundEnded()], by: actor.actor)
            Output.line("round \(journal.state.rounds.count) ended")
        }
    }
}

struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "guide", abstract: "Set the discussion guide from a text or Markdown file, or move to a segment (--go N).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "The guide file (Markdown headings are segments; list items are prompts; `(10 min)` plans time).") var guide: String?
    @Option(help: "Move to segment N (1-based).") var go: Int?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let journal = try Sessions.open(session)
        if let guide {
            guard let data = FileManager.default.contents(atPath: guide), let text = String(data: data, encoding: .utf8) else {
                throw CLIError("cannot read \(guide) as UTF-8 text")
            }
            let segments = DiscussionGuideParser.parse(text)
            try Sessions.append(journal, [GuideSet(segments: segments)], by: actor.actor)
            Output.line("guide set: \(segments.count) segments")
        }
        if let go {
            try Sessions.append(journal, [GuideAdvanced(segment: go - 1)], by: actor.actor)
            Output.line("now at segment \(go): \(journal.state.guide.segments[go - 1].title)")
        }
        if guide == nil && go == nil {
            let g = journal.state.guide
            for (i, s) in g.segments.enumerated() {
                Output.line("\(i == g.current ? "▶" : " ") \(i + 1). \(s.title)\(s.minutes.map { " (\($0) min)" } ?? "")")
                for p in s.prompts { Output.line("     - \(p)") }
            }
        }
    }
}
