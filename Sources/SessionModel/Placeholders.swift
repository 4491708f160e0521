import Foundation

/// One placeholder numbering for every path that accepts a redaction (the
/// console's keys and palette, `convene redact`, the names a withdrawal or
/// anonymisation redacts first, on one session or across a study): each `RedactionAccepted`
/// records the number it was given against the latest state, so a later
/// withdrawal, which erases other redactions, never renumbers it, and the
/// console, `convene list`/`review` and every export show the same `[PERSON 2]`.
/// It lives in the model, beside the numbers the fold keeps, so every layer that
/// appends redactions (SessionActions, the erasure steps in SessionStore, a study)
/// numbers them the one way.
public enum Placeholders {
    /// `accepted` with `placeholder` set as the session numbers them now: a text
    /// already redacted keeps its number, a new one takes the next free number (the
    /// same new text twice in the batch gets one). A span that is already a literal
    /// placeholder (an erasure wrote it) keeps the number it shows; one that does not
    /// fit the contribution is left for the model to refuse in its own words.
    public static func numbered(_ accepted: [RedactionAccepted], in state: SessionState) -> [RedactionAccepted] {
        var items: [(label: IdentifierLabel, text: String)] = []
        var slots: [Int] = [] // index into `accepted` of each item
        for (i, e) in accepted.enumerated() where e.placeholder == nil {
            guard let c = state.contribution(e.number),
                let text = try? SessionState.slice(c.text, e.span, number: e.number),
                !isLiteral(text, e.label)
            else { continue }
            items.append((e.label, text))
            slots.append(i)
        }
        var out = accepted
        for (i, number) in zip(slots, state.placeholderNumbers(for: items)) { out[i].placeholder = number }
        return out
    }

    /// The numbered copy of any list of payloads: only `RedactionAccepted` changes.
    public static func numberedPayloads(_ payloads: [any EventPayload], in state: SessionState) -> [any EventPayload] {
        let accepted = payloads.compactMap { $0 as? RedactionAccepted }
        guard !accepted.isEmpty else { return payloads }
        var numbered = Self.numbered(accepted, in: state).makeIterator()
        return payloads.map { p in p is RedactionAccepted ? numbered.next()! : p }
    }

    /// `[WORD N]` for the label: a name an erasure already replaced by its placeholder.
    static func isLiteral(_ text: String, _ label: IdentifierLabel) -> Bool {
        let head = "[\(label.placeholderWord) "
        guard text.hasPrefix(head), text.hasSuffix("]") else { return false }
        return Int(text.dropFirst(head.count).dropLast()) != nil
    }
}
