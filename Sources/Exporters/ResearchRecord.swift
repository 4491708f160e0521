/// Exporters owns getting data out of a session: the research record (the one
/// gate every research format goes through) and the formats built on it, plus
/// the safeguarding register on its own.
import Foundation
import Privacy
import SessionModel

/// Everything a research export may contain, and nothing else: no real names,
/// no block-listed names, no struck, erased, unconsented or direct-message
/// contributions, and no field that could hold a safeguarding concern.
public struct ResearchRecord: Codable, Equatable, Sendable {
    public struct Session: Codable, Equatable, Sendable {
        public var id: String, title: String, study: String?, strand: String?, platform: String, date: String
        /// When the session file was created and when its last event happened.
        public var startedAt: Date, endedAt: Date
        public var codebook: String
    }
    public struct Person: Codable, Equatable, Sendable {
        public var code: String, role: String, orgType: String?, strand: String?
    }
    public struct RoomInfo: Codable, Equatable, Sendable { public var id: Int, name: String }
    public struct Round: Codable, Equatable, Sendable {
        public var number: Int, minutes: Int, prompt: String?, startedAt: Date, endedAt: Date?
    }
    public struct GuideSegment: Codable, Equatable, Sendable {
        public var index: Int, title: String, prompts: [String], minutes: Int?
    }
    public struct Code: Codable, Equatable, Sendable { public var name: String, description: String?, emergent: Bool }
    public struct ThemeInfo: Codable, Equatable, Sendable {
        public var number: Int, title: String, contributions: [Int]
    }
    public struct Entry: Codable, Equatable, Sendable {
        public var number: Int
        public var occurredAt: Date
        public var room: String
        public var roomId: Int
        public var round: Int?
        public var guideSegment: String?
        public var guideIndex: Int?
        public var source: String
        public var speaker: String?
        /// What a quote may carry under the Chatham House Rule: a job role,
        /// "Participant", "Facilitator", or nil for background material.
        public var speakerLabel: String?
        public var attribution: String
        public var quotable: Bool
        public var form: String
        /// The redacted text; for background material only `ResearchGate.withheld`.
        public var text: String
        public var codes: [String]
        public var replyTo: [Int]
        /// In a study export: the session it came from and its number there (absent for one session).
        public var session: String? = nil
        public var sessionNumber: Int? = nil
    }
    /// One line of the process log: what was done to run the session well.
    /// Never a concern, never a name.
    public struct ProcessEntry: Codable, Equatable, Sendable { public var at: Date, kind: String, detail: String }
    public struct Process: Codable, Equatable, Sendable {
        public var consentRecorded: Int
        public var confidentialityReminders: Int
        public var redactions: Int
        public var withdrawals: Int
        public var excludedStruck: Int
        public var excludedWithoutConsent: Int
        public var excludedWithdrawn: Int
        /// Consent checks, confidentiality reminders, rounds, withdrawals, in time order.
        public var log: [ProcessEntry]
    }

    public var format = "convene-research-export"
    /// Schema version (docs/exports.md). 2: rooms by id, guide prompts, session times, process log.
    public var version = 2
    public var session: Session
    public var participants: [Person]
    public var rooms: [RoomInfo]
    public var rounds: [Round]
    public var guide: [GuideSegment]
    public var codebook: [Code]
    public var themes: [ThemeInfo]
    /// Compact: an `Entry` is made when it is read (see `EntryList`).
    public var contributions: EntryList
    public var process: Process
    /// Where the journal ended when the export was made (`convene check --against EXPORT`); absent when the
    /// record was built without a journal (benchmarks, tests, a study export).
    public var journalHead: ExportJournalHead? = nil
    /// A study export's heads, one per session in manifest order (`convene check SESSION --against EXPORT`
    /// picks the session's own); absent for a single session, so its bytes are as they were.
    public var journalHeads: [ExportJournalHead]? = nil

