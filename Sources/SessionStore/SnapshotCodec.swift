import Foundation
import SessionModel

/// Encodes a whole `SessionState` for the snapshot table.
///
/// Contributions dominate a long session (tens of thousands), and decoding them is
/// what the console waits for before its first screen; so they are written in a
/// compact binary layout of their own, and the rest of the state (small) as JSON.
/// Layout (version 2, magic "CSN2"): u32 JSON length, JSON (the state without its
/// contributions), the tables (`SnapshotTables`: the short strings the contributions
/// repeat, and the raw values of their enums), u32 count, u32 index and u64 byte
/// offset (from the first record) of the record where the second half starts, then
/// each contribution (`ContributionWriter`). A snapshot in any other layout (an older release's "CSN1")
/// is not read: it is a cache of the journal, so the open replays the journal and a
/// writable open stores a fresh one.
enum SnapshotCodec {
    static let magic = Data("CSN2".utf8)

    static func encode(_ state: SessionState) throws -> Data {
        var rest = state
        rest.contributions = []
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        let json = try e.encode(rest)
        var interning = StringInterning()
        var records = ByteWriter()
        let split = state.contributions.count / 2
        var splitOffset = 0
        for (i, c) in state.contributions.enumerated() {
            if i == split { splitOffset = records.data.count }
            ContributionWriter.write(c, to: &records, strings: &interning)
        }
        var w = ByteWriter()
        w.bytes(magic)
        w.u32(UInt32(json.count))
        w.bytes(json)
        SnapshotTables.write(strings: interning.strings, to: &w)
        w.u32(UInt32(state.contributions.count))
        w.u32(UInt32(split))
        w.u64(UInt64(splitOffset))
        w.bytes(records.data)
        return w.data
    }

    static func decode(_ data: Data) throws -> SessionState {
        // Read the blob in place: a long session's snapshot is many megabytes.
        try data.withUnsafeBytes { raw in try decode(ByteReader(raw)) }
    }

    private static func decode(_ reader: ByteReader) throws -> SessionState {
        var r = reader
        guard try r.bytes(4) == magic else { throw SnapshotError.unreadable }
        let jsonLength = Int(try r.u32())
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        var state = try d.decode(SessionState.self, from: try r.bytes(jsonLength))
        let tables = try SnapshotTables.read(&r)
        let count = Int(try r.u32())
        let split = Int(try r.u32())
        let splitOffset = try r.u64()
        let records = r.rest()
        // Every contribution takes at least its fixed part: a count past that is damage, not a reason to allocate.
        guard count <= records.count / ContributionWriter.fixedSize, split <= count, splitOffset <= records.count
        else { throw SnapshotError.unreadable }
        state.contributions = try decodeContributions(
            records, count: count, split: (split, Int(splitOffset)), tables: tables)
        return state
    }

    /// Below this many contributions the second thread costs more than it saves.
    static let parallelMinimum = 4_096

    /// `count` contributions from `records`, built in place in one array, each where it
    /// stays. A long session's halves are decoded at once, the first on another thread,
    /// into the two halves of that one array (joining two arrays held every contribution
    /// twice: 20 MiB more for `convene show` at 100 000 events). Both halves must end
    /// exactly where the layout says, or the snapshot is damaged.
    private static func decodeContributions(
        _ records: UnsafeRawBufferPointer, count: Int, split: (index: Int, offset: Int), tables: SnapshotTables
    ) throws -> [Contribution] {
        try [Contribution](unsafeUninitializedCapacity: count) { buffer, initialised in
            guard count > 0, let base = buffer.baseAddress else { return }
            guard count >= parallelMinimum, split.index > 0 else {
                let whole = DecodeRun(records, into: base, count: count, tables: tables)
                whole.run()
                guard whole.complete else {
                    whole.discard()
                    throw SnapshotError.unreadable
                }
                initialised = count
                return
            }
            let first = DecodeRun(
                UnsafeRawBufferPointer(rebasing: records[..<split.offset]), into: base, count: split.index,
                tables: tables)
            let second = DecodeRun(
                UnsafeRawBufferPointer(rebasing: records[split.offset...]), into: base + split.index,
                count: count - split.index, tables: tables)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                first.run()
                done.signal()
            }
            second.run()
            done.wait()
            guard first.complete, second.complete else {
                first.discard()
                second.discard()
                throw SnapshotError.unreadable
            }
            initialised = count
        }
    }
}

