import Foundation

/// Limits that keep one bad paste from filling the journal.
public enum TextLimits {
    public static let contribution = 100_000
    public static let name = 200
    public static let description = 20_000
}

extension SessionState {
    /// Folds `events` in order; the first illegal one stops the fold with its error.
    public static func replay<S: Sequence>(_ events: S) throws -> SessionState where S.Element == SessionEvent {
        var state = SessionState()
        for event in events { try state.apply(event) }
        return state
    }

    /// The state after `event`, or the reason it is illegal.
    public func applying(_ event: SessionEvent) throws -> SessionState {
        var copy = self
        try copy.apply(event)
        return copy
    }

    /// Checks `event` against the session and folds it in. On error nothing changes.
    public mutating func apply(_ event: SessionEvent) throws {
        if event.payload is ErasedEvent {
            applyErased(event)
        } else {
            try fold(event)
        }
        eventCount += 1
        lastEventAt = event.at
    }

    // An erased event still holds its place: an erased contribution keeps its number.
    private mutating func applyErased(_ event: SessionEvent) {
        switch event.kind {
        case ContributionLogged.kind:
            contributions.append(Contribution(
                number: contributions.count + 1, loggedAt: event.at, occurredAt: event.at, loggedBy: event.by,
                source: .verbal, room: 0, speaker: nil, text: "", form: .verbatim, replyTo: [], alignsWith: nil,
                directMessage: false, guideSegment: nil, round: nil, attribution: .background, erased: true))
        case ThemeCreated.kind:
            themes.append(Theme(number: themes.count + 1, title: "", contributions: []))
        default:
            break
        }
    }

