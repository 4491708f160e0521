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
        contributions.append(
            Contribution(
                number: number, loggedAt: event.at, occurredAt: e.occurredAt ?? event.at, loggedBy: event.by,
                source: e.source, room: e.room, speaker: e.speaker, text: e.text, form: e.form, replyTo: e.replyTo,
                alignsWith: e.alignsWith, directMessage: e.directMessage ?? false, guideSegment: guide.current,
                round: currentRound?.number, attribution: attribution))
    }

    mutating func fold(_ e: ContributionEdited, _ event: SessionEvent) throws {
        let i = try editableContribution(e.number)
        try Self.requireText(e.text, field: "the contribution", limit: TextLimits.contribution)
        contributions[i].history.append(Edit(previousText: contributions[i].text, at: event.at, by: event.by))
        // Redactions and rejections whose surrounding text is unchanged survive the
        // edit (shifted when the change is before them); those the edit touched go
        // back to review.
        let shift = TextSpan.editShift(from: contributions[i].text, to: e.text)
        contributions[i].text = e.text
        contributions[i].redactions = contributions[i].redactions.compactMap { r in
            shift(r.span).map {
                var r = r
                r.span = $0
                return r
            }
        }
        contributions[i].rejections = contributions[i].rejections.compactMap { r in
            shift(r.span).map {
                var r = r
                r.span = $0
                return r
            }
        }
    }

    mutating func fold(_ e: ContributionStruck, _ event: SessionEvent) throws {
        let i = try editableContribution(e.number)
        contributions[i].struck = true
        contributions[i].struckReason = e.reason
    }

    mutating func fold(_ e: ContributionRestored, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        guard contributions[i].struck else { throw SessionError.contributionNotStruck(e.number) }
        contributions[i].struck = false
        contributions[i].struckReason = nil
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
        codebook = Codebook(
            name: e.name,
            entries: e.codes.map {
                CodebookEntry(name: $0.name, description: $0.description, emergent: false)
            } + emergent)
    }

    mutating func fold(_ e: CodeTagged, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        guard Self.isUsableCode(e.code) else { throw SessionError.invalidCode(e.code) }
        let name: String
        if let known = codebook.canonical(e.code) {
            name = known
        } else {
            // A code outside the codebook becomes an emergent code, as coders expect.
            name = e.code.trimmingCharacters(in: .whitespaces)
            codebook.entries.append(CodebookEntry(name: name, description: nil, emergent: true))
        }
        if !contributions[i].codes.contains(name) { contributions[i].codes.append(name) }
    }

    mutating func fold(_ e: CodeUntagged, _ event: SessionEvent) throws {
        let i = try liveContribution(e.number)
        guard
            let index = contributions[i].codes.firstIndex(where: {
                $0.caseInsensitiveCompare(e.code) == .orderedSame
            })
        else {
            throw SessionError.codeNotTagged(number: e.number, code: e.code)
        }
        let removed = contributions[i].codes.remove(at: index)
        // An emergent code lives only while something is tagged with it.
        if let k = codebook.entries.firstIndex(where: { $0.emergent && $0.name == removed }),
            !contributions.contains(where: { $0.codes.contains(removed) })
        {
            codebook.entries.remove(at: k)
        }
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

extension TextSpan {
    /// Maps spans of `old` onto `new` for an edit: a span wholly before the changed
    /// region keeps its offsets, one wholly after it moves by the change in length,
    /// one the change overlaps (or touches inside a word) maps to nil.
    static func editShift(from old: String, to new: String) -> (TextSpan) -> TextSpan? {
        let a = Array(old.unicodeScalars)
        let b = Array(new.unicodeScalars)
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
        {
            suffix += 1
        }
        let changedEnd = a.count - suffix
        let delta = b.count - a.count
        // A change right against a span counts as touching it unless a word boundary separates them.
        func boundary(_ i: Int) -> Bool {
            i < 0 || i >= b.count || !(b[i].properties.isAlphabetic || b[i].properties.numericType != nil)
        }
        return { span in
            if span.end < prefix || (span.end == prefix && boundary(span.end)) { return span }
            let moved = TextSpan(start: span.start + delta, end: span.end + delta)
            if span.start > changedEnd || (span.start == changedEnd && boundary(moved.start - 1)) { return moved }
            return nil
        }
    }
}
