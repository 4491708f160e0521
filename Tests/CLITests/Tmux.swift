import ConveneTestSupport
import Foundation
import XCTest

/// A real terminal for end-to-end tests: tmux runs the program, send-keys types,
/// capture-pane reads the screen.
struct Tmux {
    let name: String
    let socket: String

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` in a new detached session of the given size.
    init(_ command: String, width: Int = 120, height: Int = 32, file: StaticString = #filePath, line: UInt = #line) throws {
        guard Tmux.available else {
            XCTFail("tmux is not installed: the end-to-end console tests cannot run (apt-get install tmux; .ci/run does this)", file: file, line: line)
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
    func run(_ args: [String], capture: Bool = false) throws -> String {
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

    struct TmuxFailure: Error {}

    func send(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }
    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }
    func screen() -> String { (try? run(["capture-pane", "-p", "-t", name], capture: true)) ?? "" }

    /// Waits until the screen contains `text`; returns the seconds it took, or nil.
    func waitFor(_ text: String, timeout: TimeInterval = 5) throws -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if screen().contains(text) { return Date().timeIntervalSince(start) }
            usleep(20_000)
        }
        return nil
    }

    func kill() { _ = try? run(["kill-server"]) }
}

/// The shell line that runs convene in a test terminal with a UTF-8 locale.
func conveneCommand(_ args: String, user: String, after: String = "sleep 60") -> String {
    "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color CONVENE_USER='\(user)' '\(ConveneProcess.binary.path)' \(args); \(after)"
}
