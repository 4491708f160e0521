import Exporters
import Foundation
import Privacy
import SessionModel
import SessionStore

/// The study's one analysis export: every session through the single-session gate
/// (`ResearchGate.prepare`, reading its contributions as `convene export` does), merged
/// session by session (`StudyRecord.Merger`) into one research record that the ordinary
/// writers render into the file.
public enum StudyExport {
    /// Formats a study can be exported to.
    public static let formats: [ExportFormat] = [.qdpx, .qdc, .json, .csv, .quotesCSV, .markdown, .html]

    /// Holders of each role across the study, one per participant code (P01 in two
    /// groups is one holder), for the implicit-identification check.
    public static func roleHolders(_ states: [SessionState]) -> [String: Int] {
        var roles = RoleHolders()
        for s in states { roles.add(s) }
        return roles.holders
    }

    /// Where a study export's time went (`convene-bench study` prints it): the first pass over every session's
    /// people, opening, gating and merging every session, and rendering the merged record; and the bytes the
    /// merged contributions took in memory and in their temporary file.
    public final class Phases {
        public var roles = 0.0, sessions = 0.0, render = 0.0
        public var merged = 0, spilled = 0
        public init() {}
    }

    struct Stopwatch {
        var last = DispatchTime.now().uptimeNanoseconds
        mutating func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { last = now }
            return Double(now - last) / 1e9
        }
    }

    /// The same count, a session at a time (a later session's role for a code stands).
    struct RoleHolders {
        private var roleOf: [String: String] = [:]
        mutating func add(_ s: SessionState) {
            for p in s.orderedParticipants where !p.withdrawn {
                roleOf[p.code] = ImplicitIdentification.normalised(p.jobRole)
            }
        }
        var holders: [String: Int] {
            var holders: [String: Int] = [:]
            for role in roleOf.values { holders[role, default: 0] += 1 }
            return holders
        }
    }
}

extension Study {
    /// The study export's bytes and the implicit-identification warnings (judged across the study), in memory
    /// (tests, benchmarks); `export(format:toFile:)` writes a file without holding it.
    public func export(format: ExportFormat) throws -> (data: Data, warnings: [String]) {
        let sink = ExportSink()
        let warnings = try export(format: format, to: sink)
        return (sink.data, warnings)
    }

    /// Writes the study export to `path` as every export is written (`ExportFile`: never over a session file,
    /// 0600, whole or not at all), refusing the study's own files before any work (`checkExportTarget`).
    /// Returns the bytes written and the warnings.
    public func export(format: ExportFormat, toFile path: String, phases: StudyExport.Phases? = nil) throws
        -> (bytes: Int, warnings: [String])
    {
        try checkFormat(format)
        try checkExportTarget(path)
        var warnings: [String] = []
        let bytes = try ExportFile.write(to: path, input: nil) { sink in
            warnings = try export(format: format, to: sink, phases: phases)
        }
        return (bytes, warnings)
    }

    /// Writes the study export into `sink` and returns the implicit-identification warnings (judged across the
    /// study). Session by session: each is opened as `convene export` opens it (its contributions a page at a
    /// time where the file allows, with the scans it keeps), its outline merged, its contributions put through
    /// the gate and merged one by one into the study's compact list as they come, and it is closed before the
    /// next; no session's own record of its contributions is built. Every session's journal head is recorded
    /// (`ResearchRecord.journalHeads`). `phases`, when given, gets the seconds each step took (the benchmark).
    @discardableResult
    public func export(format: ExportFormat, to sink: ExportSink, phases: StudyExport.Phases? = nil) throws
        -> [String]
    {
        try checkFormat(format)
        var clock = StudyExport.Stopwatch()
        // Who holds which role across the study, from each session's people (a first, light pass).
        var roles = StudyExport.RoleHolders()
        for session in manifest.sessions {
            try withExportJournal(session) { journal in roles.add(journal.state) }
        }
        phases?.roles = clock.lap()
        let implicit = ImplicitIdentificationScope.study(roleHolders: roles.holders)
        var warnings: [String] = []
        var merger = StudyRecord.Merger(
            id: manifest.id.uuidString.lowercased(), title: manifest.title, codebook: manifest.codebookName)
        var heads: [ExportJournalHead] = []
        for session in manifest.sessions {
            try withExportJournal(session) { journal in
                let state = journal.state
                guard state.info != nil else { return }
                // One head per session, so `convene check SESSION --against EXPORT` holds each journal to it.
                if let head = journal.head {
                    heads.append(ExportJournalHead(session: head.session, seq: head.seq, hash: head.hash))
                }
                var outline = ResearchGate.outline(state)
                for i in outline.participants.indices where outline.participants[i].strand == nil {
                    outline.participants[i].strand = session.strand
                }
                merger.begin(label: session.name, strand: session.strand, outline: outline)
                // The next page is read from the file while the gate and the merge work on this one (ExportPages).
                let prepared = try ResearchGate.prepare(
                    state, pages: ExportPages.of(journal, state: state), implicit: implicit,
                    entries: { merger.append($0) })
                for w in prepared.warnings { warnings.append("\(session.name): \(w.message)") }
                merger.end(prepared.record)
            }
        }
        var merged = merger.record()
        merged.journalHeads = heads.isEmpty ? nil : heads
        phases?.sessions = clock.lap()
        try Exporter.render(merged, format: format, to: sink)
        phases?.render = clock.lap()
        phases?.merged = merged.contributions.byteCount
        phases?.spilled = merged.contributions.spilledByteCount
        return warnings
    }

    func checkFormat(_ format: ExportFormat) throws {
        guard StudyExport.formats.contains(format) else {
            throw ExportError.packaging(
                "a study exports to \(StudyExport.formats.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Runs `body` on a session opened for export: a plain file as `convene export` opens it (`ExportPages`),
    /// an encrypted file or a team session whole.
    func withExportJournal(_ session: StudySession, _ body: (any ErasingJournal) throws -> Void) throws {
        guard !session.isTeamSession else { return try withJournal(session, readOnly: true, body) }
        let path = path(of: session)
        guard FileManager.default.fileExists(atPath: path) else { throw StudyError.sessionMissing(session.location) }
        let provider = cipherFor
        let journal = try ExportPages.openFile(
            path, research: true, cipherFor: provider.map { p in { meta in try p(meta, path) } })
        defer { try? journal.close() }
        try body(journal)
    }

    /// Records the export in every session's journal, so a later withdrawal lists it.
    public func recordExport(format: ExportFormat, fileName: String, by actor: String, at now: Date) throws {
        for session in manifest.sessions {
            try withJournal(session, readOnly: false) { journal in
                let recorded = ExportRecorded(format: "study-\(format.rawValue)", fileName: fileName)
                _ = try journal.append([recorded], by: actor, at: now)
            }
        }
    }
}