    private mutating func fold(_ event: SessionEvent) throws {
        let p = event.payload
        if let created = p as? SessionCreated {
            guard info == nil else { throw SessionError.sessionAlreadyCreated }
            try Self.requireText(created.title, field: "the title", limit: TextLimits.name)
            guard SessionDate.parse(created.date) != nil else { throw SessionError.invalidDate(created.date) }
            guard (0...365).contains(created.withdrawalDays) else { throw SessionError.invalidWithdrawalDays(created.withdrawalDays) }
            info = SessionInfo(sessionID: created.sessionID, title: created.title, study: created.study, strand: created.strand,
                               platform: created.platform, date: created.date, withdrawalDays: created.withdrawalDays,
                               createdAt: event.at, createdBy: event.by)
            return
        }
        guard info != nil else { throw SessionError.noSession }

        switch p {
        case is SessionClosed:
            try requireOpen()
            info?.closed = true
        case let e as RecordingToggled:
            info?.recording = e.recording
        case let e as ConsoleOpened:
            consoles.append(ProcessRecord(kind: "console-opened", detail: e.role.rawValue, at: event.at, by: event.by))

        case let e as FacilitatorAdded:
            try Self.requireText(e.name, field: "the facilitator's name", limit: TextLimits.name)
            guard facilitator(named: e.name) == nil else { throw SessionError.duplicateFacilitator(e.name) }
            facilitators.append(Facilitator(name: e.name, role: e.role))
        case let e as ParticipantAdded:
            guard ParticipantCode.isValid(e.code) else { throw SessionError.invalidParticipantCode(e.code) }
            guard participants[e.code] == nil else { throw SessionError.duplicateParticipant(e.code) }
            try Self.requireText(e.jobRole, field: "the job role", limit: TextLimits.name)
            participants[e.code] = Participant(code: e.code, jobRole: e.jobRole, organisationType: e.organisationType,
                                               strand: e.strand, attribution: e.attribution)
            participantOrder.append(e.code)
        case let e as RealNameRecorded:
            guard !linkageDestroyed else { throw SessionError.linkageDestroyed }
            _ = try requireParticipant(e.code)
            try Self.requireText(e.name, field: "the real name", limit: TextLimits.name)
            linkage[e.code] = e.name
        case let e as ConsentRecorded:
            _ = try requireParticipant(e.code)
            participants[e.code]?.consent = ConsentRecord(items: e.items, checkedBy: e.checkedBy, at: event.at)
        case let e as ConsentChecklistSet:
            guard !e.items.isEmpty else { throw SessionError.emptyText(field: "the consent checklist") }
            consentChecklist = e.items
        case let e as BlocklistNameAdded:
            guard !linkageDestroyed else { throw SessionError.linkageDestroyed }
            try Self.requireText(e.name, field: "the name", limit: TextLimits.name)
            if !blocklist.contains(where: { $0.caseInsensitiveCompare(e.name) == .orderedSame }) { blocklist.append(e.name) }
        case is LinkageDestroyed:
            linkage = [:]
            blocklist = []
            linkageDestroyed = true

        case let e as GroupCreated:
            try requireOpen()
            try Self.requireText(e.name, field: "the room name", limit: TextLimits.name)
            guard room(named: e.name) == nil else { throw SessionError.duplicateRoom(e.name) }
            rooms.append(Room(id: (rooms.map(\.id).max() ?? 0) + 1, name: e.name))
        case let e as GroupRenamed:
            let index = try roomIndex(e.room)
            guard e.room != 0 else { throw SessionError.cannotCloseMainRoom }
            try Self.requireText(e.name, field: "the room name", limit: TextLimits.name)
            if let other = room(named: e.name), other.id != e.room { throw SessionError.duplicateRoom(e.name) }
            rooms[index].name = e.name
        case let e as GroupClosed:
            let index = try roomIndex(e.room)
            guard e.room != 0 else { throw SessionError.cannotCloseMainRoom }
            rooms[index].closed = true
            // Whoever was in a closed room returns to the main room.
            for code in participantOrder where participants[code]?.room == e.room { participants[code]?.room = 0 }
        case let e as ParticipantAssigned:
            let person = try requireParticipant(e.code)
            guard !person.withdrawn else { throw SessionError.participantWithdrawn(e.code) }
            let index = try roomIndex(e.room)
            guard !rooms[index].closed else { throw SessionError.roomClosed(rooms[index].name) }
            participants[e.code]?.room = e.room

        case let e as RoundStarted:
            try requireOpen()
            guard currentRound == nil else { throw SessionError.roundAlreadyRunning }
            guard (1...240).contains(e.minutes) else { throw SessionError.invalidMinutes(e.minutes) }
            rounds.append(BreakoutRound(number: rounds.count + 1, minutes: e.minutes, prompt: e.prompt, startedAt: event.at))
        case is RoundEnded:
            guard currentRound != nil else { throw SessionError.noRoundRunning }
            rounds[rounds.count - 1].endedAt = event.at

        case let e as GuideSet:
            guard !e.segments.isEmpty else { throw SessionError.emptyText(field: "the discussion guide") }
            guide = DiscussionGuide(segments: e.segments, current: 0)
        case let e as GuideAdvanced:
            guard !guide.segments.isEmpty else { throw SessionError.noGuide }
            guard guide.segments.indices.contains(e.segment) else { throw SessionError.unknownGuideSegment(e.segment) }
            guide.current = e.segment

        case let e as ContributionLogged:
            try foldContribution(e, event: event)
        case let e as ContributionEdited:
            let i = try editableContribution(e.number)
            try Self.requireText(e.text, field: "the contribution", limit: TextLimits.contribution)
            contributions[i].history.append(Edit(previousText: contributions[i].text, at: event.at, by: event.by))
            contributions[i].text = e.text
            // Spans pointed into the old text; findings must be reviewed again.
            contributions[i].redactions = []
            contributions[i].rejections = []
        case let e as ContributionStruck:
            let i = try editableContribution(e.number)
            contributions[i].struck = true
            contributions[i].struckReason = e.reason
        case let e as AttributionSet:
            let i = try liveContribution(e.number)
            contributions[i].attribution = e.level

        case let e as CodebookSet:
            var seen = Set<String>()
            for code in e.codes {
                guard Self.isUsableCode(code.name) else { throw SessionError.invalidCode(code.name) }
                guard seen.insert(code.name.lowercased()).inserted else { throw SessionError.duplicateCode(code.name) }
            }
            let emergent = codebook.entries.filter { $0.emergent && !seen.contains($0.name.lowercased()) }
            codebook = Codebook(name: e.name, entries: e.codes.map { CodebookEntry(name: $0.name, description: $0.description, emergent: false) } + emergent)
        case let e as CodeTagged:
            let i = try liveContribution(e.number)
            guard Self.isUsableCode(e.code) else { throw SessionError.invalidCode(e.code) }
            let name: String
            if let known = codebook.canonical(e.code) { name = known } else {
                // A code outside the codebook becomes an emergent code, as coders expect.
                name = e.code.trimmingCharacters(in: .whitespaces)
                codebook.entries.append(CodebookEntry(name: name, description: nil, emergent: true))
            }
            if !contributions[i].codes.contains(name) { contributions[i].codes.append(name) }
        case let e as CodeUntagged:
            let i = try liveContribution(e.number)
            guard let index = contributions[i].codes.firstIndex(where: { $0.caseInsensitiveCompare(e.code) == .orderedSame }) else {
                throw SessionError.codeNotTagged(number: e.number, code: e.code)
            }
            contributions[i].codes.remove(at: index)

        case let e as ThemeCreated:
            try Self.requireText(e.title, field: "the theme", limit: TextLimits.name)
            themes.append(Theme(number: themes.count + 1, title: e.title, contributions: []))
        case let e as ThemeLinked:
            let t = try themeIndex(e.theme)
            _ = try liveContribution(e.number)
            if !themes[t].contributions.contains(e.number) { themes[t].contributions.append(e.number) }
        case let e as ThemeUnlinked:
            let t = try themeIndex(e.theme)
            themes[t].contributions.removeAll { $0 == e.number }

        case let e as RedactionAccepted:
            guard e.label.isIdentifier else { throw SessionError.notARedactionLabel(e.label.rawValue) }
            let i = try liveContribution(e.number)
            let text = contributions[i].text
            let covered = try Self.slice(text, e.span, number: e.number)
            let placeholder = placeholderFor(label: e.label, text: covered)
            contributions[i].redactions.removeAll { $0.span == e.span }
            contributions[i].redactions.append(Redaction(span: e.span, label: e.label, placeholder: placeholder, manual: e.manual))
            contributions[i].redactions.sort { $0.span.start < $1.span.start }
        case let e as RedactionRejected:
            let i = try liveContribution(e.number)
            _ = try Self.slice(contributions[i].text, e.span, number: e.number)
            try Self.requireText(e.reason, field: "the reason", limit: TextLimits.name)
            contributions[i].rejections.append(RejectedFinding(span: e.span, label: e.label, reason: e.reason))
        case let e as ConfidentialityReminderGiven:
            if let n = e.number { contributions[try liveContribution(n)].reminded = true }
            reminders.append(ConfidentialityReminder(contribution: e.number, note: e.note, at: event.at, by: event.by))

        case let e as ConcernRaised:
            try Self.requireText(e.description, field: "the concern's description", limit: TextLimits.description)
            for n in e.contributions { _ = try existingContribution(n) }
            if let code = e.participant { _ = try requireParticipant(code) }
            _ = try roomIndex(e.room)
            let number = register.concerns.count + 1
            register.concerns.append(SafeguardingConcern(
                number: number, raisedAt: event.at, raisedBy: event.by, room: e.room, contributions: e.contributions,
                participant: e.participant, category: e.category, urgency: e.urgency, description: e.description))
            for n in e.contributions { contributions[n - 1].concerns.append(number) }
        case let e as ConcernAcknowledged:
            let k = try concernIndex(e.concern)
            if register.concerns[k].acknowledgedBy == nil {
                register.concerns[k].acknowledgedBy = event.by
                register.concerns[k].acknowledgedAt = event.at
            }
        case let e as ConcernActionTaken:
            let k = try concernIndex(e.concern)
            guard !register.concerns[k].isClosed else { throw SessionError.concernClosed(e.concern) }
            if e.action == .referred, (e.to ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw SessionError.referralNeedsBody }
            try Self.requireText(e.note, field: "the note", limit: TextLimits.description)
            register.concerns[k].actions.append(ConcernAction(kind: e.action, to: e.to, reference: e.reference, note: e.note, at: event.at, by: event.by))

        case let e as ParticipantWithdrawn:
            let person = try requireParticipant(e.code)
            guard !person.withdrawn else { throw SessionError.nothingToWithdraw(e.code) }
            participants[e.code]?.withdrawn = true
            participants[e.code]?.room = 0
            linkage[e.code] = nil
            for n in e.erased { try eraseContribution(n) }
            withdrawals.append(WithdrawalRecord(code: e.code, requestedOn: e.requestedOn, at: event.at, by: event.by,
                                                erased: e.erased, keptWhiteboard: e.keptWhiteboard,
                                                chainForReview: e.chainForReview, overrideReason: e.overrideReason))
        case let e as ImportRecorded:
            imports.append(ProcessRecord(kind: e.format, detail: "\(e.fileName): \(e.added) added", at: event.at, by: event.by))
        case let e as ExportRecorded:
            exports.append(ProcessRecord(kind: e.format, detail: e.fileName, at: event.at, by: event.by))
        default:
            throw SessionError.unknownEventKind(event.kind)
        }
    }

