import ConveneTestSupport
/// Shared by the export tests: the fixed demo session, golden files (set
/// CONVENE_UPDATE_GOLDEN=1 to rewrite them), zip reading, and running the
/// real outside tools (xmllint, LibreOffice, pdftotext, Chromium) with a
/// loud skip when one is missing.
import Exporters
import Foundation
import SessionModel
import XCTest
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

enum Fixture {
    /// The demo session at its fixed start time: the same state every run.
    static func demoState() throws -> SessionState { try SessionState.replay(DemoSession.events()) }

    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let goldenDir = testsDir.appendingPathComponent("Golden")
    /// The REFI-QDA schemas live beside the repository: <repo>/../shared/refi-qda.
    static let schemaDir = testsDir.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/refi-qda")

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convene-export-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["CONVENE_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with Golden/NAME, or rewrites it when CONVENE_UPDATE_GOLDEN=1.
    static func check(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Fixture.goldenDir.appendingPathComponent(name)
        if updating {
            try Data(text.utf8).write(to: url)
            TestRun.recorded("Golden/\(name)", by: "CONVENE_UPDATE_GOLDEN", file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail(
                "missing golden file Golden/\(name); run with CONVENE_UPDATE_GOLDEN=1 to create it", file: file,
                line: line)
            return
        }
        if expected != text {
            let a = expected.components(separatedBy: "\n")
            let b = text.components(separatedBy: "\n")
            let at = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
            XCTFail(
                "\(name) differs from its golden file at line \(at + 1):\n  golden: \(at < a.count ? a[at] : "<end>")\n  now:    \(at < b.count ? b[at] : "<end>")\n(rerun with CONVENE_UPDATE_GOLDEN=1 if the change is intended)",
                file: file, line: line)
        }
    }
}

enum Zip {
    /// Every entry of a zip, in archive order.
    static func entries(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [(String, Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            out.append((entry.path, bytes))
        }
        return out
    }

    /// The entries as one text: a listing and then each entry's contents.
    static func text(_ data: Data) throws -> String {
        try entries(data).map {
            "===== \($0.path) (\($0.data.count) bytes)\n" + String(decoding: $0.data, as: UTF8.self) + "\n"
        }.joined()
    }
}

enum Tool {
    /// The path of an outside program, or nil after a loud message saying what is missing.
    static func find(_ name: String, install: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let message =
            "\n*** SKIPPED: \(name) is not installed (apt-get install -y \(install); .ci/run installs it). ***\n"
        FileHandle.standardError.write(Data(message.utf8))
        print(message)
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion (killed after `timeout` seconds).
    static func run(
        _ path: String, _ args: [String], cwd: URL? = nil, env: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let dir = try Fixture.tempDir()
        let outURL = dir.appendingPathComponent("out")
        let errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
        }
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A tiny element tree from Foundation's XMLParser (namespaces off, so names
/// are as written): enough to check references and structure in the tests.
final class XNode {
    let name: String
    let attrs: [String: String]
    var children: [XNode] = []
    var text = ""
    init(_ name: String, _ attrs: [String: String]) {
        self.name = name
        self.attrs = attrs
    }

    func elements(_ name: String) -> [XNode] { children.filter { $0.name == name } }
    var descendants: [XNode] { children.flatMap { [$0] + $0.descendants } }
    func all(_ name: String) -> [XNode] { ([self] + descendants).filter { $0.name == name } }

    static func parse(_ data: Data) throws -> XNode {
        final class Builder: NSObject, XMLParserDelegate {
            var stack: [XNode] = [XNode("#document", [:])]
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                let node = XNode(name, attributes)
                stack.last!.children.append(node)
                stack.append(node)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            { stack.removeLast() }
            func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }
        }
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.stack.first?.children.first else {
            throw NSError(
                domain: "XNode", code: 1,
                userInfo: [
                    NSLocalizedDescriptionKey: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")"
                ])
        }
        return root
    }
}
