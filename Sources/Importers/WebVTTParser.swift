import Foundation
import SessionModel

/// One cue of a WebVTT transcript, split per voice: a Teams cue that holds two
/// `<v>` voices becomes two cues with the same times.
public struct TranscriptCue: Sendable, Equatable {
    /// The line of the cue's timing (`00:00:01.000 --> …`).
    public var line: Int
    /// The cue identifier if the file gives one (Teams: a GUID with a `/n-m` suffix).
    public var id: String?
    /// Seconds from the start of the recording.
    public var start: TimeInterval
    public var end: TimeInterval
    /// The speaker's display name, if the cue names one.
    public var speaker: String?
    public var text: String
    public init(line: Int, id: String? = nil, start: TimeInterval, end: TimeInterval, speaker: String?, text: String) {
        self.line = line; self.id = id; self.start = start; self.end = end; self.speaker = speaker; self.text = text
    }
}

/// Consecutive cues of one speaker, merged: what becomes one contribution.
public struct TranscriptTurn: Sendable, Equatable {
    public var line: Int
    public var speaker: String?
    public var start: TimeInterval
    public var end: TimeInterval
    public var text: String
    public var cues: Int
}

public struct WebVTTTranscript: Sendable, Equatable {
    public var cues: [TranscriptCue] = []
    public var skipped: [LineIssue] = []
    public var warnings: [LineIssue] = []
    public var lineCount = 0

    /// Merges consecutive cues of one speaker (Teams writes a cue per sentence).
    /// A turn stops growing before `maxCharacters` (the journal's limit for one
    /// contribution) and, if `maxGap` is given, at a pause longer than it.
    public func turns(maxCharacters: Int = TextLimits.contribution, maxGap: TimeInterval? = nil) -> [TranscriptTurn] {
        var out = [TranscriptTurn]()
        for cue in cues {
            if var last = out.last, last.speaker == cue.speaker,
               last.text.utf8.count + 1 + cue.text.utf8.count <= maxCharacters,
               maxGap.map({ cue.start - last.end <= $0 }) ?? true {
                last.text += " " + cue.text
                last.end = max(last.end, cue.end)
                last.cues += 1
                out[out.count - 1] = last
            } else {
                out.append(TranscriptTurn(line: cue.line, speaker: cue.speaker, start: cue.start, end: cue.end, text: cue.text, cues: 1))
            }
        }
        return out
    }
}

/// Reads WebVTT transcripts as Teams and Zoom write them:
///
///     WEBVTT
///
///     3f1c…a9/17-0
///     00:02:11.480 --> 00:02:14.200
///     <v Alex Smith>We had a referral last week.</v>
///
///     12
///     00:02:15.000 --> 00:02:18.000
///     Jamie Doe: And it went nowhere.
///
/// Timestamps `HH:MM:SS.mmm` or `MM:SS.mmm`; NOTE, STYLE and REGION blocks are
/// skipped; a byte-order mark and CRLF are fine. A block with a broken timing
/// line is reported and skipped.
public enum WebVTTParser {
    private enum State {
        case start, header, between, skipping
        case afterID(line: Int, id: String)
        case payload
    }

    private struct RawCue {
        var line: Int, id: String?, start: TimeInterval, end: TimeInterval
        var lines: [String]
    }

    public static func parse(_ string: String) -> WebVTTTranscript { parse(ImportText(string)) }

