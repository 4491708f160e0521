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
        self.line = line
        self.id = id
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
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
    /// Cue times that were negative (a Teams glitch: `0:0:-6.-820`) or ran
    /// backwards, and were set from the cues around them.
    public var clampedTimes = 0

    public init(cues: [TranscriptCue] = [], skipped: [LineIssue] = [], warnings: [LineIssue] = [], lineCount: Int = 0) {
        self.cues = cues
        self.skipped = skipped
        self.warnings = warnings
        self.lineCount = lineCount
    }

    /// Merges consecutive cues of one speaker (Teams writes a cue per sentence).
    /// Cues that name no speaker are never merged: each stays a contribution of
    /// its own, so `convene speaker` can later give each range its speaker.
    /// A turn stops growing before `maxCharacters` (the journal's limit for one
    /// contribution) and, if `maxGap` is given, at a pause longer than it.
    public func turns(maxCharacters: Int = TextLimits.contribution, maxGap: TimeInterval? = nil) -> [TranscriptTurn] {
        var out = [TranscriptTurn]()
        for cue in cues {
            if var last = out.last, last.speaker != nil, last.speaker == cue.speaker,
                last.text.utf8.count + 1 + cue.text.utf8.count <= maxCharacters,
                maxGap.map({ cue.start - last.end <= $0 }) ?? true
            {
                last.text += " " + cue.text
                last.end = max(last.end, cue.end)
                last.cues += 1
                out[out.count - 1] = last
            } else {
                out.append(
                    TranscriptTurn(
                        line: cue.line, speaker: cue.speaker, start: cue.start, end: cue.end, text: cue.text, cues: 1))
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
/// Every vintage is read leniently: hours optional, no zero padding
/// (`0:0:10.20`, Teams 2022), one to nine fraction digits, a comma for the dot
/// (SRT), id lines of any shape (numbers, GUIDs with `/19-0`, none). A
/// negative time (`0:0:-6.-820`) or one that runs backwards is set from the
/// cues around it and counted. NOTE, STYLE and REGION blocks are skipped; a
/// byte-order mark and CRLF are fine. A block whose timing line cannot be read
/// at all is reported and skipped.
public enum WebVTTParser {
    private enum State {
        case start, header, between, skipping
        case afterID(line: Int, id: String)
        case payload
    }

    struct RawCue {
        var line: Int, id: String?
        /// `nil`: the file's time was negative; set from the neighbours.
        var start: TimeInterval?, end: TimeInterval?
        var lines: [String]
    }

    public static func parse(_ string: String) -> WebVTTTranscript { parse(ImportText(string)) }

    /// An SRT file is read the same way: its numbers are id lines, its commas
    /// the fraction's dot; it has no `WEBVTT` line, which is not worth a word.
    public static func parse(_ text: ImportText, expectHeader: Bool = true) -> WebVTTTranscript {
        var out = WebVTTTranscript()
        var raw = [RawCue]()
        var state = State.start
        var current: RawCue?

        func finishCue() {
            if let c = current { raw.append(c) }
            current = nil
        }
        func beginCue(_ line: UnsafeBufferPointer<UInt8>, number: Int, id: String?) -> Bool {
            switch timing(line) {
            case .success(let t):
                current = RawCue(line: number, id: id, start: t.start, end: t.end, lines: [])
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
                    if expectHeader {
                        out.warnings.append(LineIssue(line: number, reason: "the file does not start with WEBVTT"))
                    }
                    state = .between
                    startBlock(line, number: number)
                case .header:
                    if blank {
                        state = .between
                    } else if Bytes.contains(line, "-->") {
                        _ = beginCue(line, number: number, id: nil)
                    }
                case .between:
                    if !blank { startBlock(line, number: number) }
                case .skipping:
                    if blank { state = .between }
                case .afterID(let idLine, _):
                    if blank || !Bytes.contains(line, "-->") {
                        out.skipped.append(
                            LineIssue(
                                line: idLine,
                                reason: "a cue with no time (`00:00:01.000 --> 00:00:04.000`) after its first line"))
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

        clampTimes(&raw, into: &out)
        out.cues = speakers(raw, skipped: &out.skipped)
        return out
    }

    /// Sets each negative or backward time from the cues around it: a start is
    /// never before the previous cue's start nor after the next cue's, an end
    /// never before its start. Each one is a warning, and counted.
    static func clampTimes(_ raw: inout [RawCue], into out: inout WebVTTTranscript) {
        var previousStart: TimeInterval = 0
        var previousEnd: TimeInterval = 0
        for i in raw.indices {
            var changed = false
            // The next cue's start, looked for only when a time needs mending.
            func nextStart() -> TimeInterval? { raw[(i + 1)...].lazy.compactMap(\.start).first { $0 >= previousStart } }
            var start: TimeInterval
            if let s = raw[i].start, s >= previousStart {
                start = s
            } else {
                // Right after the cue before it, but not after the next one.
                start = max(previousStart, min(previousEnd, nextStart() ?? previousEnd))
                changed = true
            }
            var end: TimeInterval
            if let e = raw[i].end, e >= start {
                end = e
            } else if raw[i].end == nil {
                end = max(start, nextStart() ?? start)
                changed = true
            } else {
                end = start
                changed = true
            }
            if changed {
                out.clampedTimes += 1
                out.warnings.append(
                    LineIssue(
                        line: raw[i].line,
                        reason: "the cue's time is negative or runs backwards; "
                            + "set to \(clock(start)) --> \(clock(end)) from the cues around it"))
            }
            raw[i].start = start
            raw[i].end = end
            previousStart = start
            previousEnd = max(previousEnd, end)
        }
    }

    static func clock(_ t: TimeInterval) -> String {
        let ms = Int((t * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    // NOTE, STYLE and REGION blocks carry no speech.
    private static func isKeywordBlock(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for word: StaticString in ["NOTE", "STYLE", "REGION"] {
            let m = word.utf8CodeUnitCount
            if line.count >= m,
                zip(line.prefix(m), UnsafeBufferPointer(start: word.utf8Start, count: m)).allSatisfy({ $0 == $1 }),
                line.count == m || Bytes.isSpace(line[m])
            {
                return true
            }
        }
        return false
    }

    // MARK: Timing

    /// `nil` times were negative in the file.
    struct Timing { var start: TimeInterval?, end: TimeInterval? }
    enum TimingResult {
        case success(Timing)
        case failure(String)
    }

    static func timing(_ line: UnsafeBufferPointer<UInt8>) -> TimingResult {
        let l = Bytes.trimmed(line)
        guard let arrow = Bytes.index(of: "-->", in: l) else { return .failure("not a cue time") }
        let left = Bytes.trimmed(UnsafeBufferPointer(rebasing: l[0..<arrow]))
        var right = Bytes.trimmedStart(UnsafeBufferPointer(rebasing: l[(arrow + 3)..<l.count]))
        if let space = right.firstIndex(where: Bytes.isSpace) {
            right = UnsafeBufferPointer(rebasing: right[0..<space])
        }
        guard let start = stamp(left) else {
            return .failure("'\(Bytes.string(UnsafeBufferPointer(rebasing: left.prefix(40))))' is not a cue time")
        }
        guard let end = stamp(right) else {
            return .failure("'\(Bytes.string(UnsafeBufferPointer(rebasing: right.prefix(40))))' is not a cue time")
        }
        return .success(Timing(start: start.seconds, end: end.seconds))
    }

    /// A time as written: a time, or a negative one (a transcription glitch).
    enum Stamp: Equatable {
        case time(TimeInterval)
        case negative
        var seconds: TimeInterval? { if case .time(let t) = self { return t } else { return nil } }
    }

    /// `[H…:]M…:S….f…`, any field unpadded, a comma for the dot; a minus sign on
    /// any field (`0:0:-6.-820`) makes it `.negative`. Minutes and seconds past
    /// 59, letters or a missing field make it no time at all.
    static func stamp(_ b: UnsafeBufferPointer<UInt8>) -> Stamp? {
        var fields = (0, 0, 0)
        var count = 0
        var i = 0
        let n = b.count
        var fraction = 0.0
        var negative = false
        func number(_ limit: Int) -> (Int, Int)? {
            if i < n, b[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            var v = 0
            var k = 0
            while i < n, Bytes.isDigit(b[i]), k < limit {
                v = v * 10 + Int(b[i] - 48)
                i += 1
                k += 1
            }
            return k == 0 ? nil : (v, k)
        }
        while i < n {
            guard count < 3, let (v, _) = number(9) else { return nil }
            switch count {
            case 0: fields.0 = v
            case 1: fields.1 = v
            default: fields.2 = v
            }
            count += 1
            if i == n { break }
            if b[i] == UInt8(ascii: ":") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                guard let (f, fk) = number(9), i == n else { return nil }
                fraction = Double(f) / pow(10, Double(fk))
                break
            }
            return nil
        }
        guard count >= 2 else { return nil }
        let (h, m, s) = count == 3 ? fields : (0, fields.0, fields.1)
        guard h <= 9999, m <= 59 || count == 2, s <= 59 else { return nil }
        if negative { return .negative }
        return .time(TimeInterval(h * 3600 + m * 60 + s) + fraction)
    }

    /// A time that is a time (not negative), for callers that need one.
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> TimeInterval? { stamp(b)?.seconds }

    // MARK: Speakers

    static func speakers(_ raw: [RawCue], skipped: inout [LineIssue]) -> [TranscriptCue] {
        var cues = [TranscriptCue]()
        cues.reserveCapacity(raw.count)
        var unnamed = [Int]() // indexes of cues with no <v> voice
        for r in raw {
            let start = r.start ?? 0
            let end = r.end ?? start
            let payload = r.lines.joined(separator: "\n")
            let before = cues.count
            if payload.contains("<v") {
                for (speaker, text) in voices(payload) where !text.isEmpty {
                    if speaker == nil { unnamed.append(cues.count) }
                    cues.append(
                        TranscriptCue(line: r.line, id: r.id, start: start, end: end, speaker: speaker, text: text))
                }
            } else {
                let text = oneLine(Markup.plainText(payload))
                if !text.isEmpty {
                    unnamed.append(cues.count)
                    cues.append(TranscriptCue(line: r.line, id: r.id, start: start, end: end, speaker: nil, text: text))
                }
            }
            if cues.count == before {
                skipped.append(LineIssue(line: r.line, reason: "the cue has no words", kind: .noText))
            }
        }
        // Zoom writes `Name: text`. A colon in speech is common ("the point is: …"),
        // so a prefix counts as a name if it recurs, if every cue has one, or,
        // in a transcript where most cues carry a recurring name, if it looks
        // like a name (someone who speaks once must not be dropped).
        var candidates = [Int: (String, String)]()
        var counts = [String: Int]()
        for i in unnamed {
            if let split = nameColon(cues[i].text) {
                candidates[i] = split
                counts[split.0, default: 0] += 1
            }
        }
        let everyCueHasOne = candidates.count == unnamed.count
        let recurring = candidates.values.filter { counts[$0.0, default: 0] >= 2 }.count
        let namedTranscript = recurring * 2 >= unnamed.count
        for (i, (name, text)) in candidates
        where everyCueHasOne || counts[name, default: 0] >= 2 || (namedTranscript && looksLikeName(name)) {
            cues[i].speaker = name
            cues[i].text = text
        }
        return cues
    }

    /// Capitalised words (or a script without case), few of them, as display
    /// names are: "Ringo Starr", "Ana de la Cruz", "Sam (she/her)"; not "The point is".
    static func looksLikeName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard (1...6).contains(words.count) else { return false }
        return words.allSatisfy { word in
            guard let first = word.unicodeScalars.first else { return false }
            if namePrefixWords.contains(word.lowercased()) { return word != words[0] }
            return first.properties.isUppercase || first == "(" || !first.properties.changesWhenUppercased
        }
    }

    private static let namePrefixWords: Set<String> = [
        "de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "ter", "ten", "la", "le",
        "du", "al", "el", "bin", "bint", "ibn", "y", "e", "af", "av", "zu",
    ]

    private static func nameColon(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let rest = text[text.index(after: colon)...]
        guard let f = rest.first, f == " " || f == "\t" else { return nil }
        let cleaned = TextCleaning.name(String(name))
        guard !cleaned.isEmpty, cleaned.count <= 64, cleaned.split(separator: " ").count <= 8,
            !cleaned.contains("?"), !cleaned.contains("!"), !cleaned.lowercased().hasPrefix("http"),
            let first = cleaned.unicodeScalars.first, !("0"..."9").contains(first)
        else { return nil }
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
                let after = rest[open.upperBound...].first,
                after == " " || after == "." || after == "\t" || after == ">"
            else {
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
        guard s.contains("\n") || s.contains("\t") || s.hasPrefix(" ") || s.hasSuffix(" ") || s.contains("  ") else {
            return s
        }
        return s.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
