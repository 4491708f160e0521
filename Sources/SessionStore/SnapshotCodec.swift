import Foundation
import SessionModel

/// Encodes a whole `SessionState` for the snapshot table.
///
/// Contributions dominate a long session (tens of thousands), and decoding
/// them through JSONDecoder costs seconds; so they are written in a compact
/// binary layout of their own, and the rest of the state (small) as JSON.
/// Layout: magic "CSN1", u32 JSON length, JSON (the state without its
/// contributions), u32 count, then each contribution (see `ContributionWriter`).
enum SnapshotCodec {
    static let magic = Data("CSN1".utf8)

    static func encode(_ state: SessionState) throws -> Data {
        var rest = state
        rest.contributions = []
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        let json = try e.encode(rest)
        var w = ByteWriter()
        w.bytes(magic)
        w.u32(UInt32(json.count))
        w.bytes(json)
        w.u32(UInt32(state.contributions.count))
        for c in state.contributions { ContributionWriter.write(c, to: &w) }
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
        let count = Int(try r.u32())
        state.contributions = try decodeContributions(&r, count: count)
        guard r.atEnd else { throw SnapshotError.unreadable }
        return state
    }

    /// `count` contributions from `r`, in one array built in place. (Decoding runs on
    /// several threads and joining them was tried: it held the contributions twice,
    /// 20 MiB more for `convene show` at 100 000 events, near its 100 MiB budget.)
    private static func decodeContributions(_ r: inout ByteReader, count: Int) throws -> [Contribution] {
        var out: [Contribution] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try ContributionWriter.read(&r)) }
        return out
    }
}

enum SnapshotError: Error { case unreadable }

enum ContributionWriter {
    static func write(_ c: Contribution, to w: inout ByteWriter) {
        w.int(c.number)
        w.date(c.loggedAt)
        w.date(c.occurredAt)
        w.string(c.loggedBy)
        w.string(c.source.rawValue)
        w.int(c.room)
        w.optString(c.speaker)
        w.string(c.text)
        w.string(c.form.rawValue)
        w.ints(c.replyTo)
        w.optInt(c.alignsWith)
        w.bool(c.directMessage)
        w.optInt(c.guideSegment)
        w.optInt(c.round)
        w.strings(c.codes)
        w.string(c.attribution.rawValue)
        w.bool(c.struck)
        w.optString(c.struckReason)
        w.u32(UInt32(c.history.count))
        for e in c.history {
            w.string(e.previousText)
            w.date(e.at)
            w.string(e.by)
        }
        w.u32(UInt32(c.redactions.count))
        for r in c.redactions {
            w.int(r.span.start)
            w.int(r.span.end)
            w.string(r.label.rawValue)
            w.string(r.placeholder)
            w.bool(r.manual)
        }
        w.u32(UInt32(c.rejections.count))
        for r in c.rejections {
            w.int(r.span.start)
            w.int(r.span.end)
            w.string(r.label.rawValue)
            w.string(r.reason)
        }
        w.ints(c.concerns)
        w.bool(c.reminded)
        w.bool(c.erased)
    }

    /// Whether the contribution at `r` has an accepted redaction or a rejected
    /// finding, reading past it without building it (the same layout as `read`).
    static func isMarked(_ r: inout ByteReader) throws -> Bool {
        _ = try r.int()
        try r.skip(16)
        try r.skipString()
        try r.skipString()
        _ = try r.int()
        try r.skipOptString()
        try r.skipString()
        try r.skipString()
        try r.skipInts()
        _ = try r.optInt()
        _ = try r.bool()
        _ = try r.optInt()
        _ = try r.optInt()
        for _ in 0..<(try r.u32()) { try r.skipString() }
        try r.skipString()
        _ = try r.bool()
        try r.skipOptString()
        for _ in 0..<(try r.u32()) {
            try r.skipString()
            try r.skip(8)
            try r.skipString()
        }
        let redactions = try r.u32()
        for _ in 0..<redactions {
            try r.skip(16)
            try r.skipString()
            try r.skipString()
            _ = try r.bool()
        }
        let rejections = try r.u32()
        for _ in 0..<rejections {
            try r.skip(16)
            try r.skipString()
            try r.skipString()
        }
        try r.skipInts()
        _ = try r.bool()
        _ = try r.bool()
        return redactions > 0 || rejections > 0
    }