    public static func parse(_ text: ImportText) -> WebVTTTranscript {
        var out = WebVTTTranscript()
        var raw = [RawCue]()
        var state = State.start
        var current: RawCue?
        var lastStart: TimeInterval?

        func finishCue() {
            if let c = current { raw.append(c) }
            current = nil
        }
        func beginCue(_ line: UnsafeBufferPointer<UInt8>, number: Int, id: String?) -> Bool {
            switch timing(line) {
            case .success(let t):
                var end = t.end
                if end < t.start {
                    out.warnings.append(LineIssue(line: number, reason: "the cue ends before it starts"))
                    end = t.start
                }
                if let last = lastStart, t.start < last {
                    out.warnings.append(LineIssue(line: number, reason: "the cue starts before the one above it"))
                }
                lastStart = t.start
                current = RawCue(line: number, id: id, start: t.start, end: end, lines: [])
                state = .payload
                return true
            case .failure(let reason):
                out.skipped.append(LineIssue(line: number, reason: reason))
                state = .skipping
                return false
            }
        }

        func startBlock(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
            if Bytes.contains(line, "-->") {
                _ = beginCue(line, number: number, id: nil)
            } else if isKeywordBlock(line) {
                state = .skipping
            } else {
                state = .afterID(line: number, id: TextCleaning.name(Bytes.string(line)))
            }
        }

        out.lineCount = text.bytes.withUnsafeBufferPointer { buf in
            ByteLines.forEach(buf) { line, number in
                let blank = Bytes.isBlank(line)
                switch state {
                case .start:
                    if blank { return }
                    if Bytes.hasPrefixCI(line, "webvtt") {
                        state = .header
                        return
                    }
                    out.warnings.append(LineIssue(line: number, reason: "the file does not start with WEBVTT"))
                    state = .between
                    startBlock(line, number: number)
                case .header:
                    if blank { state = .between } else if Bytes.contains(line, "-->") { _ = beginCue(line, number: number, id: nil) }
                case .between:
                    if !blank { startBlock(line, number: number) }
                case .skipping:
                    if blank { state = .between }
                case .afterID(let idLine, _):
                    if blank || !Bytes.contains(line, "-->") {
                        out.skipped.append(LineIssue(line: idLine, reason: "a cue with no time (`00:00:01.000 --> 00:00:04.000`) after its first line"))
                        state = blank ? .between : .skipping
                    } else if case .afterID(_, let id) = state {
                        _ = beginCue(line, number: number, id: id)
                    }
                case .payload:
                    if blank {
                        finishCue()
                        state = .between
                    } else if Bytes.contains(line, "-->"), case .success = timing(line) {
                        // A missing blank line between cues: start the next one.
                        finishCue()
                        _ = beginCue(line, number: number, id: nil)
                    } else {
                        current?.lines.append(TextCleaning.string(line))
                    }
                }
            }
        }
        finishCue()


        out.cues = speakers(raw)
        return out
    }

    // NOTE, STYLE and REGION blocks carry no speech.
    private static func isKeywordBlock(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for word: StaticString in ["NOTE", "STYLE", "REGION"] {
            let m = word.utf8CodeUnitCount
            if line.count >= m, zip(line.prefix(m), UnsafeBufferPointer(start: word.utf8Start, count: m)).allSatisfy({ $0 == $1 }),
               line.count == m || Bytes.isSpace(line[m]) {
                return true
            }
        }
        return false
    }

    // MARK: Timing

    struct Timing { var start: TimeInterval, end: TimeInterval }
    enum TimingResult { case success(Timing), failure(String) }

    static func timing(_ line: UnsafeBufferPointer<UInt8>) -> TimingResult {
        let l = Bytes.trimmed(line)
        guard let arrow = Bytes.index(of: "-->", in: l) else { return .failure("not a cue time") }
        let left = Bytes.trimmed(UnsafeBufferPointer(rebasing: l[0..<arrow]))
        var right = Bytes.trimmedStart(UnsafeBufferPointer(rebasing: l[(arrow + 3)..<l.count]))
        if let space = right.firstIndex(where: Bytes.isSpace) { right = UnsafeBufferPointer(rebasing: right[0..<space]) }
        guard let start = timestamp(left) else {
            return .failure("'\(Bytes.string(UnsafeBufferPointer(rebasing: left.prefix(40))))' is not a cue time")
        }
        guard let end = timestamp(right) else {
            return .failure("'\(Bytes.string(UnsafeBufferPointer(rebasing: right.prefix(40))))' is not a cue time")
        }
        return .success(Timing(start: start, end: end))
    }

