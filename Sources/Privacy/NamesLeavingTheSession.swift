/// Redactions for names that are about to leave the session's lists. A
/// withdrawal takes the participant's real name out of the linkage table, and
/// anonymising destroys the table and the block-list; after that the export
/// gate can only catch those names if the scanner finds them unaided. So every
/// place they are still named is redacted first, while they are still known.
import Foundation
import SessionModel

public enum NamesLeavingTheSession {
    /// Accepted redactions for every PERSON finding that contains one of `names`
    /// (whole or a part of three letters or more, any case or accent) in a
    /// contribution that is not erased and not already redacted there.
    public static func redactions(for names: [String], in state: SessionState) -> [RedactionAccepted] {
        let parts = Set(
            names.flatMap { name -> [String] in
                let whole = fold(name.trimmingCharacters(in: .whitespaces))
                return [whole] + whole.split(whereSeparator: { !$0.isLetter }).map(String.init)
            }.filter { $0.count >= 3 })
        guard !parts.isEmpty else { return [] }
        let scanner = IdentifierScanner(names: names)
        var out: [RedactionAccepted] = []
        for c in state.contributions where !c.erased {
            // A finding is part of the text, so a text holding none of the parts has none to redact:
            // the scanner (the slow part) runs only where a name could be.
            let folded = fold(c.text)
            guard parts.contains(where: { folded.contains($0) }) else { continue }
            for f in scanner.scan(c.text) where f.label == .person {
                let words = Set(fold(f.text).split(whereSeparator: { !$0.isLetter }).map(String.init))
                guard parts.contains(fold(f.text)) || !words.isDisjoint(with: parts) else { continue }
                guard !c.redactions.contains(where: { $0.span.start < f.span.end && f.span.start < $0.span.end }) else {
                    continue
                }
                out.append(RedactionAccepted(number: c.number, span: f.span, label: .person))
            }
        }
        return out
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
