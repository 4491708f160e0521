import Foundation
import Importers
import SessionModel

// The documented `--json` shapes (docs/cli.md). Field names are a contract.

struct ContributionJSON: Codable {
    var number: Int
    var loggedAt: Date
    var occurredAt: Date
    var loggedBy: String
    var source: String
    var room: String
    var roomId: Int
    var speaker: String?
    var speakerRole: String?
    var text: String?
    var form: String
    var replyTo: [Int]
    var alignsWith: Int?
    var codes: [String]
    var attribution: String
    var struck: Bool
    var edits: Int
    var redactions: Int
    var flagged: Bool
    var erased: Bool
    var consented: Bool
    var round: Int?
    var guideSegment: Int?
    var directMessage: Bool

    init(_ c: Contribution, in state: SessionState) {
        number = c.number
        loggedAt = c.loggedAt
        occurredAt = c.occurredAt
        loggedBy = c.loggedBy
        source = c.source.rawValue
        room = state.roomName(c.room)
        roomId = c.room
        speaker = c.speaker
        speakerRole = c.speaker.flatMap { state.participant($0)?.jobRole }
        text = c.erased ? nil : c.text
        form = c.form.rawValue
        replyTo = c.replyTo
        alignsWith = c.alignsWith
        codes = c.codes
        attribution = c.attribution.rawValue
        struck = c.struck
        edits = c.history.count
        redactions = c.redactions.count
        flagged = !c.concerns.isEmpty
        erased = c.erased
        consented = c.speaker.map { state.consentStatus(of: $0).isConsented } ?? true
        round = c.round
        guideSegment = c.guideSegment
        directMessage = c.directMessage
    }
}

struct ShowJSON: Codable {
    struct ParticipantJSON: Codable {
        var code: String
        var role: String
        var orgType: String?
        var strand: String?
        var attribution: String
        var room: String
        var consented: Bool
        var withdrawn: Bool
        /// `full` (✓), `partial` (◐: optional items missing, effects applied), `missing-required` or `none` (✗).
        var consent: String
        var consentMissing: [String]
    }
    struct RoomJSON: Codable {
        var id: Int
        var name: String
        var closed: Bool
        var members: [String]
    }
    struct RoundJSON: Codable {
        var number: Int
        var minutes: Int
        var prompt: String?
        var startedAt: Date
        var endedAt: Date?
    }
    struct FacilitatorJSON: Codable {
        var name: String
        var role: String
    }
    struct ThemeJSON: Codable {
        var number: Int
        var title: String
        var contributions: [Int]
    }

    var sessionId: String
    var title: String
    var study: String?
    var strand: String?
    var platform: String
    var date: String
    var withdrawalDays: Int
    var withdrawalClosesOn: String?
    var closed: Bool
    var recording: Bool
    var linkage: String
    var events: Int
    var contributions: Int
    var contributionsBySource: [String: Int]
    var facilitators: [FacilitatorJSON]
    var participants: [ParticipantJSON]
    var rooms: [RoomJSON]
    var rounds: [RoundJSON]
    var codebook: String
    var codes: [String]
    var emergentCodes: [String]
    var themes: [ThemeJSON]
    var guideSegments: [String]
    var currentGuideSegment: Int?
    var openConcerns: Int
    var withdrawals: Int
    var consentChecklist: [String]
    /// The checklist's optional items and the effect of leaving each out.
    var consentOptional: [String: String]
    /// `none`, or the cipher's name when the file is encrypted at rest.
    var encryption = "none"

