import Exporters
import Foundation
import SessionModel
import SessionStore
import Study
import ZIPFoundation

/// A whole study: SESSIONS session files (made as `make-session --consent`
/// makes them) with CONTRIBUTIONS contributions in all, in one study folder;
/// every study format exported as `convene study export` does it (session by
/// session, into the file) and checked: every contribution in the JSON, CSV and
/// qdpx, every zip readable. The first export scans every text and keeps the
/// scans in each session file; it and each format after it are timed, with the
/// peak memory of each (the peak is reset before each: /proc/self/clear_refs).
///     convene-bench study [SESSIONS CONTRIBUTIONS [DIR]]   (DIR: build the study there and keep it)
func runStudyBenchmark(_ args: [String]) {
    let sessions = args.first.flatMap(Int.init) ?? 20
    let total = args.dropFirst().first.flatMap(Int.init) ?? 100_000
    let kept = args.dropFirst(2).first
    let dir = kept ?? Bench.tempDir("study")
    do {
        let study = try Study.create(
            directory: dir, title: "Bench study", withdrawalDays: 14, codebookName: "pp",
            codes: BuiltInCodebook.practicePrinciples,
            checklist: ConsentChecklist.defaultItems.map { ConsentItem(name: $0) },
            id: UUID(uuidString: "5e551011-0000-4000-8000-000000000000")!)
        // make-session writes a tag after every fourth contribution: events ≈ 1.25 × contributions, plus the setup.
        let perSession = total / sessions
        let built = try Bench.seconds {
            for i in 0..<sessions {
                let path = "\(dir)/session-\(String(format: "%02d", i + 1)).convene"
                let id = UUID(uuidString: String(format: "5e551011-0000-4000-8000-%012x", i + 1))!
                try buildLargeSession(path: path, events: 28 + perSession * 5 / 4, consent: true, sessionID: id)
                try study.add(location: path, strand: i % 2 == 0 ? "a" : "b", by: "bench", at: Date())
            }
        }
        print("study: built \(sessions) session files in one study in \(String(format: "%.1f", built)) s")
        let contributions = try study.manifest.sessions.reduce(0) { n, session in
            try n + study.withJournal(session, readOnly: true) { $0.state.contributions.count }
        }
        let opened = try Study.open(dir)
        var warnings = 0
        var check: StudyCheck.Expected?
        func measured(_ format: ExportFormat, _ what: String) throws {
            let out = "\(dir)/study-export.\(format.fileExtension)"
            Bench.resetPeakMemory()
            // The peak counts what this process already holds (the study it built): said beside it. Measured from
            // outside, `convene study export` holds only the export (docs/performance.md).
            let before = Bench.currentMemoryMiB()
            var bytes = 0
            let phases = StudyExport.Phases()
            let seconds = try Bench.seconds {
                let written = try opened.export(format: format, toFile: out, phases: phases)
                bytes = written.bytes
                warnings = written.warnings.count
            }
            let peak = Bench.peakMemoryMiB()
            if format == .json { check = try StudyCheck.Expected(json: out) }
            if let check { try StudyCheck.check(out, format: format, expected: check) }
            print(
                "study: \(what.padding(toLength: 24, withPad: " ", startingAt: 0)) \(Bench.ms(seconds)), "
                    + String(format: "peak %.1f MiB (%.1f held before), ", peak, before)
                    + "\(bytes) bytes, written and checked")
            print(
                "study:   where: people of every session \(Bench.ms(phases.roles)), sessions read, gated and merged "
                    + "\(Bench.ms(phases.sessions)), rendered \(Bench.ms(phases.render)); merged contributions "
                    + String(format: "%.1f MiB in memory", Double(phases.merged) / 1_048_576)
                    + String(format: ", %.1f MiB in its temporary file", Double(phases.spilled) / 1_048_576))
            try? FileManager.default.removeItem(atPath: out)
        }
        try measured(.json, "first (json, scans kept)")
        guard check?.contributions == contributions else {
            throw StudyCheck.Failure(
                description: "the study JSON holds \(check?.contributions ?? 0) of \(contributions) contributions")
        }
        for format in StudyExport.formats { try measured(format, format.rawValue) }
        print("study: \(contributions) contributions in \(sessions) sessions, all exported; \(warnings) warnings")
        print("study: every study format checked: ok")
        if kept == nil { try? FileManager.default.removeItem(atPath: dir) }
    } catch {
        print("study: benchmark failed: \(error)")
        if kept == nil { try? FileManager.default.removeItem(atPath: dir) }
        exit(1)
    }
}

/// What the study benchmark checks in each written file.
enum StudyCheck {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// What every format must hold, read from the study's JSON export.
    struct Expected {
        var contributions: Int
        var quotable: Int
        var title: String
        init(json path: String) throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let entries = object?["contributions"] as? [[String: Any]] ?? []
            contributions = entries.count
            quotable = entries.filter { $0["quotable"] as? Bool == true }.count
            title = (object?["session"] as? [String: Any])?["title"] as? String ?? ""
        }
    }

    static func check(_ path: String, format: ExportFormat, expected: Expected) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let n = expected.contributions
        func require(_ ok: Bool, _ what: String) throws { if !ok { throw Failure(description: "\(path): \(what)") } }
        switch format {
        case .json:
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            try require((object?["contributions"] as? [Any])?.count == n, "the JSON does not hold every contribution")
        case .csv, .quotesCSV:
            // One row per contribution (the bench's texts hold no line break), plus the header; the journal
            // heads follow as comment lines.
            let rows = data.split(separator: 0x0A).filter { $0.first != 0x23 }.count
            try require(
                rows == 1 + (format == .csv ? n : expected.quotable),
                "the CSV rows do not match")
        case .markdown, .html:
            try require(String(decoding: data, as: UTF8.self).contains(expected.title), "the report has no title")
        case .qdc:
            try require(String(decoding: data, as: UTF8.self).contains("<CodeBook"), "not a codebook")
        case .docx, .qdpx:
            try require(data.starts(with: [0x50, 0x4B, 0x03, 0x04]), "not a zip")
            if format == .qdpx {
                // Every contribution is a selection (named #N) in the project.
                let archive = try Archive(data: data, accessMode: .read)
                guard let entry = archive["project.qde"] else { throw Failure(description: "\(path): no project.qde") }
                var qde = Data()
                _ = try archive.extract(entry) { qde.append($0) }
                let text = String(decoding: qde, as: UTF8.self)
                let selections = Set(
                    text.components(separatedBy: "<PlainTextSelection ").dropFirst().compactMap { part in
                        part.range(of: "name=\"#").map { Int(part[$0.upperBound...].prefix { $0.isNumber }) ?? -1 }
                    })
                try require(selections.count == n, "the qdpx does not code every contribution")
            }
        case .safeguarding: break
        }
    }
}