    /// Every head the export records, each written where its format allows.
    public var recordedHeads: [ExportJournalHead] { (journalHead.map { [$0] } ?? []) + (journalHeads ?? []) }
}

/// Where the gate reads a session's contributions from: the state's own array,
/// or a store reading them a page at a time (so a long session is never whole
/// in memory while it is exported).
public protocol ContributionPageSource {
    /// How many contributions there are (for progress).
    var count: Int { get }
    /// Every contribution with an accepted redaction or a rejected finding, in
    /// number order: the scanner and the redactor learn the session's accepted
    /// and rejected terms from these before the first page is read.
    func marked() throws -> [Contribution]
    /// Calls `body` with every contribution in number order, a page at a time.
    func forEachPage(_ body: ([Contribution]) throws -> Void) throws
    /// The same, with the scans an earlier export kept for the page's contributions, by number
    /// (Privacy/ScanMemo.swift; each is checked before it is used).
    func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws
    /// Keeps the scans this export made, for the next export of the same texts.
    func keepScans(_ scans: ScanBatch) throws
}

extension ContributionPageSource {
    /// A source that keeps no scans.
    public func forEachPageWithScans(_ body: ([Contribution], [Int: StoredScan]) throws -> Void) throws {
        try forEachPage { try body($0, [:]) }
    }
    public func keepScans(_ scans: ScanBatch) throws {}
}

/// A state's own contributions as pages.
public struct StatePages: ContributionPageSource {
    let contributions: [Contribution]
    var pageSize = 2_048
    public init(contributions: [Contribution]) { self.contributions = contributions }
    public var count: Int { contributions.count }
    public func marked() -> [Contribution] {
        contributions.filter { !$0.redactions.isEmpty || !$0.rejections.isEmpty }
    }
    public func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        for start in stride(from: 0, to: contributions.count, by: pageSize) {
            try body(Array(contributions[start..<min(contributions.count, start + pageSize)]))
        }
    }
}

/// Whom the gate warns about implicit identification, and how a role counts as rare: a session on its own
/// (its exported contributions, its own role holders), or a session of a study (`study`): the holders of each
/// role counted across the study, and every live role-attributed contribution judged, exported or not, exactly
/// as `ImplicitIdentification.warnings(in:roleHolders:scope:)` judges a whole state.
public struct ImplicitIdentificationScope: Sendable {
    /// Holders of each role (by `ImplicitIdentification.normalised` role), replacing the session's own count.
    public var roleHolders: [String: Int]?
    /// "session" or "study", in the warning's words.
    public var scope: String
    /// Also judge contributions the export leaves out for consent.
    public var everyContribution: Bool

    /// One session exported on its own.
    public static let session = ImplicitIdentificationScope(
        roleHolders: nil, scope: "session", everyContribution: false)
    /// A session of a study whose roles are held by `roleHolders` across the study.
    public static func study(roleHolders: [String: Int]) -> ImplicitIdentificationScope {
        ImplicitIdentificationScope(roleHolders: roleHolders, scope: "study", everyContribution: true)
    }
}

/// The gate: the one function that turns a session into research data.
public enum ResearchGate {
    /// What stands in for the words of background material (Chatham House:
    /// it informs findings and is never quoted, so its text never leaves).
    public static let withheld = "[background — not for quotation]"
    /// What stands in for the words of a participant who did not consent to being quoted.
    public static let withheldByConsent = "[not for quotation — consent]"

    /// `progress` gets fractions from 0 to 1 as contributions are rendered
    /// (redaction is the slow part of a long session).
    public static func record(_ s: SessionState, progress: ((Double) -> Void)? = nil) -> ResearchRecord {
        prepare(s, progress: progress).record
    }

