import Foundation
import Privacy
import SessionModel

/// The erasure steps of one session, in one place for every caller: `convene withdraw` /
/// `anonymise` and the console (through SessionActions' `DataProtection`) and a study's
/// withdrawal and anonymisation (`Study`), on a file or a team session alike. Windows,
/// permissions and names are the caller's; these steps are what happens to the session:
///  1. the names about to leave the session's lists are redacted where they are still written,
///     numbered by `Placeholders` like every other redaction (so no existing number moves);
///  2. the withdrawal is planned by Privacy (`WithdrawalPlan`) from the latest state;
///  3. the store erases it (`ErasingJournal.withdraw` / `anonymise`).
/// It lives below both SessionActions and Study because SessionActions depends on Study
/// (a participant added to a study session is checked against the study).
public enum SessionErasure {
    /// What the erasure steps did: the redactions appended first, then the store's receipt.
    public struct Outcome<Receipt: Sendable>: Sendable {
        /// The `redaction.accepted` events step 1 appended (none for a dry run).
        public var redactions: [StoredEvent]
        public var receipt: Receipt
    }

    /// Withdraws `request.code` from one session: redacts their real name wherever anyone
    /// wrote it (numbered), plans from the latest state, and erases. A dry run plans and
    /// previews only, changing nothing. A plan error (`WithdrawalPlanError`) is thrown as is.
    public static func withdraw(
        _ request: WithdrawalRequest, from journal: any ErasingJournal, by actor: String, at now: Date,
        dryRun: Bool
    ) throws -> Outcome<WithdrawalReceipt> {
        if dryRun {
            try journal.refresh()
            let plan = try WithdrawalPlan.make(request, state: journal.state)
            return Outcome(redactions: [], receipt: try journal.previewWithdrawal(plan))
        }
        // Their real name leaves the linkage table: redact where others named them first,
        // so the placeholders that replace it keep the session's numbering.
        let redactions = try journal.append(by: actor, at: now) { latest in
            guard let name = latest.linkage[request.code] else { return [] }
            return Placeholders.numbered(NamesLeavingTheSession.redactions(for: [name], in: latest), in: latest)
        }
        let plan = try WithdrawalPlan.make(request, state: journal.state)
        return Outcome(redactions: redactions, receipt: try journal.withdraw(plan, by: actor, at: now))
    }

    /// Destroys the session's linkage table and block-list: first redacts (numbered) every
    /// place the names `leaving` picks from the latest state are still written (a session's
    /// own names; across a study, every session's), then erases, replacing every one of
    /// those names by its placeholder in the payloads that still hold them. Throws
    /// `StoreError.rejected(.linkageDestroyed)` if the session was already anonymised.
    public static func anonymise(
        _ journal: any ErasingJournal, redacting leaving: (SessionState) -> [String], by actor: String,
        at now: Date
    ) throws -> Outcome<AnonymisationReceipt> {
        // The names are about to be destroyed: redact every place they are still written.
        let redactions = try journal.append(by: actor, at: now) { latest in
            Placeholders.numbered(NamesLeavingTheSession.redactions(for: leaving(latest), in: latest), in: latest)
        }
        // Names from outside the session's own lists (a study's) are rewritten in the bytes as its own are.
        let own = Set(journal.state.linkage.values).union(journal.state.blocklist)
        let extra = leaving(journal.state).filter { !own.contains($0) }
        return Outcome(
            redactions: redactions, receipt: try journal.anonymise(by: actor, at: now, alsoReplacing: extra))
    }
}
