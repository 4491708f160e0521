import ArgumentParser
import Foundation
import Importers
import SessionModel
import SessionStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Add a Zoom saved chat, a WebVTT transcript or a Miro board export to the log.",
        discussion: "Re-importing the same file adds nothing. Unknown display names are refused unless --map or --add-unknown says what to do.")
    @OptionGroup var session: SessionFileArgument
    @Option(name: .customLong("zoom-chat"), help: "A Zoom saved chat (meeting_saved_chat.txt).") var zoomChat: String?
    @Option(help: "A WebVTT transcript (Teams or Zoom).") var vtt: String?
    @Option(name: .customLong("miro-csv"), help: "A Miro board CSV export, or a plain list of notes.") var miroCSV: String?
    @Option(help: "The room the imported contributions belong to (default: the main room).") var room: String?
    @Option(help: "Seconds from the session's start to the recording's start (transcripts).") var offset: Double = 0
    @Option(help: "A CSV of `display name,code` rows.") var map: String?
    @Flag(help: "Add each unknown name as a new participant with the next free code, and print the mapping.") var addUnknown = false
    @Flag(help: "Also import direct messages to a facilitator (marked as such).") var includeDirectMessages = false
    @Flag(help: "Zoom chat: keep watching the file while Zoom saves it, adding new lines as they come (Ctrl-C stops).") var follow = false
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        let given = [zoomChat, vtt, miroCSV].compactMap { $0 }
        guard given.count == 1 else { throw ValidationError("give exactly one of --zoom-chat, --vtt or --miro-csv") }
        if follow && zoomChat == nil { throw ValidationError("--follow works with --zoom-chat") }
    }

    func run() throws {
        let journal = try Sessions.open(session)
        var options = ImportOptions(offset: offset, addUnknown: addUnknown, includeDirectMessages: includeDirectMessages)
        if let room { options.room = try Sessions.room(room, in: journal.state) }
        if let map { options.mapping = try NameMapping.read(path: map) }
        try importOnce(journal, options, quietWhenEmpty: false)
        guard follow else { return }
        Output.line("following \(zoomChat!) (Ctrl-C stops)")
        signal(SIGINT) { _ in Glibc.exit(0) }
        while true {
            usleep(300_000)
            // The planner skips what is already in the log, so rereading the whole file adds only new lines.
            _ = try? journal.refresh()
            try? importOnce(journal, options, quietWhenEmpty: true)
        }
    }

    private func importOnce(_ journal: SQLiteJournal, _ options: ImportOptions, quietWhenEmpty: Bool) throws {
        let state = journal.state
        let plan: ImportPlan
        if let zoomChat { plan = try Importer.zoomChat(path: zoomChat, into: state, options: options) }
        else if let vtt { plan = try Importer.webVTT(path: vtt, into: state, options: options) }
        else { plan = try Importer.miro(path: miroCSV!, into: state, options: options) }
        if plan.isEmpty && quietWhenEmpty { return }
        // One transaction: all of it or none of it.
        if !plan.isEmpty { try Sessions.append(journal, plan.payloads, by: actor.actor) }
        for line in plan.report.summary { Output.line(line) }
    }
}
