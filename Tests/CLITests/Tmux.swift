// Re-exported so every end-to-end test sees the shared `Tmux` (ConveneTestSupport) without its own import.
@_exported import ConveneTestSupport
import Foundation
import XCTest

/// The shell line that runs convene in a test terminal with a UTF-8 locale.
func conveneCommand(_ args: String, user: String, after: String = "sleep 60") -> String {
    "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color CONVENE_USER='\(user)' '\(ConveneProcess.binary.path)' \(args); \(after)"
}
