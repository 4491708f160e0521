import Exporters
import Foundation
import SessionModel
import SessionStore
import ZIPFoundation

/// A whole study: SESSIONS session files (made as `make-session --consent`
/// makes them) with CONTRIBUTIONS contributions in all; every research format
/// of every session exported as `convene export` does it (open, prepare the
/// record and warnings once, write each format to a file) and checked: every
/// contribution in the JSON, CSV and qdpx, every zip readable.
///     convene-bench study [SESSIONS CONTRIBUTIONS]
/// (When the Study module lands, the study-wide export replaces the per-session loop.)
func runStudyBenchmark(_ args: [String]) {
    let sessions = args.first.flatMap(Int.init) ?? 20
    let total = args.dropFirst().first.flatMap(Int.init) ?? 100_000
    let dir = Bench.tempDir("study")
    do {
        // make-session writes a tag after every fourth contribution: events ≈ 1.25 × contributions, plus the setup.
        let perSession = total / sessions
        var paths: [String] = []
        let built = try Bench.seconds {
            for i in 0..<sessions {
                let path = "\(dir)/session-\(String(format: "%02d", i + 1)).convene"
                let id = UUID(uuidString: String(format: "5e551011-0000-4000-8000-%012x", i + 1))!
                try buildLargeSession(path: path, events: 28 + perSession * 5 / 4, consent: true, sessionID: id)
                paths.append(path)
            }
        }
        print("study: built \(sessions) session files in \(String(format: "%.1f", built)) s")
        var seconds: [ExportFormat: Double] = [:]
        var bytes: [ExportFormat: Int] = [:]
        var prepareSeconds = 0.0
        var openSeconds = 0.0
        var contributions = 0
        var exported = 0
        var warnings = 0
        for path in paths {
            var journal: SQLiteJournal!
            openSeconds += try Bench.seconds { journal = try SQLiteJournal.open(path: path, readOnly: true) }
            let state = journal.state
            contributions += state.contributions.count
            var prepared: PreparedExport!
            prepareSeconds += try Bench.seconds { prepared = try Exporter.prepare(state) }
            exported += prepared.record.contributions.count
            warnings += prepared.warnings.count
            for format in ExportFormat.allCases where format.isResearch {
                let out = "\(path).\(format.fileExtension)"
                var written = 0
                seconds[format, default: 0] += try Bench.seconds {
                    written = try ExportFile.write(to: out, input: path) {
                        try Exporter.write(state, format: format, prepared: prepared, to: $0)
                    }
                }
                bytes[format, default: 0] += written
                try StudyCheck.check(out, format: format, record: prepared.record)
            }
            try journal.close()
        }
        print(
            "study: \(contributions) contributions in \(sessions) sessions, \(exported) exported (all consented), \(warnings) warnings"
        )
        print(
            "study: open every session \(Bench.ms(openSeconds)); gate + warnings (Exporter.prepare) \(Bench.ms(prepareSeconds))"
        )
        for format in ExportFormat.allCases where format.isResearch {
            print(
                "study: \(format.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Bench.ms(seconds[format] ?? 0)) "
                    + "written and checked, \(bytes[format] ?? 0) bytes")
        }
        print("study: every format of every session checked: ok")
        print(String(format: "study: peak memory %.1f MiB", Bench.peakMemoryMiB()))
        try? FileManager.default.removeItem(atPath: dir)
    } catch {
        print("study: benchmark failed: \(error)")
        try? FileManager.default.removeItem(atPath: dir)
        exit(1)
    }
}

/// What the study benchmark checks in each written file.
enum StudyCheck {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func check(_ path: String, format: ExportFormat, record: ResearchRecord) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let n = record.contributions.count
        func require(_ ok: Bool, _ what: String) throws { if !ok { throw Failure(description: "\(path): \(what)") } }
        switch format {
        case .json:
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            try require((object?["contributions"] as? [Any])?.count == n, "the JSON does not hold every contribution")
        case .csv, .quotesCSV:
            // One row per contribution (the bench's texts hold no line break), plus the header.
            let rows = data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            try require(
                rows == 1 + record.contributions.filter { format == .csv || $0.quotable }.count,
                "the CSV rows do not match")
        case .markdown, .html:
            try require(String(decoding: data, as: UTF8.self).contains(record.session.title), "the report has no title")
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
