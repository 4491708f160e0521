import ArgumentParser
import Foundation
import SessionModel
import SessionStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a realistic demo session (synthetic people only) and show it.")
    @Argument(help: "Folder for demo.convene (default: ./demo).") var directory: String = "demo"
    @Flag(help: "Only create it; do not show it.") var noShow = false

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("demo.convene")
        if FileManager.default.fileExists(atPath: path) {
            Output.line("using the existing \(path)")
        } else {
            try DemoBuilder.build(at: path)
            Output.line("created \(path)")
        }
        guard !noShow else { return }
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1, let open = DemoBuilder.openConsole {
            try open(path)
        } else {
            let show = try ShowCommand.parse([path])
            try show.run()
            Output.line("")
            let list = try ListCommand.parse([path])
            try list.run()
        }
    }
}

enum DemoBuilder {
    /// Set by the console module's wiring so `demo` opens the console on a terminal.
    nonisolated(unsafe) static var openConsole: ((String) throws -> Void)?

    /// When the demo session began: 09:00 UTC today, or yesterday when today's
    /// demo would not have finished yet, so every event is in the past and on
    /// the session's date.
    static func startOfDemo(now: Date) -> Date {
        let length = TimeInterval(DemoSession.script().last?.seconds ?? 0)
        let day = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        let today = Date(timeIntervalSince1970: day + 9 * 3_600)
        return today.addingTimeInterval(length) <= now ? today : today.addingTimeInterval(-86_400)
    }

    static func build(at path: String) throws {
        let events = DemoSession.events(start: startOfDemo(now: Date()))
        guard let created = events.first?.payload as? SessionCreated else { return }
        let journal = try SQLiteJournal.create(path: path, session: created, by: events[0].by, at: events[0].at)
        // Group consecutive events by actor and time so the demo journal reads like a real one.
        for event in events.dropFirst() {
            try journal.append([event.payload], by: event.by, at: event.at)
        }
        try journal.writeSnapshot()
        try journal.close()
    }
}