    /// `[H…:]MM:SS.mmm` (a comma is accepted for the dot, as SRT writes it).
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> TimeInterval? {
        var fields = [Int]()
        var i = 0
        let n = b.count
        var fraction = 0.0
        while i < n {
            var v = 0, k = 0
            while i < n, Bytes.isDigit(b[i]), k < 9 { v = v * 10 + Int(b[i] - 48); i += 1; k += 1 }
            guard k > 0 else { return nil }
            if fields.count >= 1 && k != 2 { return nil }
            fields.append(v)
            if i == n { break }
            if b[i] == UInt8(ascii: ":") { i += 1; continue }
            if b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var f = 0, fk = 0
                while i < n, Bytes.isDigit(b[i]), fk < 9 { f = f * 10 + Int(b[i] - 48); i += 1; fk += 1 }
                guard fk > 0 else { return nil }
                guard i == n else { return nil }
                fraction = Double(f) / pow(10, Double(fk))
                break
            }
            return nil
        }
        guard (2...3).contains(fields.count) else { return nil }
        let (h, m, s) = fields.count == 3 ? (fields[0], fields[1], fields[2]) : (0, fields[0], fields[1])
        if fields.count == 3 && fields[0] > 999 { return nil }
        guard m <= 59, s <= 59 else { return nil }
        return TimeInterval(h * 3600 + m * 60 + s) + fraction
    }

    // MARK: Speakers

    private static func speakers(_ raw: [RawCue]) -> [TranscriptCue] {
        var cues = [TranscriptCue]()
        cues.reserveCapacity(raw.count)
        var unnamed = [Int]() // indexes of cues with no <v> voice
        for r in raw {
            let payload = r.lines.joined(separator: "\n")
            if payload.contains("<v") {
                for (speaker, text) in voices(payload) where !text.isEmpty {
                    cues.append(TranscriptCue(line: r.line, id: r.id, start: r.start, end: r.end, speaker: speaker, text: text))
                }
            } else {
                let text = oneLine(Markup.plainText(payload))
                guard !text.isEmpty else { continue }
                unnamed.append(cues.count)
                cues.append(TranscriptCue(line: r.line, id: r.id, start: r.start, end: r.end, speaker: nil, text: text))
            }
        }
        // Zoom writes `Name: text`. A colon in speech is common ("the point is: …"),
        // so a prefix counts as a name only if it recurs or most cues have one.
        var candidates = [Int: (String, String)]()
        var counts = [String: Int]()
        for i in unnamed {
            if let split = nameColon(cues[i].text) {
                candidates[i] = split
                counts[split.0, default: 0] += 1
            }
        }
        let mostHaveOne = candidates.count * 2 >= unnamed.count
        for (i, (name, text)) in candidates where mostHaveOne || counts[name, default: 0] >= 2 {
            cues[i].speaker = name
            cues[i].text = text
        }
        return cues
    }

    private static func nameColon(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let rest = text[text.index(after: colon)...]
        guard let f = rest.first, f == " " || f == "\t" else { return nil }
        let cleaned = TextCleaning.name(String(name))
        guard !cleaned.isEmpty, cleaned.count <= 64, cleaned.split(separator: " ").count <= 8,
              !cleaned.contains("?"), !cleaned.contains("!"), !cleaned.lowercased().hasPrefix("http"),
              let first = cleaned.unicodeScalars.first, !("0"..."9").contains(first) else { return nil }
        let body = rest.trimmingCharacters(in: .whitespaces)
        return body.isEmpty ? nil : (cleaned, body)
    }

    /// `<v Alex Smith>…</v>`, `<v.loud Alex>…`: each voice and its words.
    static func voices(_ payload: String) -> [(String?, String)] {
        var out = [(String?, String)]()
        var rest = Substring(payload)
        var speaker: String?
        while true {
            guard let open = rest.range(of: "<v"),
                  let close = rest[open.upperBound...].firstIndex(of: ">"),
                  let after = rest[open.upperBound...].first, after == " " || after == "." || after == "\t" || after == ">" else {
                out.append((speaker, oneLine(Markup.plainText(String(rest)))))
                break
            }
            let before = rest[..<open.lowerBound]
            let beforeText = oneLine(Markup.plainText(String(before)))
            if !beforeText.isEmpty { out.append((speaker, beforeText)) }
            var annotation = rest[open.upperBound..<close]
            if annotation.hasPrefix(".") { annotation = annotation.drop { $0 != " " && $0 != "\t" } }
            let name = TextCleaning.name(Markup.plainText(String(annotation)))
            speaker = name.isEmpty ? nil : name
            rest = rest[rest.index(after: close)...]
        }
        return out.filter { !$0.1.isEmpty }
    }

    private static func oneLine(_ s: String) -> String {
        guard s.contains("\n") || s.contains("\t") || s.hasPrefix(" ") || s.hasSuffix(" ") || s.contains("  ") else { return s }
        return s.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
