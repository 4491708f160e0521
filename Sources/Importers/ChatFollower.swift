import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows a Zoom chat file while Zoom autosaves it during the session.
///
/// Each `poll()` reads only the bytes added since the last one and parses the
/// complete lines among them with the same `ZoomChatParser` as a whole-file
/// import. Zoom and synced folders write a line, or any piece of one, at a
/// time, with pauses, so a message is complete only when the next header
/// arrives, or when the file ends with a line break and has been quiet for
/// `quietSeconds` (2 s by default). A line still being written (no line break
/// yet) is never taken. A message stored after a quiet spell that then grows is
/// handed out again with its longer text (the planner turns it into an edit).
/// If the file is truncated, replaced or rewritten, it is read again from the
/// start and messages already handed out are not handed out again.
public struct ChatFollower: Sendable {
    public let path: String
    public var pollInterval: Duration = .milliseconds(200)
    /// How long the file must be quiet, ending with a line break, before its
    /// last message is taken as complete.
    public var quietSeconds: TimeInterval = 2

    private var offset = 0
    private var inode: UInt64?
    private var head = HeadPrint()
    private var carry = [UInt8]()
    private var lineNumber = 0
    private var parser = ZoomChatParser()
    private var lastGrowth: TimeInterval?
    /// Every complete message of the current reading of the file, in order:
    /// what a plain import of the file as it is would find.
    public private(set) var messages = [ChatMessage]()
    private var indexByLine = [Int: Int]()
    private var ordinals = [OrdinalKey: Int]()
    private var ordinalByLine = [Int: Int]()
    /// The text handed out for each message (time, sender, ordinal), across
    /// rereadings: a message is handed out again only if its text changed.
    private var handedOut = [MessageKey: String]()

    private struct OrdinalKey: Hashable { var time: TimeInterval, sender: String }
    private struct MessageKey: Hashable { var time: TimeInterval, sender: String, ordinal: Int, direct: Bool }

    /// The first bytes of the file, to notice a rewrite of the same length.
    private struct HeadPrint: Sendable {
        var count = 0
        var hash: UInt64 = 0
    }

    /// Seconds on a clock that only goes forward (for the quiet spell).
    public static func monotonicNow() -> TimeInterval {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return TimeInterval(ts.tv_sec) + TimeInterval(ts.tv_nsec) / 1e9
    }

    public init(path: String) { self.path = path }

    /// The messages that became complete since the last poll (often none).
    /// A missing file is not an error: Zoom creates it at the first message.
    public mutating func poll(now: TimeInterval = ChatFollower.monotonicNow()) throws -> ChatTranscript {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return settle(grew: false, now: now) }
            throw ImportError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw ImportError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(st.st_size)
        let ino = UInt64(st.st_ino)
        if inode != ino || size < offset || !headUnchanged(fd) {
            if inode != nil { restart() }
            inode = ino
        }
        guard size > offset else { return settle(grew: false, now: now) }

        let chunk = min(size - offset, 64 * 1_048_576)
        var bytes = [UInt8](repeating: 0, count: chunk)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunk, off_t(offset)) }
        guard got >= 0 else { throw ImportError.unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        if offset == 0 {
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                throw ImportError.unsupportedEncoding(
                    fileName: URL(fileURLWithPath: path).lastPathComponent, encoding: "UTF-16 (follow reads UTF-8)")
            }
        }
        bytes.removeSubrange(got..<bytes.count)
        rememberHead(bytes)
        offset += got
        feed(bytes)
        return settle(grew: got > 0, now: now)
    }

    /// Polls every `pollInterval` and yields each batch that holds something,
    /// until the consumer stops listening or the task is cancelled.
    public func batches() -> AsyncThrowingStream<ChatTranscript, Error> {
        let start = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                var follower = start
                do {
                    while !Task.isCancelled {
                        let batch = try follower.poll()
                        if !batch.messages.isEmpty || !batch.skipped.isEmpty { continuation.yield(batch) }
                        try await Task.sleep(for: follower.pollInterval)
                    }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: Reading

    mutating func feed(_ bytes: [UInt8]) {
        var buffer = carry
        buffer.append(contentsOf: bytes)
        if lineNumber == 0, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        var consumed = 0
        buffer.withUnsafeBufferPointer { buf in
            var start = 0
            var i = 0
            let n = buf.count
            while i < n {
                let c = buf[i]
                if c == 0x0A || c == 0x0D {
                    // A CR at the very end may be half of a CRLF still being written.
                    if c == 0x0D && i + 1 == n { break }
                    consumeLine(UnsafeBufferPointer(rebasing: buf[start..<i]))
                    if c == 0x0D, i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
                    i += 1
                    start = i
                    consumed = i
                } else {
                    i += 1
                }
            }
        }
        carry = Array(buffer[consumed...])
    }

    private mutating func consumeLine(_ line: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        if line.contains(0) || !UTF8Check.isValid(line) {
            // One bad line (a half-written save?) must not stop a live session.
            parser.skipLine(number: lineNumber, reason: "not UTF-8 text")
            return
        }
        parser.consume(line, number: lineNumber)
    }

    /// Hands out what became complete, and messages that grew. `now` is a
    /// monotonic time in seconds.
    mutating func settle(grew: Bool, now: TimeInterval = ChatFollower.monotonicNow()) -> ChatTranscript {
        if grew || lastGrowth == nil { lastGrowth = now }
        var batch = parser.drain()
        var complete = batch.messages
        if !grew, carry.isEmpty, now - (lastGrowth ?? now) >= quietSeconds, let open = parser.pendingMessage() {
            complete.append(open)
        }
        batch.lineCount = lineNumber
        batch.messages = []
        for m in complete {
            let ordinal: Int
            if let known = ordinalByLine[m.line] {
                ordinal = known
            } else {
                let key = OrdinalKey(time: m.time, sender: m.sender)
                ordinal = ordinals[key, default: 0]
                ordinals[key] = ordinal + 1
                ordinalByLine[m.line] = ordinal
            }
            if let i = indexByLine[m.line] {
                messages[i] = m
            } else {
                indexByLine[m.line] = messages.count
                messages.append(m)
            }
            let key = MessageKey(time: m.time, sender: m.sender, ordinal: ordinal, direct: m.isDirect)
            if handedOut[key] != m.text {
                handedOut[key] = m.text
                batch.messages.append(m)
            }
        }
        return batch
    }

    private mutating func restart() {
        offset = 0
        head = HeadPrint()
        carry = []
        lineNumber = 0
        parser = ZoomChatParser()
        lastGrowth = nil
        messages = []
        indexByLine = [:]
        ordinals = [:]
        ordinalByLine = [:]
    }

    // MARK: Rewrite detection

    private static let headLength = 4096

    private mutating func rememberHead(_ bytes: [UInt8]) {
        guard head.count < Self.headLength else { return }
        let take = min(Self.headLength - head.count, bytes.count)
        head.hash = Self.fnv(bytes.prefix(take), seed: head.count == 0 ? Self.fnvBasis : head.hash)
        head.count += take
    }

    private func headUnchanged(_ fd: Int32) -> Bool {
        guard head.count > 0 else { return true }
        var bytes = [UInt8](repeating: 0, count: head.count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, head.count, 0) }
        guard got == head.count else { return false }
        return Self.fnv(bytes[...], seed: Self.fnvBasis) == head.hash
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static func fnv(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension ZoomChatParser {
    /// Records a line that could not be read at all (not UTF-8).
    mutating func skipLine(number: Int, reason: String) {
        finishMessage()
        noteSkipped(LineIssue(line: number, reason: reason))
    }
}
