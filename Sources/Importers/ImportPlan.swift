import Foundation
import SessionModel

public enum ImportFormat: String, Sendable, CaseIterable, Codable {
    case zoomChat = "zoom-chat"
    case webVTT = "vtt"
    case srt
    case teamsDocx = "teams-docx"
    case miroCSV = "miro-csv"
    case miroList = "miro-list"

    /// How the format is named to a facilitator: "a Zoom saved chat".
    public var title: String {
        switch self {
        case .zoomChat: return "a Zoom saved chat"
        case .webVTT: return "a WebVTT transcript"
        case .srt: return "an SRT transcript"
        case .teamsDocx: return "a Teams transcript (.docx)"
        case .miroCSV: return "a Miro board export (CSV)"
        case .miroList: return "a list of whiteboard notes"
        }
    }
}

/// How an import is fitted to the session.
public struct ImportOptions: Sendable {
    /// The room the contributions are logged in (0 is the main room).
    public var room: RoomID = 0
    /// Seconds added to every time in the file. Chat: for a clock other than
    /// UTC (BST is `-3600`) or a chat whose times count from the recording start.
    /// Transcript: where the recording starts after `recordingStart`.
    public var offset: TimeInterval = 0
    /// Transcript: when the recording started (default: the session's first event).
    public var recordingStart: Date?
    /// Who the display names in the file are.
    public var mapping = NameMapping()
    /// Add every name not found as a new participant with the next free code.
    /// Otherwise an unknown name stops the import and is listed; never guessed.
    public var addUnknown = false
    /// Import direct (private) chat messages, marked as such. Off by default.
    public var includeDirectMessages = false
    /// Miro: keep a note's frame, colour and tags as codes (`frame: Barriers`).
    public var keepBoardTags = true
    /// Transcript: how far (seconds) a turn may be from a live note of the same
    /// speaker and still be aligned with it.
    public var alignmentWindow: TimeInterval = 300
    /// Transcript: a pause longer than this between cues of one speaker starts
    /// a new contribution (default: consecutive cues of one speaker always merge).
    public var maxTurnGap: TimeInterval?
    /// End the plan with an `ImportRecorded` event when something was added.
    public var recordImport = true
    /// Fold the planned events into a copy of the session first, so a plan that
    /// would not apply is refused before anything is written.
    public var verify = true
    /// Transcript: the participant code given to cues that name no speaker
    /// (`--speaker CODE`); otherwise they are imported unattributed.
    public var speaker: String?
    /// Import even when more than `ImportReport.skipLimitPercent` of the
    /// entries cannot be read (`--allow-skips`); otherwise the import is refused.
    public var allowSkips = false

    public init(
        room: RoomID = 0, offset: TimeInterval = 0, recordingStart: Date? = nil, mapping: NameMapping = NameMapping(),
        addUnknown: Bool = false, includeDirectMessages: Bool = false
    ) {
        self.room = room
        self.offset = offset
        self.recordingStart = recordingStart
        self.mapping = mapping
        self.addUnknown = addUnknown
        self.includeDirectMessages = includeDirectMessages
    }
}

/// Who a display name in the file turned out to be.
public struct NameAssignment: Sendable, Equatable, CustomStringConvertible {
    public enum Basis: String, Sendable, Equatable {
        /// The `--map` file.
        case mapping
        /// The session's facilitator list.
        case facilitatorList = "facilitator list"
        /// The name is a participant code (`P03`).
        case code
        /// The session's linkage table (real names recorded by the facilitators).
        case linkage
        /// Added as a new participant (`--add-unknown`).
        case added
    }
    public var name: String
    public var target: NameMapping.Target
    public var basis: Basis
    /// How many records of the file carry the name.
    public var count: Int
    public var description: String { "'\(name)' → \(target) (\(basis.rawValue))" }
}

/// What an import found and what it will do, for the facilitator to read.
public struct ImportReport: Sendable, Equatable {
    public var format: ImportFormat
    public var fileName: String
    public var lines = 0
    /// Messages, transcript turns (merged cues) or notes read from the file.
    public var records = 0
    /// Contributions the plan adds.
    public var added = 0
    public var addedAsFacilitator = 0
    /// Records already in the session (an earlier import of the same file).
    public var alreadyPresent = 0
    public var newParticipants: [NameAssignment] = []
    /// Every name in the file and what it became.
    public var names: [NameAssignment] = []
    /// Malformed lines and records that could not become contributions.
    public var skipped: [LineIssue] = []
    public var warnings: [LineIssue] = []
    public var directMessagesSkipped = 0
    public var directMessagesImported = 0
    public var reactionsSkipped = 0
    public var skippedByMapping = 0
    /// Records of withdrawn participants, by code: never imported.
    public var withdrawnSkipped: [String: Int] = [:]
    public var replies = 0
    public var aligned = 0
    public var tagged = 0
    /// Board items that are not notes, or notes with no text.
    public var ignoredItems = 0
    public var emptyFile = false
    /// Entries found in the file: messages, cues or notes, and the blocks that
    /// could not be read. Every one is imported, already present or skipped.
    public var read = 0
    /// Entries that arrived as (part of) a contribution.
    public var imported = 0
    /// Of `imported`, the entries joined to the contribution of the entry
    /// before them (a speaker's consecutive cues make one turn).
    public var merged = 0
    /// Messages already in the session that had grown in the file since (a
    /// message still being written when it was followed): their text is updated.
    public var edited = 0
    /// Contributions added with no speaker (a transcript cue that names nobody).
    public var unattributed = 0
    /// Cue times that were negative or ran backwards, set from the cues around them.
    public var clampedTimes = 0

