import Foundation
import SessionModel

/// Turns parsed records into the events that add them to a session: pure,
/// given the session state. Names become participant codes (never guessed),
/// times are placed on the session clock, and anything already in the session
/// is left out, so importing a file twice adds nothing.
public enum ImportPlanner {
    /// A record on its way to becoming a contribution.
    struct Item {
        var line: Int
        var name: String?
        var text: String
        var occurredAt: Date?
        var direct = false
        var replyQuote: String?
        var codes: [String] = []
        /// Transcript turns: the span aligned against live notes.
        var span: (start: Date, end: Date)?
        /// Entries of the file this item holds (the cues of a turn).
        var entries = 1
        /// A cue that named nobody (imported unattributed unless `--speaker`).
        var unnamed = false
    }

    // MARK: Per format

    public static func plan(
        chat: ChatTranscript, fileName: String, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let day = try sessionDay(state)
        var report = ImportReport(format: .zoomChat, fileName: fileName)
        report.lines = chat.lineCount
        report.records = chat.messages.count
        report.read = chat.messages.count + chat.skipped.count
        report.skipped = chat.skipped
        report.warnings = chat.warnings
        var items = [Item]()
        items.reserveCapacity(chat.messages.count)
        for m in chat.messages {
            switch m.kind {
            case .reaction, .reactionRemoved:
                report.reactionsSkipped += 1
                continue
            case .reply, .message:
                break
            }
            var item = Item(
                line: m.line, name: m.sender, text: m.text,
                occurredAt: day.addingTimeInterval(m.time + options.offset), direct: m.isDirect)
            if case .reply(let quote) = m.kind { item.replyQuote = quote }
            items.append(item)
        }
        return try plan(
            items, source: .chat, format: .zoomChat, fileName: fileName, state: state, options: options, report: report)
    }

    public static func plan(
        transcript: WebVTTTranscript, format: ImportFormat = .webVTT, fileName: String,
        into state: SessionState, options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        guard let info = state.info else { throw ImportError.noSession }
        let start = (options.recordingStart ?? info.createdAt).addingTimeInterval(options.offset)
        let turns = transcript.turns(maxGap: options.maxTurnGap)
        var report = ImportReport(format: format, fileName: fileName)
        report.lines = transcript.lineCount
        report.records = turns.count
        report.read = transcript.cues.count + transcript.skipped.count
        report.skipped = transcript.skipped
        report.warnings = transcript.warnings
        report.clampedTimes = transcript.clampedTimes
        var given: String?
        if let code = options.speaker {
            let upper = TextCleaning.name(code).uppercased()
            guard state.participants[upper] != nil else { throw ImportError.unknownSpeaker(code) }
            given = upper
        }
        var items = [Item]()
        items.reserveCapacity(turns.count)
        for t in turns {
            let a = start.addingTimeInterval(t.start)
            let b = start.addingTimeInterval(t.end)
            items.append(
                Item(
                    line: t.line, name: t.speaker ?? given, text: t.text, occurredAt: a, span: (a, b),
                    entries: t.cues, unnamed: t.speaker == nil && given == nil))
        }
        return try plan(
            items, source: .verbal, format: format, fileName: fileName, state: state, options: options, report: report)
    }

    public static func plan(
        board: BoardExport, format: ImportFormat = .miroCSV, fileName: String, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        var report = ImportReport(format: format, fileName: fileName)
        report.lines = board.lineCount
        report.records = board.notes.count
        report.read = board.notes.count + board.skipped.count + board.ignored
        report.skipped = board.skipped
        report.warnings = board.warnings
        report.ignoredItems = board.ignored
        let items = board.notes.map { note -> Item in
            var codes = [String]()
            if options.keepBoardTags {
                if let f = note.frame { codes.append("frame: " + f) }
                if let c = note.colour { codes.append("colour: " + c) }
                codes += note.tags.map { "tag: " + $0 }
            }
            return Item(line: note.line, name: nil, text: note.text, occurredAt: note.createdAt, codes: codes)
        }
        return try plan(
            items, source: .whiteboard, format: format, fileName: fileName, state: state, options: options,
            report: report)
    }

