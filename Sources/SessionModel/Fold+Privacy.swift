import Foundation

// The fold for privacy: the linkage table, the block list, redactions and reminders.
extension SessionState {
    mutating func fold(_ e: RealNameRecorded, _ event: SessionEvent) throws {
        guard !linkageDestroyed else { throw SessionError.linkageDestroyed }
        _ = try requireParticipant(e.code)
        try Self.requireText(e.name, field: "the real name", limit: TextLimits.name)
        linkage[e.code] = e.name
    }

    mutating func fold(_ e: BlocklistNameAdded, _ event: SessionEvent) throws {
        guard !linkageDestroyed else { throw SessionError.linkageDestroyed }
        try Self.requireText(e.name, field: "the name", limit: TextLimits.name)
        if !blocklist.contains(where: { $0.caseInsensitiveCompare(e.name) == .orderedSame }) {
            blocklist.append(e.name)
        }
    }

    mutating func fold(_ e: RedactionAccepted, _ event: SessionEvent) throws {
        guard e.label.isIdentifier else { throw SessionError.notARedactionLabel(e.label.rawValue) }
        let i = try liveContribution(e.number)
        let text = contributions[i].text
        let covered = try Self.slice(text, e.span, number: e.number)
        let placeholder = placeholderFor(label: e.label, text: covered, recorded: e.placeholder)
        contributions[i].redactions.removeAll { $0.span == e.span }
        contributions[i].redactions.append(
            Redaction(
                span: e.span, label: e.label, placeholder: placeholder,
                manual: e.manual))
        contributions[i].redactions.sort { $0.span.start < $1.span.start }
    }

    mutating func fold(_ e: RedactionRejected, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        _ = try Self.slice(contributions[i].text, e.span, number: e.number)
        try Self.requireText(e.reason, field: "the reason", limit: TextLimits.name)
        contributions[i].rejections.append(RejectedFinding(span: e.span, label: e.label, reason: e.reason))
    }

    mutating func fold(_ e: ConfidentialityReminderGiven, _ event: SessionEvent) throws {
        if let n = e.number { contributions[try liveContribution(n)].reminded = true }
        reminders.append(ConfidentialityReminder(contribution: e.number, note: e.note, at: event.at, by: event.by))
    }
}
