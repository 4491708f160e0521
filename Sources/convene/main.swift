// The `convene` executable: every console action as a subcommand.
import ArgumentParser
import Foundation

#if os(Linux)
    import CMallocOptions
#endif

// Arguments that are not valid UTF-8 are refused before anything reads them,
// so no replacement characters ever reach a session.
if let bad = CommandLineText.firstInvalidArgument() {
    FileHandle.standardError.write(Data("convene: argument \(bad) is not valid UTF-8 text\n".utf8))
    exit(2)
}
DemoBuilder.openConsole = Console.openDemo
#if os(Linux)
    // glibc's own starting thresholds, held fixed: a block of 128 KiB or more comes from and goes back to
    // the system. Left to adapt, they rise after the first large free, and the threads of a 100 000-event
    // export then keep about 5 MiB freed in their arenas (docs/performance.md, "Zip packages, session 6").
    mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    mallopt(M_TRIM_THRESHOLD, 128 * 1024)
#endif
// `convene FILE` opens the console, as `convene open FILE` does.
var arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, !first.hasPrefix("-"),
    !Convene.configuration.subcommands.contains(where: { $0.configuration.commandName == first }),
    FileManager.default.fileExists(atPath: first)
{
    arguments.insert("open", at: 0)
}
do {
    var command = try Convene.parseAsRoot(arguments)
    try command.run()
} catch {
    // An error may quote what was typed (a name, a code): made inert line by line,
    // so an escape sequence in an argument never reaches the terminal raw.
    // Bad arguments exit 2, as docs/cli.md says (the parser's own code is 64).
    var code = Convene.exitCode(for: error)
    if code == .validationFailure { code = ExitCode(2) }
    let message = Convene.fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
        .map { Output.inert(String($0)) }.joined(separator: "\n")
    if code == .success {
        if !message.isEmpty { print(message) }
    } else {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    exit(code.rawValue)
}
