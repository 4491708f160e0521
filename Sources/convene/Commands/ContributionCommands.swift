import ArgumentParser
import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log a contribution; prints its number once it is durable.",
        discussion: "convene log FILE --source verbal --speaker P01 -- What was said.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "verbal, chat, whiteboard or facilitator.") var source: ContributionSource
    @Option(help: "The room (default: the speaker's room, else the main room).") var group: String?
    @Option(help: "Who said it (participant code); none for whiteboard notes.") var speaker: String?
    @Option(name: .customLong("reply-to"), help: "The contribution this responds to (repeatable).") var replyTo: [Int] =
        []
    @Flag(help: "The text is the note-taker's summary, not verbatim.") var summary = false
    @Argument(parsing: .postTerminator, help: "The text, after `--`. Use `-` to read it from standard input.")
    var words: [String] = []
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let text: String
        if words == ["-"] {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else {
                throw CLIError("standard input is not UTF-8 text")
            }
            text = s.hasSuffix("\n") ? String(s.dropLast()) : s
        } else {
            text = words.joined(separator: " ")
        }
        let contribution = NewContribution(
            source: source, room: group.map { .named($0) }, speaker: speaker, text: text,
            summary: summary, replyTo: replyTo)
        print(try Sessions.perform(.log(contribution), on: session, by: actor).message)
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct a contribution's text (the old text stays in its history).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "Contribution number.") var number: Int
    @Argument(parsing: .postTerminator, help: "The new text, after `--`.") var words: [String] = []
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(
            try Sessions.perform(.edit(number: number, text: words.joined(separator: " ")), on: session, by: actor)
                .message)
    }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag a contribution with a codebook code (its name, number or a unique prefix: PP3).",
        discussion:
            "A code outside the codebook is refused with the list of codes, unless --emergent says it is a new emergent code."
    )
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var code: String
    @Flag(help: "The code is new: add it to the codebook as an emergent code.") var emergent = false
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(
            try Sessions.perform(.tag(number: number, code: code, emergent: emergent), on: session, by: actor).message)
    }
}

struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untag", abstract: "Remove a code from a contribution.")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var code: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.untag(number: number, code: code), on: session, by: actor).message)
    }
}

struct StrikeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strike", abstract: "Strike a contribution from the record (kept in the journal, never exported).")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Option(help: "Why it is struck.") var reason: String?
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.strike(number: number, reason: reason), on: session, by: actor).message)
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Undo a strike: the contribution is back in the record.")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.restore(number: number), on: session, by: actor).message)
    }
}

struct AttributionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution", abstract: "Set a contribution's Chatham House level: role, anonymous or background."
    )
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var level: AttributionLevel
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.attribution(number: number, level: level), on: session, by: actor).message)
    }
}

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme", abstract: "The plenary's theme board.",
        subcommands: [Add.self, Link.self, Unlink.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Create a theme; prints its number.")
        @OptionGroup var session: SessionFileArgument
        @Argument var title: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            print(try Sessions.perform(.addTheme(title: title), on: session, by: actor).message)
        }
    }
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link", abstract: "Link contributions to a theme: THEME N...")
        @OptionGroup var session: SessionFileArgument
        @Argument var theme: Int
        @Argument var numbers: [Int]
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(
                try Sessions.perform(.linkTheme(theme: theme, numbers: numbers), on: session, by: actor).message)
        }
    }
    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlink", abstract: "Unlink a contribution from a theme.")
        @OptionGroup var session: SessionFileArgument
        @Argument var theme: Int
        @Argument var number: Int
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(
                try Sessions.perform(.unlinkTheme(theme: theme, number: number), on: session, by: actor).message)
        }
    }
}

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook", abstract: "Show or set the study codebook.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "A built-in codebook: practice-principles.") var use: String?
    @Option(
        name: .customLong("import"),
        help: ArgumentHelp(
            "A file of codes: a text list (one a line, `Name: description` allowed, # comments), a REFI-QDA codebook "
                + "(.qdc) or a REFI-QDA project (.qdpx)."))
    var importPath: String?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        if use != nil && importPath != nil { throw CLIError("give --use or --import, not both") }
        if let use {
            guard use == BuiltInCodebook.practicePrinciplesName else {
                throw CLIError(
                    "unknown built-in codebook '\(use)' (available: \(BuiltInCodebook.practicePrinciplesName))")
            }
            try Sessions.perform(
                .setCodebook(name: use, codes: BuiltInCodebook.practicePrinciples), on: session, by: actor)
        } else if let importPath {
            let book = try CodebookFile.read(path: importPath)
            try Sessions.perform(.setCodebook(name: book.name, codes: book.codes), on: session, by: actor)
            Output.line(book.summary)
        }
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        let book = journal.state.codebook
        Output.line("codebook: \(book.name)")
        for e in book.entries {
            Output.line("  \(e.name)\(e.emergent ? "  (emergent)" : "")\(e.description.map { " — \($0)" } ?? "")")
        }
    }
}

struct SpeakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speaker",
        abstract: "Set who spoke a range of contributions (a transcript imported with no speakers).",
        discussion:
            "convene speaker FILE 12-40 P03 · `facilitator` makes them the facilitator's words, `none` unattributed. "
            + "Recorded as an event; only spoken contributions take a speaker.")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "A contribution number or a range, FIRST-LAST.") var range: String
    @Argument(help: "A participant code (P03), facilitator, or none.") var speaker: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let outcome = try Sessions.perform(.setSpeaker(range: range, speaker: speaker), on: session, by: actor)
        guard let event = outcome.stored.last?.event.payload as? SpeakerSet else { return }
        let who = event.speaker ?? (event.facilitator == true ? "the facilitator" : "no speaker")
        let span = event.first == event.last ? "#\(event.first)" : "#\(event.first)-\(event.last)"
        Output.line("\(span): \(who)")
    }
}
