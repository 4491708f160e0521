/// Physical replacement of names leaving a session: when a participant's real
/// name leaves the linkage table (withdrawal) or every real and block-listed
/// name is destroyed (anonymisation), each place those names are still written
/// — other people's contributions, edits, redaction records, concern
/// descriptions, notes — is rewritten with the name's placeholder. Pure: journal
/// events in, new payloads out; the store seals and records them.
import Foundation
import SessionModel

/// Where a name occurs in a text, in Unicode scalar offsets (end exclusive).
public struct NameOccurrence: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// Where the names of a session stand in a text, by the one rule the export gate uses (docs/privacy.md, "Names that
/// are everyday words"): the full name and every part that is not an everyday word anywhere, in any case or accent,
/// even glued to digits; a part that is an everyday word (Fab, Will, Grace) only where it stands as a name. The
/// gate (`Redactor`) and the physical replacement of leaving names (`NameReplacement`) both match with this, so
/// what a withdrawal or anonymisation rewrites is exactly what an export would have hidden.
public struct NameMatcher: Sendable {
    let scanner: IdentifierScanner
    public init(names: [String]) { scanner = IdentifierScanner(names: names) }
    /// No name to look for.
    public var isEmpty: Bool { scanner.sessionNames.isEmpty }
    /// Every occurrence in `text`, in text order, no overlaps.
    public func occurrences(in text: String) -> [NameOccurrence] {
        scanner.scanSessionNames(text).map { NameOccurrence(start: $0.span.start, end: $0.span.end) }.sorted {
            $0.start < $1.start
        }
    }
}

public enum NameOccurrences {
    /// Every occurrence of one of `names` by the gate's rule (`NameMatcher`).
    public static func find(_ names: [String], in text: String) -> [NameOccurrence] {
        NameMatcher(names: names).occurrences(in: text)
    }
}

/// What replacing names changed in one journal row, for the receipt.
public struct NameRewriteChange: Sendable, Equatable {
    public var seq: Int
    /// In words: "contribution #4", "an edit of #4", "concern 2", "a redaction record of #4"…
    public var what: String
    public var places: Int
}

/// The outcome of a rewrite: new payloads by journal position, and what changed where.
public struct NameRewrite: Sendable {
    public var payloads: [Int: any EventPayload] = [:]
    public var changes: [NameRewriteChange] = []
    public var isEmpty: Bool { payloads.isEmpty }
}

