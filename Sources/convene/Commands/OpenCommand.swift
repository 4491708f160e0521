import ArgumentParser
import ConsoleApp
import Foundation
import Privacy
import SessionModel
import SessionStore
import TeamStore
import TerminalKit

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the live console on a session (also: convene FILE).")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "lead, safeguarding, notetaker or observer: decides what of the safeguarding register you see.")
    var role: ConsoleRole = .notetaker
    @Option(help: "Colour theme: default, high-contrast, monochrome, colour-blind, or a theme file.") var theme: String?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the console needs a terminal; use the other subcommands in scripts")
        }
        // The name lists load while the session opens, not before the first screen.
        NameLists.loadInBackground()
        let journal = try Sessions.openJournal(session)
        guard journal.state.info != nil else { throw SessionError.noSession }
        defer { (journal as? PostgresJournal)?.close() }
        try Console.launch(journal: journal, role: role, user: actor.actor, themeName: theme)
    }
}

enum Console {
    static func launch(journal: any SessionJournal, role: ConsoleRole, user: String, themeName: String?) throws {
        let (colours, problems) = ColourTheme.resolve(
            requested: themeName, environment: ProcessInfo.processInfo.environment)
        for p in problems { FileHandle.standardError.write(Data("convene: \(p)\n".utf8)) }
        if !problems.isEmpty { Thread.sleep(forTimeInterval: 1.5) }
        // A team session reports its link: the header shows "offline — N waiting",
        // the status line what the server refused after an outage.
        let link: (() -> LinkStatus)? = (journal as? PostgresJournal).map { team in
            { LinkStatus(offlineWaiting: team.offlineWaiting, notices: team.takeNotices()) }
        }
        let location = (journal as? PostgresJournal)?.target.description ?? journal.location
        try ConsoleRunner.run(
            journal: journal, context: ConsoleContext(role: role, user: user, location: location), theme: colours,
            link: link)
    }

    /// `convene demo` opens the console this way on a terminal.
    static func openDemo(_ path: String) throws {
        NameLists.loadInBackground()
        let journal = try SQLiteJournal.open(path: path)
        try launch(journal: journal, role: .lead, user: Actor.resolve(nil), themeName: nil)
    }
}