/// Decodes `count` contributions from `bytes` into the memory at `into` (on whichever
/// thread runs it; the caller waits for it before reading what it decoded).
private final class DecodeRun: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let into: UnsafeMutablePointer<Contribution>
    let count: Int
    let tables: SnapshotTables
    /// How many are initialised, from the first.
    private(set) var decoded = 0
    /// True when all `count` were read and they used every byte.
    private(set) var complete = false

    init(_ bytes: UnsafeRawBufferPointer, into: UnsafeMutablePointer<Contribution>, count: Int, tables: SnapshotTables)
    {
        self.bytes = bytes
        self.into = into
        self.count = count
        self.tables = tables
    }

    func run() {
        var r = ByteReader(bytes)
        do {
            while decoded < count {
                try ContributionWriter.read(&r, tables, into: into + decoded)
                decoded += 1
            }
            complete = r.atEnd
        } catch {
            complete = false
        }
    }

    /// Deinitialises what was decoded (the snapshot is damaged and the array is not built).
    func discard() {
        into.deinitialize(count: decoded)
        decoded = 0
    }
}

enum SnapshotError: Error { case unreadable }

/// Strings numbered in the order first seen, for the snapshot's string table.
struct StringInterning {
    private(set) var strings: [String] = []
    private var numbers: [String: UInt32] = [:]
    mutating func number(_ s: String) -> UInt32 {
        if let n = numbers[s] { return n }
        let n = UInt32(strings.count)
        strings.append(s)
        numbers[s] = n
        return n
    }
}

/// What a contribution record refers to by number: the short strings contributions
/// repeat (who logged, speakers, codes, placeholders, reasons), decoded once and
/// shared, and each enum's raw values, so a record holds one byte per enum and an
/// enum gaining or reordering cases never misreads an older snapshot.
struct SnapshotTables: Sendable {
    var strings: [String]
    var sources: [ContributionSource]
    var forms: [ContributionForm]
    var attributions: [AttributionLevel]
    var labels: [IdentifierLabel]

    static func write(strings: [String], to w: inout ByteWriter) {
        w.strings(strings)
        w.strings(ContributionSource.allCases.map(\.rawValue))
        w.strings(ContributionForm.allCases.map(\.rawValue))
        w.strings(AttributionLevel.allCases.map(\.rawValue))
        w.strings(IdentifierLabel.allCases.map(\.rawValue))
    }

    static func read(_ r: inout ByteReader) throws -> SnapshotTables {
        func values<T: RawRepresentable>(_: T.Type) throws -> [T] where T.RawValue == String {
            try r.strings().map { raw in
                guard let v = T(rawValue: raw) else { throw SnapshotError.unreadable }
                return v
            }
        }
        return SnapshotTables(
            strings: try r.strings(), sources: try values(ContributionSource.self),
            forms: try values(ContributionForm.self), attributions: try values(AttributionLevel.self),
            labels: try values(IdentifierLabel.self))
    }

    @inline(__always)
    func string(_ n: UInt32) throws -> String {
        guard Int(n) < strings.count else { throw SnapshotError.unreadable }
        return strings[Int(n)]
    }

    @inline(__always)
    static func pick<T>(_ values: [T], _ n: UInt8) throws -> T {
        guard Int(n) < values.count else { throw SnapshotError.unreadable }
        return values[Int(n)]
    }
}

/// One contribution's record. Fixed part (`fixedSize` bytes): number, loggedAt,
/// occurredAt, room (8 bytes each), source, form, attribution (table indexes),
/// flags, more flags (a byte each), loggedBy (u32 string number). Then, each only
/// when its flag says so: speaker (u32), alignsWith, guideSegment, round (8 bytes
/// each); the text (u32 length, UTF-8); struckReason (u32); and the lists (six u32
/// counts, then replyTo, codes, history, redactions, rejections, concerns).
enum ContributionWriter {
    static let fixedSize = 4 * 8 + 5 + 4

