import Foundation
import SessionModel

/// Which contributions a withdrawal touches, as the withdrawal closure decides.
public struct WithdrawalScope: Sendable, Equatable {
    /// Spoken or written by the participant.
    public var own: [Int]
    /// Respond to one of theirs (reply-to, "responding to #N", quoting…).
    public var directResponses: [Int]
    /// Further down those reply chains: erased only with `--cascade`, else listed for review.
    public var chain: [Int]
    /// Whiteboard notes the closure reached: anonymous, so they stay.
    public var keptWhiteboard: [Int]
    public init(own: [Int], directResponses: [Int], chain: [Int], keptWhiteboard: [Int]) {
        self.own = own; self.directResponses = directResponses; self.chain = chain; self.keptWhiteboard = keptWhiteboard
    }
}

/// Computes a participant's withdrawal scope from the state. Injected so the
/// command line and the console use the same closure (Privacy's, once it lands).
public typealias WithdrawalClosure = (_ state: SessionState, _ code: String) -> WithdrawalScope

/// A withdrawal as asked for.
public struct WithdrawalRequest: Sendable {
    public var code: String
    /// The day the participant asked (YYYY-MM-DD); the window is judged on it.
    public var requestedOn: String
    public var cascade: Bool
    /// Set only when the lead overrides a closed window; recorded in the tombstone.
    public var overrideReason: String?
    public init(code: String, requestedOn: String, cascade: Bool = false, overrideReason: String? = nil) {
        self.code = code; self.requestedOn = requestedOn; self.cascade = cascade; self.overrideReason = overrideReason
    }
}

/// What a withdrawal did (or, for a dry run, would do): the receipt.
public struct WithdrawalReceipt: Sendable, Equatable {
    public var code: String
    public var requestedOn: String
    public var windowClosesOn: String?
    public var overrideReason: String?
    public var cascade: Bool
    public var scope: WithdrawalScope
    /// Contribution numbers erased (own + direct responses [+ chain]).
    public var erased: [Int]
    /// Listed for the lead to review (the chain, unless `--cascade`).
    public var chainForReview: [Int]
    /// Safeguarding concerns that refer to the participant or an erased contribution: kept.
    public var concernsKept: [Int]
    /// Every whiteboard note in the session is kept.
    public var whiteboardNotesInSession: Int
    public var realNameErased: Bool
    /// Journal rows whose payload was cleared.
    public var eventsCleared: Int
    /// Exports made before the withdrawal: to be deleted outside Convene.
    public var exportsBefore: [ProcessRecord]
    public var dryRun: Bool
    public var purged: Bool
}

/// Why a withdrawal is refused before anything is touched.
public enum WithdrawalRefusal: Error, Equatable, CustomStringConvertible {
    case windowClosed(closedOn: String, requestedOn: String)
    case overrideNeedsLead(actor: String)
    case overrideNeedsReason
    case requestInFuture(String)
    case invalidDate(String)

    public var description: String {
        switch self {
        case .windowClosed(let closed, let requested):
            return "the withdrawal window closed on \(closed) (the session date plus the study's days); the request of \(requested) is too late. The lead may override it: --override-window --reason \"…\""
        case .overrideNeedsLead(let actor):
            return "only a lead facilitator may override the withdrawal window (\(actor) is not one; add --by with the lead's name)"
        case .overrideNeedsReason:
            return "overriding the withdrawal window needs a reason (--reason \"…\"); it is recorded in the journal"
        case .requestInFuture(let d):
            return "the request date \(d) is in the future"
        case .invalidDate(let d):
            return "'\(d)' is not a date (use YYYY-MM-DD)"
        }
    }
}

