/// Whether a kept scan (Privacy/ScanMemo.swift) may stand for scanning a text
/// again: its check must be the hash of this scanner's identity, the text and
/// the scan. Another scanner (new rules, lists, names or accepted terms), an
/// edited text, or a damaged row fails the check, and the text is scanned as
/// if nothing were kept.
import Crypto
import Foundation
import Privacy

/// The check of kept scans for one scanner (an export's, or the console's review screen's).
public struct ScanMemoCheck: Sendable {
    /// SHA-256 of the scanner's identity, worked out once per export.
    private let identity: [UInt8]
    static let checkLength = 16

    public init(scanner: IdentifierScanner) { identity = Array(SHA256.hash(data: scanner.identity)) }

    public func check(text: String, scan: [UInt8]) -> [UInt8] {
        // The identity, the text's length and bytes, and the scan, put together in one buffer and hashed in one
        // call (the same hash as one update each, at a quarter of swift-crypto's cost a call: an export checks
        // every kept scan).
        var text = text
        return text.withUTF8 { utf8 in
            let count = identity.count + 8 + utf8.count + scan.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
                var at = buffer.baseAddress!
                identity.withUnsafeBufferPointer { at.update(from: $0.baseAddress!, count: $0.count) }
                at += identity.count
                withUnsafeBytes(of: UInt64(utf8.count).littleEndian) {
                    UnsafeMutableRawPointer(at).copyMemory(from: $0.baseAddress!, byteCount: 8)
                }
                at += 8
                if let bytes = utf8.baseAddress { at.update(from: bytes, count: utf8.count) }
                at += utf8.count
                scan.withUnsafeBufferPointer {
                    if let bytes = $0.baseAddress { at.update(from: bytes, count: $0.count) }
                }
                var h = SHA256()
                h.update(bufferPointer: UnsafeRawBufferPointer(buffer))
                return h.finalize().withUnsafeBytes { Array($0.prefix(Self.checkLength)) }
            }
        }
    }

    /// The scan `stored` holds for `text`, or nil when there is none or it fails its check.
    public func read(_ stored: StoredScan?, text: String) -> TextScan? {
        guard let stored, stored.check.count == Self.checkLength, stored.check == check(text: text, scan: stored.scan)
        else { return nil }
        return TextScan(encoded: stored.scan, text: text)
    }

    public func store(_ scan: TextScan, number: Int, text: String) -> StoredScan {
        let bytes = scan.encoded()
        return StoredScan(number: number, check: check(text: text, scan: bytes), scan: bytes)
    }
}
