import Foundation

// The fold for the safeguarding register (restricted events).
extension SessionState {
    mutating func fold(_ e: ConcernRaised, _ event: SessionEvent) throws {
        try Self.requireText(e.description, field: "the concern's description", limit: TextLimits.description)
        for n in e.contributions { _ = try existingContribution(n) }
        if let code = e.participant { _ = try requireParticipant(code) }
        _ = try roomIndex(e.room)
        let number = register.concerns.count + 1
        register.concerns.append(
            SafeguardingConcern(
                number: number, raisedAt: event.at, raisedBy: event.by, room: e.room, contributions: e.contributions,
                participant: e.participant, category: e.category, urgency: e.urgency, description: e.description))
        for n in e.contributions { contributions[n - 1].concerns.append(number) }
    }

    mutating func fold(_ e: ConcernAcknowledged, _ event: SessionEvent) throws {
        let k = try concernIndex(e.concern)
        if register.concerns[k].acknowledgedBy == nil {
            register.concerns[k].acknowledgedBy = event.by
            register.concerns[k].acknowledgedAt = event.at
        }
    }

    mutating func fold(_ e: ConcernActionTaken, _ event: SessionEvent) throws {
        let k = try concernIndex(e.concern)
        guard !register.concerns[k].isClosed else { throw SessionError.concernClosed(e.concern) }
        if e.action == .referred, (e.to ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw SessionError.referralNeedsBody
        }
        try Self.requireText(e.note, field: "the note", limit: TextLimits.description)
        register.concerns[k].actions.append(
            ConcernAction(
                kind: e.action, to: e.to, reference: e.reference,
                note: e.note, at: event.at, by: event.by))
    }
}
