import CNcursesw

// The only file that touches the C signal state in shim.h (it is `static`
// there, so every Swift file that used it would get a copy of its own).

/// The termination signal (SIGTERM, SIGHUP, SIGINT) received while the
/// terminal was open, or 0. The app's loop checks it, saves the draft, closes
/// the terminal and exits; if it has not closed the terminal within a few
/// seconds, a watchdog restores the terminal and exits with 128 + signal.
public var terminalPendingSignal: Int32 { Int32(convene_pending_signal()) }

enum TerminalSignals {
    /// Seconds the app has between a termination signal and the watchdog.
    static let watchdogSeconds: Int32 = 4

    /// Records the terminal modes as they are now: call it before ncurses
    /// starts (newterm already switches to cbreak and no echo).
    static func remember(inputFD: Int32, outputFD: Int32) {
        convene_remember_terminal(inputFD, outputFD)
    }

    /// Records how to undo ncurses' screen modes (terminfo strings, so after
    /// newterm) and installs the handlers.
    static func install(resetSequence: [UInt8]) {
        resetSequence.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { convene_set_reset_sequence($0.baseAddress, $0.count) }
        }
        convene_install_signal_handlers(watchdogSeconds)
    }

    static func remove() { convene_remove_signal_handlers() }

    static var pending: Int32 { Int32(convene_pending_signal()) }

    /// The self-pipe's read end: readable as soon as a stop signal arrives (-1 if none yet).
    static var wakeFD: Int32 { Int32(convene_wake_fd()) }

    static func drainWake() { convene_drain_wake() }

    /// Forgets a handled signal (tests send themselves signals).
    static func clearPending() { convene_clear_pending_signal() }

    /// Restores the terminal with the async-signal-safe path (used at exit if
    /// the app never closed it).
    static func emergencyRestore() { convene_emergency_restore() }

    static var active: Bool { convene_terminal_is_active() != 0 }
}

extension TerminalSignals {
    /// Once per process: if the app exits without closing the terminal, give
    /// it back anyway (endwin at exit, while the terminal is still ours).
    static func restoreAtExit() {
        guard !exitHookInstalled else { return }
        exitHookInstalled = true
        atexit {
            if convene_terminal_is_active() != 0 {
                endwin()
                convene_remove_signal_handlers()
            }
        }
    }

    nonisolated(unsafe) private static var exitHookInstalled = false
}
