/// Where the journal ended when an export was made (issue 19): every research
/// export records it, each where its format allows (a JSON field, a CSV comment
/// line, a Markdown header line, an HTML meta element, the DOCX core
/// properties' description, the qdpx project description, the qdc codebook's
/// origin), so `convene check FILE --against EXPORT` can tell whether the
/// journal still reaches the head the export was taken from. Apart from the
/// head, the same state still gives the same bytes.
import Foundation
import ZIPFoundation

/// A journal head as an export carries it: the session, the last event and that event's hash (lower-case hex).
public struct ExportJournalHead: Codable, Sendable, Equatable {
    public var session: String
    public var seq: Int
    public var hash: String
    public init(session: String, seq: Int, hash: String) {
        self.session = session
        self.seq = seq
        self.hash = hash
    }

    /// The one text form every non-JSON format writes, and the reader looks for.
    public static let marker = "convene-journal-head"
    public var text: String { "\(Self.marker) session=\(session) seq=\(seq) hash=\(hash)" }

    /// The head an export at `path` records (the first, for a study export): its JSON `journalHead`, or the marker
    /// in its text or in any entry of its zip (docx, qdpx). Nil when there is none.
    public static func read(exportAt path: String) -> ExportJournalHead? { readAll(exportAt: path).first }

    /// Every head an export at `path` records: one for a session's export, one per session for a study's
    /// (JSON `journalHead` / `journalHeads`, or every marker in its text or in the first zip entry holding one).
    public static func readAll(exportAt path: String) -> [ExportJournalHead] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        struct Wrapper: Decodable {
            var journalHead: ExportJournalHead?
            var journalHeads: [ExportJournalHead]?
        }
        if let w = try? JSONDecoder().decode(Wrapper.self, from: data) {
            let heads = (w.journalHead.map { [$0] } ?? []) + (w.journalHeads ?? [])
            if !heads.isEmpty { return heads }
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read) else { return [] }
            for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".qde") {
                var bytes = Data()
                _ = try? archive.extract(entry, skipCRC32: false) { bytes.append($0) }
                let heads = findAll(in: String(decoding: bytes, as: UTF8.self))
                if !heads.isEmpty { return heads }
            }
            return []
        }
        return findAll(in: String(decoding: data, as: UTF8.self))
    }

    /// Every marker in `text` followed (within a line, before the next marker) by `session=`, `seq=` and `hash=`.
    static func findAll(in text: String) -> [ExportJournalHead] {
        var heads: [ExportJournalHead] = []
        var rest = text[...]
        while let at = rest.range(of: marker) {
            var line = rest[at.upperBound...].prefix { $0 != "\n" && $0 != "\r" }.prefix(400)
            // Several heads on one line (a study's qdpx description, its qdc origin): each reads only its own.
            if let next = line.range(of: marker) { line = line[..<next.lowerBound] }
            func value(_ key: String, allowed: (Character) -> Bool) -> String? {
                guard let k = line.range(of: key + "=") else { return nil }
                let v = line[k.upperBound...].prefix(while: allowed)
                return v.isEmpty ? nil : String(v)
            }
            if let session = value("session", allowed: { $0.isHexDigit || $0 == "-" }),
                let seq = value("seq", allowed: \.isASCIIDigitCharacter).flatMap({ Int($0) }),
                let hash = value("hash", allowed: \.isHexDigit)
            {
                heads.append(ExportJournalHead(session: session, seq: seq, hash: hash))
            }
            rest = rest[at.upperBound...]
        }
        return heads
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
