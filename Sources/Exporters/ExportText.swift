/// Small text helpers every export format shares: XML escaping, UTC time
/// stamps that do not depend on the machine's zone or locale, stable GUIDs
/// derived from the session id (the zip packages: ZipPackage.swift).
import Crypto
import Foundation

enum ExportText {
    /// Escapes for XML/HTML text and attribute values (attributes are always
    /// double-quoted, so an apostrophe stays as it is); drops characters XML 1.0 forbids.
    static func xml(_ s: String) -> String {
        // Fast path: most text needs nothing done.
        var clean = true
        var previous: (UInt8, UInt8) = (0, 0)
        for b in s.utf8 {
            if b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                || (previous == (0xEF, 0xBF) && (b == 0xBE || b == 0xBF))
            {
                clean = false
                break
            }
            previous = (previous.1, b)
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private static func parts(_ d: Date) -> tm {
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return parts
    }

    private static func pad(_ n: Int32, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `2026-05-14T10:00:00Z` (xsd:dateTime and ISO 8601).
    static func iso(_ d: Date) -> String {
        let p = parts(d)
        return
            "\(pad(p.tm_year + 1900, 4))-\(pad(p.tm_mon + 1))-\(pad(p.tm_mday))T\(pad(p.tm_hour)):\(pad(p.tm_min)):\(pad(p.tm_sec))Z"
    }

    /// `10:02:40` (UTC), for transcript lines.
    /// The process log's summary sentences, shared by the Markdown and HTML reports.
    static func processSummary(_ r: ResearchRecord) -> [String] {
        let p = r.process
        return [
            "Consent recorded for \(p.consentRecorded) participant(s)",
            "Confidentiality reminders given: \(p.confidentialityReminders)",
            "Redactions applied: \(p.redactions)",
            "Withdrawals: \(p.withdrawals)",
            "Left out: \(p.excludedStruck) struck, \(p.excludedWithoutConsent) without consent, \(p.excludedWithdrawn) withdrawn",
        ]
    }

    /// Whether `s` holds the byte `b` in its UTF-8 (memchr: the generic `contains` goes a byte at a time).
    static func hasByte(_ s: String, _ b: UInt8) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(b), bytes.count) != nil
        }
    }

    /// The decimal digits of `n` (not negative) written at the start of `out`; returns how many.
    static func digits(_ n: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var v = n.magnitude
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &tmp) { buf in
            var k = 0
            repeat {
                buf[k] = 0x30 + UInt8(v % 10)
                v /= 10
                k += 1
            } while v > 0
            var start = 0
            if n < 0 {
                out[0] = 0x2D
                start = 1
            }
            for i in 0..<k { out[start + i] = buf[k - 1 - i] }
            return start + k
        }
    }

    /// `iso(d)`'s bytes appended to `out`, with no string made on the way (a qdpx writes one a contribution).
    static func appendISO(_ d: Date, to out: inout [UInt8]) {
        let p = parts(d)
        guard p.tm_year + 1900 >= 0 else { return out.append(contentsOf: iso(d).utf8) }
        appendPadded(p.tm_year + 1900, 4, to: &out)
        out.append(0x2D)
        appendPadded(p.tm_mon + 1, 2, to: &out)
        out.append(0x2D)
        appendPadded(p.tm_mday, 2, to: &out)
        out.append(0x54)
        appendClock(p, to: &out)
        out.append(0x5A)
    }

    /// `clock(d)`'s bytes appended to `out`.
    static func appendClock(_ d: Date, to out: inout [UInt8]) { appendClock(parts(d), to: &out) }

    private static func appendClock(_ p: tm, to out: inout [UInt8]) {
        appendPadded(p.tm_hour, 2, to: &out)
        out.append(0x3A)
        appendPadded(p.tm_min, 2, to: &out)
        out.append(0x3A)
        appendPadded(p.tm_sec, 2, to: &out)
    }

    /// `pad(n, width)`'s bytes for `n` not negative.
    private static func appendPadded(_ n: Int32, _ width: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { buf in
            let k = digits(Int(n), into: buf)
            for _ in k..<max(k, width) { out.append(0x30) }
            out.append(contentsOf: buf[..<k])
        }
    }

    static func clock(_ d: Date) -> String {
        let p = parts(d)
        return "\(pad(p.tm_hour)):\(pad(p.tm_min)):\(pad(p.tm_sec))"
    }
}