public enum WithdrawalWindow {
    /// Refuses a late request unless a lead overrides with a reason.
    /// `today` is passed in (YYYY-MM-DD) so the rule is testable.
    public static func check(_ request: WithdrawalRequest, in state: SessionState, actor: String, today: String) throws {
        guard SessionDate.parse(request.requestedOn) != nil else { throw WithdrawalRefusal.invalidDate(request.requestedOn) }
        // YYYY-MM-DD compares as text in date order.
        guard request.requestedOn <= today else { throw WithdrawalRefusal.requestInFuture(request.requestedOn) }
        if let reason = request.overrideReason {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw WithdrawalRefusal.overrideNeedsReason }
            guard state.facilitator(named: actor)?.role == .lead else { throw WithdrawalRefusal.overrideNeedsLead(actor: actor) }
            return
        }
        if let closes = state.withdrawalClosesOn, request.requestedOn > closes {
            throw WithdrawalRefusal.windowClosed(closedOn: closes, requestedOn: request.requestedOn)
        }
    }
}

extension SQLiteJournal {
    /// Withdraws a participant: erases their contributions and the responses
    /// the closure names (physically, see `erase`), their real name, and every
    /// event about those contributions; keeps whiteboard notes and concerns;
    /// appends the content-free `participant.withdrawn` tombstone.
    /// The window is the caller's to check (`WithdrawalWindow.check`).
    @discardableResult
    public func withdraw(_ request: WithdrawalRequest, closure: WithdrawalClosure,
                         by actor: String, at: Date, dryRun: Bool = false) throws -> WithdrawalReceipt {
        if dryRun {
            try refresh()
            let s = state
            guard let person = s.participant(request.code) else { throw StoreError.rejected(.unknownParticipant(request.code)) }
            guard !person.withdrawn else { throw StoreError.rejected(.nothingToWithdraw(request.code)) }
            let scope = closure(s, person.code)
            let erased = Self.erasedNumbers(scope, cascade: request.cascade)
            let events = try allEvents()
            let clear = ErasureRules.withdrawal(of: person.code, erasing: Set(erased), in: events)
            return Self.receipt(request, person.code, scope, erased: erased, state: s, cleared: clear.count,
                                realName: s.linkage[person.code] != nil, dryRun: true, purged: false)
        }
        var receipt: WithdrawalReceipt?
        let result = try erase(by: actor, at: at) { s, events in
            guard let person = s.participant(request.code) else { throw StoreError.rejected(.unknownParticipant(request.code)) }
            guard !person.withdrawn else { throw StoreError.rejected(.nothingToWithdraw(request.code)) }
            let scope = closure(s, person.code)
            let erased = Self.erasedNumbers(scope, cascade: request.cascade)
            let clear = ErasureRules.withdrawal(of: person.code, erasing: Set(erased), in: events)
            receipt = Self.receipt(request, person.code, scope, erased: erased, state: s, cleared: clear.count,
                                   realName: s.linkage[person.code] != nil, dryRun: false, purged: false)
            let tombstone = ParticipantWithdrawn(code: person.code, requestedOn: request.requestedOn, erased: erased,
                                                 keptWhiteboard: scope.keptWhiteboard,
                                                 chainForReview: request.cascade ? [] : scope.chain,
                                                 overrideReason: request.overrideReason)
            return ErasurePlan(clear: clear, append: [tombstone])
        }
        guard var done = receipt else { throw StoreError.failed("the withdrawal produced no receipt") }
        done.purged = result.purged.complete
        return done
    }

    public static func erasedNumbers(_ scope: WithdrawalScope, cascade: Bool) -> [Int] {
        let whiteboard = Set(scope.keptWhiteboard)
        // Whatever a closure returns, a whiteboard note is never erased.
        return Set(scope.own + scope.directResponses + (cascade ? scope.chain : [])).subtracting(whiteboard).sorted()
    }

