/// The research record's contributions, held compactly: a long session has
/// tens of thousands, and as `[Entry]` (a struct of a dozen strings and two
/// arrays, each with its own allocation) 80 000 of them took about 36 MB. Here
/// each is a run of bytes in a few large buffers: small integers as varints, the
/// strings that repeat (rooms, labels, sources, codes, guide titles) as
/// numbers into one table, the text as its UTF-8. An `Entry` is made again
/// when it is read, so every format reads the list as it read the array.
import Foundation

public struct EntryList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, Codable {
    public typealias Element = ResearchRecord.Entry
    public typealias Index = Int

    private var storage = Storage()

    public init() {}
    public init(arrayLiteral elements: ResearchRecord.Entry...) { self.init(elements) }
    public init<S: Sequence>(_ entries: S) where S.Element == ResearchRecord.Entry {
        for e in entries { append(e) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.starts.count }
    public subscript(i: Int) -> ResearchRecord.Entry { storage.entry(at: i) }

    public mutating func append(_ e: ResearchRecord.Entry) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        storage.append(e)
    }

    /// Puts `e` in place of entry `i` (written again at the end; the old bytes stay, unused): the gate's session
    /// memory pass changes a few texts after every entry is made.
    public mutating func replace(at i: Int, with e: ResearchRecord.Entry) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        storage.append(e)
        storage.starts[i] = storage.starts.removeLast()
    }

    /// Whether entry `i` may be quoted, and its text's UTF-8 bytes where they lie, without making the entry: the
    /// gate's session memory pass asks this of every entry and makes few of them.
    public func withQuotedText<R>(at i: Int, _ body: (_ quotable: Bool, _ utf8: UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withQuotedText(at: i, body)
    }

    public mutating func reserveCapacity(_ entries: Int) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        storage.starts.reserveCapacity(entries)
    }

    /// Bytes held (for the benchmark's account of where memory goes).
    public var byteCount: Int { storage.segments.reduce(0) { $0 + $1.count } + storage.starts.count * 8 }

    public static func == (a: EntryList, b: EntryList) -> Bool { a.count == b.count && a.elementsEqual(b) }

    public init(from decoder: any Decoder) throws { self.init(try [ResearchRecord.Entry](from: decoder)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        for e in self { try c.encode(e) }
    }

    /// The buffer, its index and the table of repeated strings. Written only
    /// through `append` on a uniquely held copy, so sharing it is safe. The
    /// bytes are in segments of about `segmentSize` that are never moved once
    /// full, so growing the list never copies (or briefly doubles) what it holds.
    private final class Storage: @unchecked Sendable {
        static let segmentSize = 1 << 20
        var segments: [[UInt8]] = []
        /// Each entry's segment (high 32 bits) and offset in it (low 32 bits).
        var starts: [UInt64] = []
        var strings: [String] = []
        var stringIndex: [ExactString: Int] = [:]
        /// The entry being written.
        var bytes: [UInt8] = []

        func copy() -> Storage {
            let s = Storage()
            s.segments = segments
            s.starts = starts
            s.strings = strings
            s.stringIndex = stringIndex
            return s
        }

        // MARK: Writing

        func varint(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }
        func int(_ v: Int) { varint(UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)) }
        func optInt(_ v: Int?) {
            if let v {
                varint(1)
                int(v)
            } else {
                varint(0)
            }
        }
        func shared(_ s: String) {
            if let k = stringIndex[ExactString(s)] {
                varint(UInt64(k))
                return
            }
            stringIndex[ExactString(s)] = strings.count
            varint(UInt64(strings.count))
            strings.append(s)
        }
        func optShared(_ s: String?) {
            if let s {
                varint(1)
                shared(s)
            } else {
                varint(0)
            }
        }

        func append(_ e: ResearchRecord.Entry) {
            bytes.removeAll(keepingCapacity: true)
            encode(e)
            if segments.isEmpty
                || segments[segments.count - 1].count + bytes.count > segments[segments.count - 1].capacity
            {
                var segment: [UInt8] = []
                segment.reserveCapacity(Swift.max(Self.segmentSize, bytes.count))
                segments.append(segment)
            }
            let last = segments.count - 1
            starts.append(UInt64(last) << 32 | UInt64(segments[last].count))
            segments[last].append(contentsOf: bytes)
        }

        private func encode(_ e: ResearchRecord.Entry) {
            int(e.number)
            withUnsafeBytes(of: e.occurredAt.timeIntervalSinceReferenceDate.bitPattern.littleEndian) {
                bytes.append(contentsOf: $0)
            }
            shared(e.room)
            int(e.roomId)
            optInt(e.round)
            optShared(e.guideSegment)
            optInt(e.guideIndex)
            shared(e.source)
            optShared(e.speaker)
            optShared(e.speakerLabel)
            shared(e.attribution)
            bytes.append(e.quotable ? 1 : 0)
            shared(e.form)
            varint(UInt64(e.text.utf8.count))
            bytes.append(contentsOf: e.text.utf8)
            varint(UInt64(e.codes.count))
            for c in e.codes { shared(c) }
            varint(UInt64(e.replyTo.count))
            for r in e.replyTo { int(r) }
            optShared(e.session)
            optInt(e.sessionNumber)
        }

        // MARK: Reading

        /// The fields before the text skipped as `entry(at:)` reads them, nothing made.
        func withQuotedText<R>(at i: Int, _ body: (Bool, UnsafeBufferPointer<UInt8>) -> R) -> R {
            segments[Int(starts[i] >> 32)].withUnsafeBufferPointer { buffer in
                var r = Reader(bytes: buffer, at: Int(starts[i] & 0xFFFF_FFFF), strings: strings)
                _ = r.varint() // number
                r.at += 8 // occurredAt
                _ = r.varint() // room
                _ = r.varint() // roomId
                if r.varint() != 0 { _ = r.varint() } // round
                if r.varint() != 0 { _ = r.varint() } // guideSegment
                if r.varint() != 0 { _ = r.varint() } // guideIndex
                _ = r.varint() // source
                if r.varint() != 0 { _ = r.varint() } // speaker
                if r.varint() != 0 { _ = r.varint() } // speakerLabel
                _ = r.varint() // attribution
                let quotable = r.byte() != 0
                _ = r.varint() // form
                let n = r.count()
                return body(quotable, UnsafeBufferPointer(rebasing: buffer[r.at..<(r.at + n)]))
            }
        }

        func entry(at i: Int) -> ResearchRecord.Entry {
            segments[Int(starts[i] >> 32)].withUnsafeBufferPointer { buffer in
                var r = Reader(bytes: buffer, at: Int(starts[i] & 0xFFFF_FFFF), strings: strings)
                let number = r.int()
                let occurredAt = r.date()
                let room = r.shared()
                let roomId = r.int()
                let round = r.optInt()
                let guideSegment = r.optShared()
                let guideIndex = r.optInt()
                let source = r.shared()
                let speaker = r.optShared()
                let speakerLabel = r.optShared()
                let attribution = r.shared()
                let quotable = r.byte() != 0
                let form = r.shared()
                let text = r.text()
                let codes = (0..<r.count()).map { _ in r.shared() }
                let replyTo = (0..<r.count()).map { _ in r.int() }
                let session = r.optShared()
                let sessionNumber = r.optInt()
                return ResearchRecord.Entry(
                    number: number, occurredAt: occurredAt, room: room, roomId: roomId, round: round,
                    guideSegment: guideSegment,
                    guideIndex: guideIndex, source: source, speaker: speaker, speakerLabel: speakerLabel,
                    attribution: attribution,
                    quotable: quotable, form: form, text: text, codes: codes, replyTo: replyTo, session: session,
                    sessionNumber: sessionNumber)
            }
        }
    }

    /// A string compared by its exact bytes: `String`'s own `==` takes "é" and "e" with a
    /// combining accent as equal, and the list must give back the bytes it was given.
    private struct ExactString: Hashable {
        let string: String
        init(_ string: String) { self.string = string }
        static func == (a: ExactString, b: ExactString) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }
        func hash(into hasher: inout Hasher) {
            hasher.combine(string.utf8.count)
            for b in string.utf8 { hasher.combine(b) }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at: Int
        let strings: [String]

        mutating func byte() -> UInt8 {
            defer { at += 1 }
            return bytes[at]
        }
        mutating func varint() -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = byte()
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        mutating func count() -> Int { Int(varint()) }
        mutating func int() -> Int {
            let z = varint()
            return Int(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
        }
        mutating func optInt() -> Int? { varint() == 0 ? nil : int() }
        mutating func shared() -> String { strings[count()] }
        mutating func optShared() -> String? { varint() == 0 ? nil : shared() }
        mutating func date() -> Date {
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: UInt64(littleEndian: bits)))
        }
        mutating func text() -> String {
            let n = count()
            defer { at += n }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
        }
    }
}