    static func read(_ r: inout ByteReader) throws -> Contribution {
        func value<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: try r.string()) else { throw SnapshotError.unreadable }
            return v
        }
        var c = Contribution(
            number: try r.int(), loggedAt: try r.date(), occurredAt: try r.date(), loggedBy: try r.string(),
            source: try value(ContributionSource.self), room: try r.int(), speaker: try r.optString(),
            text: try r.string(),
            form: try value(ContributionForm.self), replyTo: try r.ints(), alignsWith: try r.optInt(),
            directMessage: try r.bool(),
            guideSegment: try r.optInt(), round: try r.optInt(), codes: try r.strings(),
            attribution: try value(AttributionLevel.self))
        c.struck = try r.bool()
        c.struckReason = try r.optString()
        for _ in 0..<(try r.u32()) {
            c.history.append(Edit(previousText: try r.string(), at: try r.date(), by: try r.string()))
        }
        for _ in 0..<(try r.u32()) {
            c.redactions.append(
                Redaction(
                    span: TextSpan(start: try r.int(), end: try r.int()), label: try value(IdentifierLabel.self),
                    placeholder: try r.string(), manual: try r.bool()))
        }
        for _ in 0..<(try r.u32()) {
            c.rejections.append(
                RejectedFinding(
                    span: TextSpan(start: try r.int(), end: try r.int()), label: try value(IdentifierLabel.self),
                    reason: try r.string()))
        }
        c.concerns = try r.ints()
        c.reminded = try r.bool()
        c.erased = try r.bool()
        return c
    }
}

struct ByteWriter {
    var data = Data()
    mutating func bytes(_ d: Data) { data.append(d) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { data.append(contentsOf: $0) } }
    mutating func date(_ d: Date) {
        withUnsafeBytes(of: d.timeIntervalSince1970.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    mutating func bool(_ b: Bool) { data.append(b ? 1 : 0) }
    mutating func string(_ s: String) {
        let u = Data(s.utf8)
        u32(UInt32(u.count))
        data.append(u)
    }
    mutating func optString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
    mutating func optInt(_ v: Int?) {
        bool(v != nil)
        if let v { int(v) }
    }
    mutating func ints(_ v: [Int]) {
        u32(UInt32(v.count))
        for x in v { int(x) }
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

    private mutating func take(_ n: Int) throws -> Slice<UnsafeRawBufferPointer> {
        guard n >= 0, at + n <= bytes.count else { throw SnapshotError.unreadable }
        defer { at += n }
        return bytes[at..<(at + n)]
    }
    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let n = MemoryLayout<T>.size
        guard at + n <= bytes.count else { throw SnapshotError.unreadable }
        defer { at += n }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self))
    }
    mutating func bytes(_ n: Int) throws -> Data { Data(UnsafeRawBufferPointer(rebasing: try take(n))) }
    mutating func u32() throws -> UInt32 { try fixed(UInt32.self) }
    mutating func int() throws -> Int { Int(try fixed(Int64.self)) }
    mutating func date() throws -> Date { Date(timeIntervalSince1970: Double(bitPattern: try fixed(UInt64.self))) }
    mutating func bool() throws -> Bool { try take(1).first! != 0 }
    mutating func string() throws -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: try take(Int(try u32()))), as: UTF8.self)
    }
    mutating func optString() throws -> String? { try bool() ? try string() : nil }
    mutating func skip(_ n: Int) throws { _ = try take(n) }
    mutating func skipString() throws { _ = try take(Int(try u32())) }
    mutating func skipOptString() throws { if try bool() { try skipString() } }
    mutating func skipInts() throws { try skip(8 * Int(try u32())) }
    mutating func optInt() throws -> Int? { try bool() ? try int() : nil }
    mutating func ints() throws -> [Int] {
        let n = Int(try u32())
        guard n <= bytes.count else { throw SnapshotError.unreadable }
        return try (0..<n).map { _ in try int() }
    }
    mutating func strings() throws -> [String] {
        let n = Int(try u32())
        guard n <= bytes.count else { throw SnapshotError.unreadable }
        return try (0..<n).map { _ in try string() }
    }
}
