import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a child process ended.
public struct ChildExit: Sendable, Equatable {
    /// The exit status, or the signal's number when `signalled`.
    public var status: Int32
    /// Ended by a signal (killed, crashed) rather than by exiting.
    public var signalled: Bool

    public init(status: Int32, signalled: Bool) {
        self.status = status
        self.signalled = signalled
    }
}

extension Process {
    /// Waits for the child to end, never forever.
    ///
    /// Foundation's `waitUntilExit` on Linux can miss a child's end when many children start and end at once: twice
    /// under heavy load in session 10 a test waited forever beside a zombie child. This polls instead. A child that
    /// has been a zombie for two seconds without Foundation noticing is reaped here; one still running at the
    /// deadline is killed, so the test fails on its status instead of hanging CI.
    public func waitForExit(timeout: TimeInterval = 900) -> ChildExit {
        let pid = processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        var zombieSince: Date?
        var killed = false
        var pause = 200
        while isRunning {
            if Self.isZombie(pid) {
                let since = zombieSince ?? Date()
                zombieSince = since
                var raw: Int32 = 0
                if Date().timeIntervalSince(since) > 2, waitpid(pid, &raw, WNOHANG) == pid {
                    // The low 7 bits are the signal that ended it, 0 for an exit (wait(2)).
                    let signal = raw & 0x7f
                    return signal == 0
                        ? ChildExit(status: (raw >> 8) & 0xff, signalled: false)
                        : ChildExit(status: signal, signalled: true)
                }
            } else if !killed, Date() > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            // Foundation notes a child's end through the current run loop (as `waitUntilExit` does): run it.
            RunLoop.current.run(mode: .default, before: Date().addingTimeInterval(Double(pause) / 1_000_000))
            pause = min(pause * 2, 20_000)
        }
        return ChildExit(status: terminationStatus, signalled: terminationReason == .uncaughtSignal)
    }

    /// The child has ended but has not been reaped (state Z in /proc/PID/stat).
    static func isZombie(_ pid: Int32) -> Bool {
        // Read with read(2): /proc's files say they are empty, and Foundation's readers trust that.
        let fd = open("/proc/\(pid)/stat", O_RDONLY)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: 512)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return false }
        let stat = String(decoding: bytes[0..<n], as: UTF8.self)
        guard let close = stat.lastIndex(of: ")") else { return false }
        // "pid (command) S …": the state follows the command's closing bracket.
        return stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
