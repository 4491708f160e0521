import ConveneTestSupport
import Exporters
import Foundation
import SessionModel
import XCTest

/// qdpx/qdc against the official REFI-QDA schemas (xmllint, and python
/// xmlschema when present) and against what real importers need beyond them.
final class REFIQDATests: XCTestCase {
    /// A session whose words are full of accents, emoji and combining marks,
    /// so code-point positions differ from UTF-16 and Character counts.
    static func unicodeState() throws -> SessionState {
        let t0 = DemoSession.defaultStart
        var events: [SessionEvent] = []
        var t = 0.0
        func add(_ p: any EventPayload) {
            t += 10
            events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p))
        }
        add(
            SessionCreated(
                sessionID: DemoSession.sessionID, title: "Café & “quotes” <test> — naïve 👩🏽‍⚕️", date: "2026-05-14"))
        add(CodebookSet(name: "pp", codes: BuiltInCodebook.practicePrinciples))
        add(GuideSet(segments: [GuideSegment(title: "Opening", prompts: ["Qu’est-ce qui marche ? 🙂"])]))
        add(
            ParticipantAdded(
                code: "P01", jobRole: "Travailleuse sociale", organisationType: .localAuthority, strand: "practice"))
        add(ParticipantAdded(code: "P02", jobRole: "Health visitor"))
        for c in ["P01", "P02"] {
            add(ConsentRecorded(code: c, items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        }
        add(GuideAdvanced(segment: 0))
        add(GroupCreated(name: "Salle 🅰"))
        add(ParticipantAssigned(code: "P01", room: 1))
        add(RoundStarted(minutes: 10, prompt: "Ce qui marche 👍"))
        let texts = [
            "Les familles 👨‍👩‍👧 préfèrent être à la maison — c’est moins intimidant.",
            "e\u{301}te\u{301}: combining accents, then 🇬🇧 flags and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.",
            "Line one\r\nline two with ümlauts",
            "Plain ASCII at the end.",
        ]
        for (i, text) in texts.enumerated() {
            add(
                ContributionLogged(
                    source: i == 2 ? .chat : .verbal, room: i < 2 ? 1 : 0, speaker: i % 2 == 0 ? "P01" : "P02",
                    text: text))
        }
        add(CodeTagged(number: 1, code: BuiltInCodebook.practicePrinciples[0].name))
        add(CodeTagged(number: 1, code: BuiltInCodebook.practicePrinciples[2].name))
        add(CodeTagged(number: 2, code: "Émergent 🌱"))
        add(ThemeCreated(title: "Thème ✨"))
        add(ThemeLinked(theme: 1, number: 1))
        add(ThemeLinked(theme: 1, number: 3))
        return try SessionState.replay(events)
    }

    func xmllint(_ file: URL, schema: String) throws {
        let lint = try TestRun.tool("xmllint", install: "libxml2-utils")
        let xsd = Fixture.schemaDir.appendingPathComponent(schema).path
        XCTAssertTrue(FileManager.default.fileExists(atPath: xsd), "schema missing at \(xsd)")
        let r = try Tool.run(lint, ["--noout", "--schema", xsd, file.path])
        XCTAssertEqual(r.status, 0, "xmllint rejects \(file.lastPathComponent) against \(schema):\n\(r.stderr)")
        XCTAssertTrue(r.stderr.contains("validates"), r.stderr)
    }

    func xmlschema(_ file: URL, schema: String) throws {
        let python = try TestRun.tool("python3", install: "python3")
        let probe = try Tool.run(python, ["-c", "import xmlschema"])
        guard probe.status == 0 else {
            throw TestRun.cannotRun("python xmlschema is not installed (pip install xmlschema; .ci/run installs it)")
        }
        let xsd = Fixture.schemaDir.appendingPathComponent(schema).path
        let r = try Tool.run(
            python,
            [
                "-c", "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('ok')", xsd,
                file.path,
            ])
        XCTAssertEqual(r.status, 0, "xmlschema rejects \(file.lastPathComponent):\n\(r.stderr)")
    }

    func unpack(_ state: SessionState) throws -> (dir: URL, entries: [(path: String, data: Data)]) {
        let entries = try Zip.entries(Exporter.export(state, format: .qdpx))
        let dir = try Fixture.tempDir()
        for e in entries {
            let url = dir.appendingPathComponent(e.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try e.data.write(to: url)
        }
        return (dir, entries)
    }

    func testProjectAndCodebookValidateAgainstTheSchemas() throws {
        for state in [try Fixture.demoState(), try Self.unicodeState()] {
            let (dir, _) = try unpack(state)
            try xmllint(dir.appendingPathComponent("project.qde"), schema: "Project-mrt2019.xsd")
            try xmlschema(dir.appendingPathComponent("project.qde"), schema: "Project-mrt2019.xsd")
            let qdc = dir.appendingPathComponent("codebook.qdc")
            try Exporter.export(state, format: .qdc).write(to: qdc)
            try xmllint(qdc, schema: "Codebook-mrt2019.xsd")
            try xmlschema(qdc, schema: "Codebook-mrt2019.xsd")
        }
    }

    func testImporterRulesBeyondTheSchema() throws {
        for state in [try Fixture.demoState(), try Self.unicodeState()] {
            let (_, entries) = try unpack(state)
            let files = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.data) })
            let qde = try XCTUnwrap(files["project.qde"])
            let root = try XNode.parse(qde)
            func all(_ name: String) -> [XNode] { name == "*" ? [root] + root.descendants : root.all(name) }
            func attr(_ e: XNode, _ a: String) -> String? { e.attrs[a] }

            XCTAssertEqual(attr(root, "origin"), "Convene")
            XCTAssertNotNil(attr(root, "creatingUserGUID"))
            // GUIDs: lowercase, unique, and every reference resolves. The one shared GUID is a
            // case's with its participant's speaker code (how NVivo and QualCoder link a case's text).
            var guids = Set<String>()
            let lower = try NSRegularExpression(
                pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
            let speakerCodes = Dictionary(
                all("Code").compactMap { c in attr(c, "name").map { ($0, attr(c, "guid") ?? "") } },
                uniquingKeysWith: { a, _ in a })
            for e in all("*") where e.name != "Case" {
                guard let g = attr(e, "guid") else { continue }
                XCTAssertEqual(
                    lower.numberOfMatches(in: g, range: NSRange(g.startIndex..., in: g)), 1, "GUID not lowercase: \(g)")
                XCTAssertTrue(guids.insert(g).inserted, "duplicate GUID \(g)")
            }
            for c in all("Case") {
                let name = try XCTUnwrap(attr(c, "name"))
                XCTAssertEqual(
                    attr(c, "guid"), speakerCodes["Speaker \(name)"], "case \(name) shares its speaker code's GUID")
            }
            for e in all("*") {
                for a in ["targetGUID", "creatingUser", "creatingUserGUID", "modifyingUserGUID"] {
                    if let ref = attr(e, a) {
                        XCTAssertTrue(guids.contains(ref), "\(e.name) @\(a)=\(ref) does not resolve")
                    }
                }
            }
            // Code names unique across the codebook; colours exactly #RRGGBB.
            let codes = all("Code")
            XCTAssertEqual(
                Set(codes.compactMap { attr($0, "name")?.lowercased() }).count, codes.count, "code names must be unique"
            )
            let colour = try NSRegularExpression(pattern: "^#[0-9A-F]{6}$")
            for c in codes {
                let v = attr(c, "color") ?? ""
                XCTAssertEqual(colour.numberOfMatches(in: v, range: NSRange(v.startIndex..., in: v)), 1, "colour \(v)")
            }
            // Every Coding names its user; no empty containers.
            for c in all("Coding") { XCTAssertNotNil(attr(c, "creatingUser")) }
            for name in [
                "Users", "CodeBook", "Codes", "Variables", "Cases", "Sources", "Notes", "Sets", "Links", "Graphs",
            ] {
                for e in all(name) { XCTAssertGreaterThan(e.children.count, 0, "empty <\(name)/>") }
            }
            // Sources: sources/GUID.txt, internal://GUID.txt, UTF-8, LF, no BOM, no inline content.
            let record = ResearchGate.record(state)
            var seenNumbers = Set<Int>()
            for source in all("TextSource") {
                let g = try XCTUnwrap(attr(source, "guid"))
                XCTAssertEqual(attr(source, "plainTextPath"), "internal://\(g).txt")
                XCTAssertEqual(source.elements("PlainTextContent").count, 0)
                let data = try XCTUnwrap(files["sources/\(g).txt"], "missing sources/\(g).txt")
                XCTAssertFalse(data.starts(with: [0xEF, 0xBB, 0xBF]), "BOM")
                XCTAssertFalse(data.contains(0x0D), "CR in source text")
                let text = try XCTUnwrap(String(data: data, encoding: .utf8))
                let scalars = Array(text.unicodeScalars)
                var codesPerSelection: [String: Int] = [:]
                for sel in source.elements("PlainTextSelection") {
                    let start = Int(attr(sel, "startPosition")!)!
                    let end = Int(attr(sel, "endPosition")!)!
                    XCTAssertTrue(0 <= start && start < end && end <= scalars.count)
                    let n = Int(attr(sel, "name")!.dropFirst())!
                    seenNumbers.insert(n)
                    let expected = record.contributions.first { $0.number == n }!.text.replacingOccurrences(
                        of: "\r\n", with: "\n")
                    var slice = String.UnicodeScalarView()
                    slice.append(contentsOf: scalars[start..<end])
                    XCTAssertEqual(String(slice), expected, "selection #\(n) is not at the contribution's code points")
                    XCTAssertEqual(sel.elements("Coding").count, 1, "one code per PlainTextSelection")
                    codesPerSelection["\(n)", default: 0] += 1
                }
                XCTAssertFalse(codesPerSelection.isEmpty)
            }
            XCTAssertEqual(seenNumbers, Set(record.contributions.map(\.number)), "every contribution is coded")
            // Cases carry their Variables, and their participant's text: a SelectionRef to the
            // selection of each of their contributions coded with their speaker code, and no other.
            XCTAssertEqual(all("Case").count, record.participants.count)
            XCTAssertFalse(all("VariableValue").isEmpty)
            let selections = Dictionary(
                all("PlainTextSelection").map { ($0.attrs["guid"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            for c in all("Case") {
                let code = try XCTUnwrap(attr(c, "name"))
                let refs = c.elements("SelectionRef").compactMap { attr($0, "targetGUID") }
                let numbers = try refs.map { ref -> Int in
                    let sel = try XCTUnwrap(
                        selections[ref], "case \(code): SelectionRef \(ref) is not a text selection")
                    XCTAssertEqual(
                        sel.elements("Coding").first?.elements("CodeRef").first?.attrs["targetGUID"], attr(c, "guid"),
                        "case \(code): the selection is coded with the case's speaker code")
                    return Int(attr(sel, "name")!.dropFirst())!
                }
                let expected = record.contributions.filter { $0.speaker == code }.map(\.number)
                XCTAssertEqual(numbers, expected, "case \(code) links exactly its participant's contributions")
                if !expected.isEmpty { XCTAssertFalse(refs.isEmpty) }
            }
            // Notes: text in sources/GUID.txt referenced by plainTextPath, never inline.
            XCTAssertFalse(all("Note").isEmpty)
            for note in all("Note") {
                let g = try XCTUnwrap(attr(note, "guid"))
                XCTAssertEqual(attr(note, "plainTextPath"), "internal://\(g).txt")
                XCTAssertEqual(note.elements("PlainTextContent").count, 0, "note text inline")
                let data = try XCTUnwrap(files["sources/\(g).txt"], "missing note file sources/\(g).txt")
                XCTAssertFalse(data.isEmpty)
                XCTAssertFalse(data.contains(0x0D), "CR in a note")
            }
        }
    }

    func testCodesPerSpeakerSourceAndThemeAreApplied() throws {
        let (_, entries) = try unpack(try Fixture.demoState())
        let qde = String(decoding: entries.first { $0.path == "project.qde" }!.data, as: UTF8.self)
        for name in [
            "Speaker P01", "Speaker P06", "Source: verbal", "Source: whiteboard",
            "Theme 1: Attendance and access improve", "Digital exclusion",
        ] {
            XCTAssertTrue(qde.contains("name=\"\(name)\""), "no code \(name)")
        }
        XCTAssertTrue(qde.contains("<Note "), "facilitator prompts as notes")
        // Guide and round prompts are kept, in the notes' files.
        let noteFiles = Set(
            try XNode.parse(Data(qde.utf8)).all("Note").compactMap { $0.attrs["guid"].map { "sources/\($0).txt" } })
        let notes = entries.filter { noteFiles.contains($0.path) }.map { String(decoding: $0.data, as: UTF8.self) }
            .joined(separator: "\n")
        XCTAssertTrue(
            notes.contains("What works well in hybrid conferences?"), "a round prompt survives as a note file")
        XCTAssertTrue(
            notes.contains("Who is left out when some join online?"), "a guide prompt survives as a note file")
        XCTAssertTrue(qde.contains("<Set "), "themes board as a set")
        XCTAssertEqual(entries.first?.path, "project.qde")
        XCTAssertTrue(entries.dropFirst().allSatisfy { $0.path.hasPrefix("sources/") && $0.path.hasSuffix(".txt") })
    }

    func testGUIDsComeFromTheSessionID() throws {
        let a = String(decoding: try Exporter.export(try Fixture.demoState(), format: .qdc), as: UTF8.self)
        var events = DemoSession.events()
        events[0] = SessionEvent(
            id: events[0].id, at: events[0].at, by: events[0].by,
            SessionCreated(
                sessionID: UUID(uuidString: "11111111-2222-4333-8444-555555555555")!, title: "Other", date: "2026-05-14"
            ))
        let b = String(decoding: try Exporter.export(try SessionState.replay(events), format: .qdc), as: UTF8.self)
        XCTAssertNotEqual(a, b, "another session gets other GUIDs")
        XCTAssertEqual(a.components(separatedBy: "guid=").count, b.components(separatedBy: "guid=").count)
    }
}
