/// The console's view of identifier findings: the unresolved findings of every
/// contribution (kept up to date incrementally as the session changes) and the
/// findings in the input line (rescanned on each keystroke, the line only).
/// The scanner is built once per session and rebuilt only when its names
/// (linkage table, block-list) change; Privacy's `Redactor` decides what is
/// unresolved. A long log is scanned newest first: the newest `eagerCount`
/// when the console opens, the older ones a chunk per clock tick, so opening
/// a 10 000-contribution session does not wait for the whole scan.
/// Scans kept in the session file (an export's, or an earlier console's) stand for
/// scanning again when their check holds; the scans this index makes go back to the
/// runner (`takeScansToKeep`), which keeps them in the file off the loop.
import Exporters
import Foundation
import Privacy
import SessionModel

public struct PrivacyIndex: Sendable {
    private(set) var redactor: Redactor
    /// What the scanner was built from: the session's real and block-listed names.
    private var names: [String]
    /// What the redactor's session-wide rejected set was built from.
    private var rejectionKey: [RejectionKey]
    /// Unresolved findings by contribution number (only contributions that have some).
    public private(set) var unresolved: [Int: [Finding]] = [:]
    /// Contributions numbered below this are not scanned yet (scanning goes downwards).
    public private(set) var scannedFrom = 1
    /// Findings in the input line as typed.
    public private(set) var input: [Finding] = []
    /// The text `input` was scanned from, so an unchanged line is not rescanned.
    private var inputText = ""
    /// The names the session remembers (Privacy/SessionMemory.swift), from every unresolved finding once all are
    /// scanned, and where other contributions say them, by number (after each one's own findings, as `review` lists).
    public private(set) var memory = SessionMemory.empty
    private var remembered: [Int: [Finding]] = [:]
    /// What `memory` was built from, so an unchanged session does not build it again.
    private var memoryNames: [RememberedTerm] = []
    private var memoryRejections: [RejectionKey] = []
    /// Each scanned contribution's findings before redactions and rejections (only those with some):
    /// the implicit-identification warnings read them instead of scanning again.
    private var found: [Int: [Finding]] = [:]
    /// Scans kept in the file, in number order, read when the console opens; dropped once used up.
    private var kept = ScanBatch()
    private var keptCheck: ScanMemoCheck?
    /// Where the walk down `kept` stands (scanning goes downwards, so rows are met in reverse order).
    private var keptCursor = 0
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
        scannedFrom = session.contributions.count + 1
        scanOlder(session, count: eager)
    }

    /// Every contribution has been scanned.
    public var isComplete: Bool { scannedFrom <= 1 }
    /// Contributions still waiting for the scan.
    public var pending: Int { scannedFrom - 1 }

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

    /// Rebuilds the session memory once every contribution is scanned; where it changed, finds its names again in
    /// every contribution, otherwise only in those in `changed`.
    private mutating func refreshMemory(_ session: SessionState, changed: Set<Int>) {
        guard isComplete else { return }
        var names: [RememberedTerm] = []
        for (n, found) in unresolved {
            guard let c = session.contribution(n), Redactor.teachesMemory(c) else { continue }
            names += SessionMemory.worthRemembering(found)
        }
        // What a person accepted, read from this state: the redactor is not rebuilt when a redaction is accepted.
        names += Redactor.acceptedTerms(session)
        names.sort()
        // The memory is built again only when what it is built from changed (terms found, texts rejected).
        let sameInput = names == memoryNames && rejectionKey == memoryRejections
        if sameInput && changed.isEmpty { return }
        let now = sameInput ? memory : redactor.memory(of: names, accepted: [])
        memoryNames = names
        memoryRejections = rejectionKey
        let all = now != memory
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
        while scannedFrom > 1, keptCheck != nil, let c = session.contribution(scannedFrom - 1), readKept(c) {
            scannedFrom -= 1
        }
        if scannedFrom <= 1 { dropKept() }
        if scannedFrom < from { refreshMemory(session, changed: []) }
    }

    /// The scans kept in the session file, read when the console opens; each is used only if its check holds
    /// for this index's scanner and the contribution's text as it is.
    public mutating func adoptKept(_ rows: ScanBatch) {
        guard rows.count > 0, scannedFrom > 1 else { return }
        kept = rows
        keptCursor = rows.count - 1
        keptCheck = ScanMemoCheck(scanner: redactor.scanner)
    }

    /// The fresh scans made since the last call, with the scanner that made them, for the runner to keep.
    mutating func takeScansToKeep() -> ScansToKeep? {
        guard !scannedToKeep.isEmpty else { return nil }
        defer { scannedToKeep = [] }
        return ScansToKeep(scanner: redactor.scanner, scans: scannedToKeep)
    }

    /// Contribution `number`'s findings before redactions and rejections, when it is scanned already.
    func scanned(_ number: Int) -> [Finding]? { number >= scannedFrom ? found[number] ?? [] : nil }

    /// Uses `c`'s kept scan if there is one and its check holds; false when `c` must be scanned.
    private mutating func readKept(_ c: Contribution) -> Bool {
        guard let check = keptCheck else { return false }
        if c.erased || c.struck {
            rescan(c) // nothing to scan
            return true
        }
        while keptCursor >= 0 && kept.numbers[keptCursor] > c.number { keptCursor -= 1 }
        guard keptCursor >= 0, kept.numbers[keptCursor] == c.number,
            let scan = check.read(kept[keptCursor], text: c.text)
        else { return false }
        apply(c, scan.findings)
        return true
    }

    private mutating func dropKept() {
        kept = ScanBatch()
        keptCheck = nil
    }

    /// Follows the session from `old` to `new`, rescanning only what changed.
    mutating func update(from old: SessionState, to new: SessionState) {
        let newNames = Self.names(new)
        let newRejections = Self.rejections(new)
        if newNames != names {
            // New names can add findings anywhere: rebuild and rescan (newest first). Scans not yet
            // kept were made by the old scanner: dropped (a row's check names its scanner, but why write it).
            let input = inputText
            let collects = collectsScans
            self = PrivacyIndex(session: new)
            collectsScans = collects
            inputText = ""
            scanInput(input)
            return
        }
        var recheck = Set<Int>()
        if old.participants != new.participants {
            implicit = ImplicitIdentificationCheck(state: new, scanner: redactor.scanner)
        }
        if newRejections != rejectionKey {
            redactor = Redactor(session: new)
            implicit = ImplicitIdentificationCheck(state: new, scanner: redactor.scanner)
            rejectionKey = newRejections
            // The scans waiting to be kept name the scanner that made them: the new one may differ.
            scannedToKeep = []
            if keptCheck != nil { keptCheck = ScanMemoCheck(scanner: redactor.scanner) }
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
        // The input line's findings depend only on the scanner, which did not change.
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
            return
        }
        let scan = redactor.scanner.scan(c.text)
        apply(c, scan)
        if collectsScans {
            let special = implicit.applies(to: c) ? redactor.scanner.specialCategories(c.text) : nil
            scannedToKeep.append(ScannedText(number: c.number, text: c.text, findings: scan, special: special))
        }
    }

    private mutating func apply(_ c: Contribution, _ scan: [Finding]) {
        found[c.number] = scan.isEmpty ? nil : scan
        let left = redactor.unresolved(c, findings: scan)
        unresolved[c.number] = left.isEmpty ? nil : left
    }

    private static func names(_ s: SessionState) -> [String] { s.linkage.values.sorted() + s.blocklist }

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
            && a.scannedFrom == b.scannedFrom && a.remembered == b.remembered
    }
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
