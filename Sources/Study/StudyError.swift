import Foundation

/// Why a study command refused; each message is one sentence a facilitator can act on.
public enum StudyError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAStudy(String)
    case alreadyAStudy(String)
    case unreadableManifest(String, String)
    case sessionAlreadyInStudy(String)
    case sessionMissing(String)
    case codeMeansTwoPeople(code: String, sessions: [String])
    case personHasTwoCodes(codes: [String], sessions: [String])
    case differentRoles(code: String, detail: String)
    case unknownParticipant(String)
    case alreadyWithdrawn(String)
    case windowsClosed([String])
    case windowsOpen([String])
    case alreadyAnonymised
    case notAFile(String)
    /// A participant added to a session of the study uses a code that is someone else elsewhere.
    case codeTakenInStudy(code: String, session: String, why: String, next: String)
    /// A participant added to a session of the study is already in it under another code.
    case personHasCodeInStudy(code: String, session: String, existing: String)
    /// The code is in another session that cannot be opened here, so it cannot be checked.
    case cannotCheckCode(code: String, session: String, why: String)
    case withdrawalIncomplete(done: [String], failed: String, why: String)
    /// A study export was asked to be written over the study's own manifest.
    case exportOverManifest(String)
    /// A participant's new job role differs from the one the same code holds in another session.
    case roleDiffersInStudy(code: String, session: String, role: String)

    public var description: String {
        switch self {
        case .notAStudy(let dir):
            return
                "\(dir) is not a study folder (it has no \(StudyManifest.fileName)); create one with `convene study new \(dir) --title …`"
        case .alreadyAStudy(let dir): return "\(dir) is already a study folder; nothing was changed"
        case .unreadableManifest(let path, let why): return "\(path) cannot be read as a study manifest: \(why)"
        case .sessionAlreadyInStudy(let name): return "a session named \(name) is already in the study"
        case .sessionMissing(let location): return "the study lists \(location), which cannot be found"
        case .codeMeansTwoPeople(let code, let sessions):
            return
                "\(code) is a different person in \(sessions.joined(separator: " and ")) (their real names differ); a code is one person across the study, so give one of them another code"
        case .personHasTwoCodes(let codes, let sessions):
            return
                "one person has the codes \(codes.joined(separator: " and ")) in \(sessions.joined(separator: " and ")) (the same real name); a person keeps one code across the study"
        case .differentRoles(let code, let detail):
            return
                "\(code) has different details in different sessions (\(detail)); a code is one person across the study"
        case .unknownParticipant(let code): return "no session of the study has a participant \(code)"
        case .alreadyWithdrawn(let code): return "\(code) has already withdrawn from every session they attended"
        case .windowsClosed(let sessions):
            return
                "the withdrawal window has closed for \(sessions.joined(separator: ", ")), so nothing was changed in any session; the lead may override it with --override-window --reason \"…\""
        case .windowsOpen(let sessions):
            return
                "the withdrawal window is still open for \(sessions.joined(separator: ", ")); anonymise the study after every window has closed (nothing was changed)"
        case .alreadyAnonymised: return "the study is already anonymised: its linkage was destroyed"
        case .codeTakenInStudy(let code, let session, let why, let next):
            return
                "\(code) is already someone else in \(session) of this study (\(why)); a code is one person across the study, so add this participant as \(next), the next free code"
        case .personHasCodeInStudy(let code, let session, let existing):
            return
                "this person is already \(existing) in \(session) of this study (the same real name); a person keeps one code across the study, so add them as \(existing), not \(code)"
        case .cannotCheckCode(let code, let session, let why):
            return
                "\(code) is already a participant in \(session) of this study, which cannot be opened here to check it is the same person (\(why)); nothing was changed"
        case .notAFile(let name):
            return "\(name) is a team session, not a file; this works on the study's session files only"
        case .withdrawalIncomplete(let done, let failed, let why):
            return
                "the withdrawal stopped at \(failed) (\(why)); it is complete in \(done.isEmpty ? "no session" : done.joined(separator: ", ")); fix the cause and run it again to finish"
        case .roleDiffersInStudy(let code, let session, let role):
            return
                "\(code) is a \(role) in \(session) of this study; a code is one person across the study, so their job role is the same in every session (change it there too, or check the code)"
        case .exportOverManifest(let path):
            return "\(path) is the study's manifest; an export is never written over it, so choose another file name"
        }
    }
}
