/// The console's view of identifier findings: the unresolved findings of every
/// contribution (kept up to date incrementally as the session changes) and the
/// findings in the input line (rescanned on each keystroke, the line only).
/// The scanner is built once per session and rebuilt only when its names
/// (linkage table, block-list) change; Privacy's `Redactor` decides what is
/// unresolved. A long log is scanned newest first: the newest `eagerCount`
/// when the console opens, the older ones a chunk per clock tick, so opening
/// a 10 000-contribution session does not wait for the whole scan.
/// Scans kept in the session file (an export's, or an earlier console's) stand for
/// scanning again when their check holds: a worker off the loop reads and checks them
/// (`requestKept`, `KeptScanRead`) and the result comes back as an action (`adoptKept`).
/// The scans this index makes go back to the runner (`takeScansToKeep`), which keeps
/// them in the file off the loop.
import Exporters
import Foundation
import Privacy
import SessionModel
import SessionStore

public struct PrivacyIndex: Sendable {
    private(set) var redactor: Redactor
    /// What the scanner was built from: the session's real and block-listed names.
    private var names: [String]
    /// What the redactor's session-wide rejected set was built from.
    private var rejectionKey: [RejectionKey]
    /// Where the session's accepted redactions are: what the scanner's accepted terms were built from.
    private var acceptedKey: [RejectionKey]
    /// Unresolved findings by contribution number (only contributions that have some).
    public private(set) var unresolved: [Int: [Finding]] = [:]
    /// Contributions numbered below this are not scanned yet (scanning goes downwards).
    public private(set) var scannedFrom = 1
    /// Contributions numbered from `scannedFrom` up to (not including) this were scanned by an earlier scanner,
    /// before an accepted redaction taught it a term: shown as they were until rescanned, newest first.
    private var staleTop = 0
    /// Findings in the input line as typed.
    public private(set) var input: [Finding] = []
    /// The text `input` was scanned from, so an unchanged line is not rescanned.
    private var inputText = ""
    /// The names the session remembers (Privacy/SessionMemory.swift), from every unresolved finding once all are
    /// scanned, and where other contributions say them, by number (after each one's own findings, as `review` lists).
    public private(set) var memory = SessionMemory.empty
    private(set) var remembered: [Int: [Finding]] = [:]
    /// What `memory` was built from, so an unchanged session does not build it again.
    private var memoryNames: [RememberedTerm] = []
    private var memoryRejections: [RejectionKey] = []
    /// Each scanned contribution's findings before redactions and rejections (only those with some):
    /// the implicit-identification warnings read them instead of scanning again.
    private var found: [Int: [Finding]] = [:]
    /// Special-category mentions of scanned contributions, where a kept row or a scan made for keeping gave them:
    /// the implicit-identification warnings read them instead of scanning the text again.
    private var special: [Int: [Finding]] = [:]
    /// Scans kept in the file, read and checked off the loop when the console opens, by contribution number,
    /// each with the text it was checked against; dropped once used up.
    private var kept: [Int: KeptScans.Checked] = [:]
    /// A worker is reading the kept scans: the background scan waits for them rather than scan what they hold.
    public private(set) var awaitingKept = false
    /// Counts the scanners this index was built with (across rebuilds), so kept scans checked against an
    /// earlier scanner are not used.
    private var generation = 0
    /// Whether fresh scans are collected for keeping (the runner sets it when the file keeps scans).
    public var collectsScans = false
    /// Contributions scanned afresh since the runner last took them.
    private var scannedToKeep: [ScannedText] = []
    /// Which contributions the implicit-identification check looks at (a rare role, quoted by role): a
    /// scan kept for one of them holds its special-category mentions too, as an export's does, so the
    /// export after a review need not scan it again.
    private var implicit: ImplicitIdentificationCheck

    struct RejectionKey: Equatable, Sendable {
        var number: Int
        var span: TextSpan
        var label: IdentifierLabel
    }

    /// How many of the newest contributions are scanned at once when the console opens.
    public static let eagerCount = 1_000
    /// How many older ones each clock tick scans (a few tens of milliseconds).
    public static let chunk = 250
    /// A kept scan costs a hash and a decode, a small part of a scan: this many count as one scan.
    static let keptPerScan = 64

