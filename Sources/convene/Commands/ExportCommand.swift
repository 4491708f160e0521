import ArgumentParser
import Exporters
import Foundation
import SessionModel
import SessionStore

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the session out: json, csv, quotes-csv, markdown (research data, anonymised), or safeguarding (the register alone).")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "json, csv, quotes-csv, markdown or safeguarding.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let journal = try Sessions.open(session)
        let state = journal.state
        guard state.info != nil else { throw SessionError.noSession }
        let data: Data
        switch format {
        case .safeguarding:
            // The register goes out only on its own, and only as the safeguarding lead sees it.
            data = try SafeguardingRegisterExport.json(state, role: .safeguarding)
        default:
            let record = ResearchGate.record(state)
            switch format {
            case .json: data = try ResearchFormats.json(record)
            case .csv: data = Data(ResearchFormats.csv(record).utf8)
            case .quotesCSV: data = Data(ResearchFormats.csv(record, quotesOnly: true).utf8)
            case .markdown: data = Data(ResearchFormats.markdown(record).utf8)
            case .safeguarding: fatalError("handled above")
            }
        }
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
