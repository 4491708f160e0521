import Foundation
import SessionModel

/// The safeguarding register on its own, for the safeguarding lead. This is
/// the only place concern descriptions and actions are ever written out; no
/// research export reads `state.register`.
public enum SafeguardingRegisterExport {
    public struct ActionJSON: Codable, Equatable {
        public var kind: String
        public var at: Date
        public var by: String
        public var to: String?
        public var reference: String?
        public var note: String
    }

    public struct ConcernJSON: Codable, Equatable {
        public var number: Int
        public var raisedAt: Date
        public var raisedBy: String
        public var room: String
        public var contributions: [Int]
        public var participant: String?
        public var category: String
        public var urgency: String
        public var description: String
        public var acknowledgedBy: String?
        public var acknowledgedAt: Date?
        public var status: String
        public var actions: [ActionJSON]
    }

    public struct RegisterJSON: Codable, Equatable {
        public var format = "convene-safeguarding-register"
        public var version = 1
        public var sessionId: String
        public var session: String
        public var date: String
        public var concerns: [ConcernJSON]
        /// Where the journal ended when the register was exported (absent when printed or built without a journal).
        public var journalHead: ExportJournalHead? = nil
    }

    public static func concerns(_ state: SessionState, role: ConsoleRole, name: String) -> [ConcernJSON] {
        state.register.visible(to: role, name: name).map { c in
            ConcernJSON(
                number: c.number, raisedAt: c.raisedAt, raisedBy: c.raisedBy, room: state.roomName(c.room),
                contributions: c.contributions, participant: c.participant, category: c.category.rawValue,
                urgency: c.urgency.rawValue, description: c.description, acknowledgedBy: c.acknowledgedBy,
                acknowledgedAt: c.acknowledgedAt, status: status(c),
                actions: c.actions.map {
                    ActionJSON(
                        kind: $0.kind.rawValue, at: $0.at, by: $0.by, to: $0.to, reference: $0.reference, note: $0.note)
                })
        }
    }

    static func status(_ c: SafeguardingConcern) -> String {
        c.isClosed ? "closed" : c.isAcknowledged ? "acknowledged" : "open"
    }

    public static func json(
        _ state: SessionState, role: ConsoleRole = .safeguarding, name: String = "",
        head: ExportJournalHead? = nil
    ) throws -> Data {
        var register = RegisterJSON(
            sessionId: state.info?.sessionID.uuidString.lowercased() ?? "", session: state.info?.title ?? "",
            date: state.info?.date ?? "", concerns: concerns(state, role: role, name: name))
        register.journalHead = head
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(register)
    }

    /// A plain-text record, one block per concern with its timeline.
    public static func text(_ state: SessionState, role: ConsoleRole = .safeguarding, name: String = "") -> String {
        let concerns = concerns(state, role: role, name: name)
        var out = "SAFEGUARDING REGISTER — RESTRICTED\n\(state.info?.title ?? "") (\(state.info?.date ?? ""))\n"
        if concerns.isEmpty { out += "\nNo concerns visible to this role.\n" }
        for c in concerns {
            out += "\nConcern #\(c.number) [\(c.status)] \(c.urgency), \(c.category)\n"
            out += "  raised \(stamp(c.raisedAt)) by \(c.raisedBy) in \(c.room)"
            if let p = c.participant { out += ", participant \(p)" }
            if !c.contributions.isEmpty { out += ", on " + c.contributions.map { "#\($0)" }.joined(separator: ", ") }
            out += "\n  \(c.description)\n"
            if let by = c.acknowledgedBy, let at = c.acknowledgedAt { out += "  acknowledged \(stamp(at)) by \(by)\n" }
            for a in c.actions {
                out += "  \(stamp(a.at)) \(a.kind) by \(a.by)"
                if let to = a.to { out += " → \(to)" }
                if let ref = a.reference { out += " (ref \(ref))" }
                out += ": \(a.note)\n"
            }
        }
        return out
    }

    static func stamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }
}