public enum NameReplacement {
    /// Rewrites every payload in `events` (journal position and event, erased
    /// ones as `ErasedEvent`) that still holds one of `names`, replacing each
    /// occurrence with its placeholder: the number `state` gave that text
    /// (`[PERSON 2]`), or `[PERSON]` where it was never redacted. A redaction
    /// whose covered text holds a name is replaced whole by its placeholder,
    /// and every span in the same text is moved to match, so the state folds
    /// to the same numbering as before.
    public static func rewrite(
        _ events: [(seq: Int, event: SessionEvent)], names: [String],
        state: SessionState
    ) throws -> NameRewrite {
        var out = NameRewrite()
        let matcher = NameMatcher(names: names)
        guard !matcher.isEmpty else { return out }
        // Pass 1: each text version of each contribution (the logged text, then each
        // edit), with the redaction records that refer to it.
        struct Version {
            var seq: Int
            var number: Int
            var text: String
            var marks: [Int] = []
        }
        var versions: [Version] = []
        var current: [Int: Int] = [:] // contribution number -> index in versions
        var contributionCount = 0
        var concernCount = 0
        var others: [(Int, SessionEvent, String)] = []
        for (seq, event) in events {
            switch event.payload {
            case let e as ContributionLogged:
                contributionCount += 1
                current[contributionCount] = versions.count
                versions.append(Version(seq: seq, number: contributionCount, text: e.text))
            case is ErasedEvent:
                if event.kind == ContributionLogged.kind {
                    contributionCount += 1
                    current[contributionCount] = nil
                }
                if event.kind == ConcernRaised.kind { concernCount += 1 }
            case let e as ContributionEdited:
                current[e.number] = versions.count
                versions.append(Version(seq: seq, number: e.number, text: e.text))
            case let e as RedactionAccepted:
                if let v = current[e.number] {
                    versions[v].marks.append(seq)
                } else {
                    others.append((seq, event, "a redaction record of #\(e.number)"))
                }
            case let e as RedactionRejected:
                if let v = current[e.number] {
                    versions[v].marks.append(seq)
                } else {
                    others.append((seq, event, "a redaction record of #\(e.number)"))
                }
            case is FacilitatorAdded, is RealNameRecorded, is BlocklistNameAdded:
                continue // names of the team, and the lists the erasure itself clears
            case is ConcernRaised:
                concernCount += 1
                others.append((seq, event, "safeguarding concern \(concernCount)"))
            default:
                others.append((seq, event, describe(event)))
            }
        }
        let payloadAt = Dictionary(events.map { ($0.seq, $0.event.payload) }, uniquingKeysWith: { a, _ in a })
        // Pass 2: rewrite each text version and move the spans that refer to it.
        for version in versions {
            let scalars = Array(version.text.unicodeScalars)
            var regions: [(start: Int, end: Int, placeholder: String)] = []
            for seq in version.marks {
                guard let r = payloadAt[seq] as? RedactionAccepted, r.span.start >= 0, r.span.start < r.span.end,
                    r.span.end <= scalars.count
                else { continue }
                let covered = String(String.UnicodeScalarView(scalars[r.span.start..<r.span.end]))
                guard !matcher.occurrences(in: covered).isEmpty else { continue }
                regions.append((r.span.start, r.span.end, placeholder(for: covered, label: r.label, state: state)))
            }
            for occ in matcher.occurrences(in: version.text) {
                let text = String(String.UnicodeScalarView(scalars[occ.start..<occ.end]))
                regions.append((occ.start, occ.end, placeholder(for: text, label: .person, state: state, names: names)))
            }
            // Keep the widest region first where they overlap.
            regions.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
            var chosen: [(start: Int, end: Int, placeholder: String)] = []
            for r in regions where !chosen.contains(where: { $0.start < r.end && r.start < $0.end }) {
                chosen.append(r)
            }
            chosen.sort { $0.start < $1.start }
            guard !chosen.isEmpty else { continue }
            var newScalars: [Unicode.Scalar] = []
            var mapped: [(start: Int, end: Int, newStart: Int, newEnd: Int)] = []
            var cursor = 0
            for r in chosen {
                newScalars += scalars[cursor..<r.start]
                let newStart = newScalars.count
                newScalars += Array(r.placeholder.unicodeScalars)
                mapped.append((r.start, r.end, newStart, newScalars.count))
                cursor = r.end
            }
            newScalars += scalars[cursor...]
            let newText = String(String.UnicodeScalarView(newScalars))
            func move(_ p: Int, isEnd: Bool) -> Int {
                var delta = 0
                for m in mapped {
                    if p <= m.start { break }
                    if p < m.end || (isEnd && p == m.end) { return isEnd ? m.newEnd : m.newStart }
                    delta = m.newEnd - m.end
                }
                return p + delta
            }
            func moved(_ span: TextSpan) -> TextSpan {
                TextSpan(start: move(span.start, isEnd: false), end: move(span.end, isEnd: true))
            }
            guard let textPayload = payloadAt[version.seq] else { continue }
            switch textPayload {
            case var e as ContributionLogged:
                e.text = newText
                out.payloads[version.seq] = e
                out.changes.append(
                    NameRewriteChange(seq: version.seq, what: "contribution #\(version.number)", places: chosen.count))
            case var e as ContributionEdited:
                e.text = newText
                out.payloads[version.seq] = e
                out.changes.append(
                    NameRewriteChange(seq: version.seq, what: "an edit of #\(version.number)", places: chosen.count))
            default: continue
            }
            for seq in version.marks {
                guard let mark = payloadAt[seq] else { continue }
                switch mark {
                case var r as RedactionAccepted:
                    let span = moved(r.span)
                    guard span != r.span else { continue }
                    r.span = span
                    out.payloads[seq] = r
                    out.changes.append(
                        NameRewriteChange(seq: seq, what: "a redaction record of #\(version.number)", places: 1))
                case var r as RedactionRejected:
                    let span = moved(r.span)
                    let reason = replaced(r.reason, names: names, state: state, matcher: matcher)
                    guard span != r.span || reason.places > 0 else { continue }
                    r.span = span
                    r.reason = reason.text
                    out.payloads[seq] = r
                    out.changes.append(
                        NameRewriteChange(
                            seq: seq, what: "a redaction record of #\(version.number)", places: max(1, reason.places)))
                default: continue
                }
            }
        }
        // Pass 3: free text anywhere else (concern descriptions, notes, reasons, titles…).
        for (seq, event, what) in others {
            guard let done = try rewriteFreeText(event, names: names, state: state, matcher: matcher) else { continue }
            out.payloads[seq] = done.0
            out.changes.append(NameRewriteChange(seq: seq, what: what, places: done.1))
        }
        out.changes.sort { $0.seq < $1.seq }
        return out
    }

