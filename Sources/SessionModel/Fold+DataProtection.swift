import Foundation

// The fold for data protection (withdrawal, destroying the linkage) and the
// process record of imports and exports.
extension SessionState {
    mutating func fold(_ e: ParticipantWithdrawn, _ event: SessionEvent) throws {
        let person = try requireParticipant(e.code)
        guard !person.withdrawn else { throw SessionError.nothingToWithdraw(e.code) }
        participants[e.code]?.withdrawn = true
        participants[e.code]?.room = 0
        linkage[e.code] = nil
        for n in e.erased { try eraseContribution(n) }
        withdrawals.append(
            WithdrawalRecord(
                code: e.code, requestedOn: e.requestedOn, at: event.at, by: event.by,
                erased: e.erased, keptWhiteboard: e.keptWhiteboard,
                chainForReview: e.chainForReview, overrideReason: e.overrideReason))
    }

    mutating func fold(_ e: LinkageDestroyed, _ event: SessionEvent) throws {
        linkage = [:]
        blocklist = []
        linkageDestroyed = true
    }

    mutating func fold(_ e: ImportRecorded, _ event: SessionEvent) throws {
        imports.append(
            ProcessRecord(
                kind: e.format, detail: "\(e.fileName): \(e.added) added", at: event.at,
                by: event.by))
    }

    mutating func fold(_ e: ExportRecorded, _ event: SessionEvent) throws {
        exports.append(ProcessRecord(kind: e.format, detail: e.fileName, at: event.at, by: event.by))
    }
}
