import Foundation
import SessionModel
import SessionStore
import XCTest

/// Issue 18's end-to-end figure: identifiers left in clear in a markdown, CSV, JSON and qdpx export of a session
/// where no finding was accepted by a person (at most 20 in 400). Each labelled corpus becomes a session (every
/// utterance a contribution by a consented participant with a plain code, all in one theme so the markdown report
/// quotes them; no redaction accepted or rejected), is exported with the real `convene export`, and every gold
/// identifier is looked for in its own contribution's exported text: leaked if its text is there, partly if a part
/// of it of three characters or more is. Prints one line per corpus and format (docs/privacy.md records them).
final class ExportLeakTests: XCTestCase {
    struct Gold {
        var number: Int
        var label: String
        var text: String
    }

    /// The corpora in Tests/PrivacyTests/Corpus (development data, except blind2's held-out third, whose leaks are
    /// counted but not printed).
    static let corpora = [
        "blind.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl",
        "blind8.jsonl", "blind9.jsonl", "blind10.jsonl", "blind13.jsonl", "blind14.jsonl", "blind15.jsonl",
        "blind16.jsonl", "blind21.jsonl", "blind22.jsonl", "blind23.jsonl", "blind24.jsonl",
        "blind25.jsonl", "blind26.jsonl", "blind27.jsonl", "blind28.jsonl", "blind29.jsonl", "blind30.jsonl",
        "blind31.jsonl", "blind32.jsonl", "blind33.jsonl", "blind34.jsonl", "blind35.jsonl", "blind36.jsonl",
        "blind37.jsonl", "blind38.jsonl", "blind41.jsonl", "blind42.jsonl", "blind43.jsonl",
        "blind44.jsonl", "dev.jsonl", "heldout.jsonl",
    ]

    /// In clear per 400 allowed: the issue's 20, and on the corpora held out in session 7 (blind7, blind8; 29.5 and
    /// 27.1 in 400 at main f5cccca) what session 8's notes read as fields reached (9.6 and 13.1 in 400), blind7 8.9
    /// with the session memory holding places too. blind9 and blind10, held out in session 8 (21.9 and 28.9 in 400 at
    /// main 1d750b3), at what that session's work reached (12.0 and 16.9 in 400 at main 6ce2227). blind15 and
    /// blind16, scored blind in session 10 (57.4 and 38.1 in 400 at main 3c3ec8d), and blind13 (55.6), held out until
    /// session 11, at what session 11's rules and the retrained labeller reach (13.4, 6.3 and 15.8). blind21 and
    /// blind22, written blind in session 12 as development data, at what that session's rules reach (25.0 and 14.5):
    /// blind21, long spoken stories with organisations called short, is over the issue's 20 and held there so it can
    /// only fall. Session 13 brought blind21 under 20 (19.7), blind22 to 12.0, blind13 to 13.3 and blind15 to 11.0, and
    /// added blind25 and blind26 (written blind as development data; 35.7 and 15.7): blind25, local organisations
    /// named every way, is over 20 and held at 36 so it can only fall. blind23 and blind24, held out in session 13
    /// (43.0 and 35.4 at its start), at its end (32.0 and 31.5), development data since. Session 14 brought blind23
    /// to 26.5, blind24 to 20.3 and blind25 to 32.5, and added blind29 and blind30 (written blind as development data;
    /// 45.0 and 29.2 after that session's rules: blind29, a returning group's lower-case nicknames, is the worst yet).
    /// blind27 and blind28, held out in session 14 (24.6 and 26.8 at its start), at its end (24.6 and 25.5),
    /// development data since. Session 15 brought blind27 to 16.6, blind28 to 19.4, blind29 to 35.0 and blind30 to
    /// 23.7, and added blind33 and blind34 (written blind as development data; 14.3 and 14.6). blind31 and blind32,
    /// held out in session 15 (27.8 and 26.1 at its start), at its end (26.5 and 24.7), development data since.
    /// Session 16 (the labeller trained on thirty corpora, rules 50–52) brought blind29 to 21.7, blind31 to 14.9,
    /// blind32 to 10.9, blind25 to 15.6 and blind23 to 12.8. blind35 and blind36, held out in session 16 (30.6 and
    /// 22.1 at its start), at its end (28.3 and 17.5): blind35, sports clubs named their own way, is over 20 and held
    /// there so it can only fall. blind37 and blind38 were written blind as development data the same hour. Session
    /// 17's retrain on 34 corpora left blind23 one age more in clear (13.7: "a fella of twenty four"); `clubs13` (clubs
    /// named by a place and a team word, a place's LADO, outward codes after an activity, bare handles) brought
    /// blind35 to 22.2 and blind36 to 16.7. blind43 and blind44, held out in session 18 (16.4 and 16.4 at its start),
    /// at its end (18.9 and 17.3: more in clear, not fewer), development data since, under the issue's 20.
    static let ceilingIn400: [String: Double] = [
        "blind7.jsonl": 9, "blind8.jsonl": 13.5, "blind9.jsonl": 12.5, "blind10.jsonl": 17.5, "blind13.jsonl": 13,
        "blind15.jsonl": 11, "blind16.jsonl": 6.5, "blind22.jsonl": 8.5, "blind23.jsonl": 14, "blind24.jsonl": 15.5,
        "blind25.jsonl": 16, "blind29.jsonl": 22, "blind30.jsonl": 11.5,
        "blind31.jsonl": 15.5, "blind32.jsonl": 11.5, "blind35.jsonl": 22.5, "blind36.jsonl": 17,
    ]
    static let formats = ["markdown", "csv", "json", "qdpx"]

