import Foundation

// The fold for rooms, breakout rounds and the discussion guide.
extension SessionState {
    mutating func fold(_ e: GroupCreated, _ event: SessionEvent) throws {
        try requireOpen()
        try Self.requireText(e.name, field: "the room name", limit: TextLimits.name)
        guard room(named: e.name) == nil else { throw SessionError.duplicateRoom(e.name) }
        rooms.append(Room(id: (rooms.map(\.id).max() ?? 0) + 1, name: e.name))
    }

    mutating func fold(_ e: GroupRenamed, _ event: SessionEvent) throws {
        let index = try roomIndex(e.room)
        guard e.room != 0 else { throw SessionError.cannotCloseMainRoom }
        try Self.requireText(e.name, field: "the room name", limit: TextLimits.name)
        if let other = room(named: e.name), other.id != e.room { throw SessionError.duplicateRoom(e.name) }
        rooms[index].name = e.name
    }

    mutating func fold(_ e: GroupClosed, _ event: SessionEvent) throws {
        let index = try roomIndex(e.room)
        guard e.room != 0 else { throw SessionError.cannotCloseMainRoom }
        rooms[index].closed = true
        // Whoever was in a closed room returns to the main room.
        for code in participantOrder where participants[code]?.room == e.room { participants[code]?.room = 0 }
    }

    mutating func fold(_ e: ParticipantAssigned, _ event: SessionEvent) throws {
        let person = try requireParticipant(e.code)
        guard !person.withdrawn else { throw SessionError.participantWithdrawn(e.code) }
        let index = try roomIndex(e.room)
        guard !rooms[index].closed else { throw SessionError.roomClosed(rooms[index].name) }
        participants[e.code]?.room = e.room
    }

    mutating func fold(_ e: RoundStarted, _ event: SessionEvent) throws {
        try requireOpen()
        guard currentRound == nil else { throw SessionError.roundAlreadyRunning }
        guard (1...240).contains(e.minutes) else { throw SessionError.invalidMinutes(e.minutes) }
        rounds.append(
            BreakoutRound(
                number: rounds.count + 1, minutes: e.minutes, prompt: e.prompt,
                startedAt: event.at))
    }

    mutating func fold(_ e: RoundEnded, _ event: SessionEvent) throws {
        guard currentRound != nil else { throw SessionError.noRoundRunning }
        rounds[rounds.count - 1].endedAt = event.at
    }

    mutating func fold(_ e: GuideSet, _ event: SessionEvent) throws {
        guard !e.segments.isEmpty else { throw SessionError.emptyText(field: "the discussion guide") }
        guide = DiscussionGuide(segments: e.segments, current: 0)
    }

    mutating func fold(_ e: GuideAdvanced, _ event: SessionEvent) throws {
        guard !guide.segments.isEmpty else { throw SessionError.noGuide }
        guard guide.segments.indices.contains(e.segment) else { throw SessionError.unknownGuideSegment(e.segment) }
        guide.current = e.segment
    }
}
