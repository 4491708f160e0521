import Foundation

/// Everything the model refuses, in words a facilitator understands.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSession
    case sessionAlreadyCreated
    case sessionClosed
    case emptyText(field: String)
    case textTooLong(field: String, limit: Int)
    case invalidParticipantCode(String)
    case unknownParticipant(String)
    case duplicateParticipant(String)
    case participantWithdrawn(String)
    case duplicateFacilitator(String)
    case unknownRoom(String)
    case duplicateRoom(String)
    case roomClosed(String)
    case cannotCloseMainRoom
    case roundAlreadyRunning
    case noRoundRunning
    case invalidMinutes(Int)
    case invalidWithdrawalDays(Int)
    case invalidDate(String)
    case unknownContribution(Int)
    case contributionErased(Int)
    case contributionStruck(Int)
    case contributionNotStruck(Int)
    case speakerOnWhiteboard
    /// A speaker was set on a chat message or whiteboard note.
    case notSpoken(Int)
    case invalidRange(first: Int, last: Int)
    case speakerNeededForVerbal
    case facilitatorSourceWithParticipant(String)
    case replyToSelfOrFuture(Int)
    case duplicateCode(String)
    case invalidCode(String)
    case codeNotTagged(number: Int, code: String)
    case unknownTheme(Int)
    case invalidSpan(number: Int, start: Int, end: Int)
    case notARedactionLabel(String)
    case unknownConcern(Int)
    case concernClosed(Int)
    case referralNeedsBody
    case unknownGuideSegment(Int)
    case noGuide
    case linkageDestroyed
    case unknownEventKind(String)
    case eventFromNewerVersion(kind: String, version: Int)
    case unreadableEvent(kind: String)
    case withdrawalWindowClosed(closedOn: String)
    case nothingToWithdraw(String)

    public var description: String {
        switch self {
        case .noSession: return "this file has no session yet (create one with `convene new`)"
        case .sessionAlreadyCreated: return "this file already holds a session"
        case .sessionClosed: return "the session is closed; nothing more can be logged"
        case .emptyText(let field): return "\(field) is empty"
        case .textTooLong(let field, let limit): return "\(field) is longer than \(limit) characters"
        case .invalidParticipantCode(let c):
            return "'\(c)' is not a participant code (use letters then digits, like P01)"
        case .unknownParticipant(let c): return "no participant with code \(c) in this session"
        case .duplicateParticipant(let c): return "participant \(c) is already in this session"
        case .participantWithdrawn(let c): return "participant \(c) has withdrawn"
        case .duplicateFacilitator(let n): return "facilitator \(n) is already in this session"
        case .unknownRoom(let r): return "no room called '\(r)' in this session"
        case .duplicateRoom(let r): return "a room called '\(r)' already exists"
        case .roomClosed(let r): return "room '\(r)' is closed"
        case .cannotCloseMainRoom: return "the main room cannot be closed or renamed"
        case .roundAlreadyRunning: return "a breakout round is already running; end it first"
        case .noRoundRunning: return "no breakout round is running"
        case .invalidMinutes(let m): return "a round must last 1 to 240 minutes, not \(m)"
        case .invalidWithdrawalDays(let d): return "the withdrawal window must be 0 to 365 days, not \(d)"
        case .invalidDate(let d): return "'\(d)' is not a date (use YYYY-MM-DD)"
        case .unknownContribution(let n): return "no contribution #\(n) in this session"
        case .contributionErased(let n): return "contribution #\(n) was erased by a withdrawal"
        case .contributionStruck(let n): return "contribution #\(n) is struck from the record"
        case .contributionNotStruck(let n): return "contribution #\(n) is not struck, so there is nothing to restore"
        case .speakerOnWhiteboard: return "whiteboard notes are anonymous and carry no speaker"
        case .notSpoken(let n):
            return
                "contribution #\(n) is a chat message or a whiteboard note; only spoken contributions take a speaker afterwards"
        case .invalidRange(let a, let b):
            return "\(a)-\(b) is not a range of contributions (give FIRST-LAST, FIRST at most LAST)"
        case .speakerNeededForVerbal: return "a verbal contribution needs a speaker (--speaker P01)"
        case .facilitatorSourceWithParticipant(let c):
            return "\(c) is a participant; facilitator contributions carry no participant speaker"
        case .replyToSelfOrFuture(let n): return "a contribution can only reply to an earlier one, not #\(n)"
        case .duplicateCode(let c): return "the codebook already has a code called '\(c)'"
        case .invalidCode(let c): return "'\(c)' is not a usable code name"
        case .codeNotTagged(let n, let c): return "contribution #\(n) is not tagged '\(c)'"
        case .unknownTheme(let t): return "no theme #\(t) in this session"
        case .invalidSpan(let n, let s, let e): return "span \(s):\(e) does not fit inside contribution #\(n)"
        case .notARedactionLabel(let l):
            return "\(l) marks a sensitive topic for review; it is never redacted on its own"
        case .unknownConcern(let k): return "no safeguarding concern #\(k) in this session"
        case .concernClosed(let k): return "concern #\(k) is closed; its record cannot be changed"
        case .referralNeedsBody: return "a referral must say who it went to (--to)"
        case .unknownGuideSegment(let s): return "the discussion guide has no segment \(s + 1)"
        case .noGuide: return "this session has no discussion guide (add one with `convene guide`)"
        case .linkageDestroyed: return "the linkage table was destroyed; real names can no longer be recorded"
        case .unknownEventKind(let k):
            return "the journal holds an event of an unknown kind '\(k)' (made by a newer Convene?)"
        case .eventFromNewerVersion(let k, let v):
            return "the journal holds a '\(k)' event of version \(v), newer than this Convene understands"
        case .unreadableEvent(let k): return "a '\(k)' event in the journal cannot be read"
        case .withdrawalWindowClosed(let d):
            return
                "the withdrawal window closed on \(d); the data has been anonymised (use --override-window --reason R if the lead agrees)"
        case .nothingToWithdraw(let c): return "participant \(c) has already withdrawn"
        }
    }
}
