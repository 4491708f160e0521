import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `convene` with standard input, output and error on a
/// pseudo-terminal, so a test can answer its prompts the way a person would
/// (and see what the terminal showed: with echo off, typed text never appears).
enum PseudoTerminal {
    struct Exchange {
        /// Text to wait for in the output since the previous reply.
        var waitFor: String
        /// What to type (a newline is added).
        var type: String
    }

    struct Result {
        var status: Int32
        /// Everything the terminal displayed (prompts, echoes, output), CR LF as LF.
        var screen: String
    }

    static func run(
        _ args: [String], env: [String: String] = [:], exchanges: [Exchange],
        timeout: TimeInterval = 30
    ) throws -> Result {
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module;
        // these are the Linux ioctls they wrap (the same on x86_64 and arm64).
        let tiocgptn: UInt = 0x8004_5430
        let tiocsptlck: UInt = 0x4004_5431
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: Int32 = -1
        guard master >= 0, ioctl(master, tiocsptlck, &unlock) == 0, ioctl(master, tiocgptn, &number) == 0 else {
            throw NSError(
                domain: "PseudoTerminal", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal available (/dev/ptmx)"])
        }
        defer { close(master) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw NSError(domain: "PseudoTerminal", code: 2) }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let p = Process()
        p.executableURL = ConveneProcess.binary
        p.arguments = args
        p.environment = ConveneProcess.environment(env)
        p.standardInput = handle
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        close(slave)

        var screen = Data()
        var pending = exchanges[...]
        var answeredUpTo = 0
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Date() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 100)
            if ready > 0 {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break } // EIO once the child has gone and the slave is closed
                screen.append(contentsOf: buffer[0..<n])
            } else if !p.isRunning {
                break
            }
            if let next = pending.first {
                let since = String(decoding: screen[answeredUpTo...], as: UTF8.self)
                if since.contains(next.waitFor) {
                    answeredUpTo = screen.count
                    let line = Array((next.type + "\n").utf8)
                    _ = line.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
                    pending = pending.dropFirst()
                }
            }
        }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        let text = String(decoding: screen, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return Result(status: p.terminationStatus, screen: text)
    }
}
