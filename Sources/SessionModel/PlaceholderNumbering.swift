/// How redaction placeholders are numbered per session: the same label and
/// text keep their number (`[PERSON 1]` is the same person across the log), a
/// new one takes the next. The reducer assigns them; the console previews them.
import Foundation

extension SessionState {
    public static func placeholderKey(label: IdentifierLabel, text: String) -> String {
        label.rawValue + "\u{1F}" + text.lowercased()
    }

    /// The placeholder accepting `text` as `label` would give now (nothing changes).
    public func placeholderPreview(label: IdentifierLabel, text: String) -> String {
        let number = placeholderNumbers[Self.placeholderKey(label: label, text: text)] ?? ((placeholderCounters[label.rawValue] ?? 0) + 1)
        return "[\(label.placeholderWord) \(number)]"
    }
}