    public init(session: SessionState, eager: Int = PrivacyIndex.eagerCount) {
        redactor = Redactor(session: session)
        implicit = ImplicitIdentificationCheck(state: session, scanner: redactor.scanner)
        names = Self.names(session)
        rejectionKey = Self.rejections(session)
        acceptedKey = Self.accepted(session)
        scannedFrom = session.contributions.count + 1
        scanOlder(session, count: eager)
    }

    /// Every contribution has been scanned.
    public var isComplete: Bool { scannedFrom <= 1 && staleTop <= scannedFrom }
    /// Contributions still waiting for the scan.
    public var pending: Int { scannedFrom - 1 + max(0, staleTop - scannedFrom) }

    /// Numbers of contributions with unresolved findings, in log order (those scanned so far).
    public var contributionsToReview: [Int] { Set(unresolved.keys).union(remembered.keys).sorted() }
    public var unresolvedCount: Int {
        unresolved.values.reduce(0) { $0 + $1.count } + remembered.values.reduce(0) { $0 + $1.count }
    }

    /// The unresolved findings of contribution `number`; one not scanned yet is scanned now (not stored).
    public func findings(_ number: Int, in session: SessionState) -> [Finding] {
        if number >= scannedFrom { return (unresolved[number] ?? []) + (remembered[number] ?? []) }
        guard let c = session.contribution(number), !c.erased, !c.struck else { return [] }
        return redactor.unresolved(c)
    }

    /// Scans up to `count` more of the older contributions not scanned yet (a contribution with a kept
    /// scan that passes its check costs a small part of one).
    public mutating func scanOlder(_ session: SessionState, count: Int = PrivacyIndex.chunk) {
        // What an earlier scanner scanned comes first: it is on screen, the rest is not yet.
        if staleTop > scannedFrom {
            rescanStale(session, count: count)
            if staleTop == 0 { refreshMemory(session, changed: [], everything: true) }
            return
        }
        // The kept scans are on their way: scanning what they hold meanwhile would only cost time.
        guard !awaitingKept else { return }
        let from = scannedFrom
        var left = count > Int.max / Self.keptPerScan ? Int.max : count * Self.keptPerScan
        while scannedFrom > 1 && left > 0 {
            scannedFrom -= 1
            guard let c = session.contribution(scannedFrom) else { continue }
            if readKept(c) {
                left -= 1
            } else {
                rescan(c)
                left -= Self.keptPerScan
            }
        }
        if scannedFrom <= 1 { dropKept() }
        // Then the memory, from what is newly scanned.
        if scannedFrom < from { refreshMemory(session, changed: []) }
    }

    /// Rescans up to `count` of the contributions an earlier scanner scanned, newest first.
    private mutating func rescanStale(_ session: SessionState, count: Int) {
        var left = count
        while staleTop > scannedFrom && left > 0 {
            staleTop -= 1
            if let c = session.contribution(staleTop) { rescan(c) }
            left -= 1
        }
        if staleTop <= scannedFrom { staleTop = 0 }
    }

    /// Rebuilds the session memory once every contribution is scanned; where it changed (or `everything` was
    /// scanned again), finds its names again in every contribution, otherwise only in those in `changed`.
    private mutating func refreshMemory(_ session: SessionState, changed: Set<Int>, everything: Bool = false) {
        guard isComplete else { return }
        var names: [RememberedTerm] = []
        for (n, found) in unresolved {
            guard let c = session.contribution(n), Redactor.teachesMemory(c) else { continue }
            names += SessionMemory.worthRemembering(found)
        }
        // What a person accepted, read from this state: the redactor is rebuilt only when an accepted text teaches
        // its scanner a new term, but every accepted person, place or organisation teaches the memory.
        names += Redactor.acceptedTerms(session)
        names.sort()
        // The memory is built again only when what it is built from changed (terms found, texts rejected).
        let sameInput = names == memoryNames && rejectionKey == memoryRejections
        if sameInput && changed.isEmpty && !everything { return }
        let now = sameInput ? memory : redactor.memory(of: names, accepted: [])
        memoryNames = names
        memoryRejections = rejectionKey
        let all = everything || now != memory
        memory = now
        if all { remembered = [:] }
        guard !now.isEmpty else { return }
        for c in session.contributions where all || changed.contains(c.number) {
            var hits: [Finding] = []
            if !c.erased && !c.struck {
                let own =
                    (unresolved[c.number] ?? [])
                    + c.redactions.map { Finding(label: $0.label, span: $0.span, text: "") }
                hits = redactor.unresolved(c, findings: now.findings(in: c.text, besides: own))
            }
            remembered[c.number] = hits.isEmpty ? nil : hits
        }
    }