    public static func receipt(_ request: WithdrawalRequest, _ code: String, _ scope: WithdrawalScope, erased: [Int],
                        state s: SessionState, cleared: Int, realName: Bool, dryRun: Bool, purged: Bool) -> WithdrawalReceipt {
        let erasedSet = Set(erased)
        let concerns = s.register.concerns.filter { c in
            c.participant == code || c.contributions.contains(where: erasedSet.contains)
        }.map(\.number)
        return WithdrawalReceipt(
            code: code, requestedOn: request.requestedOn, windowClosesOn: s.withdrawalClosesOn,
            overrideReason: request.overrideReason, cascade: request.cascade, scope: scope, erased: erased,
            chainForReview: request.cascade ? [] : scope.chain, concernsKept: concerns,
            whiteboardNotesInSession: s.liveContributions.filter { $0.source == .whiteboard }.count,
            realNameErased: realName, eventsCleared: cleared, exportsBefore: s.exports, dryRun: dryRun, purged: purged)
    }

    /// End of project: destroys the linkage table and every block-listed name
    /// physically, and records `linkage.destroyed`. Returns how many names went.
    public func anonymise(by actor: String, at: Date) throws -> (realNames: Int, blocklisted: Int, purged: Bool) {
        var names = 0, blocked = 0
        let result = try erase(by: actor, at: at) { s, events in
            guard !s.linkageDestroyed else { throw StoreError.rejected(.linkageDestroyed) }
            let clear = ErasureRules.linkage(in: events)
            names = events.filter { clear.contains($0.seq) && $0.event.payload is RealNameRecorded }.count
            blocked = clear.count - names
            return ErasurePlan(clear: clear, append: [LinkageDestroyed()])
        }
        return (names, blocked, result.purged.complete)
    }
}

/// INTERIM withdrawal closure, until Privacy's lands (switch in
/// `Sources/SessionActions/DataProtection.swift`, `DataProtection.closure`).
/// It follows explicit links only: reply-to, aligned-with, and the words
/// "responding to #N" / "replying to #N" / "in reply to #N". Quoting is not
/// detected here; Privacy's closure does that.
public enum InterimWithdrawalClosure {
    public static func scope(_ state: SessionState, _ code: String) -> WithdrawalScope {
        let live = state.liveContributions
        let byNumber = Dictionary(uniqueKeysWithValues: live.map { ($0.number, $0) })
        // respondents[n]: the contributions that link to #n (either way, for alignment).
        var respondents: [Int: [Int]] = [:]
        for c in live {
            for n in Set(c.replyTo + mentionedNumbers(c.text)) { respondents[n, default: []].append(c.number) }
            if let a = c.alignsWith {
                respondents[a, default: []].append(c.number)
                respondents[c.number, default: []].append(a)
            }
        }
        let own = live.filter { $0.speaker == code && $0.source != .whiteboard }.map(\.number)
        var seen = Set(own)
        var whiteboard = Set<Int>()
        // One step out from `targets`; whiteboard notes are noted, kept, and not followed.
        func step(_ targets: [Int]) -> [Int] {
            var out: [Int] = []
            for t in targets {
                for r in respondents[t] ?? [] where !seen.contains(r) {
                    guard let c = byNumber[r] else { continue }
                    seen.insert(r)
                    if c.source == .whiteboard { whiteboard.insert(r) } else { out.append(r) }
                }
            }
            return out
        }
        let direct = step(own)
        var chain: [Int] = []
        var frontier = direct
        while !frontier.isEmpty {
            frontier = step(frontier)
            chain += frontier
        }
        return WithdrawalScope(own: own, directResponses: direct.sorted(), chain: chain.sorted(), keptWhiteboard: whiteboard.sorted())
    }

    /// Numbers named as "responding to #N", "replying to #N" or "in reply to #N".
    static func mentionedNumbers(_ text: String) -> [Int] {
        let lower = text.lowercased()
        var out: [Int] = []
        for phrase in ["responding to #", "replying to #", "in reply to #"] {
            var rest = lower[...]
            while let r = rest.range(of: phrase) {
                let digits = rest[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if let n = Int(digits) { out.append(n) }
                rest = rest[r.upperBound...]
            }
        }
        return out
    }
}
