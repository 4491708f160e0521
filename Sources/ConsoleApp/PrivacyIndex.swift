/// The console's view of identifier findings: the unresolved findings of every
/// contribution (kept up to date incrementally as the session changes) and the
/// findings in the input line (rescanned on each keystroke, the line only).
/// The scanner is built once per session and rebuilt only when its names
/// (linkage table, block-list) change; Privacy's `Redactor` decides what is
/// unresolved. A long log is scanned newest first: the newest `eagerCount`
/// when the console opens, the older ones a chunk per clock tick, so opening
/// a 10 000-contribution session does not wait for the whole scan.
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
    private var memoryNames: [String] = []
    private var memoryRejections: [RejectionKey] = []

    struct RejectionKey: Equatable, Sendable {
        var number: Int
        var span: TextSpan
        var label: IdentifierLabel
    }

    /// How many of the newest contributions are scanned at once when the console opens.
    public static let eagerCount = 1_000
    /// How many older ones each clock tick scans (a few tens of milliseconds).
    public static let chunk = 250

    public init(session: SessionState, eager: Int = PrivacyIndex.eagerCount) {
        redactor = Redactor(session: session)
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

    /// Scans up to `count` more of the older contributions not scanned yet.
    public mutating func scanOlder(_ session: SessionState, count: Int = PrivacyIndex.chunk) {
        var left = count
        while scannedFrom > 1 && left > 0 {
            scannedFrom -= 1
            left -= 1
            if let c = session.contribution(scannedFrom) { rescan(c) }
        }
        // On the clock tick after the last chunk there is nothing new to remember.
        if left < count { refreshMemory(session, changed: []) }
    }

    /// Rebuilds the session memory once every contribution is scanned; where it changed, finds its names again in
    /// every contribution, otherwise only in those in `changed`.
    private mutating func refreshMemory(_ session: SessionState, changed: Set<Int>) {
        guard isComplete else { return }
        var names: [String] = []
        for (n, found) in unresolved where session.contribution(n)?.attribution != .background {
            names += SessionMemory.worthRemembering(found)
        }
        names.sort()
        // The memory is built again only when what it is built from changed (names found, texts rejected).
        let sameInput = names == memoryNames && rejectionKey == memoryRejections
        if sameInput && changed.isEmpty { return }
        let now = sameInput ? memory : redactor.memory(of: names)
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

    /// Follows the session from `old` to `new`, rescanning only what changed.
    mutating func update(from old: SessionState, to new: SessionState) {
        let newNames = Self.names(new)
        let newRejections = Self.rejections(new)
        if newNames != names {
            // New names can add findings anywhere: rebuild and rescan (newest first).
            let input = inputText
            self = PrivacyIndex(session: new)
            inputText = ""
            scanInput(input)
            return
        }
        var recheck = Set<Int>()
        if newRejections != rejectionKey {
            redactor = Redactor(session: new)
            rejectionKey = newRejections
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
        let found = c.erased || c.struck ? [] : redactor.unresolved(c)
        unresolved[c.number] = found.isEmpty ? nil : found
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
