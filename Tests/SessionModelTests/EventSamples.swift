import Foundation
import SessionModel

/// One payload of every kind, every optional field set and no field at its default, so a
/// field the codec drops shows up as a difference. The switch is exhaustive: a new kind
/// does not compile here until it has a sample (and so a codec round trip).
enum EventSamples {
    static let t = Date(timeIntervalSince1970: 1_790_000_000)

    static func sample(_ kind: EventKind) -> EventBody {
        switch kind {
        case .sessionCreated:
            return SessionCreated(
                sessionID: UUID(uuidString: "6F1C1D1E-0000-4000-8000-000000000001")!,
                title: "Groupe 2 — café ☕", study: "Hybrid CPC", strand: "B", platform: .zoom,
                date: "2026-05-01", withdrawalDays: 21
            ).body
        case .sessionClosed: return SessionClosed().body
        case .recordingToggled: return RecordingToggled(recording: true).body
        case .consoleOpened: return ConsoleOpened(role: .observer).body
        case .facilitatorAdded: return FacilitatorAdded(name: "Sam Lead", role: .coFacilitator).body
        case .participantAdded:
            return ParticipantAdded(
                code: "P07", jobRole: "Youth worker", organisationType: .localAuthority,
                strand: "A", attribution: .noRole
            ).body
        case .participantUpdated:
            return ParticipantUpdated(
                code: "P07", jobRole: "Family support worker", organisationType: .voluntary, attribution: .role
            ).body
        case .realNameRecorded: return RealNameRecorded(code: "P07", name: "Zoë O'Neill-Ng").body
        case .consentRecorded:
            return ConsentRecorded(code: "P07", items: ["recording", "quotes"], checkedBy: "Sam").body
        case .consentChecklistSet: return ConsentChecklistSet(items: ["recording", "chatham-house-rule"]).body
        case .blocklistNameAdded: return BlocklistNameAdded(name: "Al").body
        case .linkageDestroyed: return LinkageDestroyed().body
        case .groupCreated: return GroupCreated(name: "Room A").body
        case .groupRenamed: return GroupRenamed(room: 2, name: "غرفة ب").body
        case .groupClosed: return GroupClosed(room: 3).body
        case .participantAssigned: return ParticipantAssigned(code: "P07", room: 2).body
        case .roundStarted: return RoundStarted(minutes: 17, prompt: "What works?").body
        case .roundEnded: return RoundEnded().body
        case .guideSet:
            return GuideSet(segments: [
                GuideSegment(title: "Opening", prompts: ["a", "b"], minutes: 9),
                GuideSegment(title: "Close"),
            ]).body
        case .guideAdvanced: return GuideAdvanced(segment: 1).body
        case .contributionLogged:
            return ContributionLogged(
                source: .chat, room: 2, speaker: "P07", text: "e\u{301}👩🏽‍⚕️ שלום",
                form: .summary, replyTo: [1, 3], occurredAt: t, alignsWith: 2,
                directMessage: true
            ).body
        case .contributionEdited: return ContributionEdited(number: 4, text: "corrected").body
        case .contributionStruck: return ContributionStruck(number: 5, reason: "off the record").body
        case .contributionRestored: return ContributionRestored(number: 5).body
        case .attributionSet: return AttributionSet(number: 6, level: .background).body
        case .speakerSet: return SpeakerSet(first: 2, last: 9, speaker: "P07", facilitator: nil).body
        case .codebookSet:
            return CodebookSet(
                name: "principles",
                codes: [
                    CodeDefinition(name: "PP1", description: "First"),
                    CodeDefinition(name: "PP2"),
                ]
            ).body
        case .codeTagged: return CodeTagged(number: 7, code: "PP1").body
        case .codeUntagged: return CodeUntagged(number: 8, code: "PP2").body
        case .themeCreated: return ThemeCreated(title: "Attendance").body
        case .themeLinked: return ThemeLinked(theme: 2, number: 9).body
        case .themeUnlinked: return ThemeUnlinked(theme: 3, number: 10).body
        case .redactionAccepted:
            return RedactionAccepted(number: 11, span: TextSpan(start: 2, end: 5), label: .phone, manual: true).body
        case .redactionRejected:
            return RedactionRejected(
                number: 12, span: TextSpan(start: 1, end: 4), label: .location,
                reason: "a county"
            ).body
        case .confidentialityReminderGiven: return ConfidentialityReminderGiven(number: 13, note: "restated").body
        case .concernRaised:
            return ConcernRaised(
                contributions: [1, 2], participant: "P07", room: 2, category: .riskToAdult,
                urgency: .immediate, description: "described"
            ).body
        case .concernAcknowledged: return ConcernAcknowledged(concern: 2).body
        case .concernActionTaken:
            return ConcernActionTaken(concern: 3, action: .referred, to: "LADO", reference: "L-42", note: "made").body
        case .participantWithdrawn:
            return ParticipantWithdrawn(
                code: "P07", requestedOn: "2026-05-03", erased: [1, 2], keptWhiteboard: [3],
                chainForReview: [4], overrideReason: "REC agreed"
            ).body
        case .importRecorded: return ImportRecorded(format: "zoom-chat", fileName: "chat.txt", added: 14).body
        case .exportRecorded: return ExportRecorded(format: "docx", fileName: "t.docx").body
        }
    }
}
