import ArgumentParser
import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import TeamStore

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
        let journal = try Sessions.openJournal(session)
        defer { (journal as? PostgresJournal)?.close() }
        var options = ImportOptions(offset: offset, addUnknown: addUnknown, includeDirectMessages: includeDirectMessages)
        if let map { options.mapping = try NameMapping.read(path: map) }
        guard follow else { try importOnce(journal, options); return }
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
            let order = ImportOrder(input: .file(.zoomChat, path: path), room: room.map { .named($0) }, options: options)
            let plan = try SessionImport.plan(order, text: nil, into: journal.state)
            for line in plan.report.summary { Output.line(line) }
        } else {
            Output.line("\(path) does not exist yet; waiting for Zoom to create it")
        }
        Output.line("following \(path) (Ctrl-C stops)")
        fflush(nil)
        signal(SIGINT) { _ in Glibc.exit(0) }
        signal(SIGTERM) { _ in Glibc.exit(0) }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        var follower = ChatFollower(path: path)
        var pending = [ChatMessage]()
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
                pending += batch.messages
                for issue in batch.skipped { problem("\(fileName) \(issue), skipped") }
            } catch {
                problem("\(error)")
            }
            if !pending.isEmpty || !held.isEmpty {
                _ = try? journal.refresh()
                let all = held + pending
                do {
                    var ready = all, stillHeld = [ChatMessage]()
                    // Planned inside the write transaction, against the latest state (SessionActions).
                    func importReady() throws -> ImportReport {
                        let order = ImportOrder(input: .chatMessages(ChatTranscript(messages: ready), fileName: fileName),
                                                room: room.map { .named($0) }, options: options)
                        let outcome = try SessionActions.perform(.importFile(order), by: actor.acting, on: journal, at: Clock.now())
                        guard case .imported(let report) = outcome.result else { throw CLIError("the import produced no report") }
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
                    pending = []
                    held = stillHeld
                    if report.added > 0 {
                        Output.line("added \(report.added) contribution\(report.added == 1 ? "" : "s") from \(fileName)")
                        fflush(nil)
                    }
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
        if let zoomChat { input = .file(.zoomChat, path: zoomChat) }
        else if let vtt { input = .file(.vtt, path: vtt) }
        else { input = .file(.miroCSV, path: miroCSV!) }
        // One transaction, planned against the latest state: all of it or none of it.
        let order = ImportOrder(input: input, room: room.map { .named($0) }, options: options)
        let outcome = try SessionActions.perform(.importFile(order), by: actor.acting, on: journal, at: Clock.now())
        guard case .imported(let report) = outcome.result else { return }
        for line in report.summary { Output.line(line) }
    }
}