    /// The record and the implicit-identification warnings of the contributions
    /// it holds, from one pass: each contribution's text is scanned once, for
    /// its redaction and for the warning.
    public static func prepare(_ s: SessionState, progress: ((Double) -> Void)? = nil)
        -> (record: ResearchRecord, warnings: [ImplicitIdentificationWarning])
    {
        do { return try prepare(s, pages: StatePages(contributions: s.contributions), progress: progress) } catch {
            preconditionFailure("a state's own pages cannot fail: \(error)")
        }
    }

    /// The same, with the contributions read from `pages` (`s` may then hold
    /// none: everything else the gate needs is in the rest of the state). The
    /// bytes are the same as from a state holding them all.
    /// `implicit`: whose roles count as rare and which contributions are judged (a study's session: `.study`).
    public static func prepare(
        _ s: SessionState, pages: some ContributionPageSource, implicit scope: ImplicitIdentificationScope = .session,
        progress: ((Double) -> Void)? = nil
    ) throws
        -> (record: ResearchRecord, warnings: [ImplicitIdentificationWarning])
    {
        try prepare(s, pages: pages, implicit: scope, progress: progress, entries: nil)
    }

    /// The record without anything the contributions decide (no contributions, themes or process; the session
    /// ending where it began): participants, rooms, rounds, guide and codebook, as the gate's record holds them.
    /// A study export merges these before the session's first contribution.
    public static func outline(_ s: SessionState) -> ResearchRecord { outline(s, names: NameScrubber(s)) }

    static func outline(_ s: SessionState, names: NameScrubber) -> ResearchRecord {
        let info = s.info
        let start = info?.createdAt ?? Date(timeIntervalSince1970: 0)
        return ResearchRecord(
            session: .init(
                id: info?.sessionID.uuidString.lowercased() ?? "", title: names.scrub(info?.title ?? ""),
                study: info?.study.map(names.scrub),
                strand: info?.strand, platform: info?.platform.rawValue ?? "", date: info?.date ?? "",
                startedAt: start, endedAt: start, codebook: names.scrub(s.codebook.name)),
            // Only those who consented took part in the research: a participant the export leaves out for
            // consent is not listed either (their code, role and organisation are research data too).
            participants: s.orderedParticipants.filter { !$0.withdrawn && s.consentStatus($0).isConsented }.map {
                .init(
                    code: $0.code, role: names.scrub($0.jobRole), orgType: $0.organisationType?.rawValue,
                    strand: $0.strand)
            },
            rooms: s.rooms.map { .init(id: $0.id, name: names.scrub($0.name)) },
            rounds: s.rounds.map {
                .init(
                    number: $0.number, minutes: $0.minutes, prompt: $0.prompt.map(names.scrub), startedAt: $0.startedAt,
                    endedAt: $0.endedAt)
            },
            guide: s.guide.segments.enumerated().map {
                .init(
                    index: $0.offset, title: names.scrub($0.element.title),
                    prompts: $0.element.prompts.map(names.scrub), minutes: $0.element.minutes)
            },
            codebook: s.codebook.entries.map {
                .init(name: names.scrub($0.name), description: $0.description.map(names.scrub), emergent: $0.emergent)
            },
            themes: [], contributions: [],
            process: .init(
                consentRecorded: 0, confidentialityReminders: 0, redactions: 0, withdrawals: 0, excludedStruck: 0,
                excludedWithoutConsent: 0, excludedWithdrawn: 0, log: []))
    }

