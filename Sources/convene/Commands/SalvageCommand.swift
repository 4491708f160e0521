import ArgumentParser
import Foundation
import SessionStore

struct SalvageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salvage", abstract: "Recover every intact event of a damaged session file into a new file.")
    @Argument(help: "The damaged session file.") var broken: String
    @Argument(help: "The new file to write.") var target: String
    @Option(help: "Environment variable holding the passphrase of an encrypted session.") var passphraseEnv: String?

    func run() throws {
        let report = try SQLiteJournal.salvage(
            from: broken, to: target,
            cipherFor: { meta in
                try Passphrases.cipher(for: meta, path: broken, env: passphraseEnv)
            })
        Output.line("recovered \(report.recovered) events into \(target)")
        if report.lost.isEmpty {
            Output.line("nothing was lost")
        } else {
            Output.line(
                "lost \(report.lost.count) events at journal positions \(report.lost.prefix(50).map(String.init).joined(separator: ", "))\(report.lost.count > 50 ? ", …" : "")"
            )
        }
    }
}
