import Exporters
import Foundation
import Privacy
import SessionModel
import SessionStore

/// The study's one analysis export: every session through the single-session gate
/// (`ResearchGate.record`), then merged (`StudyRecord.merge`) into one research record
/// that the ordinary writers render.
public enum StudyExport {
    /// Formats a study can be exported to.
    public static let formats: [ExportFormat] = [.qdpx, .qdc, .json, .csv, .quotesCSV, .markdown, .html]

    /// Holders of each role across the study, one per participant code (P01 in two
    /// groups is one holder), for the implicit-identification check.
    public static func roleHolders(_ states: [SessionState]) -> [String: Int] {
        var roleOf: [String: String] = [:]
        for s in states {
            for p in s.orderedParticipants where !p.withdrawn {
                roleOf[p.code] = ImplicitIdentification.normalised(p.jobRole)
            }
        }
        var holders: [String: Int] = [:]
        for role in roleOf.values { holders[role, default: 0] += 1 }
        return holders
    }
}

extension Study {
    /// The study export's bytes and the implicit-identification warnings (judged across the study). The export
    /// records every session's journal head (`ResearchRecord.journalHeads`).
    public func export(format: ExportFormat) throws -> (data: Data, warnings: [String]) {
        guard StudyExport.formats.contains(format) else {
            throw ExportError.packaging(
                "a study exports to \(StudyExport.formats.map(\.rawValue).joined(separator: ", "))")
        }
        // Each session's state and where its journal ends, read in one opening.
        let all = try manifest.sessions.map { session in
            try withJournal(session, readOnly: true) { journal in
                (session: session, state: journal.state, head: journal.head)
            }
        }
        let holders = StudyExport.roleHolders(all.map(\.state))
        var warnings: [String] = []
        var parts: [(StudySession, ResearchRecord)] = []
        var heads: [ExportJournalHead] = []
        for (session, state, head) in all {
            guard state.info != nil else { continue }
            // One head per session, so `convene check SESSION --against EXPORT` holds each journal to it.
            if let head { heads.append(ExportJournalHead(session: head.session, seq: head.seq, hash: head.hash)) }
            for w in ImplicitIdentification.warnings(in: state, roleHolders: holders, scope: "study") {
                warnings.append("\(session.name): \(w.message)")
            }
            var record = ResearchGate.record(state)
            for i in record.participants.indices where record.participants[i].strand == nil {
                record.participants[i].strand = session.strand
            }
            parts.append((session, record))
        }
        var merged = StudyRecord.merge(
            id: manifest.id.uuidString.lowercased(), title: manifest.title,
            codebook: manifest.codebookName,
            parts.map { StudyRecord.Part(label: $0.0.name, strand: $0.0.strand, record: $0.1) })
        merged.journalHeads = heads.isEmpty ? nil : heads
        return (try Exporter.render(merged, format: format), warnings)
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