    private mutating func foldContribution(_ e: ContributionLogged, event: SessionEvent) throws {
        try requireOpen()
        try Self.requireText(e.text, field: "the contribution", limit: TextLimits.contribution)
        let roomIdx = try roomIndex(e.room)
        guard !rooms[roomIdx].closed else { throw SessionError.roomClosed(rooms[roomIdx].name) }
        var attribution = AttributionLevel.anonymous
        if let code = e.speaker {
            if e.source == .whiteboard { throw SessionError.speakerOnWhiteboard }
            let person = try requireParticipant(code)
            guard !person.withdrawn else { throw SessionError.participantWithdrawn(code) }
            if e.source == .facilitator { throw SessionError.facilitatorSourceWithParticipant(code) }
            attribution = person.attribution == .role ? .role : .anonymous
        }
        let number = contributions.count + 1
        for n in e.replyTo where n < 1 || n >= number { throw SessionError.replyToSelfOrFuture(n) }
        if let a = e.alignsWith, a < 1 || a >= number { throw SessionError.replyToSelfOrFuture(a) }
        contributions.append(Contribution(
            number: number, loggedAt: event.at, occurredAt: e.occurredAt ?? event.at, loggedBy: event.by,
            source: e.source, room: e.room, speaker: e.speaker, text: e.text, form: e.form, replyTo: e.replyTo,
            alignsWith: e.alignsWith, directMessage: e.directMessage ?? false, guideSegment: guide.current,
            round: currentRound?.number, attribution: attribution))
    }