    private enum Flag {
        static let speaker: UInt8 = 1 << 0
        static let alignsWith: UInt8 = 1 << 1
        static let guideSegment: UInt8 = 1 << 2
        static let round: UInt8 = 1 << 3
        static let directMessage: UInt8 = 1 << 4
        static let struck: UInt8 = 1 << 5
        static let reminded: UInt8 = 1 << 6
        static let erased: UInt8 = 1 << 7
        // The second byte.
        static let struckReason: UInt8 = 1 << 0
        static let lists: UInt8 = 1 << 1
    }

    static func write(_ c: Contribution, to w: inout ByteWriter, strings: inout StringInterning) {
        w.int(c.number)
        w.date(c.loggedAt)
        w.date(c.occurredAt)
        w.int(c.room)
        w.byte(index(c.source))
        w.byte(index(c.form))
        w.byte(index(c.attribution))
        var flags: UInt8 = 0
        if c.speaker != nil { flags |= Flag.speaker }
        if c.alignsWith != nil { flags |= Flag.alignsWith }
        if c.guideSegment != nil { flags |= Flag.guideSegment }
        if c.round != nil { flags |= Flag.round }
        if c.directMessage { flags |= Flag.directMessage }
        if c.struck { flags |= Flag.struck }
        if c.reminded { flags |= Flag.reminded }
        if c.erased { flags |= Flag.erased }
        let hasLists =
            !(c.replyTo.isEmpty && c.codes.isEmpty && c.history.isEmpty && c.redactions.isEmpty
            && c.rejections.isEmpty && c.concerns.isEmpty)
        w.byte(flags)
        w.byte((c.struckReason != nil ? Flag.struckReason : 0) | (hasLists ? Flag.lists : 0))
        w.u32(strings.number(c.loggedBy))
        if let s = c.speaker { w.u32(strings.number(s)) }
        if let v = c.alignsWith { w.int(v) }
        if let v = c.guideSegment { w.int(v) }
        if let v = c.round { w.int(v) }
        w.string(c.text)
        if let s = c.struckReason { w.u32(strings.number(s)) }
        guard hasLists else { return }
        for n in [c.replyTo.count, c.codes.count, c.history.count, c.redactions.count, c.rejections.count] {
            w.u32(UInt32(n))
        }
        w.u32(UInt32(c.concerns.count))
        for v in c.replyTo { w.int(v) }
        for s in c.codes { w.u32(strings.number(s)) }
        for e in c.history {
            w.string(e.previousText)
            w.date(e.at)
            w.u32(strings.number(e.by))
        }
        for r in c.redactions {
            w.int(r.span.start)
            w.int(r.span.end)
            w.byte(index(r.label))
            w.u32(strings.number(r.placeholder))
            w.bool(r.manual)
        }
        for r in c.rejections {
            w.int(r.span.start)
            w.int(r.span.end)
            w.byte(index(r.label))
            w.u32(strings.number(r.reason))
        }
        for v in c.concerns { w.int(v) }
    }

    private static func index<T: CaseIterable & Equatable>(_ v: T) -> UInt8 {
        UInt8(T.allCases.firstIndex(of: v).map { T.allCases.distance(from: T.allCases.startIndex, to: $0) } ?? 0)
    }

    /// Sizes of the list items, to skip them: history items are a string, a date and a string number.
    private static let redactionSize = 8 + 8 + 1 + 4 + 1
    private static let rejectionSize = 8 + 8 + 1 + 4

