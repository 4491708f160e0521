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
        try fold(event)
        eventCount += 1
        lastEventAt = event.at
    }

    // One arm per kind; the compiler refuses a kind without one. Each arm validates
    // first, then changes state, in the file of its area: Fold+People, Fold+Rooms,
    // Fold+Contributions, Fold+Privacy, Fold+Safeguarding, Fold+DataProtection.
    private mutating func fold(_ event: SessionEvent) throws {
        switch event.body {
        case .erased(let kind): foldErased(kind, event)
        case .sessionCreated(let e): try fold(e, event)
        default: guard info != nil else { throw SessionError.noSession }
        }
        switch event.body {
        case .erased, .sessionCreated: break
        // The session itself
        case .sessionClosed:
            try requireOpen()
            info?.closed = true
        case .recordingToggled(let e): info?.recording = e.recording
        case .consoleOpened(let e):
            consoles.append(ProcessRecord(kind: "console-opened", detail: e.role.rawValue, at: event.at, by: event.by))
        // People
        case .facilitatorAdded(let e): try fold(e, event)
        case .participantAdded(let e): try fold(e, event)
        case .participantUpdated(let e): try fold(e, event)
        case .consentRecorded(let e): try fold(e, event)
        case .consentChecklistSet(let e): try fold(e, event)
        // Rooms and rounds
        case .groupCreated(let e): try fold(e, event)
        case .groupRenamed(let e): try fold(e, event)
        case .groupClosed(let e): try fold(e, event)
        case .participantAssigned(let e): try fold(e, event)
        case .roundStarted(let e): try fold(e, event)
        case .roundEnded(let e): try fold(e, event)
        case .guideSet(let e): try fold(e, event)
        case .guideAdvanced(let e): try fold(e, event)
        // Contributions, coding and themes
        case .contributionLogged(let e): try fold(e, event)
        case .contributionEdited(let e): try fold(e, event)
        case .contributionStruck(let e): try fold(e, event)
        case .contributionRestored(let e): try fold(e, event)
        case .attributionSet(let e): try fold(e, event)
        case .speakerSet(let e): try fold(e, event)
        case .codebookSet(let e): try fold(e, event)
        case .codeTagged(let e): try fold(e, event)
        case .codeUntagged(let e): try fold(e, event)
        case .themeCreated(let e): try fold(e, event)
        case .themeLinked(let e): try fold(e, event)
        case .themeUnlinked(let e): try fold(e, event)
        // Privacy
        case .realNameRecorded(let e): try fold(e, event)
        case .blocklistNameAdded(let e): try fold(e, event)
        case .redactionAccepted(let e): try fold(e, event)
        case .redactionRejected(let e): try fold(e, event)
        case .confidentialityReminderGiven(let e): try fold(e, event)
        // Safeguarding
        case .concernRaised(let e): try fold(e, event)
        case .concernAcknowledged(let e): try fold(e, event)
        case .concernActionTaken(let e): try fold(e, event)
        // Data protection and the process record
        case .participantWithdrawn(let e): try fold(e, event)
        case .linkageDestroyed(let e): try fold(e, event)
        case .importRecorded(let e): try fold(e, event)
        case .exportRecorded(let e): try fold(e, event)
        }
    }

    private mutating func fold(_ created: SessionCreated, _ event: SessionEvent) throws {
        guard info == nil else { throw SessionError.sessionAlreadyCreated }
        try Self.requireText(created.title, field: "the title", limit: TextLimits.name)
        guard SessionDate.parse(created.date) != nil else { throw SessionError.invalidDate(created.date) }
        guard (0...365).contains(created.withdrawalDays) else {
            throw SessionError.invalidWithdrawalDays(created.withdrawalDays)
        }
        info = SessionInfo(
            sessionID: created.sessionID, title: created.title, study: created.study,
            strand: created.strand, platform: created.platform, date: created.date,
            withdrawalDays: created.withdrawalDays, createdAt: event.at, createdBy: event.by)
    }

    // An erased event still holds its place: an erased contribution keeps its number,
    // an erased theme its number. Nothing else an erased event carried remains.
    private mutating func foldErased(_ kind: EventKind, _ event: SessionEvent) {
        switch kind {
        case .contributionLogged:
            contributions.append(
                Contribution(
                    number: contributions.count + 1, loggedAt: event.at, occurredAt: event.at, loggedBy: event.by,
                    source: .verbal, room: 0, speaker: nil, text: "", form: .verbatim, replyTo: [], alignsWith: nil,
                    directMessage: false, guideSegment: nil, round: nil, attribution: .background, erased: true))
        case .themeCreated:
            themes.append(Theme(number: themes.count + 1, title: "", contributions: []))
        case .sessionCreated, .sessionClosed, .recordingToggled, .consoleOpened, .facilitatorAdded,
            .participantAdded, .participantUpdated, .realNameRecorded, .consentRecorded, .consentChecklistSet,
            .blocklistNameAdded,
            .linkageDestroyed, .groupCreated, .groupRenamed, .groupClosed, .participantAssigned,
            .roundStarted, .roundEnded, .guideSet, .guideAdvanced, .contributionEdited,
            .contributionStruck, .contributionRestored, .attributionSet, .speakerSet, .codebookSet, .codeTagged,
            .codeUntagged,
            .themeLinked, .themeUnlinked, .redactionAccepted, .redactionRejected,
            .confidentialityReminderGiven, .concernRaised, .concernAcknowledged, .concernActionTaken,
            .participantWithdrawn, .importRecorded, .exportRecorded:
            break
        }
    }

    mutating func eraseContribution(_ number: Int) throws {
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
    // A number recorded in the event is kept when no other text holds it: erased
    // redactions (a withdrawal) then leave gaps instead of renumbering the rest.
    mutating func placeholderFor(label: IdentifierLabel, text: String, recorded: Int?) -> String {
        let key = Self.placeholderKey(label: label, text: text)
        let number: Int
        if let known = placeholderNumbers[key] {
            number = known
        } else {
            var taken = placeholderTaken ?? []
            if let literal = Self.literalPlaceholder(text, label: label) {
                // A name an erasure replaced by its placeholder keeps that number (the text was
                // rewritten in place, so it must fold to the same numbering as before).
                number = literal
            } else if let recorded, recorded > 0, !taken.contains(Self.placeholderSlot(label, recorded)) {
                number = recorded
            } else {
                var next = (placeholderCounters[label.rawValue] ?? 0) + 1
                while taken.contains(Self.placeholderSlot(label, next)) { next += 1 }
                number = next
            }
            placeholderCounters[label.rawValue] = max(number, placeholderCounters[label.rawValue] ?? 0)
            placeholderNumbers[key] = number
            taken.insert(Self.placeholderSlot(label, number))
            placeholderTaken = taken
        }
        return "[\(label.placeholderWord) \(number)]"
    }

    /// `N` when `text` is exactly `[WORD N]` for `label`.
    static func literalPlaceholder(_ text: String, label: IdentifierLabel) -> Int? {
        let prefix = "[\(label.placeholderWord) "
        guard text.hasPrefix(prefix), text.hasSuffix("]") else { return nil }
        let digits = text.dropFirst(prefix.count).dropLast()
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    // MARK: Checks

    func requireOpen() throws {
        if info?.closed == true { throw SessionError.sessionClosed }
    }

    func requireParticipant(_ code: String) throws -> Participant {
        guard let person = participants[code] else { throw SessionError.unknownParticipant(code) }
        return person
    }

    func roomIndex(_ id: RoomID) throws -> Int {
        guard let i = rooms.firstIndex(where: { $0.id == id }) else { throw SessionError.unknownRoom("#\(id)") }
        return i
    }

    func existingContribution(_ number: Int) throws -> Int {
        guard number >= 1 && number <= contributions.count else { throw SessionError.unknownContribution(number) }
        return number - 1
    }

    func liveContribution(_ number: Int) throws -> Int {
        let i = try existingContribution(number)
        guard !contributions[i].erased else { throw SessionError.contributionErased(number) }
        return i
    }

    func editableContribution(_ number: Int) throws -> Int {
        let i = try liveContribution(number)
        guard !contributions[i].struck else { throw SessionError.contributionStruck(number) }
        return i
    }

    func themeIndex(_ number: Int) throws -> Int {
        guard number >= 1 && number <= themes.count else { throw SessionError.unknownTheme(number) }
        return number - 1
    }

    func concernIndex(_ number: Int) throws -> Int {
        guard number >= 1 && number <= register.concerns.count else { throw SessionError.unknownConcern(number) }
        return number - 1
    }

    static func requireText(_ text: String, field: String, limit: Int) throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw SessionError.emptyText(field: field) }
        if text.unicodeScalars.count > limit { throw SessionError.textTooLong(field: field, limit: limit) }
    }

    /// Whether a code name can be used: not empty, at most 120 characters, no control characters.
    public static func isUsableCode(_ code: String) -> Bool {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.count <= 120
            && !trimmed.unicodeScalars.contains { $0.properties.generalCategory == .control }
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
        guard (2...12).contains(code.count), let first = code.unicodeScalars.first, let last = code.unicodeScalars.last
        else { return false }
        return ("A"..."Z").contains(first) && ("0"..."9").contains(last)
            && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
