import ConsoleApp
import Foundation
import Privacy
import SessionModel
import SessionStore
import XCTest

/// One rule, one place (issue 18): the findings a session gives — each contribution's own, then the people, places
/// and organisations the session remembers from its others (Privacy/SessionMemory.swift) — are the same through every
/// path that applies the memory: `convene review`, `convene redact`, the console's review list, the export gate,
/// the study export and the study overview's count. Names and places are invented for the test.
final class SessionMemoryPathsTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try ConveneProcess.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Said by whom, what: P03 never consented, so the export leaves #9 out, but what it says still teaches the memory.
    static let said: [(String, String)] = [
        ("P01", "her son Zorvek was picked up in a car again"),
        ("P02", "we only heard about zorvek last week"),
        ("P01", "she lives in Quenbridge with her nan now"),
        ("P02", "Quenbridge again, same lads outside the chippy"),
        ("P01", "Mrs Quarshiew rang the duty line twice"),
        ("P02", "and quarshiew never came back to us"),
        ("P01", "his mum lives in Dunmorrow too"),
        ("P02", "Dunmorrow is where the club meets"),
        ("P03", "her daughter Tilvane was at the meeting"),
        ("P01", "and tilvane never came back to us"),
        ("P02", "we talked about thresholds and supervision, nothing more"),
    ]

    func testEveryPathGivesTheSameFindings() throws {
        let study = path("memory")
        try ConveneProcess.ok(["study", "new", study, "--title", "Memory study"])
        let file = study + "/group1.convene"
        try ConveneProcess.ok(["new", file, "--title", "Group 1", "--by", "Sam Lead"])
        for (code, name) in [("P01", "Ann Quorn"), ("P02", "Bo Lindell"), ("P03", "Cai Rowse")] {
            try ConveneProcess.ok([
                "participant", "add", file, "--code", code, "--role", "Social worker", "--name", name,
            ])
        }
        for code in ["P01", "P02"] { try ConveneProcess.ok(["consent", file, code, "--by", "Sam Lead"]) }
        for (code, text) in Self.said {
            try ConveneProcess.ok(["log", file, "--source", "verbal", "--speaker", code, "--", text])
        }
        // A person accepts "Mrs Quarshiew" in #5 and rejects "Dunmorrow" in #7 with a reason.
        let accepted = try ConveneProcess.ok(["redact", file, "5", "--accept", "1"]).stdout
        XCTAssertTrue(accepted.contains("Mrs Quarshiew"), accepted)
        let rejected = try ConveneProcess.ok(["redact", file, "7", "--reject", "1", "--reason", "a story's village"])
        XCTAssertTrue(rejected.stdout.contains("Dunmorrow"), rejected.stdout)

        // The rule: `Redactor.sessionFindings`.
        let journal = try SQLiteJournal.open(path: file, readOnly: true)
        let state = journal.state
        try journal.close()
        let rule = Redactor(session: state).sessionFindings(state).findings
        func keys(_ findings: [Int: [Finding]]) -> [String] {
            findings.keys.sorted().flatMap { n in
                findings[n]!.map { "#\(n) \($0.label.rawValue) \($0.span.start):\($0.span.end) \($0.text)" }
            }
        }
        let expected = keys(rule)
        // The memory's part: bare mentions no scan of their own text finds, from a cue, an acceptance, and a
        // contribution the export leaves out; and nothing where a person rejected the text.
        for line in [
            "#2 PERSON 20:26 zorvek", "#4 LOCATION 0:10 Quenbridge", "#6 PERSON 4:13 quarshiew",
            "#10 PERSON 4:11 tilvane",
        ] {
            XCTAssertTrue(expected.contains(line), "\(line) in \(expected)")
        }
        XCTAssertFalse(expected.contains { $0.contains("Dunmorrow") }, "\(expected)")

        // `convene review --json`.
        var reviewed: [Int: [Finding]] = [:]
        for line in try ConveneProcess.ok(["review", file, "--json"]).stdout.split(separator: "\n") {
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard o["kind"] == nil, let n = o["number"] as? Int, let start = o["start"] as? Int,
                let end = o["end"] as? Int,
                let label = (o["label"] as? String).flatMap { IdentifierLabel(rawValue: $0) },
                let text = o["text"] as? String
            else { continue }
            reviewed[n, default: []].append(Finding(label: label, span: TextSpan(start: start, end: end), text: text))
        }
        XCTAssertEqual(keys(reviewed), expected, "review")

        // The console's review list, once every contribution is scanned.
        let index = PrivacyIndex(session: state, eager: Int.max)
        XCTAssertTrue(index.isComplete)
        var listed: [Int: [Finding]] = [:]
        for c in state.contributions {
            let f = index.findings(c.number, in: state)
            if !f.isEmpty { listed[c.number] = f }
        }
        XCTAssertEqual(keys(listed), expected, "the console's review list")
        XCTAssertEqual(index.unresolvedCount, expected.count)

        // `convene redact N --accept-all` on a copy accepts exactly what review listed for N.
        for n in rule.keys.sorted() {
            let copy = path("copy-\(n).convene")
            try FileManager.default.copyItem(atPath: file, toPath: copy)
            try ConveneProcess.ok(["redact", copy, "\(n)", "--accept-all"])
            let j = try SQLiteJournal.open(path: copy, readOnly: true)
            let before = state.contribution(n)!.redactions.map(\.span)
            let made = j.state.contribution(n)!.redactions.filter { !before.contains($0.span) }
            try j.close()
            XCTAssertEqual(
                made.map { "\($0.label.rawValue) \($0.span.start):\($0.span.end)" },
                rule[n]!.map { "\($0.label.rawValue) \($0.span.start):\($0.span.end)" }, "redact #\(n)")
        }

        // The export gate: every listed finding becomes its label, every accepted redaction its placeholder, and
        // nothing else changes; #9 (no consent) is left out.
        var exportedTexts: [Int: String] = [:]
        for c in state.contributions where c.speaker != "P03" {
            var spans = (rule[c.number] ?? []).map { ($0.span, "[\($0.label.placeholderWord)]") }
            spans += c.redactions.map { ($0.span, $0.placeholder) }
            exportedTexts[c.number] = Self.replacing(spans, in: c.text)
        }
        try ConveneProcess.ok(["export", file, "--format", "json", "-o", path("session.json")])
        XCTAssertEqual(try Self.texts(path("session.json")), exportedTexts, "convene export")
        try ConveneProcess.ok(["study", "export", study, "--format", "json", "-o", path("study.json")])
        // A study numbers the contributions it exports afresh, in the same order.
        let inOrder = exportedTexts.keys.sorted().map { exportedTexts[$0]! }
        let merged = try Self.texts(path("study.json"))
        XCTAssertEqual(merged.keys.sorted().map { merged[$0]! }, inOrder, "convene study export")

        // The study overview counts what review lists.
        let overview = try XCTUnwrap(
            try JSONSerialization.jsonObject(
                with: try ConveneProcess.ok(["study", "show", study, "--json"]).stdoutData)
                as? [String: Any])
        let sessions = try XCTUnwrap(overview["sessions"] as? [[String: Any]])
        XCTAssertEqual(sessions.first?["unreviewedFindings"] as? Int, expected.count, "convene study show")
    }

    /// `text` with each span (scalar offsets, not overlapping) replaced.
    static func replacing(_ spans: [(TextSpan, String)], in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var at = 0
        for (span, with) in spans.sorted(by: { $0.0.start < $1.0.start }) {
            out.append(contentsOf: scalars[at..<span.start])
            out.append(contentsOf: with.unicodeScalars)
            at = span.end
        }
        out.append(contentsOf: scalars[at...])
        return String(out)
    }

    /// A JSON export's contribution texts by number.
    static func texts(_ file: String) throws -> [Int: String] {
        let record = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var out: [Int: String] = [:]
        for e in record["contributions"] as? [[String: Any]] ?? [] {
            if let n = e["number"] as? Int, let t = e["text"] as? String { out[n] = t }
        }
        return out
    }
}
