import Foundation
import XCTest

/// A real terminal for end-to-end tests: tmux runs the program, send-keys types,
/// capture-pane reads the screen.
public struct Tmux {
    public let name: String
    public let socket: String

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` in a new detached session of the given size.
    public init(
        _ command: String, width: Int = 120, height: Int = 32, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        guard Tmux.available else {
            XCTFail(
                "tmux is not installed: the end-to-end console tests cannot run "
                    + "(apt-get install tmux; .ci/run does this)",
                file: file, line: line)
            throw TestRun.cannotRun("tmux is not installed (apt-get install tmux)")
        }
        name = "convene-\(UUID().uuidString.prefix(8))"
        // One tmux server per terminal: no race with a server that is shutting down.
        socket = "convene-test-\(getpid())-\(name)"
        // The first command starts the tmux server, which must not inherit a pipe
        // we read to its end (it would never close).
        try run(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command], capture: false)
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process did not
    /// notice the exit of a tmux client whose server it had just forked.
    @discardableResult
    public func run(_ args: [String], capture: Bool = false) throws -> String {
        let argv = ["/usr/bin/tmux", "-L", socket] + args
        var fds: [Int32] = [0, 0]
        if capture { guard pipe(&fds) == 0 else { throw TmuxFailure() } }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { throw TmuxFailure() }
        var output = Data()
        if capture {
            close(fds[1])
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(buffer, count: n)
            }
            close(fds[0])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: output, as: UTF8.self)
    }

    public struct TmuxFailure: Error {}

    public func send(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }
    /// Types text literally (no key-name interpretation).
    public func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }
    public func screen() -> String { (try? run(["capture-pane", "-p", "-t", name], capture: true)) ?? "" }

    /// Waits until the screen contains `text`; returns the seconds it took, or nil.
    public func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if screen().contains(text) { return Date().timeIntervalSince(start) }
            usleep(20_000)
        }
        return screen().contains(text) ? Date().timeIntervalSince(start) : nil
    }

    /// Waits until the screen contains `text`, or fails the test showing the screen.
    @discardableResult
    public func expect(
        _ text: String, timeout: TimeInterval = 10, _ why: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) -> Bool {
        if (try? waitFor(text, timeout: timeout)) != nil { return true }
        XCTFail(
            "“\(text)” not on the screen after \(Int(timeout)) s\(why.isEmpty ? "" : " (\(why))"):\n\(screen())",
            file: file, line: line)
        return false
    }

    /// Waits until `text` has left the screen, or fails the test showing the screen.
    @discardableResult
    public func expectGone(
        _ text: String, timeout: TimeInterval = 10, _ why: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) -> Bool {
        if eventually(timeout: timeout, { !screen().contains(text) }) { return true }
        XCTFail(
            "“\(text)” still on the screen after \(Int(timeout)) s\(why.isEmpty ? "" : " (\(why))"):\n\(screen())",
            file: file, line: line)
        return false
    }

    /// Sends `signal` (`TERM`, `HUP`, `INT`, `KILL`) to the program named `program` that the pane's
    /// shell runs; true when one was signalled.
    @discardableResult
    public func signalProgram(_ signal: String, named program: String) throws -> Bool {
        let shell = try run(["list-panes", "-t", name, "-F", "#{pane_pid}"], capture: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        p.arguments = ["-\(signal)", "-P", shell, program]
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    public func kill() { _ = try? run(["kill-server"]) }
}

/// Waits until the file at `path` exists and `holds` its text, or fails the test saying what was awaited.
@discardableResult
public func expectFile(
    _ path: String, timeout: TimeInterval = 10, _ what: String,
    holds: (String) -> Bool = { _ in true }, file: StaticString = #filePath, line: UInt = #line
) -> String? {
    var text: String?
    let ok = eventually(timeout: timeout) {
        text = try? String(contentsOfFile: path, encoding: .utf8)
        return text.map(holds) ?? false
    }
    if !ok {
        XCTFail(
            "\(what): not in \(path) after \(Int(timeout)) s "
                + "(now: \(text.map { String($0.prefix(200)) } ?? "no file"))",
            file: file, line: line)
    }
    return ok ? text : nil
}
