import Foundation
import SessionModel
import SessionStore
import Study

/// Why an action was refused: one sentence, the same on the command line and in the console.
public enum ActionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The session's own rules refused the events (the model's sentence).
    case refused(SessionError)
    case unknownParticipant(String, candidates: [String])
    case ambiguousParticipant(String, candidates: [String])
    case unknownRoom(String, candidates: [String])
    case ambiguousRoom(String, candidates: [String])
    case unknownCode(String, candidates: [String])
    case ambiguousCode(String, candidates: [String])
    case observerCannotChange(actor: String)
    case cannotAcknowledge(actor: String)
    case withdrawal(WithdrawalRefusal)
    case anonymiseBeforeWindowCloses(closesOn: String)
    case alreadyAnonymised
    case notOnChecklist(String, checklist: [String])
    case noFinding(number: Int, count: Int, asked: Int)
    case nothingToRedact(number: Int)
    case reasonNeeded
    case cannotWrite(path: String, reason: String)
    /// The journal cannot erase (a read-only or foreign backend).
    case cannotErase(String)
    /// The study the session belongs to refused (a participant code that is someone else there).
    case study(StudyError)

    public var description: String {
        switch self {
        case .refused(let e): return e.description
        case .unknownParticipant(let typed, let all):
            return "no participant '\(typed)' in this session" + Self.list("participants", all)
        case .ambiguousParticipant(let typed, let all):
            return "'\(typed)' could be \(Self.or(all)); type the whole code"
        case .unknownRoom(let typed, let all):
            return "no room called '\(typed)' in this session" + Self.list("rooms", all)
        case .ambiguousRoom(let typed, let all):
            return "'\(typed)' could be the room \(Self.or(all)); type more of its name"
        case .unknownCode(let typed, let all):
            // What to do comes before the list of codes, which a narrow screen cuts off.
            return "'\(typed)' is not in the codebook; tag N +\(typed) adds it as a new emergent code "
                + "(on the command line, --emergent)" + Self.list("codes", all)
        case .ambiguousCode(let typed, let all):
            return "'\(typed)' could be \(Self.or(all)); type more of the code, or its number"
        case .observerCannotChange(let actor):
            return "\(actor) is working as an observer, who may watch the session but not change it"
        case .cannotAcknowledge(let actor):
            return
                "only the safeguarding lead or the lead facilitator can acknowledge a concern; \(actor) is not one in this session"
        case .withdrawal(let refusal): return refusal.description
        case .anonymiseBeforeWindowCloses(let closes):
            return
                "the withdrawal window is open until \(closes); anonymise after it closes, while a participant who withdraws can still be found by name"
        case .alreadyAnonymised: return "the session is already anonymised: its linkage table was destroyed"
        case .notOnChecklist(let item, let list):
            return "'\(item)' is not on the consent checklist (\(list.joined(separator: ", ")))"
        case .noFinding(let n, let count, let asked):
            return "contribution #\(n) has \(count) unresolved finding(s), not \(asked)"
        case .nothingToRedact(let n):
            return "nothing to do for #\(n): accept all, accept K, reject K with a reason, or mark a span by hand"
        case .reasonNeeded: return "say why the finding is not identifying (a reason is required)"
        case .cannotWrite(let path, let why): return "cannot write \(path): \(why); nothing was written"
        case .cannotErase(let place): return "\(place) cannot erase data (it was opened read-only)"
        case .study(let e): return e.description
        }
    }

    private static func list(_ what: String, _ names: [String]) -> String {
        names.isEmpty ? " (it has no \(what) yet)" : " (\(what): \(names.joined(separator: ", ")))"
    }

    private static func or(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "nothing" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
