/// How redaction placeholders are numbered per session: the same label and
/// text keep their number (`[PERSON 1]` is the same person across the log), a
/// new one takes the next. The reducer assigns them; the console previews them.
import Foundation

extension SessionState {
    public static func placeholderKey(label: IdentifierLabel, text: String) -> String {
        label.rawValue + "\u{1F}" + text.lowercased()
    }

    static func placeholderSlot(_ label: IdentifierLabel, _ number: Int) -> String { label.rawValue + "#\(number)" }

    /// The numbers a batch of findings accepted together would get now: a text already
    /// redacted keeps its number, a new text takes the next free one (the same new text
    /// twice in the batch gets one number). Recorded in `RedactionAccepted.placeholder`.
    public func placeholderNumbers(for items: [(label: IdentifierLabel, text: String)]) -> [Int] {
        var counters = placeholderCounters
        var fresh: [String: Int] = [:]
        let taken = placeholderTaken ?? []
        return items.map { item in
            let key = Self.placeholderKey(label: item.label, text: item.text)
            if let known = placeholderNumbers[key] ?? fresh[key] { return known }
            var next = (counters[item.label.rawValue] ?? 0) + 1
            while taken.contains(Self.placeholderSlot(item.label, next)) { next += 1 }
            counters[item.label.rawValue] = next
            fresh[key] = next
            return next
        }
    }

    /// The placeholder accepting `text` as `label` would give now (nothing changes).
    public func placeholderPreview(label: IdentifierLabel, text: String) -> String {
        let number =
            placeholderNumbers[Self.placeholderKey(label: label, text: text)]
            ?? ((placeholderCounters[label.rawValue] ?? 0) + 1)
        return "[\(label.placeholderWord) \(number)]"
    }
}