    /// Takes in the older contributions whose kept scans pass their check, stopping at the first
    /// that would need scanning (the review screen does this as it opens: cheap, whatever the session's size).
    public mutating func readKeptOlder(_ session: SessionState) {
        let from = scannedFrom
        while scannedFrom > 1, !kept.isEmpty, let c = session.contribution(scannedFrom - 1), readKept(c) {
            scannedFrom -= 1
        }
        if scannedFrom <= 1 { dropKept() }
        if scannedFrom < from { refreshMemory(session, changed: []) }
    }

    /// What a worker needs to read the scans kept in the session file and check each against the
    /// contribution's text and this index's scanner (nil when every contribution is scanned already).
    /// Until `adoptKept` takes the result, the background scan waits for it.
    public mutating func requestKept(_ session: SessionState) -> KeptScanRead? {
        guard scannedFrom > 1 else { return nil }
        awaitingKept = true
        return KeptScanRead(
            scanner: redactor.scanner, generation: generation, session: session, below: scannedFrom)
    }

    /// The kept scans a worker read and checked; used for contributions not scanned yet whose text is still the
    /// one checked. A result for an earlier scanner (names changed meanwhile) is dropped.
    public mutating func adoptKept(_ result: KeptScans) {
        awaitingKept = false
        guard result.generation == generation, scannedFrom > 1 else { return }
        kept = result.scans
    }

    /// The fresh scans made since the last call, with the scanner that made them, for the runner to keep.
    mutating func takeScansToKeep() -> ScansToKeep? {
        guard !scannedToKeep.isEmpty else { return nil }
        defer { scannedToKeep = [] }
        return ScansToKeep(scanner: redactor.scanner, scans: scannedToKeep)
    }

    /// Contribution `number`'s findings before redactions and rejections, when it is scanned already.
    func scanned(_ number: Int) -> [Finding]? { number >= scannedFrom ? found[number] ?? [] : nil }

    /// Contribution `number`'s special-category mentions, when a kept row or a scan gave them.
    func specialCategories(_ number: Int) -> [Finding]? { number >= scannedFrom ? special[number] : nil }

    /// Uses `c`'s kept scan if there is one for its text as it is; false when `c` must be scanned.
    private mutating func readKept(_ c: Contribution) -> Bool {
        guard !kept.isEmpty else { return false }
        if c.erased || c.struck {
            rescan(c) // nothing to scan
            return true
        }
        // Checked off the loop against the text as it was then: an edit since makes it no scan of this text.
        guard let scan = kept.removeValue(forKey: c.number), scan.text == c.text else { return false }
        apply(c, scan.findings)
        special[c.number] = scan.special
        return true
    }

    private mutating func dropKept() { kept = [:] }

