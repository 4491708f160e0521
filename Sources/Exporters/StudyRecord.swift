import Foundation

/// Several sessions' research records as one (a study's analysis export). Each part
/// has already been through the gate (`ResearchGate.record`), so every research rule
/// of a single session holds; this only renumbers and joins. Each session's rooms
/// become rooms of their own ("group1 · Main room"), so each is a source of its own
/// in REFI-QDA; contributions, rounds, guide segments and themes are numbered across
/// the study in the order given (each entry keeps `session` and `sessionNumber`);
/// codes of the same name (any case) are one code, emergent only if no session has
/// it in its codebook; a participant code is one person, with every strand it joined.
public enum StudyRecord {
    /// One session of the study: its name in the study, its strand, its gated record.
    public struct Part: Sendable {
        public var label: String
        public var strand: String?
        public var record: ResearchRecord
        public init(label: String, strand: String?, record: ResearchRecord) {
            self.label = label
            self.strand = strand
            self.record = record
        }
    }

    /// Merges per-session records (already through the gate) into one. Pure and
    /// deterministic: the same sessions in the same order give the same record.
    public static func merge(id: String, title: String, codebook codebookName: String, _ parts: [Part])
        -> ResearchRecord
    {
        var merger = Merger(id: id, title: title, codebook: codebookName)
        for part in parts { merger.add(part) }
        return merger.record()
    }

    /// The same merge, one session at a time: `add` each part in order (or `begin` it, `append` its entries
    /// as the gate makes them and `end` it), then take `record()`.
    public struct Merger {
        let id: String, title: String, codebookName: String
        var participants: [String: ResearchRecord.Person] = [:]
        var strands: [String: [String]] = [:]
        var rooms: [ResearchRecord.RoomInfo] = []
        var rounds: [ResearchRecord.Round] = []
        var guide: [ResearchRecord.GuideSegment] = []
        var codebook: [ResearchRecord.Code] = []
        var themes: [ResearchRecord.ThemeInfo] = []
        /// The merged contributions, their full segments in a temporary file rather than memory (`EntryList`).
        var entries = EntryList(spilling: true)
        var process = ResearchRecord.Process(
            consentRecorded: 0, confidentialityReminders: 0, redactions: 0, withdrawals: 0,
            excludedStruck: 0, excludedWithoutConsent: 0, excludedWithdrawn: 0, log: [])
        var nextNumber = 1
        /// What the merged session block is made from: each part's times, date and platform.
        var sessions: [ResearchRecord.Session] = []

        public init(id: String, title: String, codebook codebookName: String) {
            self.id = id
            self.title = title
            self.codebookName = codebookName
        }

        /// The part being added: how its rooms, rounds, guide segments, codes and numbers map into the study's.
        struct Current {
            var label = ""
            var roomID: [Int: (Int, String)] = [:]
            var roundNumber: [Int: Int] = [:]
            var guideIndex: [Int: Int] = [:]
            var number: [Int: Int] = [:]
            /// Each code name's study spelling (nil: no study code of that name), looked up once per part.
            var codeName: [String: String?] = [:]
        }
        var current = Current()

        /// Adds the next session's part: its contributions are numbered after those already added.
        public mutating func add(_ part: Part) {
            begin(label: part.label, strand: part.strand, outline: part.record)
            for e in part.record.contributions { append(e) }
            end(part.record)
        }

        /// Starts the next session's part from its outline (`ResearchGate.outline`: participants, rooms, rounds,
        /// guide, codebook); its entries follow with `append`, in number order, and `end` closes it.
        public mutating func begin(label: String, strand: String?, outline r: ResearchRecord) {
            current = Current(label: label)
            for p in r.participants {
                var person =
                    participants[p.code]
                    ?? ResearchRecord.Person(code: p.code, role: p.role, orgType: p.orgType, strand: nil)
                if person.orgType == nil { person.orgType = p.orgType }
                participants[p.code] = person
                if let strand = strand ?? p.strand, !strands[p.code, default: []].contains(strand) {
                    strands[p.code, default: []].append(strand)
                }
            }
            // Rooms: one study room per session room, ids counted across the study.
            for room in r.rooms {
                let id = rooms.count
                let name = "\(label) · \(room.name)"
                current.roomID[room.id] = (id, name)
                rooms.append(.init(id: id, name: name))
            }
            for round in r.rounds {
                let n = rounds.count + 1
                current.roundNumber[round.number] = n
                rounds.append(
                    .init(
                        number: n, minutes: round.minutes, prompt: round.prompt.map { "\(label): \($0)" },
                        startedAt: round.startedAt, endedAt: round.endedAt))
            }
            for segment in r.guide {
                let i = guide.count
                current.guideIndex[segment.index] = i
                guide.append(
                    .init(
                        index: i, title: "\(label): \(segment.title)", prompts: segment.prompts,
                        minutes: segment.minutes))
            }
            for code in r.codebook {
                if let k = codebook.firstIndex(where: { $0.name.caseInsensitiveCompare(code.name) == .orderedSame }) {
                    // The same name is one code; it is emergent only if no session has it in its codebook.
                    codebook[k].emergent = codebook[k].emergent && code.emergent
                    if codebook[k].description == nil { codebook[k].description = code.description }
                } else {
                    codebook.append(code)
                }
            }
        }

