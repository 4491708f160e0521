import Foundation
import Privacy
import SessionModel

/// What a withdrawal did (or, for a dry run, would do): the receipt.
public struct WithdrawalReceipt: Sendable {
    /// The plan carried out (Privacy's `WithdrawalPlan`, made from the latest state).
    public var plan: WithdrawalPlan
    public var windowClosesOn: String?
    /// Every whiteboard note in the session is kept.
    public var whiteboardNotesInSession: Int
    public var realNameErased: Bool
    /// Journal rows whose payload was cleared.
    public var eventsCleared: Int
    /// Where the participant's real name was replaced by its placeholder in rows that stay.
    public var rewritten: [NameRewriteChange]
    /// Console drafts erased because they touched what went.
    public var draftsErased: Int
    /// Exports made before the withdrawal: to be deleted outside Convene.
    public var exportsBefore: [ProcessRecord]
    public var dryRun: Bool
    public var purged: Bool
    /// Where the journal ended after the withdrawal (keep it: `convene check --against`).
    public var head: JournalHead?

    public var code: String { plan.request.code }
    public var requestedOn: String { plan.request.requestedOn }
    public var overrideReason: String? { plan.request.overrideReason }
    public var cascade: Bool { plan.request.cascade }
    public var erased: [Int] { plan.erased }
    public var chainForReview: [Int] { plan.chainForReview }
    public var concernsKept: [Int] { plan.concernsKept }
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
            return
                "the withdrawal window closed on \(closed) (the session date plus the study's days); the request of \(requested) is too late. The lead may override it: --override-window --reason \"…\""
        case .overrideNeedsLead(let actor):
            return
                "only a lead facilitator may override the withdrawal window (\(actor) is not one; add --by with the lead's name)"
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
    public static func check(_ request: WithdrawalRequest, in state: SessionState, actor: String, today: String) throws
    {
        guard SessionDate.parse(request.requestedOn) != nil else {
            throw WithdrawalRefusal.invalidDate(request.requestedOn)
        }
        // YYYY-MM-DD compares as text in date order.
        guard request.requestedOn <= today else { throw WithdrawalRefusal.requestInFuture(request.requestedOn) }
        if let reason = request.overrideReason {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw WithdrawalRefusal.overrideNeedsReason
            }
            guard state.facilitator(named: actor)?.role == .lead else {
                throw WithdrawalRefusal.overrideNeedsLead(actor: actor)
            }
            return
        }
        if let closes = state.withdrawalClosesOn, request.requestedOn > closes {
            throw WithdrawalRefusal.windowClosed(closedOn: closes, requestedOn: request.requestedOn)
        }
    }
}

/// Withdrawal and anonymisation on any journal that can erase (a file or a
/// team session): the plan is Privacy's, the erasure the store's.
extension ErasingJournal {
    /// Withdraws a participant as `plan` says (Privacy's `WithdrawalPlan`):
    /// erases the planned contributions physically (see `erase`) with every
    /// event about them and the real name, replaces that name by its
    /// placeholder wherever others wrote it, erases console drafts that touch
    /// any of it, keeps whiteboard notes and concerns, and appends the
    /// `participant.withdrawn` tombstone with the chained erasure record.
    /// If the journal moved on since the plan was made, the same request is
    /// planned again from the latest state inside the transaction.
    /// The window is the caller's to check (`WithdrawalWindow.check`).
    @discardableResult
    public func withdraw(_ given: WithdrawalPlan, by actor: String, at: Date) throws -> WithdrawalReceipt {
        var carried: WithdrawalPlan?
        var before = SessionState()
        let result = try erase(by: actor, at: at) { s, events in
            let plan = try (s.eventCount == given.basedOnEventCount ? given : Self.replan(given.request, s))
            carried = plan
            before = s
            let clear = ErasureRules.withdrawal(of: plan.request.code, erasing: Set(plan.erased), in: events)
            let texts = plan.erased.compactMap { s.contribution($0) }.flatMap {
                [$0.text] + $0.history.map(\.previousText)
            }
            let names = plan.realName.map { [$0] } ?? []
            let code = plan.request.code
            let erased = plan.erased
            return ErasurePlan(
                clear: clear, names: names,
                draftGoes: { draft in
                    DraftErasure.touches(draft, code: code, names: names, erasedNumbers: erased, erasedTexts: texts)
                },
                tombstone: { record in
                    ParticipantWithdrawn(
                        code: plan.request.code, requestedOn: plan.request.requestedOn, erased: plan.erased,
                        keptWhiteboard: plan.keptWhiteboard, chainForReview: plan.chainForReview,
                        overrideReason: plan.request.overrideReason,
                        keptQuotes: plan.keptQuotes.isEmpty ? nil : plan.keptQuotes, record: record)
                })
        }
        guard let plan = carried else { throw StoreError.failed("the withdrawal produced no receipt") }
        return Self.receipt(
            plan, state: before, cleared: result.cleared.count, rewritten: result.rewritten,
            drafts: result.draftsErased, dryRun: false, purged: result.purged.complete, head: result.head)
    }

