import Foundation

/// One message of a Zoom saved chat (`meeting_saved_chat.txt`).
public struct ChatMessage: Sendable, Equatable {
    /// The line of the message's header (`17:01:23 From …`).
    public var line: Int
    /// Seconds since midnight of the day the chat began; past 86 400 once the
    /// chat runs over midnight (a time far earlier than the one before means the next day).
    public var time: TimeInterval
    public var sender: String
    public var recipient: ChatRecipient
    public var text: String
    public var kind: ChatMessageKind

    public init(
        line: Int, time: TimeInterval, sender: String, recipient: ChatRecipient = .everyone,
        text: String, kind: ChatMessageKind = .message
    ) {
        self.line = line
        self.time = time
        self.sender = sender
        self.recipient = recipient
        self.text = text
        self.kind = kind
    }

    public var isDirect: Bool { if case .direct = recipient { return true } else { return false } }
    /// The time as the file wrote it, `HH:MM:SS`.
    public var clock: String { ChatClock.format(time) }
}

public enum ChatRecipient: Sendable, Equatable {
    case everyone
    /// A group other than everyone (the waiting room, hosts and panelists).
    case group(String)
    /// A direct (private) message to one person.
    case direct(String)
}

public enum ChatMessageKind: Sendable, Equatable {
    case message
    /// A threaded reply; `quoting` is the start of the message replied to, as Zoom quotes it.
    case reply(quoting: String)
    case reaction(emoji: String, quoting: String)
    case reactionRemoved(emoji: String, quoting: String)
}

/// What a chat file held: the messages, and the lines that could not be read.
public struct ChatTranscript: Sendable, Equatable {
    public var messages: [ChatMessage] = []
    /// Lines skipped as malformed (the rest was read).
    public var skipped: [LineIssue] = []
    /// Lines read but worth a word (times out of order).
    public var warnings: [LineIssue] = []
    public var lineCount = 0
    public init(messages: [ChatMessage] = [], skipped: [LineIssue] = [], warnings: [LineIssue] = [], lineCount: Int = 0)
    {
        self.messages = messages
        self.skipped = skipped
        self.warnings = warnings
        self.lineCount = lineCount
    }
}

enum ChatClock {
    static func format(_ t: TimeInterval) -> String {
        let s = Int(t.rounded(.down)) % 86_400
        return String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}

/// Reads Zoom's saved chat in all the shapes Zoom has written it:
///
///     10:02:15 From Alex Smith : message                  (old, one line)
///     10:02:15	 From  Alex Smith  to  Everyone : message   (old, tab and double spaces)
///     17:01:23 From Alex Smith to Everyone:               (new: header, then the message
///     	message                                          on the following indented lines)
///     17:02:00 From Alex Smith to Jamie Doe(Direct Message):
///     17:02:00 From Alex Smith to Jamie Doe (Privately) : message
///
/// plus reactions (`Reacted to "…" with 👍`), threaded replies
/// (`Replying to "…"`), CRLF line ends and a byte-order mark. The parser is fed
/// one line at a time, so the follower and the whole-file import share it.
public struct ZoomChatParser: Sendable {
    private struct Pending: Sendable {
        var line: Int
        var time: TimeInterval
        var sender: String
        var recipient: ChatRecipient
        var lines: [String]
    }

    private var pending: Pending?
    /// After a malformed header its message lines are dropped with it.
    private var discarding = false
    private var lastTime: TimeInterval?
    private var dayOffset: TimeInterval = 0
    private var partiesCache: [String: (String, ChatRecipient)] = [:]
    private var output = ChatTranscript()

    public init() {}

    /// Parses a whole file.
    public static func parse(_ text: ImportText) -> ChatTranscript {
        var parser = ZoomChatParser()
        let count = text.bytes.withUnsafeBufferPointer { buf in
            ByteLines.forEach(buf) { line, number in parser.consume(line, number: number) }
        }
        parser.finishMessage()
        var out = parser.drain()
        out.lineCount = count
        return out
    }

    public static func parse(_ string: String) -> ChatTranscript { parse(ImportText(string)) }

