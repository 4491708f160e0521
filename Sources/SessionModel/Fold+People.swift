import Foundation

// The fold for people: facilitators, participants and their consent.
extension SessionState {
    mutating func fold(_ e: FacilitatorAdded, _ event: SessionEvent) throws {
        try Self.requireText(e.name, field: "the facilitator's name", limit: TextLimits.name)
        guard facilitator(named: e.name) == nil else { throw SessionError.duplicateFacilitator(e.name) }
        facilitators.append(Facilitator(name: e.name, role: e.role))
    }

    mutating func fold(_ e: ParticipantAdded, _ event: SessionEvent) throws {
        guard ParticipantCode.isValid(e.code) else { throw SessionError.invalidParticipantCode(e.code) }
        guard participants[e.code] == nil else { throw SessionError.duplicateParticipant(e.code) }
        try Self.requireText(e.jobRole, field: "the job role", limit: TextLimits.name)
        participants[e.code] = Participant(
            code: e.code, jobRole: e.jobRole, organisationType: e.organisationType,
            strand: e.strand, attribution: e.attribution)
        participantOrder.append(e.code)
    }

    mutating func fold(_ e: ParticipantUpdated, _ event: SessionEvent) throws {
        let p = try requireParticipant(e.code)
        guard !p.withdrawn else { throw SessionError.participantWithdrawn(e.code) }
        guard e.jobRole != nil || e.organisationType != nil || e.attribution != nil else {
            throw SessionError.emptyText(field: "the participant's new details")
        }
        if let role = e.jobRole {
            try Self.requireText(role, field: "the job role", limit: TextLimits.name)
            participants[e.code]?.jobRole = role
        }
        if let org = e.organisationType { participants[e.code]?.organisationType = org }
        if let attribution = e.attribution { participants[e.code]?.attribution = attribution }
    }

    mutating func fold(_ e: ConsentRecorded, _ event: SessionEvent) throws {
        _ = try requireParticipant(e.code)
        participants[e.code]?.consent = ConsentRecord(items: e.items, checkedBy: e.checkedBy, at: event.at)
    }

    mutating func fold(_ e: ConsentChecklistSet, _ event: SessionEvent) throws {
        guard !e.items.isEmpty else { throw SessionError.emptyText(field: "the consent checklist") }
        consentChecklist = e.items
        consentEffects = Dictionary(
            (e.optional ?? []).filter { e.items.contains($0.item) }.map { ($0.item, $0.effect) },
            uniquingKeysWith: { a, _ in a })
    }
}