    /// What `withdraw(plan)` would do now, changing nothing (for `--dry-run`).
    public func previewWithdrawal(_ plan: WithdrawalPlan) throws -> WithdrawalReceipt {
        try refresh()
        let s = state
        let plan = try (s.eventCount == plan.basedOnEventCount ? plan : Self.replan(plan.request, s))
        let events = try allEvents()
        let clear = ErasureRules.withdrawal(of: plan.request.code, erasing: Set(plan.erased), in: events)
        let kept: [(seq: Int, event: SessionEvent)] = events.map { stored in
            (
                stored.seq,
                clear.contains(stored.seq)
                    ? SessionEvent(
                        id: stored.event.id, at: stored.event.at, by: stored.event.by,
                        body: .erased(stored.event.body.kind))
                    : stored.event
            )
        }
        let rewrite = try NameReplacement.rewrite(kept, names: plan.realName.map { [$0] } ?? [], state: s)
        return Self.receipt(
            plan, state: s, cleared: clear.count, rewritten: rewrite.changes, drafts: 0, dryRun: true,
            purged: false, head: head)
    }

    static func replan(_ request: WithdrawalRequest, _ s: SessionState) throws -> WithdrawalPlan {
        do { return try WithdrawalPlan.make(request, state: s) } catch WithdrawalPlanError.unknownParticipant(let c) {
            throw StoreError.rejected(.unknownParticipant(c))
        } catch WithdrawalPlanError.alreadyWithdrawn(let c) {
            throw StoreError.rejected(.nothingToWithdraw(c))
        }
    }

    static func receipt(
        _ plan: WithdrawalPlan, state s: SessionState, cleared: Int, rewritten: [NameRewriteChange],
        drafts: Int, dryRun: Bool, purged: Bool, head: JournalHead?
    ) -> WithdrawalReceipt {
        WithdrawalReceipt(
            plan: plan, windowClosesOn: s.withdrawalClosesOn,
            whiteboardNotesInSession: s.liveContributions.filter { $0.source == .whiteboard }.count,
            realNameErased: plan.realName != nil, eventsCleared: cleared, rewritten: rewritten, draftsErased: drafts,
            exportsBefore: s.exports, dryRun: dryRun, purged: purged, head: head)
    }

    /// End of project: destroys the linkage table and every block-listed name
    /// physically, replaces those names by their placeholders in every payload
    /// that still holds them, and records `linkage.destroyed` with the chained
    /// erasure record. `alsoReplacing`: names from outside this session's lists
    /// that are replaced the same way (a study's other sessions' names).
    public func anonymise(by actor: String, at: Date, alsoReplacing extra: [String] = []) throws
        -> AnonymisationReceipt
    {
        var names = 0
        var blocked = 0
        let result = try erase(by: actor, at: at) { s, events in
            guard !s.linkageDestroyed else { throw StoreError.rejected(.linkageDestroyed) }
            let clear = ErasureRules.linkage(in: events)
            names = events.filter { clear.contains($0.seq) && $0.event.payload is RealNameRecorded }.count
            blocked = clear.count - names
            let own = Array(s.linkage.values) + s.blocklist
            let leaving = own + extra.filter { !own.contains($0) }
            return ErasurePlan(
                clear: clear, names: leaving,
                draftGoes: { draft in
                    !NameOccurrences.find(leaving, in: draft).isEmpty
                }, tombstone: { LinkageDestroyed(record: $0) })
        }
        return AnonymisationReceipt(
            realNames: names, blocklisted: blocked, rewritten: result.rewritten,
            draftsErased: result.draftsErased, purged: result.purged.complete, head: result.head)
    }
}

/// What `anonymise` did.
public struct AnonymisationReceipt: Sendable {
    public var realNames: Int
    public var blocklisted: Int
    /// Where those names were replaced by placeholders in rows that stay.
    public var rewritten: [NameRewriteChange]
    public var draftsErased: Int
    public var purged: Bool
    public var head: JournalHead?
}
