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
        var h = Insecure.SHA1()
        h.update(data: namespace)
        // The name's bytes in place: no copy into a `Data` (a qdpx export makes several GUIDs a contribution).
        var name = name
        name.withUTF8 { h.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var b = Array(h.finalize().prefix(16))
        b[6] = (b[6] & 0x0F) | 0x50
        b[8] = (b[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(0x2D) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