    /// Whether the contribution at `r` has an accepted redaction or a rejected
    /// finding, reading past it without building it (the same layout as `read`).
    static func isMarked(_ r: inout ByteReader) throws -> Bool {
        try r.skip(4 * 8 + 3)
        let flags = try r.byte()
        let more = try r.byte()
        try r.skip(4)
        if flags & Flag.speaker != 0 { try r.skip(4) }
        if flags & Flag.alignsWith != 0 { try r.skip(8) }
        if flags & Flag.guideSegment != 0 { try r.skip(8) }
        if flags & Flag.round != 0 { try r.skip(8) }
        try r.skipString()
        if more & Flag.struckReason != 0 { try r.skip(4) }
        guard more & Flag.lists != 0 else { return false }
        let replies = Int(try r.u32())
        let codes = Int(try r.u32())
        let edits = Int(try r.u32())
        let redactions = Int(try r.u32())
        let rejections = Int(try r.u32())
        let concerns = Int(try r.u32())
        try r.skip(8 * replies + 4 * codes)
        for _ in 0..<edits {
            try r.skipString()
            try r.skip(12)
        }
        try r.skip(redactionSize * redactions + rejectionSize * rejections + 8 * concerns)
        return redactions > 0 || rejections > 0
    }

    static func read(_ r: inout ByteReader, _ t: SnapshotTables) throws -> Contribution {
        let p = UnsafeMutablePointer<Contribution>.allocate(capacity: 1)
        defer { p.deallocate() }
        try read(&r, t, into: p)
        return p.move()
    }

    /// Reads one contribution and initialises `p` with it, built where it will stay:
    /// building a value and then storing it copied each one twice (every string and
    /// array retained and released again), a third of the snapshot's decoding. `p` is
    /// initialised only when nothing is left that can throw.
    static func read(_ r: inout ByteReader, _ t: SnapshotTables, into p: UnsafeMutablePointer<Contribution>) throws {
        let number = try r.int()
        let loggedAt = try r.date()
        let occurredAt = try r.date()
        let room = try r.int()
        let source = try SnapshotTables.pick(t.sources, try r.byte())
        let form = try SnapshotTables.pick(t.forms, try r.byte())
        let attribution = try SnapshotTables.pick(t.attributions, try r.byte())
        let flags = try r.byte()
        let more = try r.byte()
        let loggedBy = try t.string(try r.u32())
        let speaker = try flags & Flag.speaker != 0 ? t.string(r.u32()) : nil
        let alignsWith = try flags & Flag.alignsWith != 0 ? r.int() : nil
        let guideSegment = try flags & Flag.guideSegment != 0 ? r.int() : nil
        let round = try flags & Flag.round != 0 ? r.int() : nil
        let text = try r.string()
        let struckReason = try more & Flag.struckReason != 0 ? t.string(r.u32()) : nil
        let lists = try more & Flag.lists != 0 ? readLists(&r, t) : Lists()
        p.initialize(
            to: Contribution(
                number: number, loggedAt: loggedAt, occurredAt: occurredAt, loggedBy: loggedBy, source: source,
                room: room, speaker: speaker, text: text, form: form, replyTo: lists.replyTo, alignsWith: alignsWith,
                directMessage: flags & Flag.directMessage != 0, guideSegment: guideSegment, round: round,
                codes: lists.codes, attribution: attribution, concerns: lists.concerns,
                erased: flags & Flag.erased != 0))
        // Most contributions end here: the rest is set, in place, only when there is something to set.
        guard flags & (Flag.struck | Flag.reminded) != 0 || more != 0 else { return }
        p.pointee.struck = flags & Flag.struck != 0
        p.pointee.reminded = flags & Flag.reminded != 0
        p.pointee.struckReason = struckReason
        p.pointee.history = lists.history
        p.pointee.redactions = lists.redactions
        p.pointee.rejections = lists.rejections
    }

    /// The lists of a contribution that has any.
    private struct Lists {
        var replyTo: [Int] = []
        var codes: [String] = []
        var history: [Edit] = []
        var redactions: [Redaction] = []
        var rejections: [RejectedFinding] = []
        var concerns: [Int] = []
    }