    private mutating func eraseContribution(_ number: Int) throws {
        let i = try existingContribution(number)
        let keep = contributions[i]
        contributions[i] = Contribution(
            number: number, loggedAt: keep.loggedAt, occurredAt: keep.occurredAt, loggedBy: keep.loggedBy,
            source: keep.source, room: keep.room, speaker: nil, text: "", form: keep.form, replyTo: [], alignsWith: nil,
            directMessage: false, guideSegment: keep.guideSegment, round: keep.round, attribution: .background,
            concerns: keep.concerns, erased: true)
        for t in themes.indices { themes[t].contributions.removeAll { $0 == number } }
    }

    // Placeholders are numbered per label across the session, so `[PERSON 1]`
    // is the same person wherever they are mentioned.
    private mutating func placeholderFor(label: IdentifierLabel, text: String) -> String {
        let key = Self.placeholderKey(label: label, text: text)
        let number: Int
        if let known = placeholderNumbers[key] { number = known } else {
            number = (placeholderCounters[label.rawValue] ?? 0) + 1
            placeholderCounters[label.rawValue] = number
            placeholderNumbers[key] = number
        }
        return "[\(label.placeholderWord) \(number)]"
    }

    // MARK: Checks

    private func requireOpen() throws {
        if info?.closed == true { throw SessionError.sessionClosed }
    }

    private func requireParticipant(_ code: String) throws -> Participant {
        guard let person = participants[code] else { throw SessionError.unknownParticipant(code) }
        return person
    }

    private func roomIndex(_ id: RoomID) throws -> Int {
        guard let i = rooms.firstIndex(where: { $0.id == id }) else { throw SessionError.unknownRoom("#\(id)") }
        return i
    }

    private func existingContribution(_ number: Int) throws -> Int {
        guard number >= 1 && number <= contributions.count else { throw SessionError.unknownContribution(number) }
        return number - 1
    }

    private func liveContribution(_ number: Int) throws -> Int {
        let i = try existingContribution(number)
        guard !contributions[i].erased else { throw SessionError.contributionErased(number) }
        return i
    }

    private func editableContribution(_ number: Int) throws -> Int {
        let i = try liveContribution(number)
        guard !contributions[i].struck else { throw SessionError.contributionStruck(number) }
        return i
    }

    private func themeIndex(_ number: Int) throws -> Int {
        guard number >= 1 && number <= themes.count else { throw SessionError.unknownTheme(number) }
        return number - 1
    }

    private func concernIndex(_ number: Int) throws -> Int {
        guard number >= 1 && number <= register.concerns.count else { throw SessionError.unknownConcern(number) }
        return number - 1
    }

    static func requireText(_ text: String, field: String, limit: Int) throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw SessionError.emptyText(field: field) }
        if text.unicodeScalars.count > limit { throw SessionError.textTooLong(field: field, limit: limit) }
    }

    static func isUsableCode(_ code: String) -> Bool {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.count <= 120 && !trimmed.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The text under `span`, or `invalidSpan` when it does not fit.
    public static func slice(_ text: String, _ span: TextSpan, number: Int) throws -> String {
        let scalars = text.unicodeScalars
        guard span.start >= 0, span.start < span.end, span.end <= scalars.count else {
            throw SessionError.invalidSpan(number: number, start: span.start, end: span.end)
        }
        let a = scalars.index(scalars.startIndex, offsetBy: span.start)
        let b = scalars.index(a, offsetBy: span.end - span.start)
        return String(scalars[a..<b])
    }
}

public enum ParticipantCode {
    /// Letters then digits, upper case, like P01 or FG2P07.
    public static func isValid(_ code: String) -> Bool {
        guard (2...12).contains(code.count), let first = code.unicodeScalars.first, let last = code.unicodeScalars.last else { return false }
        return ("A"..."Z").contains(first) && ("0"..."9").contains(last)
            && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