    /// Written at once, not through `print`'s buffer: into a pipe, the figures after the first few kilobytes were lost
    /// from CI's log when the test process ended (session 7).
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func testIdentifiersLeftInClearInExportsWithNoReviewAreAtMostTwentyInFourHundred() throws {
        let corpusDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PrivacyTests/Corpus")
        var measured = 0
        // A held-out corpus kept outside the repo (CONVENE_HELD_OUT_CORPUS=/path/to.jsonl) is measured too: its
        // counts are printed, its identifiers never, and it asserts nothing (its figure is recorded, not tuned on).
        let heldOut = ProcessInfo.processInfo.environment["CONVENE_HELD_OUT_CORPUS"]
        for name in Self.corpora + (heldOut.map { [$0] } ?? []) {
            let isHeldOut = name == heldOut
            let path = isHeldOut ? name : corpusDir.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            measured += 1
            let dir = try ConveneProcess.tempDir()
            let (file, gold) = try Self.session(from: path, in: dir)
            for format in Self.formats {
                let out = dir.appendingPathComponent("export.\(format)").path
                try ConveneProcess.ok(["export", file, "--format", format, "-o", out])
                let texts = try Self.contributionTexts(format: format, path: out)
                let count = Self.leaks(gold, in: texts)
                XCTAssertEqual(count.missing, [], "\(name) \(format): every contribution is in the export")
                say(
                    "leaks: \(name) \(format): \(count.clear) of \(gold.count) identifiers in clear, \(count.partly) partly"
                        + " (scaled to 400: \(String(format: "%.1f", Double(count.clear) * 400 / Double(gold.count))) in clear)"
                )
                // blind2's held-out third (ids that are multiples of 3, CorpusEvaluationTests) is counted, never shown.
                let shown = count.examples.filter { name != "blind2.jsonl" || $0.number % 3 != 0 }
                if isHeldOut { continue }
                for g in shown.prefix(12) { say("  left in clear: #\(g.number) \(g.label) “\(g.text)”") }
                // At most 20 in 400 (or the corpus's ceiling), scaled to the corpus.
                XCTAssertLessThanOrEqual(
                    Double(count.clear) / Double(gold.count), (Self.ceilingIn400[name] ?? 20) / 400.0,
                    "\(name) \(format): \(count.clear) of \(gold.count) identifiers reach the export in clear")
            }
        }
        XCTAssertGreaterThanOrEqual(measured, 3, "the labelled corpora are found")
    }

    /// A session file made with the real journal: six consented participants, every utterance a contribution,
    /// every contribution in one theme; no linkage names, no redaction, no rejection.
    static func session(from corpus: String, in dir: URL) throws -> (String, [Gold]) {
        let file = dir.appendingPathComponent("corpus.convene").path
        let journal = try SQLiteJournal.create(
            path: file, session: SessionCreated(sessionID: UUID(), title: "Leak check", date: "2026-05-14"),
            by: "test", at: Date(timeIntervalSince1970: 1_778_750_000))
        let codes = (1...6).map { String(format: "P%02d", $0) }
        var setup: [any EventPayload] = codes.map { ParticipantAdded(code: $0, jobRole: "Social worker") }
        setup += codes.map { ConsentRecorded(code: $0, items: ConsentChecklist.defaultItems, checkedBy: "test") }
        setup.append(ThemeCreated(title: "Everything said"))
        try journal.append(setup, by: "test", at: Date(timeIntervalSince1970: 1_778_750_010))
        var gold: [Gold] = []
        var batch: [any EventPayload] = []
        var number = 0
        let text = try String(contentsOfFile: corpus, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let utterance = try XCTUnwrap(object["text"] as? String)
            number += 1
            batch.append(
                ContributionLogged(
                    source: number % 3 == 0 ? .chat : .verbal, speaker: codes[number % codes.count], text: utterance))
            batch.append(ThemeLinked(theme: 1, number: number))
            for span in object["spans"] as? [[String: Any]] ?? [] {
                if let label = span["label"] as? String, let t = span["text"] as? String {
                    gold.append(Gold(number: number, label: label, text: t))
                }
            }
        }
        try journal.append(batch, by: "test", at: Date(timeIntervalSince1970: 1_778_750_020))
        try journal.close()
        return (file, gold)
    }

