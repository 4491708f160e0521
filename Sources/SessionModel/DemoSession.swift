import Foundation

/// A synthetic focus group (invented people only) for `convene demo`, the
/// golden-file tests and the benchmarks. Deterministic for a given start time.
public enum DemoSession {
    public static let sessionID = UUID(uuidString: "6f1c2b9e-3d4a-4e5f-8a7b-9c0d1e2f3a4b")!
    public static let defaultStart = Date(timeIntervalSince1970: 1_778_752_800) // 2026-05-14 10:00 UTC

    /// The events of the demo, each with its offset in seconds from `start`.
    /// `date` is the session's date (`YYYY-MM-DD`); the events' times come from `events(start:)`.
    public static func script(date: String = "2026-05-14") -> [(seconds: Int, by: String, payload: any EventPayload)] {
        let lead = "Sam Lead"
        let notes1 = "Ira Notes"
        let notes2 = "Jo Notes"
        let sg = "Kit Safeguard"
        var s: [(Int, String, any EventPayload)] = []
        var t = 0
        func add(_ by: String, _ p: any EventPayload, after seconds: Int = 20) {
            t += seconds
            s.append((t, by, p))
        }
        add(
            lead,
            SessionCreated(
                sessionID: sessionID, title: "Hybrid child protection conferences — focus group 2",
                study: "Hybrid CPC scoping study", strand: "practice", platform: .teams,
                date: date, withdrawalDays: 14), after: 0)
        add(lead, FacilitatorAdded(name: lead, role: .lead))
        add(lead, FacilitatorAdded(name: notes1, role: .notetaker))
        add(lead, FacilitatorAdded(name: notes2, role: .notetaker))
        add(lead, FacilitatorAdded(name: sg, role: .safeguarding))
        add(lead, CodebookSet(name: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples))
        add(
            lead,
            GuideSet(segments: [
                GuideSegment(
                    title: "Welcome and ground rules", prompts: ["Chatham House Rule", "Withdrawal window"], minutes: 10
                ),
                GuideSegment(
                    title: "Advantages of hybrid conferences", prompts: ["What works well for families?"], minutes: 25),
                GuideSegment(
                    title: "Disadvantages and risks", prompts: ["Who is left out when some join online?"], minutes: 25),
                GuideSegment(title: "Principles and recommendations", prompts: ["What would you change?"], minutes: 30),
            ]))
        let people: [(String, String, OrganisationType, AttributionPreference, String)] = [
            ("P01", "Conference chair", .localAuthority, .role, "Avery Quinlan"),
            ("P02", "Children's social worker", .localAuthority, .role, "Morgan Ellery"),
            ("P03", "Principal Social Worker", .localAuthority, .noRole, "Rowan Pellow"),
            ("P04", "Health visitor", .health, .role, "Devon Marchetti"),
            ("P05", "Police child protection officer", .police, .role, "Casey Ambrose"),
            ("P06", "School designated safeguarding lead", .education, .role, "Jordan Thistlewood"),
        ]
        for (code, role, org, attribution, name) in people {
            add(
                lead,
                ParticipantAdded(
                    code: code, jobRole: role, organisationType: org, strand: "practice", attribution: attribution),
                after: 5)
            add(lead, RealNameRecorded(code: code, name: name), after: 1)
        }
        add(lead, BlocklistNameAdded(name: "Tyler Brennan"))
        for (code, _, _, _, _) in people {
            add(lead, ConsentRecorded(code: code, items: ConsentChecklist.defaultItems, checkedBy: lead), after: 15)
        }
        add(lead, RecordingToggled(recording: true))
        add(
            lead,
            ContributionLogged(
                source: .facilitator, text: "Reminder: Chatham House Rule applies; you may withdraw within two weeks."))
        add(lead, GroupCreated(name: "Room A"), after: 5)
        add(lead, GroupCreated(name: "Room B"), after: 5)
        for code in ["P01", "P02", "P03"] { add(lead, ParticipantAssigned(code: code, room: 1), after: 2) }
        for code in ["P04", "P05", "P06"] { add(lead, ParticipantAssigned(code: code, room: 2), after: 2) }
        add(lead, GuideAdvanced(segment: 1))
        add(lead, RoundStarted(minutes: 20, prompt: "What works well in hybrid conferences?"))
        let roomA: [(String?, ContributionSource, String, [Int])] = [
            (
                "P01", .verbal,
                "Families tell us joining from home feels less intimidating than a big table of professionals.", []
            ),
            ("P02", .verbal, "Parents can attend without losing a day's pay, so attendance has gone up.", []),
            ("P03", .verbal, "As the PSW I see the quality of multi-agency information has stayed steady online.", []),
            ("P02", .chat, "Agree with the chair — attendance is better, especially for dads.", [2]),
            (
                "P01", .verbal,
                "But last month a mum called Shannon Okafor joined from her car outside St Mary's Primary and could not speak freely.",
                []
            ),
            (nil, .whiteboard, "Less travel, more parents attend", []),
            (nil, .whiteboard, "Tech poverty: not every family has data", []),
            ("P03", .verbal, "Young people rarely join at all; we should ask them how they want to take part.", []),
        ]
        for (speaker, source, text, replies) in roomA {
            add(
                notes1, ContributionLogged(source: source, room: 1, speaker: speaker, text: text, replyTo: replies),
                after: 45)
        }
        let roomB: [(String?, ContributionSource, String)] = [
            ("P04", .verbal, "Health often joins by phone and misses the visual cues in the room."),
            ("P05", .verbal, "Police can dial in between jobs, which helps us attend more conferences."),
            ("P06", .chat, "Schools find the hybrid model easier in term time."),
            ("P04", .verbal, "A 14-year-old girl at Oakfield Academy told me she was never asked what she thought."),
            (nil, .whiteboard, "Voice of the child gets lost online"),
            ("P05", .verbal, "Sometimes the chair forgets who is online and skips us."),
        ]
        for (speaker, source, text) in roomB {
            add(notes2, ContributionLogged(source: source, room: 2, speaker: speaker, text: text), after: 40)
        }
        add(
            notes2,
            ConcernRaised(
                contributions: [13], participant: "P04", room: 2, category: .riskToChildOrYoungPerson,
                urgency: .sameDay,
                description: "Child named by school may be at risk; check whether already referred."), after: 10)
        add(sg, ConcernAcknowledged(concern: 1), after: 30)
        add(notes1, RedactionAccepted(number: 6, span: TextSpan(start: 28, end: 42), label: .person), after: 15)
        add(
            notes1, RedactionAccepted(number: 6, span: TextSpan(start: 71, end: 88), label: .organisationLocal),
            after: 5)
        add(lead, ConfidentialityReminderGiven(number: 6, note: "Room A reminded not to name families."), after: 10)
        add(lead, RoundEnded(), after: 60)
        for code in ["P01", "P02", "P03", "P04", "P05", "P06"] {
            add(lead, ParticipantAssigned(code: code, room: 0), after: 1)
        }
        add(lead, GuideAdvanced(segment: 3), after: 30)
        let plenary: [(String?, ContributionSource, String, [Int])] = [
            ("P01", .verbal, "Chairs need a checklist to bring online attendees in by name at each stage.", []),
            (
                "P06", .verbal,
                "Agree — and a private way for a young person to tell us they are not alone in the room.", [16]
            ),
            ("P02", .chat, "+1 to a separate space to speak to the chair before the conference.", []),
            (nil, .facilitator, "Summary: the group sees hybrid as here to stay, with safeguards for voice.", []),
            ("P05", .verbal, "Police would like the minutes sent the same day when we join remotely.", []),
        ]
        for (speaker, source, text, replies) in plenary {
            add(
                notes1,
                ContributionLogged(
                    source: source, room: 0, speaker: speaker, text: text,
                    form: source == .verbal ? .summary : .verbatim, replyTo: replies), after: 50)
        }
        add(lead, ThemeCreated(title: "Attendance and access improve"), after: 20)
        add(lead, ThemeCreated(title: "The voice of the child gets lost online"), after: 5)
        add(lead, ThemeCreated(title: "Chairs must include remote attendees"), after: 5)
        for n in [3, 5, 7, 11, 12] { add(lead, ThemeLinked(theme: 1, number: n), after: 3) }
        for n in [9, 13, 14, 17] { add(lead, ThemeLinked(theme: 2, number: n), after: 3) }
        for n in [10, 15, 16, 18] { add(lead, ThemeLinked(theme: 3, number: n), after: 3) }
        let tags: [(Int, Int)] = [(2, 3), (3, 3), (5, 3), (9, 2), (13, 2), (14, 2), (17, 1), (18, 8), (8, 4), (4, 7)]
        for (n, pp) in tags {
            add(notes1, CodeTagged(number: n, code: BuiltInCodebook.practicePrinciples[pp - 1].name), after: 4)
        }
        add(notes1, CodeTagged(number: 10, code: "Digital exclusion"), after: 4)
        add(notes1, CodeTagged(number: 8, code: "Digital exclusion"), after: 4)
        add(lead, AttributionSet(number: 4, level: .anonymous), after: 4)
        add(lead, ContributionStruck(number: 15, reason: "Said off the record"), after: 4)
        return s.map { (seconds: $0.0, by: $0.1, payload: $0.2) }
    }

    /// The demo as events with fixed ids, so the same start gives the same session.
    /// The session is dated with the (UTC) day of `start`, so its events carry its date.
    public static func events(start: Date = defaultStart) -> [SessionEvent] {
        script(date: SessionDate.format(start)).enumerated().map { index, step in
            let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012x", index + 1))!
            return SessionEvent(
                id: id, at: start.addingTimeInterval(TimeInterval(step.seconds)), by: step.by, step.payload)
        }
    }
}