    init(_ s: SessionState) {
        let info = s.info!
        sessionId = info.sessionID.uuidString.lowercased()
        title = info.title
        study = info.study
        strand = info.strand
        platform = info.platform.rawValue
        date = info.date
        withdrawalDays = info.withdrawalDays
        withdrawalClosesOn = s.withdrawalClosesOn
        closed = info.closed
        recording = info.recording
        linkage = s.linkageDestroyed ? "anonymised" : "linked"
        events = s.eventCount
        // Counted in place: copying 100 000 contributions to count them cost more memory than opening the file.
        var live = 0
        var bySource: [String: Int] = [:]
        for c in s.contributions where !c.erased {
            live += 1
            bySource[c.source.rawValue, default: 0] += 1
        }
        contributions = live
        contributionsBySource = bySource
        facilitators = s.facilitators.map { FacilitatorJSON(name: $0.name, role: $0.role.rawValue) }
        participants = s.orderedParticipants.map {
            ParticipantJSON(
                code: $0.code, role: $0.jobRole, orgType: $0.organisationType?.rawValue, strand: $0.strand,
                attribution: $0.attribution.rawValue, room: s.roomName($0.room),
                consented: s.consentStatus($0).isConsented,
                withdrawn: $0.withdrawn, consent: ConsentText.kind(s.consentStatus($0)),
                consentMissing: ConsentText.missing(s.consentStatus($0)))
        }
        rooms = s.rooms.map { r in
            RoomJSON(id: r.id, name: r.name, closed: r.closed, members: s.members(of: r.id).map(\.code))
        }
        rounds = s.rounds.map {
            RoundJSON(
                number: $0.number, minutes: $0.minutes, prompt: $0.prompt, startedAt: $0.startedAt, endedAt: $0.endedAt)
        }
        codebook = s.codebook.name
        codes = s.codebook.entries.filter { !$0.emergent }.map(\.name)
        emergentCodes = s.codebook.entries.filter(\.emergent).map(\.name)
        themes = s.themes.map { ThemeJSON(number: $0.number, title: $0.title, contributions: $0.contributions) }
        guideSegments = s.guide.segments.map(\.title)
        currentGuideSegment = s.guide.current
        openConcerns = s.register.open.count
        withdrawals = s.withdrawals.count
        consentChecklist = s.consentChecklist
        consentOptional = s.consentEffects.mapValues(\.rawValue)
    }
}

/// Consent status words shared by `show` and its JSON.
enum ConsentText {
    static func kind(_ c: ConsentStatus) -> String {
        switch c {
        case .full: return "full"
        case .partial: return "partial"
        case .missingRequired: return "missing-required"
        case .notRecorded: return "none"
        }
    }

    static func missing(_ c: ConsentStatus) -> [String] {
        switch c {
        case .full, .notRecorded: return []
        case .partial(let items, _), .missingRequired(let items): return items
        }
    }
}

/// `convene import --json`: what an import read, imported, merged and skipped, by reason.
struct ImportReportJSON: Encodable {
    struct Issue: Encodable {
        var line: Int
        var reason: String
        var kind: String
    }
    struct Name: Encodable {
        var name: String
        var becomes: String
        var basis: String
        var count: Int
    }
    var format: String
    var file: String
    var lines: Int
    var read: Int
    var imported: Int
    var merged: Int
    var alreadyPresent: Int
    var edited: Int
    var contributions: Int
    var unattributed: Int
    var clampedTimes: Int
    var skipped: Int
    var skippedByReason: [String: Int]
    var lost: Int
    var refused: Bool
    var issues: [Issue]
    var warnings: [Issue]
    var names: [Name]

    init(_ r: ImportReport, refused: Bool) {
        format = r.format.rawValue
        file = r.fileName
        lines = r.lines
        read = r.read
        imported = r.imported
        merged = r.merged
        alreadyPresent = r.alreadyPresent
        edited = r.edited
        contributions = r.added
        unattributed = r.unattributed
        clampedTimes = r.clampedTimes
        skipped = r.skippedTotal
        skippedByReason = Dictionary(uniqueKeysWithValues: r.skippedByReason.map { ($0.key.rawValue, $0.value) })
        lost = r.lostEntries
        self.refused = refused
        issues = r.skipped.map { Issue(line: $0.line, reason: $0.reason, kind: $0.kind.rawValue) }
        warnings = r.warnings.map { Issue(line: $0.line, reason: $0.reason, kind: "warning") }
        names = r.names.map { Name(name: $0.name, becomes: "\($0.target)", basis: $0.basis.rawValue, count: $0.count) }
    }
}