    /// The same pass, each included entry handed to `consume` in number order once the session's memory pass is
    /// done, instead of kept: the record then comes back without contributions (a study export merges them straight
    /// into its own list).
    public static func prepare(
        _ s: SessionState, pages: some ContributionPageSource, implicit scope: ImplicitIdentificationScope = .session,
        progress: ((Double) -> Void)? = nil, entries consume: ((ResearchRecord.Entry) -> Void)?
    ) throws
        -> (record: ResearchRecord, warnings: [ImplicitIdentificationWarning])
    {
        let info = s.info
        let names = NameScrubber(s)
        // The scanner and the redactor read only contributions with redactions or rejections.
        var terms = s
        terms.contributions = try pages.marked()
        let redactor = Redactor(session: terms)
        let implicit = ImplicitIdentificationCheck(
            state: terms, scanner: redactor.scanner, roleHolders: scope.roleHolders, scope: scope.scope)
        // With nothing found, redacted or rejected anywhere, the redactor gives the text back as it is:
        // most contributions skip building it again.
        let noRejections = terms.contributions.allSatisfy { $0.rejections.isEmpty }
        // Scrubbed once, not once per contribution.
        let roomNames = Dictionary(s.rooms.map { ($0.id, names.scrub($0.name)) }, uniquingKeysWith: { a, _ in a })
        let guideTitles = s.guide.segments.map { names.scrub($0.title) }
        let roles = s.participants.mapValues { names.scrub($0.jobRole) }
        // Each speaker's consent, worked out once (the checklist is read per participant, not per contribution).
        let consents = s.participants.mapValues { s.consentStatus($0) }
        let memo = ScanMemoCheck(scanner: redactor.scanner)

        /// A study judges a contribution left out for consent too (`ImplicitIdentificationScope.everyContribution`).
        @Sendable func leftOutWarning(_ c: Contribution, stored: StoredScan?) -> ImplicitIdentificationWarning? {
            guard scope.everyContribution, implicit.applies(to: c) else { return nil }
            return implicit.warning(for: c, findings: memo.read(stored, text: c.text)?.findings)
        }

        /// One contribution through the gate: nil when it is left out, with the reason.
        /// `stored`: the scan an earlier export kept for it, used only if its check holds.
        /// What a contribution the export leaves out teaches the session memory (`Redactor.teachesMemory`: it still
        /// names people where others say them bare), with its scan to keep when one was made.
        @Sendable func leftOut(_ c: Contribution, stored: StoredScan?, _ result: GateResult) -> GateResult {
            guard Redactor.teachesMemory(c) else { return result }
            var result = result
            if let scan = memo.read(stored, text: c.text) {
                result.remembered = redactor.remembered(c, findings: scan.findings)
            } else {
                let findings = redactor.scanner.scan(c.text)
                result.remembered = redactor.remembered(c, findings: findings)
                result.kept = memo.store(TextScan(findings: findings), number: c.number, text: c.text)
            }
            return result
        }

        @Sendable func pass(_ c: Contribution, stored: StoredScan?) -> GateResult {
            if c.erased { return GateResult() }
            if c.directMessage { return leftOut(c, stored: stored, GateResult()) }
            if c.struck { return GateResult(left: .struck) }
            // The checklist decides: a missing required item is no consent; a missing
            // optional item applies its effect (docs/data-protection.md, "Consent").
            var neverQuoted = false
            if let code = c.speaker {
                guard let p = s.participant(code), !p.withdrawn else {
                    return leftOut(c, stored: stored, GateResult(left: .withdrawn))
                }
                let consent = consents[p.code] ?? s.consentStatus(p)
                if !consent.isConsented || (c.source == .verbal && consent.effects.contains(.verbalWithheld)) {
                    return leftOut(
                        c, stored: stored, GateResult(left: .withoutConsent, warning: leftOutWarning(c, stored: stored))
                    )
                }
                neverQuoted = consent.effects.contains(.neverQuoted)
            }
            let label: String?
            switch (c.source, c.attribution) {
            case (_, .background): label = nil
            case (.facilitator, _): label = "Facilitator"
            case (.whiteboard, _): label = "Whiteboard (anonymous)"
            case (_, .role): label = c.speaker.flatMap { roles[$0.uppercased()] } ?? "Participant"
            case (_, .anonymous): label = "Participant"
            }
            let segment = c.guideSegment.flatMap { guideTitles.indices.contains($0) ? $0 : nil }
            // Background words never leave, so they are not scanned; otherwise one scan serves both checks,
            // and is kept for the next export (or read from the last one's, when its check holds).
            var scan: TextScan?
            var scanned = false
            if c.attribution != .background {
                scan = memo.read(stored, text: c.text)
                if scan == nil {
                    scan = TextScan(findings: redactor.scanner.scan(c.text))
                    scanned = true
                }
            }
            let findings = scan?.findings ?? []
            let warning =
                implicit.applies(to: c)
                ? implicit.warning(
                    for: c, findings: findings,
                    special: {
                        if let special = scan?.special { return special }
                        let special = redactor.scanner.specialCategories(c.text)
                        scan?.special = special
                        scanned = true
                        return special
                    }) : nil
            let kept = scanned ? scan.map { memo.store($0, number: c.number, text: c.text) } : nil
            let remembered = findings.isEmpty ? [] : redactor.remembered(c, findings: findings)
            return GateResult(
                remembered: remembered,
                entry: ResearchRecord.Entry(
                    number: c.number, occurredAt: c.occurredAt,
                    room: roomNames[c.room] ?? names.scrub(s.roomName(c.room)), roomId: c.room, round: c.round,
                    guideSegment: segment.map { guideTitles[$0] }, guideIndex: segment,
                    source: c.source.rawValue, speaker: c.speaker, speakerLabel: label,
                    attribution: c.attribution.rawValue,
                    quotable: c.attribution != .background && !neverQuoted, form: c.form.rawValue,
                    text: c.attribution == .background
                        ? withheld
                        : neverQuoted
                            ? withheldByConsent
                            : names.scrub(
                                findings.isEmpty && noRejections && c.redactions.isEmpty
                                    ? c.text : redactor.exportText(c, findings: findings)),
                    codes: c.codes.map(names.scrub), replyTo: c.replyTo), warning: warning, kept: kept)
        }

        // Redaction is the slow part of a long session: each page is cut into
        // chunks that run on every core, and put back in contribution order.
        var excludedStruck = 0
        var excludedConsent = 0
        var excludedWithdrawn = 0
        var entries = EntryList()
        if consume == nil { entries.reserveCapacity(pages.count) }
        var warnings: [ImplicitIdentificationWarning] = []
        var included = Set<Int>()
        var lastSaid: Date?
        var redactions = 0
        var done = 0
        var kept = ScanBatch()
        var remembered: [RememberedTerm] = []
        let chunk = 256
        try pages.forEachPageWithScans({ page, stored in
            let chunks = (page.count + chunk - 1) / chunk
            let results = ChunkResults(count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                results.set(
                    k, page[(k * chunk)..<min(page.count, (k + 1) * chunk)].map { pass($0, stored: stored[$0.number]) })
            }
            for c in page {
                redactions += c.redactions.count
                if lastSaid.map({ c.occurredAt > $0 }) ?? true { lastSaid = c.occurredAt }
            }
            for part in results.all {
                for r in part {
                    if let e = r.entry {
                        entries.append(e)
                        included.insert(e.number)
                    }
                    if let w = r.warning { warnings.append(w) }
                    if let k = r.kept { kept.append(k) }
                    remembered += r.remembered
                    switch r.left {
                    case .struck: excludedStruck += 1
                    case .withoutConsent: excludedConsent += 1
                    case .withdrawn: excludedWithdrawn += 1
                    case nil: break
                    }
                }
            }
            done += page.count
            progress?(Double(done) / Double(max(1, pages.count)))
        })
        // Best effort: an export that cannot keep its scans is still the export (the next one scans again).
        if kept.count > 0 { try? pages.keepScans(kept) }
        // Session memory: a name found confidently in one contribution is hidden wherever another says it.
        SessionMemoryPass.hide(redactor.memory(of: remembered), in: &entries)
        // A study export takes the entries only now, after the memory pass: handed over as they were made, a name
        // found in a later contribution would stay in clear in an earlier one. One session's entries are held.
        if let consume {
            for e in entries { consume(e) }
            entries = EntryList()
        }
        var log: [ResearchRecord.ProcessEntry] = []
        // Only those who took part in the research: a code the export leaves out for consent is not named here.
        for p in s.orderedParticipants where !p.withdrawn && (consents[p.code] ?? s.consentStatus(p)).isConsented {
            if let consent = p.consent {
                log.append(
                    .init(
                        at: consent.at, kind: "consent",
                        detail: "\(p.code): consent checked (\(Counted.text(consent.items.count, "item")))"))
            }
        }
        for r in s.reminders {
            log.append(
                .init(
                    at: r.at, kind: "reminder",
                    detail: "Confidentiality reminder" + (r.contribution.map { " after #\($0)" } ?? "")))
        }
        for r in s.rounds {
            log.append(
                .init(
                    at: r.startedAt, kind: "round",
                    detail: "Round \(r.number) started (\(Counted.text(r.minutes, "minute")))"))
            if let end = r.endedAt { log.append(.init(at: end, kind: "round", detail: "Round \(r.number) ended")) }
        }
        for w in s.withdrawals {
            log.append(
                .init(
                    at: w.at, kind: "withdrawal",
                    detail: "A participant withdrew; \(w.erased.count) contribution(s) erased"))
        }
        // Stable order: by time, then kind, then text.
        log.sort { ($0.at, $0.kind, $0.detail) < ($1.at, $1.kind, $1.detail) }
        let start = info?.createdAt ?? Date(timeIntervalSince1970: 0)
        // The end is the last thing that happened in the session itself, not the
        // last event: recording an export or opening a console must not change
        // the next export's bytes.
        let end =
            ([start] + (lastSaid.map { [$0] } ?? []) + s.rounds.compactMap(\.endedAt) + s.rounds.map(\.startedAt)
            + s.reminders.map(\.at) + s.withdrawals.map(\.at) + log.map(\.at)).max() ?? start
        var record = outline(s, names: names)
        record.session.endedAt = end
        record.themes = s.themes.filter { !$0.title.isEmpty }.map {
            .init(
                number: $0.number, title: names.scrub($0.title),
                contributions: $0.contributions.filter(included.contains))
        }
        record.contributions = entries
        record.process = .init(
            consentRecorded: s.orderedParticipants.filter { s.consentStatus($0).isConsented && !$0.withdrawn }.count,
            confidentialityReminders: s.reminders.count,
            redactions: redactions, withdrawals: s.withdrawals.count,
            excludedStruck: excludedStruck, excludedWithoutConsent: excludedConsent,
            excludedWithdrawn: excludedWithdrawn, log: log)
        return (record, warnings)
    }
}