    private static func readLists(_ r: inout ByteReader, _ t: SnapshotTables) throws -> Lists {
        let replies = try r.count(atLeast: 8)
        let codes = try r.count(atLeast: 4)
        let edits = try r.count(atLeast: 16)
        let redactions = try r.count(atLeast: redactionSize)
        let rejections = try r.count(atLeast: rejectionSize)
        let concerns = try r.count(atLeast: 8)
        var l = Lists()
        l.replyTo = try (0..<replies).map { _ in try r.int() }
        l.codes = try (0..<codes).map { _ in try t.string(try r.u32()) }
        l.history = try (0..<edits).map { _ in
            Edit(previousText: try r.string(), at: try r.date(), by: try t.string(try r.u32()))
        }
        l.redactions = try (0..<redactions).map { _ in
            Redaction(
                span: TextSpan(start: try r.int(), end: try r.int()),
                label: try SnapshotTables.pick(t.labels, try r.byte()),
                placeholder: try t.string(try r.u32()), manual: try r.bool())
        }
        l.rejections = try (0..<rejections).map { _ in
            RejectedFinding(
                span: TextSpan(start: try r.int(), end: try r.int()),
                label: try SnapshotTables.pick(t.labels, try r.byte()), reason: try t.string(try r.u32()))
        }
        l.concerns = try (0..<concerns).map { _ in try r.int() }
        return l
    }
}

struct ByteWriter {
    var data = Data()
    mutating func bytes(_ d: Data) { data.append(d) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func date(_ d: Date) {
        withUnsafeBytes(of: d.timeIntervalSince1970.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    mutating func bool(_ b: Bool) { data.append(b ? 1 : 0) }
    mutating func byte(_ b: UInt8) { data.append(b) }
    mutating func string(_ s: String) {
        let u = Data(s.utf8)
        u32(UInt32(u.count))
        data.append(u)
    }
    mutating func strings(_ v: [String]) {
        u32(UInt32(v.count))
        for x in v { string(x) }
    }
}

/// Reads what `ByteWriter` wrote; any inconsistency throws rather than trapping.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    var atEnd: Bool { at == bytes.count }
    /// How many bytes have been read.
    var position: Int { at }
    /// How many bytes are left.
    var remaining: Int { bytes.count - at }

    @inline(__always)
    private mutating func take(_ n: Int) throws -> Slice<UnsafeRawBufferPointer> {
        guard n >= 0, at + n <= bytes.count else { throw SnapshotError.unreadable }
        defer { at += n }
        return bytes[at..<(at + n)]
    }
    @inline(__always)
    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let n = MemoryLayout<T>.size
        guard at + n <= bytes.count else { throw SnapshotError.unreadable }
        defer { at += n }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self))
    }
    mutating func bytes(_ n: Int) throws -> Data { Data(UnsafeRawBufferPointer(rebasing: try take(n))) }
    @inline(__always)
    mutating func u32() throws -> UInt32 { try fixed(UInt32.self) }
    @inline(__always)
    mutating func int() throws -> Int { Int(try fixed(Int64.self)) }
    mutating func u64() throws -> UInt64 { try fixed(UInt64.self) }
    /// Everything not yet read.
    mutating func rest() -> UnsafeRawBufferPointer {
        defer { at = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[at...])
    }
    @inline(__always)
    mutating func date() throws -> Date { Date(timeIntervalSince1970: Double(bitPattern: try fixed(UInt64.self))) }
    @inline(__always)
    mutating func byte() throws -> UInt8 {
        guard at < bytes.count else { throw SnapshotError.unreadable }
        defer { at += 1 }
        return bytes[at]
    }
    mutating func bool() throws -> Bool { try byte() != 0 }
    @inline(__always)
    mutating func string() throws -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: try take(Int(try u32()))), as: UTF8.self)
    }
    @inline(__always)
    mutating func skip(_ n: Int) throws { _ = try take(n) }
    mutating func skipString() throws { _ = try take(Int(try u32())) }
    /// A count of items of at least `size` bytes each; one that cannot fit in what is left is damage.
    @inline(__always)
    mutating func count(atLeast size: Int) throws -> Int {
        let n = Int(try u32())
        guard n <= remaining / size else { throw SnapshotError.unreadable }
        return n
    }
    mutating func strings() throws -> [String] {
        try (0..<(try count(atLeast: 4))).map { _ in try string() }
    }
}
