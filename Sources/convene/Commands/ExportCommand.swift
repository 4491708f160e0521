import ArgumentParser
import Exporters
import Foundation
import SessionModel
import SessionStore

extension ExportFormat: ExpressibleByArgument {}

/// `convene export FILE --format F -o OUT`: one call to `Exporter.export`,
/// written whole or not at all, and recorded in the journal.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the session out: json, markdown, html, docx, csv, quotes-csv, qdpx, qdc (research data, anonymised), or safeguarding (the register alone).")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "json, markdown, html, docx, csv, quotes-csv, qdpx, qdc or safeguarding.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @Flag(help: "List every implicit-identification warning (by default at most 10 lines).") var all = false
    @OptionGroup var actor: ActorOptions

    func run() throws {
        // Checked before the work, so a wrong -o costs nothing.
        try ExportFile.checkTarget(output, input: session.file)
        let journal = try Sessions.open(session)
        let state = journal.state
        guard state.info != nil else { throw SessionError.noSession }
        // The record and the warnings are computed once; the format is written from them.
        let prepared = format.isResearch ? try Exporter.prepare(state) : nil
        // Warned, not refused: the facilitator decides whether to lower attribution first.
        // One line per role and place pairing, the place as a placeholder (never in clear on a terminal).
        for line in prepared?.summary.lines(all: all) ?? [] { Output.line("warning: \(line)") }
        // Written whole or not at all, 0600, never over a session file or the input.
        let bytes = try ExportFile.write(to: output, input: session.file) { sink in
            try Exporter.write(state, format: format, prepared: prepared, to: sink)
        }
        // Recorded so a later withdrawal can list the exports to delete by hand.
        try Sessions.append(journal, [ExportRecorded(format: format.rawValue, fileName: (output as NSString).lastPathComponent)], by: actor.actor)
        Output.line("wrote \(output) (\(format.rawValue), \(bytes) bytes)")
    }
}
