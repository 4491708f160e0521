import Foundation
import XCTest

/// How a test that cannot run says so. Locally it is skipped, loudly; in strict mode
/// (`CONVENE_STRICT_TESTS=1`, set by `.ci/run`) it fails, so a missing tool or server
/// can never leave a green run that checked less than it claims.
public enum TestRun {
    public static var isStrict: Bool { ProcessInfo.processInfo.environment["CONVENE_STRICT_TESTS"] == "1" }

    /// The error to throw when a test cannot run: `throw TestRun.cannotRun("xmllint is not installed")`.
    public static func cannotRun(_ reason: String, file: StaticString = #filePath, line: UInt = #line) -> any Error {
        let message = "\n*** NOT RUN: \(reason) ***\n"
        FileHandle.standardError.write(Data(message.utf8))
        guard isStrict else { return XCTSkip(reason, file: file, line: line) }
        XCTFail("strict mode (CONVENE_STRICT_TESTS=1): a test that cannot run fails: \(reason)", file: file, line: line)
        return NotRun(reason: reason)
    }

    /// The path of an outside program on PATH, or the error that skips (or, strictly, fails) the test.
    public static func tool(
        _ name: String, install: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw cannotRun(
            "\(name) is not installed (apt-get install -y \(install); .ci/run installs it)",
            file: file, line: line)
    }

    /// The first of several program names found on PATH (`chromium` or `chromium-browser`).
    public static func tool(
        anyOf names: [String], install: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        for name in names { if let path = try? tool(name, install: install, file: file, line: line) { return path } }
        throw cannotRun(
            "none of \(names.joined(separator: ", ")) is installed (apt-get install -y \(install))",
            file: file, line: line)
    }

    /// Whether a record variable (`CONVENE_UPDATE_GOLDEN`, `SNAPSHOT_RECORD`, `THEMES_RECORD`) is set.
    public static func recording(_ variable: String) -> Bool {
        ProcessInfo.processInfo.environment[variable] == "1"
    }

    /// Called after a record mode rewrote an expected file: the test fails, so a run with the
    /// variable set can never pass by rewriting what it compares against.
    public static func recorded(_ what: String, by variable: String, file: StaticString = #filePath, line: UInt = #line)
    {
        XCTFail(
            "recorded \(what) (\(variable)=1); review the change and run again without \(variable)",
            file: file, line: line)
    }

    public struct NotRun: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "not run: \(reason)" }
    }
}

/// A seeded random generator (SplitMix) whose seed is printed, so a failure can be replayed
/// with `CONVENE_SEED=N`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    private var state: UInt64

    /// The seed from `CONVENE_SEED`, else a fresh one; printed with `label` either way.
    public init(_ label: String) {
        let fixed = ProcessInfo.processInfo.environment["CONVENE_SEED"].flatMap(UInt64.init)
        self.init(seed: fixed ?? UInt64.random(in: 0...UInt64.max), label: label)
    }

    public init(seed: UInt64, label: String? = nil) {
        self.seed = seed
        state = seed
        if let label { print("\(label): seed \(seed) (replay with CONVENE_SEED=\(seed))") }
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Waits for a condition instead of sleeping a fixed time: polls every 20 ms until `condition`
/// holds or `timeout` passes (a generous bound: it only decides when to give up).
@discardableResult
public func eventually(timeout: TimeInterval = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// A small seeded generator (SplitMix) for tests that carry their own seed
/// (fuzz and property runs print it so a failure can be repeated).
public struct SplitMix: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
