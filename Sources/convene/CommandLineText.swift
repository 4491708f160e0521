import Foundation

enum CommandLineText {
    /// 1-based index of the first argument that is not valid UTF-8, if any.
    static func firstInvalidArgument() -> Int? {
        for i in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[i] else { continue }
            if String(validatingCString: raw) == nil { return i }
        }
        return nil
    }
}

/// A refusal from the command line itself, printed as one line (no usage text).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