    /// A chat still being written: its complete lines, and its last message
    /// only once it has words (Zoom may have written just its header).
    public static func parseSoFar(_ text: ImportText) -> ChatTranscript {
        var parser = ZoomChatParser()
        let complete = text.completeLines
        let count = complete.bytes.withUnsafeBufferPointer { buf in
            ByteLines.forEach(buf) { line, number in parser.consume(line, number: number) }
        }
        if parser.pendingMessage() != nil { parser.finishMessage() } else { parser.pending = nil }
        var out = parser.drain()
        out.lineCount = count
        return out
    }

    /// Whether a message is open, waiting for more lines or for the next header.
    var hasPendingMessage: Bool { pending != nil }

    /// The messages and issues found since the last drain.
    mutating func drain() -> ChatTranscript {
        defer { output = ChatTranscript() }
        return output
    }

    mutating func noteSkipped(_ issue: LineIssue) {
        output.skipped.append(issue)
        discarding = true
    }

    /// Feeds one line (terminator excluded). The bytes must be valid UTF-8.
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        output.lineCount = max(output.lineCount, number)
        if Bytes.isBlank(line) {
            if pending != nil { pending!.lines.append("") }
            return
        }
        // Indented lines are message text in the newer format; never a header.
        if Bytes.isSpace(line[0]) {
            appendText(Bytes.trimmedStart(line), number: number)
            return
        }
        switch Self.header(line) {
        case .header(let clock, let partiesBytes, let firstText):
            finishMessage()
            discarding = false
            let parties = partiesFor(partiesBytes)
            guard !parties.0.isEmpty else {
                output.skipped.append(LineIssue(line: number, reason: "the message has no sender's name"))
                discarding = true
                return
            }
            let time = placeInDay(clock, line: number)
            pending = Pending(
                line: number, time: time, sender: parties.0, recipient: parties.1,
                lines: firstText.isEmpty ? [] : [TextCleaning.string(firstText)])
        case .malformed(let reason):
            finishMessage()
            output.skipped.append(LineIssue(line: number, reason: reason))
            discarding = true
        case .notHeader:
            appendText(line, number: number)
        }
    }

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        if pending != nil {
            pending!.lines.append(TextCleaning.string(bytes))
        } else if !discarding {
            output.skipped.append(
                LineIssue(line: number, reason: "not a chat message (no `HH:MM:SS From NAME:` before it)"))
            discarding = true // report a stray block once, not every line of it
        }
    }

    /// Closes the open message (at a new header, or at the end of the file).
    mutating func finishMessage() {
        guard let p = pending else { return }
        pending = nil
        switch Self.message(from: p) {
        case .message(let m): output.messages.append(m)
        case .issue(let issue): output.skipped.append(issue)
        }
    }

    /// The open message as it stands, left open: the follower stores it after
    /// a quiet spell and updates it if it grows. `nil` while it has no text.
    func pendingMessage() -> ChatMessage? {
        guard let p = pending, case .message(let m) = Self.message(from: p) else { return nil }
        return m
    }

    private enum Finished {
        case message(ChatMessage)
        case issue(LineIssue)
    }

    private static func message(from p: Pending) -> Finished {
        let body = TextCleaning.tidyLines(p.lines)
        guard !body.isEmpty else {
            return .issue(LineIssue(line: p.line, reason: "the message has no text", kind: .noText))
        }
        let (kind, text) = classify(body)
        if text.isEmpty {
            return .issue(LineIssue(line: p.line, reason: "the reply has no text", kind: .noText))
        }
        return .message(
            ChatMessage(line: p.line, time: p.time, sender: p.sender, recipient: p.recipient, text: text, kind: kind))
    }

    private mutating func placeInDay(_ clock: TimeInterval, line: Int) -> TimeInterval {
        var t = clock + dayOffset
        if let last = lastTime {
            if t < last - 43_200 {
                dayOffset += 86_400 // past midnight
                t += 86_400
            } else if t < last {
                output.warnings.append(
                    LineIssue(
                        line: line,
                        reason:
                            "time \(ChatClock.format(t)) is earlier than the message before (\(ChatClock.format(last)))"
                    ))
            }
        }
        lastTime = t
        return t
    }

    private mutating func partiesFor(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, ChatRecipient) {
        let raw = Bytes.string(bytes)
        if let known = partiesCache[raw] { return known }
        let parties = Self.splitParties(TextCleaning.clean(raw))
        if partiesCache.count < 10_000 { partiesCache[raw] = parties }
        return parties
    }

    // MARK: Header

    enum Header {
        case header(clock: TimeInterval, parties: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>)
        case malformed(String)
        case notHeader
    }

    /// `HH:MM[:SS[.fff]] [AM|PM] From PARTIES: [text]`. A line that starts with a
    /// full `HH:MM:SS` and then fails is malformed; a line starting `10:30 …` is
    /// ordinary message text.
    static func header(_ b: UnsafeBufferPointer<UInt8>) -> Header {
        guard let clock = ChatTimeToken.parse(b) else { return .notHeader }
        let strict = clock.parts == 3
        var i = clock.end
        let n = b.count
        while i < n && Bytes.isSpace(b[i]) { i += 1 }
        var hours = clock.hours
        if i + 1 < n, Bytes.hasPrefixCI(b, "am", at: i) || Bytes.hasPrefixCI(b, "pm", at: i),
            i + 2 == n || Bytes.isSpace(b[i + 2])
        {
            guard (1...12).contains(hours) else { return .malformed("\(clock.text(b)) is not a time of day") }
            let pm = b[i] | 0x20 == UInt8(ascii: "p")
            hours = hours % 12 + (pm ? 12 : 0)
            i += 2
            while i < n && Bytes.isSpace(b[i]) { i += 1 }
        }
        guard i > clock.end, Bytes.hasPrefixCI(b, "from", at: i), i + 4 < n, Bytes.isSpace(b[i + 4]) else {
            return strict ? .malformed("expected `From NAME` after the time \(clock.text(b))") : .notHeader
        }
        guard hours <= 23, clock.minutes <= 59, clock.seconds <= 59 else {
            return .malformed("\(clock.text(b)) is not a time of day")
        }
        var j = i + 5
        while j < n && Bytes.isSpace(b[j]) { j += 1 }
        guard let colon = Bytes.firstIndex(of: UInt8(ascii: ":"), in: b, from: j) else {
            return .malformed("no `:` after the sender's name")
        }
        let parties = Bytes.trimmed(UnsafeBufferPointer(rebasing: b[j..<colon]))
        let text = Bytes.trimmed(UnsafeBufferPointer(rebasing: b[(colon + 1)..<n]))
        let seconds = TimeInterval(hours * 3600 + clock.minutes * 60 + clock.seconds) + clock.fraction
        return .header(clock: seconds, parties: parties, text: text)
    }

    static let groupRecipients: Set<String> = [
        "everyone", "everyone (in waiting room)", "everyone in waiting room", "waiting room participants",
        "hosts and panelists", "all panelists", "all panelists and attendees", "hosts", "all participants",
    ]
    private static let directMarkers = ["(direct message)", "(privately)", "(private)", "(dm)", "(direct)"]

    /// Splits `Alex Smith to Everyone` into sender and recipient. Names may hold
    /// the word "To" (a surname), so the split prefers Zoom's own markers: the
    /// double spaces of the old format, a known group at the end, a
    /// direct-message marker, then the last lowercase " to ".
    static func splitParties(_ raw: String) -> (String, ChatRecipient) {
        var s = raw.trimmingCharacters(in: .whitespaces)
        var direct = false
        let lower = s.lowercased()
        for marker in directMarkers where lower.hasSuffix(marker) {
            s = String(s.dropLast(marker.count)).trimmingCharacters(in: .whitespaces)
            direct = true
            break
        }
        var sender = s
        var recipient: String?
        if let r = s.range(of: "  to  ") ?? s.range(of: "\tto\t") {
            sender = String(s[..<r.lowerBound])
            recipient = String(s[r.upperBound...])
        } else {
            let tidy = TextCleaning.name(s)
            let tidyLower = tidy.lowercased()
            if let group = groupRecipients.first(where: { tidyLower.hasSuffix(" to " + $0) }) {
                sender = String(tidy.dropLast(group.count + 4))
                recipient = String(tidy.suffix(group.count))
            } else if let r = tidy.range(of: " to ", options: .backwards) {
                sender = String(tidy[..<r.lowerBound])
                recipient = String(tidy[r.upperBound...])
            } else if direct, let r = tidy.range(of: " To ", options: .backwards) {
                sender = String(tidy[..<r.lowerBound])
                recipient = String(tidy[r.upperBound...])
            } else {
                sender = tidy
            }
        }
        sender = TextCleaning.name(sender)
        guard let to = recipient.map(TextCleaning.name), !to.isEmpty else { return (sender, .everyone) }
        if direct { return (sender, .direct(to)) }
        let key = to.lowercased()
        if key == "everyone" { return (sender, .everyone) }
        if groupRecipients.contains(key) { return (sender, .group(to)) }
        return (sender, .direct(to))
    }

    // MARK: Reactions and replies

    static func classify(_ body: String) -> (ChatMessageKind, String) {
        guard body.hasPrefix("Reacted to ") || body.hasPrefix("Removed a ") || body.hasPrefix("Replying to ") else {
            return (.message, body)
        }
        let firstLine = body.prefix { $0 != "\n" }
        let rest = body.dropFirst(firstLine.count).drop { $0 == "\n" }
        if firstLine.hasPrefix("Reacted to "), let with = firstLine.range(of: " with ", options: .backwards) {
            let quoted = unquote(firstLine[firstLine.index(firstLine.startIndex, offsetBy: 11)..<with.lowerBound])
            // A reaction keeps its whole line as text (for the report; reactions are not contributions).
            return (
                .reaction(
                    emoji: String(firstLine[with.upperBound...]).trimmingCharacters(in: .whitespaces), quoting: quoted),
                body
            )
        }
        if firstLine.hasPrefix("Removed a "), let from = firstLine.range(of: " reaction from ") {
            let emoji = firstLine[firstLine.index(firstLine.startIndex, offsetBy: 10)..<from.lowerBound]
            return (.reactionRemoved(emoji: String(emoji), quoting: unquote(firstLine[from.upperBound...])), body)
        }
        if firstLine.hasPrefix("Replying to ") {
            let after = firstLine.dropFirst(12)
            var quoted = Substring(after)
            var sameLine = Substring("")
            if after.hasPrefix("\""), let close = after.lastIndex(of: "\""), close > after.startIndex {
                quoted = after[after.index(after: after.startIndex)..<close]
                sameLine = after[after.index(after: close)...]
                while let f = sameLine.first, f == ":" || f == " " || f == "\t" { sameLine = sameLine.dropFirst() }
            }
            let text = TextCleaning.tidyLines(
                (sameLine.isEmpty ? [] : [String(sameLine)])
                    + rest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            return (.reply(quoting: String(quoted)), text)
        }
        return (.message, body)
    }

    private static func unquote(_ s: Substring) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        return t
    }
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` at the start of a line.
struct ChatTimeToken {
    var hours: Int, minutes: Int, seconds: Int
    var fraction: TimeInterval
    var parts: Int
    var end: Int

    func text(_ b: UnsafeBufferPointer<UInt8>) -> String { Bytes.string(UnsafeBufferPointer(rebasing: b[0..<end])) }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> ChatTimeToken? {
        let n = b.count
        var i = 0
        func digits(_ max: Int) -> (Int, Int)? {
            var v = 0
            var k = 0
            while i < n, k < max, Bytes.isDigit(b[i]) {
                v = v * 10 + Int(b[i] - 48)
                i += 1
                k += 1
            }
            return k == 0 ? nil : (v, k)
        }
        guard let (h, _) = digits(2), i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let (m, mk) = digits(2), mk == 2 else { return nil }
        var s = 0
        var parts = 2
        var fraction = 0.0
        if i < n, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let (sv, sk) = digits(2), sk == 2 else { return nil }
            s = sv
            parts = 3
            if i < n, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                let dot = i
                i += 1
                if let (f, fk) = digits(9) { fraction = Double(f) / pow(10, Double(fk)) } else { i = dot }
            }
        }
        if i < n, Bytes.isDigit(b[i]) || b[i] == UInt8(ascii: ":") { return nil }
        return ChatTimeToken(hours: h, minutes: m, seconds: s, fraction: fraction, parts: parts, end: i)
    }
}