        /// The part's next entry, numbered after every entry before it. A reply points back to an earlier
        /// contribution (the journal refuses any other), so its number is already known when it is kept.
        public mutating func append(_ e: ResearchRecord.Entry) {
            let label = current.label
            let n = nextNumber
            nextNumber += 1
            current.number[e.number] = n
            var merged = e
            merged.number = n
            merged.session = label
            merged.sessionNumber = e.number
            let room = current.roomID[e.roomId] ?? (e.roomId, "\(label) · \(e.room)")
            merged.roomId = room.0
            merged.room = room.1
            merged.round = e.round.flatMap { current.roundNumber[$0] }
            merged.guideIndex = e.guideIndex.flatMap { current.guideIndex[$0] }
            merged.guideSegment = merged.guideIndex.map { guide[$0].title }
            merged.replyTo = e.replyTo.compactMap { current.number[$0] }
            if !e.codes.isEmpty {
                merged.codes = []
                for c in e.codes { merged.codes.append(studyCode(c)) }
            }
            entries.append(merged)
        }

        /// The study's spelling of code `c` (the first code of the same name in any case), else `c` as it is.
        mutating func studyCode(_ c: String) -> String {
            // Names equal as Strings compare equal without case too, so one lookup serves them all; the
            // fallback is the code's own bytes.
            if let known = current.codeName[c] { return known ?? c }
            let name = codebook.first { $0.name.caseInsensitiveCompare(c) == .orderedSame }?.name
            current.codeName[c] = .some(name)
            return name ?? c
        }

        /// Ends the part: its themes (numbered across the study, citing the entries it kept), process and times.
        public mutating func end(_ r: ResearchRecord) {
            let label = current.label
            for t in r.themes {
                themes.append(
                    .init(
                        number: themes.count + 1, title: "\(label): \(t.title)",
                        contributions: t.contributions.compactMap { current.number[$0] }))
            }
            process.consentRecorded += r.process.consentRecorded
            process.confidentialityReminders += r.process.confidentialityReminders
            process.redactions += r.process.redactions
            process.withdrawals += r.process.withdrawals
            process.excludedStruck += r.process.excludedStruck
            process.excludedWithoutConsent += r.process.excludedWithoutConsent
            process.excludedWithdrawn += r.process.excludedWithdrawn
            process.log += r.process.log.map { .init(at: $0.at, kind: $0.kind, detail: "\(label): \($0.detail)") }
            sessions.append(r.session)
            current = Current()
        }

        /// The study's record of every part added so far.
        public func record() -> ResearchRecord {
            var process = process
            process.log.sort { ($0.at, $0.kind, $0.detail) < ($1.at, $1.kind, $1.detail) }
            let people = participants.keys.sorted().map { code -> ResearchRecord.Person in
                var p = participants[code]!
                p.strand = strands[code].map { $0.joined(separator: "; ") }
                return p
            }
            let start = sessions.map(\.startedAt).min() ?? Date(timeIntervalSince1970: 0)
            let end = sessions.map(\.endedAt).max() ?? start
            let dates = sessions.map(\.date).sorted()
            let platforms = Array(Set(sessions.map(\.platform))).sorted()
            var record = ResearchRecord(
                session: .init(
                    id: id, title: title, study: title, strand: nil,
                    platform: platforms.joined(separator: ", "),
                    date: dates.count > 1 ? "\(dates.first!) to \(dates.last!)" : dates.first ?? "",
                    startedAt: start, endedAt: end, codebook: codebookName),
                participants: people, rooms: rooms, rounds: rounds, guide: guide, codebook: codebook, themes: themes,
                contributions: entries, process: process)
            record.format = "convene-study-export"
            return record
        }
    }
}
