import Foundation
import Privacy
import SessionModel
import SessionStore

/// Withdrawal and anonymisation: the two actions that erase, on a file or a
/// team session alike (`ErasingJournal`). The plan is made inside the
/// erasure's own transaction, from the latest state and events.
extension SessionActions {
    /// The withdrawal closure every front end uses (a study's withdrawal too).
    public static func withdrawalClosure(_ state: SessionState, _ code: String) -> WithdrawalScope {
        DataProtection.closure(state, code)
    }
}

enum DataProtection {
    /// The withdrawal closure every front end uses. SWITCH HERE to Privacy's
    /// pure planner (`WithdrawalPlan`) once it is on main; until then the
    /// interim closure follows explicit links (reply-to, alignment, "responding to #N").
    static func closure(_ state: SessionState, _ code: String) -> WithdrawalScope {
        InterimWithdrawalClosure.scope(state, code)
    }

    static func eraser(_ journal: any SessionJournal) throws -> any ErasingJournal {
        guard let eraser = journal as? any ErasingJournal else { throw ActionError.cannotErase(journal.location) }
        return eraser
    }

    static func withdraw(_ order: WithdrawalOrder, by actor: ActingUser, on journal: any SessionJournal,
                         at now: Date) throws -> ActionOutcome {
        try journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.withdraw(order), by: actor, in: state)
        let code = try Names.participant(order.participant, in: state)
        let today = SessionDate.format(now)
        let request = WithdrawalRequest(code: code, requestedOn: order.requestedOn ?? today, cascade: order.cascade,
                                        overrideReason: order.overrideReason)
        do {
            try WithdrawalWindow.check(request, in: state, actor: actor.name, today: today)
        } catch let refusal as WithdrawalRefusal {
            throw ActionError.withdrawal(refusal)
        }
        guard let person = state.participant(code), !person.withdrawn else { throw ActionError.refused(.nothingToWithdraw(code)) }
        let eraser = try eraser(journal)
        if order.dryRun {
            let scope = closure(state, code)
            let erased = SQLiteJournal.erasedNumbers(scope, cascade: request.cascade)
            let clear = ErasureRules.withdrawal(of: code, erasing: Set(erased), in: try eraser.allEvents())
            let receipt = SQLiteJournal.receipt(request, code, scope, erased: erased, state: state, cleared: clear.count,
                                                realName: state.linkage[code] != nil, dryRun: true, purged: false)
            return ActionOutcome(stored: [], state: state, message: summary(receipt), result: .withdrawal(receipt))
        }
        // Their real name leaves the linkage table: redact first wherever others wrote it.
        var stored = try journal.append(by: actor.name, at: now) { latest in
            guard let name = latest.linkage[code] else { return [] }
            return NamesLeavingTheSession.redactions(for: [name], in: latest)
        }
        var receipt: WithdrawalReceipt?
        let result = try eraser.erase(by: actor.name, at: now) { s, events in
            guard let person = s.participant(code) else { throw ActionError.refused(.unknownParticipant(code)) }
            guard !person.withdrawn else { throw ActionError.refused(.nothingToWithdraw(code)) }
            let scope = closure(s, code)
            let erased = SQLiteJournal.erasedNumbers(scope, cascade: request.cascade)
            let clear = ErasureRules.withdrawal(of: code, erasing: Set(erased), in: events)
            receipt = SQLiteJournal.receipt(request, code, scope, erased: erased, state: s, cleared: clear.count,
                                            realName: s.linkage[code] != nil, dryRun: false, purged: false)
            let tombstone = ParticipantWithdrawn(code: code, requestedOn: request.requestedOn, erased: erased,
                                                 keptWhiteboard: scope.keptWhiteboard,
                                                 chainForReview: request.cascade ? [] : scope.chain,
                                                 overrideReason: request.overrideReason)
            return ErasurePlan(clear: clear, append: [tombstone])
        }
        guard var done = receipt else { throw StoreError.failed("the withdrawal produced no receipt") }
        done.purged = result.purged.complete
        stored += result.appended
        return ActionOutcome(stored: stored, state: journal.state, message: summary(done), result: .withdrawal(done))
    }

    static func summary(_ r: WithdrawalReceipt) -> String {
        "\(r.code) withdrawn\(r.dryRun ? " (dry run: nothing changed)" : ""): \(r.erased.count) contribution"
            + "\(r.erased.count == 1 ? "" : "s") \(r.dryRun ? "would be " : "")erased"
            + (r.chainForReview.isEmpty ? "" : ", \(r.chainForReview.count) further down the reply chain left for review")
    }

    static func anonymise(by actor: ActingUser, on journal: any SessionJournal, at now: Date) throws -> ActionOutcome {
        try journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.anonymise, by: actor, in: state)
        guard !state.linkageDestroyed else { throw ActionError.alreadyAnonymised }
        let today = SessionDate.format(now)
        if let closes = state.withdrawalClosesOn, today <= closes { throw ActionError.anonymiseBeforeWindowCloses(closesOn: closes) }
        let eraser = try eraser(journal)
        // The names are about to be destroyed: redact every place they are still written.
        var stored = try journal.append(by: actor.name, at: now) { latest in
            NamesLeavingTheSession.redactions(for: Array(latest.linkage.values) + latest.blocklist, in: latest)
        }
        let redacted = stored.count
        var names = 0, blocked = 0
        let result = try eraser.erase(by: actor.name, at: now) { s, events in
            guard !s.linkageDestroyed else { throw ActionError.alreadyAnonymised }
            let clear = ErasureRules.linkage(in: events)
            names = events.filter { clear.contains($0.seq) && $0.event.payload is RealNameRecorded }.count
            blocked = clear.count - names
            return ErasurePlan(clear: clear, append: [LinkageDestroyed()])
        }
        stored += result.appended
        let message = "anonymised: destroyed \(names) real name\(names == 1 ? "" : "s") (the linkage table) and "
            + "\(blocked) block-listed name\(blocked == 1 ? "" : "s")"
        return ActionOutcome(stored: stored, state: journal.state, message: message,
                             result: .anonymised(realNames: names, blocklisted: blocked, redacted: redacted,
                                                 purged: result.purged.complete))
    }
}