/// One contribution through the gate: its entry (nil when left out), why it
/// was left out, and its implicit-identification warning.
struct GateResult: Sendable {
    /// What the session remembers from this contribution (`Redactor.remembered`), for the memory pass.
    var remembered: [RememberedTerm] = []
    var entry: ResearchRecord.Entry?
    var left: Exclusion?
    var warning: ImplicitIdentificationWarning?
    /// The scan this pass made, to keep for the next export (nil when it read a kept one).
    var kept: StoredScan?
}

enum Exclusion: Sendable { case struck, withoutConsent, withdrawn }

/// The gate's last pass (Privacy/SessionMemory.swift): after every contribution has been through the gate, each
/// quoted text is searched for the terms the session remembers, and any found is replaced by its label (`[PERSON]`,
/// `[PLACE]`, `[ORGANISATION]`). It reads
/// the texts the gate made, so the scans it kept stay valid for the next export.
enum SessionMemoryPass {
    static func hide(_ memory: SessionMemory, in entries: inout EntryList) {
        guard !memory.isEmpty, !entries.isEmpty else { return }
        let chunk = 2_048
        let chunks = (entries.count + chunk - 1) / chunk
        let results = MemoryHits(count: chunks)
        let list = entries
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var hits: [(Int, ResearchRecord.Entry)] = []
            for i in (k * chunk)..<min(list.count, (k + 1) * chunk) {
                guard list.withQuotedText(at: i, { $0 && memory.mayOccur(utf8: $1) }) else { continue }
                var e = list[i]
                let hidden = memory.hide(e.text)
                if hidden != e.text {
                    e.text = hidden
                    hits.append((i, e))
                }
            }
            results.set(k, hits)
        }
        for (i, e) in results.all.joined() { entries.replace(at: i, with: e) }
    }

    /// Per-chunk hits, filled from several threads, one slot each.
    final class MemoryHits: @unchecked Sendable {
        private var slots: [[(Int, ResearchRecord.Entry)]]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ k: Int, _ value: [(Int, ResearchRecord.Entry)]) {
            lock.lock()
            slots[k] = value
            lock.unlock()
        }
        var all: [[(Int, ResearchRecord.Entry)]] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }
}

