/// The console's view of identifier findings: the unresolved findings of every
/// contribution (kept up to date incrementally as the session changes) and the
/// findings in the input line (rescanned on each keystroke, the line only).
/// The scanner is built once per session and rebuilt only when its names
/// (linkage table, block-list) change; Privacy's `Redactor` decides what is
/// unresolved.
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
    /// Findings in the input line as typed.
    public private(set) var input: [Finding] = []
    /// The text `input` was scanned from, so an unchanged line is not rescanned.
    private var inputText = ""

    struct RejectionKey: Equatable, Sendable { var number: Int; var span: TextSpan; var label: IdentifierLabel }

    public init(session: SessionState) {
        redactor = Redactor(session: session)
        names = Self.names(session)
        rejectionKey = Self.rejections(session)
        for c in session.contributions { rescan(c) }
    }

    /// Numbers of contributions with unresolved findings, in log order.
    public var contributionsToReview: [Int] { unresolved.keys.sorted() }
    public var unresolvedCount: Int { unresolved.values.reduce(0) { $0 + $1.count } }

    public func findings(_ number: Int) -> [Finding] { unresolved[number] ?? [] }

    /// Follows the session from `old` to `new`, rescanning only what changed.
    mutating func update(from old: SessionState, to new: SessionState) {
        let newNames = Self.names(new)
        let newRejections = Self.rejections(new)
        if newNames != names {
            // New names can add findings anywhere: rebuild and rescan all.
            self = PrivacyIndex(session: new)
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
        for (i, c) in new.contributions.enumerated() where i >= old.contributions.count || old.contributions[i] != c {
            recheck.insert(c.number)
        }
        for n in recheck { if let c = new.contribution(n) { rescan(c) } }
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
            let start = scalar, end = scalar + width
            out.append(findings.firstIndex { $0.span.start < end && start < $0.span.end })
            scalar = end
        }
        return out
    }
}
