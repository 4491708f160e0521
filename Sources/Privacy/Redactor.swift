/// Renders a contribution for anything that leaves the session: accepted
/// redactions become their numbered placeholders, every finding that was
/// neither accepted nor rejected is replaced by its label, and the session's
/// own names (real and block-listed) are replaced whatever was rejected, so
/// neither an unresolved identifier nor a participant's name reaches an export.
import Foundation
import SessionModel

public struct Redactor: Sendable {
    public let scanner: IdentifierScanner
    /// Texts a note-taker rejected as not identifying (remembered session-wide).
    private let rejected: Set<String>
    /// People, places and organisations a person accepted (`acceptedTerms`), for the session memory.
    private let accepted: [RememberedTerm]

    public init(session: SessionState) {
        scanner = IdentifierScanner(session: session)
        var rejected = Set<String>()
        for c in session.contributions where !c.erased {
            for r in c.rejections {
                if let t = try? SessionState.slice(c.text, r.span, number: c.number) { rejected.insert(t.lowercased()) }
            }
        }
        self.rejected = rejected
        accepted = Self.acceptedTerms(session)
    }

    /// The texts of accepted redactions the session memory holds (people, places, local organisations): a finding a
    /// person accepted is hunted everywhere, its parts too, as one nobody reviewed is.
    public static func acceptedTerms(_ session: SessionState) -> [RememberedTerm] {
        var out: [RememberedTerm] = []
        for c in session.contributions where !c.erased && !c.redactions.isEmpty {
            for r in c.redactions where SessionMemory.labels.contains(r.label) {
                if let t = try? SessionState.slice(c.text, r.span, number: c.number) {
                    out.append(RememberedTerm(t, r.label))
                }
            }
        }
        return out
    }

    /// Whether what `c` says teaches the session memory: every live contribution but background material, which
    /// never leaves and is never scanned for an export. One rule for the export gate, `review`, `redact`, the
    /// console and a study's overview (a contribution left out of an export for consent still names people).
    public static func teachesMemory(_ c: Contribution) -> Bool {
        !c.erased && !c.struck && c.attribution != .background
    }

    /// Findings in `c` not covered by an accepted redaction and not rejected.
    public func unresolved(_ c: Contribution) -> [Finding] { unresolved(c, findings: scanner.scan(c.text)) }

    /// The same, from `findings` the caller already has (`scanner.scan(c.text)`), so one scan serves several checks.
    public func unresolved(_ c: Contribution, findings: [Finding]) -> [Finding] {
        findings.filter { f in
            !c.redactions.contains { $0.span.start < f.span.end && f.span.start < $0.span.end }
                && !c.rejections.contains { $0.span == f.span && $0.label == f.label }
                && !rejected.contains(f.text.lowercased())
        }
    }

    /// The session memory (SessionMemory.swift) from the terms `worthRemembering` gave for each contribution's
    /// unresolved findings and the texts a person accepted (`accepted`: this redactor's session's, unless the caller
    /// has a later state), without any text a person rejected.
    public func memory(of terms: some Sequence<RememberedTerm>, accepted: [RememberedTerm]? = nil) -> SessionMemory {
        SessionMemory(terms: Array(terms) + (accepted ?? self.accepted), rejected: rejected)
    }

    /// What the session remembers of contribution `c`: its unresolved `likely` people, places and organisations.
    public func remembered(_ c: Contribution, findings: [Finding]) -> [RememberedTerm] {
        SessionMemory.worthRemembering(unresolved(c, findings: findings))
    }

    /// `c`'s unresolved findings, then the names `memory` holds that the text says elsewhere (not rejected here).
    public func unresolved(_ c: Contribution, findings: [Finding], memory: SessionMemory) -> [Finding] {
        let own = unresolved(c, findings: findings)
        guard !memory.isEmpty else { return own }
        // Not where an accepted redaction or one of the text's own findings already is.
        let besides = findings + c.redactions.map { Finding(label: $0.label, span: $0.span, text: "") }
        return own + unresolved(c, findings: memory.findings(in: c.text, besides: besides))
    }