    /// Follows the session from `old` to `new`, rescanning only what changed.
    mutating func update(from old: SessionState, to new: SessionState) {
        let newNames = Self.names(new)
        let newRejections = Self.rejections(new)
        let newAccepted = Self.accepted(new)
        if newNames != names {
            // New names can add findings anywhere: rebuild and rescan (newest first). Scans not yet
            // kept were made by the old scanner: dropped (a row's check names its scanner, but why write it).
            let input = inputText
            let collects = collectsScans
            let next = generation + 1
            self = PrivacyIndex(session: new)
            generation = next
            collectsScans = collects
            inputText = ""
            scanInput(input)
            return
        }
        var recheck = Set<Int>()
        if newAccepted != acceptedKey {
            acceptedKey = newAccepted
            // An accepted text can teach the scanner a term, found after that wherever it is said (the export
            // gate's scanner does the same): everything scanned is scanned again, the newest (on screen) now.
            let scanner = IdentifierScanner(session: new)
            if scanner.identity != redactor.scanner.identity {
                redactor = Redactor(session: new)
                implicit = ImplicitIdentificationCheck(state: new, scanner: redactor.scanner)
                rejectionKey = newRejections
                scannedToKeep = []
                generation += 1
                dropKept()
                staleTop = new.contributions.count + 1
                rescanStale(new, count: PrivacyIndex.eagerCount)
                let line = inputText
                inputText = ""
                scanInput(line)
                if staleTop == 0 { refreshMemory(new, changed: [], everything: true) }
            }
        }
        if old.participants != new.participants {
            implicit = ImplicitIdentificationCheck(state: new, scanner: redactor.scanner)
        }
        if newRejections != rejectionKey {
            let before = redactor.scanner.identity
            redactor = Redactor(session: new)
            implicit = ImplicitIdentificationCheck(state: new, scanner: redactor.scanner)
            rejectionKey = newRejections
            // The scans waiting to be kept name the scanner that made them: the new one may differ. So may
            // the one the kept scans were checked against (the background scan then does without them).
            if redactor.scanner.identity != before {
                scannedToKeep = []
                generation += 1
                dropKept()
            }
            // A rejection is remembered session-wide, but it can only remove
            // findings: only contributions that have some need a second look.
            recheck.formUnion(unresolved.keys)
        }
        // Contributions not scanned yet are left to the background scan.
        let oldCount = old.contributions.count
        for i in max(0, scannedFrom - 1)..<new.contributions.count
        where i >= oldCount || old.contributions[i] != new.contributions[i] {
            recheck.insert(new.contributions[i].number)
        }
        for n in recheck where n >= scannedFrom { if let c = new.contribution(n) { rescan(c) } }
        refreshMemory(new, changed: recheck)
        // The input line's findings depend only on the scanner (scanned again above when it changed).
    }

    /// Rescans the input line when its text changed (one line: cheap on every key).
    mutating func scanInput(_ text: String) {
        guard text != inputText else { return }
        inputText = text
        input = text.isEmpty ? [] : redactor.scanner.scan(text)
    }

    private mutating func rescan(_ c: Contribution) {
        // Struck and erased contributions never reach an export; nothing to review.
        guard !c.erased && !c.struck else {
            unresolved[c.number] = nil
            found[c.number] = nil
            special[c.number] = nil
            return
        }
        let scan = redactor.scanner.scan(c.text)
        apply(c, scan)
        special[c.number] = nil
        if collectsScans {
            let mentions = implicit.applies(to: c) ? redactor.scanner.specialCategories(c.text) : nil
            special[c.number] = mentions
            scannedToKeep.append(ScannedText(number: c.number, text: c.text, findings: scan, special: mentions))
        }
    }

    private mutating func apply(_ c: Contribution, _ scan: [Finding]) {
        found[c.number] = scan.isEmpty ? nil : scan
        let left = redactor.unresolved(c, findings: scan)
        unresolved[c.number] = left.isEmpty ? nil : left
        if let hits = remembered[c.number] {
            // The memory's hits stand only where the text's own findings and redactions do not (as when it is
            // built); until it is built again (after a scan of everything), a new finding there replaces a hit.
            let taken = scan.map(\.span) + c.redactions.map(\.span)
            let still = hits.filter { h in !taken.contains { $0.start < h.span.end && h.span.start < $0.end } }
            remembered[c.number] = still.isEmpty ? nil : still
        }
    }

    private static func names(_ s: SessionState) -> [String] { s.linkage.values.sorted() + s.blocklist }

    private static func accepted(_ s: SessionState) -> [RejectionKey] {
        var out: [RejectionKey] = []
        for c in s.contributions where !c.erased {
            for r in c.redactions { out.append(RejectionKey(number: c.number, span: r.span, label: r.label)) }
        }
        return out
    }

    private static func rejections(_ s: SessionState) -> [RejectionKey] {
        var out: [RejectionKey] = []
        for c in s.contributions where !c.erased {
            for r in c.rejections { out.append(RejectionKey(number: c.number, span: r.span, label: r.label)) }
        }
        return out
    }
}

