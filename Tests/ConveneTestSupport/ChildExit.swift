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
        var pause: UInt32 = 200
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
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        return ChildExit(status: terminationStatus, signalled: terminationReason == .uncaughtSignal)
    }

    /// The child has ended but has not been reaped (state Z in /proc/PID/stat).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        // "pid (command) S …": the state follows the command's closing bracket.
        return stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
