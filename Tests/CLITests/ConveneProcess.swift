import Foundation
import XCTest

/// Runs the built `convene` binary as a child process, the way scripts and
/// other tools use it.
struct ConveneProcess {
    struct Result {
        var status: Int32
        /// `.exit` with `status` its exit code, or `.uncaughtSignal` with `status` the signal.
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String
        var stdoutData: Data
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The `convene` executable built beside the test bundle.
    static var binary: URL {
        var dir = Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("convene").path) {
            // `swift test` puts the bundle in .build/<triple>/debug; fall back to the package's .build/debug.
            dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug")
        }
        return dir.appendingPathComponent("convene")
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["CONVENE_USER"] = "Test Runner"
        env["LC_ALL"] = "C.UTF-8"
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Starts `convene args…` without waiting (for kill tests).
    static func start(_ args: [String], env: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = environment(env)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @discardableResult
    static func run(_ args: [String], stdin: Data? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = environment(env)
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let input = Pipe()
            p.standardInput = input
            try p.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            p.standardInput = FileHandle.nullDevice
            try p.run()
        }
        // Read both pipes before waiting, so a large output cannot block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.set(errHandle.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.get()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, reason: p.terminationReason, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    /// Runs and fails the test unless it exits 0.
    @discardableResult
    static func ok(
        _ args: [String], stdin: Data? = nil, env: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Result {
        let r = try run(args, stdin: stdin, env: env)
        XCTAssertEqual(
            r.status, 0, "convene \(args.joined(separator: " ")) failed: \(r.stderr)", file: file, line: line)
        return r
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convene-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

private final class BundleMarker {}

/// A value handed between threads under a lock.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    func get() -> Data { lock.withLock { data } }
}

final class StringsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}