extension PrivacyIndex: Equatable {
    public static func == (a: PrivacyIndex, b: PrivacyIndex) -> Bool {
        a.names == b.names && a.rejectionKey == b.rejectionKey && a.unresolved == b.unresolved && a.input == b.input
            && a.scannedFrom == b.scannedFrom && a.staleTop == b.staleTop && a.remembered == b.remembered
    }
}

/// What a worker needs to read the file's kept scans off the loop (the runner's `readKeptScans` effect):
/// the scanner to check them against and the texts of the contributions not scanned yet.
public struct KeptScanRead: Sendable {
    let scanner: IdentifierScanner
    let generation: Int
    let session: SessionState
    /// Only contributions numbered below this are wanted (the rest are scanned already).
    let below: Int
    /// How many numbers one read of the file covers: the file is not held long from the loop's own reads.
    static let page = 4_096

    /// Reads the kept scans a page at a time and checks each (a SHA-256 and a decode): the worker's part.
    /// Unreadable or missing rows are no kept scans (the index then scans those contributions).
    public func perform(journal: any SessionJournal) -> KeptScans {
        var out: [Int: KeptScans.Checked] = [:]
        guard let file = journal as? SQLiteJournal, file.keepsScans, below > 1 else {
            return KeptScans(generation: generation, scans: out)
        }
        let check = ScanMemoCheck(scanner: scanner)
        var low = 1
        while low < below {
            let high = min(below - 1, low + Self.page - 1)
            guard let rows = try? file.storedScanBatch(low...high) else { break }
            for k in 0..<rows.count {
                guard let c = session.contribution(rows.numbers[k]), !c.erased, !c.struck,
                    let scan = check.read(rows[k], text: c.text)
                else { continue }
                out[c.number] = KeptScans.Checked(text: c.text, findings: scan.findings, special: scan.special)
            }
            low = high + 1
        }
        return KeptScans(generation: generation, scans: out)
    }
}

/// The kept scans a worker read and checked, for the index to take in (`.keptScansRead`).
public struct KeptScans: Sendable {
    struct Checked: Sendable {
        /// The text the scan was checked against (the contribution's, when the worker read it).
        var text: String
        var findings: [Finding]
        /// Its special-category mentions, when the row holds them (the implicit-identification check asked).
        var special: [Finding]?
    }
    let generation: Int
    let scans: [Int: Checked]
    public var count: Int { scans.count }
}

/// One contribution's text as the console's index scanned it.
struct ScannedText: Sendable {
    var number: Int
    var text: String
    var findings: [Finding]
    /// Its special-category mentions, when the implicit-identification check may ask for them.
    var special: [Finding]?
}

/// Scans the console made, to keep in the session file (the runner does it off the loop): the
/// next export, or the next console's review screen, reads them instead of scanning again.
public struct ScansToKeep: Sendable {
    let scanner: IdentifierScanner
    let scans: [ScannedText]
    public var count: Int { scans.count }

    /// The rows, each with its check, and the text each was made from (the store writes a row only
    /// if its contribution still has that text).
    public func rows() -> (ScanBatch, [String]) {
        let memo = ScanMemoCheck(scanner: scanner)
        var batch = ScanBatch()
        for s in scans {
            batch.append(memo.store(TextScan(findings: s.findings, special: s.special), number: s.number, text: s.text))
        }
        return (batch, scans.map(\.text))
    }
}

/// Unicode-scalar spans (what Privacy reports) turned into character indexes
/// (what the input line and the grid hold).
enum ScalarSpans {
    /// For each character of `characters`, the index of the finding covering it (or nil).
    static func coverage(_ characters: [Character], _ findings: [Finding]) -> [Int?] {
        guard !findings.isEmpty else { return Array(repeating: nil, count: characters.count) }
        var out: [Int?] = []
        out.reserveCapacity(characters.count)
        var scalar = 0
        for ch in characters {
            let width = ch.unicodeScalars.count
            let start = scalar
            let end = scalar + width
            out.append(findings.firstIndex { $0.span.start < end && start < $0.span.end })
            scalar = end
        }
        return out
    }
}
