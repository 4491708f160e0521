import Foundation
import Privacy
import SessionModel
import SessionStore

/// One receipt across the study: the single-session receipt of every session the person attended.
public struct StudyWithdrawalReceipt: Sendable {
    public var code: String
    public var requestedOn: String
    public var dryRun: Bool
    public var overrideReason: String?
    /// Per session, in manifest order.
    public var sessions: [(name: String, receipt: WithdrawalReceipt)]
    /// Sessions where the person had already withdrawn (nothing more to do).
    public var alreadyWithdrawn: [String]
    /// Every export of any session made before the withdrawal, by session.
    public var exportsBefore: [(session: String, export: ProcessRecord)] {
        sessions.flatMap { s in s.receipt.exportsBefore.map { (s.name, $0) } }
    }
    public var purged: Bool { sessions.allSatisfy { $0.receipt.purged || $0.receipt.dryRun } }
}

extension Study {
    /// Withdraws `code` from every session of the study they attended, through each
    /// session's own withdrawal (`SessionErasure.withdraw`, the steps `convene withdraw` takes).
    /// Every window is judged first, per session: if any has closed (and is not
    /// overridden), nothing is changed anywhere and the sessions are named.
    public func withdraw(
        code rawCode: String, requestedOn: String, cascade: Bool = false, overrideReason: String? = nil,
        by actor: String, at now: Date, today: String, dryRun: Bool
    ) throws -> StudyWithdrawalReceipt {
        let code = rawCode.uppercased()
        let request = WithdrawalRequest(
            code: code, requestedOn: requestedOn, cascade: cascade, overrideReason: overrideReason)
        // 1. Find every session they attended and judge its window, changing nothing.
        var targets: [StudySession] = []
        var already: [String] = []
        var closed: [String] = []
        for session in manifest.sessions {
            let state = try self.state(of: session)
            guard let person = state.participant(code) else { continue }
            if person.withdrawn {
                already.append(session.name)
                continue
            }
            do {
                try WithdrawalWindow.check(request, in: state, actor: actor, today: today)
            } catch WithdrawalRefusal.windowClosed(let closedOn, _) {
                closed.append("\(session.name) (closed on \(closedOn))")
                continue
            }
            targets.append(session)
        }
        guard closed.isEmpty else { throw StudyError.windowsClosed(closed) }
        if targets.isEmpty {
            throw already.isEmpty ? StudyError.unknownParticipant(code) : StudyError.alreadyWithdrawn(code)
        }
        // 2. Withdraw session by session.
        var receipts: [(String, WithdrawalReceipt)] = []
        for session in targets {
            do {
                // A file or a team session: the same erasure steps as `convene withdraw` (SessionErasure),
                // so the name redactions are numbered like any other and the planner and erasure are one.
                let receipt = try withJournal(session, readOnly: dryRun) { journal in
                    try SessionErasure.withdraw(request, from: journal, by: actor, at: now, dryRun: dryRun).receipt
                }
                receipts.append((session.name, receipt))
            } catch {
                if dryRun { throw error }
                try? recordWithdrawal(code, request, receipts.map(\.0), actor: actor, at: now)
                throw StudyError.withdrawalIncomplete(done: receipts.map(\.0), failed: session.name, why: "\(error)")
            }
        }
        if !dryRun { try recordWithdrawal(code, request, receipts.map(\.0), actor: actor, at: now) }
        return StudyWithdrawalReceipt(
            code: code, requestedOn: requestedOn, dryRun: dryRun, overrideReason: overrideReason,
            sessions: receipts, alreadyWithdrawn: already)
    }

    func recordWithdrawal(_ code: String, _ request: WithdrawalRequest, _ sessions: [String], actor: String, at: Date)
        throws
    {
        guard !sessions.isEmpty else { return }
        try update {
            $0.withdrawals.append(
                StudyWithdrawalEntry(
                    code: code, requestedOn: request.requestedOn, at: at, by: actor,
                    sessions: sessions, overrideReason: request.overrideReason))
        }
    }
}