    /// Above this share of unreadable entries an import is refused.
    public static let skipLimitPercent = 5

    /// Every entry left out, by reason (the counts add up to `read - imported - alreadyPresent`).
    public var skippedByReason: [SkipReason: Int] {
        var out = [SkipReason: Int]()
        for issue in skipped { out[issue.kind, default: 0] += 1 }
        if directMessagesSkipped > 0 { out[.directMessage, default: 0] += directMessagesSkipped }
        if reactionsSkipped > 0 { out[.reaction, default: 0] += reactionsSkipped }
        if skippedByMapping > 0 { out[.mappedToSkip, default: 0] += skippedByMapping }
        let withdrawn = withdrawnSkipped.values.reduce(0, +)
        if withdrawn > 0 { out[.withdrawn, default: 0] += withdrawn }
        if ignoredItems > 0 { out[.notANote, default: 0] += ignoredItems }
        return out
    }

    public var skippedTotal: Int { skippedByReason.values.reduce(0, +) }

    /// Entries whose words the import would lose (unreadable or too long).
    public var lostEntries: Int { skippedByReason.filter { $0.key.isLoss }.values.reduce(0, +) }

    /// Whether more than `skipLimitPercent` of the entries would be lost.
    public var tooManyLost: Bool { lostEntries * 100 > read * Self.skipLimitPercent }

    public init(format: ImportFormat, fileName: String) {
        self.format = format
        self.fileName = fileName
    }

    /// The report as lines for a terminal (no control characters; names as found).
    public var summary: [String] {
        var out = ["\(format.rawValue) \(fileName): \(lines) line\(lines == 1 ? "" : "s"), \(records) \(recordWord)"]
        if emptyFile { out.append("the file is empty; nothing to import") }
        out.append(countsLine)
        var added = "\(self.added) contribution\(self.added == 1 ? "" : "s") to add"
        if addedAsFacilitator > 0 { added += " (\(addedAsFacilitator) from facilitators)" }
        if unattributed > 0 { added += " (\(unattributed) with no speaker: `convene speaker` sets them)" }
        if alreadyPresent > 0 { added += "; \(alreadyPresent) already in the session" }
        out.append(added)
        if replies > 0 { out.append("\(replies) linked as replies") }
        if aligned > 0 { out.append("\(aligned) aligned with live notes") }
        if tagged > 0 { out.append("\(tagged) frame, colour or tag codes") }
        if directMessagesImported > 0 {
            out.append("\(directMessagesImported) direct messages imported, marked as direct")
        }
        if directMessagesSkipped > 0 {
            out.append("\(directMessagesSkipped) direct messages left out (--include-direct-messages imports them)")
        }
        if reactionsSkipped > 0 { out.append("\(reactionsSkipped) reactions left out (they are not contributions)") }
        if skippedByMapping > 0 { out.append("\(skippedByMapping) left out because the name mapping says skip") }
        for (code, n) in withdrawnSkipped.sorted(by: { $0.key < $1.key }) {
            out.append("\(n) by \(code) left out: \(code) has withdrawn")
        }
        if ignoredItems > 0 { out.append("\(ignoredItems) board items ignored (not notes, or no text)") }
        if edited > 0 {
            out.append("\(edited) message\(edited == 1 ? "" : "s") already imported had grown since: text updated")
        }
        if clampedTimes > 0 {
            out.append(
                "\(clampedTimes) cue time\(clampedTimes == 1 ? " was" : "s were") negative or ran backwards: "
                    + "set from the cues around \(clampedTimes == 1 ? "it" : "them")")
        }
        for a in newParticipants { out.append("new participant \(a.target): '\(a.name)'") }
        let mapped = names.filter { $0.basis != .added }
        if !mapped.isEmpty { out.append("names: " + mapped.map(\.description).joined(separator: ", ")) }
        if !skipped.isEmpty { out.append("\(skipped.count) skipped:") }
        out += skipped.prefix(50).map { "  \($0)" }
        if skipped.count > 50 { out.append("  … and \(skipped.count - 50) more") }
        out += warnings.prefix(20).map { "  note: \($0)" }
        if warnings.count > 20 { out.append("  … and \(warnings.count - 20) more notes") }
        return out
    }

    /// `read 120, imported 118 (40 merged into turns), already present 0, skipped 2 (2 unreadable)`.
    public var countsLine: String {
        var line = "read \(read), imported \(imported)"
        if merged > 0 { line += " (\(merged) merged into turns)" }
        line += ", already present \(alreadyPresent), skipped \(skippedTotal)"
        let reasons = skippedByReason.sorted { $0.key.rawValue < $1.key.rawValue }
        if !reasons.isEmpty {
            line += " (" + reasons.map { "\($0.value) \($0.key.title)" }.joined(separator: ", ") + ")"
        }
        return line
    }

    private var recordWord: String {
        switch format {
        case .zoomChat: return records == 1 ? "message" : "messages"
        case .webVTT, .srt, .teamsDocx: return records == 1 ? "turn" : "turns"
        case .miroCSV, .miroList: return records == 1 ? "note" : "notes"
        }
    }
}

/// The events an import will append, in order, and its report. Nothing is
/// written by planning: the caller appends `payloads` in one transaction.
public struct ImportPlan: Sendable {
    public var payloads: [any EventPayload]
    public var report: ImportReport

    public var contributions: [ContributionLogged] { payloads.compactMap { $0 as? ContributionLogged } }
    public var isEmpty: Bool { payloads.isEmpty }
}
