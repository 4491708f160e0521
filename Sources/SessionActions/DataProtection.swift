import Foundation
import Privacy
import SessionModel
import SessionStore

/// Withdrawal and anonymisation: the two actions that erase, on a file or a
/// team session alike (`ErasingJournal`). What goes is Privacy's
/// `WithdrawalPlan`; the store carries it out inside its own transaction,
/// planning again from the latest state if the journal moved on meanwhile.
enum DataProtection {
    static func eraser(_ journal: any SessionJournal) throws -> any ErasingJournal {
        guard let eraser = journal as? any ErasingJournal else { throw ActionError.cannotErase(journal.location) }
        return eraser
    }

    static func plan(_ request: WithdrawalRequest, _ state: SessionState) throws -> WithdrawalPlan {
        do { return try WithdrawalPlan.make(request, state: state) } catch let error as WithdrawalPlanError {
            throw refusal(error)
        }
    }

    /// The planner's refusals in the action layer's words; any other plan error as it is.
    static func refusal(_ error: WithdrawalPlanError) -> any Error {
        switch error {
        case .unknownParticipant(let c): return ActionError.refused(.unknownParticipant(c))
        case .alreadyWithdrawn(let c): return ActionError.refused(.nothingToWithdraw(c))
        default: return error
        }
    }

    static func withdraw(
        _ order: WithdrawalOrder, by actor: ActingUser, on journal: any SessionJournal,
        at now: Date
    ) throws -> ActionOutcome {
        try journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.withdraw(order), by: actor, in: state)
        let code = try Names.participant(order.participant, in: state)
        let today = SessionDate.format(now)
        if let n = order.keep.first, order.keepReason == nil { throw WithdrawalPlanError.keepNeedsReason(n) }
        let request = WithdrawalRequest(
            code: code, requestedOn: order.requestedOn ?? today, cascade: order.cascade,
            overrideReason: order.overrideReason,
            keep: order.keep.map { KeptQuote(number: $0, reason: order.keepReason ?? "") })
        do {
            try WithdrawalWindow.check(request, in: state, actor: actor.name, today: today)
        } catch let refusal as WithdrawalRefusal {
            throw ActionError.withdrawal(refusal)
        }
        guard let person = state.participant(code), !person.withdrawn else {
            throw ActionError.refused(.nothingToWithdraw(code))
        }
        _ = try plan(request, state) // refuses a bad --keep before anything changes
        let eraser = try eraser(journal)
        // The steps a study's withdrawal takes too (SessionStore's `SessionErasure`).
        let done: SessionErasure.Outcome<WithdrawalReceipt>
        do {
            done = try SessionErasure.withdraw(request, from: eraser, by: actor.name, at: now, dryRun: order.dryRun)
        } catch let error as WithdrawalPlanError {
            throw refusal(error)
        }
        let receipt = done.receipt
        if order.dryRun {
            return ActionOutcome(stored: [], state: state, message: summary(receipt), result: .withdrawal(receipt))
        }
        let stored = try done.redactions + eraser.allEvents().suffix(1)
        return ActionOutcome(
            stored: stored, state: journal.state, message: summary(receipt), result: .withdrawal(receipt))
    }

    static func summary(_ r: WithdrawalReceipt) -> String {
        "\(r.code) withdrawn\(r.dryRun ? " (dry run: nothing changed)" : ""): \(r.erased.count) contribution"
            + "\(r.erased.count == 1 ? "" : "s") \(r.dryRun ? "would be " : "")erased"
            + (r.chainForReview.isEmpty
                ? "" : ", \(r.chainForReview.count) further down the reply chain left for review")
    }

    static func anonymise(by actor: ActingUser, on journal: any SessionJournal, at now: Date) throws -> ActionOutcome {
        try journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.anonymise, by: actor, in: state)
        guard !state.linkageDestroyed else { throw ActionError.alreadyAnonymised }
        let today = SessionDate.format(now)
        if let closes = state.withdrawalClosesOn, today <= closes {
            throw ActionError.anonymiseBeforeWindowCloses(closesOn: closes)
        }
        let eraser = try eraser(journal)
        // The steps a study's anonymisation takes too: this session's own names are redacted first.
        let done: SessionErasure.Outcome<AnonymisationReceipt>
        do {
            done = try SessionErasure.anonymise(
                eraser, redacting: { Array($0.linkage.values) + $0.blocklist }, by: actor.name, at: now)
        } catch StoreError.rejected(.linkageDestroyed) {
            throw ActionError.alreadyAnonymised
        }
        let receipt = done.receipt
        let redacted = done.redactions.count
        let stored = try done.redactions + eraser.allEvents().suffix(1)
        let names = receipt.realNames
        let blocked = receipt.blocklisted
        let message =
            "anonymised: destroyed \(names) real name\(names == 1 ? "" : "s") (the linkage table) and "
            + "\(blocked) block-listed name\(blocked == 1 ? "" : "s")"
        return ActionOutcome(
            stored: stored, state: journal.state, message: message,
            result: .anonymised(receipt, redacted: redacted))
    }
}
