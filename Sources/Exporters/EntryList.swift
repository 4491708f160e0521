/// The research record's contributions, held compactly: a long session has
/// tens of thousands, and as `[Entry]` (a struct of a dozen strings and two
/// arrays, each with its own allocation) 80 000 of them took about 36 MB. Here
/// each is a run of bytes in a few large buffers: small integers as varints, the
/// strings that repeat (rooms, labels, sources, codes, guide titles) as
/// numbers into one table, the text as its UTF-8. An `Entry` is made again
/// when it is read, so every format reads the list as it read the array.
///
/// A list made `spilling` (a study export's merged contributions) keeps only the
/// segment it is writing in memory: each full segment goes to a temporary file
/// that has no name (created 0600 and unlinked at once, so it goes with the
/// process whatever happens), and is read back a segment at a time as the list
/// is read, a few kept at hand. Bytes in the kernel's file cache are not the
/// process's memory, so the list costs its index and one or two segments.
import Foundation

public struct EntryList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, Codable {
    public typealias Element = ResearchRecord.Entry
    public typealias Index = Int

    private var storage = Storage()

    public init() {}

    /// A list whose full segments are kept in a nameless temporary file instead of memory (see above).
    /// `segmentSize`: bytes per segment (tests make it small).
    public init(spilling: Bool, segmentSize: Int = 1 << 20) {
        storage = Storage(segmentSize: segmentSize, spilling: spilling)
    }
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

    /// Bytes held in memory (for the benchmark's account of where memory goes).
    public var byteCount: Int { storage.segments.reduce(0) { $0 + $1.count } + storage.starts.count * 8 }
    /// Bytes kept in the temporary file instead (a `spilling` list).
    public var spilledByteCount: Int { storage.spill?.bytes ?? 0 }

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
        let segmentSize: Int
        /// Where full segments go, for a spilling list (nil until the first is full, and when the file could not
        /// be made or written: the segments then stay in memory, so nothing is lost).
        var spill: SpillFile?
        let spilling: Bool
        /// Each segment's bytes; a spilled one is empty here and read from `spill`.
        var segments: [[UInt8]] = []
        /// Each entry's segment (high 32 bits) and offset in it (low 32 bits).
        var starts: [UInt64] = []
        /// The entry being written, the table of repeated strings and its index: a value of its own, so writing an
        /// entry is one access to the storage, not one (checked at run time for exclusive access) per field.
        var writer = Writer()
        var strings: [String] { writer.strings }

        init(segmentSize: Int = 1 << 20, spilling: Bool = false) {
            self.segmentSize = segmentSize
            self.spilling = spilling
        }

        func copy() -> Storage {
            // A copy holds its segments in memory (only a list shared and then appended to is copied).
            let s = Storage(segmentSize: segmentSize)
            s.segments = segments.indices.map { segment($0) }
            s.starts = starts
            s.writer = writer
            return s
        }

        // MARK: Writing

        struct Writer {
            var bytes: [UInt8] = []
            var strings: [String] = []
            var stringIndex: [ExactString: Int] = [:]
            /// The number of a string met lately, in a slot picked by a few of its bytes (-1: none): most strings
            /// repeat from entry to entry, and one equal to the slot's byte for byte takes its number without
            /// hashing all of it (hashing was most of appending an entry).
            var recent = [Int](repeating: -1, count: 256)

            mutating func varint(_ v: UInt64) {
                var v = v
                while v >= 0x80 {
                    bytes.append(UInt8(v & 0x7F) | 0x80)
                    v >>= 7
                }
                bytes.append(UInt8(v))
            }
            mutating func int(_ v: Int) { varint(UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)) }
            mutating func optInt(_ v: Int?) {
                if let v {
                    varint(1)
                    int(v)
                } else {
                    varint(0)
                }
            }
            mutating func shared(_ s: String) {
                let slot = Self.slot(of: s)
                if let slot, recent[slot] >= 0, ExactString(strings[recent[slot]]) == ExactString(s) {
                    varint(UInt64(recent[slot]))
                    return
                }
                let k: Int
                if let known = stringIndex[ExactString(s)] {
                    k = known
                } else {
                    k = strings.count
                    stringIndex[ExactString(s)] = k
                    strings.append(s)
                }
                varint(UInt64(k))
                if let slot { recent[slot] = k }
            }

            /// `recent`'s slot for `s`, from its length and its first, second, middle and last bytes, mixed (nil
            /// for a string whose bytes are not at hand).
            static func slot(of s: String) -> Int? {
                s.utf8.withContiguousStorageIfAvailable { b in
                    guard let last = b.last else { return 0 }
                    let key =
                        UInt64(truncatingIfNeeded: b.count) | UInt64(b[0]) << 16 | UInt64(b[b.count / 2]) << 24
                        | UInt64(last) << 32 | UInt64(b[Swift.min(1, b.count - 1)]) << 40
                    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
                }
            }
            mutating func optShared(_ s: String?) {
                if let s {
                    varint(1)
                    shared(s)
                } else {
                    varint(0)
                }
            }

