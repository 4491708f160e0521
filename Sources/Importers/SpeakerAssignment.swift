import Foundation
import SessionModel

/// `convene speaker FILE 12-40 P03` and the console's `:speaker 12-40 P03`:
/// who spoke a range of contributions, set after a transcript was imported
/// with no speakers. Both front ends parse their words through here, so the
/// same words give the same event or the same refusal.
public enum SpeakerAssignment {
    /// Why the words do not make an assignment; one sentence each.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case badRange(String)
        case unknownSpeaker(String)
        case refused(SessionError)
        public var description: String {
            switch self {
            case .badRange(let r):
                return "'\(r)' is not a contribution or a range of them (give N or FIRST-LAST, e.g. 12-40)"
            case .unknownSpeaker(let w):
                return "'\(w)' is not a participant of this session (give a code such as P03, `facilitator` or `none`)"
            case .refused(let e): return e.description
            }
        }
    }

    /// `12-40` (or `12`, or `12..40`) and `P03` (or `3`, `facilitator`, `none`)
    /// as an event, checked against `state` so a refusal comes before writing.
    public static func event(range: String, speaker: String, in state: SessionState) throws -> SpeakerSet {
        let (first, last) = try parseRange(range)
        let event: SpeakerSet
        switch speaker.lowercased() {
        case "facilitator": event = SpeakerSet(first: first, last: last, speaker: nil, facilitator: true)
        case "none", "-", "nobody": event = SpeakerSet(first: first, last: last, speaker: nil)
        default: event = SpeakerSet(first: first, last: last, speaker: try code(speaker, in: state))
        }
        do {
            _ = try state.applying(
                SessionEvent(at: state.lastEventAt ?? Date(timeIntervalSince1970: 0), by: "check", event))
        } catch let e as SessionError {
            throw Problem.refused(e)
        }
        return event
    }

    static func parseRange(_ text: String) throws -> (Int, Int) {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "..", with: "-")
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            let a = Int(parts[0].trimmingCharacters(in: .whitespaces).trimmingPrefix("#")),
            let b = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespaces).trimmingPrefix("#")) : a,
            a >= 1, a <= b
        else { throw Problem.badRange(text) }
        return (a, b)
    }

    static func code(_ word: String, in state: SessionState) throws -> String {
        let upper = word.uppercased()
        if state.participant(upper) != nil { return upper }
        if let n = Int(word), n >= 1, state.participant(String(format: "P%02d", n)) != nil {
            return String(format: "P%02d", n)
        }
        throw Problem.unknownSpeaker(word)
    }
}
