import Foundation
import SessionModel

/// Renders a contribution for anything that leaves the session: accepted
/// redactions become their numbered placeholders, and every finding that was
/// neither accepted nor rejected is replaced by its label, so an unresolved
/// identifier never reaches an export.
public struct Redactor: Sendable {
    public let scanner: IdentifierScanner
    /// Texts a note-taker rejected as not identifying (remembered session-wide).
    private let rejected: Set<String>

    public init(session: SessionState) {
        scanner = IdentifierScanner(session: session)
        var rejected = Set<String>()
        for c in session.contributions where !c.erased {
            for r in c.rejections { if let t = try? SessionState.slice(c.text, r.span, number: c.number) { rejected.insert(t.lowercased()) } }
        }
        self.rejected = rejected
    }

    /// Findings in `c` not covered by an accepted redaction and not rejected.
    public func unresolved(_ c: Contribution) -> [Finding] {
        scanner.scan(c.text).filter { f in
            !c.redactions.contains { $0.span.start < f.span.end && f.span.start < $0.span.end }
                && !c.rejections.contains { $0.span == f.span && $0.label == f.label }
                && !rejected.contains(f.text.lowercased())
        }
    }

    public func exportText(_ c: Contribution) -> String {
        var replacements: [(TextSpan, String)] = c.redactions.map { ($0.span, $0.placeholder) }
        for f in unresolved(c) { replacements.append((f.span, "[\(f.label.placeholderWord)]")) }
        replacements.sort { $0.0.start < $1.0.start }
        let scalars = Array(c.text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var at = 0
        for (span, placeholder) in replacements where span.start >= at && span.end <= scalars.count {
            out.append(contentsOf: scalars[at..<span.start])
            out.append(contentsOf: placeholder.unicodeScalars)
            at = span.end
        }
        out.append(contentsOf: scalars[at...])
        return String(out)
    }
}
