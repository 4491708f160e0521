import ArgumentParser
import Exporters
import Foundation
import Privacy
import SessionActions
import SessionModel
import SessionStore

extension ExportFormat: ExpressibleByArgument {}

/// `convene export SESSION --format F -o OUT`: the export action (SessionActions:
/// `Exporter.export`, written whole or not at all, recorded in the journal).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the session out: json, markdown, html, docx, csv, quotes-csv, qdpx, qdc (research data, anonymised), or safeguarding (the register alone)."
    )
    @OptionGroup var session: SessionFileArgument
    @Option(help: "json, markdown, html, docx, csv, quotes-csv, qdpx, qdc or safeguarding.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @Flag(help: "List every implicit-identification warning (by default at most 10 lines).") var all = false
    @OptionGroup var actor: ActorOptions

    func run() throws {
        // The gate's scanner needs the name lists: they load while the session opens.
        if format.isResearch { NameLists.loadInBackground() }
        let outcome = try Sessions.perform(.export(format: format, path: output), on: session, by: actor)
        if case .exported(_, let warnings) = outcome.result {
            // Warned, not refused: the facilitator decides whether to lower attribution first.
            // One line per role and place pairing, the place as a placeholder (never in clear on a terminal).
            for line in warnings?.lines(all: all) ?? [] { Output.line("warning: \(line)") }
        }
        Output.line(outcome.message)
    }
}
