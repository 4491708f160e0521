import ArgumentParser
import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add a Zoom saved chat, a transcript (WebVTT, SRT, Teams .docx) or a Miro board export to the log.",
        discussion:
            "Re-importing the same file adds nothing. Unknown display names are refused unless --map or --add-unknown says what to do. "
            + "Every import prints how many entries it read, imported, merged and skipped; if more than 5% cannot be read it "
            + "refuses (exit 1, nothing written) unless --allow-skips.")
    @OptionGroup var session: SessionFileArgument
    @Option(name: .customLong("zoom-chat"), help: "A Zoom saved chat (meeting_saved_chat.txt).") var zoomChat: String?
    @Option(help: "A WebVTT transcript (Teams, Zoom, OneDrive, any vintage).") var vtt: String?
    @Option(help: "An SRT subtitle transcript.") var srt: String?
    @Option(name: .customLong("teams-docx"), help: "A Teams transcript downloaded as Word (.docx).") var teamsDocx:
        String?
    @Option(name: .customLong("miro-csv"), help: "A Miro board CSV export, or a plain list of notes.") var miroCSV:
        String?
    @Option(help: "The room the imported contributions belong to (default: the main room).") var room: String?
    @Option(help: "Seconds from the session's start to the recording's start (transcripts).") var offset: Double = 0
    @Option(help: "A CSV of `display name,code` rows.") var map: String?
    @Flag(help: "Add each unknown name as a new participant with the next free code, and print the mapping.")
    var addUnknown = false
    @Flag(help: "Also import direct messages to a facilitator (marked as such).") var includeDirectMessages = false
    @Flag(help: "Zoom chat: keep watching the file while Zoom saves it, adding new lines as they come (Ctrl-C stops).")
    var follow = false
    @Option(
        name: .customLong("quiet-seconds"),
        help:
            "--follow: how long the file must be quiet, ending with a line break, before its last message is complete.")
    var quietSeconds: Double = 2
    @Option(
        help: "Transcripts: the participant code given to cues that name no speaker (default: imported unattributed).")
    var speaker: String?
    @Flag(help: "Import even if more than 5% of the file's entries cannot be read.") var allowSkips = false
    @Flag(help: "Print the report as one JSON document.") var json = false
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        let given = [zoomChat, vtt, srt, teamsDocx, miroCSV].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("give exactly one of --zoom-chat, --vtt, --srt, --teams-docx or --miro-csv")
        }
        if follow && zoomChat == nil { throw ValidationError("--follow works with --zoom-chat") }
        if speaker != nil && vtt == nil && srt == nil && teamsDocx == nil {
            throw ValidationError("--speaker works with a transcript (--vtt, --srt or --teams-docx)")
        }
        guard quietSeconds >= 0, quietSeconds <= 3600 else {
            throw ValidationError("--quiet-seconds takes 0 to 3600 seconds")
        }
    }

    func run() throws {
        let journal = try Sessions.openJournal(session)
        defer { (journal as? PostgresJournal)?.close() }
        var options = ImportOptions(
            offset: offset, addUnknown: addUnknown, includeDirectMessages: includeDirectMessages)
        if let map { options.mapping = try NameMapping.read(path: map) }
        options.speaker = speaker
        options.allowSkips = allowSkips
        guard follow else {
            try importOnce(journal, options)
            return
        }
        try followChat(journal, options, path: zoomChat!)
    }

    /// `--follow`: the file as it is now is checked like a plain import (refused
    /// as a whole if it cannot be read or holds unknown names), then a
    /// `ChatFollower` hands out each message once it is complete — a message
    /// Zoom is still writing is never imported half-written. Every batch is
    /// planned against the session as it is then, so a restart, or a rewritten
    /// file, adds only what is new. Faults during the follow (busy or full disk,
    /// a new unknown name) are said once on stderr and retried; nothing stops
    /// the other messages.
    private func followChat(_ journal: any SessionJournal, _ options: ImportOptions, path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            // Zoom may be in the middle of a line: check the lines it has finished.
            let soFar = try ImportOptions.resolving(options, room: room.map { .named($0) }, in: journal.state)
            let plan = try Importer.zoomChatSoFar(ImportText.read(path: path), into: journal.state, options: soFar)
            try show(plan.report)
        } else {
            Output.line("\(path) does not exist yet; waiting for Zoom to create it")
        }
        Output.line("following \(path) (Ctrl-C stops)")
        fflush(nil)
        signal(SIGINT) { _ in Glibc.exit(0) }
        signal(SIGTERM) { _ in Glibc.exit(0) }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        var follower = ChatFollower(path: path)
        follower.quietSeconds = quietSeconds
        // Every batch plans all the file's complete messages so far: the
        // planner knows a message by its time, sender and ordinal, so only new
        // ones are added and grown ones edited, exactly as a plain import would.
        var changed = false
        var held = [ChatMessage]()
        var lastProblem: String?
        func problem(_ text: String) {
            guard text != lastProblem else { return }
            lastProblem = text
            FileHandle.standardError.write(Data((Output.inert(text) + "\n").utf8))
        }
        while true {
            do {
                let batch = try follower.poll()
                if !batch.messages.isEmpty { changed = true }
                for issue in batch.skipped { problem("\(fileName) \(issue), skipped") }
            } catch {
                problem("\(error)")
            }
            if changed || !held.isEmpty {
                _ = try? journal.refresh()
                let all = follower.messages
                do {
                    var ready = all
                    var stillHeld = [ChatMessage]()
                    // Planned inside the write transaction, against the latest state (SessionActions).
                    func importReady() throws -> ImportReport {
                        let order = ImportOrder(
                            input: .chatMessages(ChatTranscript(messages: ready), fileName: fileName),
                            room: room.map { .named($0) }, options: options)
                        let outcome = try SessionActions.perform(
                            .importFile(order), by: actor.acting, on: journal, at: Clock.now())
                        guard case .imported(let report) = outcome.result else {
                            throw CLIError("the import produced no report")
                        }
                        return report
                    }
                    let report: ImportReport
                    do {
                        report = try importReady()
                    } catch ImportError.unknownNames(let names) {
                        problem("waiting: " + ImportError.unknownNames(names).description)
                        (ready, stillHeld) = Importer.holdingBack(names, from: all)
                        report = try importReady()
                    }
                    changed = false
                    held = stillHeld
                    if report.added > 0 {
                        Output.line(
                            "added \(report.added) contribution\(report.added == 1 ? "" : "s") from \(fileName)")
                    }
                    if report.edited > 0 {
                        Output.line(
                            "updated \(report.edited) message\(report.edited == 1 ? "" : "s") that grew in \(fileName)")
                    }
                    fflush(nil)
                    if held.isEmpty { lastProblem = nil }
                } catch {
                    // Busy, disk full, file gone: keep the messages and try again.
                    problem("not imported yet (will retry): \(error)")
                }
            }
            usleep(200_000)
        }
    }

    private func importOnce(_ journal: any SessionJournal, _ options: ImportOptions) throws {
        let input: ImportInput
        if let zoomChat {
            input = .file(.zoomChat, path: zoomChat)
        } else if let vtt {
            input = .file(.vtt, path: vtt)
        } else if let srt {
            input = .file(.srt, path: srt)
        } else if let teamsDocx {
            input = .file(.teamsDocx, path: teamsDocx)
        } else {
            input = .file(.miroCSV, path: miroCSV!)
        }
        // One transaction, planned against the latest state: all of it or none of it.
        let order = ImportOrder(input: input, room: room.map { .named($0) }, options: options)
        let outcome: ActionOutcome
        do {
            outcome = try SessionActions.perform(.importFile(order), by: actor.acting, on: journal, at: Clock.now())
        } catch ImportError.tooManySkipped(let report) {
            // Loud, not lossy: say what would have been left out, write nothing.
            try show(report, refused: true)
            throw ImportError.tooManySkipped(report)
        }
        guard case .imported(let report) = outcome.result else { return }
        try show(report)
    }

    private func show(_ report: ImportReport, refused: Bool = false) throws {
        if json {
            try Output.printJSON(ImportReportJSON(report, refused: refused))
        } else {
            for line in report.summary { Output.line(line) }
        }
    }
}
