import Foundation
import PropertyBased
import SessionModel

/// Shrinkable scripts of session events over every kind. A script is a list of steps (a kind
/// and a few small numbers and a text); `EventScript.play` turns each into a payload aimed
/// at the state so far, so most steps are legal. swift-property-based shrinks a failing
/// script by dropping steps and lowering numbers towards 0, down to a few events.
public enum EventScript {
    public struct Step: Sendable, CustomStringConvertible {
        public var kind: Int
        public var a: Int
        public var b: Int
        public var text: String
        public var description: String {
            "\(EventKind.allCases[kind % EventKind.allCases.count].rawValue)(\(a),\(b),\(text.debugDescription))"
        }
    }

    /// Pieces of text of every shape: ASCII, emoji with modifiers and joiners, right-to-left
    /// scripts, combining marks, wide forms, long words. The first is plain, so shrinking ends there.
    public static let textPieces: [String] = [
        "plain", "words here", "👩🏽‍⚕️", "🌻", "مرحبا", "שלום", "e\u{301}", "n\u{303}o", "Ｗｉｄｅ", "中文", "κόσμε",
        "O'Neill-Ross", "ǅ", "🇬🇧", String(repeating: "long", count: 60), "tab\there", "line\nbreak",
    ]

    /// Unicode text from `textPieces`, one to four pieces.
    public static var text: Generator<String, some SendableSequenceType> {
        Gen.int(in: 0...(textPieces.count - 1)).array(of: 1...4).map {
            $0.map { textPieces[$0] }.joined(separator: " ")
        }
    }

    public static var step: Generator<Step, some SendableSequenceType> {
        zip(Gen.int(in: 0...(EventKind.allCases.count - 1)), Gen.int(in: 0...12), Gen.int(in: 0...12), text)
            .map { Step(kind: $0, a: $1, b: $2, text: $3) }
    }

    public static func steps(_ count: ClosedRange<Int>) -> Generator<[Step], some SendableSequenceType> {
        step.array(of: count)
    }

    public static let t0 = Date(timeIntervalSince1970: 1_778_000_000)

    /// The session every script starts from: created, two participants, a room, a codebook.
    public static func opening() -> [SessionEvent] {
        let payloads: [any EventPayload] = [
            SessionCreated(
                sessionID: UUID(uuidString: "6F1C1D1E-0000-4000-8000-00000000000A")!, title: "Script",
                date: "2026-05-01"),
            ParticipantAdded(code: "P01", jobRole: "Youth worker"), ParticipantAdded(code: "P02", jobRole: "Nurse"),
            GroupCreated(name: "Room A"), CodebookSet(name: "c", codes: [CodeDefinition(name: "PP1")]),
        ]
        return payloads.enumerated().map { SessionEvent(at: t0.addingTimeInterval(Double($0)), by: "Sam", $1) }
    }

