import ArgumentParser
import Foundation
import Importers
import SessionModel
import SessionStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log a contribution; prints its number once it is durable.",
        discussion: "convene log FILE --source verbal --speaker P01 -- What was said.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "verbal, chat, whiteboard or facilitator.") var source: ContributionSource
    @Option(help: "The room (default: the speaker's room, else the main room).") var group: String?
    @Option(help: "Who said it (participant code); none for whiteboard notes.") var speaker: String?
    @Option(name: .customLong("reply-to"), help: "The contribution this responds to (repeatable).") var replyTo: [Int] = []
    @Flag(help: "The text is the note-taker's summary, not verbatim.") var summary = false
    @Argument(parsing: .postTerminator, help: "The text, after `--`. Use `-` to read it from standard input.") var words: [String] = []
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let text: String
        if words == ["-"] {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else { throw CLIError("standard input is not UTF-8 text") }
            text = s.hasSuffix("\n") ? String(s.dropLast()) : s
        } else {
            text = words.joined(separator: " ")
        }
        let journal = try Sessions.open(session)
        let state = journal.state
        let code = try speaker.map { try Sessions.participantCode($0, in: state) }
        let room = try group.map { try Sessions.room($0, in: state) } ?? code.flatMap { state.participant($0)?.room } ?? 0
        let payload = ContributionLogged(source: source, room: room, speaker: code, text: text,
                                         form: summary ? .summary : .verbatim, replyTo: replyTo)
        try Sessions.append(journal, [payload], by: actor.actor)
        // The append folded exactly up to this event, so it is the last contribution.
        print("#\(journal.state.contributions.count)")
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Correct a contribution's text (the old text stays in its history).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "Contribution number.") var number: Int
    @Argument(parsing: .postTerminator, help: "The new text, after `--`.") var words: [String] = []
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        try Sessions.append(journal, [ContributionEdited(number: number, text: words.joined(separator: " "))], by: actor.actor)
        Output.line("#\(number) edited")
    }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Tag a contribution with a code (a code outside the codebook becomes an emergent code).")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var code: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        let emergent = !journal.state.codebook.contains(code)
        try Sessions.append(journal, [CodeTagged(number: number, code: code)], by: actor.actor)
        Output.line("#\(number) tagged \(code)\(emergent ? " (new emergent code)" : "")")
    }
}

struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untag", abstract: "Remove a code from a contribution.")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var code: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        try Sessions.append(journal, [CodeUntagged(number: number, code: code)], by: actor.actor)
        Output.line("#\(number) untagged \(code)")
    }
}

struct StrikeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "strike", abstract: "Strike a contribution from the record (kept in the journal, never exported).")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Option(help: "Why it is struck.") var reason: String?
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        try Sessions.append(journal, [ContributionStruck(number: number, reason: reason)], by: actor.actor)
        Output.line("#\(number) struck")
    }
}

struct AttributionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attribution", abstract: "Set a contribution's Chatham House level: role, anonymous or background.")
    @OptionGroup var session: SessionFileArgument
    @Argument var number: Int
    @Argument var level: AttributionLevel
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        try Sessions.append(journal, [AttributionSet(number: number, level: level)], by: actor.actor)
        Output.line("#\(number) attribution: \(level.rawValue)")
    }
}

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "theme", abstract: "The plenary's theme board.",
                                                    subcommands: [Add.self, Link.self, Unlink.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a theme; prints its number.")
        @OptionGroup var session: SessionFileArgument
        @Argument var title: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [ThemeCreated(title: title)], by: actor.actor)
            print("theme \(journal.state.themes.count)")
        }
    }
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "link", abstract: "Link contributions to a theme: THEME N...")
        @OptionGroup var session: SessionFileArgument
        @Argument var theme: Int
        @Argument var numbers: [Int]
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, numbers.map { ThemeLinked(theme: theme, number: $0) }, by: actor.actor)
            Output.line("linked \(numbers.map { "#\($0)" }.joined(separator: ", ")) to theme \(theme)")
        }
    }
    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlink", abstract: "Unlink a contribution from a theme.")
        @OptionGroup var session: SessionFileArgument
        @Argument var theme: Int
        @Argument var number: Int
        @OptionGroup var actor: ActorOptions
        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [ThemeUnlinked(theme: theme, number: number)], by: actor.actor)
            Output.line("unlinked #\(number) from theme \(theme)")
        }
    }
}

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "codebook", abstract: "Show or set the study codebook.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "A built-in codebook: practice-principles.") var use: String?
    @Option(name: .customLong("import"), help: "A text file of codes: one a line, `Name: description` allowed, # comments.") var importPath: String?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let journal = try Sessions.open(session, readOnly: use == nil && importPath == nil)
        if use != nil && importPath != nil { throw CLIError("give --use or --import, not both") }
        if let use {
            guard use == BuiltInCodebook.practicePrinciplesName else {
                throw CLIError("unknown built-in codebook '\(use)' (available: \(BuiltInCodebook.practicePrinciplesName))")
            }
            try Sessions.append(journal, [CodebookSet(name: use, codes: BuiltInCodebook.practicePrinciples)], by: actor.actor)
        } else if let importPath {
            let codes = try TextFiles.lines(importPath).map { line -> CodeDefinition in
                if let colon = line.firstIndex(of: ":") {
                    return CodeDefinition(name: line[..<colon].trimmingCharacters(in: .whitespaces),
                                          description: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                return CodeDefinition(name: line)
            }
            let name = ((importPath as NSString).lastPathComponent as NSString).deletingPathExtension
            try Sessions.append(journal, [CodebookSet(name: name, codes: codes)], by: actor.actor)
        }
        let book = journal.state.codebook
        Output.line("codebook: \(book.name)")
        for e in book.entries { Output.line("  \(e.name)\(e.emergent ? "  (emergent)" : "")\(e.description.map { " — \($0)" } ?? "")") }
    }
}

struct SpeakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "speaker",
        abstract: "Set who spoke a range of contributions (a transcript imported with no speakers).",
        discussion: "convene speaker FILE 12-40 P03 · `facilitator` makes them the facilitator's words, `none` unattributed. "
            + "Recorded as an event; only spoken contributions take a speaker.")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "A contribution number or a range, FIRST-LAST.") var range: String
    @Argument(help: "A participant code (P03), facilitator, or none.") var speaker: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        let journal = try Sessions.open(session)
        let event = try SpeakerAssignment.event(range: range, speaker: speaker, in: journal.state)
        try Sessions.append(journal, [event], by: actor.actor)
        let who = event.speaker ?? (event.facilitator == true ? "the facilitator" : "no speaker")
        let span = event.first == event.last ? "#\(event.first)" : "#\(event.first)-\(event.last)"
        Output.line("\(span): \(who)")
    }
}
