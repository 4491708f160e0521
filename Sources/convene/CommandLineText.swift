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
