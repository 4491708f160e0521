import Foundation

// The fold for contributions, coding and themes.
extension SessionState {
    mutating func fold(_ e: ContributionLogged, _ event: SessionEvent) throws {
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

    mutating func fold(_ e: ContributionEdited, _ event: SessionEvent) throws {
        let i = try editableContribution(e.number)
        try Self.requireText(e.text, field: "the contribution", limit: TextLimits.contribution)
        contributions[i].history.append(Edit(previousText: contributions[i].text, at: event.at, by: event.by))
        contributions[i].text = e.text
        // Spans pointed into the old text; findings must be reviewed again.
        contributions[i].redactions = []
        contributions[i].rejections = []
    }

    mutating func fold(_ e: ContributionStruck, _ event: SessionEvent) throws {
        let i = try editableContribution(e.number)
        contributions[i].struck = true
        contributions[i].struckReason = e.reason
    }

    mutating func fold(_ e: AttributionSet, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        contributions[i].attribution = e.level
    }

    /// Who spoke a range, set afterwards. Only spoken contributions take it;
    /// erased ones are passed over (a later withdrawal must not stop a replay).
    mutating func fold(_ e: SpeakerSet, _ event: SessionEvent) throws {
        guard e.first >= 1, e.first <= e.last else { throw SessionError.invalidRange(first: e.first, last: e.last) }
        _ = try existingContribution(e.last)
        var attribution = AttributionLevel.anonymous
        if let code = e.speaker {
            let person = try requireParticipant(code)
            guard !person.withdrawn else { throw SessionError.participantWithdrawn(code) }
            if e.facilitator == true { throw SessionError.facilitatorSourceWithParticipant(code) }
            attribution = person.attribution == .role ? .role : .anonymous
        }
        let range = (e.first - 1)...(e.last - 1)
        for i in range where !contributions[i].erased {
            guard contributions[i].source == .verbal || contributions[i].source == .facilitator else {
                throw SessionError.notSpoken(i + 1)
            }
        }
        let source: ContributionSource = e.facilitator == true ? .facilitator : .verbal
        for i in range where !contributions[i].erased {
            if contributions[i].speaker != e.speaker || contributions[i].source != source {
                contributions[i].attribution = attribution
            }
            contributions[i].speaker = e.speaker
            contributions[i].source = source
        }
    }

    mutating func fold(_ e: CodebookSet, _ event: SessionEvent) throws {
        var seen = Set<String>()
        for code in e.codes {
            guard Self.isUsableCode(code.name) else { throw SessionError.invalidCode(code.name) }
            guard seen.insert(code.name.lowercased()).inserted else { throw SessionError.duplicateCode(code.name) }
        }
        let emergent = codebook.entries.filter { $0.emergent && !seen.contains($0.name.lowercased()) }
        codebook = Codebook(name: e.name, entries: e.codes.map {
            CodebookEntry(name: $0.name, description: $0.description, emergent: false)
        } + emergent)
    }

    mutating func fold(_ e: CodeTagged, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        guard Self.isUsableCode(e.code) else { throw SessionError.invalidCode(e.code) }
        let name: String
        if let known = codebook.canonical(e.code) { name = known } else {
            // A code outside the codebook becomes an emergent code, as coders expect.
            name = e.code.trimmingCharacters(in: .whitespaces)
            codebook.entries.append(CodebookEntry(name: name, description: nil, emergent: true))
        }
        if !contributions[i].codes.contains(name) { contributions[i].codes.append(name) }
    }

    mutating func fold(_ e: CodeUntagged, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        guard let index = contributions[i].codes.firstIndex(where: {
            $0.caseInsensitiveCompare(e.code) == .orderedSame
        }) else {
            throw SessionError.codeNotTagged(number: e.number, code: e.code)
        }
        contributions[i].codes.remove(at: index)
    }

    mutating func fold(_ e: ThemeCreated, _ event: SessionEvent) throws {
        try Self.requireText(e.title, field: "the theme", limit: TextLimits.name)
        themes.append(Theme(number: themes.count + 1, title: e.title, contributions: []))
    }

    mutating func fold(_ e: ThemeLinked, _ event: SessionEvent) throws {
        let t = try themeIndex(e.theme)
        _ = try liveContribution(e.number)
        if !themes[t].contributions.contains(e.number) { themes[t].contributions.append(e.number) }
    }

    mutating func fold(_ e: ThemeUnlinked, _ event: SessionEvent) throws {
        let t = try themeIndex(e.theme)
        themes[t].contributions.removeAll { $0 == e.number }
    }
}
