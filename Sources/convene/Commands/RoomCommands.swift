import ArgumentParser
import Foundation
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Breakout rooms.",
        subcommands: [Add.self, Assign.self, Rename.self, Close.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a breakout room.")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "Room name.") var name: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.createGroup(name: name), on: session, by: actor).message)
        }
    }
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign or move participants to a room: CODE... ROOM (use `main` for the main room).")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "One or more participant codes, then the room name.") var items: [String]
        @OptionGroup var actor: ActorOptions
        func validate() throws {
            guard items.count >= 2 else { throw ValidationError("give at least one participant code and a room name") }
        }
        func run() throws {
            let command = SessionCommand.move(participants: Array(items.dropLast()), to: .named(items.last!))
            Output.line(try Sessions.perform(command, on: session, by: actor).message)
        }
    }
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a breakout room.")
        @OptionGroup var session: SessionFileArgument
        @Argument var name: String
        @Argument var newName: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.renameGroup(room: name, to: newName), on: session, by: actor).message)
        }
    }
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "Close a breakout room (its members return to the main room).")
        @OptionGroup var session: SessionFileArgument
        @Argument var name: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.closeGroup(room: name), on: session, by: actor).message)
        }
    }
}

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Timed breakout rounds.",
        subcommands: [Start.self, End.self])
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a breakout round.")
        @OptionGroup var session: SessionFileArgument
        @Option(help: "How long the round lasts.") var minutes: Int
        @Option(help: "The prompt the rooms discuss.") var prompt: String?
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(
                try Sessions.perform(.startRound(minutes: minutes, prompt: prompt), on: session, by: actor).message)
        }
    }
    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "end", abstract: "End the running breakout round.")
        @OptionGroup var session: SessionFileArgument
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.endRound, on: session, by: actor).message)
        }
    }
}

struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guide",
        abstract: "Set the discussion guide from a text or Markdown file, or move to a segment (--go N).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "The guide file (Markdown headings are segments; list items are prompts; `(10 min)` plans time).")
    var guide: String?
    @Option(help: "Move to segment N (1-based).") var go: Int?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        if let guide {
            guard let data = FileManager.default.contents(atPath: guide), let text = String(data: data, encoding: .utf8)
            else {
                throw CLIError("cannot read \(guide) as UTF-8 text")
            }
            let segments = DiscussionGuideParser.parse(text)
            Output.line(try Sessions.perform(.setGuide(segments), on: session, by: actor).message)
        }
        if let go {
            Output.line(try Sessions.perform(.guide(.segment(go)), on: session, by: actor).message)
        }
        if guide == nil && go == nil {
            let journal = try Sessions.read(session)
            defer { (journal as? PostgresJournal)?.close() }
            let g = journal.state.guide
            for (i, s) in g.segments.enumerated() {
                Output.line(
                    "\(i == g.current ? "▶" : " ") \(i + 1). \(s.title)\(s.minutes.map { " (\($0) min)" } ?? "")")
                for p in s.prompts { Output.line("     - \(p)") }
            }
        }
    }
}