/// Per-chunk results of the gate, filled from several threads, one slot each.
final class ChunkResults: @unchecked Sendable {
    private var slots: [[GateResult]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ k: Int, _ value: [GateResult]) {
        lock.lock()
        slots[k] = value
        lock.unlock()
    }
    var all: [[GateResult]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// Replaces every real name and block-listed name (whole, and each part of
/// three letters or more) with `[PERSON]`, whatever the case: a last line of
/// defence behind redaction, so a name the note-taker missed still never leaves.
struct NameScrubber: Sendable {
    private let patterns: [String]
    /// The first run of letters of each pattern, folded: a text whose folded
    /// form does not contain it cannot match, so most texts skip the slow search.
    private let firstRuns: [String]

    init(_ s: SessionState) {
        var all = Set<String>()
        for name in Array(s.linkage.values) + s.blocklist {
            all.insert(name)
            for part in name.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }) where part.count >= 3 {
                all.insert(String(part))
            }
            // And each run of letters: either half of "Lacey-Mae", "Neil" of "O'Neil" (typed alone, or with ’).
            for part in name.split(whereSeparator: { !$0.isLetter }) where part.count >= 3 { all.insert(String(part)) }
        }
        patterns = all.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        firstRuns = patterns.map { Self.runs(Self.fold($0)).first.map(String.init) ?? "" }
    }