            /// Makes `bytes` the encoding of `e`.
            mutating func encode(_ e: ResearchRecord.Entry) {
                bytes.removeAll(keepingCapacity: true)
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
        }

        func append(_ e: ResearchRecord.Entry) {
            writer.encode(e)
            let count = writer.bytes.count
            if segments.isEmpty || segments[segments.count - 1].count + count > segments[segments.count - 1].capacity {
                if spilling, let full = segments.indices.last { spillSegment(full) }
                var segment: [UInt8] = []
                segment.reserveCapacity(Swift.max(segmentSize, count))
                segments.append(segment)
            }
            let last = segments.count - 1
            starts.append(UInt64(last) << 32 | UInt64(segments[last].count))
            segments[last].append(contentsOf: writer.bytes)
        }

        /// Sends full segment `k` to the temporary file and frees it; left in memory if the file fails.
        func spillSegment(_ k: Int) {
            if spill == nil { spill = SpillFile() }
            guard let spill, spill.write(segments[k], segment: k) else { return }
            segments[k] = []
        }

        /// Segment `k`'s bytes: in memory, or read back from the temporary file.
        func segment(_ k: Int) -> [UInt8] {
            if !segments[k].isEmpty || spill == nil { return segments[k] }
            return spill!.read(segment: k)
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
            let k = Int(starts[i] >> 32)
            // A segment in memory is read in place; a spilled one from the few kept at hand.
            let bytes = segments[k].isEmpty && spill != nil ? spill!.read(segment: k) : segments[k]
            return bytes.withUnsafeBufferPointer { buffer in
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

    /// The nameless temporary file a spilling list keeps its full segments in, and the few segments read back
    /// last (the formats read the list in order, or room by room: a handful of segments serve every read).
    final class SpillFile: @unchecked Sendable {
        private let fd: Int32
        private var placed: [Int: (offset: Int, count: Int)] = [:]
        private(set) var bytes = 0
        private var recent: [(segment: Int, bytes: [UInt8])] = []
        private let lock = NSLock()
        static let kept = 4

        /// Made in the temporary folder, 0600, and unlinked before anything is written to it.
        init?() {
            var template = Array((NSTemporaryDirectory() + "/convene-entries-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return nil }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            self.fd = fd
        }
        deinit { close(fd) }

        /// Appends segment `k`; false if the file could not take all of it.
        func write(_ data: [UInt8], segment k: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            let offset = bytes
            var done = 0
            while done < data.count {
                let n = data.withUnsafeBytes {
                    pwrite(fd, $0.baseAddress! + done, data.count - done, off_t(offset + done))
                }
                if n <= 0 { return false }
                done += n
            }
            placed[k] = (offset, data.count)
            bytes += data.count
            return true
        }

        /// Segment `k` as it was written.
        func read(segment k: Int) -> [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            if let at = recent.firstIndex(where: { $0.segment == k }) {
                let hit = recent.remove(at: at)
                recent.append(hit)
                return hit.bytes
            }
            guard let place = placed[k] else { preconditionFailure("segment \(k) of the contributions was never kept") }
            var data = [UInt8](repeating: 0, count: place.count)
            var done = 0
            while done < place.count {
                let n = data.withUnsafeMutableBytes {
                    pread(fd, $0.baseAddress! + done, place.count - done, off_t(place.offset + done))
                }
                // The file is this process's own, open and unnamed: failing to read it back is a failing disk.
                guard n > 0 else { fatalError("the export could not read back its temporary file (errno \(errno))") }
                done += n
            }
            if recent.count == Self.kept { recent.removeFirst() }
            recent.append((k, data))
            return data
        }
    }

    /// A string compared by its exact bytes: `String`'s own `==` takes "é" and "e" with a
    /// combining accent as equal, and the list must give back the bytes it was given.
    private struct ExactString: Hashable {
        let string: String
        init(_ string: String) { self.string = string }
        static func == (a: ExactString, b: ExactString) -> Bool {
            // Native strings compare as two runs of bytes (a byte at a time took a tenth of a study export).
            let fast = a.string.utf8.withContiguousStorageIfAvailable { x in
                b.string.utf8.withContiguousStorageIfAvailable { y in
                    x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
                }
            }
            if let fast, let equal = fast { return equal }
            return a.string.utf8.elementsEqual(b.string.utf8)
        }
        func hash(into hasher: inout Hasher) {
            // The same bytes always hash alike, however the string is stored (a native one is not copied).
            var native = string
            native.makeContiguousUTF8()
            hasher.combine(native.utf8.count)
            native.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
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