    struct Count {
        var clear = 0
        var partly = 0
        var missing: [Int] = []
        var examples: [Gold] = []
    }

    /// Leaked: the identifier's text is in its contribution's exported text (case and runs of spaces ignored);
    /// partly: a part of it (a run of letters or digits) of three characters or more is there as a word.
    static func leaks(_ gold: [Gold], in texts: [Int: String]) -> Count {
        var count = Count()
        for g in gold {
            guard let exported = texts[g.number] else {
                if !count.missing.contains(g.number) { count.missing.append(g.number) }
                continue
            }
            let haystack = normalised(exported)
            if haystack.contains(normalised(g.text)) {
                count.clear += 1
                count.examples.append(g)
            } else {
                let words = Set(wordsOf(haystack))
                if wordsOf(normalised(g.text)).contains(where: { $0.count >= 3 && words.contains($0) }) {
                    count.partly += 1
                }
            }
        }
        return count
    }

    static func normalised(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func wordsOf(_ s: String) -> [String] {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    // MARK: Each format's contribution texts, by number

    static func contributionTexts(format: String, path: String) throws -> [Int: String] {
        switch format {
        case "json":
            let record = try XCTUnwrap(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            var out: [Int: String] = [:]
            for e in record["contributions"] as? [[String: Any]] ?? [] {
                if let n = e["number"] as? Int, let t = e["text"] as? String { out[n] = t }
            }
            return out
        case "csv":
            let rows = csvRows(try String(contentsOfFile: path, encoding: .utf8))
            guard let header = rows.first, let n = header.firstIndex(of: "number"),
                let t = header.firstIndex(of: "text")
            else { return [:] }
            var out: [Int: String] = [:]
            for row in rows.dropFirst() where row.count > max(n, t) {
                if let number = Int(row[n]) { out[number] = row[t] }
            }
            return out
        case "markdown":
            return markdownQuotes(try String(contentsOfFile: path, encoding: .utf8))
        case "qdpx":
            return try qdpxTexts(path)
        default:
            return [:]
        }
    }

    /// RFC 4180: quoted fields, doubled quotes, CRLF.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": break
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// The report quotes each contribution of a theme as `- “text” — label (#N)`; its text is read as a reader
    /// sees it (Markdown escapes and HTML entities undone).
    static func markdownQuotes(_ text: String) -> [Int: String] {
        var out: [Int: String] = [:]
        var bullet = ""
        func finish() {
            guard bullet.hasPrefix("- “"), let close = bullet.range(of: "” — ", options: .backwards),
                let open = bullet.range(of: "(#", options: .backwards), bullet.hasSuffix(")"),
                let n = Int(bullet[open.upperBound..<bullet.index(before: bullet.endIndex)])
            else {
                bullet = ""
                return
            }
            out[n] = unescapeMarkdown(String(bullet[bullet.index(bullet.startIndex, offsetBy: 3)..<close.lowerBound]))
            bullet = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("- ") || line.hasPrefix("#") || line.isEmpty { finish() }
            if line.hasPrefix("- “") {
                bullet = String(line)
            } else if !bullet.isEmpty {
                bullet += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        finish()
        return out
    }

    static func unescapeMarkdown(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                continue
            }
            out.append(c)
        }
        return decodeEntities(out)
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s
        for (entity, char) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&#x27;", "'"),
        ] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The qdpx's plain-text sources (one per room), read with unzip from Python's standard library: each
    /// contribution is a `#N [time] speaker: text` line (continued until the next such line or heading).
    static func qdpxTexts(_ path: String) throws -> [Int: String] {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            for n in sorted(z.namelist()):
                if n.startswith('sources/') and n.endswith('.txt'):
                    sys.stdout.write(z.read(n).decode('utf-8') + '\\n== end ==\\n')
            """, path,
        ]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        XCTAssertEqual(python.terminationStatus, 0, "python3 reads the qdpx")
        var out: [Int: String] = [:]
        var current: Int?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("== ") {
                current = nil
                continue
            }
            if line.hasPrefix("#"), let space = line.firstIndex(of: " "),
                let n = Int(line.dropFirst().prefix(upTo: space)),
                let colon = line.range(of: ": ")
            {
                current = n
                out[n] = String(line[colon.upperBound...])
            } else if let n = current {
                out[n, default: ""] += "\n" + line
            }
        }
        return out
    }
}
