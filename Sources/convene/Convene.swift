import ArgumentParser
import Foundation

struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Run live online focus groups: capture, flag, anonymise, export.",
        discussion: "Every action of the console is also a subcommand. See docs/cli.md.",
        version: "0.1.0",
        subcommands: [
            NewCommand.self, OpenCommand.self, ShowCommand.self, ListCommand.self, CheckCommand.self, DemoCommand.self,
            ParticipantCommand.self, FacilitatorCommand.self, ConsentCommand.self, CodebookCommand.self,
            GroupCommand.self, RoundCommand.self, LogCommand.self, EditCommand.self, TagCommand.self,
            UntagCommand.self, StrikeCommand.self, RestoreCommand.self, SpeakerCommand.self, AttributionCommand.self,
            ThemeCommand.self,
            GuideCommand.self, RecordingCommand.self, CloseCommand.self, EventsCommand.self,
            FlagCommand.self, ConcernCommand.self, RegisterCommand.self, RemindCommand.self, SalvageCommand.self,
            ExportCommand.self, ImportCommand.self,
            ScanCommand.self, ReviewCommand.self, RedactCommand.self, BlocklistCommand.self,
            WithdrawCommand.self, AnonymiseCommand.self, PurgeCommand.self, RekeyCommand.self,
            PushCommand.self, PullCommand.self, StudyCommand.self,
        ]
    )
}