    /// Every live contribution's unresolved findings with the session's memory applied, and that memory: what
    /// `convene review` lists and what `convene redact` numbers. Scans every contribution once.
    public func sessionFindings(_ s: SessionState) -> (findings: [Int: [Finding]], memory: SessionMemory) {
        var own: [Int: [Finding]] = [:]
        var names: [RememberedTerm] = []
        for c in s.contributions where !c.erased && !c.struck {
            let found = scanner.scan(c.text)
            own[c.number] = found
            if Self.teachesMemory(c) { names += remembered(c, findings: found) }
        }
        let memory = self.memory(of: names)
        var out: [Int: [Finding]] = [:]
        for c in s.contributions where !c.erased && !c.struck {
            let f = unresolved(c, findings: own[c.number] ?? [], memory: memory)
            if !f.isEmpty { out[c.number] = f }
        }
        return (out, memory)
    }

    public func exportText(_ c: Contribution) -> String { exportText(c, findings: scanner.scan(c.text)) }

    /// The same, from `findings` the caller already has (`scanner.scan(c.text)`).
    public func exportText(_ c: Contribution, findings: [Finding]) -> String {
        let spans = replacements(c, findings: findings)
        var out = Self.apply(spans, to: c.text)
        // A redaction that ends inside a word can leave a name standing on its own ("[PERSON 1]tyler"): a last pass over the result.
        let scalars = Array(c.text.unicodeScalars)
        func letter(_ k: Int) -> Bool { k >= 0 && k < scalars.count && Tokeniser.isWordScalar(scalars[k]) }
        let splitsAWord = spans.contains {
            letter($0.0.start - 1) && letter($0.0.start) || letter($0.0.end - 1) && letter($0.0.end)
        }
        for _ in 0..<(splitsAWord ? 2 : 0) {
            let names = scanner.scanSessionNames(out)
            if names.isEmpty { break }
            out = Self.apply(names.map { ($0.span, "[\(IdentifierLabel.person.placeholderWord)]") }, to: out)
        }
        return out
    }

    private func replacements(_ c: Contribution, findings: [Finding]) -> [(TextSpan, String)] {
        let scalars = Array(c.text.unicodeScalars)
        var replacements: [(TextSpan, String)] = c.redactions.filter {
            $0.span.start >= 0 && $0.span.start < $0.span.end && $0.span.end <= scalars.count
        }
        .map { ($0.span, $0.placeholder) }
        for f in unresolved(c, findings: findings) { replacements.append((f.span, "[\(f.label.placeholderWord)]")) }
        // Session names whatever was rejected or partly covered (the scan above already has them when nothing was resolved).
        if !(c.redactions.isEmpty && c.rejections.isEmpty && rejected.isEmpty) {
            for f in scanner.scanSessionNames(c.text) {
                replacements.append((f.span, "[\(IdentifierLabel.person.placeholderWord)]"))
            }
        }
        return replacements
    }

    /// Replaces spans (scalar offsets) with placeholders; overlapping spans merge into one.
    static func apply(_ replacements: [(TextSpan, String)], to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var replacements = replacements.filter { $0.0.start >= 0 && $0.0.start < $0.0.end && $0.0.end <= scalars.count }
        replacements.sort { ($0.0.start, -$0.0.end) < ($1.0.start, -$1.0.end) }
        var out = String.UnicodeScalarView()
        var at = 0
        var i = 0
        while i < replacements.count {
            var (span, placeholder) = replacements[i]
            if span.end <= at {
                i += 1
                continue
            }
            if span.start < at {
                span = TextSpan(start: at, end: span.end)
                placeholder = ""
            } // already replaced up to `at`
            // Overlapping replacements merge into one, so nothing between them survives.
            var end = span.end
            var j = i + 1
            while j < replacements.count, replacements[j].0.start < end {
                end = max(end, replacements[j].0.end)
                j += 1
            }
            out.append(contentsOf: scalars[at..<span.start])
            out.append(contentsOf: placeholder.unicodeScalars)
            at = end
            i = j
        }
        out.append(contentsOf: scalars[at...])
        return String(out)
    }
}
