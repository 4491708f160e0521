import Foundation
import SessionModel
import SessionStore
import Study

/// A participant code is one person across a study (docs/studies.md). A session
/// file in a study folder, listed in its `study.json`, belongs to that study: a
/// participant added to it is checked against the study's other sessions before
/// anything is written, so the command line and the console refuse (or link)
/// with the same sentence. Sessions found otherwise (a study session kept outside
/// its folder, a team session) are checked when `study add` takes them in.
enum StudyMembership {
    /// The study the session belongs to, its entry there, and the sessions where the
    /// same person already is; nil when the session is in no study.
    struct Joining {
        var study: Study
        var entry: StudySession
        var sameIn: [String]
    }

    static func check(
        _ p: NewParticipant, joining journal: any SessionJournal,
        ciphers: StudyCipherProvider?
    ) throws -> Joining? {
        guard journal is SQLiteJournal else { return nil }
        do {
            guard let (study, entry) = try Study.containing(file: journal.location, cipherFor: ciphers) else {
                return nil
            }
            let code = p.code.trimmingCharacters(in: .whitespaces).uppercased()
            let same = try study.checkJoining(
                code: code, jobRole: p.jobRole, realName: p.realName,
                session: entry.name,
                codesInSession: journal.state.orderedParticipants.map(\.code))
            return Joining(study: study, entry: entry, sameIn: same)
        } catch let e as StudyError {
            throw ActionError.study(e)
        }
    }

    /// A participant's new job role, in a session of a study: refused when the code holds another recorded role
    /// in another session (a code is one person across the study).
    static func checkRole(
        code: String, jobRole: String, in journal: any SessionJournal, ciphers: StudyCipherProvider?
    ) throws {
        guard journal is SQLiteJournal else { return }
        do {
            guard let (study, entry) = try Study.containing(file: journal.location, cipherFor: ciphers) else {
                return
            }
            try study.checkRoleChange(code: code, jobRole: jobRole, session: entry.name)
        } catch let e as StudyError {
            throw ActionError.study(e)
        }
    }

    /// After the participant was added: the manifest's attendance links the code to this session.
    static func link(_ joining: Joining, code: String) -> String {
        // The session holds the participant already; a manifest that cannot be written is mended by `study show`.
        try? joining.study.recordAttendance(code: code, session: joining.entry.name)
        guard !joining.sameIn.isEmpty else { return "" }
        return " (the same person as \(code) in \(joining.sameIn.joined(separator: ", ")) of the study)"
    }
}
