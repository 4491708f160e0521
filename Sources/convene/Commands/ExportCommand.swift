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
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let journal = try Sessions.open(session)
        let state = journal.state
        guard state.info != nil else { throw SessionError.noSession }
        if format.isResearch {
            // Warned, not refused: the facilitator decides whether to lower attribution first.
            for warning in Exporter.warnings(state) { Output.line("warning: \(warning)") }
        }
        let data = try Exporter.export(state, format: format)
        // Written whole or not at all.
        let temp = output + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: data) else { throw CLIError("cannot write \(output)") }
        guard rename(temp, output) == 0 else {
            try? FileManager.default.removeItem(atPath: temp)
            throw CLIError("cannot write \(output): \(String(cString: strerror(errno)))")
        }
        // Recorded so a later withdrawal can list the exports to delete by hand.
        try Sessions.append(journal, [ExportRecorded(format: format.rawValue, fileName: (output as NSString).lastPathComponent)], by: actor.actor)
        Output.line("wrote \(output) (\(format.rawValue), \(data.count) bytes)")
    }
}
