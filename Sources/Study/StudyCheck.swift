import Exporters
import Foundation
import SessionStore

/// One session's result of `study check`.
public struct StudySessionCheck: Sendable {
    public var session: String
    public var report: CheckReport
    /// How many heads from the export this session was held to (0 or 1).
    public var headsCompared: Int
}

extension Study {
    /// `convene check` on every session of the study, in manifest order: a file is checked on disk (with its
    /// passphrase when encrypted) and held to its own head among `heads` (a study export records one per
    /// session); a team session is checked on the server. A session that cannot be opened is damage in its row,
    /// and the others are still checked.
    public func check(against heads: [ExportJournalHead] = []) -> [StudySessionCheck] {
        manifest.sessions.map { session in
            var report = CheckReport()
            var compared = 0
            do {
                if session.isTeamSession {
                    let journal = try openTeam(session)
                    defer { journal.close() }
                    report = try journal.check()
                    if !heads.isEmpty {
                        report.notes.append("a team session is not held to an export's head (the server keeps none)")
                    }
                } else {
                    let path = path(of: session)
                    guard FileManager.default.fileExists(atPath: path) else {
                        throw StudyError.sessionMissing(session.location)
                    }
                    let meta = try SQLiteJournal.readMeta(path: path)
                    let cipher: (any PayloadCipher)? =
                        meta.encryption == PlainPayloads().name ? nil : try cipherFor.map { try $0(meta, path) }
                    let own = heads.filter { $0.session == meta.sessionID }.map {
                        JournalHead(session: $0.session, seq: $0.seq, hash: $0.hash)
                    }
                    if !heads.isEmpty && own.isEmpty {
                        report.notes.append("the export records no head for this session (added after it was made?)")
                    }
                    compared = own.count
                    let extra = report.notes
                    report = try SQLiteJournal.check(path: path, cipher: cipher, against: own)
                    report.notes += extra
                }
            } catch {
                report.problems.append("it could not be checked: \(error)")
            }
            return StudySessionCheck(session: session.name, report: report, headsCompared: compared)
        }
    }
}
