import ConveneTestSupport
import Foundation
import XCTest

/// `convene codebook FILE --import` with codebooks written by real tools: Taguette's own REFI-QDA codebook writer
/// (python, `taguette.export.codebook_xml`, the code behind its "export codebook as QDC"), checked against the
/// REFI-QDA codebook schema first, and Convene's own qdc and qdpx exports read back.
final class CodebookImportTests: XCTestCase {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/refi-qda")
        .appendingPathComponent("Codebook-mrt2019.xsd")

    struct Ran {
        var status: Int32
        var stderr: String
    }

    /// Runs an outside program to completion (python, xmllint), with its error output.
    func run(_ path: String, _ args: [String]) throws -> Ran {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Ran(status: p.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    func newSession(_ dir: URL, _ name: String) throws -> String {
        let f = dir.appendingPathComponent(name).path
        try ConveneProcess.ok(["new", f, "--title", "Codebook import", "--date", "2026-05-01"])
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        return f
    }

    func testACodebookWrittenByTaguetteImports() throws {
        let python = try TestRun.tool("python3", install: "python3")
        guard try run(python, ["-c", "import taguette.export"]).status == 0 else {
            throw TestRun.cannotRun("python taguette is not installed (pip install taguette; .ci/run installs it)")
        }
        let dir = try ConveneProcess.tempDir()
        let qdc = dir.appendingPathComponent("taguette-codebook.qdc")
        // Taguette's tags are paths; its writer emits them flat, upper-case GUIDs, no descriptions.
        let script = """
            import collections, sys
            from taguette.export import codebook_xml
            Tag = collections.namedtuple('Tag', 'path description')
            tags = [Tag(p, '') for p in ['PP1 Child-centred', 'Risk.online', 'Voix de l’enfant', 'Contextual safeguarding',
                                         'risk.online']]
            codebook_xml(tags, sys.argv[1])
            """
        let wrote = try run(python, ["-c", script, qdc.path])
        XCTAssertEqual(wrote.status, 0, wrote.stderr)
        let xml = try String(contentsOf: qdc, encoding: .utf8)
        XCTAssertTrue(xml.contains("origin=\"Taguette"), "written by Taguette: \(xml.prefix(200))")
        // The specimen is a valid REFI-QDA codebook, so what Convene reads is what the standard says.
        let lint = try TestRun.tool("xmllint", install: "libxml2-utils")
        XCTAssertTrue(FileManager.default.fileExists(atPath: Self.schema.path), "schema at \(Self.schema.path)")
        // Taguette 1.5 writes an empty `<Sets/>`, which the schema does not allow (a Sets element needs a Set):
        // that is the only fault, and a lenient reader takes the file anyway.
        let valid = try run(lint, ["--noout", "--schema", Self.schema.path, qdc.path])
        let faults = valid.stderr.split(separator: "\n").filter { $0.contains("validity error") }
        XCTAssertTrue(
            valid.status == 0 || (faults.count == 1 && faults[0].contains("Sets")),
            "Taguette's codebook against the schema: \(valid.stderr)")

        let f = try newSession(dir, "s.convene")
        let result = try ConveneProcess.ok(["codebook", f, "--import", qdc.path])
        XCTAssertTrue(
            result.stdout.hasPrefix(
                "read 5 codes from a REFI-QDA codebook, imported 4, 1 duplicate merged\ncodebook: taguette-codebook\n"),
            result.stdout)
        let listed = try ConveneProcess.ok(["codebook", f]).lines.dropFirst().map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(listed, ["PP1 Child-centred", "Risk.online", "Voix de l’enfant", "Contextual safeguarding"])
        // The codes are the codebook's: tagging by a unique prefix resolves to them, no emergent code appears.
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--", "We always start from the child."])
        try ConveneProcess.ok(["tag", f, "1", "Voix"])
        XCTAssertFalse(try ConveneProcess.ok(["codebook", f]).stdout.contains("emergent"))
    }

    /// Convene's own qdc and qdpx exports read back as the same codebook, descriptions included.
    func testConvenesOwnQdcAndQdpxImportBack() throws {
        let dir = try ConveneProcess.tempDir()
        let demo = dir.appendingPathComponent("demo").path
        try ConveneProcess.ok(["demo", demo, "--no-show"])
        let session = try XCTUnwrap(
            try FileManager.default.contentsOfDirectory(atPath: demo).first { $0.hasSuffix(".convene") })
        let source = "\(demo)/\(session)"
        // Emergent codes come back as ordinary codes of the codebook, their description saying they were emergent.
        let original = try ConveneProcess.ok(["codebook", source]).lines.dropFirst().map {
            $0.replacingOccurrences(of: "  (emergent)", with: " — Emergent code, added while tagging.")
        }
        XCTAssertGreaterThan(original.count, 3)
        for format in ["qdc", "qdpx"] {
            let out = dir.appendingPathComponent("codes.\(format)").path
            try ConveneProcess.ok(["export", source, "--format", format, "-o", out])
            let f = try newSession(dir, "from-\(format).convene")
            let result = try ConveneProcess.ok(["codebook", f, "--import", out])
            XCTAssertTrue(result.stdout.contains("imported \(original.count)"), "\(format): \(result.stdout)")
            XCTAssertEqual(result.lines.dropFirst().first, "codebook: practice-principles", format)
            XCTAssertEqual(Array(result.lines.dropFirst(2)), original, format)
        }
    }

    /// A file that is not a codebook: one sentence, a non-zero exit, and the session's codebook is unchanged.
    func testABadFileChangesNothing() throws {
        let dir = try ConveneProcess.tempDir()
        let f = try newSession(dir, "s.convene")
        try ConveneProcess.ok(["codebook", f, "--use", "practice-principles"])
        let before = try ConveneProcess.ok(["codebook", f]).stdout
        let bad = dir.appendingPathComponent("broken.qdc")
        try Data("<CodeBook><Codes><Code name=\"a\"></Codes>".utf8).write(to: bad)
        let result = try ConveneProcess.run(["codebook", f, "--import", bad.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("broken.qdc is not a codebook Convene can read"), result.stderr)
        XCTAssertEqual(try ConveneProcess.ok(["codebook", f]).stdout, before)
    }
}