    // MARK: The common part

    private enum Who: Equatable {
        case participant(String)
        case facilitator
        case skip

        var target: NameMapping.Target {
            switch self {
            case .participant(let code): return .participant(code)
            case .facilitator: return .facilitator
            case .skip: return .skip
            }
        }
    }

    private static func plan(
        _ all: [Item], source: ContributionSource, format: ImportFormat, fileName: String,
        state: SessionState, options: ImportOptions, report initial: ImportReport
    ) throws -> ImportPlan {
        var report = initial
        // Direct messages left out are left out before names are looked at:
        // a name seen only in them needs no mapping and adds no participant.
        let items = options.includeDirectMessages ? all : all.filter { !$0.direct }
        report.directMessagesSkipped = all.count - items.count
        guard let info = state.info else { throw ImportError.noSession }
        guard !info.closed else { throw ImportError.sessionClosed }
        guard let room = state.room(options.room) else { throw ImportError.unknownRoom(options.room) }
        guard !room.closed else { throw ImportError.roomClosed(room.name) }

        // 1. Names.
        let names = NameResolver(state: state, mapping: options.mapping)
        var who = [String: Who]() // by name key
        var order = [(key: String, name: String)]()
        var counts = [String: Int]()
        for item in items {
            guard let name = item.name else { continue }
            let key = TextCleaning.nameKey(name)
            counts[key, default: 0] += 1
            if counts[key] == 1 { order.append((key, name)) }
        }
        var unknown = [String]()
        var assignments = [NameAssignment]()
        var setup = [any EventPayload]()
        var missingCodes = [(String, String)]()
        for (key, name) in order {
            if let (w, basis) = names.resolve(name) {
                if case .participant(let code) = w, state.participants[code] == nil {
                    missingCodes.append((name, code))
                }
                who[key] = w
                assignments.append(NameAssignment(name: name, target: w.target, basis: basis, count: counts[key] ?? 0))
            } else {
                unknown.append(name)
            }
        }
        if !options.addUnknown {
            if !unknown.isEmpty { throw ImportError.unknownNames(unknown) }
            if let (name, code) = missingCodes.first {
                throw ImportError.mappedToUnknownParticipant(name: name, code: code)
            }
        }
        var taken = Set(state.participants.keys)
        for (_, code) in missingCodes where !taken.contains(code) {
            setup.append(ParticipantAdded(code: code, jobRole: Self.unrecordedRole))
            taken.insert(code)
        }
        for name in unknown {
            let code = nextCode(taken)
            taken.insert(code)
            setup.append(ParticipantAdded(code: code, jobRole: Self.unrecordedRole))
            if !state.linkageDestroyed, name.unicodeScalars.count <= TextLimits.name {
                setup.append(RealNameRecorded(code: code, name: name))
            }
            let key = TextCleaning.nameKey(name)
            who[key] = .participant(code)
            let a = NameAssignment(name: name, target: .participant(code), basis: .added, count: counts[key] ?? 0)
            assignments.append(a)
            report.newParticipants.append(a)
        }
        report.names = assignments

        // 2. Contributions.
        var seen = ExistingContent(state: state, source: source)
        var messages = source == .chat ? ExistingMessages(state: state) : nil
        let aligner = source == .verbal ? LiveNotes(state: state) : nil
        var replies = ReplyFinder(state: state)
        var payloads = setup
        var number = state.contributions.count
        var added = 0
        for item in items {
            var speaker: String?
            var itemSource = source
            if let name = item.name {
                switch who[TextCleaning.nameKey(name)] ?? .skip {
                case .skip:
                    report.skippedByMapping += item.entries
                    continue
                case .facilitator:
                    itemSource = .facilitator
                case .participant(let code):
                    if state.participants[code]?.withdrawn == true {
                        report.withdrawnSkipped[code, default: 0] += item.entries
                        continue
                    }
                    speaker = code
                }
            }
            let text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                for _ in 0..<item.entries {
                    report.skipped.append(LineIssue(line: item.line, reason: "no text", kind: .noText))
                }
                continue
            }
            guard text.unicodeScalars.count <= TextLimits.contribution else {
                report.skipped.append(
                    LineIssue(
                        line: item.line,
                        reason:
                            "the text is longer than \(TextLimits.contribution) characters, the most one contribution may hold",
                        kind: .tooLong))
                continue
            }
            if messages != nil {
                // Chat: a message is the same message by its time, sender and
                // ordinal, whatever its text; one that grew since gets its text.
                switch messages!.take(source: itemSource, speaker: speaker, at: item.occurredAt, text: text) {
                case .new: break
                case .present:
                    report.alreadyPresent += 1
                    continue
                case .grown(let number):
                    payloads.append(ContributionEdited(number: number, text: text))
                    report.alreadyPresent += 1
                    report.edited += 1
                    continue
                }
            } else if seen.take(
                ContentKey(source: itemSource, speaker: speaker, room: options.room, at: item.occurredAt, text: text))
                || (item.unnamed && seen.takeAnySpeaker(at: item.occurredAt, text: text))
            {
                report.alreadyPresent += item.entries
                continue
            }
            number += 1
            var replyTo = [Int]()
            if let quote = item.replyQuote, let target = replies.find(quote, before: number) {
                replyTo = [target]
                report.replies += 1
            }
            var alignsWith: Int?
            if let span = item.span, let code = speaker,
                let note = aligner?.nearest(
                    speaker: code, start: span.start, end: span.end, window: options.alignmentWindow)
            {
                alignsWith = note
                report.aligned += 1
            }
            payloads.append(
                ContributionLogged(
                    source: itemSource, room: options.room, speaker: speaker, text: text, form: .verbatim,
                    replyTo: replyTo,
                    occurredAt: item.occurredAt, alignsWith: alignsWith, directMessage: item.direct ? true : nil))
            replies.add(number, text: text, source: itemSource)
            added += 1
            report.imported += item.entries
            report.merged += item.entries - 1
            if speaker == nil && itemSource != .facilitator && source == .verbal { report.unattributed += 1 }
            if itemSource == .facilitator { report.addedAsFacilitator += 1 }
            if item.direct { report.directMessagesImported += 1 }
            for code in Set(item.codes.map(usableCode)).sorted() where !code.isEmpty {
                payloads.append(CodeTagged(number: number, code: code))
                report.tagged += 1
            }
        }
        report.added = added
        report.skipped.sort { $0.line < $1.line }
        if report.tooManyLost && !options.allowSkips { throw ImportError.tooManySkipped(report) }
        if options.recordImport && (added > 0 || !setup.isEmpty) {
            payloads.append(ImportRecorded(format: format.rawValue, fileName: fileName, added: added))
        }
        if options.verify { try verify(payloads, against: state) }
        return ImportPlan(payloads: payloads, report: report)
    }

    static let unrecordedRole = Participant.unrecordedRole

    /// The code `state.nextParticipantCode` would give after `taken` were added.
    private static func nextCode(_ taken: Set<String>) -> String {
        var n = taken.count + 1
        while taken.contains(String(format: "P%02d", n)) { n += 1 }
        return String(format: "P%02d", n)
    }

    private static func usableCode(_ s: String) -> String {
        let t = TextCleaning.name(s)
        return t.count <= 120 ? t : String(t.prefix(119)) + "…"
    }

    private static func sessionDay(_ state: SessionState) throws -> Date {
        guard let info = state.info else { throw ImportError.noSession }
        return SessionDate.parse(info.date) ?? Calendar(identifier: .gregorian).startOfDay(for: info.createdAt)
    }

    private static func verify(_ payloads: [any EventPayload], against state: SessionState) throws {
        var copy = state
        let at = state.lastEventAt ?? state.info?.createdAt ?? Date(timeIntervalSince1970: 0)
        for p in payloads {
            do {
                try copy.apply(SessionEvent(id: UUID(), at: at, by: "import", p))
            } catch let e as SessionError {
                throw ImportError.wouldNotApply(e.description)
            }
        }
    }

    // MARK: Helpers

    /// Name → who, in order: the mapping file, the facilitator list, a name that
    /// is a participant code, the linkage table. Nothing else: no fuzzy matching.
    private struct NameResolver {
        var mapping: NameMapping
        var facilitators: Set<String>
        var codes: Set<String>
        var linkage: [String: String]

        init(state: SessionState, mapping: NameMapping) {
            self.mapping = mapping
            facilitators = Set(state.facilitators.map { TextCleaning.nameKey($0.name) })
            codes = Set(state.participants.keys)
            var l = [String: String]()
            for (code, name) in state.linkage { l[TextCleaning.nameKey(name)] = code }
            linkage = l
        }

        func resolve(_ name: String) -> (Who, NameAssignment.Basis)? {
            if let t = mapping.target(for: name) {
                switch t {
                case .participant(let code): return (.participant(code), .mapping)
                case .facilitator: return (.facilitator, .mapping)
                case .skip: return (.skip, .mapping)
                }
            }
            let key = TextCleaning.nameKey(name)
            if facilitators.contains(key) { return (.facilitator, .facilitatorList) }
            let upper = TextCleaning.name(name).uppercased()
            if codes.contains(upper) { return (.participant(upper), .code) }
            if let code = linkage[key] { return (.participant(code), .linkage) }
            return nil
        }
    }

    /// What makes two contributions the same for re-imports: source, speaker,
    /// time (to the millisecond) and text. Board notes have no reliable time,
    /// so for them the room stands in for it.
    struct ContentKey: Hashable {
        var source: ContributionSource
        var speaker: String?
        var room: RoomID?
        var millis: Int64?
        var text: String

        init(source: ContributionSource, speaker: String?, room: RoomID, at: Date?, text: String) {
            self.source = source
            self.speaker = speaker
            self.text = text
            if source == .whiteboard {
                self.room = room
            } else {
                self.millis = at.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
            }
        }
    }

    /// The session's contributions as a multiset of keys: a file holding the
    /// same message twice adds it twice the first time, and nothing the second.
    private struct ExistingContent {
        var counts = [ContentKey: Int]()
        /// Spoken contributions by time and text whoever the speaker: a cue that
        /// named nobody may have been given a speaker since (`convene speaker`).
        var anySpeaker = [ContentKey: Int]()
        init(state: SessionState, source: ContributionSource) {
            guard source != .chat else { return } // chat goes by ExistingMessages
            for c in state.contributions where !c.erased && (c.source == source || c.source == .facilitator) {
                var texts = [c.text.trimmingCharacters(in: .whitespacesAndNewlines)]
                if let original = c.history.first?.previousText.trimmingCharacters(in: .whitespacesAndNewlines),
                    original != texts[0]
                {
                    texts.append(original) // edited since: the file still has the original
                }
                for t in texts {
                    counts[
                        ContentKey(source: c.source, speaker: c.speaker, room: c.room, at: c.occurredAt, text: t),
                        default: 0] += 1
                    if source == .verbal {
                        anySpeaker[
                            ContentKey(source: .verbal, speaker: nil, room: c.room, at: c.occurredAt, text: t),
                            default: 0] += 1
                    }
                }
            }
        }
        mutating func take(_ key: ContentKey) -> Bool {
            guard let n = counts[key], n > 0 else { return false }
            counts[key] = n - 1
            return true
        }
        mutating func takeAnySpeaker(at: Date?, text: String) -> Bool {
            let key = ContentKey(source: .verbal, speaker: nil, room: 0, at: at, text: text)
            guard let n = anySpeaker[key], n > 0 else { return false }
            anySpeaker[key] = n - 1
            return true
        }
    }

    /// Chat messages already in the session, by time and sender: the k-th
    /// message of a sender at one time in the file is the k-th such
    /// contribution. Text plays no part, so a message edited since its import
    /// (or stored before it was complete) is not added twice.
    private struct ExistingMessages {
        struct Key: Hashable {
            var millis: Int64?
            var speaker: String?
            var facilitator: Bool
        }
        enum Match {
            case new, present
            case grown(Int)
        }
        var byKey = [Key: [(number: Int, text: String, editable: Bool)]]()
        var taken = [Key: Int]()

        init(state: SessionState) {
            for c in state.contributions where c.source == .chat || c.source == .facilitator {
                let key = Key(
                    millis: Self.millis(c.occurredAt), speaker: c.speaker, facilitator: c.source == .facilitator)
                byKey[key, default: []].append(
                    (
                        c.number, c.text.trimmingCharacters(in: .whitespacesAndNewlines),
                        !c.erased && !c.struck
                    ))
            }
        }

        static func millis(_ d: Date?) -> Int64? { d.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } }

        mutating func take(source: ContributionSource, speaker: String?, at: Date?, text: String) -> Match {
            let key = Key(millis: Self.millis(at), speaker: speaker, facilitator: source == .facilitator)
            let ordinal = taken[key, default: 0]
            taken[key] = ordinal + 1
            guard let list = byKey[key], ordinal < list.count else { return .new }
            let stored = list[ordinal]
            if stored.editable, text != stored.text, text.hasPrefix(stored.text) { return .grown(stored.number) }
            return .present
        }
    }

    /// Live notes per speaker (summaries, or verbal contributions logged as they
    /// happened), sorted by time, for aligning transcript turns with them.
    private struct LiveNotes {
        var bySpeaker = [String: [(at: Date, number: Int)]]()
        init(state: SessionState) {
            for c in state.contributions where !c.erased && c.source == .verbal && c.alignsWith == nil {
                guard let code = c.speaker else { continue }
                let live = abs(c.occurredAt.timeIntervalSince(c.loggedAt)) < 0.001
                guard c.form == .summary || live else { continue }
                bySpeaker[code, default: []].append((c.occurredAt, c.number))
            }
            for k in bySpeaker.keys { bySpeaker[k]!.sort { $0.at < $1.at } }
        }

        /// The note nearest to [start, end] (0 inside it), within `window` seconds.
        func nearest(speaker: String, start: Date, end: Date, window: TimeInterval) -> Int? {
            guard let notes = bySpeaker[speaker], !notes.isEmpty else { return nil }
            let from = start.addingTimeInterval(-window)
            let to = end.addingTimeInterval(window)
            var lo = 0
            var hi = notes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if notes[mid].at < from { lo = mid + 1 } else { hi = mid }
            }
            var best: (distance: TimeInterval, number: Int)?
            var i = lo
            while i < notes.count, notes[i].at <= to {
                let t = notes[i].at
                let d = t < start ? start.timeIntervalSince(t) : t > end ? t.timeIntervalSince(end) : 0
                if best == nil || d < best!.distance { best = (d, notes[i].number) }
                i += 1
            }
            return best?.number
        }
    }

    /// Finds the message a threaded reply quotes: the latest earlier chat message
    /// starting with the quoted words (Zoom cuts long quotes with "...").
    private struct ReplyFinder {
        var earlier: [(number: Int, text: String)] = []
        init(state: SessionState) {
            for c in state.contributions where !c.erased && (c.source == .chat || c.source == .facilitator) {
                earlier.append((c.number, c.text))
            }
        }
        mutating func add(_ number: Int, text: String, source: ContributionSource) {
            if source == .chat || source == .facilitator { earlier.append((number, text)) }
        }
        func find(_ quote: String, before number: Int) -> Int? {
            var q = quote.trimmingCharacters(in: .whitespaces)
            for ellipsis in ["...", "…"] where q.hasSuffix(ellipsis) {
                q = String(q.dropLast(ellipsis.count)).trimmingCharacters(in: .whitespaces)
            }
            guard !q.isEmpty else { return nil }
            return earlier.last { $0.number < number && $0.text.hasPrefix(q) }?.number
        }
    }
}