    /// JSON keys that hold free text a person typed (never codes, enums or numbers).
    static let freeTextKeys: Set<String> = [
        "text", "description", "note", "reason", "title", "prompt", "prompts", "reference", "to",
        "fileName", "overrideReason", "name", "items", "segments", "codes",
    ]

    static func rewriteFreeText(
        _ event: SessionEvent, names: [String], state: SessionState,
        matcher: NameMatcher
    ) throws -> (any EventPayload, Int)? {
        let data = try EventCodec.encode(event.payload)
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return nil }
        var places = 0
        func walk(_ value: Any, key: String?) -> Any {
            if let s = value as? String, let key, freeTextKeys.contains(key) {
                let r = replaced(s, names: names, state: state, matcher: matcher)
                places += r.places
                return r.text
            }
            if let a = value as? [Any] { return a.map { walk($0, key: key) } }
            if let d = value as? [String: Any] {
                var copy: [String: Any] = [:]
                for (k, v) in d { copy[k] = walk(v, key: k) }
                return copy
            }
            return value
        }
        let rewritten = walk(object, key: nil)
        guard places > 0 else { return nil }
        let newData = try JSONSerialization.data(withJSONObject: rewritten, options: [.sortedKeys])
        let payload = try EventCodec.decode(kind: event.kind, version: event.version, data: newData)
        return (payload, places)
    }

    /// `text` with every occurrence of `names` replaced by its placeholder.
    public static func replaced(
        _ text: String, names: [String], state: SessionState,
        matcher: NameMatcher? = nil
    ) -> (text: String, places: Int) {
        let found = (matcher ?? NameMatcher(names: names)).occurrences(in: text)
        guard !found.isEmpty else { return (text, 0) }
        let scalars = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var cursor = 0
        for occ in found {
            out += scalars[cursor..<occ.start]
            let word = String(String.UnicodeScalarView(scalars[occ.start..<occ.end]))
            out += Array(placeholder(for: word, label: .person, state: state, names: names).unicodeScalars)
            cursor = occ.end
        }
        out += scalars[cursor...]
        return (String(String.UnicodeScalarView(out)), found.count)
    }

    /// The placeholder the session already gave this text (or, for a part of a
    /// name, the one it gave the whole name), else the label's bare word.
    static func placeholder(for text: String, label: IdentifierLabel, state: SessionState, names: [String] = [])
        -> String
    {
        if let n = state.placeholderNumbers[SessionState.placeholderKey(label: label, text: text)] {
            return "[\(label.placeholderWord) \(n)]"
        }
        let part = IdentifierScanner.nameKeys(text)
        for name in names where !part.isEmpty && IdentifierScanner.nameKeys(name).contains(run: part) {
            if let n = state.placeholderNumbers[SessionState.placeholderKey(label: .person, text: name)] {
                return "[\(IdentifierLabel.person.placeholderWord) \(n)]"
            }
        }
        return "[\(label.placeholderWord)]"
    }

    static func describe(_ event: SessionEvent) -> String {
        let data = (try? EventCodec.encode(event.payload)) ?? Data()
        if let d = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let n = d["number"] as? Int {
            return "\(event.kind) of #\(n)"
        }
        return event.kind
    }
}

extension Array where Element: Equatable {
    /// Whether `run` occurs in this array as consecutive elements.
    func contains(run: [Element]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return false }
        return (0...(count - run.count)).contains { Array(self[$0..<($0 + run.count)]) == run }
    }
}