/// GUIDs that are the same every time for the same session: a name-based
/// UUID (RFC 4122 version 5: SHA-1 of the session id's bytes and a name),
/// written in lowercase as REFI-QDA importers expect.
struct StableGUID: Sendable {
    private let namespace: [UInt8]

    init(session id: String) {
        let uuid = UUID(uuidString: id) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        namespace = withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    func guid(_ name: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(36)
        var name = name
        name.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16 + utf8.count) { hashed in
                let base = hashed.baseAddress!
                namespace.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: 16) }
                if let from = utf8.baseAddress { (base + 16).update(from: from, count: utf8.count) }
                append(hashed: UnsafeRawBufferPointer(hashed), to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The GUID of the name `prefix` + `number` + ":" + `suffix` (as `guid("selection:12:…")`), its
    /// 36 characters appended to `out`: no string made on the way (a qdpx makes several a contribution).
    /// The name is put together with copies of whole runs of bytes, not a byte at a time.
    func append(_ prefix: StaticString, _ number: Int, _ suffix: String, to out: inout [UInt8]) {
        var suffix = suffix
        suffix.withUTF8 { tail in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16 + prefix.utf8CodeUnitCount + 21 + tail.count) {
                hashed in
                let base = hashed.baseAddress!
                namespace.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: 16) }
                var n = 16
                (base + n).update(from: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                n += prefix.utf8CodeUnitCount
                n += ExportText.digits(number, into: UnsafeMutableBufferPointer(rebasing: hashed[n...]))
                base[n] = 0x3A
                n += 1
                if let from = tail.baseAddress { (base + n).update(from: from, count: tail.count) }
                n += tail.count
                append(hashed: UnsafeRawBufferPointer(start: base, count: n), to: &out)
            }
        }
    }

    /// The GUID of `hashed` (the namespace's 16 bytes, then the name: one buffer, hashed in one call).
    private func append(hashed: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var h = Insecure.SHA1()
        h.update(bufferPointer: hashed)
        h.finalize().withUnsafeBytes { d in
            // The 36 characters are written into a buffer on the stack, two a byte from a table, and appended at once.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { g in
                let raw = UnsafeMutableRawPointer(g.baseAddress!)
                for (i, at) in Self.places.enumerated() {
                    var byte = d[i]
                    if i == 6 { byte = (byte & 0x0F) | 0x50 }
                    if i == 8 { byte = (byte & 0x3F) | 0x80 }
                    raw.storeBytes(of: Self.hexPairs[Int(byte)].littleEndian, toByteOffset: at, as: UInt16.self)
                }
                g[8] = 0x2D
                g[13] = 0x2D
                g[18] = 0x2D
                g[23] = 0x2D
                out.append(contentsOf: UnsafeBufferPointer(g))
            }
        }
    }

    /// Where each of the 16 bytes' two characters go in the GUID's 36 (a hyphen at 8, 13, 18 and 23).
    private static let places = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]
    /// Each byte's two lowercase hexadecimal digits, the first in the low byte (stored little-endian: first in memory).
    private static let hexPairs: [UInt16] = (0..<256).map { b in
        UInt16(hexDigit(UInt8(b >> 4))) | UInt16(hexDigit(UInt8(b & 0x0F))) << 8
    }

    /// A lowercase hexadecimal digit for `v` (0–15).
    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 &+ v : 0x57 &+ v }
}