    /// The payload a step asks for, aimed at `s` (contribution numbers, rooms, codes that exist).
    public static func payload(_ step: Step, in s: SessionState) -> any EventPayload {
        let kind = EventKind.allCases[step.kind % EventKind.allCases.count]
        let n = s.contributions.isEmpty ? 1 : step.a % s.contributions.count + 1
        let codes = s.participantOrder.isEmpty ? ["P01"] : s.participantOrder
        let code = codes[step.b % codes.count]
        let room = s.rooms.isEmpty ? 0 : s.rooms[step.b % s.rooms.count].id
        let theme = s.themes.isEmpty ? 1 : step.b % s.themes.count + 1
        let concern = s.register.concerns.isEmpty ? 1 : step.b % s.register.concerns.count + 1
        let short = String(step.text.prefix(40))
        switch kind {
        case .sessionCreated:
            return SessionCreated(sessionID: UUID(), title: short, date: "2026-05-01")
        case .sessionClosed: return step.a == 12 ? SessionClosed() : RecordingToggled(recording: step.b % 2 == 0)
        case .recordingToggled: return RecordingToggled(recording: step.a % 2 == 0)
        case .consoleOpened: return ConsoleOpened(role: ConsoleRole.allCases[step.a % ConsoleRole.allCases.count])
        case .facilitatorAdded:
            return FacilitatorAdded(name: "F\(step.a) \(short)", role: FacilitatorRole.allCases[step.b % 4])
        case .participantAdded: return ParticipantAdded(code: "P\(10 + step.a)", jobRole: short)
        case .participantUpdated: return ParticipantUpdated(code: code, jobRole: "Role \(short)")
        case .realNameRecorded: return RealNameRecorded(code: code, name: "Name \(short)")
        case .consentRecorded: return ConsentRecorded(code: code, items: ["recording"], checkedBy: "Sam")
        case .consentChecklistSet: return ConsentChecklistSet(items: ["recording", short])
        case .blocklistNameAdded: return BlocklistNameAdded(name: short)
        case .linkageDestroyed: return step.a == 12 ? LinkageDestroyed() : BlocklistNameAdded(name: "B\(step.b)")
        case .groupCreated: return GroupCreated(name: "Room \(step.a)-\(step.b)")
        case .groupRenamed: return GroupRenamed(room: room, name: "Renamed \(step.a) \(short)")
        case .groupClosed: return GroupClosed(room: room)
        case .participantAssigned: return ParticipantAssigned(code: code, room: room)
        case .roundStarted: return RoundStarted(minutes: 1 + step.a, prompt: short)
        case .roundEnded: return RoundEnded()
        case .guideSet: return GuideSet(segments: [GuideSegment(title: short), GuideSegment(title: "Two")])
        case .guideAdvanced: return GuideAdvanced(segment: step.a % 2)
        case .contributionLogged:
            let source = ContributionSource.allCases[step.b % 4]
            return ContributionLogged(
                source: source, speaker: source == .verbal || source == .chat ? code : nil,
                text: step.text, replyTo: s.contributions.isEmpty || step.a % 3 != 0 ? [] : [n])
        case .contributionEdited: return ContributionEdited(number: n, text: step.text)
        case .contributionStruck: return ContributionStruck(number: n, reason: short)
        case .contributionRestored: return ContributionRestored(number: n)
        case .speakerSet: return SpeakerSet(first: n, last: n, speaker: step.a % 3 == 0 ? nil : code)
        case .attributionSet: return AttributionSet(number: n, level: AttributionLevel.allCases[step.b % 3])
        case .codebookSet: return CodebookSet(name: "c", codes: [CodeDefinition(name: "PP\(step.a)")])
        case .codeTagged: return CodeTagged(number: n, code: step.b % 2 == 0 ? "PP1" : "Emergent \(step.b)")
        case .codeUntagged:
            let tagged = s.contributions.isEmpty ? [] : s.contributions[n - 1].codes
            return CodeUntagged(number: n, code: tagged.isEmpty ? "PP1" : tagged[step.b % tagged.count])
        case .themeCreated: return ThemeCreated(title: short)
        case .themeLinked: return ThemeLinked(theme: theme, number: n)
        case .themeUnlinked: return ThemeUnlinked(theme: theme, number: n)
        case .redactionAccepted, .redactionRejected:
            let length = s.contributions.isEmpty ? 1 : s.contributions[n - 1].text.unicodeScalars.count
            let start = step.b % max(1, length)
            let span = TextSpan(start: start, end: min(length, start + 1 + step.a))
            return kind == .redactionAccepted
                ? RedactionAccepted(number: n, span: span, label: .person, manual: step.a % 2 == 0)
                : RedactionRejected(number: n, span: span, label: .location, reason: "not identifying")
        case .confidentialityReminderGiven:
            return ConfidentialityReminderGiven(number: step.a % 2 == 0 ? n : nil, note: short)
        case .concernRaised:
            return ConcernRaised(
                contributions: s.contributions.isEmpty ? [] : [n], participant: code, room: 0,
                category: ConcernCategory.allCases[step.a % ConcernCategory.allCases.count],
                urgency: ConcernUrgency.allCases[step.b % 3], description: step.text)
        case .concernAcknowledged: return ConcernAcknowledged(concern: concern)
        case .concernActionTaken:
            let action = ConcernActionKind.allCases[step.a % ConcernActionKind.allCases.count]
            return ConcernActionTaken(
                concern: concern, action: action, to: "LADO", reference: "R\(step.b)", note: short)
        case .participantWithdrawn:
            let theirs = s.contributions.filter { $0.speaker == code && !$0.erased }.map(\.number)
            return ParticipantWithdrawn(code: code, requestedOn: "2026-05-02", erased: theirs)
        case .importRecorded: return ImportRecorded(format: "zoom-chat", fileName: short, added: step.a)
        case .exportRecorded: return ExportRecorded(format: "json", fileName: short)
        }
    }

    /// Plays `steps` after the opening: the events that applied (in order), the final state, and the
    /// kinds that applied.
    public static func play(_ steps: [Step]) -> (events: [SessionEvent], state: SessionState, applied: [EventKind]) {
        var events = opening()
        var state = try! SessionState.replay(events)
        var applied: [EventKind] = []
        for (i, step) in steps.enumerated() {
            let event = SessionEvent(at: t0.addingTimeInterval(Double(100 + i)), by: "Sam", payload(step, in: state))
            if (try? state.apply(event)) != nil {
                events.append(event)
                applied.append(event.body.kind)
            }
        }
        return (events, state, applied)
    }
}