    static func fold(_ s: String) -> String {
        // Most text is ASCII: lower-casing its bytes is the whole fold, without Foundation.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
    static func runs(_ s: String) -> [Substring] { s.split(whereSeparator: { !$0.isLetter }) }

    /// Whether `needle` occurs anywhere in `haystack` (bytes of native UTF-8:
    /// a cheap, conservative test before the real search).
    static func occurs(_ needle: String, in haystack: inout String) -> Bool {
        var needle = needle
        haystack.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        return haystack.utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { n in
                guard n.count > 0 else { return true }
                guard h.count >= n.count else { return false }
                let first = n[0]
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }.flatMap { $0 } ?? haystack.contains(needle)
    }

    func scrub(_ text: String) -> String {
        guard !patterns.isEmpty, !text.isEmpty else { return text }
        var folded = Self.fold(text)
        var result = text
        for (name, first) in zip(patterns, firstRuns) where first.isEmpty || Self.occurs(first, in: &folded) {
            var searchStart = result.startIndex
            while let r = result.range(
                of: name, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<result.endIndex)
            {
                let before = r.lowerBound == result.startIndex ? nil : result[result.index(before: r.lowerBound)]
                let after = r.upperBound == result.endIndex ? nil : result[r.upperBound]
                if before?.isLetter == true || after?.isLetter == true {
                    searchStart = r.upperBound
                    continue
                }
                result.replaceSubrange(r, with: "[PERSON]")
                searchStart = result.index(r.lowerBound, offsetBy: 8, limitedBy: result.endIndex) ?? result.endIndex
            }
        }
        return result
    }
}
